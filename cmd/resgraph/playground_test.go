package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resgraph/resgraph/web/webtest"
)

// TestQueryPageRunsTheFirstExample opens the query page in headless
// Chromium, as a user with no internet access would: the schema docs load by
// introspection and the run button answers the first example.
func TestQueryPageRunsTheFirstExample(t *testing.T) {
	webtest.Chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := startServer(t)
	bctx := webtest.StartBrowser(t, ctx)
	tab, closeTab := chromedp.NewContext(bctx)
	defer closeTab()
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/playground")); err != nil {
		t.Fatal(err)
	}
	docs, err := chromedp.Run(tab, chromedp.Poll[bool](`document.getElementById("schema").textContent.includes("obligations")`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil || !docs {
		t.Fatalf("schema docs did not load: %v", err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById("run").click(), true`)); err != nil {
		t.Fatal(err)
	}
	done, err := chromedp.Run(tab, chromedp.Poll[bool](`document.getElementById("result").textContent.includes("totalCount")`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil || !done {
		t.Fatalf("no answer in the result pane: %v", err)
	}
	result, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("result").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(result, `"totalCount": 12`) || !strings.Contains(result, `"number": "24"`) {
		t.Errorf("result pane: %.400s", result)
	}
}
