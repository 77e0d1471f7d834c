package export

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// xmlText escapes s for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func xmlText(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = c >= 0x20 && c < 0x80 && c != '<' && c != '>' && c != '&' && c != '"' && c != '\''
	}
	if clean {
		return s
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// appendXML appends s escaped for XML text and attribute values.
func appendXML(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' {
			return append(b, xmlText(s)...)
		}
	}
	return append(b, s...)
}

// appendValue appends an attribute value as XML text.
func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendXML(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	return appendXML(b, formatValue(v))
}

// graphmlType maps attribute types to GraphML's attr.type: GraphML has no
// date (ISO strings) and no list ("|"-joined strings).
func graphmlType(t string) string {
	switch t {
	case typeDate, typeList:
		return typeString
	}
	return t
}

// WriteGraphML writes g as GraphML with a typed <key> for every graph, node
// and edge attribute. Parallel edges are kept (NetworkX reads them as a
// multigraph).
func WriteGraphML(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	ew := &errWriter{w: bw}
	ew.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	ew.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	gattrs := graphAttrs(g)
	for _, a := range gattrs {
		ew.printf("  <key id=\"g_%s\" for=\"graph\" attr.name=\"%s\" attr.type=\"string\"/>\n", a[0], a[0])
	}
	for _, a := range nodeAttrs {
		ew.printf("  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.Name, a.Name, graphmlType(a.Type))
	}
	for _, a := range edgeAttrs {
		ew.printf("  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.Name, a.Name, graphmlType(a.Type))
	}
	def := "undirected"
	if g.Directed {
		def = "directed"
	}
	ew.printf("  <graph id=\"%s\" edgedefault=\"%s\">\n", xmlText(string(g.View)), def)
	for _, a := range gattrs {
		ew.printf("    <data key=\"g_%s\">%s</data>\n", a[0], xmlText(a[1]))
	}
	var b []byte
	for i := range g.Nodes {
		n := &g.Nodes[i]
		b = append(b[:0], `    <node id="`...)
		b = appendXML(b, n.ID)
		b = append(b, `">`...)
		for _, a := range nodeAttrs {
			if v, ok := a.Get(g, n); ok {
				b = append(b, `<data key="n_`...)
				b = append(b, a.Name...)
				b = append(b, `">`...)
				b = appendValue(b, v)
				b = append(b, "</data>"...)
			}
		}
		b = append(b, "</node>\n"...)
		if ew.write(b); ew.err != nil {
			return ew.err
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		b = append(b[:0], `    <edge id="`...)
		b = appendXML(b, e.ID)
		b = append(b, `" source="`...)
		b = appendXML(b, e.Source)
		b = append(b, `" target="`...)
		b = appendXML(b, e.Target)
		b = append(b, `">`...)
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				b = append(b, `<data key="e_`...)
				b = append(b, a.Name...)
				b = append(b, `">`...)
				b = appendValue(b, v)
				b = append(b, "</data>"...)
			}
		}
		b = append(b, "</edge>\n"...)
		if ew.write(b); ew.err != nil {
			return ew.err
		}
	}
	ew.WriteString("  </graph>\n</graphml>\n")
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

// graphAttrs returns the graph-level attributes as name, value pairs: the
// view, whether edges are weighted pairs, and g.Attrs in name order.
func graphAttrs(g *Graph) [][2]string {
	out := [][2]string{{"view", string(g.View)}}
	if g.Weighted {
		out = append(out, [2]string{"edges", "weighted pairs"})
	} else {
		out = append(out, [2]string{"edges", "one per fact"})
	}
	for _, k := range g.graphAttrNames() {
		out = append(out, [2]string{k, g.Attrs[k]})
	}
	return out
}

// GEXF versions.
const (
	GEXF12 = "1.2draft" // the default: what NetworkX and Gephi read
	GEXF13 = "1.3"
)

type gexfVersion struct {
	name, version, ns, schema string
}

var gexfVersions = map[string]gexfVersion{
	GEXF12: {GEXF12, "1.2", "http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"},
	GEXF13: {GEXF13, "1.3", "http://gexf.net/1.3", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"},
}

// ParseGEXFVersion returns the GEXF version named s ("" is GEXF12; "1.2"
// is GEXF12 too).
func ParseGEXFVersion(s string) (string, error) {
	switch s {
	case "", "1.2", GEXF12:
		return GEXF12, nil
	case GEXF13:
		return GEXF13, nil
	}
	return "", resgraph.Errorf(resgraph.EINVALID, "unknown GEXF version %q (want 1.2draft or 1.3)", s)
}

// gexfType maps attribute types to GEXF's: 1.2draft has no date type
// (dates are the elements' start and end, typed by timeformat="date"; the
// date attributes are ISO strings), 1.3 has.
func gexfType(version, t string) string {
	switch t {
	case typeInt:
		return "integer"
	case typeDate:
		if version == GEXF13 {
			return "date"
		}
		return typeString
	}
	return t
}

// gexfNative are the attributes GEXF holds in its own fields, not in
// <attvalues>: label, weight, start and end.
func gexfNative(name string) bool {
	return name == "label" || name == "weight" || name == "start" || name == "end"
}

// appendGEXFValue appends a value for an attvalue: lists are written
// ["a","b"] in both versions (1.3's list syntax; in 1.2draft a liststring
// is any string, and "a|b" is ambiguous to readers when a value holds a
// comma).
func appendGEXFValue(b []byte, version string, v any) []byte {
	return appendValue(b, v)
}

// WriteGEXF writes g as GEXF 1.2draft (see WriteGEXFVersion).
func WriteGEXF(w io.Writer, g *Graph) error { return WriteGEXFVersion(w, g, GEXF12) }

// WriteGEXFVersion writes g as GEXF of the given version (GEXF12 or
// GEXF13) in dynamic mode with timeformat="date": every node and edge
// carries its start and end (docs/exports.md, Time), so Gephi's timeline
// shows the graph grow and obligations lapse; an actor holding a mandate
// carries the periods it was in force as spells instead. Measures are
// static attributes (computed on the whole view). Label and weight are
// GEXF's own node and edge fields; the other attributes are declared in
// <attributes>.
func WriteGEXFVersion(w io.Writer, g *Graph, version string) error {
	gv, ok := gexfVersions[version]
	if !ok {
		return resgraph.Errorf(resgraph.EINVALID, "unknown GEXF version %q (want 1.2draft or 1.3)", version)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	ew := &errWriter{w: bw}
	ew.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	ew.printf(`<gexf xmlns="%s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="%s" version="%s">`+"\n", gv.ns, gv.schema, gv.version)
	ew.WriteString("  <meta>\n    <creator>Resgraph</creator>\n")
	var desc []string
	for _, a := range graphAttrs(g) {
		desc = append(desc, a[0]+": "+a[1])
	}
	ew.printf("    <description>%s</description>\n  </meta>\n", xmlText(strings.Join(desc, "; ")))
	def := "undirected"
	if g.Directed {
		def = "directed"
	}
	ew.printf("  <graph mode=\"dynamic\" defaultedgetype=\"%s\" timeformat=\"date\">\n", def)
	ew.WriteString("    <attributes class=\"node\" mode=\"static\">\n")
	for _, a := range nodeAttrs {
		if !gexfNative(a.Name) {
			ew.printf("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.Name, a.Name, gexfType(version, a.Type))
		}
	}
	ew.WriteString("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
	for _, a := range edgeAttrs {
		if !gexfNative(a.Name) {
			ew.printf("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.Name, a.Name, gexfType(version, a.Type))
		}
	}
	ew.WriteString("    </attributes>\n    <nodes>\n")
	var b []byte
	for i := range g.Nodes {
		n := &g.Nodes[i]
		b = append(b[:0], `      <node id="`...)
		b = appendXML(b, n.ID)
		b = append(b, `" label="`...)
		b = appendXML(b, n.Label)
		b = append(b, '"')
		if len(n.Periods) == 0 {
			b = appendTime(b, n.Start, n.End)
		}
		b = append(b, `><attvalues>`...)
		for _, a := range nodeAttrs {
			if gexfNative(a.Name) {
				continue
			}
			if v, ok := a.Get(g, n); ok {
				b = appendAttValue(b, version, a.Name, v)
			}
		}
		b = append(b, `</attvalues>`...)
		if len(n.Periods) > 0 {
			// A mandate holder is on the timeline while its mandate is in force.
			b = append(b, `<spells>`...)
			for _, p := range n.Periods {
				b = append(b, `<spell`...)
				b = appendTime(b, p.Start, p.End)
				b = append(b, `/>`...)
			}
			b = append(b, `</spells>`...)
		}
		b = append(b, "</node>\n"...)
		if ew.write(b); ew.err != nil {
			return ew.err
		}
	}
	ew.WriteString("    </nodes>\n    <edges>\n")
	for i := range g.Edges {
		e := &g.Edges[i]
		b = append(b[:0], `      <edge id="`...)
		b = appendXML(b, e.ID)
		b = append(b, `" source="`...)
		b = appendXML(b, e.Source)
		b = append(b, `" target="`...)
		b = appendXML(b, e.Target)
		b = append(b, `" weight="`...)
		b = strconv.AppendFloat(b, e.Weight, 'g', -1, 64)
		b = append(b, '"')
		b = appendTime(b, e.Date, e.End)
		b = append(b, `><attvalues>`...)
		for _, a := range edgeAttrs {
			if gexfNative(a.Name) {
				continue
			}
			if v, ok := a.Get(g, e); ok {
				b = appendAttValue(b, version, a.Name, v)
			}
		}
		b = append(b, "</attvalues></edge>\n"...)
		if ew.write(b); ew.err != nil {
			return ew.err
		}
	}
	ew.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

// appendTime appends ` start="..." end="..."`, each where set.
func appendTime(b []byte, start, end string) []byte {
	if start != "" {
		b = append(b, ` start="`...)
		b = appendXML(b, start)
		b = append(b, '"')
	}
	if end != "" {
		b = append(b, ` end="`...)
		b = appendXML(b, end)
		b = append(b, '"')
	}
	return b
}

func appendAttValue(b []byte, version, name string, v any) []byte {
	b = append(b, `<attvalue for="`...)
	b = append(b, name...)
	b = append(b, `" value="`...)
	b = appendGEXFValue(b, version, v)
	return append(b, `"/>`...)
}
