package export

import (
	"github.com/resgraph/resgraph"

	"fmt"
	"io"
	"strings"
)

// Format names an output format.
type Format string

// Formats.
const (
	FormatGraphML   Format = "graphml"
	FormatGEXF      Format = "gexf"
	FormatCSV       Format = "csv" // nodes.csv, edges.csv, aliases.csv, graph.csv and texts.jsonl in a zip (WriteCSVDir for a directory)
	FormatCytoscape Format = "cytoscape"
	FormatJSONLD    Format = "jsonld"
	FormatNQuads    Format = "nquads"
)

// Formats lists every format.
var Formats = []Format{FormatGraphML, FormatGEXF, FormatCSV, FormatCytoscape, FormatJSONLD, FormatNQuads}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	var names []string
	for _, f := range Formats {
		names = append(names, string(f))
	}
	return "", resgraph.Errorf(resgraph.EINVALID, "unknown format %q (want %s)", s, strings.Join(names, ", "))
}

// ContentType is the media type of the format's download.
func (f Format) ContentType() string {
	switch f {
	case FormatGraphML:
		return "application/graphml+xml; charset=utf-8"
	case FormatGEXF:
		return "application/gexf+xml; charset=utf-8"
	case FormatCSV:
		return "application/zip"
	case FormatCytoscape:
		return "application/json; charset=utf-8"
	case FormatJSONLD:
		return "application/ld+json; charset=utf-8"
	case FormatNQuads:
		return "application/n-quads; charset=utf-8"
	}
	return "application/octet-stream"
}

// Ext is the file name extension of the format's download, with the dot.
func (f Format) Ext() string {
	switch f {
	case FormatCSV:
		return ".zip"
	case FormatCytoscape:
		return ".cyjs.json"
	case FormatJSONLD:
		return ".jsonld"
	case FormatNQuads:
		return ".nq"
	}
	return "." + string(f)
}

// WriteOptions are a writer's choices beyond the graph. The zero value is
// the default.
type WriteOptions struct {
	// GEXFVersion is GEXF12 (default) or GEXF13.
	GEXFVersion string
}

// Write writes g in format f to w, with the default options.
func Write(w io.Writer, g *Graph, f Format) error { return WriteWith(w, g, f, WriteOptions{}) }

// WriteWith writes g in format f to w.
func WriteWith(w io.Writer, g *Graph, f Format, o WriteOptions) error {
	switch f {
	case FormatGraphML:
		return WriteGraphML(w, g)
	case FormatGEXF:
		v, err := ParseGEXFVersion(o.GEXFVersion)
		if err != nil {
			return err
		}
		return WriteGEXFVersion(w, g, v)
	case FormatCSV:
		return WriteCSVZip(w, g)
	case FormatCytoscape:
		return WriteCytoscape(w, g)
	case FormatJSONLD:
		return WriteJSONLD(w, g)
	case FormatNQuads:
		return WriteNQuads(w, g)
	}
	return fmt.Errorf("write: unknown format %q", f)
}

// errWriter remembers the first write error so writers can stream without
// checking every call.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) WriteString(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
