package export

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// CSV files: nodes.csv (id, then every node attribute), edges.csv (id,
// source, target, type = Directed or Undirected as Gephi's importer wants,
// then every edge attribute) and graph.csv (name, value: the view and how
// the measures were computed). Unset attributes are empty cells; aliases
// are joined with "|".

// WriteNodesCSV writes the nodes table.
func WriteNodesCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	head := []string{"id"}
	for _, a := range nodeAttrs {
		head = append(head, a.Name)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(head))
	for i := range g.Nodes {
		n := &g.Nodes[i]
		row[0] = n.ID
		for j, a := range nodeAttrs {
			row[j+1] = ""
			if v, ok := a.Get(g, n); ok {
				row[j+1] = formatValue(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteEdgesCSV writes the edges table.
func WriteEdgesCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	head := []string{"id", "source", "target", "type"}
	for _, a := range edgeAttrs {
		head = append(head, a.Name)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	typ := "Undirected"
	if g.Directed {
		typ = "Directed"
	}
	row := make([]string, len(head))
	for i := range g.Edges {
		e := &g.Edges[i]
		row[0], row[1], row[2], row[3] = e.ID, e.Source, e.Target, typ
		for j, a := range edgeAttrs {
			row[j+4] = ""
			if v, ok := a.Get(g, e); ok {
				row[j+4] = formatValue(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
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

var csvFiles = []struct {
	name  string
	write func(io.Writer, *Graph) error
}{{"nodes.csv", WriteNodesCSV}, {"edges.csv", WriteEdgesCSV}, {"graph.csv", WriteGraphCSV}}

// zipTime is the modification time of the zip entries, fixed so that the
// same graph gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteCSVZip writes nodes.csv, edges.csv and graph.csv into one zip.
func WriteCSVZip(w io.Writer, g *Graph) error {
	zw := zip.NewWriter(w)
	// Speed over size: the default level took half the CSV export's time.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	for _, f := range csvFiles {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if err := f.write(fw, g); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return zw.Close()
}

// WriteCSVDir writes nodes.csv, edges.csv and graph.csv into dir, creating
// it if needed.
func WriteCSVDir(dir string, g *Graph) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range csvFiles {
		path := filepath.Join(dir, f.name)
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fh, 64<<10)
		err = f.write(bw, g)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
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
			if a.Name == "aliases" {
				v = n.Aliases
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
