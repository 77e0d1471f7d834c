package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/term"

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
	view := fset.String("view", "", "network view: obligations, bipartite, coaddressee, partners, condemns, welcomes, citations or full (none: the raw graph as N-Quads)")
	gexfVersion := fset.String("gexf-version", export.GEXF12, "GEXF version for -format gexf: 1.2draft (NetworkX, Gephi) or 1.3")
	progressMode := fset.String("progress", "auto", "progress line on standard error: auto (on a terminal), always or never")
	memLimit := fset.Int("memory-limit", 200, "soft memory limit in MiB while exporting: the garbage collector works harder near it, the export never fails on it (0: none; env GOMEMLIMIT, when set, wins)")
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
	weighted := fset.Bool("weighted", false, "one edge per pair weighted by count (obligations, citations; the other views but full always are)")
	pivots := fset.Int("pivots", 256, "sampled betweenness: number of source nodes k on views larger than -exact-limit")
	exactLimit := fset.Int("exact-limit", 2000, "largest node count for exact betweenness")
	var in listFlag
	fset.Var(&in, "in", "read documents from this file or directory (loader) instead of the store (repeatable)")
	registry := fset.String("registry", "", "actor registry file for -in (default: the built-in data/actors.yaml)")
	srv := fset.String("server", e.getenv("RESGRAPH_SERVER"),
		"export through the running resgraph server at this URL (its /export/ endpoint, with the server's default measures) instead of opening the store (env RESGRAPH_SERVER)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph export -view obligations|bipartite|coaddressee|partners|condemns|welcomes|citations|full")
		fmt.Fprintln(e.stderr, "         -format graphml|gexf|csv|cytoscape|jsonld|nquads [-gexf-version 1.2draft|1.3]")
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
	gv, err := export.ParseGEXFVersion(*gexfVersion)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	prog, err := newExportProgress(e, *progressMode)
	if err != nil {
		return err
	}
	if *memLimit > 0 && e.getenv("GOMEMLIMIT") == "" {
		// The export's live heap peaks near 130 MB on the full view of the
		// corpus; without a limit the collector lets the heap reach twice
		// that (GOGC=100). docs/performance.md has the figures.
		prev := debug.SetMemoryLimit(int64(*memLimit) << 20)
		defer debug.SetMemoryLimit(prev)
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
		return exportThrough(ctx, e, *srv, v, f, opt, gv, *out)
	}
	// Documents stream into the builder one at a time: from the loader
	// (-in), each file is read, extracted, added and dropped; from the
	// store, the store reads them all at once (store.Documents) and each is
	// dropped once added.
	var as []resgraph.Actor
	var reg *loader.Registry
	var files []string
	var ds []*resgraph.Document
	if len(in.vals) > 0 {
		if reg, err = openRegistry(*registry); err != nil {
			return err
		}
		if files, err = expandPaths(in.vals); err != nil {
			return err
		}
		as = reg.Actors()
	} else {
		prog.phase("reading the store")
		if ds, as, err = storeDocuments(ctx, e, sf); err != nil {
			return err
		}
	}
	b, err := export.NewBuilder(v, as, opt)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	ndocs := 0
	if len(in.vals) > 0 {
		x := loader.NewExtractor(reg)
		for i, path := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := readFile(path)
			if err != nil {
				prog.clear()
				fmt.Fprintln(e.stderr, err)
				continue
			}
			x.Extract(d)
			b.Add(d)
			ndocs++
			prog.count("reading", i+1, len(files), "files")
		}
	} else {
		for i := range ds {
			b.Add(ds[i])
			ds[i] = nil // the builder keeps what it needs
			ndocs++
			prog.count("building", i+1, len(ds), "documents")
		}
		ds = nil
	}
	prog.phase("measuring")
	g := b.Graph()
	export.Measure(g, export.MeasureOptions{Pivots: *pivots, ExactLimit: *exactLimit})
	prog.phase("writing")
	wo := export.WriteOptions{GEXFVersion: gv}
	if f == export.FormatCSV && *out != "" && !strings.HasSuffix(strings.ToLower(*out), ".zip") {
		if err := export.WriteCSVDir(*out, g); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	} else if err := writeTo(e, *out, func(w io.Writer) error { return export.WriteWith(prog.writer(w), g, f, wo) }); err != nil {
		return err
	}
	prog.clear()
	fmt.Fprintf(e.stderr, "export: %s view, %d nodes, %d edges from %d documents; betweenness %s\n",
		v, len(g.Nodes), len(g.Edges), ndocs, g.Attrs["betweenness"])
	return nil
}

