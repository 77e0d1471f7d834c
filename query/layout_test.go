package query

import (
	"cmp"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/mandate"
	"github.com/resgraph/resgraph/query/querytest"
)

// handleTypes are the types the API hands out as pointers into the
// snapshot's arrays; each holds the snapshot and an index, nothing else.
var handleTypes = []reflect.Type{
	reflect.TypeFor[Document](), reflect.TypeFor[Paragraph](), reflect.TypeFor[Obligation](),
	reflect.TypeFor[Citation](), reflect.TypeFor[Actor](), reflect.TypeFor[Node](), reflect.TypeFor[Edge](),
}

// pointerFreeExceptions are the snapshot's only fields holding pointers
// besides the arrays of handles and of pointers to handles: the one
// string of all its texts (and the mandate calendar's), the Built time's
// location, the few edge classes ClassOrNil points into, and package
// mandate's timeline (about 4,300 objects for the corpus).
var pointerFreeExceptions = map[string]bool{"Snapshot.text": true, "Snapshot.Built": true, "graphIndex.classes": true,
	"mandateIndex.text": true, "mandateIndex.timeline": true}

// The collector marks an array of pointer-free records as one object and
// never scans it. The snapshot keeps everything it knows in such arrays
// (and in its one string of texts); its only pointers are in its arrays of
// handles (each pointing at the snapshot) and of pointers to handles (the
// lists the API returns). A field that holds pointers in any other way (a
// string, a slice of slices, a map with strings, a pointer to a domain
// value) fails this test: it would bring back per-document objects for
// every GC cycle to mark.
func TestRecordsArePointerFree(t *testing.T) {
	for _, h := range handleTypes {
		if h.NumField() != 2 || h.Field(0).Type != reflect.TypeFor[*Snapshot]() || h.Field(1).Type.Kind() != reflect.Int32 {
			t.Errorf("%s is not a handle {s *Snapshot; i int32}", h)
		}
	}
	isHandle := func(t reflect.Type) bool { return slices.Contains(handleTypes, t) }
	var fields []string
	var walk func(t reflect.Type)
	walk = func(st reflect.Type) {
		for i := range st.NumField() {
			f := st.Field(i)
			name := st.Name() + "." + f.Name
			if i := strings.IndexByte(name, '['); i >= 0 { // keyIndex[...]
				name = name[:i] + name[strings.LastIndexByte(name, ']')+1:]
			}
			ft := f.Type
			switch {
			case pointerFree(ft):
			case ft.Kind() == reflect.Slice && pointerFree(ft.Elem()):
			case ft.Kind() == reflect.Map && pointerFree(ft.Key()) && pointerFree(ft.Elem()):
			case ft.Kind() == reflect.Slice && isHandle(ft.Elem()):
				fields = append(fields, name+" (handles)")
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Pointer && isHandle(ft.Elem().Elem()):
				fields = append(fields, name+" (a view)")
			case ft.Kind() == reflect.Struct && ft.PkgPath() == st.PkgPath() && !pointerFreeExceptions[name]:
				walk(ft)
			case pointerFreeExceptions[name]:
				fields = append(fields, name)
			default:
				t.Errorf("%s (%s) holds pointers: keep it in pointer-free records, or list why not", name, ft)
			}
		}
	}
	walk(reflect.TypeFor[Snapshot]())
	t.Logf("fields holding pointers: %s", strings.Join(fields, ", "))
}

