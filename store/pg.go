package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/resgraph/resgraph"
)

// PostgreSQL: Cayley's SQL backend owns the schema (tables nodes and
// quads, keyed by SHA-1 value hashes, nodes reference-counted). We add an
// index on quads.label_hash, since replacing a document finds its quads by
// label, write documents with COPY (Cayley inserts row by row, ~3k
// quads/s), bulk-load new stores in one transaction, and replace four of
// Cayley's quad indexes by narrower ones (pg_bulk.go). Everything written
// here keeps Cayley's invariants: a node's refs is the number of quad
// directions naming it, and a node with no refs is deleted.

func (s *Store) openPostgres(ctx context.Context) error {
	db, err := sql.Open("postgres", s.cfg.Path)
	if err != nil {
		return err
	}
	// Cayley's Init logs an error when the tables exist: ask first.
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		db.Close()
		return err
	}
	created := false
	if !exists {
		if err := cgraph.InitQuadStore("postgres", s.cfg.Path, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			db.Close()
			return fmt.Errorf("creating tables: %w", err)
		}
		created = true
	}
	qs, err := cgraph.NewQuadStore("postgres", s.cfg.Path, nil)
	if err != nil {
		db.Close()
		return err
	}
	// Each change only when needed: ALTER TABLE waits for every reader of
	// quads (a long scan by a running server), and readers queue behind it.
	for _, c := range pgSchema {
		var need bool
		err := db.QueryRowContext(ctx, c.need).Scan(&need)
		if err == nil && need {
			_, err = db.ExecContext(ctx, c.stmt)
		}
		if err != nil {
			qs.Close()
			db.Close()
			return fmt.Errorf("adapting Cayley's schema (%s): %w", c.stmt, err)
		}
	}
	s.qs, s.pg = qs, db
	s.pgValues = &valueCache{m: make(map[string]quad.Value)}
	if created {
		if err := s.pgUseIndexLayout(ctx); err != nil {
			s.Close()
			return fmt.Errorf("adapting Cayley's indexes: %w", err)
		}
	}
	// Stores written before 2026-12-07 kept a sort-key table for
	// ObligationsOf, rewritten on every replace; nothing reads it now.
	if _, err := s.pg.ExecContext(ctx, `DROP TABLE IF EXISTS resgraph_obliged`); err != nil {
		s.Close()
		return fmt.Errorf("dropping the old obligations index: %w", err)
	}
	// A bulk load that did not finish left its indexes to rebuild.
	if err := s.pgBulkEnd(ctx); err != nil {
		s.Close()
		return fmt.Errorf("rebuilding indexes of an interrupted bulk load: %w", err)
	}
	return nil
}

// pgSchema adapts Cayley's schema. The label index serves document
// replacement. The foreign keys from quads to nodes go: their checks take a
// row lock on four nodes per inserted quad, which made COPY run at ~3k
// quads/s; our writes create nodes before quads in the same transaction,
// and TestPostgresInvariants checks that every quad's nodes exist with the
// right reference counts.
var pgSchema = []struct{ need, stmt string }{
	{`SELECT to_regclass('resgraph_label_index') IS NULL`, `CREATE INDEX IF NOT EXISTS resgraph_label_index ON quads (label_hash)`},
	{`SELECT to_regclass('resgraph_bulk_indexes') IS NULL`, `CREATE TABLE IF NOT EXISTS resgraph_bulk_indexes (name TEXT PRIMARY KEY, def TEXT NOT NULL)`},
	{pgHasFK("subject_hash_fk"), `ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk`},
	{pgHasFK("predicate_hash_fk"), `ALTER TABLE quads DROP CONSTRAINT IF EXISTS predicate_hash_fk`},
	{pgHasFK("object_hash_fk"), `ALTER TABLE quads DROP CONSTRAINT IF EXISTS object_hash_fk`},
	{pgHasFK("label_hash_fk"), `ALTER TABLE quads DROP CONSTRAINT IF EXISTS label_hash_fk`},
	// As Cayley's inserts write it; our COPYs leave it out.
	{`SELECT NOT atthasdef FROM pg_attribute WHERE attrelid = 'quads'::regclass AND attname = 'ts'`, `ALTER TABLE quads ALTER COLUMN ts SET DEFAULT now()`},
}

// pgHasFK is the query whether quads has the constraint name.
func pgHasFK(name string) string {
	return `SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'quads'::regclass AND conname = '` + name + `')`
}

// takeWriterLock takes the transaction-scoped advisory lock that
// serializes writers across processes; it is released when tx ends.
func takeWriterLock(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writerLock)); err != nil {
		return fmt.Errorf("taking the writer lock: %w", err)
	}
	return nil
}

