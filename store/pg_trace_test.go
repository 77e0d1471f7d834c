package store

import (
	"fmt"
	"os"
	"sort"
	"sync"
	"time"
)

// RESGRAPH_PG_TRACE=all prints the time of every phase of every
// PostgreSQL write; RESGRAPH_PG_TRACE=sum prints the totals by phase at the
// end of each bulk load (after ANALYZE).
func init() {
	mode := os.Getenv("RESGRAPH_PG_TRACE")
	if mode == "" {
		return
	}
	var mu sync.Mutex
	sum := map[string]time.Duration{}
	pgTrace = func(phase string, d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		if mode == "all" {
			fmt.Fprintf(os.Stderr, "pgtrace %-24s %8.2f ms\n", phase, d.Seconds()*1000)
		}
		sum[phase] += d
		if phase != "analyze" {
			return
		}
		var names []string
		for n := range sum {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(os.Stderr, "pgtrace-sum %-24s %8.2f s\n", n, sum[n].Seconds())
		}
		clear(sum)
	}
}
