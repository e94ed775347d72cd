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
	_, err = s.db.ExecContext(ctx, `
		INSERT INTO resources (id, position, doc, updated_at)
		VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM resources), ?, ?)
		ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
		r.ID, string(doc), s.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("put resource %q: %w", r.ID, err)
	}
	return nil
}
