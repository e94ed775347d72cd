package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"signpost/internal/directory"
)

const revisionColumns = `id, kind, entity_id, author, action, note, at, changed, doc`

// Revisions returns the revisions q selects, newest first.
func (db *DB) Revisions(ctx context.Context, q directory.RevisionQuery) ([]directory.Revision, error) {
	var where []string
	var args []any
	if q.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, q.Kind)
	}
	if q.EntityID != "" {
		where, args = append(where, "entity_id = ?"), append(args, q.EntityID)
	}
	if q.Before > 0 {
		where, args = append(where, "id < ?"), append(args, q.Before)
	}
	query := `SELECT ` + revisionColumns + ` FROM revisions`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, directory.RevisionLimit(q.Limit))
	out, err := queryAll(ctx, db.conn(), scanRevision, query, args...)
	if err != nil {
		return nil, fmt.Errorf("revisions: %w", err)
	}
	return out, nil
}

// Revision returns one revision, or an [directory.ENotFound] error.
func (db *DB) Revision(ctx context.Context, id int64) (*directory.Revision, error) {
	r, err := scanRevision(db.conn().queryRow(ctx, `SELECT `+revisionColumns+` FROM revisions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "Revision %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("revision %d: %w", id, err)
	}
	return &r, nil
}

func scanRevision(row scanner) (directory.Revision, error) {
	var r directory.Revision
	var changed, doc []byte
	if err := row.Scan(&r.ID, &r.Kind, &r.EntityID, &r.Author, &r.Action, &r.Note, scanTime(&r.At), &changed, &doc); err != nil {
		return r, err
	}
	if err := json.Unmarshal(changed, &r.Changed); err != nil {
		return r, fmt.Errorf("revision %d: changed: %w", r.ID, err)
	}
	r.Doc = doc
	return r, nil
}

// recordRevisions stores revs and, when there are any, bumps the directory version.
func recordRevisions(ctx context.Context, c conn, now time.Time, by directory.Change, revs []directory.PendingRevision) error {
	if len(revs) == 0 {
		return nil
	}
	at := c.d.Time(now)
	for _, r := range revs {
		changed, err := json.Marshal(r.Changed)
		if err != nil {
			return err
		}
		note := by.Note
		if r.Note != "" {
			note = r.Note
		}
		if err := c.exec(ctx, `INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			r.Kind, r.EntityID, by.Author, r.Action, note, at, string(changed), string(r.Doc)); err != nil {
			return err
		}
	}
	return bumpVersion(ctx, c)
}
