package store

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// Bulk loads into a bolt store.
//
// Cayley's KV write path (graph/kv ApplyDeltas) manages about 22,000 quads
// per CPU-second here: every quad costs several bbolt lookups and index
// list rewrites. When a BulkLoad starts on a bolt store that holds no
// documents, the documents written meanwhile are staged in memory instead
// (interned: each distinct value once, each quad as four node numbers), and
// when the load's function returns the whole store is rebuilt from them as
// a new bbolt file, written directly in Cayley's KV layout (graph/kv at the
// pinned commit; hidalgo's bbolt driver maps a two-part key to a top-level
// bucket and a key):
//
//	meta/version, meta/indexes   written by Init and addLabelIndex, kept
//	meta/size                    number of live quads (int64, little-endian)
//	meta/horizon                 the last id handed out (int64, little-endian)
//	log/<id, big-endian uint64>  a cproto.Primitive: a node (ID, Timestamp,
//	                             Value = pquads value) or a quad (ID,
//	                             Subject, Predicate, Object, Label, Timestamp)
//	v<h0><h1>/<hash>             the node id, uvarint; hash = quad.HashOf
//	n<h0><h1>/<hash>             the node's reference count, uvarint: one per
//	                             quad direction naming it
//	<index dirs>/<ids>           per quad index (sp, ops and our l): the ids
//	                             of the index's directions, big-endian
//	                             uint64 each, -> the ids of the quads having
//	                             them, uvarints in ascending order
//
// Nodes get ids 1..N in order of first appearance, quads N+1..N+M. Keys are
// written in ascending order straight into bbolt pages filled to 100%
// (boltbulk_pages.go: bbolt's own Put costs about 1 µs per key, too much
// for ~13M keys), in <db>.bulk, which is then opened (taking its lock) and
// renamed over the store's file. What the store held before (the actor
// registry, the generation) is read and written again with the rest; a
// failure removes the new file and leaves the store as it was. Cayley's
// quad store is then reopened on the file, so it holds no cached ids; its
// own writes continue from the horizon.

// bulkStage holds what is written during a bulk load (bolt; PostgreSQL
// shares it).
type bulkStage struct {
	// ids maps values to node numbers, except strings (see strs) and IRIs
	// outside the vocabulary's namespace (see iris); lookup looks in all.
	ids    map[quad.Value]uint32
	byHash map[[quad.HashSize]byte]uint32
	vals   []quad.Value             // by node number; 0 is "no value"
	hashes [][quad.HashSize]byte    // by node number
	sets   map[quad.IRI][][4]uint32 // label -> its quads as node numbers (nil: deleted)
	order  []quad.IRI               // labels in first-write order
	seen   map[[4]uint32]struct{}   // scratch for removing duplicates
	// iris and strs are ids for the two commonest kinds of value, keyed by
	// their string (a faster lookup than by interface).
	iris, strs map[string]uint32

	// A bolt bulk load merges documents into the stage on a goroutine of
	// its own (startMerger), so that the next batch is encoded meanwhile.
	queue   chan stagedBatch
	pending sync.WaitGroup // batches queued and not merged yet
	merged  chan struct{}  // closed when the merger has stopped
}

// stagedBatch is a batch of documents for the merger.
type stagedBatch struct {
	sets   []labelSet
	locals []*localSet
}

// startMerger starts merging queued batches in the background.
func (st *bulkStage) startMerger() {
	st.queue = make(chan stagedBatch, 2)
	st.merged = make(chan struct{})
	go func() {
		defer close(st.merged)
		for b := range st.queue {
			st.addLocal(b.sets, b.locals)
			st.pending.Done()
		}
	}()
}

// enqueue hands a batch to the merger (callers hold s.mu for writing, so
// batches are merged in the order they were written).
func (st *bulkStage) enqueue(sets []labelSet, locals []*localSet) {
	st.pending.Add(1)
	st.queue <- stagedBatch{sets, locals}
}

