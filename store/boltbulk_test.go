package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/loader"
)

// Tests of the bolt bulk writer (boltbulk.go) on real documents: the seed
// text and a sample of the AKN corpus, extracted by the loader.

// realDocs reads the seed document and, when the corpus is beside the
// repository, a few corpus files.
func realDocs(t *testing.T) ([]*resgraph.Document, []resgraph.Actor) {
	t.Helper()
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	x := loader.NewExtractor(reg)
	files := []string{"../data/S_2012_946.txt"}
	if dir := bulkCorpusDir(); dir != "" {
		res, _ := filepath.Glob(filepath.Join(dir, "2021", "English", "*.xml"))
		prst, _ := filepath.Glob(filepath.Join(dir, "PRST", "2012", "*.xml"))
		if len(res) < 6 || len(prst) < 2 {
			t.Fatalf("found only %d resolutions and %d statements under %s", len(res), len(prst), dir)
		}
		files = append(append(files, res[:6]...), prst[:2]...)
	} else {
		t.Log("corpus not found: only the seed document")
	}
	var docs []*resgraph.Document
	seen := map[resgraph.Symbol]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := loader.Read(b, f)
		if err != nil {
			t.Fatal(err)
		}
		x.Extract(d)
		if !seen[d.Symbol] {
			seen[d.Symbol] = true
			docs = append(docs, d)
		}
	}
	return docs, reg.Actors()
}

// bulkCorpusDir returns the AKN corpus, or "" when it is absent.
func bulkCorpusDir() string {
	if dir, _ := testcorpus.Find(); dir != "" {
		return filepath.Join(dir, "unxml-sc")
	}
	return ""
}

func openBulkT(t *testing.T, p string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Config{Backend: BackendBolt, Path: p})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// cayleyQuads reads every quad through Cayley's own iterators (not
// boltScan), sorted, without the generation.
func cayleyQuads(t *testing.T, s *Store) []string {
	t.Helper()
	r := cgraph.NewResultReader(s.qs, s.qs.QuadsAllIterator().Iterate())
	defer r.Close()
	var out []string
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || q.Label == nil {
			t.Fatalf("phantom quad %v", q)
		}
		if q.Label != MetaLabel {
			out = append(out, q.String())
		}
	}
	sort.Strings(out)
	return out
}

