// Package postgres implements [directory.Store] on PostgreSQL through jackc/pgx, for
// deployments that run several Signpost instances on one database.
//
// It imports the domain only; migrations are embedded and applied on [Open] under an advisory
// lock, so that instances starting together do not race.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"signpost/internal/directory"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x5167_6e70 // "Sgnp"

// Store is a [directory.Store] on a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

var _ directory.Store = (*Store)(nil)

// Open connects to the database at url (postgres://…), checks that it answers, and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	// The store's writes are written for READ COMMITTED, PostgreSQL's default: a statement after
	// a lock sees what committed before it, and counters updated in one statement never fail
	// to serialise. A server, role or URL that makes REPEATABLE READ the default would let two
	// admins demote each other (see ChangeUser), so the connections ask for it whatever the
	// default; the snapshot reads still ask for REPEATABLE READ themselves.
	cfg.ConnConfig.RuntimeParams["default_transaction_isolation"] = "read committed"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	s := &Store{pool: pool, Now: time.Now}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return s, nil
}

// Close closes every connection.
func (s *Store) Close() error { s.pool.Close(); return nil }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		var done bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, name).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return err
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, name)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// Empty reports whether the store holds no resources.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM resources`).Scan(&n); err != nil {
		return false, fmt.Errorf("count resources: %w", err)
	}
	return n == 0, nil
}

// Resource returns the resource with the given id, or an [directory.ENotFound] error.
func (s *Store) Resource(ctx context.Context, id string) (*directory.Resource, error) {
	var r directory.Resource
	err := s.pool.QueryRow(ctx, `SELECT doc FROM resources WHERE id = $1`, id).Scan(&r)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "Resource %q not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("find resource %q: %w", id, err)
	}
	return &r, nil
}

// PutResource validates r and creates or replaces it, recording a revision when anything
// changed; a new resource goes to the end of the directory order.
func (s *Store) PutResource(ctx context.Context, r *directory.Resource, by directory.Change) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, s, directory.EntityResource, "resources", r.ID, r, by, func(tx pgx.Tx) error {
		// Every instance must be able to build its catalog from what is stored.
		rows, _ := tx.Query(ctx, `SELECT t FROM unnest($1::text[]) AS t WHERE t NOT IN (SELECT id FROM topics)`, r.Topics)
		missing, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return directory.Errorf(directory.EInvalid, "%s: topic %q does not exist.", r.ID, missing[0])
		}
		return nil
	})
}

