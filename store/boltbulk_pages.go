package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
)

// A writer of bbolt files (go.etcd.io/bbolt v1.3.x, file format version 2)
// from keys given in ascending order: the bulk writer's last step. bbolt's
// own Put costs about a microsecond per key here (a search from the root
// of a node that grows to millions of keys until the commit splits it), and
// the commit holds the whole file in memory; writing the B+trees page by
// page, bottom-up, streams the file out at disk speed.
//
// The layout is bbolt's (page.go, node.go, bucket.go, db.go): pages 0 and
// 1 are the meta pages, page 2 an empty freelist, then the trees. A page
// starts with a 16-byte header (id uint64, flags uint16, count uint16,
// overflow uint32), then count 16-byte elements, then the keys and values
// the elements point to (pos is relative to the element). A leaf element
// is (flags, pos, ksize, vsize uint32); a branch element (pos, ksize
// uint32, child page id uint64), keyed by the child's first key. A page
// too small for one element runs on over the next `overflow` pages. A
// bucket is an entry (flag 1) in its parent, whose value is a 16-byte
// header (root page id, sequence) or, for a small bucket, a zero root page
// id followed by the bucket's single leaf page inline. Integers are in the
// machine's byte order, as bbolt writes its structs.
//
// TestBoltBulkFileCheck runs bbolt's own consistency check (Tx.Check: page
// reachability, overlaps, key order) on a file written here.

const (
	bboltMagic        = 0xED0CDAED
	bboltVersion      = 2
	bboltBranchPage   = 0x01
	bboltLeafPage     = 0x02
	bboltMetaPage     = 0x04
	bboltFreelistPage = 0x10
	bboltBucketLeaf   = 0x01
	bboltHeader       = 16 // page header
	bboltElement      = 16 // leaf or branch element
	bboltBucketHeader = 16
)

var ne = binary.NativeEndian

// pageFile writes pages in id order.
type pageFile struct {
	f    *os.File
	w    *bufio.Writer
	psz  int
	next uint64 // the next page id
	buf  []byte
	err  error
}

func newPageFile(f *os.File, pageSize int) (*pageFile, error) {
	pf := &pageFile{f: f, w: bufio.NewWriterSize(f, 1<<20), psz: pageSize, next: 3}
	// Meta and freelist pages are written last, at the start of the file.
	if _, err := f.Seek(int64(3*pageSize), 0); err != nil {
		return nil, err
	}
	return pf, nil
}

// pnode is a page being filled: a leaf or a branch.
type pnode struct {
	leaf  bool
	flags []uint32 // leaf: element flags
	ksz   []uint32
	vsz   []uint32 // leaf: value sizes
	child []uint64 // branch: child page ids
	data  []byte   // keys and values, in order
}

func (n *pnode) count() int { return len(n.ksz) }

// size is the page size n needs.
func (n *pnode) size() int { return bboltHeader + bboltElement*n.count() + len(n.data) }

func (n *pnode) add(k, v []byte, flags uint32, child uint64) {
	n.ksz = append(n.ksz, uint32(len(k)))
	n.data = append(n.data, k...)
	if n.leaf {
		n.flags = append(n.flags, flags)
		n.vsz = append(n.vsz, uint32(len(v)))
		n.data = append(n.data, v...)
	} else {
		n.child = append(n.child, child)
	}
}

func (n *pnode) reset() {
	n.flags, n.ksz, n.vsz, n.child, n.data = n.flags[:0], n.ksz[:0], n.vsz[:0], n.child[:0], n.data[:0]
}

func (n *pnode) firstKey() []byte { return n.data[:n.ksz[0]] }

// encode writes n as a page (id 0 for an inline page) into dst, which
// holds n.size() bytes or more, zeroed.
func (n *pnode) encode(dst []byte, id uint64, overflow uint32) {
	ne.PutUint64(dst[0:], id)
	flags := uint16(bboltBranchPage)
	if n.leaf {
		flags = bboltLeafPage
	}
	ne.PutUint16(dst[8:], flags)
	ne.PutUint16(dst[10:], uint16(n.count()))
	ne.PutUint32(dst[12:], overflow)
	off := bboltHeader + bboltElement*n.count()
	copy(dst[off:], n.data)
	for i := range n.ksz {
		e := dst[bboltHeader+bboltElement*i:]
		pos := uint32(off - (bboltHeader + bboltElement*i))
		if n.leaf {
			ne.PutUint32(e[0:], n.flags[i])
			ne.PutUint32(e[4:], pos)
			ne.PutUint32(e[8:], n.ksz[i])
			ne.PutUint32(e[12:], n.vsz[i])
			off += int(n.ksz[i] + n.vsz[i])
		} else {
			ne.PutUint32(e[0:], pos)
			ne.PutUint32(e[4:], n.ksz[i])
			ne.PutUint64(e[8:], n.child[i])
			off += int(n.ksz[i])
		}
	}
}