// kvCanon renders the KV content of a bolt store with ids replaced by
// values, leaving out the generation quad (and its references): two stores
// with the same quads must give the same text, whoever wrote them. It also
// checks what must hold in any Cayley store: every live quad's nodes are in
// the log, every value entry names a logged node with the same hash, the
// horizon is above every id, and the size counts the live quads.
func kvCanon(t *testing.T, s *Store) string {
	t.Helper()
	var lines []string
	err := s.bdb.View(func(tx *bbolt.Tx) error {
		log := tx.Bucket([]byte("log"))
		meta := tx.Bucket([]byte("meta"))
		nodes := map[uint64]quad.Value{}
		quads := map[uint64]*cproto.Primitive{}
		var maxID uint64
		err := log.ForEach(func(k, v []byte) error {
			var p cproto.Primitive
			if err := proto.Unmarshal(v, &p); err != nil {
				return err
			}
			if id := binary.BigEndian.Uint64(k); id != p.ID {
				return fmt.Errorf("log key %d holds primitive %d", id, p.ID)
			}
			maxID = max(maxID, p.ID)
			if p.IsNode() {
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return err
				}
				nodes[p.ID] = val
			} else if !p.Deleted {
				quads[p.ID] = &p
			}
			return nil
		})
		if err != nil {
			return err
		}
		name := func(id uint64) string {
			if id == 0 {
				return "-"
			}
			v, ok := nodes[id]
			if !ok {
				return fmt.Sprintf("MISSING(%d)", id)
			}
			return v.String()
		}
		qstr := func(p *cproto.Primitive) string {
			return name(p.Subject) + " " + name(p.Predicate) + " " + name(p.Object) + " " + name(p.Label)
		}
		// The generation quad, left out.
		genRefs := map[uint64]int{}
		isGen := map[uint64]bool{}
		for id, p := range quads {
			if nodes[p.Label] == MetaLabel && nodes[p.Predicate] == PGeneration {
				isGen[id] = true
				for _, n := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
					genRefs[n]++
				}
			}
		}
		if len(isGen) != 1 {
			lines = append(lines, fmt.Sprintf("generation quads: %d", len(isGen)))
		}
		for id, p := range quads {
			if !isGen[id] {
				lines = append(lines, "Q "+qstr(p))
			}
		}
		horizon := binary.LittleEndian.Uint64(meta.Get([]byte("horizon")))
		size := binary.LittleEndian.Uint64(meta.Get([]byte("size")))
		if horizon < maxID {
			lines = append(lines, fmt.Sprintf("horizon %d below id %d", horizon, maxID))
		}
		if size != uint64(len(quads)) {
			lines = append(lines, fmt.Sprintf("size %d, %d live quads", size, len(quads)))
		}
		// Values and reference counts.
		hashed := map[uint64]bool{}
		err = tx.ForEach(func(bname []byte, b *bbolt.Bucket) error {
			if len(bname) != 3 || (bname[0] != 'v' && bname[0] != 'n') {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				x, _ := binary.Uvarint(v)
				if bname[0] == 'v' {
					val, ok := nodes[x]
					if !ok {
						lines = append(lines, fmt.Sprintf("value entry %x names node %d, not in the log", k, x))
						return nil
					}
					if h := quad.HashOf(val); string(h) != string(k) || h[0] != bname[1] || h[1] != bname[2] {
						lines = append(lines, fmt.Sprintf("value entry %x names %v, whose hash differs", k, val))
					}
					hashed[x] = true
					return nil
				}
				// A reference count: find the node by hash.
				vb := tx.Bucket([]byte{'v', bname[1], bname[2]})
				var id uint64
				if vb != nil {
					id, _ = binary.Uvarint(vb.Get(k))
				}
				refs := int(x) - genRefs[id]
				if refs != 0 {
					lines = append(lines, fmt.Sprintf("N %s refs %d", name(id), refs))
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		for id, v := range nodes {
			if !hashed[id] {
				lines = append(lines, fmt.Sprintf("node %d (%v) has no value entry", id, v))
			}
		}
		// Quad indexes, live quads only (Cayley keeps dead ids in lists).
		var indexes []struct {
			Dirs []quad.Direction `json:"dirs"`
		}
		if err := json.Unmarshal(meta.Get([]byte("indexes")), &indexes); err != nil {
			return err
		}
		for _, ind := range indexes {
			bname := make([]byte, len(ind.Dirs))
			for i, d := range ind.Dirs {
				bname[i] = d.Prefix()
			}
			b := tx.Bucket(bname)
			if b == nil {
				return fmt.Errorf("no bucket %q", bname)
			}
			inIndex := 0
			err := b.ForEach(func(k, v []byte) error {
				var key []string
				for i := 0; i < len(k); i += 8 {
					key = append(key, name(binary.BigEndian.Uint64(k[i:])))
				}
				var live []string
				last := uint64(0)
				for len(v) > 0 {
					id, n := binary.Uvarint(v)
					v = v[n:]
					if id <= last {
						lines = append(lines, fmt.Sprintf("index %s %v: ids not ascending", bname, key))
					}
					last = id
					p, ok := quads[id]
					if !ok || isGen[id] {
						continue
					}
					for i, d := range ind.Dirs {
						if name(p.GetDirection(d)) != key[i] {
							lines = append(lines, fmt.Sprintf("index %s %v lists %s", bname, key, qstr(p)))
						}
					}
					live = append(live, qstr(p))
				}
				inIndex += len(live)
				if len(live) > 0 {
					sort.Strings(live)
					lines = append(lines, fmt.Sprintf("I %s %v -> %v", bname, key, live))
				}
				return nil
			})
			if err != nil {
				return err
			}
			if want := len(quads) - len(isGen); inIndex != want {
				lines = append(lines, fmt.Sprintf("index %s lists %d live quads, want %d", bname, inIndex, want))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func diffLines(a, b string) string {
	as, bs := strings.Split(a, "\n"), strings.Split(b, "\n")
	in := func(l []string) map[string]bool {
		m := make(map[string]bool, len(l))
		for _, x := range l {
			m[x] = true
		}
		return m
	}
	ma, mb := in(as), in(bs)
	var out []string
	for _, x := range as {
		if !mb[x] && len(out) < 8 {
			out = append(out, "- "+x)
		}
	}
	for _, x := range bs {
		if !ma[x] && len(out) < 16 {
			out = append(out, "+ "+x)
		}
	}
	return strings.Join(out, "\n")
}

// boltCheck runs bbolt's consistency check (page reachability, overlaps,
// key order) on a store's file.
func boltCheck(t *testing.T, s *Store) {
	t.Helper()
	err := s.bdb.View(func(tx *bbolt.Tx) error {
		n := 0
		for err := range tx.Check() {
			if n++; n <= 5 {
				t.Errorf("bbolt check: %v", err)
			}
		}
		if n > 0 {
			return fmt.Errorf("%d errors", n)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("bbolt check of %s: %v", s.cfg.Path, err)
	}
}

// sameStores checks that two stores hold the same graph, read every way.
func sameStores(t *testing.T, what string, a, b *Store, actors []resgraph.Actor) {
	t.Helper()
	ctx := context.Background()
	boltCheck(t, a)
	boltCheck(t, b)
	if qa, qb := cayleyQuads(t, a), cayleyQuads(t, b); strings.Join(qa, "\n") != strings.Join(qb, "\n") {
		t.Fatalf("%s: Cayley's iterators read different quads (%d, %d):\n%s", what, len(qa), len(qb),
			diffLines(strings.Join(qa, "\n"), strings.Join(qb, "\n")))
	}
	if ka, kb := kvCanon(t, a), kvCanon(t, b); ka != kb {
		t.Fatalf("%s: the KV content differs:\n%s", what, diffLines(ka, kb))
	}
	na, err := a.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := b.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if na != nb {
		t.Fatalf("%s: QuadCount %d and %d", what, na, nb)
	}
	da, err := a.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := b.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ja, jb := mustJSONT(t, da), mustJSONT(t, db); ja != jb {
		t.Fatalf("%s: Documents() differ", what)
	}
	for _, act := range actors {
		oa, err := a.ObligationsOf(ctx, act.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		ob, err := b.ObligationsOf(ctx, act.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if mustJSONT(t, oa) != mustJSONT(t, ob) {
			t.Fatalf("%s: ObligationsOf(%s) differ: %d and %d", what, act.ID, len(oa), len(ob))
		}
	}
}

func mustJSONT(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// obligedActors are the actors with obligations in docs (and one without).
func obligedActors(docs []*resgraph.Document, actors []resgraph.Actor) []resgraph.Actor {
	seen := map[resgraph.ActorID]bool{}
	var out []resgraph.Actor
	for _, d := range docs {
		for _, a := range d.Actions {
			if a.Addressee != nil && a.Addressee.ID != "" && !seen[a.Addressee.ID] {
				seen[a.Addressee.ID] = true
				out = append(out, resgraph.Actor{ID: a.Addressee.ID})
			}
		}
	}
	if len(actors) > 0 && !seen[actors[0].ID] {
		out = append(out, actors[0])
	}
	return out
}

// TestBoltBulkEquivalence writes the same real documents and actors
// through Cayley's path and through the bulk writer (actors written before
// the bulk load, and during it), and compares everything read back, the
// KV content included; then makes the same ordinary writes on both.
func TestBoltBulkEquivalence(t *testing.T) {
	ctx := context.Background()
	docs, actors := realDocs(t)
	dir := t.TempDir()
	plain := openBulkT(t, filepath.Join(dir, "plain.bolt"))
	if err := plain.PutActors(ctx, actors); err != nil {
		t.Fatal(err)
	}
	if err := plain.ReplaceDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	probe := obligedActors(docs, actors)
	if len(probe) < 5 {
		t.Fatalf("only %d actors with obligations in the sample", len(probe))
	}

	for _, during := range []bool{false, true} {
		t.Run(fmt.Sprintf("actorsDuringLoad=%v", during), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "bulk.bolt")
			bulk := openBulkT(t, p)
			if !during {
				if err := bulk.PutActors(ctx, actors); err != nil {
					t.Fatal(err)
				}
			}
			err := bulk.BulkLoad(ctx, func() error {
				if bulk.stage == nil {
					return errors.New("BulkLoad on a store without documents is not staging")
				}
				// Actors arrive after the second batch, or after the first
				// when the sample is small (the seed alone, without the corpus).
				putAfter := 3
				if len(docs) <= 6 {
					putAfter = 0
				}
				for i := 0; i < len(docs); i += 3 {
					if err := bulk.ReplaceDocuments(ctx, docs[i:min(i+3, len(docs))]); err != nil {
						return err
					}
					if i == putAfter && during {
						if err := bulk.PutActors(ctx, actors); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			sameStores(t, "after the bulk load", plain, bulk, probe)
			assertActors(t, bulk, actors)

			// Reopen the file: the same, and no phantoms.
			if err := bulk.Close(); err != nil {
				t.Fatal(err)
			}
			bulk = openBulkT(t, p)
			sameStores(t, "after reopening", plain, bulk, probe)
		})
	}
}

func assertActors(t *testing.T, s *Store, want []resgraph.Actor) {
	t.Helper()
	got, err := s.Actors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if mustJSONT(t, got) != mustJSONT(t, want) {
		t.Fatalf("Actors() = %d actors, want %d (or they differ)", len(got), len(want))
	}
}

// TestBoltBulkThenCayleyWrites makes ordinary writes on a bulk-made store
// and on a Cayley-made one: replace a document with a changed version,
// delete one, reload one unchanged, add one. Both must stay the same, down
// to the reference counts; values no quad names any more must be gone; new
// ids must come after the bulk load's.
func TestBoltBulkThenCayleyWrites(t *testing.T) {
	ctx := context.Background()
	docs, actors := realDocs(t)
	if len(docs) < 4 {
		t.Skip("needs the corpus sample")
	}
	first, extra := docs[:len(docs)-1], docs[len(docs)-1]
	dir := t.TempDir()
	plain := openBulkT(t, filepath.Join(dir, "plain.bolt"))
	bulk := openBulkT(t, filepath.Join(dir, "bulk.bolt"))
	if err := plain.PutActors(ctx, actors); err != nil {
		t.Fatal(err)
	}
	if err := plain.ReplaceDocuments(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := bulk.BulkLoad(ctx, func() error {
		if err := bulk.PutActors(ctx, actors); err != nil {
			return err
		}
		return bulk.ReplaceDocuments(ctx, first)
	}); err != nil {
		t.Fatal(err)
	}
	h0 := metaInt(t, bulk, "horizon")
	snap := logSnapshot(t, bulk)

	// A changed version of the seed: a new title, a paragraph text no
	// other document has changed, and without its last action.
	seed := *first[0]
	others := map[quad.Value]bool{}
	for _, d := range docs[1:] {
		qs, err := documentQuads(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			others[q.Object] = true
		}
	}
	changed := seed
	changed.Title = "A changed title for the test"
	changed.Paragraphs = append([]resgraph.Paragraph(nil), seed.Paragraphs...)
	var stale quad.String
	for i := range changed.Paragraphs {
		p := &changed.Paragraphs[i]
		if v := quad.String(p.Text); p.Text != "" && !others[v] {
			stale = v
			p.Text = "Replaced text."
			break
		}
	}
	changed.Actions = seed.Actions[:len(seed.Actions)-1]
	if ref, _ := bulk.qs.ValueOf(stale); ref == nil {
		t.Fatalf("the bulk store does not know the text %q", stale)
	}
	steps := []struct {
		name string
		fn   func(s *Store) error
	}{
		{"replace with a changed version", func(s *Store) error { return s.ReplaceDocument(ctx, &changed) }},
		{"delete a document", func(s *Store) error { return s.DeleteDocument(ctx, first[1].Symbol) }},
		{"reload an unchanged document", func(s *Store) error { return s.ReplaceDocument(ctx, first[2]) }},
		{"add a new document", func(s *Store) error { return s.ReplaceDocument(ctx, extra) }},
		{"put the original back", func(s *Store) error { return s.ReplaceDocument(ctx, &seed) }},
		{"replace again", func(s *Store) error { return s.ReplaceDocument(ctx, &changed) }},
	}
	probe := obligedActors(docs, actors)
	for _, step := range steps {
		for _, s := range []*Store{plain, bulk} {
			if err := step.fn(s); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
		}
		sameStores(t, step.name, plain, bulk, probe)
		if step.name == "replace with a changed version" || step.name == "replace again" {
			if ref, _ := bulk.qs.ValueOf(stale); ref != nil {
				t.Fatalf("%s: the replaced text is still a node (%v)", step.name, ref)
			}
			d, err := bulk.Document(ctx, seed.Symbol)
			if err != nil || d.Title != changed.Title || len(d.Actions) != len(changed.Actions) {
				t.Fatalf("%s: Document = %v, %v", step.name, d, err)
			}
		}
		if step.name == "delete a document" {
			if _, err := bulk.Document(ctx, first[1].Symbol); resgraph.ErrorCode(err) != resgraph.ENOTFOUND {
				t.Fatalf("deleted document: %v", err)
			}
		}
	}
	// New ids did not collide with the bulk load's: an entry at or below
	// its horizon is the bulk's, or the bulk's marked deleted.
	for id, v := range logSnapshot(t, bulk) {
		if uint64(id) > uint64(h0) {
			continue
		}
		old, ok := snap[id]
		if !ok {
			t.Fatalf("log entry %d is at or below the bulk horizon %d but was not written by the bulk load", id, h0)
		}
		if string(v) != string(old) {
			var p, q cproto.Primitive
			proto.Unmarshal(v, &p)
			proto.Unmarshal(old, &q)
			if !p.Deleted || p.IsNode() || !p.IsSameLink(&q) {
				t.Fatalf("log entry %d was overwritten: %v, the bulk load wrote %v", id, &p, &q)
			}
		}
	}
	if h := metaInt(t, bulk, "horizon"); h <= h0 {
		t.Fatalf("horizon %d after writes, %d after the bulk load", h, h0)
	}
}

// logSnapshot copies the log.
func logSnapshot(t *testing.T, s *Store) map[uint64][]byte {
	t.Helper()
	out := map[uint64][]byte{}
	err := s.bdb.View(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("log")).ForEach(func(k, v []byte) error {
			out[binary.BigEndian.Uint64(k)] = append([]byte(nil), v...)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func metaInt(t *testing.T, s *Store, key string) int64 {
	t.Helper()
	var n int64
	err := s.bdb.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket([]byte("meta")).Get([]byte(key))
		if len(v) != 8 {
			return fmt.Errorf("meta %s = %x", key, v)
		}
		n = int64(binary.LittleEndian.Uint64(v))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBoltBulkFailures: a batch that fails to encode is refused during a
// bulk load and nothing of it is written (load then retries one document
// at a time); a bulk write that fails leaves the store as it was, usable.
func TestBoltBulkFailures(t *testing.T) {
	ctx := context.Background()
	docs, actors := realDocs(t)
	good := docs[0]
	bad := *docs[len(docs)-1]
	bad.Actions = append([]resgraph.Action(nil), bad.Actions...)
	bad.Actions[0].Kind = "order" // not a kind: the document is refused

	t.Run("BadBatch", func(t *testing.T) {
		s := openBulkT(t, filepath.Join(t.TempDir(), "g.bolt"))
		err := s.BulkLoad(ctx, func() error {
			if err := s.ReplaceDocuments(ctx, []*resgraph.Document{good, &bad}); err == nil {
				return errors.New("a batch with a bad document was accepted")
			}
			if err := s.ReplaceDocument(ctx, good); err != nil {
				return err
			}
			if err := s.ReplaceDocument(ctx, &bad); err == nil {
				return errors.New("a bad document was accepted")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Symbol != good.Symbol {
			t.Fatalf("after the load: %d documents", len(got))
		}
	})

	t.Run("FnFails", func(t *testing.T) {
		s := openBulkT(t, filepath.Join(t.TempDir(), "g.bolt"))
		boom := errors.New("boom")
		err := s.BulkLoad(ctx, func() error {
			if err := s.ReplaceDocument(ctx, good); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("BulkLoad = %v, want boom", err)
		}
		if _, err := s.Document(ctx, good.Symbol); err != nil {
			t.Fatalf("a document accepted before fn failed is not written: %v", err)
		}
	})

	t.Run("WriteFails", func(t *testing.T) {
		s := openBulkT(t, filepath.Join(t.TempDir(), "g.bolt"))
		if err := s.PutActors(ctx, actors); err != nil {
			t.Fatal(err)
		}
		before := kvCanon(t, s)
		gen, _ := s.Generation(ctx)
		boom := errors.New("disk full")
		bulkWriteHook = func() error { return boom }
		err := s.BulkLoad(ctx, func() error { return s.ReplaceDocuments(ctx, docs) })
		bulkWriteHook = nil
		if !errors.Is(err, boom) {
			t.Fatalf("BulkLoad = %v, want the write's error", err)
		}
		if after := kvCanon(t, s); after != before {
			t.Fatalf("a failed bulk write changed the store:\n%s", diffLines(before, after))
		}
		if g, _ := s.Generation(ctx); g != gen {
			t.Fatalf("generation %d after a failed bulk write, %d before", g, gen)
		}
		assertActors(t, s, actors)
		// Still usable, by either path, without phantoms.
		if err := s.ReplaceDocument(ctx, docs[0]); err != nil {
			t.Fatal(err)
		}
		if err := s.BulkLoad(ctx, func() error { return s.ReplaceDocuments(ctx, docs[1:]) }); err != nil {
			t.Fatal(err)
		}
		plain := openBulkT(t, filepath.Join(t.TempDir(), "plain.bolt"))
		if err := plain.PutActors(ctx, actors); err != nil {
			t.Fatal(err)
		}
		if err := plain.ReplaceDocuments(ctx, docs); err != nil {
			t.Fatal(err)
		}
		sameStores(t, "after a failed bulk write and two loads", plain, s, obligedActors(docs, actors))
	})

	t.Run("NotEmpty", func(t *testing.T) {
		s := openBulkT(t, filepath.Join(t.TempDir(), "g.bolt"))
		if err := s.ReplaceDocument(ctx, good); err != nil {
			t.Fatal(err)
		}
		err := s.BulkLoad(ctx, func() error {
			if s.stage != nil {
				return errors.New("BulkLoad on a store holding a document is staging")
			}
			return s.ReplaceDocuments(ctx, docs[1:])
		})
		if err != nil {
			t.Fatal(err)
		}
		// A store whose documents were all deleted is empty again.
		for _, d := range docs {
			if err := s.DeleteDocument(ctx, d.Symbol); err != nil {
				t.Fatal(err)
			}
		}
		if has, err := s.boltHoldsDocuments(); err != nil || has {
			t.Fatalf("boltHoldsDocuments after deleting all = %v, %v", has, err)
		}
	})
}

// TestBoltBulkPrimitiveEncoding: the hand-written log entries are what
// proto.Marshal writes.
func TestBoltBulkPrimitiveEncoding(t *testing.T) {
	val, err := pquads.MarshalValue(quad.String("Mali"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p   *cproto.Primitive
		got []byte
	}{
		{&cproto.Primitive{ID: 7, Timestamp: 1700000000123456789, Value: val}, appendNodePrimitive(nil, 7, 1700000000123456789, val)},
		{&cproto.Primitive{ID: 1 << 40, Value: val}, appendNodePrimitive(nil, 1<<40, 0, val)},
		{&cproto.Primitive{ID: 300, Subject: 1, Predicate: 200, Object: 1 << 20, Label: 9, Timestamp: 5}, appendQuadPrimitive(nil, 300, [4]uint32{1, 200, 1 << 20, 9}, 5)},
		{&cproto.Primitive{ID: 301, Subject: 1, Predicate: 2, Object: 3}, appendQuadPrimitive(nil, 301, [4]uint32{1, 2, 3, 0}, 0)},
	} {
		want, err := proto.Marshal(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if string(c.got) != string(want) {
			t.Errorf("%v: got %x, proto.Marshal writes %x", c.p, c.got, want)
		}
	}
}

// TestBoltBulkConcurrentReaders: readers during a bolt bulk load see the
// store as it was until the load is written, then all of it; never a part
// (run with -race).
func TestBoltBulkConcurrentReaders(t *testing.T) {
	ctx := context.Background()
	docs, actors := realDocs(t)
	s := openBulkT(t, filepath.Join(t.TempDir(), "g.bolt"))
	if err := s.PutActors(ctx, actors); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errc := make(chan error, 4)
	var reads [2]int
	for r := 0; r < 2; r++ {
		go func() {
			for {
				select {
				case <-done:
					errc <- nil
					return
				default:
				}
				got, err := s.Documents(ctx)
				if err == nil && len(got) != 0 && len(got) != len(docs) {
					err = fmt.Errorf("a reader saw %d of %d documents", len(got), len(docs))
				}
				if err == nil {
					var acts []resgraph.Actor
					acts, err = s.Actors(ctx)
					if err == nil && len(acts) != len(actors) {
						err = fmt.Errorf("a reader saw %d of %d actors", len(acts), len(actors))
					}
				}
				if err != nil {
					errc <- err
					return
				}
				reads[r]++
			}
		}()
	}
	err := s.BulkLoad(ctx, func() error {
		for i := 0; i < len(docs); i += 2 {
			if err := s.ReplaceDocuments(ctx, docs[i:min(i+2, len(docs))]); err != nil {
				return err
			}
			time.Sleep(20 * time.Millisecond) // let the readers in
		}
		return nil
	})
	time.Sleep(50 * time.Millisecond)
	close(done)
	for i := 0; i < 2; i++ {
		if rerr := <-errc; rerr != nil {
			t.Error(rerr)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if reads[0]+reads[1] < 2 {
		t.Fatalf("the readers read %v times", reads)
	}
	got, err := s.Documents(ctx)
	if err != nil || len(got) != len(docs) {
		t.Fatalf("after the load: %d documents, %v", len(got), err)
	}
}

// TestBoltBulkValueEncoding: hashValue is quad.HashTo and appendValue is
// pquads.MarshalValue, on edge cases and on every value of real documents.
func TestBoltBulkValueEncoding(t *testing.T) {
	vals := []quad.Value{quad.IRI(""), quad.String(""), quad.IRI("https://resgraph.org/actor/x/c%C3%B4te"),
		quad.String("plain"), quad.String(`quote " and \ backslash`), quad.String("tab\tnew\nline\rcr"),
		quad.String("côte d'Ivoire — «»"), quad.Int(0), quad.Int(-7), quad.Bool(true),
		quad.TypedString{Value: "[\"a\"]", Type: JSONList}, quad.LangString{Value: "x", Lang: "fr"}, quad.BNode("b1")}
	docs, actors := realDocs(t)
	for _, d := range docs {
		qs, err := documentQuads(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			vals = append(vals, q.Subject, q.Predicate, q.Object, q.Label)
		}
	}
	qs, err := actorQuads(actors)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		vals = append(vals, q.Object)
	}
	for _, v := range vals {
		var got [quad.HashSize]byte
		hashValue(v, &got)
		if want := quad.HashOf(v); string(got[:]) != string(want) {
			t.Fatalf("hashValue(%#v) = %x, quad.HashOf = %x", v, got, want)
		}
		enc, err := appendValue(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pquads.MarshalValue(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(enc) != string(want) {
			t.Fatalf("appendValue(%#v) = %x, pquads.MarshalValue = %x", v, enc, want)
		}
	}
	t.Logf("%d values", len(vals))
}
