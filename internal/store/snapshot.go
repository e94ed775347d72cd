package store

import (
	"context"
	"encoding/json"
	"fmt"

	"signpost/internal/directory"
)

// Snapshot returns the whole directory in directory order, read in one transaction that sees
// one state of it.
func (db *DB) Snapshot(ctx context.Context) (*directory.Directory, error) {
	d := &directory.Directory{}
	err := db.inTx(ctx, db.d.SnapshotTx(), "", func(c conn) (err error) {
		if d.Resources, err = scanDocs[directory.Resource](ctx, c, `SELECT id, doc FROM resources ORDER BY position, id`); err != nil {
			return fmt.Errorf("resources: %w", err)
		}
		if d.Topics, err = scanDocs[directory.Topic](ctx, c, `SELECT id, doc FROM topics ORDER BY position, id`); err != nil {
			return fmt.Errorf("topics: %w", err)
		}
		d.Calendar, err = readCalendar(ctx, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return d, nil
}

// readCalendar reads the holidays and terms, as empty lists when there are none.
func readCalendar(ctx context.Context, c conn) (cal directory.Calendar, err error) {
	cal.Holidays, err = queryAll(ctx, c, func(row scanner) (h directory.Holiday, err error) {
		err = row.Scan(&h.Calendar, &h.Date, &h.Name, &h.Source, &h.Verified)
		return h, err
	}, `SELECT calendar, date, name, source, verified FROM holidays ORDER BY calendar, date`)
	if err != nil {
		return cal, fmt.Errorf("holidays: %w", err)
	}
	cal.Terms, err = queryAll(ctx, c, func(row scanner) (t directory.Term, err error) {
		err = row.Scan(&t.Name, &t.Start, &t.End, &t.Label, &t.Source, &t.Verified)
		return t, err
	}, `SELECT name, start_date, end_date, label, source, verified FROM terms ORDER BY name, start_date`)
	if err != nil {
		return cal, fmt.Errorf("terms: %w", err)
	}
	return cal, nil
}

// Replace validates d and replaces the whole directory in one transaction, recording a
// revision for every resource and topic that appears, changes or goes away: on any error the
// stored directory is left as it was. A stale [directory.Change.IfVersion] is an
// [directory.EConflict] error; a holiday or term listed twice an [directory.EInvalid] one.
func (db *DB) Replace(ctx context.Context, d *directory.Directory, by directory.Change) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if by.Action == "" {
		by.Action = directory.ActionImport
	}
	now := db.Now()
	err := db.inTx(ctx, nil, db.d.LockReplace(), func(c conn) error {
		var v int64
		if err := c.queryRow(ctx, `SELECT version FROM directory_version WHERE id = 1`+db.d.ForUpdate()).Scan(&v); err != nil {
			return err
		}
		if err := by.CheckVersion(v); err != nil {
			return err
		}
		revs, err := planReplace(ctx, c, d, by)
		if err != nil {
			return err
		}
		for _, q := range db.d.Clear("resources", "topics", "holidays", "terms") {
			if err := c.exec(ctx, q); err != nil {
				return err
			}
		}
		if err := insertDirectory(ctx, c, d, db.d.Time(now)); err != nil {
			return err
		}
		if err := recordRevisions(ctx, c, now, by, revs); err != nil {
			return err
		}
		// A calendar-only change records no revision but must still reach every reader.
		return bumpVersion(ctx, c)
	})
	if err != nil {
		if code := directory.ErrorCode(err); code == directory.EInvalid || code == directory.EConflict {
			return err
		}
		return fmt.Errorf("replace directory: %w", err)
	}
	return nil
}

// planReplace reads the stored directory and works out the revisions that replacing it with d
// records, the calendar's included.
func planReplace(ctx context.Context, c conn, d *directory.Directory, by directory.Change) ([]directory.PendingRevision, error) {
	var err error
	old := &directory.Directory{}
	if old.Resources, err = scanDocs[directory.Resource](ctx, c, `SELECT id, doc FROM resources ORDER BY position, id`); err != nil {
		return nil, err
	}
	if old.Topics, err = scanDocs[directory.Topic](ctx, c, `SELECT id, doc FROM topics ORDER BY position, id`); err != nil {
		return nil, err
	}
	revs, err := directory.PlanReplace(old, d, by)
	if err != nil {
		return nil, err
	}
	if old.Calendar, err = readCalendar(ctx, c); err != nil {
		return nil, err
	}
	var hasHistory bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM revisions WHERE kind = 'calendar')`).Scan(&hasHistory); err != nil {
		return nil, err
	}
	calRevs, err := directory.PlanCalendar(old.Calendar, d.Calendar, hasHistory, by)
	if err != nil {
		return nil, err
	}
	return append(revs, calRevs...), nil
}

// insertDirectory writes every row of d into the emptied tables, in d's order.
func insertDirectory(ctx context.Context, c conn, d *directory.Directory, now any) error {
	for i := range d.Resources {
		doc, err := json.Marshal(&d.Resources[i])
		if err != nil {
			return fmt.Errorf("encode resource %q: %w", d.Resources[i].ID, err)
		}
		if err := c.exec(ctx, `INSERT INTO resources (id, position, doc, updated_at) VALUES (?, ?, ?, ?)`,
			d.Resources[i].ID, i+1, string(doc), now); err != nil {
			return fmt.Errorf("insert resource %q: %w", d.Resources[i].ID, err)
		}
	}
	for i := range d.Topics {
		doc, err := json.Marshal(&d.Topics[i])
		if err != nil {
			return fmt.Errorf("encode topic %q: %w", d.Topics[i].ID, err)
		}
		if err := c.exec(ctx, `INSERT INTO topics (id, position, doc) VALUES (?, ?, ?)`, d.Topics[i].ID, i+1, string(doc)); err != nil {
			return fmt.Errorf("insert topic %q: %w", d.Topics[i].ID, err)
		}
	}
	// Validate does not look for a date listed twice: the primary keys do.
	for _, h := range d.Calendar.Holidays {
		err := c.exec(ctx, `INSERT INTO holidays (calendar, date, name, source, verified) VALUES (?, ?, ?, ?, ?)`,
			h.Calendar, h.Date, h.Name, h.Source, h.Verified)
		if c.d.IsUniqueViolation(err) {
			return directory.Errorf(directory.EInvalid, "calendar: holiday %s %s appears twice.", h.Calendar, h.Date)
		} else if err != nil {
			return fmt.Errorf("insert holiday %s %s: %w", h.Calendar, h.Date, err)
		}
	}
	for _, t := range d.Calendar.Terms {
		err := c.exec(ctx, `INSERT INTO terms (name, start_date, end_date, label, source, verified) VALUES (?, ?, ?, ?, ?, ?)`,
			t.Name, t.Start, t.End, t.Label, t.Source, t.Verified)
		if c.d.IsUniqueViolation(err) {
			return directory.Errorf(directory.EInvalid, "calendar: term %s from %s appears twice.", t.Name, t.Start)
		} else if err != nil {
			return fmt.Errorf("insert term %s %s: %w", t.Name, t.Start, err)
		}
	}
	return nil
}
