package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/resgraph/resgraph"
)

// Bulk loads into PostgreSQL.
//
// Writing a document at a time costs, per 64-document batch, a temporary
// table, an upsert of every node the batch names and index maintenance on
// every quad: about 170 s for the AKN corpus (3.2M quads). When a BulkLoad
// starts on a store that holds no documents, the writes made meanwhile are
// staged in memory instead (bulkStage, shared with the bolt bulk load:
// each distinct value once, each quad as four node numbers), and when the
// load's function returns they are written at once:
//
//  1. The quads table's indexes are dropped, their definitions recorded in
//     resgraph_bulk_indexes first (one committed transaction), so that an
//     interrupted load gets them back on the next Open. Only spo_unique
//     stays: it is partial (label_hash IS NULL) and empty on our stores, as
//     every quad has a label.
//  2. One transaction writes everything: the staged labels' previous quads
//     are deleted, nodes are COPYed with their final reference counts
//     (nodes the store already held get their counts updated instead), then
//     the quads and the obligations index, by COPY in text form written by
//     us (pg_copy.go). Readers see the store as it was until the commit,
//     then the whole load.
//  3. The indexes are built by sorting, two at a time on two connections
//     (session settings: maintenance_work_mem 512MB, so that each sort fits
//     in memory, and max_parallel_maintenance_workers 0, the two builders
//     being the parallelism), then the primary key, then ANALYZE.
//
// # Index layout
//
// Cayley creates six secondary indexes on quads: spo_unique and
// spol_unique (partial, WHERE label_hash IS NULL / IS NOT NULL), spo, ops,
// pos and osp (three columns each, fill factor 50). Sorting 3.2M rows on
// three 20-byte hashes whose first column has few distinct values (pos,
// ops) cost 10-16 CPU seconds each, and each new document touched one
// random page per quad in each of them. Cayley's SQL only ever compares
// columns for equality (a quad direction equal to a node), so we keep:
//
//   - spol_unique, without the condition: the same uniqueness (rows with a
//     NULL label never conflict in it, spo_unique covers those), and it
//     serves lookups by subject, or subject and predicate, in place of
//     spo_index;
//   - resgraph_object_index (object_hash) and resgraph_predicate_index
//     (predicate_hash), in place of ops, osp and pos: a lookup by object
//     and predicate uses either, or both (bitmap AND). Equal keys are kept
//     as posting lists in TID order, so the indexes are small and a new
//     document adds to the end of each shared object's or predicate's list
//     instead of touching a page per quad;
//   - resgraph_label_index, for document replacement, and the primary key.
//
// All with the default fill factor (90). New stores get this layout on
// Open (pgUseIndexLayout); a store loaded before keeps Cayley's until its
// next bulk load.

// pgIndex is an index of the quads table that a bulk load rebuilds.
type pgIndex struct{ name, def string }

// pgQuadIndexes are the indexes a bulk load builds, longest first. The
// primary key is added last, alone: ALTER TABLE locks out the concurrent
// builds.
var pgQuadIndexes = []pgIndex{
	{"resgraph_predicate_index", `CREATE INDEX IF NOT EXISTS resgraph_predicate_index ON quads (predicate_hash)`},
	{"resgraph_object_index", `CREATE INDEX IF NOT EXISTS resgraph_object_index ON quads (object_hash)`},
	{"spol_unique", `CREATE UNIQUE INDEX IF NOT EXISTS spol_unique ON quads (subject_hash, predicate_hash, object_hash, label_hash)`},
	{"resgraph_label_index", `CREATE INDEX IF NOT EXISTS resgraph_label_index ON quads (label_hash)`},
	{"quads_pkey", `ALTER TABLE quads ADD CONSTRAINT quads_pkey PRIMARY KEY (horizon)`},
}

// pgBulkDropped are the quads indexes a bulk load drops: Cayley's
// secondary indexes but spo_unique, and ours.
const pgBulkDropped = `spo_index, osp_index, ops_index, pos_index, spol_unique, resgraph_label_index, resgraph_predicate_index, resgraph_object_index`

// pgIndexBuilders is the number of connections building indexes at once.
const pgIndexBuilders = 2

