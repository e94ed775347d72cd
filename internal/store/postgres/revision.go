package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"signpost/internal/directory"
)

const revisionColumns = `id, kind, entity_id, author, action, note, at, changed, doc`

// Revisions returns the revisions q selects, newest first.
func (s *Store) Revisions(ctx context.Context, q directory.RevisionQuery) ([]directory.Revision, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1))
	}
	if q.Kind != "" {
		add("kind = ?", q.Kind)
	}
	if q.EntityID != "" {
		add("entity_id = ?", q.EntityID)
	}
	if q.Before > 0 {
		add("id < ?", q.Before)
	}
	query := `SELECT ` + revisionColumns + ` FROM revisions`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, directory.RevisionLimit(q.Limit))
	query += " ORDER BY id DESC LIMIT $" + strconv.Itoa(len(args))
	rows, _ := s.pool.Query(ctx, query, args...)
	out, err := pgx.CollectRows(rows, scanRevision)
	if err != nil {
		return nil, fmt.Errorf("revisions: %w", err)
	}
	return out, nil
}

// Revision returns one revision, or an [directory.ENotFound] error.
func (s *Store) Revision(ctx context.Context, id int64) (*directory.Revision, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+revisionColumns+` FROM revisions WHERE id = $1`, id)
	r, err := pgx.CollectExactlyOneRow(rows, scanRevision)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "Revision %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("revision %d: %w", id, err)
	}
	return &r, nil
}

func scanRevision(row pgx.CollectableRow) (directory.Revision, error) {
	var r directory.Revision
	var doc []byte
	err := row.Scan(&r.ID, &r.Kind, &r.EntityID, &r.Author, &r.Action, &r.Note, &r.At, &r.Changed, &doc)
	r.Doc = doc
	return r, err
}
