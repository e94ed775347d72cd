package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"signpost/internal/directory"
)

// Snapshot returns the whole directory in directory order, read in one transaction so that it
// is consistent.
func (s *Store) Snapshot(ctx context.Context) (*directory.Directory, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer tx.Rollback()
	d := &directory.Directory{Resources: []directory.Resource{}, Topics: []directory.Topic{}}
	if err := scanDocs(ctx, tx, `SELECT id, doc FROM resources ORDER BY position, id`, &d.Resources); err != nil {
		return nil, fmt.Errorf("snapshot resources: %w", err)
	}
	if err := scanDocs(ctx, tx, `SELECT id, doc FROM topics ORDER BY position, id`, &d.Topics); err != nil {
		return nil, fmt.Errorf("snapshot topics: %w", err)
	}
	if d.Calendar, err = readCalendar(ctx, tx); err != nil {
		return nil, fmt.Errorf("snapshot calendar: %w", err)
	}
	return d, nil
}

func scanDocs[T any](ctx context.Context, tx interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, out *[]T) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		var v T
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return fmt.Errorf("decode %q: %w", id, err)
		}
		*out = append(*out, v)
	}
	return rows.Err()
}

func readCalendar(ctx context.Context, tx *sql.Tx) (directory.Calendar, error) {
	c := directory.Calendar{Holidays: []directory.Holiday{}, Terms: []directory.Term{}}
	rows, err := tx.QueryContext(ctx, `SELECT calendar, date, name, source, verified FROM holidays ORDER BY calendar, date`)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var h directory.Holiday
		if err := rows.Scan(&h.Calendar, &h.Date, &h.Name, &h.Source, &h.Verified); err != nil {
			return c, err
		}
		c.Holidays = append(c.Holidays, h)
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT name, start_date, end_date, label, source, verified FROM terms ORDER BY name, start_date`)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var t directory.Term
		if err := rows.Scan(&t.Name, &t.Start, &t.End, &t.Label, &t.Source, &t.Verified); err != nil {
			return c, err
		}
		c.Terms = append(c.Terms, t)
	}
	return c, rows.Err()
}

// Replace validates d and replaces the whole directory in one transaction, recording a
// revision for every resource and topic that appears, changes or goes away: on any error the
// stored directory is left as it was.
func (s *Store) Replace(ctx context.Context, d *directory.Directory, by directory.Change) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if by.Action == "" {
		by.Action = directory.ActionImport
	}
	err := s.write(ctx, func(tx *sql.Tx, now string) error {
		var v int64
		if err := tx.QueryRowContext(ctx, `SELECT version FROM directory_version WHERE id = 1`).Scan(&v); err != nil {
			return err
		}
		if err := by.CheckVersion(v); err != nil {
			return err
		}
		old := &directory.Directory{}
		if err := scanDocs(ctx, tx, `SELECT id, doc FROM resources ORDER BY position, id`, &old.Resources); err != nil {
			return err
		}
		if err := scanDocs(ctx, tx, `SELECT id, doc FROM topics ORDER BY position, id`, &old.Topics); err != nil {
			return err
		}
		revs, err := directory.PlanReplace(old, d, by)
		if err != nil {
			return err
		}
		if old.Calendar, err = readCalendar(ctx, tx); err != nil {
			return err
		}
		var calendarRevisions int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM revisions WHERE kind = 'calendar'`).Scan(&calendarRevisions); err != nil {
			return err
		}
		calRevs, err := directory.PlanCalendar(old.Calendar, d.Calendar, calendarRevisions > 0, by)
		if err != nil {
			return err
		}
		revs = append(revs, calRevs...)
		for _, q := range []string{`DELETE FROM resources`, `DELETE FROM topics`, `DELETE FROM holidays`, `DELETE FROM terms`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		for i := range d.Resources {
			doc, err := json.Marshal(&d.Resources[i])
			if err != nil {
				return fmt.Errorf("encode resource %q: %w", d.Resources[i].ID, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO resources (id, position, doc, updated_at) VALUES (?, ?, ?, ?)`,
				d.Resources[i].ID, i+1, string(doc), now); err != nil {
				return fmt.Errorf("insert resource %q: %w", d.Resources[i].ID, err)
			}
		}
		for i := range d.Topics {
			doc, err := json.Marshal(&d.Topics[i])
			if err != nil {
				return fmt.Errorf("encode topic %q: %w", d.Topics[i].ID, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO topics (id, position, doc) VALUES (?, ?, ?)`, d.Topics[i].ID, i+1, string(doc)); err != nil {
				return fmt.Errorf("insert topic %q: %w", d.Topics[i].ID, err)
			}
		}
		for _, h := range d.Calendar.Holidays {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (calendar, date, name, source, verified) VALUES (?, ?, ?, ?, ?)`,
				h.Calendar, h.Date, h.Name, h.Source, h.Verified); err != nil {
				return directory.Errorf(directory.EInvalid, "calendar: holiday %s %s: %v", h.Calendar, h.Date, err)
			}
		}
		for _, t := range d.Calendar.Terms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO terms (name, start_date, end_date, label, source, verified) VALUES (?, ?, ?, ?, ?, ?)`,
				t.Name, t.Start, t.End, t.Label, t.Source, t.Verified); err != nil {
				return directory.Errorf(directory.EInvalid, "calendar: term %s %s: %v", t.Name, t.Start, err)
			}
		}
		if err := recordRevisions(ctx, tx, now, by, revs); err != nil {
			return err
		}
		// A calendar-only change records no revision but must still reach every reader.
		return bumpVersion(ctx, tx)
	})
	if err != nil {
		if c := directory.ErrorCode(err); c == directory.EInvalid || c == directory.EConflict {
			return err
		}
		return fmt.Errorf("replace directory: %w", err)
	}
	return nil
}
