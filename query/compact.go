package query

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/resgraph/resgraph"
)

// compactor deep-copies documents for a snapshot so that they cost the
// garbage collector and the heap less. A snapshot lives for many GC
// cycles, and every cycle marks what it holds.
//
// A document as read holds thousands of separately allocated strings and
// slices, or substrings that keep its whole source file alive (the AKN
// reader shares the file's bytes). The copy puts the whole document (the
// Document itself, every slice, pointee and long string of it) into one
// block of memory allocated as a pointer-free []uint64, and interns short
// strings (ids, verbs, roles, kinds) in a table the process keeps. The
// collector then marks one object per document and never scans it:
// marking the corpus snapshot took 140 ms of CPU per cycle before, while
// 50 clients waited on the 2 CPUs.
//
// That is sound because of what the block holds: its pointers point into
// the block itself or at interned strings, which the table keeps alive.
// A pointer into the block from anywhere else (a Paragraph, a string in an
// answer) keeps the whole block alive. The copy is by reflection, field by
// field, so fields added to the domain types later are copied too; types
// the copy cannot make pointer-free (maps, interfaces, functions,
// channels, unexported fields) make Build keep documents uncompacted
// (compactable), and TestCompactedDocumentsPointOnlyIntoTheirBlock walks
// the corpus snapshot's documents to check every pointer.
type compactor struct {
	block []uint64 // the document being copied
	off   uintptr  // bytes of it used
	// The document's slices (paragraphs, actions, each action's marks,
	// verbs, partners ...) and pointees (addressees, votes) of one element
	// type are parts of one array per type, counted first.
	count    map[reflect.Type]int
	strBytes int // bytes of the long strings
	pool     map[reflect.Type]reflect.Value
	used     map[reflect.Type]int
}

// maxInterned is the longest string interned; longer ones go into their
// document's block.
const maxInterned = 24

// interned holds the short strings of every document compacted by the
// process. It only grows, by the distinct short strings of the documents
// read (ids, verbs, numbers: a few MB for the whole corpus), so that
// blocks may point at them whatever snapshot they belong to.
var interned = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

func newCompactor() *compactor {
	return &compactor{count: map[reflect.Type]int{}, pool: map[reflect.Type]reflect.Value{}, used: map[reflect.Type]int{}}
}

var documentType = reflect.TypeFor[resgraph.Document]()

// document returns a deep copy of d in a block of its own.
func (c *compactor) document(d *resgraph.Document) *resgraph.Document {
	clear(c.count)
	clear(c.pool)
	clear(c.used)
	c.strBytes = 0
	src := reflect.ValueOf(d).Elem()
	c.measure(src)
	size := documentType.Size() + uintptr(c.strBytes)
	for t, n := range c.count {
		size += uintptr(t.Align()) + t.Size()*uintptr(n)
	}
	// One spare word: a pointer to an empty slice at the block's end must
	// still point into the block, not at its neighbour.
	c.block, c.off = make([]uint64, size/8+2), 0
	for t, n := range c.count {
		c.pool[t] = reflect.SliceAt(t, c.alloc(t.Size()*uintptr(n), uintptr(t.Align())), n)
	}
	nd := (*resgraph.Document)(c.alloc(documentType.Size(), uintptr(documentType.Align())))
	interned.Lock()
	c.copy(reflect.ValueOf(nd).Elem(), src)
	interned.Unlock()
	clear(c.pool)
	// c.block stays until the next document: tests check what it holds.
	return nd
}

// alloc returns the next size bytes of the block, aligned.
func (c *compactor) alloc(size, align uintptr) unsafe.Pointer {
	c.off = (c.off + align - 1) &^ (align - 1)
	if c.off+size > uintptr(len(c.block))*8 {
		panic("query: compactor: document block too small") // measure and copy disagree
	}
	p := unsafe.Add(unsafe.Pointer(unsafe.SliceData(c.block)), c.off)
	c.off += size
	return p
}

func (c *compactor) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		s := src.String()
		if len(s) <= maxInterned {
			dst.SetString(intern(s))
			return
		}
		p := c.alloc(uintptr(len(s)), 1)
		copy(unsafe.Slice((*byte)(p), len(s)), s)
		dst.SetString(unsafe.String((*byte)(p), len(s)))
	case reflect.Struct:
		for i := range src.NumField() {
			c.copy(dst.Field(i), src.Field(i))
		}
	case reflect.Array:
		for i := range src.Len() {
			c.copy(dst.Index(i), src.Index(i))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		n := src.Len()
		out := c.take(src.Type().Elem(), n)
		for i := range n {
			c.copy(out.Index(i), src.Index(i))
		}
		dst.Set(out)
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := c.take(src.Type().Elem(), 1).Index(0).Addr()
		c.copy(p.Elem(), src.Elem())
		dst.Set(p)
	default: // numbers and booleans (compactable rules out the rest)
		dst.Set(src)
	}
}

// measure counts the elements of each type, and the bytes of long strings,
// the copy of v will need.
func (c *compactor) measure(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if n := v.Len(); n > maxInterned {
			c.strBytes += n
		}
	case reflect.Struct:
		for i := range v.NumField() {
			c.measure(v.Field(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			c.measure(v.Index(i))
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		c.count[v.Type().Elem()] += v.Len()
		for i := range v.Len() {
			c.measure(v.Index(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		c.count[v.Type().Elem()]++
		c.measure(v.Elem())
	}
}

// take returns the next n elements of type t of the document's array for
// t, as a slice with no room to grow into its neighbours.
func (c *compactor) take(t reflect.Type, n int) reflect.Value {
	at := c.used[t]
	c.used[t] = at + n
	return c.pool[t].Slice3(at, at+n, at+n)
}

// intern returns the process's copy of s. The caller holds interned.
func intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := interned.m[s]; ok {
		return v
	}
	v := strings.Clone(s)
	interned.m[v] = v
	return v
}

// compactable reports whether the copy can set every field of the domain
// types and leave no pointer out of the block but interned strings: it
// cannot set unexported fields, nor copy maps, interfaces, functions or
// channels into the block. Build otherwise keeps the documents as given.
var compactable = settable(documentType, map[reflect.Type]bool{})

func settable(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); !f.IsExported() || !settable(f.Type, seen) {
				return false
			}
		}
	case reflect.Slice, reflect.Pointer, reflect.Array:
		return settable(t.Elem(), seen)
	case reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return false
	}
	return true
}
