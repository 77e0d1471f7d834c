package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/store"
)

// The crash suite (issue 17; figures in docs/reliability.md). A helper
// process, this test binary running `resgraph load`, is killed with
// SIGKILL at seeded random points of a load into a new store and of a
// reload that changes every document; after each kill the test opens the
// store and checks that it opens, that every document is exactly its old
// or its new version, that the generation counts the change and that no
// bulk-load file is left; then it reruns the load and checks that the
// store equals a clean load. On bolt, and on PostgreSQL when
// RESGRAPH_TEST_POSTGRES is set.
//
// go test runs a few kills on documents made from the seed. The long run
// (the figures in docs/reliability.md) is
//
//	go test ./cmd/resgraph -run '^TestCrash$' -count=1 -timeout 0 -v \
//	    -crash.kills 50 -crash.corpus 300
var (
	crashKills  = flag.Int("crash.kills", 2, "crash suite: kills per backend and path")
	crashCorpus = flag.Int("crash.corpus", 0, "crash suite: load this many files of the shared AKN corpus (every k-th), reloaded with a changed registry; 0 for documents made from the seed")
	crashSeed   = flag.Uint64("crash.seed", 17, "crash suite: seed of the kill points")
)

// crashHelperEnv makes the test binary a `resgraph` helper process: the
// arguments after "--" are the command line.
const crashHelperEnv = "RESGRAPH_CRASH_HELPER"

