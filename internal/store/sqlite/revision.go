package sqlite

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
func (s *Store) Revisions(ctx context.Context, q directory.RevisionQuery) ([]directory.Revision, error) {
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
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("revisions: %w", err)
	}
	defer rows.Close()
	out := []directory.Revision{}
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("revisions: %w", err)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// Revision returns one revision, or an [directory.ENotFound] error.
func (s *Store) Revision(ctx context.Context, id int64) (*directory.Revision, error) {
	r, err := scanRevision(s.db.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM revisions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "Revision %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("revision %d: %w", id, err)
	}
	return r, nil
}

func scanRevision(row interface{ Scan(...any) error }) (*directory.Revision, error) {
	var r directory.Revision
	var at, changed, doc string
	if err := row.Scan(&r.ID, &r.Kind, &r.EntityID, &r.Author, &r.Action, &r.Note, &at, &changed, &doc); err != nil {
		return nil, err
	}
	var err error
	if r.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return nil, fmt.Errorf("revision %d: time %q: %w", r.ID, at, err)
	}
	if err := json.Unmarshal([]byte(changed), &r.Changed); err != nil {
		return nil, fmt.Errorf("revision %d: changed: %w", r.ID, err)
	}
	r.Doc = json.RawMessage(doc)
	return &r, nil
}
