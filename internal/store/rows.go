package store

import "context"

// scanner is a *sql.Row or *sql.Rows, positioned on a row.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs query and scans every row it returns with scan. It returns an empty slice,
// not nil, when there are none, so that lists encode as [] rather than null.
func queryAll[T any](ctx context.Context, c conn, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
