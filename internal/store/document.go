package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"signpost/internal/directory"
)

// Resource returns the resource with the given id, or an [directory.ENotFound] error.
func (db *DB) Resource(ctx context.Context, id string) (*directory.Resource, error) {
	r, err := getDoc[directory.Resource](ctx, db.conn(), `SELECT doc FROM resources WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("find resource %q: %w", id, err)
	}
	if r == nil {
		return nil, directory.Errorf(directory.ENotFound, "Resource %q not found.", id)
	}
	return r, nil
}

// PutResource validates r and creates or replaces it, recording a revision when anything
// changed. A new resource goes to the end of the directory order; a replaced one keeps its
// place. Every topic it names must exist, or it is an [directory.EInvalid] error.
func (db *DB) PutResource(ctx context.Context, r *directory.Resource, by directory.Change) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, db, directory.EntityResource, "resources", r.ID, r, by, func(c conn) error {
		// Every instance must be able to build its catalog from what is stored.
		missing, err := missingTopics(ctx, c, r.Topics)
		if err != nil || len(missing) == 0 {
			return err
		}
		return directory.Errorf(directory.EInvalid, "%s: topic %q does not exist.", r.ID, missing[0])
	})
}

// missingTopics returns the ids, in order, that name no stored topic, in one query.
func missingTopics(ctx context.Context, c conn, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	stored, err := queryAll(ctx, c, func(row scanner) (id string, err error) {
		err = row.Scan(&id)
		return id, err
	}, `SELECT id FROM topics WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		if !slices.Contains(stored, id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// PutTopic validates t and creates or replaces it, recording a revision when anything changed.
// Its parent, when it has one, must exist, or it is an [directory.EInvalid] error.
func (db *DB) PutTopic(ctx context.Context, t *directory.Topic, by directory.Change) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, db, directory.EntityTopic, "topics", t.ID, t, by, func(c conn) error {
		if t.Parent == "" {
			return nil
		}
		var exists bool
		if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM topics WHERE id = ?)`, t.Parent).Scan(&exists); err != nil {
			return err
		} else if !exists {
			return directory.Errorf(directory.EInvalid, "topic %s: parent %q does not exist.", t.ID, t.Parent)
		}
		return nil
	})
}

// Concepts returns every stored concept, in the order first stored.
func (db *DB) Concepts(ctx context.Context) ([]directory.Concept, error) {
	out, err := scanDocs[directory.Concept](ctx, db.conn(), `SELECT id, doc FROM concepts ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("concepts: %w", err)
	}
	return out, nil
}

// PutConcept validates c and creates or replaces it, recording a revision when anything
// changed.
func (db *DB) PutConcept(ctx context.Context, c *directory.Concept, by directory.Change) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, db, directory.EntityConcept, "concepts", c.ID, c, by, nil)
}

// putDoc creates or replaces the document of one resource, topic or concept in table, with
// its revision, in one transaction; check, if set, runs first in that transaction. Only the
// resources table has an updated_at column.
func putDoc[T directory.Resource | directory.Topic | directory.Concept](ctx context.Context, db *DB, kind directory.EntityKind, table, id string, v *T, by directory.Change, check func(conn) error) error {
	now := db.Now()
	// The lock orders concurrent writers (from any instance): each sees the document it
	// replaces, and two new entries never take the same position.
	err := db.inTx(ctx, nil, db.d.LockPut(table), func(c conn) error {
		if check != nil {
			if err := check(c); err != nil {
				return err
			}
		}
		before, err := getDoc[T](ctx, c, `SELECT doc FROM `+table+` WHERE id = ?`, id)
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
			args = append(args, db.d.Time(now))
		}
		if err := c.exec(ctx, upsert, args...); err != nil {
			return err
		}
		return recordRevisions(ctx, c, now, by, []directory.PendingRevision{*rev})
	})
	if err != nil {
		if directory.ErrorCode(err) == directory.EInvalid {
			return err
		}
		return fmt.Errorf("put %s %q: %w", kind, id, err)
	}
	return nil
}

// getDoc decodes the one JSON document query selects, or returns nil when there is none.
func getDoc[T any](ctx context.Context, c conn, query string, args ...any) (*T, error) {
	var doc []byte
	err := c.queryRow(ctx, query, args...).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var v T
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return &v, nil
}

// scanDocs decodes the JSON documents that query selects as (id, doc) rows, in order.
func scanDocs[T any](ctx context.Context, c conn, query string) ([]T, error) {
	return queryAll(ctx, c, func(row scanner) (v T, err error) {
		var id string
		var doc sql.RawBytes // valid until the next row: decoded at once
		if err = row.Scan(&id, &doc); err != nil {
			return v, err
		}
		if err = json.Unmarshal(doc, &v); err != nil {
			err = fmt.Errorf("decode %q: %w", id, err)
		}
		return v, err
	}, query)
}
