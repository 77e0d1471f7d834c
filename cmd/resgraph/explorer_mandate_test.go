package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/web/webtest"
)

// A mandate holder's page in a real browser: its timeline has one bar per
// period in force and one tick per decision, and comparing the last two
// renewals shows their changes side by side.
func TestExplorerMandateTimeline(t *testing.T) {
	webtest.Chromium(t)
	var paths []string
	in := corpusFiles(t, "2190", "2239", "2308")
	for i := 1; i < len(in); i += 2 {
		paths = append(paths, in[i]) // in is -in PATH pairs
	}
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpusdocs.Files(reg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := snapshotServer(t, ctx, docs)
	bctx := webtest.StartBrowser(t, ctx)
	if err := chromedp.Do(bctx, chromedp.Navigate(base+"/?v=actor&id=unmil")); err != nil {
		t.Fatal(err)
	}
	poll := func(js string) {
		t.Helper()
		if ok, err := chromedp.Run(bctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(60*time.Second))); err != nil || !ok {
			t.Fatalf("waiting for %s: %v", js, err)
		}
	}
	poll(`!!document.querySelector('#mandate svg')`)
	v, err := chromedp.Run(bctx, chromedp.Evaluate[struct {
		Bars, Ticks int
		Summary     string
	}](`({bars: document.querySelectorAll('#mandate svg rect').length, ticks: document.querySelectorAll('#mandate svg line.tick').length,
		summary: document.querySelector('#mandate p.muted').textContent})`))
	if err != nil {
		t.Fatal(err)
	}
	bars, ticks, summary := v.Bars, v.Ticks, v.Summary
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.ID("diff-go"))); err != nil {
		t.Fatal(err)
	}
	poll(`!!document.querySelector('#diff-table, #diff-none')`)
	diffText, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('#diff-table, #diff-none').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	// Three renewals: three periods (2015-2016, 2016, 2016-2016), and their
	// extend and modify decisions.
	if bars != 3 || ticks < 3 {
		t.Errorf("timeline: %d bars, %d ticks; want 3 bars and at least 3 ticks", bars, ticks)
	}
	if summary == "" {
		t.Error("no summary line")
	}
	if len(diffText) < 40 {
		t.Errorf("comparison of the last two renewals: %q", diffText)
	}
}
