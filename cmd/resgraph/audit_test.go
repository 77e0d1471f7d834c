package main

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// serve listens on loopback unless told otherwise, and the README says so
// and how to expose a server (docs/reliability.md).
func TestServeListensOnLoopbackByDefault(t *testing.T) {
	_, stderr, _ := runT(t, "serve", "-h")
	if !strings.Contains(stderr, `(default "127.0.0.1:8080")`) {
		t.Errorf("serve -h does not show the loopback default:\n%s", stderr)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"listens on 127.0.0.1:8080 by default", "`-addr :8080`", "`-read-only`", "`-token`"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}

// Two serve replicas over one PostgreSQL store see a load made through
// either, or by `resgraph load -db` beside them, within the poll interval
// (plus the time to build a snapshot).
func TestReplicasOverOnePostgres(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	db := postgresBackend(url).fresh(t)
	const poll = 300 * time.Millisecond
	a := startServer(t, "-db", db, "-poll", poll.String(), "-token", "tok")
	b := startServer(t, "-db", db, "-poll", poll.String(), "-token", "tok")
	health := func(base string) (gen int64, docs int) {
		t.Helper()
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var h struct {
			Generation int64
			Documents  int
		}
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
		return h.Generation, h.Documents
	}
	// waitBoth waits until both replicas serve docs documents at one
	// generation after the generation gen, and returns how long that took
	// and the generation.
	gen := int64(0)
	waitBoth := func(what string, docs int) time.Duration {
		t.Helper()
		start := time.Now()
		for {
			ga, da := health(a)
			gb, db := health(b)
			if da == docs && db == docs && ga == gb && ga > gen {
				gen = ga
				d := time.Since(start)
				if d > poll+2*time.Second { // the poll, and a snapshot of a few documents
					t.Errorf("%s: both replicas served it only after %v (poll %v)", what, d, poll)
				}
				return d
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("%s: after 10s, replica A serves %d documents at generation %d, B %d at %d; want %d each", what, da, ga, db, gb, docs)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitBoth("started", 1) // the seed
	in := seedInputs(t, 2)
	if _, stderr, err := runT(t, "load", "-server", a, "-token", "tok", in.old[0]); err != nil {
		t.Fatalf("load through replica A: %v\n%s", err, stderr)
	}
	t.Logf("a load through replica A: both serve it after %v (poll %v)", waitBoth("through A", 3), poll)
	if _, stderr, err := runT(t, "load", "-server", b, "-token", "tok", in.new[0]); err != nil {
		t.Fatalf("load through replica B: %v\n%s", err, stderr)
	}
	t.Logf("a load through replica B: both serve it after %v", waitBoth("through B", 3))
	if _, stderr, err := runT(t, "load", "-db", db, in.old[0]); err != nil {
		t.Fatalf("load -db beside the replicas: %v\n%s", err, stderr)
	}
	t.Logf("a load -db beside them: both serve it after %v", waitBoth("load -db", 3))
}