// flush waits until every queued batch is merged: the stage may then be
// read or changed directly (callers hold s.mu for writing).
func (st *bulkStage) flush() { st.pending.Wait() }

// stopMerger flushes and stops the merger.
func (st *bulkStage) stopMerger() {
	if st.queue == nil {
		return
	}
	close(st.queue)
	<-st.merged
	st.queue = nil
}

func newBulkStage() *bulkStage { return newBulkStageSized(1 << 16) }

// newBulkStageSized makes a stage for about n distinct values.
func newBulkStageSized(n int) *bulkStage {
	return &bulkStage{
		ids:    make(map[quad.Value]uint32, n),
		byHash: make(map[[quad.HashSize]byte]uint32, n),
		vals:   make([]quad.Value, 1, n),
		hashes: make([][quad.HashSize]byte, 1, n),
		sets:   make(map[quad.IRI][][4]uint32),
		seen:   make(map[[4]uint32]struct{}),
		iris:   make(map[string]uint32, n),
		strs:   make(map[string]uint32, n),
	}
}

// node returns the node number of v, interning it. Values equal as Go
// values share a number without hashing; values with the same hash (which
// Cayley takes for the same node) share the number of the first.
func (st *bulkStage) node(v quad.Value) uint32 {
	if v == nil {
		return 0
	}
	comparable := true
	switch x := v.(type) {
	case quad.IRI:
		if n, ok := st.iris[string(x)]; ok {
			return n
		}
	case quad.String:
		if n, ok := st.strs[string(x)]; ok {
			return n
		}
	case quad.Int, quad.Bool, quad.TypedString, quad.LangString, quad.BNode, quad.Float:
		if n, ok := st.ids[v]; ok {
			return n
		}
	default:
		comparable = false
	}
	var h [quad.HashSize]byte
	hashValue(v, &h)
	n, ok := st.byHash[h]
	if !ok {
		n = uint32(len(st.vals))
		st.vals = append(st.vals, v)
		st.hashes = append(st.hashes, h)
		st.byHash[h] = n
	}
	if comparable {
		switch x := v.(type) {
		case quad.IRI:
			st.iris[string(x)] = n
			if strings.HasPrefix(string(x), NS) {
				st.ids[v] = n // vocabulary terms only (see ids)
			}
		case quad.String:
			st.strs[string(x)] = n // not in ids: hashing long texts twice costs
		default:
			st.ids[v] = n
		}
	}
	return n
}

// lookup returns the node number of v, if it has one.
func (st *bulkStage) lookup(v quad.Value) (uint32, bool) {
	var n uint32
	var ok bool
	switch x := v.(type) {
	case quad.IRI:
		n, ok = st.iris[string(x)]
	case quad.String:
		n, ok = st.strs[string(x)]
	default:
		n, ok = st.ids[v]
	}
	return n, ok
}

// hashValue is quad.HashTo (SHA-1 of v.String()) without building the
// string for IRIs and strings, the commonest values.
func hashValue(v quad.Value, out *[quad.HashSize]byte) {
	var raw string
	var open, close byte
	switch x := v.(type) {
	case quad.IRI:
		raw, open, close = string(x), '<', '>'
	case quad.String:
		if strings.ContainsAny(string(x), "\\\"\n\r\t") {
			quad.HashTo(v, out[:])
			return
		}
		raw, open, close = string(x), '"', '"'
	default:
		quad.HashTo(v, out[:])
		return
	}
	h := sha1.New()
	h.Write([]byte{open})
	h.Write(unsafe.Slice(unsafe.StringData(raw), len(raw))) // read only
	h.Write([]byte{close})
	h.Sum(out[:0])
}

