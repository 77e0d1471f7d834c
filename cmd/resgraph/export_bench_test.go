package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/resgraph/resgraph/internal/testcorpus"
)

// childArgs is the environment variable that makes this test binary run
// `resgraph` with the JSON-encoded arguments it holds, instead of the
// tests: BenchmarkExportCorpus measures an export as its own process, the
// way a user runs it, peak resident memory included.
const childArgs = "RESGRAPH_TEST_CHILD_ARGS"

// childMain runs `resgraph` with childArgs when this test binary is a
// child (see TestMain in main_test.go).
func childMain() {
	if a := os.Getenv(childArgs); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// BenchmarkExportCorpus runs `resgraph export -in CORPUS -view V -format F
// -o FILE` on the whole AKN corpus (about 3,200 files, read and extracted
// in the export: nothing is set up outside it) as a child process, per
// view and format, and reports its peak resident memory (maxrss-MB, the
// kernel's figure for the process), its CPU time (cpu-s) and the output's
// size (out-MB). Run:
//
//	go test ./cmd/resgraph -run '^$' -bench ExportCorpus -benchtime 1x
func BenchmarkExportCorpus(b *testing.B) {
	akn := testcorpus.AKN(b)
	for _, vf := range [][2]string{
		{"obligations", "csv"}, {"obligations", "gexf"}, {"bipartite", "graphml"}, {"coaddressee", "cytoscape"},
		{"partners", "jsonld"}, {"condemns", "gexf"}, {"welcomes", "csv"}, {"citations", "nquads"},
		{"full", "graphml"}, {"full", "gexf"}, {"full", "csv"}, {"full", "cytoscape"}, {"full", "jsonld"}, {"full", "nquads"},
	} {
		b.Run(vf[0]+"/"+vf[1], func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out")
			if vf[1] == "csv" {
				out += ".zip"
			}
			args, _ := json.Marshal([]string{"export", "-in", akn, "-view", vf[0], "-format", vf[1], "-o", out})
			var rss, cpu float64
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(os.Args[0])
				cmd.Env = append(os.Environ(), childArgs+"="+string(args))
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("export %s: %v\n%s", vf, err, msg)
				}
				u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				rss = max(rss, float64(u.Maxrss)*1024/1e6) // KiB on Linux
				cpu += (time.Duration(u.Utime.Nano()) + time.Duration(u.Stime.Nano())).Seconds()
			}
			fi, err := os.Stat(out)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(rss, "maxrss-MB")
			b.ReportMetric(cpu/float64(b.N), "cpu-s")
			b.ReportMetric(float64(fi.Size())/1e6, "out-MB")
			if rss > 300 {
				b.Errorf("peak resident memory %.0f MB, goal < 300 MB", rss)
			}
		})
	}
}
