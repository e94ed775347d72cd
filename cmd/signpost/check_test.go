package main

import (
	"encoding/json"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"signpost/internal/directory"
)

// importDirectory writes resources as a Signpost file and imports it into dataDir with the
// import command, replacing the defaults.
func importDirectory(t *testing.T, dataDir string, resources ...directory.Resource) {
	t.Helper()
	b, err := json.Marshal(directory.Directory{Resources: resources, Topics: []directory.Topic{}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "directory.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, dataDir, "import", file); code != 0 {
		t.Fatalf("import = %d %s", code, errs)
	}
}

func checkResource(id, lastVerified string, urls ...string) directory.Resource {
	r := directory.Resource{ID: id, Name: "Office " + id, Organization: "MIT", Description: "An office.",
		Audience: directory.AudienceAll, Confidentiality: directory.NotConfidential, Kind: directory.KindService,
		Topics: []string{}, Provenance: directory.Provenance{Source: "test", LastVerified: lastVerified}}
	for _, u := range urls {
		r.Contacts = append(r.Contacts, directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: u, URL: u, Label: "Web site"})
	}
	return r
}

func TestCheckCommand(t *testing.T) {
	t.Setenv("SIGNPOST_DATABASE_URL", "")
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("GET /missing", http.NotFound)
	mux.HandleFunc("GET /error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	trustTestServer(t, srv)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "https://" + ln.Addr().String() + "/"
	ln.Close()

	today := time.Now().Format(time.DateOnly)
	draft := checkResource("draft-office", "", srv.URL+"/missing")
	draft.Status = directory.StatusDraft
	dir := t.TempDir()
	importDirectory(t, dir,
		checkResource("fresh-office", today, srv.URL+"/ok", srv.URL+"/old"),
		checkResource("broken-office", today, srv.URL+"/missing", srv.URL+"/error", srv.URL+"/slow", closed),
		checkResource("stale-office", "2020-01-01"),
		draft,
	)

	code, out, errs := runCLI(t, dir, "check", "-timeout", "2s")
	if code != 1 || errs != "" {
		t.Fatalf("check = %d, stderr %q, want 1 and nothing on stderr\n%s", code, errs, out)
	}
	want := []string{
		"MOVED       fresh-office contacts[1]: link " + srv.URL + "/old: moved permanently to " + srv.URL + "/ok: update the link",
		"BROKEN      broken-office contacts[0]: link " + srv.URL + "/missing: the server answers 404 Not Found",
		"BROKEN      broken-office contacts[1]: link " + srv.URL + "/error: the server answers 500 Internal Server Error",
		"UNREACHABLE broken-office contacts[2]: link " + srv.URL + "/slow: no answer within 2s",
		"UNREACHABLE broken-office contacts[3]: link " + closed + ": connection refused",
		"STALE       stale-office: review: due since 2020-06-29 (last verified 2020-01-01, every 180 days)",
		"checked 3 resources (1 skipped: drafts or retired), 6 links, 0 e-mail domains: 1 stale, 2 broken, 2 unreachable, 1 moved",
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check printed\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}

	code, out, _ = runCLI(t, dir, "check", "-json", "-timeout", "2s", "-concurrency", "2")
	var rep struct {
		Problems int `json:"problems"`
		Findings []struct {
			ResourceID string `json:"resource_id"`
			Contact    int    `json:"contact"`
			Status     string `json:"status"`
			HTTPStatus int    `json:"http_status"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("check -json = %d, %v:\n%s", code, err, out)
	}
	if rep.Problems != 5 || len(rep.Findings) != 9 {
		t.Errorf("check -json: %d problems in %d findings, want 5 in 9 (3 reviews, 6 links)", rep.Problems, len(rep.Findings))
	}
	if f := rep.Findings[4]; f.ResourceID != "broken-office" || f.Contact != 0 || f.Status != "broken" || f.HTTPStatus != 404 {
		t.Errorf("check -json: fifth finding %+v, want broken-office's 404", f)
	}

	// Offline, only review dates count: here stale-office alone.
	code, out, _ = runCLI(t, dir, "check", "-offline")
	if code != 1 || strings.Contains(out, "contacts[") || !strings.Contains(out, "STALE       stale-office") {
		t.Errorf("check -offline = %d:\n%s\nwant 1 and only the stale review", code, out)
	}
}

func TestCheckOfflineAllWell(t *testing.T) {
	t.Setenv("SIGNPOST_DATABASE_URL", "")
	dir := t.TempDir()
	today := time.Now().Format(time.DateOnly)
	// The link would fail, but -offline never fetches it.
	importDirectory(t, dir, checkResource("fresh-office", today, "https://127.0.0.1:1/"), checkResource("also-fresh", today))
	code, out, errs := runCLI(t, dir, "check", "-offline")
	if code != 0 || errs != "" || out != "checked 2 resources, links and e-mail domains not checked (offline): all well\n" {
		t.Fatalf("check -offline = %d %q %q, want 0 and all well", code, out, errs)
	}
}

func TestCheckUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"check", "-concurrency", "0"},
		{"check", "-timeout", "-1s"},
		{"check", "extra"},
		{"check", "-bogus"},
	} {
		if code, _, errs := runCLI(t, dir, args...); code != 2 || !strings.Contains(errs, "Usage: signpost check") {
			t.Errorf("%v = %d %q, want 2 and the usage", args, code, errs)
		}
	}
}

// trustTestServer makes the check command trust srv's certificate, as an operator with an
// internal certificate authority would (SIGNPOST_CHECK_CA_FILE).
func trustTestServer(t *testing.T, srv *httptest.Server) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SIGNPOST_CHECK_CA_FILE", file)
}