// appendValue appends pquads.MarshalValue(v), by hand for IRIs and
// strings (a oneof field: written even when empty).
func appendValue(b []byte, v quad.Value) ([]byte, error) {
	var f protowire.Number
	var raw string
	switch x := v.(type) {
	case quad.String:
		f, raw = 2, string(x)
	case quad.IRI:
		f, raw = 3, string(x)
	default:
		return proto.MarshalOptions{}.MarshalAppend(b, pquads.MakeValue(v))
	}
	b = protowire.AppendTag(b, f, protowire.BytesType)
	return protowire.AppendString(b, raw), nil
}

// add stages sets: each label will hold exactly its quads.
func (st *bulkStage) add(sets []labelSet) {
	for _, set := range sets {
		qs := make([][4]uint32, 0, len(set.quads))
		clear(st.seen)
		for _, q := range set.quads {
			t := [4]uint32{st.node(q.Subject), st.node(q.Predicate), st.node(q.Object), st.node(q.Label)}
			if _, dup := st.seen[t]; dup {
				continue
			}
			st.seen[t] = struct{}{}
			qs = append(qs, t)
		}
		if _, ok := st.sets[set.label]; !ok {
			st.order = append(st.order, set.label)
		}
		st.sets[set.label] = qs
	}
}

// localSet is one set's quads interned on their own (in parallel with
// other sets), to be merged into the stage.
type localSet struct {
	vals  []quad.Value // by local number - 1
	quads [][4]uint32  // local numbers; 0 is "no value"
}

// internLocal interns the values of qs, which has no duplicate quads.
func internLocal(qs []quad.Quad) *localSet {
	ls := &localSet{quads: make([][4]uint32, len(qs)), vals: make([]quad.Value, 0, len(qs)/2)}
	iris := make(map[string]uint32, len(qs)/4)
	strs := make(map[string]uint32, len(qs)/8)
	others := make(map[quad.Value]uint32, len(qs)/8)
	node := func(v quad.Value) uint32 {
		var m map[string]uint32
		var key string
		switch x := v.(type) {
		case nil:
			return 0
		case quad.IRI:
			m, key = iris, string(x)
		case quad.String:
			m, key = strs, string(x)
		case quad.Int, quad.Bool, quad.TypedString, quad.LangString, quad.BNode, quad.Float:
			if n, ok := others[v]; ok {
				return n
			}
			ls.vals = append(ls.vals, v)
			others[v] = uint32(len(ls.vals))
			return uint32(len(ls.vals))
		default: // not comparable as a Go value: the stage merges by hash
			ls.vals = append(ls.vals, v)
			return uint32(len(ls.vals))
		}
		if n, ok := m[key]; ok {
			return n
		}
		ls.vals = append(ls.vals, v)
		m[key] = uint32(len(ls.vals))
		return uint32(len(ls.vals))
	}
	for i, q := range qs {
		ls.quads[i] = [4]uint32{node(q.Subject), node(q.Predicate), node(q.Object), node(q.Label)}
	}
	return ls
}

// addLocal stages sets (without duplicate quads) interned by internLocal.
func (st *bulkStage) addLocal(sets []labelSet, locals []*localSet) {
	var remap []uint32
	for i, set := range sets {
		ls := locals[i]
		remap = append(remap[:0], 0)
		for _, v := range ls.vals {
			remap = append(remap, st.node(v))
		}
		qs := make([][4]uint32, len(ls.quads))
		for j, q := range ls.quads {
			qs[j] = [4]uint32{remap[q[0]], remap[q[1]], remap[q[2]], remap[q[3]]}
		}
		if _, ok := st.sets[set.label]; !ok {
			st.order = append(st.order, set.label)
		}
		st.sets[set.label] = qs
	}
}

// stageLocal stages sets during a bulk load (bolt or PostgreSQL); it
// reports false when none is staging any more.
func (s *Store) stageLocal(ctx context.Context, sets []labelSet, locals []*localSet) (bool, error) {
	unlock, err := s.writeLock()
	if err != nil {
		return true, err
	}
	defer unlock()
	if s.stage == nil {
		return false, nil
	}
	if err := ctx.Err(); err != nil {
		return true, err
	}
	if s.stage.queue != nil {
		s.stage.enqueue(sets, locals)
	} else {
		s.stage.addLocal(sets, locals)
	}
	return true, nil
}

