package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"signpost/internal/directory"
)

// Resource returns the resource with the given id, or an [directory.ENotFound] error.
func (s *Store) Resource(ctx context.Context, id string) (*directory.Resource, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM resources WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "Resource %q not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("find resource %q: %w", id, err)
	}
	var r directory.Resource
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		return nil, fmt.Errorf("decode resource %q: %w", id, err)
	}
	return &r, nil
}

// PutResource validates r and creates or replaces it. A new resource goes to the end of the
// directory order; a replaced one keeps its place.
func (s *Store) PutResource(ctx context.Context, r *directory.Resource) error {
	if err := r.Validate(); err != nil {
		return err
	}
	doc, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode resource %q: %w", r.ID, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put resource %q: %w", r.ID, err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `
		INSERT INTO resources (id, position, doc, updated_at)
		VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM resources), ?, ?)
		ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
		r.ID, string(doc), s.Now().UTC().Format(time.RFC3339Nano))
	if err == nil {
		err = bumpVersion(ctx, tx)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return fmt.Errorf("put resource %q: %w", r.ID, err)
	}
	return nil
}

// bumpVersion records, in the writing transaction, that the directory changed.
func bumpVersion(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE directory_version SET version = version + 1 WHERE id = 1`)
	return err
}

// Version returns the directory's change counter.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM directory_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("directory version: %w", err)
	}
	return v, nil
}