// pointerFree reports whether values of t hold no pointers: no strings,
// slices, maps, pointers or interfaces.
func pointerFree(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	case reflect.Array:
		return t.Len() == 0 || pointerFree(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !pointerFree(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

// corpusSample returns the seed and, when the corpus is present, every
// 25th corpus file (130 documents of every kind and decade).
func corpusSample(t *testing.T) []*resgraph.Document {
	t.Helper()
	docs := querytest.Seed()
	dir, _ := testcorpus.Find()
	if dir == "" {
		t.Log("corpus absent: the seed only")
		return docs
	}
	reg, err := corpusdocs.Registry()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	n := 0
	err = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(path, ".xml") || strings.HasSuffix(path, ".txt")) {
			if n++; n%25 == 0 {
				paths = append(paths, path)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	more, err := corpusdocs.Files(reg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	if len(more) < 10 {
		t.Fatalf("read %d corpus documents", len(more))
	}
	return append(docs, more...)
}

// A snapshot is a hundred or so heap objects however many documents it
// holds, besides package mandate's timeline (the corpus snapshot held
// 179,000 when its documents were blocks the collector did not scan,
// BenchmarkSnapshotGC).
func TestSnapshotHoldsFewObjects(t *testing.T) {
	const most = 200
	objects := func() int {
		var ms runtime.MemStats
		for range 3 { // and let the cleanups after each cycle run
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
		runtime.ReadMemStats(&ms)
		return int(ms.HeapObjects)
	}
	for _, tc := range []struct {
		name string
		docs func(*testing.T) []*resgraph.Document
	}{
		{"seed", func(*testing.T) []*resgraph.Document { return querytest.Seed() }},
		{"seed and corpus sample", corpusSample},
	} {
		// Documents of Source's, whose strings are parts of one arena:
		// what the loader's documents share and cache (sync.Pool, unique)
		// is gone before the count.
		docs, actors := Build(tc.docs(t), querytest.Actors()).Source()
		before := objects()
		s := Build(docs, actors)
		held := objects() - before
		before = objects()
		tl := mandate.Build(docs, actors)
		timeline := objects() - before
		runtime.KeepAlive(tl)
		runtime.KeepAlive(docs)
		st := s.Stats()
		t.Logf("%s: %d documents, %d paragraphs, %d obligations: %d heap objects, %d of them the mandate timeline's", tc.name, st.Documents, st.Paragraphs, st.Obligations, held, timeline)
		if held-timeline > most {
			t.Errorf("%s: the snapshot holds %d heap objects besides the mandate timeline's, want at most %d", tc.name, held-timeline, most)
		}
	}
}

// Source gives back exactly the documents and actors Build was given
// (one per symbol, in snapshot order): every field of every domain type,
// nil and empty slices apart. Checked on the seed, the corpus sample, and
// documents with every field set by reflection, so that a field added to
// the domain and not to the records fails here.
func TestSourceIsWhatWasBuilt(t *testing.T) {
	check := func(name string, docs []*resgraph.Document, actors []resgraph.Actor) {
		t.Helper()
		s := Build(docs, actors)
		runtime.GC()
		want := slices.Clone(docs)
		slices.SortStableFunc(want, func(a, b *resgraph.Document) int {
			return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Symbol, b.Symbol))
		})
		gotDocs, gotActors := s.Source()
		if len(gotDocs) != len(want) {
			t.Fatalf("%s: %d documents, want %d", name, len(gotDocs), len(want))
		}
		for i, d := range gotDocs {
			if !reflect.DeepEqual(d, want[i]) {
				t.Errorf("%s: %s differs from the document built:\n got %s\nwant %s", name, want[i].Symbol, firstDiff(d, want[i]), firstDiff(want[i], d))
			}
		}
		if !reflect.DeepEqual(gotActors, actors) {
			t.Errorf("%s: the actors differ from those built", name)
		}
	}
	check("seed and corpus sample", corpusSample(t), querytest.Actors())

	full, empty := &resgraph.Document{}, &resgraph.Document{}
	n := 0
	fill(reflect.ValueOf(full).Elem(), &n, 2)
	fill(reflect.ValueOf(empty).Elem(), &n, 0)
	var actor resgraph.Actor
	fill(reflect.ValueOf(&actor).Elem(), &n, 2)
	check("every field set", []*resgraph.Document{full, empty, {Symbol: "S/zero"}}, []resgraph.Actor{actor, {ID: "zero"}})
}

// fill sets every field of v: strings and numbers to values of their own,
// booleans true, pointers to new values, slices to elems values.
func fill(v reflect.Value, n *int, elems int) {
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString(fmt.Sprintf("text %d", *n))
	case reflect.Int:
		*n++
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n, elems)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), elems, elems))
		for i := range elems {
			fill(v.Index(i), n, elems)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n, elems)
	default:
		panic("fill: a " + v.Kind().String() + " in the domain types")
	}
}

// firstDiff describes a for an error message: the first of its paragraph,
// action or reference that differs from b's, or its fields.
func firstDiff(a, b *resgraph.Document) string {
	for i := range min(len(a.Paragraphs), len(b.Paragraphs)) {
		if !reflect.DeepEqual(a.Paragraphs[i], b.Paragraphs[i]) {
			return fmt.Sprintf("paragraph %d %+v", i, a.Paragraphs[i])
		}
	}
	for i := range min(len(a.Actions), len(b.Actions)) {
		if !reflect.DeepEqual(a.Actions[i], b.Actions[i]) {
			return fmt.Sprintf("action %d %+v", i, a.Actions[i])
		}
	}
	for i := range min(len(a.References), len(b.References)) {
		if !reflect.DeepEqual(a.References[i], b.References[i]) {
			return fmt.Sprintf("reference %d %+v", i, a.References[i])
		}
	}
	c := *a
	c.Paragraphs, c.Actions, c.References = nil, nil, nil
	return fmt.Sprintf("%+v", c)
}