// PutTopic validates t and creates or replaces it, recording a revision when anything changed.
func (s *Store) PutTopic(ctx context.Context, t *directory.Topic, by directory.Change) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return putDoc(ctx, s, directory.EntityTopic, "topics", t.ID, t, by, func(tx pgx.Tx) error {
		if t.Parent == "" {
			return nil
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM topics WHERE id = $1)`, t.Parent).Scan(&exists); err != nil {
			return err
		} else if !exists {
			return directory.Errorf(directory.EInvalid, "topic %s: parent %q does not exist.", t.ID, t.Parent)
		}
		return nil
	})
}

// putDoc creates or replaces the document of one resource, topic or concept in table, with
// its revision, in one transaction; check, if set, runs first in that transaction. Only the
// resources table has an updated_at column.
func putDoc[T directory.Resource | directory.Topic | directory.Concept](ctx context.Context, s *Store, kind directory.EntityKind, table, id string, v *T, by directory.Change, check func(pgx.Tx) error) error {
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The lock orders concurrent writers (from any instance): each sees the document it
		// replaces, and two new entries never take the same position.
		if _, err := tx.Exec(ctx, `LOCK TABLE `+table+` IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		before, err := getDoc[T](ctx, tx, `SELECT doc FROM `+table+` WHERE id = $1`, id)
		if err != nil {
			return err
		}
		rev, err := directory.PlanPut(kind, id, before, v, by)
		if err != nil || rev == nil {
			return err
		}
		upsert := `INSERT INTO ` + table + ` (id, position, doc) VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM ` + table + `), $2)
			ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`
		args := []any{id, v}
		if kind == directory.EntityResource {
			upsert = `INSERT INTO resources (id, position, doc, updated_at) VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM resources), $2, $3)
				ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`
			args = append(args, now)
		}
		if _, err := tx.Exec(ctx, upsert, args...); err != nil {
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

// getDoc decodes the one JSON document query selects, or returns nil when there is none.
func getDoc[T any](ctx context.Context, tx pgx.Tx, query string, args ...any) (*T, error) {
	var v T
	err := tx.QueryRow(ctx, query, args...).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// recordRevisions stores revs and, when there are any, bumps the directory version.
func recordRevisions(ctx context.Context, tx pgx.Tx, now time.Time, by directory.Change, revs []directory.PendingRevision) error {
	if len(revs) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, r := range revs {
		note := by.Note
		if r.Note != "" {
			note = r.Note
		}
		b.Queue(`INSERT INTO revisions (kind, entity_id, author, action, note, at, changed, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			r.Kind, r.EntityID, by.Author, r.Action, note, now, r.Changed, string(r.Doc))
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	return bumpVersion(ctx, tx)
}

// Snapshot returns the whole directory in directory order, read in one repeatable-read
// transaction so that it is consistent.
func (s *Store) Snapshot(ctx context.Context) (*directory.Directory, error) {
	d := &directory.Directory{Resources: []directory.Resource{}, Topics: []directory.Topic{},
		Calendar: directory.Calendar{Holidays: []directory.Holiday{}, Terms: []directory.Term{}}}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, `SELECT doc FROM resources ORDER BY position, id`)
		res, err := pgx.CollectRows(rows, pgx.RowTo[directory.Resource])
		if err != nil {
			return fmt.Errorf("resources: %w", err)
		}
		d.Resources = append(d.Resources, res...)
		rows, _ = tx.Query(ctx, `SELECT doc FROM topics ORDER BY position, id`)
		topics, err := pgx.CollectRows(rows, pgx.RowTo[directory.Topic])
		if err != nil {
			return fmt.Errorf("topics: %w", err)
		}
		d.Topics = append(d.Topics, topics...)
		d.Calendar, err = readCalendar(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return d, nil
}

// Replace validates d and replaces the whole directory in one transaction, recording a
// revision for every resource and topic that appears, changes or goes away: on any error the
// stored directory is left as it was.
func (s *Store) Replace(ctx context.Context, d *directory.Directory, by directory.Change) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if by.Action == "" {
		by.Action = directory.ActionImport
	}
	now := s.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE resources, topics IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		var v int64
		if err := tx.QueryRow(ctx, `SELECT version FROM directory_version WHERE id = 1 FOR UPDATE`).Scan(&v); err != nil {
			return err
		}
		if err := by.CheckVersion(v); err != nil {
			return err
		}
		old := &directory.Directory{}
		rows, _ := tx.Query(ctx, `SELECT doc FROM resources ORDER BY position, id`)
		var err error
		if old.Resources, err = pgx.CollectRows(rows, pgx.RowTo[directory.Resource]); err != nil {
			return err
		}
		rows, _ = tx.Query(ctx, `SELECT doc FROM topics ORDER BY position, id`)
		if old.Topics, err = pgx.CollectRows(rows, pgx.RowTo[directory.Topic]); err != nil {
			return err
		}
		revs, err := directory.PlanReplace(old, d, by)
		if err != nil {
			return err
		}
		if old.Calendar, err = readCalendar(ctx, tx); err != nil {
			return err
		}
		var hasHistory bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM revisions WHERE kind = 'calendar')`).Scan(&hasHistory); err != nil {
			return err
		}
		calRevs, err := directory.PlanCalendar(old.Calendar, d.Calendar, hasHistory, by)
		if err != nil {
			return err
		}
		revs = append(revs, calRevs...)
		if _, err := tx.Exec(ctx, `TRUNCATE resources, topics, holidays, terms`); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for i := range d.Resources {
			b.Queue(`INSERT INTO resources (id, position, doc, updated_at) VALUES ($1, $2, $3, $4)`, d.Resources[i].ID, i+1, &d.Resources[i], now)
		}
		for i := range d.Topics {
			b.Queue(`INSERT INTO topics (id, position, doc) VALUES ($1, $2, $3)`, d.Topics[i].ID, i+1, &d.Topics[i])
		}
		for _, h := range d.Calendar.Holidays {
			b.Queue(`INSERT INTO holidays (calendar, date, name, source, verified) VALUES ($1, $2, $3, $4, $5)`, h.Calendar, h.Date, h.Name, h.Source, h.Verified)
		}
		for _, t := range d.Calendar.Terms {
			b.Queue(`INSERT INTO terms (name, start_date, end_date, label, source, verified) VALUES ($1, $2, $3, $4, $5, $6)`, t.Name, t.Start, t.End, t.Label, t.Source, t.Verified)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		if err := recordRevisions(ctx, tx, now, by, revs); err != nil {
			return err
		}
		// A calendar-only change records no revision but must still reach every reader.
		return bumpVersion(ctx, tx)
	})
	if err != nil {
		var pgErr interface{ SQLState() string }
		if errors.As(err, &pgErr) && pgErr.SQLState() == "23505" {
			return directory.Errorf(directory.EInvalid, "The directory has a duplicate entry: %v", err)
		}
		if directory.ErrorCode(err) == directory.EConflict {
			return err
		}
		return fmt.Errorf("replace directory: %w", err)
	}
	return nil
}

// bumpVersion records, in the writing transaction, that the directory changed, and tells
// listening instances at commit (NOTIFY is delivered only if the transaction commits).
func bumpVersion(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `UPDATE directory_version SET version = version + 1 WHERE id = 1`); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, '')`, changeChannel)
	return err
}

// Version returns the directory's change counter.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, `SELECT version FROM directory_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("directory version: %w", err)
	}
	return v, nil
}

// readCalendar reads the holidays and terms, as empty lists when there are none.
func readCalendar(ctx context.Context, tx pgx.Tx) (directory.Calendar, error) {
	c := directory.Calendar{Holidays: []directory.Holiday{}, Terms: []directory.Term{}}
	rows, _ := tx.Query(ctx, `SELECT calendar, date, name, source, verified FROM holidays ORDER BY calendar, date`)
	hs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[directory.Holiday])
	if err != nil {
		return c, fmt.Errorf("holidays: %w", err)
	}
	c.Holidays = append(c.Holidays, hs...)
	rows, _ = tx.Query(ctx, `SELECT name, start_date, end_date, label, source, verified FROM terms ORDER BY name, start_date`)
	ts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[directory.Term])
	if err != nil {
		return c, fmt.Errorf("terms: %w", err)
	}
	c.Terms = append(c.Terms, ts...)
	return c, nil
}
