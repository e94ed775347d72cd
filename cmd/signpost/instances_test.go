package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"signpost/internal/testenv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestTwoInstancesServeOneEdit runs two `signpost serve` instances on one database, retires a
// resource through the first one's editors' area, and requires the second to stop serving it
// within a second (stretched under the race detector, which slows every reload tenfold). It
// runs on a shared SQLite file, and on PostgreSQL when a test database is given.
func TestTwoInstancesServeOneEdit(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { twoInstances(t, "") })
	t.Run("postgres", func(t *testing.T) {
		u := os.Getenv("SIGNPOST_TEST_POSTGRES")
		if u == "" {
			if os.Getenv("CI") == "true" {
				t.Fatal("SIGNPOST_TEST_POSTGRES is not set in CI")
			}
			t.Skip("SIGNPOST_TEST_POSTGRES not set: run scripts/test")
		}
		twoInstances(t, freshSchema(t, u))
	})
}

// freshSchema returns a URL for a new, empty schema of the test database, dropped afterwards,
// so that the edit here touches no other test's data.
func freshSchema(t *testing.T, base string) string {
	ctx := context.Background()
	schema := fmt.Sprintf("signpost_twins_%d", os.Getpid())
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), base); err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

func twoInstances(t *testing.T, databaseURL string) {
	t.Setenv("SIGNPOST_DATA", t.TempDir())
	t.Setenv("SIGNPOST_DATABASE_URL", databaseURL)
	const id = "ombuds"
	stdin = strings.NewReader("a long enough passphrase\n")
	t.Cleanup(func() { stdin = os.Stdin })
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"user", "add", "-role", "editor", "twin-editor-" + time.Now().Format("150405.000000")}, &out, &errb); code != 0 {
		t.Fatalf("user add: %s", errb.String())
	}
	name := strings.Fields(strings.TrimPrefix(out.String(), "added "))[0]

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		var logs testenv.LogBuffer
		done := make(chan int, 1)
		go func() { done <- run(ctx, []string{"serve", "-addr", addr}, io.Discard, &logs) }()
		t.Cleanup(func() { cancel(); <-done })
		waitUntil(t, 20*time.Second, func() bool {
			resp, err := http.Get("http://" + addr + "/healthz")
			if err == nil {
				resp.Body.Close()
			}
			return err == nil
		}, "instance up")
		return "http://" + addr
	}
	a, b := start(), start()
	status := func(base string) int {
		resp, err := http.Get(base + "/api/v1/resources/" + id)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if status(a) != 200 || status(b) != 200 {
		t.Fatalf("before the edit: %d, %d", status(a), status(b))
	}

	jar, _ := cookiejar.New(nil)
	// An edit answers once its instance has rebuilt the catalog: about a second, ten under
	// the race detector on a busy machine.
	c := &http.Client{Jar: jar, Timeout: time.Duration(5*raceSlowdown) * time.Second}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	token := func(path string) string {
		resp, err := c.Get(a + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrf.FindSubmatch(body)
		if m == nil {
			t.Fatalf("no form token on %s: %s", path, body)
		}
		return string(m[1])
	}
	resp, err := c.PostForm(a+"/admin/login", url.Values{"csrf": {token("/admin/login")}, "name": {name}, "password": {"a long enough passphrase"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.PostForm(a+"/admin/resources/"+id+"/status", url.Values{"csrf": {token("/admin/resources/" + id)}, "status": {"retired"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	edited := time.Now()
	if resp.StatusCode != 200 || status(a) != 404 {
		t.Fatalf("retiring through instance A: %d, then A serves %d", resp.StatusCode, status(a))
	}
	for status(b) != 404 {
		// The store's version is read every half second; the rest of the bound is the
		// reload itself (the navigator compiles its knowledge) on a busy two-core machine.
		if time.Since(edited) > time.Duration(3*raceSlowdown)*time.Second {
			t.Fatalf("instance B still serves %s %v after the edit", id, time.Since(edited))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("instance B stopped serving the retired resource %v after the edit", time.Since(edited).Round(time.Millisecond))
}
