package query

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/query/querytest"
)

func TestCompactCopiesDocumentsExactly(t *testing.T) {
	if !compactable {
		t.Fatal("resgraph.Document has a field the compactor cannot copy: Build keeps documents uncompacted")
	}
	c := newCompactor()
	for _, d := range querytest.Seed() {
		cp := c.document(d)
		if !reflect.DeepEqual(cp, d) {
			t.Fatalf("%s: the copy differs from the original", d.Symbol)
		}
		if len(d.Paragraphs) > 0 && unsafe.StringData(cp.Paragraphs[0].Text) == unsafe.StringData(d.Paragraphs[0].Text) {
			t.Errorf("%s: the copy shares the original's text", d.Symbol)
		}
		if len(d.Paragraphs) > 0 && &cp.Paragraphs[0] == &d.Paragraphs[0] {
			t.Errorf("%s: the copy shares the original's paragraphs", d.Symbol)
		}
		// Slices share one array per type: none may grow into the next.
		for i, a := range cp.Actions {
			if cap(a.Marks) != len(a.Marks) || cap(a.Verbs) != len(a.Verbs) || cap(a.Partners) != len(a.Partners) {
				t.Errorf("%s: action %d has room to grow into its neighbours", d.Symbol, i)
			}
		}
	}
}

// The collector does not scan a document's block, so every pointer in it
// must point into the block itself or at an interned string (which the
// intern table keeps alive): anything else could be freed under it.
// Checked on the seed and, when the corpus is present, on a sample of
// every kind of corpus document.
func TestCompactedDocumentsPointOnlyIntoTheirBlock(t *testing.T) {
	docs := querytest.Seed()
	dir, _ := testcorpus.Find()
	corpusFound := dir != ""
	if corpusFound {
		reg, err := corpusdocs.Registry()
		if err != nil {
			t.Fatal(err)
		}
		// Every 25th file: 130 documents of every kind and decade.
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
		docs = append(docs, more...)
	} else {
		t.Log("corpus absent: checking the seed only")
	}
	c := newCompactor()
	for _, d := range docs {
		cp := c.document(d)
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(c.block)))
		hi := lo + uintptr(len(c.block))*8
		check := func(what string, p unsafe.Pointer) error {
			if a := uintptr(p); a < lo || a >= hi {
				return fmt.Errorf("%s: %s points out of the document's block", d.Symbol, what)
			}
			return nil
		}
		if err := check("the document", unsafe.Pointer(cp)); err != nil {
			t.Fatal(err)
		}
		if err := walkPointers(reflect.ValueOf(cp).Elem(), "Document", check); err != nil {
			t.Fatal(err)
		}
	}
	if want := 10; corpusFound && len(docs) < want || len(docs) == 0 {
		t.Fatalf("checked %d documents", len(docs))
	}
}

// walkPointers calls check on every pointer v holds, except interned
// strings.
func walkPointers(v reflect.Value, path string, check func(string, unsafe.Pointer) error) error {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if s == "" {
			return nil
		}
		if len(s) <= maxInterned {
			if in, ok := interned.m[s]; !ok || unsafe.StringData(in) != unsafe.StringData(s) {
				return fmt.Errorf("%s: short string %q is not the interned one", path, s)
			}
			return nil
		}
		return check(path, unsafe.Pointer(unsafe.StringData(s)))
	case reflect.Struct:
		for i := range v.NumField() {
			if err := walkPointers(v.Field(i), path+"."+v.Type().Field(i).Name, check); err != nil {
				return err
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			if err := walkPointers(v.Index(i), fmt.Sprintf("%s[%d]", path, i), check); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if err := check(path, v.UnsafePointer()); err != nil {
			return err
		}
		for i := range v.Len() {
			if err := walkPointers(v.Index(i), fmt.Sprintf("%s[%d]", path, i), check); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if err := check(path, v.UnsafePointer()); err != nil {
			return err
		}
		return walkPointers(v.Elem(), path, check)
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
	default:
		return fmt.Errorf("%s: a %s, which the block cannot hold", path, v.Kind())
	}
	return nil
}

// A snapshot's documents survive collections intact: a pointer the
// collector missed would show as a freed and reused string or slice.
func TestCompactedDocumentsSurviveCollections(t *testing.T) {
	seed := querytest.Seed()
	want := make([]*resgraph.Document, len(seed))
	for i, d := range querytest.Seed() {
		want[i] = d
	}
	s := Build(seed, querytest.Actors())
	seed = nil
	for range 5 {
		runtime.GC()
		junk := make([][]byte, 0, 1<<12)
		for i := range cap(junk) {
			junk = append(junk, make([]byte, 16+i%512))
			for j := range junk[i] {
				junk[i][j] = 0xAA
			}
		}
		runtime.KeepAlive(junk)
	}
	got, _ := s.Source()
	bySymbol := map[resgraph.Symbol]*resgraph.Document{}
	for _, d := range got {
		bySymbol[d.Symbol] = d
	}
	for _, w := range want {
		if g := bySymbol[w.Symbol]; !reflect.DeepEqual(g, w) {
			t.Errorf("%s: the snapshot's copy changed after collections", w.Symbol)
		}
	}
}
