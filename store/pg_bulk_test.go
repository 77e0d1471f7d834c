package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

// oddQuads are values of every kind Cayley's nodes table has columns for,
// with the characters COPY text must escape.
func oddQuads(l quad.IRI) []quad.Quad {
	s := quad.IRI("urn:test:odd")
	vals := []quad.Value{
		quad.String("tab\there, newline\nthere, CR\r, backslash \\ and \\N, quote \" ' and ünïcödé"),
		quad.String("a NUL \x00 byte"), // Cayley stores it as `\x00` (so a literal `\x00` does not round-trip)
		quad.String(""),
		quad.TypedString{Value: "42\t", Type: "http://www.w3.org/2001/XMLSchema#token"},
		quad.LangString{Value: "résolution\n", Lang: "fr"},
		quad.Int(-9007199254740993),
		quad.Float(3.141592653589793),
		quad.Float(-1e-300),
		quad.Bool(true),
		quad.Bool(false),
		quad.Time(time.Date(2012, 12, 20, 13, 14, 15, 123456000, time.UTC)),
		quad.BNode("b1"),
		quad.IRI("urn:test:ünïcödé-iri"),
	}
	var out []quad.Quad
	for i, v := range vals {
		out = append(out, quad.Quad{Subject: s, Predicate: quad.IRI("urn:test:p" + string(rune('a'+i))), Object: v, Label: l})
	}
	return out
}

