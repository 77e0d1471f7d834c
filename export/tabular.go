package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
	"unicode/utf8"
)

// CSV files, for Python's csv module, pandas, R's readr and spreadsheets
// with their defaults:
//
//   - nodes.csv: id, then every node attribute;
//   - edges.csv: id, source, target, type (Directed or Undirected, as
//     Gephi's importer wants), then every edge attribute;
//   - aliases.csv: id, alias: one row per alias of a node;
//   - graph.csv: name, value: the view and how the measures were computed;
//   - texts.jsonl: the full text of every cell that was cut (below).
//
// Unset attributes are empty cells, dates ISO days, booleans true/false,
// and list attributes JSON arrays (["AU","African Union"]). A text cell
// longer than CSVTextLimit characters is cut to that length (Python's csv
// stops at 131,072 characters a field, Excel at 32,767 a cell), the row's
// "truncated" column names the columns cut (a JSON array), and texts.jsonl
// holds one JSON object per cut cell: {"table", "id", "column", "text"}.

// CSVTextLimit is the longest text cell the CSV files hold, in characters.
const CSVTextLimit = 10000

// cell renders an attribute value as a CSV cell; cut reports whether a
// text was shortened to limit characters.
func cell(v any, limit int) (s string, cut bool) {
	switch v := v.(type) {
	case []string:
		return formatValue(v), false
	case string:
		if len(v) > limit && utf8.RuneCountInString(v) > limit {
			n := 0
			for i := range v {
				if n == limit {
					return v[:i], true
				}
				n++
			}
		}
		return v, false
	}
	return formatValue(v), false
}

// cutTexts records the cells cut while writing a table.
type cutTexts struct {
	table string
	w     io.Writer // texts.jsonl, or nil
	buf   []byte
	err   error
}

func (c *cutTexts) add(id, column, text string) {
	if c == nil || c.w == nil || c.err != nil {
		return
	}
	b := append(c.buf[:0], `{"table":`...)
	b = appendJSONString(b, c.table)
	b = append(b, `,"id":`...)
	b = appendJSONString(b, id)
	b = append(b, `,"column":`...)
	b = appendJSONString(b, column)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, text)
	b = append(b, "}\n"...)
	c.buf = b
	_, c.err = c.w.Write(b)
}

// WriteNodesCSV writes the nodes table.
func WriteNodesCSV(w io.Writer, g *Graph) error { return writeNodesCSV(w, g, nil) }

func writeNodesCSV(w io.Writer, g *Graph, texts io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"id"}
	for _, a := range nodeAttrs {
		head = append(head, a.Name)
	}
	head = append(head, "truncated")
	if err := cw.Write(head); err != nil {
		return err
	}
	ct := &cutTexts{table: "nodes", w: texts}
	row := make([]string, len(head))
	var cut []string
	for i := range g.Nodes {
		n := &g.Nodes[i]
		row[0] = n.ID
		cut = cut[:0]
		for j, a := range nodeAttrs {
			row[j+1] = ""
			if v, ok := a.Get(g, n); ok {
				var c bool
				if row[j+1], c = cell(v, CSVTextLimit); c {
					cut = append(cut, a.Name)
					ct.add(n.ID, a.Name, v.(string))
				}
			}
		}
		row[len(row)-1] = ""
		if len(cut) > 0 {
			row[len(row)-1] = string(appendJSON(nil, cut))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if ct.err != nil {
		return ct.err
	}
	return cw.Error()
}

// WriteEdgesCSV writes the edges table.
func WriteEdgesCSV(w io.Writer, g *Graph) error { return writeEdgesCSV(w, g, nil) }

func writeEdgesCSV(w io.Writer, g *Graph, texts io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"id", "source", "target", "type"}
	for _, a := range edgeAttrs {
		head = append(head, a.Name)
	}
	head = append(head, "truncated")
	if err := cw.Write(head); err != nil {
		return err
	}
	typ := "Undirected"
	if g.Directed {
		typ = "Directed"
	}
	ct := &cutTexts{table: "edges", w: texts}
	row := make([]string, len(head))
	var cut []string
	for i := range g.Edges {
		e := &g.Edges[i]
		row[0], row[1], row[2], row[3] = e.ID, e.Source, e.Target, typ
		cut = cut[:0]
		for j, a := range edgeAttrs {
			row[j+4] = ""
			if v, ok := a.Get(g, e); ok {
				var c bool
				if row[j+4], c = cell(v, CSVTextLimit); c {
					cut = append(cut, a.Name)
					ct.add(e.ID, a.Name, v.(string))
				}
			}
		}
		row[len(row)-1] = ""
		if len(cut) > 0 {
			row[len(row)-1] = string(appendJSON(nil, cut))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if ct.err != nil {
		return ct.err
	}
	return cw.Error()
}

// WriteAliasesCSV writes one row per alias of a node: id, alias.
func WriteAliasesCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "alias"}); err != nil {
		return err
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		for _, a := range n.Aliases {
			if err := cw.Write([]string{n.ID, a}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteGraphCSV writes the graph-level attributes.
func WriteGraphCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"name", "value"})
	for _, a := range graphAttrs(g) {
		_ = cw.Write(a[:])
	}
	cw.Flush()
	return cw.Error()
}

