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
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE concepts IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		before, err := getDoc[directory.Concept](ctx, tx, `SELECT doc FROM concepts WHERE id = $1`, c.ID)
		if err != nil {
			return err
		}
		rev, err := directory.PlanPut(directory.EntityConcept, c.ID, before, c, by)
		if err != nil || rev == nil {
			return err
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO concepts (id, position, doc)
			VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM concepts), $2)
			ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`, c.ID, c)
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
