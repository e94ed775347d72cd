package store

import (
	"database/sql"
	"strconv"
	"testing"
	"time"
)

// numbered is a Dialect with PostgreSQL's placeholders; rebind uses nothing else of it.
type numbered struct{ Dialect }

func (numbered) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

func TestRebind(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"none", `SELECT count(*) FROM users`, `SELECT count(*) FROM users`},
		{"in order", `UPDATE users SET role = ? WHERE name = ?`, `UPDATE users SET role = $1 WHERE name = $2`},
		{"quoted text kept", `SELECT '?' FROM t WHERE a = ? AND b = 'it''s ?'`, `SELECT '?' FROM t WHERE a = $1 AND b = 'it''s ?'`},
		{"list", `WHERE id IN (?, ?, ?) LIMIT ?`, `WHERE id IN ($1, $2, $3) LIMIT $4`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := rebind(numbered{}, tc.in); got != tc.want {
				t.Errorf("rebind(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTimeColScan(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.UTC)
	tests := []struct {
		name string
		in   any
		want time.Time
	}{
		{"null", nil, time.Time{}},
		{"empty text", "", time.Time{}},
		{"fixed-width text", "2026-03-01T09:30:00.123456789Z", at},
		{"RFC 3339 bytes", []byte("2026-03-01T09:30:00.123456789Z"), at},
		{"timestamp elsewhere", at.In(time.FixedZone("x", 3600)), at},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got time.Time
			if err := scanTime(&got).Scan(tc.in); err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
				t.Errorf("Scan(%v) = %v (%v), %v; want %v in UTC", tc.in, got, got.Location(), err, tc.want)
			}
		})
	}
	var got time.Time
	if err := scanTime(&got).Scan(int64(1)); err == nil {
		t.Error("Scan(int64) succeeded, want an error")
	}
}

var _ sql.Scanner = (*timeCol)(nil)
