package server

import (
	"context"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/store"
)

// snapshotter builds read-model snapshots from the store and swaps them in.
type snapshotter struct {
	store   *store.Store
	live    *query.Live
	metrics *serveMetrics
	log     *slog.Logger

	mu  sync.Mutex // one rebuild at a time
	gen int64      // generation of the live snapshot

	kickMu sync.Mutex
	timer  *time.Timer // pending rebuild after a load
}

// rebuildDelay is how long loads must pause before the snapshot is rebuilt.
const rebuildDelay = time.Second

// kick schedules a rebuild rebuildDelay from now, replacing one pending.
func (sn *snapshotter) kick(ctx context.Context) {
	sn.kickMu.Lock()
	defer sn.kickMu.Unlock()
	if sn.timer != nil {
		sn.timer.Stop()
	}
	sn.timer = time.AfterFunc(rebuildDelay, func() {
		if err := sn.refresh(ctx, false); err != nil && ctx.Err() == nil {
			sn.log.Warn("snapshot rebuild after load failed", "err", err)
		}
	})
}

// start seeds an empty store (when allowed) and builds the first snapshot.
func (sn *snapshotter) start(ctx context.Context, seed bool) error {
	gen, err := sn.store.Generation(ctx)
	if err != nil {
		return err
	}
	if gen == 0 && seed {
		if err := Seed(ctx, sn.store, sn.log); err != nil {
			sn.metrics.loads.WithLabelValues("seed", "error").Inc()
			return err
		}
		sn.metrics.loads.WithLabelValues("seed", "ok").Inc()
	}
	return sn.refresh(ctx, true)
}

// refresh rebuilds the snapshot if the store's generation changed (always
// when force is set).
func (sn *snapshotter) refresh(ctx context.Context, force bool) error {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	gen, err := sn.store.Generation(ctx)
	if err != nil {
		return err
	}
	if !force && gen == sn.gen && sn.live.Load() != nil {
		return nil
	}
	start := time.Now()
	docs, err := sn.store.Documents(ctx)
	if err != nil {
		return err
	}
	actors, err := sn.store.Actors(ctx)
	if err != nil {
		return err
	}
	read := time.Since(start)
	s := query.Build(docs, actors)
	s.Generation = gen
	sn.live.Store(s)
	sn.gen = gen
	st := s.Stats()
	sn.metrics.snapshot(s, time.Since(start))
	sn.log.Info("snapshot built", "generation", gen, "documents", st.Documents, "obligations", st.Obligations,
		"actors", st.Actors, "took", time.Since(start).Round(time.Millisecond),
		"read", read.Round(time.Millisecond), "build", (time.Since(start) - read).Round(time.Millisecond))
	warnNearMemoryLimit(sn.log)
	return nil
}

// warnNearMemoryLimit logs a warning when the live heap, right after a
// snapshot was built, is over 70% of the runtime's memory limit: the
// collector would then run almost continuously under load, so the limit
// (-memory-limit, GOMEMLIMIT) should be raised for this graph. It runs a
// GC to measure, which snapshot builds (rare) can afford.
func warnNearMemoryLimit(log *slog.Logger) {
	limit := debug.SetMemoryLimit(-1) // reads the limit
	if limit <= 0 || limit == math.MaxInt64 {
		return
	}
	runtime.GC() // the live heap is measured by a GC: count the new snapshot, not the old one
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	if live*10 > limit*7 {
		log.Warn("the snapshot fills most of the memory limit: raise -memory-limit (or GOMEMLIMIT), or the garbage collector will take much of the CPU",
			"liveMiB", live>>20, "limitMiB", limit>>20)
	}
}

// poll refreshes the snapshot when another process changed the store.
func (sn *snapshotter) poll(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := sn.refresh(ctx, false); err != nil && ctx.Err() == nil {
				sn.log.Warn("snapshot refresh failed", "err", err)
			}
		}
	}
}