// What Source and the Copy methods return is the caller's: changing it
// changes nothing in the snapshot.
func TestCopiesAreTheCallers(t *testing.T) {
	s := Build(querytest.Seed(), querytest.Actors())
	docs, actors := s.Source()
	want, wantActors := s.Source()
	for _, d := range docs {
		d.Symbol, d.Title = "changed", "changed"
		for i := range d.Paragraphs {
			d.Paragraphs[i].Text = strings.Repeat("x", 100)
		}
		for i := range d.Actions {
			d.Actions[i].Verb, d.Actions[i].Marks = "x", nil
			if d.Actions[i].Addressee != nil {
				d.Actions[i].Addressee.ID = "x"
			}
		}
		if len(d.Sponsors) > 0 {
			d.Sponsors[0] = "x"
		}
	}
	for i := range actors {
		if len(actors[i].Aliases) > 0 {
			actors[i].Aliases[0] = "x"
		}
	}
	if d := s.Documents()[0]; len(d.Sponsors()) > 0 {
		d.Sponsors()[0] = "x"
	}
	got, gotActors := s.Source()
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotActors, wantActors) {
		t.Error("changing copies changed the snapshot")
	}
}

// Readers share a snapshot: run under -race, this fails on any write
// a read makes to it.
func TestConcurrentReads(t *testing.T) {
	s := Build(querytest.Seed(), querytest.Actors())
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for range 50 {
				if _, err := s.Obligations(ObligationFilter{Actor: "Secretary-General"}, Page{First: 5}); err != nil {
					t.Error(err)
				}
				if _, err := s.MatchObligations(ObligationFilter{Text: "trust fund", Verb: "requests"}); err != nil {
					t.Error(err)
				}
				if _, err := s.Neighbourhood("AU", 2, 0, nil); err != nil {
					t.Error(err)
				}
				if _, err := s.Search("Secretary-General report", 5); err != nil {
					t.Error(err)
				}
				if _, err := s.Suggest("af", 5); err != nil {
					t.Error(err)
				}
				if _, err := s.Counts(ByVerb, ObligationFilter{}); err != nil {
					t.Error(err)
				}
				if _, err := s.DocumentsPage(DocumentFilter{Actor: "AU"}, NewestFirst, Page{}); err != nil {
					t.Error(err)
				}
				if g%2 == 0 {
					s.Source()
				}
				for _, d := range s.Documents() {
					for _, o := range d.Obligations() {
						_ = o.IDString() + o.Verb() + o.Text()
						_ = o.Marks()
						if p := o.Paragraph(); p != nil {
							_ = p.Text()
						}
					}
				}
			}
		})
	}
	wg.Wait()
}

// The snapshot's calendar is package mandate's, reports for reports, and
// a validity's facts are what mandate.FactsOf makes of an action.
func TestMandatesAreMandates(t *testing.T) {
	s := Build(corpusSample(t), querytest.Actors())
	docs, actors := s.Source()
	tl := mandate.Build(docs, actors)
	want, wantUndated := tl.Calendar(docs, "", "", "")
	for _, r := range [][2]string{{"", ""}, {"2005", "2015-06-30"}, {"2019-01-01", ""}} {
		got, gotUndated := s.Calendar(r[0], r[1], nil)
		var w, wu []mandate.Due
		for _, d := range want {
			if d.Day >= r[0] && (r[1] == "" || d.Day <= r[1]) {
				w = append(w, d)
			}
		}
		for _, d := range wantUndated {
			if d.Date >= r[0] && (r[1] == "" || d.Date <= r[1]) {
				wu = append(wu, d)
			}
		}
		if !reflect.DeepEqual(got, w) || !reflect.DeepEqual(gotUndated, wu) {
			t.Errorf("calendar %v: %d and %d reports, want %d and %d", r, len(got), len(gotUndated), len(w), len(wu))
		}
	}
	t.Logf("%d reports due, %d undated", len(want), len(wantUndated))

	var d mandate.Due
	n := 0
	fill(reflect.ValueOf(&d).Elem(), &n, 2)
	var m mandateIndex
	a := newArena()
	r := m.put(a, &d)
	m.text = a.done()
	if got := m.due(&r); !reflect.DeepEqual(got, d) {
		t.Errorf("a report as a record and back:\n got %+v\nwant %+v", got, d)
	}

	checked := 0
	for _, doc := range s.Documents() {
		c := doc.Copy()
		for _, o := range doc.Obligations() {
			x := o.Copy()
			want := mandate.FactsOf(c, &x)
			if a := o.Addressee(); a != nil {
				want.Addressee = a.ID()
			}
			if got := o.facts(); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: facts %+v, want %+v", o.IDString(), got, want)
			}
			checked++
		}
	}
	t.Logf("facts of %d obligations checked", checked)
}
