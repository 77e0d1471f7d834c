package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// Index builds left by a dead load.
//
// A bulk load builds the quads indexes on connections of their own
// (pg_bulk.go, step 3). When the load's process dies, PostgreSQL does not
// notice until a backend next talks to it: the backends go on building,
// and an Open meanwhile, building the same indexes from
// resgraph_bulk_indexes, failed with `duplicate key value violates unique
// constraint "pg_class_relname_nsp_index"` (issue 17). So index builds run
// under the writer lock, held for the session by one connection: a build
// on the quads table while we hold that lock belongs to a process that no
// longer holds it, a dead one. pgEndOrphanBuilds terminates those
// backends and waits until they are gone before the indexes are built
// again.

// pgLockSession takes the writer lock for the session of conn, saying so
// when it has to wait for another process.
func (s *Store) pgLockSession(ctx context.Context, conn *sql.Conn) error {
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, int64(writerLock)).Scan(&got); err != nil {
		return fmt.Errorf("taking the writer lock: %w", err)
	}
	if got {
		return nil
	}
	s.log.Info("waiting for another process writing the store to finish before building its indexes")
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(writerLock)); err != nil {
		return fmt.Errorf("taking the writer lock: %w", err)
	}
	return nil
}

// pgOrphanWait bounds the wait for terminated backends to exit.
const pgOrphanWait = time.Minute

// pgEndOrphanBuilds terminates the backends building an index on this
// store's quads table, other than ours, and waits until they have exited.
// Callers hold the writer lock for the session of conn.
func (s *Store) pgEndOrphanBuilds(ctx context.Context, conn *sql.Conn) error {
	const orphans = `SELECT p.pid, COALESCE(a.query, '') FROM pg_stat_progress_create_index p
		LEFT JOIN pg_stat_activity a ON a.pid = p.pid
		WHERE p.relid = to_regclass('quads') AND p.pid <> pg_backend_pid()`
	rows, err := conn.QueryContext(ctx, orphans)
	if err != nil {
		return fmt.Errorf("looking for index builds left by a dead load: %w", err)
	}
	var pids []int64
	var queries []string
	for rows.Next() {
		var pid int64
		var q string
		if err := rows.Scan(&pid, &q); err != nil {
			rows.Close()
			return err
		}
		pids, queries = append(pids, pid), append(queries, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(pids) == 0 {
		return err
	}
	s.log.Warn("terminating index builds left running by a load that died; they are rebuilt now",
		"backends", pids, "statements", queries)
	if _, err := conn.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, pq.Array(pids)); err != nil {
		return fmt.Errorf("terminating index builds left by a dead load (backends %v): %w", pids, err)
	}
	deadline := time.Now().Add(pgOrphanWait)
	for {
		var left int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])`, pq.Array(pids)).Scan(&left); err != nil {
			return err
		}
		if left == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d backends building indexes for a dead load did not exit within %v: "+
				"ask the database administrator to end them (SELECT pg_terminate_backend(pid) FROM pg_stat_progress_create_index), then open the store again", left, pgOrphanWait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
