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
	r, err := getDoc[directory.Resource](ctx, s.db, `SELECT doc FROM resources WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("find resource %q: %w", id, err)
	}
	if r == nil {
		return nil, directory.Errorf(directory.ENotFound, "Resource %q not found.", id)
	}
	return r, nil
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// getDoc decodes the one JSON document query selects, or returns nil when there is none.
func getDoc[T any](ctx context.Context, q queryer, query string, args ...any) (*T, error) {
	var doc string
	err := q.QueryRowContext(ctx, query, args...).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var v T
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return &v, nil
}

// PutResource validates r and creates or replaces it, recording a revision when anything
// changed. A new resource goes to the end of the directory order; a replaced one keeps its
// place.
func (s *Store) PutResource(ctx context.Context, r *directory.Resource, by directory.Change) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, s, directory.EntityResource, "resources", r.ID, r, by, func(tx *sql.Tx) error {
		// Every instance must be able to build its catalog from what is stored.
		for _, t := range r.Topics {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM topics WHERE id = ?`, t).Scan(&n); err != nil {
				return err
			} else if n == 0 {
				return directory.Errorf(directory.EInvalid, "%s: topic %q does not exist.", r.ID, t)
			}
		}
		return nil
	})
}

// PutTopic validates t and creates or replaces it, recording a revision when anything changed.
func (s *Store) PutTopic(ctx context.Context, t *directory.Topic, by directory.Change) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, s, directory.EntityTopic, "topics", t.ID, t, by, func(tx *sql.Tx) error {
		if t.Parent == "" {
			return nil
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM topics WHERE id = ?`, t.Parent).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return directory.Errorf(directory.EInvalid, "topic %s: parent %q does not exist.", t.ID, t.Parent)
		}
		return nil
	})
}

// putDoc creates or replaces the document of one resource, topic or concept in table, with
// its revision, in one transaction; check, if set, runs first in that transaction. Only the
// resources table has an updated_at column.
func putDoc[T directory.Resource | directory.Topic | directory.Concept](ctx context.Context, s *Store, kind directory.EntityKind, table, id string, v *T, by directory.Change, check func(*sql.Tx) error) error {
	err := s.write(ctx, func(tx *sql.Tx, now string) error {
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		before, err := getDoc[T](ctx, tx, `SELECT doc FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return err
		}
		rev, err := directory.PlanPut(kind, id, before, v, by)
		if err != nil || rev == nil {
			return err
		}
		upsert := `INSERT INTO ` + table + ` (id, position, doc) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM ` + table + `), ?)
			ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`
		args := []any{id, string(rev.Doc)}
		if kind == directory.EntityResource {
			upsert = `INSERT INTO resources (id, position, doc, updated_at) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM resources), ?, ?)
				ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`
			args = append(args, now)
		}
		if _, err := tx.ExecContext(ctx, upsert, args...); err != nil {
			return err
		}
		return recordRevisions(ctx, tx, now, by, []directory.PendingRevision{*rev})
	})
	if err != nil {
		if directory.ErrorCode(err) == directory.EInvalid {
			return err
		}
		return fmt.Errorf("put %s %q: %w", kind, id, err)
	}
	return nil
}

// write runs f in a writing transaction and commits it; f gets the time of the change.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx, now string) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx, s.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// recordRevisions stores revs and, when there are any, bumps the directory version.
func recordRevisions(ctx context.Context, tx *sql.Tx, now string, by directory.Change, revs []directory.PendingRevision) error {
	if len(revs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range revs {
		changed, err := json.Marshal(r.Changed)
		if err != nil {
			return err
		}
		note := by.Note
		if r.Note != "" {
			note = r.Note
		}
		if _, err := stmt.ExecContext(ctx, r.Kind, r.EntityID, by.Author, r.Action, note, now, string(changed), string(r.Doc)); err != nil {
			return err
		}
	}
	return bumpVersion(ctx, tx)
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