// csvFiles are the files of a CSV export, in the order written. nodes.csv
// and edges.csv write the texts they cut to texts.jsonl, which comes last:
// the writers hold its lines in a temporary buffer only as long as the
// cut texts, never the tables.
var csvFiles = []string{"nodes.csv", "edges.csv", "aliases.csv", "graph.csv", "texts.jsonl"}

// writeCSVFiles writes the files in order through open, which gives the
// writer of one file.
func writeCSVFiles(g *Graph, open func(name string) (io.Writer, error)) error {
	var texts bytes.Buffer
	for _, name := range csvFiles {
		w, err := open(name)
		if err != nil {
			return err
		}
		switch name {
		case "nodes.csv":
			err = writeNodesCSV(w, g, &texts)
		case "edges.csv":
			err = writeEdgesCSV(w, g, &texts)
		case "aliases.csv":
			err = WriteAliasesCSV(w, g)
		case "graph.csv":
			err = WriteGraphCSV(w, g)
		case "texts.jsonl":
			_, err = texts.WriteTo(w)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// zipTime is the modification time of the zip entries, fixed so that the
// same graph gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteCSVZip writes the CSV files (above) into one zip.
func WriteCSVZip(w io.Writer, g *Graph) error {
	zw := zip.NewWriter(w)
	// Speed over size: the default level took half the CSV export's time.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	err := writeCSVFiles(g, func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

// WriteCSVDir writes the CSV files (above) into dir, creating it if
// needed.
func WriteCSVDir(dir string, g *Graph) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var (
		fh *os.File
		bw *bufio.Writer
	)
	closeFile := func() error {
		if fh == nil {
			return nil
		}
		err := bw.Flush()
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", fh.Name(), err)
		}
		fh = nil
		return nil
	}
	err := writeCSVFiles(g, func(name string) (io.Writer, error) {
		if err := closeFile(); err != nil {
			return nil, err
		}
		var err error
		if fh, err = os.Create(filepath.Join(dir, name)); err != nil {
			return nil, err
		}
		bw = bufio.NewWriterSize(fh, 64<<10)
		return bw, nil
	})
	if cerr := closeFile(); err == nil {
		err = cerr
	}
	return err
}

// WriteCytoscape writes g as Cytoscape.js JSON:
// {"data": {graph attributes}, "directed": bool, "elements": {"nodes":
// [{"data": {"id": ..., ...}}], "edges": [{"data": {"id", "source",
// "target", ...}}]}}, ready for cytoscape({elements: json.elements}).
// Aliases are arrays.
func WriteCytoscape(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	b := []byte(`{"data":{`)
	for i, a := range graphAttrs(g) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, a[0])
		b = append(b, ':')
		b = appendJSONString(b, a[1])
	}
	b = append(b, `},"directed":`...)
	b = strconv.AppendBool(b, g.Directed)
	b = append(b, `,"elements":{"nodes":[`...)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{\"data\":{\"id\":"...)
		b = appendJSONString(b, n.ID)
		for _, a := range nodeAttrs {
			v, ok := a.Get(g, n)
			if !ok {
				continue
			}
			b = append(b, ',', '"')
			b = append(b, a.Name...)
			b = append(b, '"', ':')
			b = appendJSON(b, v)
		}
		b = append(b, "}}"...)
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, `],"edges":[`...)
	for i := range g.Edges {
		e := &g.Edges[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{\"data\":{\"id\":"...)
		b = appendJSONString(b, e.ID)
		b = append(b, `,"source":`...)
		b = appendJSONString(b, e.Source)
		b = append(b, `,"target":`...)
		b = appendJSONString(b, e.Target)
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				b = append(b, ',', '"')
				b = append(b, a.Name...)
				b = append(b, '"', ':')
				b = appendJSON(b, v)
			}
		}
		b = append(b, "}}"...)
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, "]}}\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}