// beginWrite begins a transaction that holds the writer lock.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := takeWriterLock(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// redactURL hides the password of a connection URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(postgres URL)"
	}
	return u.Redacted()
}

// hashOf is the hash Cayley's SQL backend keys a value by.
func hashOf(v quad.Value) []byte {
	h, _ := csql.HashOf(v).SQLValue().([]byte)
	return h
}

// pgTrace, when a test sets it, receives the time each phase of a
// PostgreSQL write or bulk load took.
var pgTrace func(phase string, d time.Duration)

// traced reports the time since start to pgTrace, when set, and returns now.
func traced(phase string, start time.Time) time.Time {
	now := time.Now()
	if pgTrace != nil {
		pgTrace(phase, now.Sub(start))
	}
	return now
}

// writerLock serializes writers across processes sharing the database.
const writerLock = 0x7265736772617068 // "resgraph"

// pgReplace is replaceLabels on PostgreSQL: one SQL transaction that
// deletes each label's quads and COPYs the new ones, fixing node reference
// counts, then bumps the generation. When nothing changed it rolls back.
func (s *Store) pgReplace(ctx context.Context, sets []labelSet) (err error) {
	if err := checkSets(sets); err != nil {
		return err
	}
	if s.stage != nil {
		s.stage.flush()   // after the batches queued before
		s.stage.add(sets) // a bulk load: written when it ends
		return nil
	}
	t := time.Now()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() // does nothing once committed
	gen, err := s.pgGeneration(ctx, true, tx)
	if err != nil {
		return err
	}

	refs := make(map[string]int)          // node hash -> change of refs
	values := make(map[string]quad.Value) // node hash -> value, for new nodes
	var adds [][4][]byte
	changed := false
	del := func(label []byte) (map[[4]string]bool, error) {
		rows, err := tx.QueryContext(ctx, `DELETE FROM quads WHERE label_hash = $1 RETURNING subject_hash, predicate_hash, object_hash`, label)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		old := make(map[[4]string]bool)
		for rows.Next() {
			var sh, ph, oh []byte
			if err := rows.Scan(&sh, &ph, &oh); err != nil {
				return nil, err
			}
			old[[4]string{string(sh), string(ph), string(oh), string(label)}] = true
			refs[string(sh)]--
			refs[string(ph)]--
			refs[string(oh)]--
			refs[string(label)]--
		}
		return old, rows.Err()
	}
	add := func(q quad.Quad) [4]string {
		var k [4]string
		var row [4][]byte
		for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			h := hashOf(v)
			row[i] = h
			k[i] = string(h)
			refs[k[i]]++
			if _, ok := values[k[i]]; !ok {
				values[k[i]] = v
			}
		}
		adds = append(adds, row)
		return k
	}

	t = traced("begin", t)
	sets = append(sets, labelSet{MetaLabel, []quad.Quad{generationQuad(gen + 1)}})
	var tdel time.Duration
	for i, set := range sets {
		t0 := time.Now()
		old, err := del(hashOf(set.label))
		if err != nil {
			return fmt.Errorf("deleting %s: %w", set.label, err)
		}
		tdel += time.Since(t0)
		seen := make(map[[4]string]bool, len(set.quads))
		for _, q := range set.quads {
			if q.Label != set.label {
				return resgraph.Errorf(resgraph.EINVALID, "quad %s is not labelled %s", q, set.label)
			}
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return resgraph.Errorf(resgraph.EINVALID, "quad %s has an empty direction", q)
			}
			k := add(q)
			if seen[k] {
				adds = adds[:len(adds)-1] // a repeated quad: undo
				for _, h := range k {
					refs[h]--
				}
				continue
			}
			seen[k] = true
			if !old[k] && i < len(sets)-1 { // the last set is the generation
				changed = true
			}
		}
		if i < len(sets)-1 && len(old) != len(seen) {
			changed = true
		}
	}
	traced("delete", time.Now().Add(-tdel))
	t = traced("encode", t.Add(tdel))
	if !changed {
		return tx.Rollback() // same quads: keep the generation
	}
	if err := copyNodes(ctx, tx, refs, values); err != nil {
		return fmt.Errorf("writing nodes: %w", err)
	}
	t = traced("nodes", t)
	if err := copyQuads(ctx, tx, adds); err != nil {
		return fmt.Errorf("writing %d quads: %w", len(adds), err)
	}
	t = traced("quads", t)
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	traced("commit", t)
	return nil
}

