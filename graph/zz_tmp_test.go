package graph_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/query"
)

func scanStats(t *testing.T, what string) {
	runtime.GC()
	ms := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}, {Name: "/gc/heap/objects:objects"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(ms)
	t.Logf("%s: scan %d MB, objects %d, heap %d MB", what, ms[0].Value.Uint64()>>20, ms[1].Value.Uint64(), ms[2].Value.Uint64()>>20)
}

func TestZZGC(t *testing.T) {
	dir := corpusDir(t)
	reg, _ := loader.LoadRegistry(data.FS)
	x := loader.NewExtractor(reg)
	var docs []*resgraph.Document
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(path); ext != ".xml" && ext != ".txt" {
			return nil
		}
		b, _ := os.ReadFile(path)
		doc, err := loader.Read(b, path)
		if err != nil {
			return nil
		}
		x.Extract(doc)
		docs = append(docs, doc)
		return nil
	})
	scanStats(t, "docs")
	s := query.Build(docs, reg.Actors())
	scanStats(t, "docs+snapshot")
	runtime.KeepAlive(s)
	runtime.KeepAlive(docs)
}
