// Package corpusdocs reads corpus files with the loader and extracts them,
// for tests and benchmarks of the packages downstream of the loader (store,
// graph, export, cmd): one way to turn the shared corpus into documents,
// with the registry built into the binary. (It is apart from testcorpus,
// which the loader's own tests use, and so cannot import the loader.)
package corpusdocs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/loader"
)

// Registry returns the actor registry built into the binary (data/).
func Registry() (*loader.Registry, error) { return loader.LoadRegistry(data.FS) }

// Walk reads every file under dir whose extension (any case) is one of
// exts and extracts it with reg, on all cores, as `resgraph load` does. It
// returns the documents in the order filepath.WalkDir visits their files.
// Files the loader rejects are left out and counted in failed (the
// loader's own tests account for them); a file that cannot be read is an
// error.
func Walk(reg *loader.Registry, dir string, exts ...string) (docs []*resgraph.Document, failed int, err error) {
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	out := make([]*resgraph.Document, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			x := loader.NewExtractor(reg) // an extractor is not safe for concurrent use
			for i := range next {
				b, err := os.ReadFile(files[i])
				if err != nil {
					errs[i] = err
					continue
				}
				if d, err := loader.Read(b, files[i]); err == nil {
					x.Extract(d)
					out[i] = d
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, d := range out {
		if errs[i] != nil {
			return nil, 0, errs[i]
		}
		if d == nil {
			failed++
			continue
		}
		docs = append(docs, d)
	}
	return docs, failed, nil
}

// Files reads the named files and extracts them with reg, in order; any
// failure is an error.
func Files(reg *loader.Registry, paths ...string) ([]*resgraph.Document, error) {
	x := loader.NewExtractor(reg)
	docs := make([]*resgraph.Document, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		d, err := loader.Read(b, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, err)
		}
		x.Extract(d)
		docs = append(docs, d)
	}
	return docs, nil
}

// LastPerSymbol returns docs with one document per symbol, the last of
// each, where the first stood: what `resgraph load` and query.Build keep
// of documents read twice (an early resolution as text and as XML). It
// reuses docs' array.
func LastPerSymbol(docs []*resgraph.Document) []*resgraph.Document {
	at := map[resgraph.Symbol]int{}
	out := docs[:0]
	for _, d := range docs {
		if i, ok := at[d.Symbol]; ok {
			out[i] = d
			continue
		}
		at[d.Symbol] = len(out)
		out = append(out, d)
	}
	return out
}