// pgUseIndexLayout gives a new, empty store the index layout of a bulk
// load (see above). Callers have just created the tables.
func (s *Store) pgUseIndexLayout(ctx context.Context) error {
	stmts := []string{`DROP INDEX IF EXISTS ` + pgBulkDropped}
	for _, ix := range pgQuadIndexes {
		if strings.HasPrefix(ix.def, "CREATE") {
			stmts = append(stmts, ix.def)
		}
	}
	for _, stmt := range stmts {
		if _, err := s.pg.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// pgBulkBegin starts staging writes when the store holds no documents
// (quads of labels other than the registry's and the meta label); it
// reports whether it did.
func (s *Store) pgBulkBegin(ctx context.Context) (bool, error) {
	unlock, err := s.writeLock()
	if err != nil {
		return false, err
	}
	defer unlock()
	if s.stage != nil {
		return false, nil // a bulk load is already staging
	}
	var has bool
	err = s.pg.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quads WHERE label_hash IS NULL OR label_hash <> ALL($1::bytea[]))`,
		pq.ByteaArray([][]byte{hashOf(RegistryLabel), hashOf(MetaLabel)})).Scan(&has)
	if err != nil || has {
		return false, err
	}
	// Merging on a goroutine of its own lets ReplaceDocuments encode the
	// next batch meanwhile, when it stages directly (stageLocal).
	s.stage = newBulkStageSized(1 << 18)
	s.stage.startMerger()
	return true, nil
}

// pgBulkEnd writes what a bulk load staged, then builds the indexes
// recorded in resgraph_bulk_indexes (also those of a bulk load that was
// interrupted).
func (s *Store) pgBulkEnd(ctx context.Context) error {
	s.mu.Lock()
	st := s.stage
	s.stage = nil
	if st != nil {
		st.stopMerger()
	}
	var werr error
	if st != nil && len(st.order) > 0 && s.pg != nil {
		werr = s.pgBulkWrite(ctx, st)
	}
	s.mu.Unlock()
	if err := s.pgBuildIndexes(ctx); err != nil {
		return errors.Join(werr, fmt.Errorf("bulk load: building the quads indexes: %w", err))
	}
	return werr
}

// pgBulkWrite writes st: steps 1 and 2 above. Callers hold s.mu.
func (s *Store) pgBulkWrite(ctx context.Context, st *bulkStage) (err error) {
	t := time.Now()
	if err := s.pgDropIndexes(ctx); err != nil {
		return fmt.Errorf("bulk load: dropping indexes: %w", err)
	}
	t = traced("bulk drop indexes", t)

	tx, err := s.beginPgTx(ctx)
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	defer tx.rollback()
	if err := takeWriterLock(ctx, tx); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	gen, err := pgGenerationIn(ctx, tx)
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	st.add([]labelSet{{MetaLabel, []quad.Quad{generationQuad(gen + 1)}}})

	// The staged labels' previous quads (on a store without documents:
	// the registry and the generation).
	labels := make([][]byte, len(st.order))
	for i, l := range st.order {
		labels[i] = hashOf(l)
	}
	delta := make([]int64, len(st.vals)) // node number -> change of refs
	others := make(map[string]int64)     // hash -> change of refs, for nodes not staged
	rows, err := tx.QueryContext(ctx, `DELETE FROM quads WHERE label_hash = ANY($1::bytea[]) RETURNING subject_hash, predicate_hash, object_hash, label_hash`, pq.ByteaArray(labels))
	if err != nil {
		return fmt.Errorf("bulk load: deleting previous quads: %w", err)
	}
	var h [4][]byte
	for rows.Next() {
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			rows.Close()
			return err
		}
		for _, b := range h {
			if b == nil {
				continue
			}
			if len(b) == quad.HashSize {
				if n, ok := st.byHash[[quad.HashSize]byte(b)]; ok {
					delta[n]--
					continue
				}
			}
			others[string(b)]--
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("bulk load: deleting previous quads: %w", err)
	}
	t = traced("bulk delete", t)

	nquads := 0
	for _, l := range st.order {
		for _, q := range st.sets[l] {
			for _, n := range q {
				delta[n]++
			}
		}
		nquads += len(st.sets[l])
	}
	delta[0] = 0
	fields := make([]string, len(st.vals)) // node number -> its hash as a COPY field
	if err := s.pgBulkNodes(ctx, tx, st, delta, others, fields); err != nil {
		return fmt.Errorf("bulk load: writing nodes: %w", err)
	}
	t = traced("bulk nodes", t)

	err = pgCopyIn(ctx, tx.Conn, "quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}, func(c *pgCopy) error {
		for _, l := range st.order {
			for _, q := range st.sets[l] {
				for _, n := range q {
					c.raw(fields[n])
				}
				if err := c.end(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("bulk load: writing %d quads: %w", nquads, err)
	}
	t = traced("bulk quads", t)

	if err := tx.commit(ctx); err != nil {
		return fmt.Errorf("bulk load: commit: %w", err)
	}
	traced("bulk commit", t)
	docs := 0
	for _, l := range st.order {
		if l != RegistryLabel && l != MetaLabel && len(st.sets[l]) > 0 {
			docs++
		}
	}
	s.log.Debug("bulk load written", "documents", docs, "quads", nquads, "nodes", len(st.vals)-1)
	return nil
}

// pgDropIndexes records the definitions of pgQuadIndexes in
// resgraph_bulk_indexes and drops the quads indexes, in one committed
// transaction.
func (s *Store) pgDropIndexes(ctx context.Context) (err error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() // does nothing once committed
	for _, ix := range pgQuadIndexes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO resgraph_bulk_indexes (name, def) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET def = EXCLUDED.def`, ix.name, ix.def); err != nil {
			return err
		}
	}
	for _, stmt := range []string{`DROP INDEX IF EXISTS ` + pgBulkDropped, `ALTER TABLE quads DROP CONSTRAINT IF EXISTS quads_pkey`} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return tx.Commit()
}

