package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	sf := addStoreFlags(e, fset)
	format := fset.String("format", "nquads", "output format: nquads (the raw graph, every quad with its document label)")
	out := fset.String("o", "", "output file (default: standard output)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph export -format nquads [-db PATH] [-backend bolt|postgres] [-o FILE]")
		fmt.Fprintln(e.stderr, "\nWrites the graph store for other tools. -format nquads writes the raw graph;")
		fmt.Fprintln(e.stderr, "`resgraph load` cannot read it back, but store.ReadNQuads can.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	if *format != "nquads" {
		return fmt.Errorf("export: unknown format %q (want nquads)", *format)
	}
	st, err := openStore(ctx, e, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := st.WriteNQuads(ctx, bw)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	fmt.Fprintf(e.stderr, "export: %d quads\n", n)
	return nil
}
