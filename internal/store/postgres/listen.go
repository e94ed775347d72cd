package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// changeChannel is the NOTIFY channel every write announces itself on (see bumpVersion).
const changeChannel = "signpost_directory"

// Listen calls changed each time any instance commits a change to the directory, until ctx
// ends, so that a reader can reload at once rather than at its next poll. It holds one
// connection of the pool for LISTEN; when the connection fails it retries every retry
// interval, and calls changed after each reconnection, since changes made meanwhile went
// unannounced. Polling the version stays the safety net.
func (s *Store) Listen(ctx context.Context, changed func()) {
	const retry = time.Second
	for ctx.Err() == nil {
		if err := s.listenOnce(ctx, changed); err != nil && ctx.Err() == nil {
			select {
			case <-ctx.Done():
			case <-time.After(retry):
			}
		}
	}
}

func (s *Store) listenOnce(ctx context.Context, changed func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+changeChannel); err != nil {
		return err
	}
	changed()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		changed()
	}
}
