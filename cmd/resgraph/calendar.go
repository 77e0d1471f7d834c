package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/mandate"
)

// timelineFlags are the flags of the subcommands that read mandates
// through time: where the documents come from.
type timelineFlags struct {
	sf       storeFlags
	in       listFlag
	registry *string
}

func addTimelineFlags(e *env, fset *flag.FlagSet) *timelineFlags {
	f := &timelineFlags{sf: addStoreFlags(e, fset)}
	fset.Var(&f.in, "in", "read documents from this file or directory (loader) instead of the store (repeatable)")
	f.registry = fset.String("registry", "", "actor registry file for -in (default: the built-in data/actors.yaml)")
	return f
}

// documents reads the documents and actors, from -in or the store.
func (f *timelineFlags) documents(ctx context.Context, e *env) ([]*resgraph.Document, []resgraph.Actor, error) {
	if len(f.in.vals) > 0 {
		return readDocuments(ctx, e, f.in.vals, *f.registry)
	}
	return storeDocuments(ctx, e, f.sf)
}

func runCalendar(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("calendar", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	tf := addTimelineFlags(e, fset)
	from := fset.String("from", "", "first day (ISO, required)")
	to := fset.String("to", "", "last day (ISO, required)")
	bearer := fset.String("bearer", "", "only reports of this actor id (\"secretary-general\", \"panel/libya\")")
	format := fset.String("format", "table", "table, ics (RFC 5545, for calendar programs), csv or json")
	out := fset.String("o", "", "output file (default: standard output)")
	undated := fset.Bool("undated", false, "with -format table or json, also list the reports whose day the texts do not give")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph calendar -from DAY -to DAY [-bearer ID] [-format table|ics|csv|json] [-db PATH|postgres://...|-in PATH] [-o FILE]")
		fmt.Fprintln(e.stderr, "\nLists the reports due between two days: every deadline and recurrence the")
		fmt.Fprintln(e.stderr, "resolutions set (\"every 90 days\", \"by 15 March 2021\"), with the paragraph that")
		fmt.Fprintln(e.stderr, "sets it. Recurrences run to the next renewal or the end of the mandate (docs/mandates.md).")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	for _, d := range []struct{ name, v string }{{"-from", *from}, {"-to", *to}} {
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return fmt.Errorf("calendar: %s must be an ISO day (2021-03-15), got %q", d.name, d.v)
		}
	}
	if *to < *from {
		return fmt.Errorf("calendar: -to %s is before -from %s", *to, *from)
	}
	switch *format {
	case "table", "ics", "csv", "json":
	default:
		return fmt.Errorf("calendar: -format must be table, ics, csv or json, got %q", *format)
	}
	ds, as, err := tf.documents(ctx, e)
	if err != nil {
		return err
	}
	tl := mandate.Build(ds, as)
	due, und := tl.Calendar(ds, *from, *to, resgraph.ActorID(*bearer))
	fmt.Fprintf(e.stderr, "calendar: %d reports due from %s to %s, %d more whose day the texts do not give\n", len(due), *from, *to, len(und))
	return writeTo(e, *out, func(w io.Writer) error {
		switch *format {
		case "ics":
			return export.WriteICS(w, due, time.Now())
		case "json":
			v := map[string][]mandate.Due{"due": nonNil(due)}
			if *undated {
				v["undated"] = nonNil(und)
			}
			enc := json.NewEncoder(w)
			enc.SetIndent("", " ")
			return enc.Encode(v)
		case "csv":
			return writeDueCSV(w, due)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DAY\tBEARER\tTIMING\tDOCUMENT\tPARA\tASKED")
		for _, d := range due {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.Day, d.Bearer.ID, d.Rule, d.Symbol, d.Paragraph, clip(d.Action, 80))
		}
		if *undated {
			fmt.Fprintln(tw, "\nUNDATED\tBEARER\tWHY\tDOCUMENT\tPARA\tASKED")
			for _, d := range und {
				fmt.Fprintf(tw, "-\t%s\t%s\t%s\t%s\t%s\n", d.Bearer.ID, d.Why, d.Symbol, d.Paragraph, clip(d.Action, 80))
			}
		}
		return tw.Flush()
	})
}

func nonNil(d []mandate.Due) []mandate.Due {
	if d == nil {
		return []mandate.Due{}
	}
	return d
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func writeDueCSV(w io.Writer, due []mandate.Due) error {
	rows := [][]string{{"day", "bearer", "bearer_name", "timing", "recurrence", "n", "bound", "bound_basis", "symbol", "paragraph", "action", "url"}}
	for _, d := range due {
		rows = append(rows, []string{d.Day, string(d.Bearer.ID), d.Bearer.Name, d.Rule, d.Recurrence, fmt.Sprint(d.N), d.Bound, d.BoundBasis,
			string(d.Symbol), d.Paragraph, d.Action, export.DocumentURL(d.Symbol)})
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func runDiff(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("diff", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	tf := addTimelineFlags(e, fset)
	holder := fset.String("mandate", "", "only obligations and decisions of this mandate holder (actor id: \"unmil\")")
	later := fset.Bool("later", false, "with one symbol, a draft that was not adopted: compare it with the text adopted later on its subject (docs/mandates.md)")
	format := fset.String("format", "text", "text or json")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph diff [-mandate ID] [-format text|json] [-db PATH|-in PATH] SYMBOL_A SYMBOL_B")
		fmt.Fprintln(e.stderr, "       resgraph diff -later [-db PATH|-in PATH] DRAFT_NOT_ADOPTED")
		fmt.Fprintln(e.stderr, "\nWhat changed from document A to document B (two renewals of a mandate, or a draft")
		fmt.Fprintln(e.stderr, "and its adopted text): obligations added, removed, reworded (word diff) or with another")
		fmt.Fprintln(e.stderr, "verb (strengthened or weakened), and mandate ends and strengths changed.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if !*later && fset.NArg() != 2 || *later && fset.NArg() != 1 {
		fset.Usage()
		return flag.ErrHelp
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("diff: -format must be text or json, got %q", *format)
	}
	ds, _, err := tf.documents(ctx, e)
	if err != nil {
		return err
	}
	find := func(sym string) (*resgraph.Document, error) {
		k := symKey(sym)
		for _, d := range ds {
			if symKey(string(d.Symbol)) == k || d.DraftSymbol != "" && symKey(string(d.DraftSymbol)) == k {
				return d, nil
			}
		}
		return nil, fmt.Errorf("diff: no document %q", sym)
	}
	a, err := find(fset.Arg(0))
	if err != nil {
		return err
	}
	var b *resgraph.Document
	if *later {
		for _, l := range mandate.LaterAdopted(ds) {
			if l.Draft == a.Symbol {
				b = l.Document
				fmt.Fprintf(e.stderr, "diff: %s was not adopted; the text adopted later on its subject is %s (%.2f alike)\n", a.Symbol, b.Symbol, l.Similarity)
			}
		}
		if b == nil {
			return fmt.Errorf("diff: no text adopted within a year after %s is on its subject (or %s was adopted)", a.Symbol, a.Symbol)
		}
	} else if b, err = find(fset.Arg(1)); err != nil {
		return err
	}
	changes := mandate.Diff(a, b, resgraph.ActorID(*holder))
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		if changes == nil {
			changes = []mandate.Change{}
		}
		return enc.Encode(changes)
	}
	fmt.Fprintf(e.stdout, "%s -> %s: %d changes\n", a.Symbol, b.Symbol, len(changes))
	for _, c := range changes {
		who := cmpOr(c.Addressee.Name, string(c.Addressee.ID))
		switch c.Kind {
		case "added":
			fmt.Fprintf(e.stdout, "\n+ %s (para. %s): %s %s\n", who, c.To.Paragraph, c.To.Verb, clip(c.To.Text, 200))
		case "removed":
			fmt.Fprintf(e.stdout, "\n- %s (para. %s): %s %s\n", who, c.From.Paragraph, c.From.Verb, clip(c.From.Text, 200))
		case "verb":
			fmt.Fprintf(e.stdout, "\n~ %s (para. %s -> %s): verb %s -> %s %s\n", who, c.From.Paragraph, c.To.Paragraph, c.From.Verb, c.To.Verb, c.Direction)
		case "changed":
			var b strings.Builder
			for _, w := range c.Words {
				switch w.Op {
				case "=":
					b.WriteString(clip(w.Text, 60))
				case "-":
					b.WriteString("[-" + w.Text + "-]")
				case "+":
					b.WriteString("{+" + w.Text + "+}")
				}
				b.WriteString(" ")
			}
			fmt.Fprintf(e.stdout, "\n~ %s (para. %s -> %s), %.2f alike:\n  %s\n", who, c.From.Paragraph, c.To.Paragraph, c.Similarity, strings.TrimSpace(b.String()))
		case "until", "strength":
			fmt.Fprintf(e.stdout, "\n~ %s %s: %s (para. %s) -> %s (para. %s)\n", who, c.Kind, cmpOr(c.From.Until, clip(c.From.Text, 120)), c.From.Paragraph, cmpOr(c.To.Until, clip(c.To.Text, 120)), c.To.Paragraph)
		}
	}
	return nil
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// symKey compares symbols ignoring case and spaces.
func symKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

func runMandates(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("mandates", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	tf := addTimelineFlags(e, fset)
	on := fset.String("in-force-on", "", "only mandates in force on this ISO day")
	format := fset.String("format", "table", "table, csv (one row per mandate period), events (CSV, one row per event) or json")
	out := fset.String("o", "", "output file (default: standard output)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph mandates [-in-force-on DAY] [-format table|csv|events|json] [-db PATH|-in PATH] [-o FILE]")
		fmt.Fprintln(e.stderr, "\nLists the mandates the resolutions create, renew and end, with their periods in force.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	if *on != "" {
		if _, err := time.Parse(time.DateOnly, *on); err != nil {
			return fmt.Errorf("mandates: -in-force-on must be an ISO day, got %q", *on)
		}
	}
	switch *format {
	case "table", "csv", "events", "json":
	default:
		return errors.New("mandates: -format must be table, csv, events or json")
	}
	ds, as, err := tf.documents(ctx, e)
	if err != nil {
		return err
	}
	tl := mandate.Build(ds, as)
	ms := tl.Mandates()
	if *on != "" {
		ms = tl.InForce(*on)
	}
	return writeTo(e, *out, func(w io.Writer) error {
		switch *format {
		case "csv":
			return export.WriteMandatesCSV(w, tl)
		case "events":
			return export.WriteEventsCSV(w, tl)
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", " ")
			return enc.Encode(ms)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MANDATE\tNAME\tFROM\tUNTIL\tENDED\tEVENTS\tSUCCESSOR")
		for _, m := range ms {
			until, ended := "", ""
			if n := len(m.Periods); n > 0 {
				until, ended = m.Periods[n-1].Until, string(m.Periods[n-1].EndedBy)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", m.ID, clip(m.Name, 50), m.Established(), until, ended, len(m.Events), m.Successor)
		}
		return tw.Flush()
	})
}