// crashHelperMain runs the crash helper when this test binary is one
// (see TestMain in main_test.go).
func crashHelperMain() {
	if os.Getenv(crashHelperEnv) == "1" {
		i := slices.Index(os.Args, "--")
		if i < 0 {
			fmt.Fprintln(os.Stderr, "crash helper: no -- in", os.Args)
			os.Exit(2)
		}
		if err := run(context.Background(), os.Args[i+1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "resgraph:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// crashInputs are the load arguments (after -db) of the old and the new
// version of a set of documents.
type crashInputs struct {
	desc     string
	old, new []string
}

// seedInputs makes n documents from the seed, and their new versions, in
// which every "Mali" is "the Republic of Mali": texts, mentions and
// obligations change, the structure stays.
func seedInputs(t *testing.T, n int) crashInputs {
	t.Helper()
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, v := range []string{"old", "new"} {
		if err := os.MkdirAll(filepath.Join(dir, v), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		sym := fmt.Sprintf("S/2012/%d", 8001+i)
		text := strings.ReplaceAll(string(b), "S/2012/946", sym)
		name := strings.ReplaceAll(sym, "/", "_") + ".txt"
		if err := os.WriteFile(filepath.Join(dir, "old", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "new", name), []byte(strings.ReplaceAll(text, "Mali", "the Republic of Mali")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return crashInputs{desc: fmt.Sprintf("%d documents made from the seed", n),
		old: []string{filepath.Join(dir, "old")}, new: []string{filepath.Join(dir, "new")}}
}

// corpusInputs links n files of the AKN corpus (every k-th, in path
// order) into a folder, loaded with the built-in registry and reloaded
// with a registry that renames the Secretary-General and Member States:
// every document addressing them changes (mentions carry the actor's
// name), as in the audit of issue 17.
func corpusInputs(t *testing.T, n int) crashInputs {
	t.Helper()
	files, err := expandPaths([]string{testcorpus.AKN(t)})
	if err != nil {
		t.Fatal(err)
	}
	step := max(1, len(files)/n)
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	k := 0
	for i := 0; i < len(files) && k < n; i += step {
		if err := os.Symlink(files[i], filepath.Join(docs, fmt.Sprintf("%05d-%s", k, filepath.Base(files[i])))); err != nil {
			t.Fatal(err)
		}
		k++
	}
	reg, err := os.ReadFile("../../data/actors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	changed := string(reg)
	for _, r := range [][2]string{
		{"- id: secretary-general\n  name: Secretary-General\n", "- id: secretary-general\n  name: The Secretary-General\n"},
		{"- id: member-states\n  name: Member States\n", "- id: member-states\n  name: All Member States\n"},
	} {
		if !strings.Contains(changed, r[0]) {
			t.Fatalf("data/actors.yaml has no %q to change", r[0])
		}
		changed = strings.Replace(changed, r[0], r[1], 1)
	}
	regFile := filepath.Join(dir, "actors.yaml")
	if err := os.WriteFile(regFile, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	sanctions, err := filepath.Abs("../../data/actors-sanctions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return crashInputs{desc: fmt.Sprintf("%d files of the AKN corpus, reloaded with the Secretary-General and Member States renamed in the registry", k),
		old: []string{docs}, new: []string{"-registry", regFile + "," + sanctions, docs}}
}

// crashBackend makes stores of one backend for the suite.
type crashBackend struct {
	name string
	// fresh returns the -db of a new, empty store.
	fresh func(t *testing.T) string
	// copyOf returns the -db of a copy of the store db holding the old
	// documents (made by loading them: empty when nil).
	copyOf func(t *testing.T, db string) string
}

func boltBackend() crashBackend {
	return crashBackend{
		name:  "bolt",
		fresh: func(t *testing.T) string { return filepath.Join(t.TempDir(), "g.db") },
		copyOf: func(t *testing.T, db string) string {
			b, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "g.db")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		},
	}
}

var crashSchemaSeq atomic.Int64

func postgresBackend(base string) crashBackend {
	return crashBackend{
		name: "postgres",
		fresh: func(t *testing.T) string {
			t.Helper()
			db, err := sql.Open("postgres", base)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			name := fmt.Sprintf("rgcrash_%d_%d", time.Now().UnixNano()%1e9, crashSchemaSeq.Add(1))
			if _, err := db.Exec("CREATE SCHEMA " + name); err != nil {
				t.Fatalf("creating schema: %v", err)
			}
			t.Cleanup(func() {
				db, err := sql.Open("postgres", base)
				if err != nil {
					t.Error(err)
					return
				}
				defer db.Close()
				if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
					t.Errorf("dropping schema: %v", err)
				}
			})
			u, err := url.Parse(base)
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			q.Set("search_path", name)
			u.RawQuery = q.Encode()
			return u.String()
		},
	}
}

// storeState is what the suite compares: each label's quads as sorted
// N-Quads lines (the meta label left out) and the generation.
type storeState struct {
	labels map[string][]string
	gen    int64
}

// readState opens db as `resgraph` would and reads its state; the store's
// log lines are returned too.
func readState(t *testing.T, db string) (storeState, string, error) {
	t.Helper()
	ctx := context.Background()
	var log bytes.Buffer
	cfg := store.Locate(db)
	cfg.Logger = slog.New(slog.NewTextHandler(&log, nil))
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return storeState{}, log.String(), err
	}
	defer st.Close()
	gen, err := st.Generation(ctx)
	if err != nil {
		return storeState{}, log.String(), err
	}
	var buf bytes.Buffer
	if _, err := st.WriteNQuads(ctx, &buf); err != nil {
		return storeState{}, log.String(), err
	}
	s := storeState{labels: map[string][]string{}, gen: gen}
	for _, line := range strings.Split(buf.String(), "\n") {
		l := strings.TrimSuffix(line, " .")
		i := strings.LastIndex(l, " <")
		if i < 0 {
			continue
		}
		label := l[i+1:]
		if label == "<"+string(store.MetaLabel)+">" {
			continue
		}
		s.labels[label] = append(s.labels[label], line)
	}
	for _, lines := range s.labels {
		slices.Sort(lines)
	}
	return s, log.String(), nil
}

// firstDifference names a label whose quads differ between a and b.
func firstDifference(a, b storeState) string {
	keys := slices.Sorted(maps.Keys(a.labels))
	for k := range b.labels {
		if _, ok := a.labels[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if !slices.Equal(a.labels[k], b.labels[k]) {
			return fmt.Sprintf("%s: %d quads, want %d", k, len(a.labels[k]), len(b.labels[k]))
		}
	}
	return ""
}

// helperLoad runs `resgraph load -db db args...` in a helper process,
// killed with SIGKILL after kill when kill > 0. It reports whether the
// kill ended it, and its stderr.
func helperLoad(t *testing.T, db string, args []string, kill time.Duration) (killed bool, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"--", "load", "-db", db}, args...)...)
	cmd.Env = append(os.Environ(), crashHelperEnv+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var sent atomic.Bool
	if kill > 0 {
		timer := time.AfterFunc(kill, func() {
			sent.Store(true)
			cmd.Process.Signal(os.Kill)
		})
		defer timer.Stop()
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if sent.Load() && errors.As(err, &exit) && !exit.Exited() {
		return true, out.String(), nil
	}
	return false, out.String(), err
}

// crashTally counts what the kills of one backend and path left.
type crashTally struct {
	kills, finished                        int
	half, lostGen, openFailed, litter, bad int
	halfDocs                               int
	examples                               []string
}

func (c *crashTally) String() string {
	return fmt.Sprintf("%d kills (%d loads ended before their kill, not counted): %d with half documents (%d documents), %d lost generations, %d failed opens, %d with a .bulk file left, %d reruns differing from a clean load",
		c.kills, c.finished, c.half, c.halfDocs, c.lostGen, c.openFailed, c.litter, c.bad)
}

func (c *crashTally) note(format string, args ...any) {
	if len(c.examples) < 8 {
		c.examples = append(c.examples, fmt.Sprintf(format, args...))
	}
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash suite kills loads for tens of seconds: not with -short")
	}
	var in crashInputs
	if *crashCorpus > 0 {
		in = corpusInputs(t, *crashCorpus)
	} else {
		in = seedInputs(t, 6)
	}
	backends := []crashBackend{boltBackend()}
	if pgURL := os.Getenv("RESGRAPH_TEST_POSTGRES"); pgURL != "" {
		backends = append(backends, postgresBackend(pgURL))
	} else {
		t.Log("RESGRAPH_TEST_POSTGRES is not set: the crash suite runs on bolt only (.ci/run sets it)")
	}
	t.Logf("inputs: %s; %d kills per backend and path, seed %d", in.desc, *crashKills, *crashSeed)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { crashBackendSuite(t, b, in) })
	}
}

func crashBackendSuite(t *testing.T, b crashBackend, in crashInputs) {
	// Clean loads: the old version into a new store, the new version into
	// a new store (timed: the new-store path) and over the old one (timed:
	// the reload path). Both ways to the new version must agree.
	load := func(db string, args []string) time.Duration {
		t.Helper()
		start := time.Now()
		if _, stderr, err := helperLoad(t, db, args, 0); err != nil {
			t.Fatalf("clean load: %v\n%s", err, stderr)
		}
		return time.Since(start)
	}
	state := func(db string) storeState {
		t.Helper()
		s, log, err := readState(t, db)
		if err != nil {
			t.Fatalf("reading %s: %v\n%s", db, err, log)
		}
		return s
	}
	oldDB := b.fresh(t)
	load(oldDB, in.old)
	oldState := state(oldDB)
	newDB := b.fresh(t)
	newTime := load(newDB, in.new)
	newState := state(newDB)
	prepare := func() string {
		if b.copyOf != nil {
			return b.copyOf(t, oldDB)
		}
		db := b.fresh(t)
		load(db, in.old)
		return db
	}
	reloadDB := prepare()
	reloadTime := load(reloadDB, in.new)
	if d := firstDifference(state(reloadDB), newState); d != "" {
		t.Fatalf("a reload differs from a load into a new store: %s", d)
	}
	changed := 0
	for l, lines := range newState.labels {
		if !slices.Equal(lines, oldState.labels[l]) {
			changed++
		}
	}
	t.Logf("clean loads: new store %v, reload %v; %d of %d labels change", newTime.Round(time.Millisecond), reloadTime.Round(time.Millisecond), changed, len(newState.labels))

	for _, path := range []struct {
		name    string
		pre     func() (string, storeState)
		cleanIn time.Duration
	}{
		{"new-store", func() (string, storeState) { return b.fresh(t), storeState{labels: map[string][]string{}} }, newTime},
		{"reload", func() (string, storeState) { return prepare(), oldState }, reloadTime},
	} {
		t.Run(path.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(*crashSeed, uint64(len(b.name)*31+len(path.name))))
			var c crashTally
			for attempt := 0; c.kills < *crashKills && attempt < 3**crashKills+3; attempt++ {
				db, pre := path.pre()
				at := time.Duration(r.Float64() * float64(path.cleanIn))
				killed, stderr, err := helperLoad(t, db, in.new, at)
				if !killed {
					if err != nil {
						t.Fatalf("load (not killed): %v\n%s", err, stderr)
					}
					c.finished++
					continue
				}
				c.kills++
				crashCheck(t, &c, db, at, pre, newState)
				// A rerun repairs what the kill left: the store equals a clean load.
				if _, stderr, err := helperLoad(t, db, in.new, 0); err != nil {
					c.bad++
					c.note("kill at %v: rerun failed: %v\n%s", at, err, stderr)
					continue
				}
				got, log, err := readState(t, db)
				if err != nil {
					c.bad++
					c.note("kill at %v: open after the rerun: %v\n%s", at, err, log)
				} else if d := firstDifference(got, newState); d != "" {
					c.bad++
					c.note("kill at %v: the rerun differs from a clean load: %s", at, d)
				}
			}
			t.Logf("%s %s: %s", b.name, path.name, &c)
			for _, e := range c.examples {
				t.Log(e)
			}
			if c.half+c.lostGen+c.openFailed+c.litter+c.bad > 0 {
				t.Errorf("%s %s: %s", b.name, path.name, &c)
			}
			if c.kills == 0 {
				t.Errorf("no load was killed before it ended (%d attempts)", c.finished)
			}
		})
	}
}

// crashCheck checks the store db right after a kill: it opens, each label
// holds exactly its quads before the load (pre) or after it (post), the
// generation counts the change, and no bulk-load file is left.
func crashCheck(t *testing.T, c *crashTally, db string, at time.Duration, pre, post storeState) {
	t.Helper()
	got, log, err := readState(t, db)
	if err != nil {
		c.openFailed++
		c.note("kill at %v: open failed: %v\n%s", at, err, log)
		return
	}
	if strings.Contains(log, "level=WARN") || strings.Contains(log, "level=INFO") {
		t.Logf("kill at %v: Open said:\n%s", at, strings.TrimSpace(log))
	}
	if !strings.HasPrefix(db, "postgres") {
		if _, err := os.Stat(db + ".bulk"); err == nil {
			c.litter++
			c.note("kill at %v: %s.bulk left after Open", at, db)
		}
	}
	labels := map[string]bool{}
	for _, s := range []storeState{pre, post, got} {
		for l := range s.labels {
			labels[l] = true
		}
	}
	half, moved := 0, 0
	for l := range labels {
		switch g := got.labels[l]; {
		case slices.Equal(g, pre.labels[l]):
		case slices.Equal(g, post.labels[l]):
			moved++
		default:
			half++
			if half == 1 {
				c.note("kill at %v: %s has %d quads; its old version %d, its new one %d", at, l, len(g), len(pre.labels[l]), len(post.labels[l]))
			}
		}
	}
	if half > 0 {
		c.half++
		c.halfDocs += half
	}
	if got.gen < pre.gen || (moved > 0 && got.gen <= pre.gen) {
		c.lostGen++
		c.note("kill at %v: generation %d, before the load %d, %d labels changed", at, got.gen, pre.gen, moved)
	}
}
