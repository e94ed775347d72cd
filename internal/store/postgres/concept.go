package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"signpost/internal/directory"
)

// Concepts returns every stored concept, in the order first stored.
func (s *Store) Concepts(ctx context.Context) ([]directory.Concept, error) {
	rows, _ := s.pool.Query(ctx, `SELECT doc FROM concepts ORDER BY position, id`)
	out, err := pgx.CollectRows(rows, pgx.RowTo[directory.Concept])
	if err != nil {
		return nil, fmt.Errorf("concepts: %w", err)
	}
	if out == nil {
		out = []directory.Concept{}
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