// pgBulkNodes applies the reference-count changes of a bulk load: nodes
// the store does not hold by COPY, the others by an update, then deletes
// nodes nothing refers to any more. It fills fields with the COPY field of
// each node's hash.
func (s *Store) pgBulkNodes(ctx context.Context, tx *pgTx, st *bulkStage, delta []int64, others map[string]int64, fields []string) error {
	held := make(map[[quad.HashSize]byte]bool)
	rows, err := tx.QueryContext(ctx, `SELECT hash FROM nodes`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			rows.Close()
			return err
		}
		if len(b) == quad.HashSize {
			held[[quad.HashSize]byte(b)] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var updHash [][]byte
	var updN []int64
	for h, d := range others {
		updHash, updN = append(updHash, []byte(h)), append(updN, d)
	}
	err = pgCopyIn(ctx, tx.Conn, "nodes", nodeColumns, func(c *pgCopy) error {
		row := make([]any, len(nodeColumns))
		for n := 1; n < len(st.vals); n++ {
			h := st.hashes[n]
			fields[n] = byteaField(h[:])
			d := delta[n]
			if d == 0 {
				continue
			}
			if held[h] {
				updHash, updN = append(updHash, h[:]), append(updN, d)
				continue
			}
			if d < 0 {
				return fmt.Errorf("node %x loses references it does not have", h)
			}
			if err := nodeRow(row, h[:], int(d), st.vals[n]); err != nil {
				return err
			}
			c.raw(fields[n])
			for _, v := range row[1:] {
				if err := c.value(v); err != nil {
					return err
				}
			}
			if err := c.end(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(updHash) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + d.n FROM unnest($1::bytea[], $2::bigint[]) AS d(hash, n) WHERE nodes.hash = d.hash`,
			pq.ByteaArray(updHash), pq.Int64Array(updN)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, pq.ByteaArray(updHash)); err != nil {
			return err
		}
	}
	return nil
}

// pgBuildIndexes builds the indexes recorded in resgraph_bulk_indexes
// (step 3 above), forgetting each once built, then analyzes the tables.
// It holds the writer lock for its session meanwhile, and first ends the
// builds a dead load left running (pg_heal.go).
func (s *Store) pgBuildIndexes(ctx context.Context) error {
	var pending bool
	if err := s.pg.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM resgraph_bulk_indexes)`).Scan(&pending); err != nil || !pending {
		return err
	}
	lock, err := s.pg.Conn(ctx)
	if err != nil {
		return err
	}
	// Closing the connection ends the session, and the lock with it (the
	// connection is not returned to the pool holding it).
	defer func() {
		lock.Raw(func(any) error { return driver.ErrBadConn })
		lock.Close()
	}()
	if err := s.pgLockSession(ctx, lock); err != nil {
		return err
	}
	if err := s.pgEndOrphanBuilds(ctx, lock); err != nil {
		return err
	}
	rows, err := lock.QueryContext(ctx, `SELECT name, def FROM resgraph_bulk_indexes ORDER BY name`)
	if err != nil {
		return err
	}
	var jobs, last []pgIndex
	for rows.Next() {
		var ix pgIndex
		if err := rows.Scan(&ix.name, &ix.def); err != nil {
			rows.Close()
			return err
		}
		if strings.HasPrefix(ix.def, "ALTER TABLE") {
			last = append(last, ix)
		} else {
			jobs = append(jobs, ix)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(jobs)+len(last) == 0 {
		return nil
	}
	// Longest first: in the order of pgQuadIndexes.
	rank := func(name string) int {
		for i, ix := range pgQuadIndexes {
			if ix.name == name {
				return i
			}
		}
		return len(pgQuadIndexes)
	}
	for i := 1; i < len(jobs); i++ {
		for j := i; j > 0 && rank(jobs[j].name) < rank(jobs[j-1].name); j-- {
			jobs[j], jobs[j-1] = jobs[j-1], jobs[j]
		}
	}
	start := time.Now()
	next := make(chan pgIndex)
	errs := make([]error, pgIndexBuilders)
	var wg sync.WaitGroup
	for w := 0; w < pgIndexBuilders; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ix := range next {
				if errs[w] == nil {
					errs[w] = s.pgBuildIndex(ctx, ix)
				}
			}
		}()
	}
	for _, ix := range jobs {
		next <- ix
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, ix := range last {
		if err := s.pgBuildIndex(ctx, ix); err != nil {
			return err
		}
	}
	t := time.Now()
	for _, stmt := range []string{`ANALYZE quads`, `ANALYZE nodes`} {
		if _, err := s.pg.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	traced("analyze", t)
	s.log.Info("built quad indexes after a bulk load", "indexes", len(jobs)+len(last), "seconds", time.Since(start).Seconds())
	return nil
}

// pgBuildIndex builds ix on a connection of its own, unless it exists, and
// forgets it.
func (s *Store) pgBuildIndex(ctx context.Context, ix pgIndex) error {
	t := time.Now()
	conn, err := s.pg.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, ix.name).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		// Each build sorts in memory, alone (the two builders are the
		// parallelism); the settings end with the session.
		for _, set := range []string{`SET maintenance_work_mem = '512MB'`, `SET max_parallel_maintenance_workers = 0`} {
			if _, err := conn.ExecContext(ctx, set); err != nil {
				return err
			}
		}
		if _, err := conn.ExecContext(ctx, ix.def); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // not back to the pool with its settings
			return fmt.Errorf("building index %s: %w", ix.name, err)
		}
		for _, reset := range []string{`RESET maintenance_work_mem`, `RESET max_parallel_maintenance_workers`} {
			if _, err := conn.ExecContext(ctx, reset); err != nil {
				return err
			}
		}
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM resgraph_bulk_indexes WHERE name = $1`, ix.name); err != nil {
		return err
	}
	traced("index "+ix.name, t)
	return nil
}

// checkSets rejects quads that do not belong in their set.
func checkSets(sets []labelSet) error {
	for _, set := range sets {
		for _, q := range set.quads {
			if q.Label != set.label {
				return resgraph.Errorf(resgraph.EINVALID, "quad %s is not labelled %s", q, set.label)
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return resgraph.Errorf(resgraph.EINVALID, "quad %s has an empty direction", q)
			}
		}
	}
	return nil
}
