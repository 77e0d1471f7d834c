package graph

import (
	"bytes"
	"container/list"
	"encoding/json"
	"io"
	"net/http"
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
type responseCache struct {
	snaps   Snapshots
	next    http.Handler
	max     int
	observe func(string, time.Duration, bool)

	mu    sync.Mutex
	snap  *query.Snapshot // the snapshot the entries were computed on
	items map[string]*list.Element
	lru   *list.List // of *cacheEntry, most recent first
}

type cacheEntry struct {
	key  string
	op   string
	body []byte
}

func newResponseCache(snaps Snapshots, next http.Handler, max int, observe func(string, time.Duration, bool)) *responseCache {
	return &responseCache{snaps: snaps, next: next, max: max, observe: observe, items: map[string]*list.Element{}, lru: list.New()}
}

func (c *responseCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.ContentLength < 0 || r.ContentLength > maxCachedRequest {
		c.next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxCachedRequest+1))
	r.Body.Close()
	if err != nil || len(body) > maxCachedRequest {
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	start := time.Now()
	r.Body = io.NopCloser(bytes.NewReader(body))
	snap := c.load()
	if snap == nil { // nothing to cache against: let the handler report it
		c.next.ServeHTTP(w, r)
		return
	}
	key := string(body)
	if e := c.get(snap, key); e != nil {
		w.Header().Set("Content-Type", "application/graphql-response+json")
		w.Header().Set("X-Resgraph-Cache", "hit")
		w.Write(e.body)
		if c.observe != nil {
			c.observe(e.op, time.Since(start), false)
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
		c.put(snap, &cacheEntry{key: key, op: req.OperationName, body: bytes.Clone(rec.buf.Bytes())})
	}
}

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

func (c *responseCache) get(snap *query.Snapshot, key string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap {
		return nil
	}
	el := c.items[key]
	if el == nil {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry)
}

func (c *responseCache) put(snap *query.Snapshot, e *cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if snap != c.snap { // a new snapshot: forget the old answers
		c.snap = snap
		clear(c.items)
		c.lru.Init()
	}
	if el := c.items[e.key]; el != nil {
		c.lru.MoveToFront(el)
		return
	}
	c.items[e.key] = c.lru.PushFront(e)
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).key)
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
