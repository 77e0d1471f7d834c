package webtest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceEvent is one event of Chromium's trace (the JSON trace format).
type traceEvent struct {
	Name string  `json:"name"`
	Cat  string  `json:"cat"`
	Ph   string  `json:"ph"`
	Ts   float64 `json:"ts"`   // µs
	Dur  float64 `json:"dur"`  // µs, wall
	Tdur float64 `json:"tdur"` // µs, the thread's CPU time
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Args struct {
		Name string `json:"name"`
		Data struct {
			URL          string `json:"url"`
			FunctionName string `json:"functionName"`
			Type         string `json:"type"`
		} `json:"data"`
	} `json:"args"`
}

// inside returns what ran within task on its thread for more than min µs
// (devtools.timeline events: FunctionCall, EvaluateScript, GC ...), the
// longest first, as "name url function ms".
func (tr *tracer) inside(task traceEvent, min float64) []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var in []traceEvent
	for _, e := range tr.events {
		if e.Pid == task.Pid && e.Tid == task.Tid && e.Ph == "X" && e.Ts >= task.Ts && e.Ts+e.Dur <= task.Ts+task.Dur && e.Dur >= min && e.Name != task.Name {
			in = append(in, e)
		}
	}
	slices.SortFunc(in, func(a, b traceEvent) int { return cmp.Compare(b.Dur, a.Dur) })
	var out []string
	for _, e := range in {
		d := e.Args.Data
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s %s %.0f ms", e.Name, path.Base(d.URL), d.FunctionName, d.Type, e.Dur/1000)))
	}
	return out
}

// tracer records the tasks of the page's threads and its performance marks
// with Chromium's tracing, which gives each task's CPU time beside its
// wall time: on a busy machine a short task can take long on the wall
// clock, waiting for a core.
type tracer struct {
	mu     sync.Mutex
	events []traceEvent
	done   chan struct{}
}

// startTrace starts tracing in the tab ctx, of the toplevel and user
// timing categories and the extra ones.
func startTrace(ctx context.Context, extra ...string) (*tracer, error) {
	tr := &tracer{done: make(chan struct{})}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			tr.mu.Lock()
			defer tr.mu.Unlock()
			for _, v := range ev.Value {
				var e traceEvent
				if json.Unmarshal([]byte(v), &e) == nil {
					tr.events = append(tr.events, e)
				}
			}
		case *tracing.EventTracingComplete:
			close(tr.done)
		}
	})
	if err != nil {
		return nil, err
	}
	_, err = chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{IncludedCategories: append([]string{"toplevel", "blink.user_timing"}, extra...)},
	})
	if err != nil {
		return nil, fmt.Errorf("starting the trace: %w", err)
	}
	return tr, nil
}

// stop ends the trace and waits for its events.
func (tr *tracer) stop(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return fmt.Errorf("ending the trace: %w", err)
	}
	select {
	case <-tr.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for the trace: %w", ctx.Err())
	}
}

// mainTasks returns the tasks of the renderer's main thread that ran the
// page (the thread where the marks resgraph:* were set), and the marks
// (µs, the trace's clock) by name, first of each.
func (tr *tracer) mainTasks() (tasks []traceEvent, marks map[string]float64) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	marks = map[string]float64{}
	type thread struct{ pid, tid int }
	var main thread
	for _, e := range tr.events {
		if e.Cat == "blink.user_timing" && len(e.Name) > 9 && e.Name[:9] == "resgraph:" {
			if _, ok := marks[e.Name[9:]]; !ok {
				marks[e.Name[9:]] = e.Ts
			}
			main = thread{e.Pid, e.Tid}
		}
	}
	for _, e := range tr.events {
		if e.Ph == "X" && (e.Name == "ThreadControllerImpl::RunTask" || e.Name == "RunTask") && (thread{e.Pid, e.Tid}) == main {
			tasks = append(tasks, e)
		}
	}
	return tasks, marks
}

// workerTaskCPU returns the CPU time (ms) of the longest task of a
// dedicated worker of the page's renderer (the process of the marks): the
// layout, when it ran in the worker.
func (tr *tracer) workerTaskCPU() float64 {
	tasks, _ := tr.mainTasks()
	if len(tasks) == 0 {
		return 0
	}
	pid := tasks[0].Pid
	tr.mu.Lock()
	defer tr.mu.Unlock()
	workers := map[int]bool{}
	for _, e := range tr.events {
		if e.Ph == "M" && e.Name == "thread_name" && e.Pid == pid && strings.HasPrefix(e.Args.Name, "DedicatedWorker") {
			workers[e.Tid] = true
		}
	}
	var cpu float64
	for _, e := range tr.events {
		if e.Ph == "X" && e.Pid == pid && workers[e.Tid] && (e.Name == "ThreadControllerImpl::RunTask" || e.Name == "RunTask") {
			cpu = max(cpu, e.Tdur/1000)
		}
	}
	return cpu
}
