package graph

import (
	"bytes"
	"container/list"
	"encoding/json"
	"hash/maphash"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/resgraph/resgraph/query"
)

// DefaultCacheEntries is the default size of the response cache.
const DefaultCacheEntries = 2048

// Bounds of what the response cache keeps.
const (
	maxCachedRequest  = 16 << 10 // bytes of POST body
	maxCachedResponse = 1 << 20  // bytes of response
)

// responseCache answers a POST it has answered before from the same
// snapshot with the same bytes. A snapshot never changes, so an answer is a
// pure function of (snapshot, request body); the cache is emptied when the
// snapshot is swapped. Only successful answers (HTTP 200, no "errors") are
// kept, least recently used first out. Dashboards and the explorer repeat
// their queries, which is what this is for; a new question pays the full
// price (see BenchmarkCorpus, with and without cache).
//
// A hit costs a read of the body into a pooled buffer, a 64-bit hash, a
// map lookup under a mutex, a comparison with the cached request, and one
// write of the cached answer with its Content-Length: no gqlgen, no copy.
type responseCache struct {
	snaps   Snapshots
	next    http.Handler
	max     int
	observe func(Observation)
	seed    maphash.Seed

	mu    sync.Mutex
	snap  *query.Snapshot // the snapshot the entries were computed on
	items map[uint64]*list.Element
	lru   *list.List // of *cacheEntry, most recent first
}

type cacheEntry struct {
	hash   uint64
	req    []byte // the request body and Accept header, to tell hash collisions apart
	accept string
	op     string
	body   []byte
	length string   // len(body), for Content-Length
	ctype  []string // Content-Type of the answer
}

func newResponseCache(snaps Snapshots, next http.Handler, max int, observe func(Observation)) *responseCache {
	return &responseCache{snaps: snaps, next: next, max: max, observe: observe, seed: maphash.MakeSeed(),
		items: map[uint64]*list.Element{}, lru: list.New()}
}

// bodies recycles request-body buffers.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (c *responseCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.ContentLength < 0 || r.ContentLength > maxCachedRequest {
		c.next.ServeHTTP(w, r)
		return
	}
	buf := bodies.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		bodies.Put(buf)
	}()
	buf.Grow(int(r.ContentLength) + 1)
	_, err := buf.ReadFrom(io.LimitReader(r.Body, maxCachedRequest+1))
	r.Body.Close()
	if err != nil || buf.Len() > maxCachedRequest {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	body := buf.Bytes()
	start := time.Now()
	r.Body = io.NopCloser(bytes.NewReader(body))
	snap := c.load()
	if snap == nil { // nothing to cache against: let the handler report it
		c.next.ServeHTTP(w, r)
		return
	}
	// The answer's content type depends on Accept, so it is part of the key.
	accept := r.Header.Get("Accept")
	h := maphash.Bytes(c.seed, body) ^ maphash.String(c.seed, accept)
	if e := c.get(snap, h, body, accept); e != nil {
		hd := w.Header()
		hd["Content-Type"] = e.ctype
		hd["Content-Length"] = []string{e.length}
		hd["X-Resgraph-Cache"] = cacheHit
		w.Write(e.body)
		if c.observe != nil {
			c.observe(Observation{Operation: e.op, Executor: ExecutorCache, Duration: time.Since(start)})
		}
		return
	}
	r = r.WithContext(WithSnapshot(r.Context(), snap))
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	c.next.ServeHTTP(rec, r)
	if rec.status == http.StatusOK && !rec.overflow && !bytes.Contains(rec.buf.Bytes(), []byte(`"errors":`)) {
		var req struct {
			OperationName string `json:"operationName"`
		}
		json.Unmarshal(body, &req)
		out := bytes.Clone(rec.buf.Bytes())
		c.put(snap, &cacheEntry{hash: h, req: bytes.Clone(body), accept: accept, op: req.OperationName, body: out, length: strconv.Itoa(len(out)),
			ctype: []string{rec.Header().Get("Content-Type")}})
	}
}

// Header values of a hit, shared (net/http only reads them).
var (
	cacheHit = []string{"hit"}
)

// load returns the current snapshot, or nil when there is none or the
// source fails (the GraphQL handler then reports the failure properly).
func (c *responseCache) load() (s *query.Snapshot) {
	defer func() {
		if recover() != nil {
			s = nil
		}
	}()
	return c.snaps.Load()
}

func (c *responseCache) get(snap *query.Snapshot, h uint64, req []byte, accept string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		return nil
	}
	el := c.items[h]
	if el == nil {
		return nil
	}
	e := el.Value.(*cacheEntry)
	if !bytes.Equal(e.req, req) || e.accept != accept {
		return nil // another request with the same hash
	}
	c.lru.MoveToFront(el)
	return e
}

func (c *responseCache) put(snap *query.Snapshot, e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap { // a new snapshot: forget the old answers
		c.snap = snap
		clear(c.items)
		c.lru.Init()
	}
	if el := c.items[e.hash]; el != nil {
		// The same request answered twice, or a collision: the newer wins.
		el.Value = e
		c.lru.MoveToFront(el)
		return
	}
	c.items[e.hash] = c.lru.PushFront(e)
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).hash)
	}
}

// recorder passes a response through and keeps a copy of up to
// maxCachedResponse bytes.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > maxCachedResponse {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}