// exportProgress is the export's progress line on standard error: on a
// terminal (or with -progress always), one line rewritten in place at most
// ten times a second; otherwise nothing.
type exportProgress struct {
	w    io.Writer
	on   bool
	last time.Time
	text bool // a line is showing
}

func newExportProgress(e *env, mode string) (*exportProgress, error) {
	p := &exportProgress{w: e.stderr}
	switch mode {
	case "auto":
		f, ok := e.stderr.(*os.File)
		p.on = ok && term.IsTerminal(int(f.Fd()))
	case "always":
		p.on = true
	case "never":
	default:
		return nil, fmt.Errorf("export: -progress %q: want auto, always or never", mode)
	}
	return p, nil
}

func (p *exportProgress) show(force bool, format string, args ...any) {
	if !p.on {
		return
	}
	now := time.Now()
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\r\033[Kexport: "+format, args...)
	p.text = true
}

func (p *exportProgress) phase(what string) { p.show(true, "%s ...", what) }

func (p *exportProgress) count(what string, n, total int, unit string) {
	p.show(n == total, "%s %d/%d %s", what, n, total, unit)
}

// clear removes the progress line before a line of its own.
func (p *exportProgress) clear() {
	if p.on && p.text {
		fmt.Fprint(p.w, "\r\033[K")
		p.text = false
	}
}

// writer counts the bytes written through it on the progress line.
func (p *exportProgress) writer(w io.Writer) io.Writer {
	if !p.on {
		return w
	}
	return &countingWriter{w: w, p: p}
}

type countingWriter struct {
	w io.Writer
	p *exportProgress
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.p.show(false, "writing %.1f MB", float64(c.n)/1e6)
	return n, err
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
func exportThrough(ctx context.Context, e *env, base string, v export.View, f export.Format, opt export.Options, gexfVersion, out string) error {
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
	if f == export.FormatGEXF && gexfVersion != export.GEXF12 {
		set("gexf-version", gexfVersion)
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
// a file that fails is reported and skipped (resgraph calendar; export
// streams them instead).
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
		xw := &xsdWriter{w: w}
		var err error
		if n, err = st.WriteNQuads(ctx, xw); err != nil {
			return err
		}
		return xw.Close()
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "export: %d quads\n", n)
	return nil
}

// xsdWriter writes N-Quads with every datatype "xsd:T" written out as XML
// Schema's IRI, http://www.w3.org/2001/XMLSchema#T: the store's N-Quads
// (Cayley's quad values) abbreviate it, and "xsd:integer" is an IRI of a
// scheme "xsd:" that no RDF tool reads as XML Schema's integer. A datatype
// follows a literal's closing quote, which a literal's own text cannot
// hold unescaped, so the line-wise rewrite touches datatypes only.
type xsdWriter struct {
	w    io.Writer
	line []byte
}

var (
	xsdShort = []byte(`"^^<xsd:`)
	xsdLong  = []byte(`"^^<http://www.w3.org/2001/XMLSchema#`)
)

func (x *xsdWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			x.line = append(x.line, p...)
			break
		}
		x.line = append(x.line, p[:i+1]...)
		p = p[i+1:]
		if err := x.flush(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func (x *xsdWriter) flush() error {
	b := x.line
	if bytes.Contains(b, xsdShort) {
		b = bytes.ReplaceAll(b, xsdShort, xsdLong)
	}
	x.line = x.line[:0]
	_, err := x.w.Write(b)
	return err
}

// Close writes a last line without its newline.
func (x *xsdWriter) Close() error {
	if len(x.line) == 0 {
		return nil
	}
	return x.flush()
}
