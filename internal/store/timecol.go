package store

import (
	"fmt"
	"time"
)

// timeCol scans a time column into a [time.Time] in UTC, whichever way the database keeps
// it: RFC 3339 text (SQLite), a timestamp (PostgreSQL), or NULL or "" for none (the zero
// time).
type timeCol time.Time

func scanTime(t *time.Time) *timeCol { return (*timeCol)(t) }

// Scan implements [database/sql.Scanner].
func (c *timeCol) Scan(src any) error {
	var t time.Time
	var err error
	switch v := src.(type) {
	case nil:
	case time.Time:
		t = v.UTC()
	case string:
		t, err = parseTime(v)
	case []byte:
		t, err = parseTime(string(v))
	default:
		err = fmt.Errorf("time column holds a %T", src)
	}
	*c = timeCol(t)
	return err
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t.UTC(), err
}