// bulkBegin starts staging writes when s is a bolt store that holds no
// documents; it reports whether it did.
func (s *Store) bulkBegin() (bool, error) {
	unlock, err := s.writeLock()
	if err != nil {
		return false, err
	}
	defer unlock()
	if s.bdb == nil || s.stage != nil {
		return false, nil // not bolt, or a bulk load is already staging
	}
	has, err := s.boltHoldsDocuments()
	if err != nil || has {
		return false, err
	}
	s.stage = newBulkStageSized(1 << 18)
	s.stage.startMerger()
	return true, nil
}

// bulkEnd stops staging and writes what was staged.
func (s *Store) bulkEnd(ctx context.Context) error {
	unlock, err := s.writeLock()
	if err != nil {
		s.bulkAbort()
		return err
	}
	defer unlock()
	st := s.stage
	s.stage = nil
	if st == nil {
		return nil
	}
	st.stopMerger()
	if len(st.order) == 0 {
		return nil
	}
	return s.bulkWrite(ctx, st)
}

// bulkAbort drops what was staged (fn panicked, or the store closed).
func (s *Store) bulkAbort() {
	s.mu.Lock()
	if s.stage != nil {
		s.stage.stopMerger()
	}
	s.stage = nil
	s.mu.Unlock()
}

// documentLabels reports whether sets touch a label other than the meta
// label.
func documentLabels(sets []labelSet) bool {
	for _, set := range sets {
		if set.label != MetaLabel {
			return true
		}
	}
	return false
}

// boltHoldsDocuments reports whether a live quad has a label other than
// the registry's and the meta label, from the label index (Cayley keeps
// dead quad ids in index lists, so each list is checked until a live one
// is found). A store without the label index counts as holding documents.
// Callers hold s.mu.
func (s *Store) boltHoldsDocuments() (bool, error) {
	var skip [2]uint64
	for i, l := range []quad.IRI{RegistryLabel, MetaLabel} {
		ref, err := s.qs.ValueOf(l)
		if err != nil {
			return false, fmt.Errorf("looking up %s: %w", l, err)
		}
		if v, ok := ref.(ckv.Int64Value); ok {
			skip[i] = uint64(v)
		}
	}
	has := false
	err := s.bdb.View(func(tx *bbolt.Tx) error {
		lb, log := tx.Bucket([]byte{quad.Label.Prefix()}), tx.Bucket([]byte("log"))
		if lb == nil || log == nil {
			has = lb == nil && log != nil && log.Stats().KeyN > 0
			return nil
		}
		var p cproto.Primitive
		c := lb.Cursor()
		for k, v := c.First(); k != nil && !has; k, v = c.Next() {
			if len(k) != 8 {
				has = true
				break
			}
			if id := binary.BigEndian.Uint64(k); id == skip[0] || id == skip[1] {
				continue
			}
			for len(v) > 0 && !has {
				id, n := binary.Uvarint(v)
				if n <= 0 {
					return fmt.Errorf("label index entry %x is corrupt", k)
				}
				v = v[n:]
				raw := log.Get(binary.BigEndian.AppendUint64(nil, id))
				if raw == nil {
					continue
				}
				p.Reset()
				if err := proto.Unmarshal(raw, &p); err != nil {
					return fmt.Errorf("decoding log entry %d: %w", id, err)
				}
				has = !p.Deleted
			}
		}
		return nil
	})
	return has, err
}

