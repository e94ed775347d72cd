package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/store/sqlite"
)

// TestFailHidesInternalErrors: an error without a code is a 500 whose text goes to the log
// and never to the page; coded errors get their status and a message in the page's language.
func TestFailHidesInternalErrors(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "signpost.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d, _ := mitdusp.Load()
	if err := st.Replace(ctx, d, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	k, _ := navigator.DefaultKnowledge()
	live, err := catalog.NewLive(ctx, st, k)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s, err := NewServer(Config{}, live, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		err    error
		lang   string
		status int
		want   string
	}{
		{errors.New("open /var/lib/signpost/db: disk on fire"), "en", 500, "Something went wrong on our side"},
		{errors.New("open /var/lib/signpost/db: disk on fire"), "es", 500, "Algo salió mal por nuestra parte"},
		{directory.Errorf(directory.EUnavailable, "The database is down."), "en", 503, "Something went wrong on our side"},
		{directory.Errorf(directory.ENotFound, "Resource %q not found.", "x"), "es", 404, "No encontramos esa página"},
		{directory.Errorf(directory.ETooLarge, "Too big."), "en", 413, "more than we can read at once"},
	} {
		w := httptest.NewRecorder()
		s.fail(w, httptest.NewRequest("GET", "/?lang="+tc.lang, nil), tc.err)
		body := w.Body.String()
		if w.Code != tc.status || !strings.Contains(body, tc.want) || strings.Contains(body, "disk on fire") || strings.Contains(body, "database is down") {
			t.Errorf("fail(%v) in %s = %d; want %d with %q and no internal detail", tc.err, tc.lang, w.Code, tc.status, tc.want)
		}
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Error("an internal error is not logged")
	}
}
