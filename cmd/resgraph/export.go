package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/store"
)

// listFlag is a repeatable string flag; each value may also hold several
// comma-separated values (except where commas belong to the value).
type listFlag struct {
	vals  []string
	comma bool
}

func (l *listFlag) String() string { return strings.Join(l.vals, ",") }

func (l *listFlag) Set(s string) error {
	if !l.comma {
		l.vals = append(l.vals, s)
		return nil
	}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			l.vals = append(l.vals, p)
		}
	}
	return nil
}

func runExport(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	sf := addStoreFlags(e, fset)
	view := fset.String("view", "", "network view: obligations, bipartite, coaddressee, citations or full (none: the raw graph as N-Quads)")
	format := fset.String("format", "nquads", "output format: graphml, gexf, csv, cytoscape, jsonld or nquads (without -view: nquads only)")
	out := fset.String("o", "", "output file (default: standard output); with -format csv, a directory for nodes.csv, edges.csv and graph.csv unless it ends in .zip")
	from := fset.String("from", "", "keep documents dated on or after this day, month or year (2012-12-20, 2012-12, 2012)")
	to := fset.String("to", "", "keep documents dated on or before this day, month or year")
	docs := &listFlag{}
	fset.Var(docs, "doc", "keep this document symbol (repeatable)")
	actors := &listFlag{comma: true}
	fset.Var(actors, "actor", "keep actions involving this actor id, name or alias (repeatable, or comma-separated)")
	classes := &listFlag{comma: true}
	fset.Var(classes, "class", "keep actions of this class: decision, demand, request, authorization ... (repeatable, or comma-separated)")
	statuses := &listFlag{}
	fset.Var(statuses, "status", "keep documents of this status: adopted, draft, not adopted (repeatable; default: all but drafts not adopted)")
	subjects := &listFlag{}
	fset.Var(subjects, "subject", "keep documents with this subject label or IRI (repeatable)")
	weighted := fset.Bool("weighted", false, "one edge per pair weighted by count (obligations, citations; the other views always are)")
	pivots := fset.Int("pivots", 256, "sampled betweenness: number of source nodes k on views larger than -exact-limit")
	exactLimit := fset.Int("exact-limit", 2000, "largest node count for exact betweenness")
	var in listFlag
	fset.Var(&in, "in", "read documents from this file or directory (loader) instead of the store (repeatable)")
	registry := fset.String("registry", "", "actor registry file for -in (default: the built-in data/actors.yaml)")
	srv := fset.String("server", e.getenv("RESGRAPH_SERVER"),
		"export through the running resgraph server at this URL (its /export/ endpoint, with the server's default measures) instead of opening the store (env RESGRAPH_SERVER)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph export -view obligations|bipartite|coaddressee|citations|full")
		fmt.Fprintln(e.stderr, "         -format graphml|gexf|csv|cytoscape|jsonld|nquads")
		fmt.Fprintln(e.stderr, "         [-from DATE -to DATE -doc SYM -actor A -class C -subject S -status ST -weighted] [-in PATH] [-o FILE]")
		fmt.Fprintln(e.stderr, "       resgraph export -format nquads [-db PATH|postgres://...] [-o FILE]")
		fmt.Fprintln(e.stderr, "\nWith -view, writes a network view of the graph, with degree, PageRank, betweenness")
		fmt.Fprintln(e.stderr, "and communities, for Gephi, Cytoscape, NetworkX or RDF tools (docs/exports.md).")
		fmt.Fprintln(e.stderr, "Documents come from the store (opened read-only), from files with -in, or from a")
		fmt.Fprintln(e.stderr, "running server with -server.")
		fmt.Fprintln(e.stderr, "\nWithout -view, -format nquads writes the raw graph; `resgraph load` cannot read it")
		fmt.Fprintln(e.stderr, "back, but store.ReadNQuads can.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	if *view == "" {
		if len(in.vals) > 0 || *from != "" || *to != "" || len(docs.vals)+len(actors.vals)+len(classes.vals)+len(subjects.vals)+len(statuses.vals) > 0 {
			return errors.New("export: -in and filters need -view")
		}
		if *srv != "" {
			return errors.New("export: the raw graph (no -view) is read from the store, not through -server; give -view, or stop the server")
		}
		return exportRawGraph(ctx, e, sf, *format, *out)
	}
	v, err := export.ParseView(*view)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	opt := export.Options{
		Filter: export.Filter{From: *from, To: *to, Documents: docs.vals, Actors: actors.vals,
			Classes: classes.vals, Subjects: subjects.vals, Statuses: statuses.vals},
		Weighted: *weighted,
	}
	if err := opt.Validate(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *srv != "" {
		if len(in.vals) > 0 {
			return errors.New("export: -in and -server exclude each other")
		}
		return exportThrough(ctx, e, *srv, v, f, opt, *out)
	}
	var (
		ds []*resgraph.Document
		as []resgraph.Actor
	)
	if len(in.vals) > 0 {
		ds, as, err = readDocuments(ctx, e, in.vals, *registry)
	} else {
		ds, as, err = storeDocuments(ctx, e, sf)
	}
	if err != nil {
		return err
	}
	g, err := export.Build(v, ds, as, opt)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	export.Measure(g, export.MeasureOptions{Pivots: *pivots, ExactLimit: *exactLimit})
	if f == export.FormatCSV && *out != "" && !strings.HasSuffix(strings.ToLower(*out), ".zip") {
		if err := export.WriteCSVDir(*out, g); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	} else if err := writeTo(e, *out, func(w io.Writer) error { return export.Write(w, g, f) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "export: %s view, %d nodes, %d edges from %d documents; betweenness %s\n",
		v, len(g.Nodes), len(g.Edges), len(ds), g.Attrs["betweenness"])
	return nil
}

// writeTo runs write on the file named out, or standard output.
func writeTo(e *env, out string, write func(io.Writer) error) error {
	var w io.Writer = e.stdout
	var fh *os.File
	if out != "" {
		var err error
		if fh, err = os.Create(out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer fh.Close()
		w = fh
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if fh != nil {
		if err := fh.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// openForExport opens the store read-only, and says what to do when a
// server holds it.
func openForExport(ctx context.Context, e *env, sf storeFlags) (*store.Store, error) {
	st, err := openStore(ctx, e, sf, true)
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("export: %w\n  a server holds %s for writing: export through it with -server URL (or RESGRAPH_SERVER),\n  or run that server with -read-only, which lets readers open the file beside it", err, *sf.db)
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return st, nil
}

// exportThrough writes the export a running server makes: GET
// {base}/export/{view}.{format} with the filter as query parameters.
func exportThrough(ctx context.Context, e *env, base string, v export.View, f export.Format, opt export.Options, out string) error {
	q := url.Values{}
	set := func(k string, vs ...string) {
		for _, x := range vs {
			if x != "" {
				q.Add(k, x)
			}
		}
	}
	set("from", opt.From)
	set("to", opt.To)
	set("doc", opt.Documents...)
	set("actor", opt.Actors...)
	set("class", opt.Classes...)
	set("subject", opt.Subjects...)
	set("status", opt.Statuses...)
	if opt.Weighted {
		set("weighted", "true")
	}
	u := strings.TrimRight(base, "/") + "/export/" + string(v) + "." + string(f)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("export: %s: %s: %s", u, resp.Status, strings.TrimSpace(string(b)))
	}
	if f == export.FormatCSV && out != "" && !strings.HasSuffix(strings.ToLower(out), ".zip") {
		return errors.New("export: through -server, CSV comes as one zip: give -o a name ending in .zip")
	}
	var n int64
	if err := writeTo(e, out, func(w io.Writer) error {
		var err error
		n, err = io.Copy(w, resp.Body)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "export: %s view through %s, %d bytes\n", v, base, n)
	return nil
}

// storeDocuments reads every document and actor from the store.
func storeDocuments(ctx context.Context, e *env, sf storeFlags) ([]*resgraph.Document, []resgraph.Actor, error) {
	st, err := openForExport(ctx, e, sf)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	ds, err := st.Documents(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("export: %w", err)
	}
	as, err := st.Actors(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("export: %w", err)
	}
	return ds, as, nil
}

// readDocuments reads and extracts the documents at paths with the loader;
// a file that fails is reported and skipped.
func readDocuments(ctx context.Context, e *env, paths []string, registry string) ([]*resgraph.Document, []resgraph.Actor, error) {
	reg, err := openRegistry(registry)
	if err != nil {
		return nil, nil, err
	}
	files, err := expandPaths(paths)
	if err != nil {
		return nil, nil, err
	}
	x := loader.NewExtractor(reg)
	var ds []*resgraph.Document
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		d, err := readFile(f)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			continue
		}
		x.Extract(d)
		ds = append(ds, d)
	}
	return ds, reg.Actors(), nil
}

// exportRawGraph writes the store's raw graph as N-Quads, every quad with
// its document label (the store's path, kept as it was before views).
func exportRawGraph(ctx context.Context, e *env, sf storeFlags, format, out string) error {
	if format != "nquads" {
		return fmt.Errorf("export: format %q needs -view (without -view: nquads, the raw graph)", format)
	}
	st, err := openForExport(ctx, e, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	var n int
	if err := writeTo(e, out, func(w io.Writer) error {
		var err error
		n, err = st.WriteNQuads(ctx, w)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "export: %d quads\n", n)
	return nil
}