// emit writes n as the next page (with overflow pages if it needs them)
// and returns its id.
func (pf *pageFile) emit(n *pnode) uint64 {
	if n.count() >= 0xFFFF {
		pf.err = errors.New("too many elements for one page")
	}
	pages := (n.size() + pf.psz - 1) / pf.psz
	if cap(pf.buf) < pages*pf.psz {
		pf.buf = make([]byte, pages*pf.psz)
	}
	b := pf.buf[:pages*pf.psz]
	clear(b)
	id := pf.next
	n.encode(b, id, uint32(pages-1))
	if pf.err == nil {
		_, pf.err = pf.w.Write(b)
	}
	pf.next += uint64(pages)
	return id
}

// finish writes the meta pages (root: the root bucket's page) and the
// empty freelist, and flushes.
func (pf *pageFile) finish(root uint64) error {
	if pf.err != nil {
		return pf.err
	}
	if err := pf.w.Flush(); err != nil {
		return err
	}
	head := make([]byte, 3*pf.psz)
	for i := 0; i < 2; i++ {
		p := head[i*pf.psz:]
		ne.PutUint64(p[0:], uint64(i))
		ne.PutUint16(p[8:], bboltMetaPage)
		m := p[bboltHeader:]
		ne.PutUint32(m[0:], bboltMagic)
		ne.PutUint32(m[4:], bboltVersion)
		ne.PutUint32(m[8:], uint32(pf.psz))
		ne.PutUint32(m[12:], 0)         // flags
		ne.PutUint64(m[16:], root)      // root bucket: root page
		ne.PutUint64(m[24:], 0)         // root bucket: sequence
		ne.PutUint64(m[32:], 2)         // freelist page
		ne.PutUint64(m[40:], pf.next)   // high water mark
		ne.PutUint64(m[48:], uint64(i)) // txid
		h := fnv.New64a()
		h.Write(m[:56])
		ne.PutUint64(m[56:], h.Sum64())
	}
	fl := head[2*pf.psz:]
	ne.PutUint64(fl[0:], 2)
	ne.PutUint16(fl[8:], bboltFreelistPage)
	if _, err := pf.f.WriteAt(head, 0); err != nil {
		return err
	}
	return nil
}

// treeWriter builds one B+tree bottom-up from keys in ascending order.
type treeWriter struct {
	pf      *pageFile
	levels  []*pnode // 0: the leaf being filled; then branch levels
	flushed []int    // pages written per level
	last    []byte   // the previous key, to check the order
	n       int
}

func newTreeWriter(pf *pageFile) *treeWriter {
	return &treeWriter{pf: pf, levels: []*pnode{{leaf: true}}, flushed: []int{0}}
}

// put adds a key (bbolt keys are non-empty) in ascending order.
func (t *treeWriter) put(k, v []byte, flags uint32) error {
	if len(k) == 0 || (t.n > 0 && string(k) <= string(t.last)) {
		return fmt.Errorf("bulk file: key %x out of order after %x", k, t.last)
	}
	t.last = append(t.last[:0], k...)
	t.n++
	t.add(0, k, v, flags, 0)
	return nil
}

func (t *treeWriter) add(level int, k, v []byte, flags uint32, child uint64) {
	if level == len(t.levels) {
		t.levels = append(t.levels, &pnode{})
		t.flushed = append(t.flushed, 0)
	}
	n := t.levels[level]
	if n.count() > 0 && n.size()+bboltElement+len(k)+len(v) > t.pf.psz {
		t.flush(level)
	}
	n.add(k, v, flags, child)
}

// flush writes the page of a level and adds it to the level above.
func (t *treeWriter) flush(level int) {
	n := t.levels[level]
	id := t.pf.emit(n)
	first := append([]byte(nil), n.firstKey()...)
	n.reset()
	t.flushed[level]++
	t.add(level+1, first, nil, 0, id)
}

// inline returns the bucket value of a tree small enough to live in its
// parent's page (bbolt inlines a bucket whose single leaf page takes at
// most a quarter of a page), or nil.
func (t *treeWriter) inline() []byte {
	leaf := t.levels[0]
	if len(t.levels) > 1 || t.flushed[0] > 0 || leaf.size() > t.pf.psz/4 {
		return nil
	}
	v := make([]byte, bboltBucketHeader+leaf.size())
	leaf.encode(v[bboltBucketHeader:], 0, 0)
	return v
}

// root writes what is left and returns the root page id.
func (t *treeWriter) root() uint64 {
	for level := 0; ; level++ {
		n := t.levels[level]
		if t.flushed[level] == 0 {
			if level > 0 && n.count() == 1 {
				return n.child[0]
			}
			return t.pf.emit(n)
		}
		if n.count() > 0 {
			t.flush(level)
		}
	}
}

// bucketValue finishes a bucket's tree and returns its entry's value in
// the parent: inline, or a header naming its root page.
func (t *treeWriter) bucketValue() []byte {
	if v := t.inline(); v != nil {
		return v
	}
	v := make([]byte, bboltBucketHeader)
	ne.PutUint64(v, t.root())
	return v
}
