package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/store/postgres"
	"signpost/internal/store/storetest"
)

var schemaSeq atomic.Int64

// mustOpen opens a store in a fresh schema of the database named by SIGNPOST_TEST_POSTGRES,
// so that subtests do not see each other's data. Without the variable the test is skipped,
// unless CI=true, where a missing database is a failure.
func mustOpen(tb testing.TB) *postgres.Store {
	tb.Helper()
	return mustOpenWith(tb, "")
}

// mustOpenWith opens a store in a fresh schema, with params (key=value&…) added to the URL.
func mustOpenWith(tb testing.TB, params string) *postgres.Store {
	tb.Helper()
	url := os.Getenv("SIGNPOST_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("SIGNPOST_TEST_POSTGRES is not set in CI: scripts/test starts a throwaway PostgreSQL")
		}
		tb.Skip("SIGNPOST_TEST_POSTGRES not set: run scripts/test, which starts a throwaway PostgreSQL")
	}
	ctx := context.Background()
	schema := fmt.Sprintf("signpost_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	conn.Close(ctx)
	tb.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		if err == nil {
			conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(context.Background())
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	if params != "" {
		params = "&" + params
	}
	s, err := postgres.Open(ctx, url+sep+"search_path="+schema+params)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) directory.Store { return mustOpen(tb) })
}

func TestAccountConformance(t *testing.T) {
	storetest.RunAccounts(t, func(tb testing.TB) account.Store { return mustOpen(tb) })
}

// TestAccountConformanceUnderRepeatableReadDefault: a database URL (or server, or role) that
// makes REPEATABLE READ the default must not let two admins demote each other, nor make
// sign-in failures fail to count.
func TestAccountConformanceUnderRepeatableReadDefault(t *testing.T) {
	storetest.RunAccounts(t, func(tb testing.TB) account.Store {
		return mustOpenWith(tb, "default_transaction_isolation=repeatable%20read")
	})
}

func TestOpenUnreachableGivesClearError(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if err == nil {
		t.Fatal("Open(unreachable) succeeded")
	}
	if got := err.Error(); !strings.Contains(got, "connect to PostgreSQL") {
		t.Fatalf("Open(unreachable) error = %q, want it to say it could not connect", got)
	}
}

// TestListenHearsOtherInstancesWrites: a write through one store is announced, through
// LISTEN/NOTIFY, to a listener on another connection within a second.
func TestListenHearsOtherInstancesWrites(t *testing.T) {
	writer := mustOpen(t)
	storetest.MustReplace(t, writer, storetest.Fixture())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	heard := make(chan struct{}, 16)
	done := make(chan struct{})
	go func() { writer.Listen(ctx, func() { heard <- struct{}{} }); close(done) }()
	select {
	case <-heard: // the call made once the LISTEN is in place
	case <-time.After(5 * time.Second):
		t.Fatal("Listen never started")
	}
	r := storetest.Fixture().Resources[0]
	r.Summary = "announced"
	if err := writer.PutResource(ctx, &r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-heard:
	case <-time.After(time.Second):
		t.Fatal("no notification within a second of a committed write")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Listen did not return when its context ended")
	}
}
