package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph/query/querytest"
)

// serveLogs is a log sink safe for the server goroutine and the test.
type serveLogs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *serveLogs) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *serveLogs) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs `resgraph serve` in-process on a free port over a new
// bolt file, as a fresh clone would, and returns its base URL once
// /healthz answers.
func startServer(t *testing.T, extra ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &serveLogs{}
	done := make(chan error, 1)
	args := append([]string{"serve", "-addr", addr, "-db", filepath.Join(t.TempDir(), "resgraph.db"), "-poll", "0"}, extra...)
	go func() { done <- run(ctx, args, strings.NewReader(""), io.Discard, logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after shutdown", err)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not stop within 15s")
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v\n%s", err, logs.String())
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not answer /healthz within 60s\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The issue's acceptance query, verbatim.
const issueQuery = `{ obligations(filter: {actor: "Secretary-General", document: "S/2012/946"}, first: 50) { totalCount
edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } }
pageInfo { hasNextPage endCursor } } }`

type obligationsAnswer struct {
	Data struct {
		Obligations struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Verb, Class, Action string
					Paragraph           struct {
						Number, Item string
						Document     struct{ Symbol string }
					}
					Addressee struct{ Name string }
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	Errors []struct{ Message string }
}

func postQuery(t *testing.T, url, q string) obligationsAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a obligationsAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	if len(a.Errors) > 0 {
		t.Fatalf("errors: %+v", a.Errors)
	}
	return a
}

// paragraphs returns the distinct paragraph numbers of an answer, in order.
func paragraphs(a obligationsAnswer) []string {
	var out []string
	for _, e := range a.Data.Obligations.Edges {
		if n := e.Node.Paragraph.Number; !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func TestServeAnswersFromAFreshStore(t *testing.T) {
	base := startServer(t)

	t.Run("the Secretary-General's obligations in S/2012/946", func(t *testing.T) {
		a := postQuery(t, base+"/graphql", issueQuery)
		want := []string{"1", "3", "11", "12", "18", "21", "22", "23", "24"}
		if got := paragraphs(a); !slices.Equal(got, want) {
			t.Errorf("paragraphs %q, want %q", got, want)
		}
		o := a.Data.Obligations
		if o.TotalCount != len(o.Edges) || o.PageInfo.HasNextPage || o.PageInfo.EndCursor == nil {
			t.Errorf("totalCount %d for %d edges, pageInfo %+v", o.TotalCount, len(o.Edges), o.PageInfo)
		}
		for _, e := range o.Edges {
			n := e.Node
			if n.Addressee.Name != "Secretary-General" || n.Paragraph.Document.Symbol != "S/2012/946" || n.Action == "" {
				t.Errorf("paragraph %s: %+v", n.Paragraph.Number, n)
			}
		}
	})
	for _, name := range []string{"AU", "African Union"} {
		t.Run("what "+name+" must do", func(t *testing.T) {
			a := postQuery(t, base+"/graphql", `{ obligations(filter: {actor: "`+name+`", document: "S/2012/946"}, first: 50) { totalCount edges { node { paragraph { number } addressee { name } } } } }`)
			if got, want := paragraphs(a), []string{"10", "22"}; !slices.Equal(got, want) {
				t.Errorf("paragraphs %q, want %q", got, want)
			}
		})
	}
	t.Run("a browser gets the query page, offline", func(t *testing.T) {
		for _, path := range []string{"/graphql", "/playground"} {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.Header.Set("Accept", "text/html,application/xhtml+xml")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			page := string(b)
			if resp.StatusCode != 200 || !strings.Contains(page, "Resgraph GraphQL") || !strings.Contains(page, `const endpoint = "/graphql"`) {
				t.Errorf("%s: HTTP %d, page %.200q", path, resp.StatusCode, page)
			}
			if strings.Contains(page, "https://") || strings.Contains(page, "http://") {
				t.Errorf("%s: the page loads something from the network", path)
			}
		}
	})
	t.Run("metrics count operations and the snapshot", func(t *testing.T) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, want := range []string{`resgraph_graphql_requests_total{executor="compiled",operation="anonymous",status="ok"}`, `resgraph_snapshot_items{kind="documents"} 1`,
			`resgraph_load_events_total{kind="seed",result="ok"} 1`, "resgraph_graphql_request_duration_seconds_bucket",
			"resgraph_graphql_compiled_executor_enabled 1"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})
	t.Run("admin load is off without a token", func(t *testing.T) {
		resp, err := http.Post(base+"/admin/load", "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("POST /admin/load without -token: HTTP %d", resp.StatusCode)
		}
	})
}

func TestServeLoadsThroughAdminAndSwapsTheSnapshot(t *testing.T) {
	base := startServer(t, "-token", "s3cret")
	doc := querytest.Seed()[2] // S/RES/2100 (2013), typed in
	body, _ := json.Marshal(map[string]any{"documents": []any{doc}})

	for _, tc := range []struct {
		name, auth string
		want       int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "Bearer nope", http.StatusUnauthorized},
		{"right token", "Bearer s3cret", http.StatusOK},
	} {
		req, _ := http.NewRequest("POST", base+"/admin/load", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Fatalf("%s: HTTP %d %s, want %d", tc.name, resp.StatusCode, b, tc.want)
		}
	}
	// The snapshot is rebuilt once loads pause; wait for it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		a := postQuery(t, base+"/graphql", `{ obligations(filter: {actor: "Secretary-General", from: "2013"}) { totalCount edges { node { paragraph { number document { symbol } } } } } }`)
		if a.Data.Obligations.TotalCount == 1 {
			if got := a.Data.Obligations.Edges[0].Node.Paragraph.Document.Symbol; got != "S/RES/2100 (2013)" {
				t.Errorf("the 2013 obligation is in %q, want S/RES/2100 (2013)", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30s the loaded document is still not served (totalCount %d)", a.Data.Obligations.TotalCount)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestServeReadOnlyHasNoAdminLoad(t *testing.T) {
	base := startServer(t, "-token", "s3cret", "-read-only", "-db", "memory:")
	req, _ := http.NewRequest("POST", base+"/admin/load", strings.NewReader(`{"documents":[]}`))
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("POST /admin/load on a read-only server: HTTP %d", resp.StatusCode)
	}
}
