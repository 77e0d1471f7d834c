package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/loader"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("extract", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	format := fset.String("format", "json", "output format: json or text")
	registry := fset.String("registry", "", "actor registry files, comma-separated (default: the built-in data/actors.yaml and data/actors-*.yaml)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph extract [-format json|text] [-registry FILE] PATH...")
		fmt.Fprintln(e.stderr, "\nReads Council documents (files, or directories read recursively), extracts")
		fmt.Fprintln(e.stderr, "who must do what and what each cites, and prints the result.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("extract: unknown format %q (want json or text)", *format)
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	reg, err := openRegistry(*registry)
	if err != nil {
		return err
	}
	files, err := expandPaths(fset.Args())
	if err != nil {
		return err
	}
	x := loader.NewExtractor(reg)
	var docs []*resgraph.Document
	failed := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := readFile(f)
		if err != nil {
			failed++
			fmt.Fprintln(e.stderr, err)
			continue
		}
		x.Extract(doc)
		for _, w := range doc.Warnings {
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", f, w)
		}
		docs = append(docs, doc)
	}
	switch *format {
	case "json":
		out := struct {
			Documents []*resgraph.Document `json:"documents"`
		}{Documents: docs}
		if out.Documents == nil {
			out.Documents = []*resgraph.Document{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	case "text":
		for _, d := range docs {
			writeText(e, d)
		}
	}
	fmt.Fprintf(e.stderr, "extract: %d files, %d read, %d failed\n", len(files), len(docs), failed)
	if failed > 0 {
		return errReported
	}
	return nil
}

// readFile reads and parses one file.
func readFile(path string) (*resgraph.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxDocumentSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDocumentSize {
		return nil, fmt.Errorf("%s:1:1: more than %d MiB, larger than any Council document: not read", path, maxDocumentSize>>20)
	}
	return readDocument(b, path)
}

// maxDocumentSize bounds the file of one document: the corpus's largest is
// 1.5 MB. A larger file is refused after reading this much, rather than
// held in memory whole and parsed.
const maxDocumentSize = 32 << 20

// readDocument parses one document and fills in what the project's own data
// knows about it: the resolution a draft became.
func readDocument(b []byte, name string) (*resgraph.Document, error) {
	doc, err := loader.Read(b, name)
	if err != nil {
		return nil, err
	}
	data.FillAdopted(doc)
	return doc, nil
}

// openRegistry parses the registry files named in list (comma-separated),
// or the built-in registry (data/actors.yaml and data/actors-*.yaml).
func openRegistry(list string) (*loader.Registry, error) {
	if list == "" {
		return loader.LoadRegistry(data.FS)
	}
	var files []loader.RegistryFile
	for _, path := range strings.Split(list, ",") {
		f, err := os.Open(strings.TrimSpace(path))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		files = append(files, loader.RegistryFile{Name: path, R: f})
	}
	return loader.ParseRegistries(files...)
}

// expandPaths returns the files named by paths, reading directories
// recursively and skipping hidden files and non-document files (.json, .md,
// .csv) inside directories. Files named directly are always kept. Symbolic
// links are followed, to directories too; a directory reached again (a
// link loop, or two links to one directory) is read once.
func expandPaths(paths []string) ([]string, error) {
	var out []string
	var seen []fs.FileInfo // the directories read
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		if err := walkDocuments(p, st, &seen, &found); err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// walkDocuments appends the document files under dir (whose FileInfo,
// links followed, is fi) to found, unless dir is one of seen.
func walkDocuments(dir string, fi fs.FileInfo, seen *[]fs.FileInfo, found *[]string) error {
	for _, s := range *seen {
		if os.SameFile(s, fi) {
			return nil
		}
	}
	*seen = append(*seen, fi)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		if e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(path) // follows links
			if err == nil && info.IsDir() {
				if err := walkDocuments(path, info, seen, found); err != nil {
					return err
				}
				continue
			}
		}
		// A broken link is kept when its name is a document's: reading it
		// then reports the file.
		switch strings.ToLower(filepath.Ext(name)) {
		case ".xml", ".txt", ".akn", "":
			*found = append(*found, path)
		}
	}
	return nil
}

// writeText prints a document in a form for people.
func writeText(e *env, d *resgraph.Document) {
	w := e.stdout
	fmt.Fprintf(w, "%s  %s  %s", d.Symbol, d.Kind, d.Date)
	if d.AdoptedSymbol != "" {
		fmt.Fprintf(w, "  adopted as %s", d.AdoptedSymbol)
	}
	if d.DraftSymbol != "" {
		fmt.Fprintf(w, "  draft %s", d.DraftSymbol)
	}
	if d.ChapterVII {
		fmt.Fprint(w, "  Chapter VII")
	}
	fmt.Fprintf(w, "\n  source: %s (%s)\n", d.Source.File, d.Source.Format)
	if len(d.Sponsors) > 0 {
		fmt.Fprintf(w, "  sponsors: %s\n", strings.Join(d.Sponsors, ", "))
	}
	for _, p := range d.Paragraphs {
		label := p.Number + p.Item
		if label == "" {
			label = "-"
		}
		text := p.Text
		if len(text) > 100 {
			text = text[:100] + "..."
		}
		fmt.Fprintf(w, "  %-10s %-6s %-5d %s\n", p.Kind, label, p.Line, text)
	}
	for _, a := range d.Actions {
		addr := ""
		if a.Addressee != nil {
			addr = a.Addressee.Name
		}
		fmt.Fprintf(w, "  action %s%s %s %s [%s] -> %s: %s\n", a.Paragraph, a.Item, a.Kind, a.Verb, a.Class, addr, a.Action)
	}
	for _, r := range d.References {
		fmt.Fprintf(w, "  cites %s (%s) in %s\n", r.Symbol, r.Relation, r.ParagraphID)
	}
	fmt.Fprintln(w)
}
