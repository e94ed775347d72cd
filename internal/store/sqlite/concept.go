package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"signpost/internal/directory"
)

// Concepts returns every stored concept, in the order first stored.
func (s *Store) Concepts(ctx context.Context) ([]directory.Concept, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("concepts: %w", err)
	}
	defer tx.Rollback()
	out := []directory.Concept{}
	if err := scanDocs(ctx, tx, `SELECT id, doc FROM concepts ORDER BY position, id`, &out); err != nil {
		return nil, fmt.Errorf("concepts: %w", err)
	}
	return out, nil
}

// PutConcept validates c and creates or replaces it, recording a revision when anything
// changed.
func (s *Store) PutConcept(ctx context.Context, c *directory.Concept, by directory.Change) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx, now string) error {
		before, err := getDoc[directory.Concept](ctx, tx, `SELECT doc FROM concepts WHERE id = ?`, c.ID)
		if err != nil {
			return err
		}
		rev, err := directory.PlanPut(directory.EntityConcept, c.ID, before, c, by)
		if err != nil || rev == nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO concepts (id, position, doc)
			VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM concepts), ?)
			ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`, c.ID, string(rev.Doc))
		if err != nil {
			return err
		}
		return recordRevisions(ctx, tx, now, by, []directory.PendingRevision{*rev})
	})
	if err != nil {
		return fmt.Errorf("put concept %q: %w", c.ID, err)
	}
	return nil
}
