package query

import (
	"reflect"
	"strings"

	"github.com/resgraph/resgraph"
)

// compactor deep-copies documents for a snapshot so that they cost the
// garbage collector and the heap less. A document as read holds thousands
// of separately allocated strings, or substrings that keep its whole source
// file alive (the AKN reader shares the file's bytes); every one is an
// object the collector marks on every cycle, and a snapshot lives for many
// cycles. The copy puts a document's long strings into one string of its
// own and interns short ones (ids, verbs, roles, kinds) across the
// snapshot, so a document's text is one object and its source file can be
// freed. It copies by reflection, field by field, so fields added to the
// domain types later are copied too.
type compactor struct {
	intern map[string]string
	buf    []byte       // the long strings of the document being copied
	fix    []stringSlot // where they go
	// The document's slices (paragraphs, actions, each action's marks,
	// verbs, partners ...) and pointees (addressees, votes) of one element
	// type are parts of one array per type, counted first.
	count map[reflect.Type]int
	pool  map[reflect.Type]reflect.Value
	used  map[reflect.Type]int
}

type stringSlot struct {
	v          reflect.Value // a settable string
	start, end int
}

// maxInterned is the longest string interned; longer ones go into their
// document's string.
const maxInterned = 24

func newCompactor() *compactor {
	return &compactor{intern: map[string]string{}, count: map[reflect.Type]int{}, pool: map[reflect.Type]reflect.Value{}, used: map[reflect.Type]int{}}
}

// document returns a deep copy of d.
func (c *compactor) document(d *resgraph.Document) *resgraph.Document {
	nd := new(resgraph.Document)
	c.buf, c.fix = c.buf[:0], c.fix[:0]
	clear(c.count)
	clear(c.pool)
	clear(c.used)
	src := reflect.ValueOf(d).Elem()
	c.measure(src)
	for t, n := range c.count {
		c.pool[t] = reflect.MakeSlice(reflect.SliceOf(t), n, n)
	}
	c.copy(reflect.ValueOf(nd).Elem(), src)
	clear(c.pool)
	all := string(c.buf)
	for _, f := range c.fix {
		f.v.SetString(all[f.start:f.end])
	}
	clear(c.fix) // drop the references to nd
	return nd
}

func (c *compactor) copy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		s := src.String()
		if len(s) <= maxInterned {
			dst.SetString(c.interned(s))
			return
		}
		start := len(c.buf)
		c.buf = append(c.buf, s...)
		c.fix = append(c.fix, stringSlot{dst, start, len(c.buf)})
	case reflect.Struct:
		for i := range src.NumField() {
			c.copy(dst.Field(i), src.Field(i))
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
	default: // numbers, booleans; maps and the like are shared, not copied
		dst.Set(src)
	}
}

// measure counts the elements of each type the copy of v will need.
func (c *compactor) measure(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			c.measure(v.Field(i))
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

func (c *compactor) interned(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := c.intern[s]; ok {
		return v
	}
	v := strings.Clone(s)
	c.intern[v] = v
	return v
}

// compactable reports whether the copy can set every field of the domain
// types: it cannot set unexported fields, and Build then keeps the
// documents as given.
var compactable = settable(reflect.TypeFor[resgraph.Document](), map[reflect.Type]bool{})

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
