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
	return putDoc(ctx, s, directory.EntityConcept, "concepts", c.ID, c, by, nil)
}