// bulkWrite rebuilds the bolt file from what it holds and what st staged,
// in one transaction, and reopens Cayley's quad store on it. Callers hold
// s.mu for writing.
func (s *Store) bulkWrite(ctx context.Context, st *bulkStage) error {
	start := time.Now()
	// What the store holds, except labels staged again and the generation.
	var gen int64
	var keep [][4]uint32
	err := s.boltScan(ctx, func(q quad.Quad) error {
		if q.Label == MetaLabel {
			if n, ok := q.Object.(quad.Int); ok && q.Subject == storeNode && q.Predicate == PGeneration {
				gen = max(gen, int64(n))
				return nil
			}
		} else if l, ok := q.Label.(quad.IRI); ok {
			if _, staged := st.sets[l]; staged {
				return nil
			}
		}
		keep = append(keep, [4]uint32{st.node(q.Subject), st.node(q.Predicate), st.node(q.Object), st.node(q.Label)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("bulk load: reading the store: %w", err)
	}
	st.add([]labelSet{{MetaLabel, []quad.Quad{generationQuad(gen + 1)}}})
	docs := 0
	for _, l := range st.order {
		if l != RegistryLabel && l != MetaLabel && len(st.sets[l]) > 0 {
			docs++
		}
	}
	p, err := planBulk(st, keep)
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	keep = nil
	// The plan needs the values and hashes only: let the maps go.
	st.ids, st.byHash, st.iris, st.strs, st.seen = nil, nil, nil, nil, nil
	planned := time.Now()
	pageSize := s.bdb.Info().PageSize
	meta := map[string][]byte{}
	err = s.bdb.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		if b == nil {
			return errors.New("the file has no meta bucket: not a Cayley store")
		}
		return b.ForEach(func(k, v []byte) error {
			meta[string(k)] = slices.Clone(v)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	meta["size"] = binary.LittleEndian.AppendUint64(nil, uint64(len(p.quads)))
	meta["horizon"] = binary.LittleEndian.AppendUint64(nil, p.horizon())
	err = s.replaceBoltFile(func(f *os.File) error { return p.writeFile(f, pageSize, meta) })
	if err != nil {
		return fmt.Errorf("bulk load: writing %d documents (%d quads): %w", docs, len(p.quads), err)
	}
	written := time.Now()
	s.log.Debug("bulk load written", "documents", docs, "quads", len(p.quads), "nodes", len(p.nodes),
		"plan", planned.Sub(start).Round(time.Millisecond), "write", written.Sub(planned).Round(time.Millisecond))
	return nil
}

// bulkWriteHook, when set by a test, fails the bulk write at its end.
var bulkWriteHook func() error

// replaceBoltFile writes a new bolt file with write, next to the store's,
// opens it and renames it over the store's file: readers of the path see
// the old file or the new one, and a failure leaves the old one in place.
// The new file is opened (and locked) before the rename, so no other
// process can take it in between. Callers hold s.mu for writing.
func (s *Store) replaceBoltFile(write func(*os.File) error) error {
	path := s.cfg.Path
	tmp := path + ".bulk"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil && !s.cfg.NoSync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	qs, db, kv, err := openBolt(tmp, s.cfg.LockTimeout, s.cfg.NoSync)
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("opening the new file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		// Windows renames no open file: close both, rename, reopen.
		qs.Close()
		s.qs.Close()
		rerr := os.Rename(tmp, path)
		if rerr != nil {
			os.Remove(tmp)
		}
		if qs, db, kv, err := openBolt(path, s.cfg.LockTimeout, s.cfg.NoSync); err == nil {
			s.qs, s.bdb, s.jkv = qs, db, kv
		} else {
			s.broken = true // reopen before the next operation
			return errors.Join(rerr, err)
		}
		return rerr
	}
	if !s.cfg.NoSync {
		syncDir(filepath.Dir(path))
	}
	old := s.qs
	s.qs, s.bdb, s.jkv = qs, db, kv
	if err := old.Close(); err != nil { // releases the old file
		s.log.Warn("closing the replaced bolt file", "err", err)
	}
	return nil
}

// syncDir makes a rename in dir durable, where the system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// bulkPlan is the content of a rebuilt bolt file.
type bulkPlan struct {
	st    *bulkStage
	nodes []uint32    // node numbers, in id order (node id = i+1)
	refs  []uint32    // by node number: references
	quads [][4]uint32 // node ids of each quad, in id order (quad id = len(nodes)+1+i)
	now   int64
}

// planBulk assigns ids: nodes a quad names, then quads (keep first).
func planBulk(st *bulkStage, keep [][4]uint32) (*bulkPlan, error) {
	total := len(keep)
	for _, l := range st.order {
		total += len(st.sets[l])
	}
	p := &bulkPlan{st: st, refs: make([]uint32, len(st.vals)), now: time.Now().UnixNano()}
	count := func(qs [][4]uint32) {
		for _, q := range qs {
			for _, n := range q {
				if n != 0 {
					p.refs[n]++
				}
			}
		}
	}
	count(keep)
	for _, l := range st.order {
		count(st.sets[l])
	}
	id := make([]uint32, len(st.vals)) // node number -> node id
	p.nodes = make([]uint32, 0, len(st.vals))
	for n := 1; n < len(st.vals); n++ {
		if p.refs[n] > 0 {
			p.nodes = append(p.nodes, uint32(n))
			id[n] = uint32(len(p.nodes))
		}
	}
	if uint64(len(p.nodes))+uint64(total) >= 1<<32 {
		return nil, errors.New("too many nodes and quads for one bulk load")
	}
	p.quads = make([][4]uint32, 0, total)
	add := func(qs [][4]uint32) {
		for _, q := range qs {
			p.quads = append(p.quads, [4]uint32{id[q[0]], id[q[1]], id[q[2]], id[q[3]]})
		}
	}
	add(keep)
	for _, l := range st.order {
		add(st.sets[l])
		st.sets[l] = nil // the plan holds them now
	}
	return p, nil
}

func (p *bulkPlan) nodeID(i int) uint64 { return uint64(i) + 1 }
func (p *bulkPlan) quadID(i int) uint64 { return uint64(len(p.nodes)) + 1 + uint64(i) }
func (p *bulkPlan) horizon() uint64     { return uint64(len(p.nodes) + len(p.quads)) }

// Field numbers of cproto.Primitive.
const (
	primID        = 1
	primSubject   = 2
	primPredicate = 3
	primObject    = 4
	primLabel     = 5
	primTimestamp = 7
	primValue     = 8
)

// appendNodePrimitive appends the encoding of a node primitive, as
// proto.Marshal writes it.
func appendNodePrimitive(b []byte, id uint64, ts int64, value []byte) []byte {
	b = protowire.AppendTag(b, primID, protowire.VarintType)
	b = protowire.AppendVarint(b, id)
	if ts != 0 {
		b = protowire.AppendTag(b, primTimestamp, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(ts))
	}
	b = protowire.AppendTag(b, primValue, protowire.BytesType)
	return protowire.AppendBytes(b, value)
}

// appendQuadPrimitive appends the encoding of a quad primitive, as
// proto.Marshal writes it.
func appendQuadPrimitive(b []byte, id uint64, q [4]uint32, ts int64) []byte {
	b = protowire.AppendTag(b, primID, protowire.VarintType)
	b = protowire.AppendVarint(b, id)
	for i, f := range [4]protowire.Number{primSubject, primPredicate, primObject, primLabel} {
		if q[i] != 0 {
			b = protowire.AppendTag(b, f, protowire.VarintType)
			b = protowire.AppendVarint(b, uint64(q[i]))
		}
	}
	if ts != 0 {
		b = protowire.AppendTag(b, primTimestamp, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(ts))
	}
	return b
}

// sortIndex orders the quads by ind's key: a counting sort on the first
// direction, then a sort of each run on the others.
func (p *bulkPlan) sortIndex(ind ckv.QuadIndex) []uint32 {
	dirs := make([]int, len(ind.Dirs))
	for i, d := range ind.Dirs {
		dirs[i] = dirIndex(d)
	}
	n := len(p.nodes) + 1
	start := make([]uint32, n+1)
	d0 := dirs[0]
	for _, q := range p.quads {
		start[q[d0]+1]++
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	perm := make([]uint32, len(p.quads))
	next := slices.Clone(start[:n])
	for i, q := range p.quads {
		perm[next[q[d0]]] = uint32(i)
		next[q[d0]]++
	}
	if rest := dirs[1:]; len(rest) > 0 {
		for v := 0; v < n; v++ {
			run := perm[start[v]:start[v+1]]
			if len(run) < 2 {
				continue
			}
			slices.SortFunc(run, func(a, b uint32) int {
				qa, qb := &p.quads[a], &p.quads[b]
				for _, d := range rest {
					if qa[d] != qb[d] {
						if qa[d] < qb[d] {
							return -1
						}
						return 1
					}
				}
				return int(int64(a) - int64(b))
			})
		}
	}
	return perm
}

func dirIndex(d quad.Direction) int {
	for i, x := range quad.Directions {
		if x == d {
			return i
		}
	}
	panic(fmt.Sprintf("unknown quad direction %v", d))
}

// hashOrder returns the node positions (in p.nodes) in order of their
// hashes, the key order of the v and n buckets, and where each two-byte
// prefix (each bucket) starts in it.
func (p *bulkPlan) hashOrder() (order, start []uint32) {
	h := p.st.hashes
	start = make([]uint32, 1<<16+1)
	pre := func(i uint32) int { x := &h[p.nodes[i]]; return int(x[0])<<8 | int(x[1]) }
	for i := range p.nodes {
		start[pre(uint32(i))+1]++
	}
	for i := 1; i <= 1<<16; i++ {
		start[i] += start[i-1]
	}
	order = make([]uint32, len(p.nodes))
	next := slices.Clone(start[:1<<16])
	for i := range p.nodes {
		b := pre(uint32(i))
		order[next[b]] = uint32(i)
		next[b]++
	}
	for b := 0; b < 1<<16; b++ {
		run := order[start[b]:start[b+1]]
		if len(run) > 1 {
			slices.SortFunc(run, func(x, y uint32) int { return bytes.Compare(h[p.nodes[x]][:], h[p.nodes[y]][:]) })
		}
	}
	return order, start
}

// writeFile writes the plan as a new bbolt file: the meta bucket holds
// meta (the old file's, without size and horizon), the rest is the plan.
func (p *bulkPlan) writeFile(f *os.File, pageSize int, meta map[string][]byte) error {
	var indexes []ckv.QuadIndex
	if err := json.Unmarshal(meta["indexes"], &indexes); err != nil || len(indexes) == 0 {
		return fmt.Errorf("reading the store's index list: %v", err)
	}
	// Sort the indexes and the hashes while the log is written.
	type job struct {
		done  chan struct{}
		ind   ckv.QuadIndex
		perm  []uint32
		start []uint32
	}
	sorts := make(map[string]*job, len(indexes)+1)
	var names []string
	for _, ind := range indexes {
		if len(ind.Dirs) == 0 {
			return fmt.Errorf("index %v has no directions", ind)
		}
		name := indexBucket(ind)
		j := &job{done: make(chan struct{}), ind: ind}
		sorts[name] = j
		names = append(names, name)
		go func() {
			defer close(j.done)
			j.perm = p.sortIndex(ind)
		}()
	}
	hashes := &job{done: make(chan struct{})}
	go func() {
		defer close(hashes.done)
		hashes.perm, hashes.start = p.hashOrder()
	}()
	names = append(names, "log", "meta", "n", "v")
	sort.Strings(names) // the root bucket's keys, in order ("n" and "v" stand for their 65,536 buckets)

	pf, err := newPageFile(f, pageSize)
	if err != nil {
		return err
	}
	root := newTreeWriter(pf)
	var scratch []byte
	for _, name := range names {
		switch name {
		case "log":
			t := newTreeWriter(pf)
			var k [8]byte
			for i, n := range p.nodes {
				val, err := appendValue(scratch[:0], p.st.vals[n])
				if err != nil {
					return fmt.Errorf("encoding node %v: %w", p.st.vals[n], err)
				}
				id := p.nodeID(i)
				binary.BigEndian.PutUint64(k[:], id)
				scratch = appendNodePrimitive(val[len(val):], id, p.now, val)
				if err := t.put(k[:], scratch, 0); err != nil {
					return err
				}
				scratch = val[:0]
			}
			for i, q := range p.quads {
				id := p.quadID(i)
				binary.BigEndian.PutUint64(k[:], id)
				scratch = appendQuadPrimitive(scratch[:0], id, q, p.now)
				if err := t.put(k[:], scratch, 0); err != nil {
					return err
				}
			}
			if err := root.put([]byte(name), t.bucketValue(), bboltBucketLeaf); err != nil {
				return err
			}
		case "meta":
			t := newTreeWriter(pf)
			keys := make([]string, 0, len(meta))
			for k := range meta {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if err := t.put([]byte(k), meta[k], 0); err != nil {
					return err
				}
			}
			if err := root.put([]byte(name), t.bucketValue(), bboltBucketLeaf); err != nil {
				return err
			}
		case "n", "v":
			<-hashes.done
			for pre := 0; pre < 1<<16; pre++ {
				run := hashes.perm[hashes.start[pre]:hashes.start[pre+1]]
				if len(run) == 0 {
					continue
				}
				t := newTreeWriter(pf)
				var v [binary.MaxVarintLen64]byte
				for _, i := range run {
					n := p.nodes[i]
					x := uint64(p.refs[n])
					if name == "v" {
						x = p.nodeID(int(i))
					}
					if err := t.put(p.st.hashes[n][:], binary.AppendUvarint(v[:0], x), 0); err != nil {
						return err
					}
				}
				if err := root.put([]byte{name[0], byte(pre >> 8), byte(pre)}, t.bucketValue(), bboltBucketLeaf); err != nil {
					return err
				}
			}
		default: // a quad index
			j := sorts[name]
			<-j.done
			dirs := make([]int, len(j.ind.Dirs))
			for i, d := range j.ind.Dirs {
				dirs[i] = dirIndex(d)
			}
			t := newTreeWriter(pf)
			k := make([]byte, 8*len(dirs))
			perm := j.perm
			for len(perm) > 0 {
				first := &p.quads[perm[0]]
				n := 1
				for n < len(perm) && sameKey(first, &p.quads[perm[n]], dirs) {
					n++
				}
				for x, d := range dirs {
					binary.BigEndian.PutUint64(k[8*x:], uint64(first[d]))
				}
				scratch = scratch[:0]
				for _, qi := range perm[:n] {
					scratch = binary.AppendUvarint(scratch, p.quadID(int(qi)))
				}
				if err := t.put(k, scratch, 0); err != nil {
					return err
				}
				perm = perm[n:]
			}
			j.perm = nil
			if err := root.put([]byte(name), t.bucketValue(), bboltBucketLeaf); err != nil {
				return err
			}
		}
	}
	if bulkWriteHook != nil {
		if err := bulkWriteHook(); err != nil {
			return err
		}
	}
	return pf.finish(root.root())
}

// indexBucket is the bucket name of a quad index: its directions' prefixes.
func indexBucket(ind ckv.QuadIndex) string {
	b := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		b[i] = d.Prefix()
	}
	return string(b)
}

func sameKey(a, b *[4]uint32, dirs []int) bool {
	for _, d := range dirs {
		if a[d] != b[d] {
			return false
		}
	}
	return true
}