// copyNodes applies reference-count changes: nodes the store does not
// hold by COPY, the others' counts by one update, then deletes nodes
// nothing refers to. Callers hold the writer lock, so no other writer adds
// a node between the lookup and the COPY. (A temporary table and an
// upsert cost twice as much for a document.)
func copyNodes(ctx context.Context, tx *sql.Tx, refs map[string]int, values map[string]quad.Value) error {
	var inc [][]byte
	for h, n := range refs {
		if n > 0 {
			inc = append(inc, []byte(h))
		}
	}
	held := make(map[string]bool, len(inc))
	if len(inc) > 0 {
		rows, err := tx.QueryContext(ctx, `SELECT hash FROM nodes WHERE hash = ANY($1::bytea[])`, pq.ByteaArray(inc))
		if err != nil {
			return err
		}
		for rows.Next() {
			var h []byte
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return err
			}
			held[string(h)] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var updHash, decHash [][]byte
	var updN []int64
	var stmt *sql.Stmt
	row := make([]any, len(nodeColumns))
	for h, n := range refs {
		switch {
		case n == 0:
			continue
		case n < 0 || held[h]:
			updHash, updN = append(updHash, []byte(h)), append(updN, int64(n))
			if n < 0 {
				decHash = append(decHash, []byte(h))
			}
			continue
		}
		if stmt == nil {
			var err error
			if stmt, err = tx.PrepareContext(ctx, pq.CopyIn("nodes", nodeColumns...)); err != nil {
				return err
			}
		}
		if err := nodeRow(row, []byte(h), n, values[h]); err != nil {
			stmt.Close()
			return err
		}
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			stmt.Close()
			return err
		}
	}
	if stmt != nil {
		if _, err := stmt.ExecContext(ctx); err != nil {
			stmt.Close()
			return err
		}
		if err := stmt.Close(); err != nil {
			return err
		}
	}
	if len(updHash) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET refs = nodes.refs + d.n FROM unnest($1::bytea[], $2::bigint[]) AS d(hash, n) WHERE nodes.hash = d.hash`,
			pq.ByteaArray(updHash), pq.Int64Array(updN)); err != nil {
			return err
		}
	}
	if len(decHash) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, pq.ByteaArray(decHash)); err != nil {
			return err
		}
	}
	return nil
}

// nodeColumns are the columns of Cayley's nodes table, in table order.
var nodeColumns = []string{"hash", "refs", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// nodeRow fills row with the nodes row of v, as Cayley's own insert would.
func nodeRow(row []any, hash []byte, refs int, v quad.Value) error {
	for i := range row {
		row[i] = nil
	}
	typ, vals, err := csql.NodeValues(csql.NodeHash{}, v)
	if err != nil {
		return err
	}
	row[0], row[1] = hash, refs
	for i, c := range typ.Columns() {
		for j, name := range nodeColumns {
			if name == c {
				row[j] = vals[1+i]
			}
		}
	}
	return nil
}

func copyQuads(ctx context.Context, tx *sql.Tx, rows [][4][]byte) error {
	if len(rows) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn("quads", "subject_hash", "predicate_hash", "object_hash", "label_hash"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r[0], r[1], r[2], r[3]); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}

// pgGeneration reads the generation, inside tx when given.
func (s *Store) pgGeneration(ctx context.Context, _ bool, tx *sql.Tx) (int64, error) {
	var db rowQuerier = s.pg
	if tx != nil {
		db = tx
	}
	return pgGenerationIn(ctx, db)
}

// rowQuerier is a *sql.DB, *sql.Tx or *sql.Conn.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// pgGenerationIn reads the generation through db.
func pgGenerationIn(ctx context.Context, db rowQuerier) (int64, error) {
	const q = `SELECT COALESCE(MAX(n.value_int), 0) FROM quads q JOIN nodes n ON n.hash = q.object_hash
		WHERE q.subject_hash = $1 AND q.predicate_hash = $2 AND q.label_hash = $3`
	var gen int64
	if err := db.QueryRowContext(ctx, q, hashOf(storeNode), hashOf(PGeneration), hashOf(MetaLabel)).Scan(&gen); err != nil {
		return 0, fmt.Errorf("reading the generation: %w", err)
	}
	return gen, nil
}

// nodeCols selects the value columns of node alias a.
func nodeCols(a string) string {
	cols := []string{"value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}
	for i, c := range cols {
		cols[i] = a + "." + c
	}
	return strings.Join(cols, ", ")
}

// nodeScan holds the scanned value columns of one node.
type nodeScan struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

func (n *nodeScan) dest() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

// value decodes the node as Cayley's NameOf does.
func (n *nodeScan) value() (quad.Value, error) {
	switch {
	case n.str.Valid:
		s := strings.ReplaceAll(n.str.String, `\x00`, "\x00")
		switch {
		case n.iri.Bool:
			return quad.IRI(s), nil
		case n.bnode.Bool:
			return quad.BNode(s), nil
		case n.typ.Valid:
			return quad.TypedString{Value: quad.String(s), Type: quad.IRI(n.typ.String)}, nil
		case n.lang.Valid:
			return quad.LangString{Value: quad.String(s), Lang: n.lang.String}, nil
		}
		return quad.String(s), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time), nil
	case n.data != nil:
		return pquads.UnmarshalValue(n.data)
	}
	return nil, nil
}

// pgScan streams the quads matching where (all when empty) with their
// values, in one statement, so the result is one consistent snapshot.
// Subjects and objects are joined; predicates and labels, a few thousand
// values repeated millions of times, come from a cache by hash.
func (s *Store) pgScan(ctx context.Context, where string, args []any, fn func(quad.Quad) error) error {
	return s.pgScanIn(ctx, s.pg, where, args, nil, fn)
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// pgScanIn is pgScan through db. When subjects is not nil, it maps the hash
// of every subject the scan can meet to its value, and the subjects are not
// joined.
func (s *Store) pgScanIn(ctx context.Context, db querier, where string, args []any, subjects map[string]quad.Value, fn func(quad.Quad) error) error {
	q := `SELECT q.predicate_hash, q.label_hash, ` + nodeCols("s") + `, ` + nodeCols("o") + `
		FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash
		JOIN nodes o ON o.hash = q.object_hash`
	if subjects != nil {
		q = `SELECT q.predicate_hash, q.label_hash, q.subject_hash, ` + nodeCols("o") + `
		FROM quads q
		JOIN nodes o ON o.hash = q.object_hash`
	}
	if where != "" {
		q += " WHERE " + where
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var ns [2]nodeScan
	var ph, lh, sh []byte
	dest := []any{&ph, &lh}
	for i := range ns {
		if i == 0 && subjects != nil {
			dest = append(dest, &sh)
			continue
		}
		dest = append(dest, ns[i].dest()...)
	}
	type pending struct {
		q      quad.Quad
		ph, lh string
	}
	var batch []pending
	flush := func() error {
		// Concurrent scans may fetch the same value twice: harmless, and
		// simpler than waiting for each other.
		var missing [][]byte
		asked := map[string]bool{}
		s.pgValues.mu.Lock()
		for _, b := range batch {
			for _, h := range []string{b.ph, b.lh} {
				if _, ok := s.pgValues.m[h]; !ok && h != "" && !asked[h] {
					asked[h] = true
					missing = append(missing, []byte(h))
				}
			}
		}
		s.pgValues.mu.Unlock()
		if len(missing) > 0 {
			if err := s.pgFetchValues(ctx, missing); err != nil {
				return err
			}
		}
		s.pgValues.mu.Lock()
		for i := range batch {
			batch[i].q.Predicate = s.pgValues.m[batch[i].ph]
			if batch[i].lh != "" {
				batch[i].q.Label = s.pgValues.m[batch[i].lh]
			}
		}
		s.pgValues.mu.Unlock()
		for _, b := range batch {
			if b.q.Predicate == nil {
				return fmt.Errorf("quad %s names a missing predicate node", b.q)
			}
			if err := fn(b.q); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for rows.Next() {
		for i := range ns {
			ns[i] = nodeScan{}
		}
		ph, lh = nil, nil
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		var err error
		var sv quad.Value
		if subjects != nil {
			sv = subjects[string(sh)]
			if sv == nil {
				return fmt.Errorf("scan met subject hash %x, not one it was given", sh)
			}
		} else if sv, err = ns[0].value(); err != nil {
			return err
		}
		ov, err := ns[1].value()
		if err != nil {
			return err
		}
		batch = append(batch, pending{quad.Quad{Subject: sv, Object: ov}, string(ph), string(lh)})
		if len(batch) == 4096 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// pgFetchValues reads the values of the given node hashes into the cache.
// Values are content-addressed, so the cache never goes stale.
func (s *Store) pgFetchValues(ctx context.Context, hashes [][]byte) error {
	rows, err := s.pg.QueryContext(ctx, `SELECT n.hash, `+nodeCols("n")+` FROM nodes n WHERE n.hash = ANY($1::bytea[])`, pq.ByteaArray(hashes))
	if err != nil {
		return err
	}
	defer rows.Close()
	var h []byte
	var ns nodeScan
	dest := append([]any{&h}, ns.dest()...)
	for rows.Next() {
		ns = nodeScan{}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		v, err := ns.value()
		if err != nil {
			return err
		}
		s.pgValues.mu.Lock()
		s.pgValues.m[string(h)] = v
		s.pgValues.mu.Unlock()
	}
	return rows.Err()
}