// nquadsOf returns the store's quads as sorted N-Quads lines, without the
// generation (the number of writes differs between a bulk load and
// writes one at a time).
func nquadsOf(t *testing.T, s *store.Store) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.WriteNQuads(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(buf.String(), "\n") {
		if line != "" && !strings.Contains(line, "generation") {
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out
}

// TestPostgresBulkLoad checks a staged bulk load on PostgreSQL against the
// memory store written one call at a time: a store holding the registry
// already, writes of every kind inside the load (registry, documents,
// replacement, deletion, N-Quads with values of every type and characters
// COPY must escape), then Cayley's invariants, the index layout, writes
// after the load, and the recovery of a load interrupted after dropping
// the indexes.
func TestPostgresBulkLoad(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	ctx := context.Background()
	dsn := freshDatabase(t, url)
	pg := openT(t, store.Config{Backend: store.BackendPostgres, Path: dsn})
	mem := openT(t, store.Config{Backend: store.BackendMemory})
	docs := storetest.Synthetic(40, 8, 1)
	others := storetest.Synthetic(5, 8, 2) // same symbols as docs[:5], other content
	var odd bytes.Buffer
	w := nquads.NewWriter(&odd)
	for _, q := range oddQuads("urn:test:odd-label") {
		if err := w.WriteQuad(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // flushes
		t.Fatal(err)
	}
	for _, s := range []*store.Store{pg, mem} {
		if err := s.PutActors(ctx, storetest.Actors()); err != nil {
			t.Fatal(err)
		}
		err := s.BulkLoad(ctx, func() error {
			if err := s.PutActors(ctx, storetest.SyntheticActors(8)); err != nil {
				return err
			}
			if err := s.ReplaceDocuments(ctx, storetest.Documents()); err != nil {
				return err
			}
			if err := s.ReplaceDocuments(ctx, docs); err != nil {
				return err
			}
			if err := s.ReplaceDocuments(ctx, others); err != nil {
				return err
			}
			if err := s.DeleteDocument(ctx, docs[7].Symbol); err != nil {
				return err
			}
			if err := s.ReplaceDocument(ctx, storetest.Resolution2085v2()); err != nil {
				return err
			}
			n, err := s.ReadNQuads(ctx, bytes.NewReader(odd.Bytes()))
			if err == nil && n != len(oddQuads("")) {
				t.Errorf("ReadNQuads read %d quads, want %d", n, len(oddQuads("")))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	compare := func(when string) {
		t.Helper()
		got, want := nquadsOf(t, pg), nquadsOf(t, mem)
		if !slices.Equal(got, want) {
			for _, l := range want {
				if _, found := slices.BinarySearch(got, l); !found {
					t.Errorf("%s: PostgreSQL lacks %s", when, l)
					break
				}
			}
			for _, l := range got {
				if _, found := slices.BinarySearch(want, l); !found {
					t.Errorf("%s: PostgreSQL has %s", when, l)
					break
				}
			}
			t.Fatalf("%s: PostgreSQL holds %d quads, memory %d, or they differ", when, len(got), len(want))
		}
		if len(got) < 10_000 {
			t.Fatalf("%s: %d quads: too few to test a bulk load", when, len(got))
		}
	}
	compare("after the bulk load")

	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkPostgresInvariants(t, db, "after the bulk load")
	checkIndexLayout(t, db, "after the bulk load")

	// Writes after the load go the usual way, and a second BulkLoad on a
	// store holding documents does not stage.
	for _, s := range []*store.Store{pg, mem} {
		if err := s.ReplaceDocument(ctx, docs[0]); err != nil {
			t.Fatal(err)
		}
		if err := s.BulkLoad(ctx, func() error { return s.DeleteDocument(ctx, docs[1].Symbol) }); err != nil {
			t.Fatal(err)
		}
	}
	compare("after later writes")
	checkPostgresInvariants(t, db, "after later writes")

	// A load interrupted after dropping the indexes: the next Open builds them.
	if err := pg.PGDropIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'quads'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("after dropping the indexes, quads has %d, want 1 (spo_unique)", n)
	}
	if err := pg.Close(); err != nil {
		t.Fatal(err)
	}
	pg2, err := store.Open(ctx, store.Config{Backend: store.BackendPostgres, Path: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer pg2.Close()
	checkIndexLayout(t, db, "after reopening an interrupted load")
	pg = pg2
	compare("after reopening an interrupted load")
}

// checkPostgresInvariants checks what Cayley's foreign keys would, its
// reference counts, and that no quad is there twice.
func checkPostgresInvariants(t *testing.T, db *sql.DB, when string) {
	t.Helper()
	for _, c := range []struct{ what, query string }{
		{"quads naming a missing node", `SELECT COUNT(*) FROM quads q WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.subject_hash)
			OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.predicate_hash) OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.object_hash)
			OR (q.label_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.label_hash))`},
		{"nodes whose refs are wrong", `WITH r AS (
				SELECT h, COUNT(*) AS n FROM (SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x GROUP BY h)
			SELECT COUNT(*) FROM nodes LEFT JOIN r ON r.h = nodes.hash WHERE nodes.refs <> COALESCE(r.n, 0)`},
		{"duplicate quads", `SELECT COUNT(*) FROM (SELECT 1 FROM quads GROUP BY subject_hash, predicate_hash, object_hash, label_hash HAVING COUNT(*) > 1) d`},
	} {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Fatalf("%s: %s: %v", when, c.what, err)
		}
		if n != 0 {
			t.Errorf("%s: %s: %d", when, c.what, n)
		}
	}
}

// checkIndexLayout checks the quads indexes of pg_bulk.go: all there, none
// left to build, and spol_unique unconditional (it serves lookups by
// subject in place of Cayley's spo_index).
func checkIndexLayout(t *testing.T, db *sql.DB, when string) {
	t.Helper()
	rows, err := db.Query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'quads' ORDER BY indexname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	defs := map[string]string{}
	var names []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		defs[name] = def
		names = append(names, name)
	}
	want := []string{"quads_pkey", "resgraph_label_index", "resgraph_object_index", "resgraph_predicate_index", "spo_unique", "spol_unique"}
	if !slices.Equal(names, want) {
		t.Errorf("%s: quads indexes %v, want %v", when, names, want)
	}
	if strings.Contains(defs["spol_unique"], "WHERE") {
		t.Errorf("%s: spol_unique is partial: %s", when, defs["spol_unique"])
	}
	var pending int
	if err := db.QueryRow(`SELECT COUNT(*) FROM resgraph_bulk_indexes`).Scan(&pending); err != nil {
		t.Fatal(err)
	}
	if pending != 0 {
		t.Errorf("%s: %d indexes left to build", when, pending)
	}
	var pk bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'p')`).Scan(&pk); err != nil {
		t.Fatal(err)
	}
	if !pk {
		t.Errorf("%s: quads has no primary key", when)
	}
}

// TestPostgresIndexLayout checks that a new store gets the index layout
// of a bulk load at once.
func TestPostgresIndexLayout(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	dsn := freshDatabase(t, url)
	openT(t, store.Config{Backend: store.BackendPostgres, Path: dsn})
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkIndexLayout(t, db, "new store")
}
