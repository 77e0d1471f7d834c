package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resgraph/resgraph"
)

// ReadAKN reads an Akoma Ntoso (AKN4UN) Security Council document: an
// adopted resolution, a presidential statement or a draft resolution.
//
// It reads the metadata (symbol, draft symbol, date, meeting, sponsors,
// votes, Chapter VII, subjects) and the paragraphs, following the paragraph
// conventions of the package: preambular containers, numbered operative
// paragraphs with their sub-items, headings (which set Section), and annex
// text kept apart. Start and End of each paragraph are byte offsets in data.
//
// Malformed XML of the kind found in the UN's files (a stray end tag inside
// a paragraph) is recovered, with a Document.Warnings entry naming the
// line:column of the defect; any other broken input yields a *ParseError.
// docs/reading-akn.md says where each field comes from.
func ReadAKN(data []byte, name string) (*resgraph.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ParseError{File: name, Line: 1, Column: 1, Msg: "empty file"}
	}
	root, warnings, err := parseXMLTree(data, name)
	if err != nil {
		return nil, err
	}
	if root.name != "akomaNtoso" {
		return nil, Errorf(data, name, root.start, "not Akoma Ntoso: root element <%s>: %v", root.name, ErrNotCouncilDocument)
	}
	var stmt *xnode
	for _, k := range root.kids {
		if k.name != "" {
			stmt = k
			break
		}
	}
	if stmt == nil {
		return nil, Errorf(data, name, root.start, "Akoma Ntoso without a document element: %v", ErrNotCouncilDocument)
	}
	sum := sha256.Sum256(data)
	r := &aknReader{
		data: data,
		doc: &resgraph.Document{
			Sponsors:   []string{},
			Language:   "en",
			Source:     resgraph.Source{File: name, Format: resgraph.FormatAKN, SHA256: hex.EncodeToString(sum[:])},
			Paragraphs: []resgraph.Paragraph{},
			Actions:    []resgraph.Action{},
			References: []resgraph.Reference{},
			Warnings:   warnings,
		},
		ids:     map[string]int{},
		top:     -1,
		posLine: 1,
	}
	if err := r.metadata(stmt); err != nil {
		return nil, Errorf(data, name, stmt.start, "%v", err)
	}
	r.body(stmt)
	r.chapterVIIFromText()
	if r.doc.Status == "" {
		r.doc.Status = resgraph.DefaultStatus(r.doc.Kind)
	}
	return r.doc, nil
}

// xnode is an element or a text node of the parsed XML tree.
type xnode struct {
	name  string // local name; "" for a text node
	attrs []xml.Attr
	kids  []*xnode
	text  string // text nodes: the decoded text
	// start and end are byte offsets in the source: for an element, from
	// its start tag's '<' to its end tag's '>'; for a text node, its raw
	// extent (entities not decoded).
	start, end int

	// While the tree is built, children are linked; finish makes kids.
	firstKid, lastKid, next *xnode
	nkids                   int
}

func (n *xnode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns n's first child element named name, or nil.
func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// find returns the first descendant element of n named name, or nil.
func (n *xnode) find(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
		if k.name != "" {
			if f := k.find(name); f != nil {
				return f
			}
		}
	}
	return nil
}

// findAll appends every descendant element of n named name to out.
func (n *xnode) findAll(name string, out []*xnode) []*xnode {
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		if k.name != "" {
			out = k.findAll(name, out)
		}
	}
	return out
}

// plain returns n's text content with whitespace collapsed.
func (n *xnode) plain() string {
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		if x.name == "" {
			b.WriteString(x.text)
			return
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
	return collapse(b.String())
}

// recoverable are the elements a stray end tag may close: the UN's
// malformed presidential statements have a stray </docTitle></p> where a
// heading paragraph should end.
var recoverable = map[string]bool{"paragraph": true, "container": true, "alinea": true, "point": true}

// treeBuilder builds the tree from tokens, matching end tags itself so
// that it can recover stray end tags (reported as warnings).
type treeBuilder struct {
	data      []byte
	name      string
	doc       *xnode
	stack     []*xnode
	warnings  []string
	arena     []xnode    // nodes are allocated from it
	attrArena []xml.Attr // and their attributes
	root      *xnode
	count     int // nodes linked so far
}

func newTreeBuilder(data []byte, name string) *treeBuilder {
	doc := &xnode{name: "#document"}
	return &treeBuilder{data: data, name: name, doc: doc, stack: []*xnode{doc}}
}

func (b *treeBuilder) pos(off int) string {
	l, c := Position(b.data, off)
	return fmt.Sprintf("%d:%d", l, c)
}

func (b *treeBuilder) start(local string, attrs []xml.Attr, off int) error {
	top := b.stack[len(b.stack)-1]
	if len(b.stack) == 1 {
		if b.root != nil {
			return Errorf(b.data, b.name, off, "invalid XML: second root element <%s>", local)
		}
	}
	n := b.node()
	*n = xnode{name: local, start: off}
	if len(attrs) > 0 {
		if cap(b.attrArena)-len(b.attrArena) < len(attrs) {
			b.attrArena = make([]xml.Attr, 0, max(512, len(attrs)))
		}
		k := len(b.attrArena)
		b.attrArena = append(b.attrArena, attrs...)
		n.attrs = b.attrArena[k:len(b.attrArena):len(b.attrArena)]
	}
	if len(b.stack) == 1 {
		b.root = n
	}
	b.appendKid(top, n)
	b.stack = append(b.stack, n)
	return nil
}

func (b *treeBuilder) appendKid(top, n *xnode) {
	if top.lastKid == nil {
		top.firstKid = n
	} else {
		top.lastKid.next = n
	}
	top.lastKid = n
	top.nkids++
	b.count++
}

func (b *treeBuilder) end(local string, off, end int) error {
	if len(b.stack) == 1 {
		return Errorf(b.data, b.name, off, "invalid XML: unexpected end element </%s>", local)
	}
	top := b.stack[len(b.stack)-1]
	if local == top.name {
		top.end = end
		b.stack = b.stack[:len(b.stack)-1]
		return nil
	}
	for _, s := range b.stack[1:] {
		if s.name == local {
			return Errorf(b.data, b.name, off, "invalid XML: element <%s> opened at %s closed by </%s>", top.name, b.pos(top.start), local)
		}
	}
	if recoverable[top.name] {
		b.warnings = append(b.warnings, fmt.Sprintf("recovered malformed XML: stray </%s> at %s closes <%s> opened at %s", local, b.pos(off), top.name, b.pos(top.start)))
		top.end = end
		b.stack = b.stack[:len(b.stack)-1]
		return nil
	}
	b.warnings = append(b.warnings, fmt.Sprintf("recovered malformed XML: stray </%s> at %s ignored", local, b.pos(off)))
	return nil
}

// structural elements hold elements only: white space between their
// children is layout, and no node is made of it.
var structural = map[string]bool{
	"akomaNtoso": true, "statement": true, "meta": true, "identification": true, "FRBRWork": true,
	"FRBRExpression": true, "FRBRManifestation": true, "classification": true, "workflow": true,
	"analysis": true, "parliamentary": true, "voting": true, "count": true, "voters": true,
	"references": true, "presentation": true, "footerFirstPage": true, "footerFirstPageLeft": true,
	"footerFirstPageRight": true, "internalCode": true, "coverPage": true, "preface": true,
	"preamble": true, "mainBody": true, "paragraph": true, "content": true, "list": true,
	"sublist": true, "point": true, "container": true, "attachments": true, "attachment": true,
	"doc": true, "section": true, "notes": true, "note": true, "formula": true, "alinea": true,
	"intro": true, "wrapUp": true, "blockList": true, "table": true, "tr": true,
}

// skipText tells white space between the children of a structural element.
func (b *treeBuilder) skipText(raw []byte) bool {
	if !structural[b.stack[len(b.stack)-1].name] {
		return false
	}
	for _, c := range raw {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// text adds a text node; raw is its source bytes, text its decoded form.
func (b *treeBuilder) text(raw []byte, text string, off, end int) error {
	if len(b.stack) > 1 && b.skipText(raw) {
		return nil
	}
	if len(b.stack) == 1 {
		if len(bytes.TrimSpace(raw)) > 0 {
			return Errorf(b.data, b.name, off, "invalid XML: text outside the root element")
		}
		return nil
	}
	top := b.stack[len(b.stack)-1]
	n := b.node()
	*n = xnode{text: text, start: off, end: end}
	b.appendKid(top, n)
	return nil
}

// node allocates a node from the builder's arena.
func (b *treeBuilder) node() *xnode {
	if len(b.arena) == 0 {
		b.arena = make([]xnode, max(64, len(b.data)/256))
	}
	n := &b.arena[0]
	b.arena = b.arena[1:]
	return n
}

func (b *treeBuilder) finish() (*xnode, []string, error) {
	if len(b.stack) > 1 {
		top := b.stack[len(b.stack)-1]
		return nil, nil, Errorf(b.data, b.name, len(b.data), "invalid XML: unexpected end of file: <%s> opened at %s is not closed", top.name, b.pos(top.start))
	}
	if b.root == nil {
		return nil, nil, Errorf(b.data, b.name, 0, "invalid XML: no root element")
	}
	// Give every element its kids, all in one array.
	all := make([]*xnode, b.count)
	var link func(*xnode)
	link = func(n *xnode) {
		if n.nkids == 0 {
			return
		}
		n.kids, all = all[:n.nkids:n.nkids], all[n.nkids:]
		i := 0
		for k := n.firstKid; k != nil; k = k.next {
			n.kids[i] = k
			i++
		}
		for _, k := range n.kids {
			link(k)
		}
	}
	link(b.doc)
	return b.root, b.warnings, nil
}

// parseXMLTree reads data into a tree. The fast scanner handles the plain
// XML the UN publishes; anything else (DOCTYPE, CDATA, unusual entities,
// syntax errors) is read by encoding/xml, which also reports the errors.
func parseXMLTree(data []byte, name string) (*xnode, []string, error) {
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, nil, Errorf(data, name, off, "invalid XML: invalid UTF-8")
	}
	b := newTreeBuilder(data, name)
	if err := scanXML(data, b); err == nil {
		return b.finish()
	} else if !errors.Is(err, errFallback) {
		return nil, nil, err
	}
	return parseXMLTreeStd(data, name)
}

// parseXMLTreeStd reads data into a tree with one streaming pass of
// encoding/xml's RawToken; Decoder.InputOffset gives the offsets.
func parseXMLTreeStd(data []byte, name string) (*xnode, []string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	b := newTreeBuilder(data, name)
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			at := int(d.InputOffset())
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, nil, Errorf(data, name, at, "invalid XML: %s", msg)
		}
		end := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			var attrs []xml.Attr
			if len(t.Attr) > 0 {
				attrs = t.Attr
			}
			err = b.start(t.Name.Local, attrs, off)
		case xml.EndElement:
			err = b.end(t.Name.Local, off, end)
		case xml.CharData:
			err = b.text(t, string(t), off, end)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return b.finish()
}

// errFallback tells parseXMLTree to read the input with encoding/xml.
var errFallback = errors.New("not plain XML: read with encoding/xml")

// scanXML is a fast tokenizer for plain XML: elements, attributes, text
// with the predefined and numeric character references, comments and
// processing instructions. It feeds b with exactly the tokens and offsets
// encoding/xml's RawToken would give (TestScanXMLMatchesEncodingXML checks
// this on the corpus, FuzzReadAKN on random input), and returns errFallback
// on anything else, leaving errors to encoding/xml.
func scanXML(data []byte, b *treeBuilder) error {
	if !utf8.Valid(data) || bytes.Contains(data, []byte("\xef\xbf\xbe")) || bytes.Contains(data, []byte("\xef\xbf\xbf")) {
		return errFallback
	}
	n := len(data)
	sdata := string(data) // text without references is a substring of it
	intern := map[string]string{}
	str := func(bs []byte) string {
		if v, ok := intern[string(bs)]; ok {
			return v
		}
		v := string(bs)
		intern[v] = v
		return v
	}
	// text decodes raw (at off), sharing sdata or interned white space.
	text := func(raw []byte, off int) (string, bool) {
		if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, '>') < 0 {
			for _, c := range raw {
				if c < 0x20 && c != '\t' && c != '\n' {
					return "", false
				}
			}
			return sdata[off : off+len(raw)], true
		}
		if len(raw) <= 64 && len(bytes.TrimSpace(raw)) == 0 {
			if v, ok := intern[string(raw)]; ok {
				return v, true
			}
			v, ok := decodeXMLText(raw)
			if ok {
				intern[string(raw)] = v
			}
			return v, ok
		}
		return decodeXMLText(raw)
	}
	var attrs []xml.Attr
	for i := 0; i < n; {
		if data[i] != '<' {
			end := n
			if j := bytes.IndexByte(data[i:], '<'); j >= 0 {
				end = i + j
			}
			raw := data[i:end]
			if b.skipText(raw) {
				i = end
				continue
			}
			t, ok := text(raw, i)
			if !ok {
				return errFallback
			}
			if err := b.text(raw, t, i, end); err != nil {
				return err
			}
			i = end
			continue
		}
		if i+1 >= n {
			return errFallback
		}
		switch data[i+1] {
		case '?':
			j := bytes.Index(data[i+2:], []byte("?>"))
			if j < 0 {
				return errFallback
			}
			pi := data[i+2 : i+2+j]
			if bytes.HasPrefix(pi, []byte("xml")) && bytes.Contains(pi, []byte("encoding")) &&
				!bytes.Contains(bytes.ToLower(pi), []byte("utf-8")) {
				return errFallback
			}
			i += 2 + j + 2
		case '!':
			if !bytes.HasPrefix(data[i:], []byte("<!--")) {
				return errFallback // CDATA, DOCTYPE
			}
			j := bytes.Index(data[i+4:], []byte("-->"))
			if j < 0 || bytes.Contains(data[i+4:i+4+j], []byte("--")) {
				return errFallback
			}
			i += 4 + j + 3
		case '/':
			j := i + 2
			for j < n && isNameByte(data[j]) {
				j++
			}
			name := data[i+2 : j]
			for j < n && isXMLSpace(data[j]) {
				j++
			}
			if len(name) == 0 || !isNameStart(name[0]) || j >= n || data[j] != '>' {
				return errFallback
			}
			if err := b.end(str(localName(name)), i, j+1); err != nil {
				return err
			}
			i = j + 1
		default:
			j := i + 1
			for j < n && isNameByte(data[j]) {
				j++
			}
			name := data[i+1 : j]
			if len(name) == 0 || !isNameStart(name[0]) {
				return errFallback
			}
			attrs = attrs[:0]
			self := false
			for {
				sp := j
				for j < n && isXMLSpace(data[j]) {
					j++
				}
				if j >= n {
					return errFallback
				}
				if data[j] == '>' {
					j++
					break
				}
				if data[j] == '/' {
					if j+1 < n && data[j+1] == '>' {
						j += 2
						self = true
						break
					}
					return errFallback
				}
				if sp == j {
					return errFallback // no space before an attribute
				}
				k := j
				for k < n && isNameByte(data[k]) {
					k++
				}
				an := data[j:k]
				if len(an) == 0 || !isNameStart(an[0]) {
					return errFallback
				}
				for k < n && isXMLSpace(data[k]) {
					k++
				}
				if k >= n || data[k] != '=' {
					return errFallback
				}
				k++
				for k < n && isXMLSpace(data[k]) {
					k++
				}
				if k >= n || (data[k] != '"' && data[k] != '\'') {
					return errFallback
				}
				q := data[k]
				e := bytes.IndexByte(data[k+1:], q)
				if e < 0 {
					return errFallback
				}
				raw := data[k+1 : k+1+e]
				if bytes.IndexByte(raw, '<') >= 0 {
					return errFallback
				}
				val, ok := text(raw, k+1)
				if !ok {
					return errFallback
				}
				nm := xml.Name{Local: str(an)}
				if c := bytes.IndexByte(an, ':'); c >= 0 {
					nm = xml.Name{Space: str(an[:c]), Local: str(an[c+1:])}
				}
				attrs = append(attrs, xml.Attr{Name: nm, Value: val})
				j = k + 1 + e + 1
			}
			local := str(localName(name))
			if err := b.start(local, attrs, i); err != nil {
				return err
			}
			if self {
				if err := b.end(local, j, j); err != nil {
					return err
				}
			}
			i = j
		}
	}
	return nil
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' || c >= utf8.RuneSelf
}

func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// decodeXMLText decodes character references and line ends as encoding/xml
// does; ok is false for anything it would not accept.
func decodeXMLText(raw []byte) (string, bool) {
	plain := true
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' {
			if c != '\r' {
				return "", false
			}
			plain = false
		}
		if c == '&' || c == '>' {
			plain = false
		}
	}
	if plain {
		return string(raw), true
	}
	sb := make([]byte, 0, len(raw))
	last := 0 // raw[last:i] is still to copy
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			sb = append(sb, raw[last:i]...)
			sb = append(sb, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			last = i + 1
		case '>':
			if i >= 2 && raw[i-1] == ']' && raw[i-2] == ']' {
				return "", false
			}
		case '&':
			sb = append(sb, raw[last:i]...)
			j := bytes.IndexByte(raw[i:], ';')
			if j < 0 {
				return "", false
			}
			ent := string(raw[i+1 : i+j])
			switch ent {
			case "amp":
				sb = append(sb, '&')
			case "lt":
				sb = append(sb, '<')
			case "gt":
				sb = append(sb, '>')
			case "quot":
				sb = append(sb, '"')
			case "apos":
				sb = append(sb, '\'')
			default:
				if len(ent) < 2 || ent[0] != '#' {
					return "", false
				}
				var v uint64
				var err error
				if ent[1] == 'x' {
					v, err = strconv.ParseUint(ent[2:], 16, 32)
				} else {
					v, err = strconv.ParseUint(ent[1:], 10, 32)
				}
				r := rune(v)
				if err != nil || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
					return "", false
				}
				sb = utf8.AppendRune(sb, r)
			}
			i += j
			last = i + 1
		}
	}
	sb = append(sb, raw[last:]...)
	return string(sb), true
}

// aknReader builds one Document from a parsed AKN tree.
type aknReader struct {
	data []byte
	doc  *resgraph.Document

	ids                           map[string]int // ids given so far, for "~2"
	nPre, nOpu, nHead, nAnnex     int
	nQuoted                       int
	heads                         []heading      // open headings, outermost first
	annex                         bool           // inside an annex or attachment
	seenNumbered                  bool           // a numbered operative paragraph was read
	top                           int            // index of the paragraph sibling sub-items attach to; -1 for none
	sib                           []string       // item path of the last sibling sub-item under top
	bullets                       map[string]int // sibling bullets per item path under top
	listBullets                   map[int]int    // list bullets per parent paragraph index
	pending                       *pendingNum    // a number whose text is in the next paragraph
	next                          *xnode         // the element after the one being read, in mainBody
	lastNum                       int            // the last operative number read
	posOff, posLine, posLineStart int            // position's cursor: posLine is the line of posOff
	isDraftOrRes, hasMainNumber   bool
}

type heading struct {
	level int
	text  string
}

var (
	reResSymbol  = regexp.MustCompile(`^S/RES/(\d+)\s*\((\d{4})\)$`)
	reISODate    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reMeeting    = regexp.MustCompile(`(\d+)\s*(st|nd|rd|th)\s*(\([Rr]esumption \d+\)\s*)?meeting`)
	rePV         = regexp.MustCompile(`^S/PV\.(\d+)`)
	reChapterVII = regexp.MustCompile(`\bActing\b[^.;]{0,80}?\bChapter VII\b`)
)

var reFileSymbol = regexp.MustCompile(`S_PRST_(\d{4})_(\d+)(?:_(Corr|Add|Rev)\.(\d+))?`)

// symbolFromFileName reads a statement's symbol from a file name such as
// "S_PRST_2000_27_Corr.1-0060049E.xml".
func symbolFromFileName(name string) resgraph.Symbol {
	m := reFileSymbol.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	s := "S/PRST/" + m[1] + "/" + m[2]
	if m[3] != "" {
		s += "/" + m[3] + "." + m[4]
	}
	return resgraph.Symbol(s)
}

// normSymbol normalizes a UN document symbol: "S/RES/2085(2012)" becomes
// "S/RES/2085 (2012)"; spaces are collapsed.
func normSymbol(s string) resgraph.Symbol {
	s = collapse(s)
	if m := reResSymbol.FindStringSubmatch(s); m != nil {
		s = "S/RES/" + m[1] + " (" + m[2] + ")"
	}
	return resgraph.Symbol(s)
}

func (r *aknReader) metadata(stmt *xnode) error {
	doc := r.doc
	if dn := stmt.find("docNumber"); dn != nil {
		doc.Symbol = normSymbol(dn.plain())
	}
	if doc.Symbol == "" {
		// One corrigendum (S/PRST/2000/27/Corr.1) has no docNumber: its
		// file name still tells the symbol.
		if sym := symbolFromFileName(r.doc.Source.File); sym != "" {
			doc.Symbol = sym
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("no coverPage/docNumber: symbol %s taken from the file name", sym))
		}
	}
	if doc.Symbol == "" {
		return fmt.Errorf("no document symbol (coverPage/docNumber): %w", ErrNotCouncilDocument)
	}
	if stmt.attr("name") == "presidentialStatement" && !strings.HasPrefix(string(doc.Symbol), "S/PRST/") {
		// PRST/2007/S_PRST_2007_22 carries the docNumber S/RES/1626 (2005).
		if sym := symbolFromFileName(r.doc.Source.File); sym != "" {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("docNumber %s contradicts the presidential statement it heads: symbol %s taken from the file name", doc.Symbol, sym))
			doc.Symbol = sym
		}
	}
	sym := string(doc.Symbol)
	switch {
	case strings.HasPrefix(sym, "S/RES/"):
		doc.Kind = resgraph.KindResolution
	case strings.HasPrefix(sym, "S/PRST/"):
		doc.Kind = resgraph.KindPresidentialStatement
	default:
		switch stmt.attr("name") {
		case "presidentialStatement":
			doc.Kind = resgraph.KindPresidentialStatement
		case "resolution":
			doc.Kind = resgraph.KindResolution
		default:
			doc.Kind = resgraph.KindDraftResolution
		}
	}
	r.isDraftOrRes = doc.Kind != resgraph.KindPresidentialStatement
	meta := stmt.child("meta")
	if meta == nil {
		meta = &xnode{}
	}
	if lang := meta.find("FRBRlanguage"); lang != nil {
		switch l := lang.attr("language"); l {
		case "eng", "en", "":
		default:
			// S/PRST/2000/25 says "fra" of its English text; the UN
			// publishes these files as its English expressions.
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("FRBRlanguage %q ignored: read as English", l))
		}
	}

	// Date: adoption (FRBRWork) for resolutions and statements, the
	// document's date of issuance otherwise.
	var dates []string
	if w := meta.find("FRBRWork"); w != nil {
		if fd := w.child("FRBRdate"); fd != nil {
			dates = append(dates, fd.attr("date"))
		}
	}
	var issued, adoptedOn string
	for _, dd := range stmt.child("coverPage").findAllOrNil("docDate") {
		switch dd.attr("refersTo") {
		case "#adoptionDate":
			adoptedOn = dd.attr("date")
		default:
			if issued == "" {
				issued = dd.attr("date")
			}
		}
	}
	if doc.Kind == resgraph.KindDraftResolution {
		dates = append([]string{issued}, dates...)
	} else {
		dates = append([]string{adoptedOn}, append(dates, issued)...)
	}
	for _, d := range dates {
		if reISODate.MatchString(d) && d != "0001-01-01" {
			doc.Date = d
			break
		}
	}

	// Workflow: draft symbol, sponsors, meeting, Chapter VII.
	var pv string
	for _, st := range meta.findAll("step", nil) {
		switch strings.ToLower(st.attr("outcome")) {
		case "draftresolution":
			if as := st.attr("as"); as != "" && doc.Kind != resgraph.KindDraftResolution {
				doc.DraftSymbol = normSymbol(as)
			}
			r.sponsors(st.attr("by"))
		case "draftresolutionadditionalsponsors":
			r.sponsors(st.attr("by"))
		case "notadopted", "veto": // failed at the vote, or vetoed
			doc.Status = resgraph.StatusNotAdopted
			fallthrough
		default:
			if strings.Contains(st.attr("refersTo"), "Chapter VII") {
				doc.ChapterVII = true
			}
			if doc.Meeting == "" {
				if m := reMeeting.FindStringSubmatch(st.attr("by")); m != nil {
					doc.Meeting = m[1] + m[2] + " meeting"
				}
			}
			if m := rePV.FindStringSubmatch(st.attr("as")); m != nil && pv == "" {
				pv = m[1]
			}
		}
	}
	if in := stmt.child("coverPage").findOrNil("inline"); in != nil && in.attr("name") == "adoptionMeeting" {
		if m := reMeeting.FindStringSubmatch(in.plain()); m != nil {
			doc.Meeting = m[1] + m[2] + " meeting"
		}
	}
	if doc.Meeting == "" && pv != "" {
		doc.Meeting = pv + ordinalSuffix(pv) + " meeting"
	}

	// Votes.
	for _, c := range meta.findAll("count", nil) {
		if doc.Votes == nil {
			doc.Votes = &resgraph.Votes{}
		}
		n, _ := strconv.Atoi(strings.TrimLeft(c.attr("value"), "0"))
		var vote string
		switch c.attr("refersTo") {
		case "inFavour":
			doc.Votes.For, vote = n, "for"
		case "against":
			doc.Votes.Against, vote = n, "against"
		case "abstaining":
			doc.Votes.Abstaining, vote = n, "abstaining"
		case "absent", "notParticipating":
			vote = "absent"
		default:
			continue
		}
		for _, o := range c.findAll("organization", nil) {
			if m := o.plain(); m != "" {
				doc.Votes.Members = append(doc.Votes.Members, resgraph.MemberVote{Member: m, Vote: vote})
			}
		}
	}

	// Subjects and title.
	seen := map[resgraph.Subject]bool{}
	for _, kw := range meta.findAll("keyword", nil) {
		if kw.attr("refersTo") == "title" {
			if doc.Title == "" {
				doc.Title = collapse(kw.attr("showAs"))
			}
			continue
		}
		s, ok := subject(kw)
		if ok && !seen[s] {
			seen[s] = true
			doc.Subjects = append(doc.Subjects, s)
		}
	}
	if doc.Title == "" {
		if pf := stmt.child("preface"); pf != nil {
			if dt := pf.find("docTitle"); dt != nil {
				doc.Title = dt.plain()
			}
		}
	}
	if doc.Title == "" {
		for _, dt := range stmt.child("coverPage").findAllOrNil("docTitle") {
			if t := dt.plain(); t != "" {
				doc.Title = t
				break
			}
		}
	}
	return nil
}

// sponsors adds the sponsors of a workflow step's "by" attribute, leaving
// out (with a warning) what cannot be a sponsor's name: S/RES/2798 (2025)
// lists "report of the Secretary-General".
func (r *aknReader) sponsors(by string) {
	for _, sp := range splitSponsors(by) {
		first, _ := utf8.DecodeRuneInString(sp)
		if !unicode.IsUpper(first) || strings.ContainsAny(sp, "0123456789") {
			r.doc.Warnings = append(r.doc.Warnings, fmt.Sprintf("sponsor %q in the workflow metadata ignored: not a name", sp))
			continue
		}
		r.doc.Sponsors = append(r.doc.Sponsors, sp)
	}
}

func (n *xnode) findOrNil(name string) *xnode {
	if n == nil {
		return nil
	}
	return n.find(name)
}

func (n *xnode) findAllOrNil(name string) []*xnode {
	if n == nil {
		return nil
	}
	return n.findAll(name, nil)
}

func ordinalSuffix(num string) string {
	n, _ := strconv.Atoi(num)
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// subject maps a classification keyword to a Subject. Agenda items and the
// DHL title are not subjects.
func subject(kw *xnode) (resgraph.Subject, bool) {
	dict := kw.attr("dictionary")
	label := kw.attr("showAs")
	if label == "" {
		label = kw.attr("value")
	}
	switch dict {
	case "UNBIS", "EuroVoc", "DHLAUTH":
	case "UNBIS Thesaurus":
		dict = "UNBIS"
	case "SDGO":
		if v := kw.attr("value"); v != "" {
			label = "SDG " + v
		}
	default:
		return resgraph.Subject{}, false
	}
	label = collapse(strings.ReplaceAll(label, "_", " "))
	if label == "" {
		return resgraph.Subject{}, false
	}
	return resgraph.Subject{Dictionary: dict, Label: label, IRI: kw.attr("href")}, true
}

// andNames are sponsor names that contain " and ", which separates the last
// two names of a list.
var andNames = []string{
	"United Kingdom of Great Britain and Northern Ireland",
	"Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
	"Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
	"Serbia and Montenegro", "Heard Island and McDonald Islands",
}

// splitSponsors splits a sponsor list as printed: "Colombia, France, ...
// United Kingdom of Great Britain and Northern Ireland and United States of
// America".
func splitSponsors(by string) []string {
	by = collapse(by)
	if by == "" {
		return nil
	}
	const mark = "\x00"
	for _, n := range andNames {
		by = strings.ReplaceAll(by, n, strings.ReplaceAll(n, " and ", mark))
	}
	var out []string
	for _, part := range strings.FieldsFunc(by, func(r rune) bool { return r == ',' || r == ';' }) {
		for _, p := range strings.Split(part, " and ") {
			p = strings.TrimSpace(strings.ReplaceAll(p, mark, " and "))
			p = strings.TrimPrefix(p, "and ")
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Body.

var headingLevel = map[string]int{
	"HCh": 1, "H1": 1, "Heading1": 1,
	"H23": 2, "BLUEHeadingH2": 2,
	"H4": 3, "H56": 4,
}

var (
	reOpNum      = regexp.MustCompile(`^(\d+)\s*\.?$`)
	reHeadLabel  = regexp.MustCompile(`^([IVXLC]+|[A-Z])\.?$`)
	reItemLabel  = regexp.MustCompile(`^\(?([a-z]{1,3}|[ivxlc]{1,7}|\d{1,2})[\).]$|^\(([a-z]{1,3}|[ivxlc]{1,7}|\d{1,2})\)$`)
	rePointLabel = regexp.MustCompile(`^\(?([a-z]{1,3}|[ivxlc]{1,7}|[A-Z]|[IVXLC]{1,7}|\d{1,2})[\).]?$`)
	reInlineItem = regexp.MustCompile(`^[\s\x{a0}]*(\((?:[a-z]{1,3}|[ivxlc]{1,7}|\d{1,2})\))\t`)
	reAnnexHead  = regexp.MustCompile(`(?i)^(annex|appendix|attachment|enclosure)\b|\bannex$`)
	reRoman      = regexp.MustCompile(`^[ivxlc]+$`)
	reInlineNum  = regexp.MustCompile(`^(\d{1,3})\.? +(\p{Lu})`)
)

func isBullet(s string) bool {
	switch s {
	case "–", "—", "-", "•", "·", "−", "o", "", "▪", "■", "*":
		return true
	}
	return false
}

func (r *aknReader) body(stmt *xnode) {
	if mb := stmt.child("mainBody"); mb != nil {
		r.hasMainNumber = hasNumbered(mb)
	}
	for _, k := range stmt.kids {
		switch k.name {
		case "preamble":
			r.preamble(k.kids)
		case "mainBody":
			r.heads = nil
			r.mainBody(k.kids)
		case "attachments":
			for _, a := range k.findAll("doc", nil) {
				r.enterAnnex()
				for _, dk := range a.kids {
					switch dk.name {
					case "preamble", "mainBody":
						r.mainBody(dk.kids)
					}
				}
			}
		}
	}
}

// numberedItems tells a block list whose items all carry paragraph numbers.
func numberedItems(bl *xnode) bool {
	n := 0
	for _, c := range bl.kids {
		if c.name == "item" {
			num := c.child("num")
			if num == nil || !reOpNum.MatchString(num.plain()) {
				return false
			}
			n++
		}
	}
	return n > 0
}

func hasNumbered(mb *xnode) bool {
	for _, k := range mb.kids {
		switch k.name {
		case "paragraph":
			if n := k.child("num"); n != nil && reOpNum.MatchString(n.plain()) {
				return true
			}
		case "section":
			if hasNumbered(k) {
				return true
			}
		}
	}
	return false
}

func (r *aknReader) enterAnnex() {
	r.annex = true
	r.heads = nil
	r.top = -1
	r.sib = nil
}

func (r *aknReader) preamble(kids []*xnode) {
	for _, k := range kids {
		switch k.name {
		case "", "formula":
			continue
		case "block":
			// <block name="subheading"> (or, by mistake, name="Whilst welcoming").
			r.heading(k, "", 3)
			continue
		}
		if boldOnly(k) {
			r.heading(k, "", 3)
			continue
		}
		r.preambular(k)
	}
	r.heads = nil // preambular subheadings do not cover the operative part
}

func (r *aknReader) preambular(k *xnode) {
	if bl := k.child("blockList"); bl != nil && numberedItems(bl) {
		// Five resolutions of 2011-2016 hold their first operative
		// paragraphs in a block list of the last preambular container
		// ("Acting under Chapter VII ...: 1. Reiterates ...").
		for _, c := range bl.kids {
			switch c.name {
			case "listIntroduction":
				r.preambular(c)
			case "item":
				var lists []*xnode
				tb := r.collect(c, &lists)
				m := reOpNum.FindStringSubmatch(c.child("num").plain())
				r.numberedFrom(tb, m[1], lists)
			}
		}
		return
	}
	tb := r.collect(k, nil)
	if tb.text == "" {
		return
	}
	r.nPre++
	p := r.para(tb, resgraph.ParaPreambular, fmt.Sprintf("pre%d", r.nPre), "", "")
	p.Lead = leadOf(tb, k.attr("name"))
	r.add(p)
	r.top = -1
}

func (r *aknReader) mainBody(kids []*xnode) {
	defer r.flushPending()
	for i, k := range kids {
		r.next = nil
		for _, n := range kids[i+1:] {
			if n.name != "" {
				r.next = n
				break
			}
		}
		if k.name != "" && r.pending != nil && (k.name != "paragraph" || k.child("num") != nil) {
			r.flushPending()
		}
		switch k.name {
		case "", "num": // a section's num is its heading
			continue
		case "section":
			r.section(k)
		case "paragraph":
			r.paragraph(k)
		case "alinea":
			// Presidential statements: "At the 4131st meeting ... made the
			// following statement": the statement's preamble.
			if r.annex {
				r.unnumbered(k)
			} else {
				r.preambular(k)
			}
		case "container":
			if r.annex {
				r.unnumbered(k)
			} else if rows := k.findAll("tr", nil); len(rows) == 0 {
				rows = nil
				for _, t := range k.findAll("table", nil) {
					rows = t.findAll("tr", rows)
				}
				if len(rows) > 0 {
					r.quotedRows(rows)
					continue
				}
			} else {
				r.quotedRows(rows)
				continue
			}
			r.unnumbered(k)
		case "crossHeading":
			if strings.Contains(k.attr("refersTo"), "preamble") && !r.annex {
				r.preambular(k)
			} else {
				r.heading(k, "", 3)
			}
		default:
			r.unnumbered(k)
		}
	}
}

// quotedRows reads a table in the main body, one paragraph of kind quoted
// per row (kind annex in a resolution): the aide-memoire statements quote earlier texts' agreed language
// in such tables ("Condemns all attacks against civilians in [the affected
// country] ..."), which is not the Council speaking in this document.
func (r *aknReader) quotedRows(rows []*xnode) {
	for _, tr := range rows {
		tb := r.collect(tr, nil)
		if tb.text == "" {
			continue
		}
		if r.isDraftOrRes {
			// a resolution's table in its main body is an annex the file
			// left there (the lists of S/RES/1973 (2011), 1409 (2002))
			r.nAnnex++
			r.add(r.para(tb, resgraph.ParaAnnex, fmt.Sprintf("annex%d", r.nAnnex), "", ""))
			continue
		}
		r.nQuoted++
		r.add(r.para(tb, resgraph.ParaQuoted, fmt.Sprintf("q%d", r.nQuoted), "", ""))
	}
	r.top = -1
}

// section is a part of a multi-part resolution ("A", "B"): a heading; its
// numbering restarts.
func (r *aknReader) section(k *xnode) {
	label := ""
	if n := k.child("num"); n != nil {
		label = n.plain()
	}
	if label != "" {
		r.headingText(k, label, 0)
	}
	r.mainBody(k.kids)
}

func (r *aknReader) paragraph(k *xnode) {
	num := ""
	if n := k.child("num"); n != nil {
		num = n.plain()
	}
	cls := k.attr("class")
	headed := k.child("heading") != nil || k.child("subheading") != nil
	switch {
	case reOpNum.MatchString(num):
		m := reOpNum.FindStringSubmatch(num)
		r.numbered(k, m[1])
	case reItemLabel.MatchString(num):
		r.sibling(k, itemLabel(num))
	case isBullet(num) && num != "":
		r.sibling(k, "•")
	case reHeadLabel.MatchString(num):
		lvl := headingLevel[cls]
		if lvl == 0 {
			lvl = 2
		}
		if tb := r.collect(k, nil); len(tb.text) > 300 {
			r.unnumbered(k)
			return
		}
		r.heading(k, num, lvl)
	case cls == "FootnoteText":
		if tb := r.collect(k, nil); tb.text != "" && len(r.doc.Paragraphs) > 0 {
			p := &r.doc.Paragraphs[len(r.doc.Paragraphs)-1]
			p.Footnotes = append(p.Footnotes, tb.text)
		}
	case headed || headingLevel[cls] > 0 || boldOnly(k):
		tb := r.collect(k, nil)
		if tb.text == "" {
			return
		}
		if r.titleParagraph(tb) {
			return
		}
		if len(tb.text) > 300 && !headed {
			r.unnumbered(k)
			return
		}
		lvl := headingLevel[cls]
		if lvl == 0 {
			lvl = 3
		}
		r.heading(k, num, lvl)
	default:
		r.unnumbered(k)
	}
}

// titleParagraph tells (and records) a statement's title standing as the
// first paragraph of its main body.
func (r *aknReader) titleParagraph(tb *textBuf) bool {
	if len(r.doc.Paragraphs) > 0 || !strings.EqualFold(tb.text, "Statement by the President of the Security Council") {
		return false
	}
	if r.doc.Title == "" {
		r.doc.Title = tb.text
	}
	return true
}

// boldOnly tells a paragraph whose whole text is bold: an unmarked heading.
func boldOnly(k *xnode) bool {
	var bold, other bool
	var walk func(*xnode, bool)
	walk = func(x *xnode, inBold bool) {
		if x.name == "" {
			if strings.TrimSpace(x.text) != "" {
				if inBold {
					bold = true
				} else {
					other = true
				}
			}
			return
		}
		if x.name == "authorialNote" {
			return
		}
		b := inBold || (x.name == "span" && strings.Contains(x.attr("class"), "bold")) || x.name == "b"
		for _, c := range x.kids {
			walk(c, b)
		}
	}
	walk(k, false)
	return bold && !other
}

func (r *aknReader) heading(k *xnode, label string, level int) {
	tb := r.collect(k, nil)
	if tb.text == "" && label == "" {
		return
	}
	r.headingFrom(tb, label, level)
}

// headingText adds a heading made of a label only (a section "A").
func (r *aknReader) headingText(k *xnode, label string, level int) {
	tb := &textBuf{start: -1}
	if n := k.child("num"); n != nil {
		tb.start, tb.end = textSpan(r.data, n)
	}
	tb.text = label
	r.headingFrom(tb, "", level)
}

func (r *aknReader) headingFrom(tb *textBuf, label string, level int) {
	full := tb.text
	if label != "" {
		full = strings.TrimSpace(label + " " + tb.text)
	}
	for len(r.heads) > 0 && r.heads[len(r.heads)-1].level >= level {
		r.heads = r.heads[:len(r.heads)-1]
	}
	if !r.annex && reAnnexHead.MatchString(tb.text) {
		r.enterAnnex()
	}
	r.nHead++
	text := tb.text
	if text == "" {
		text = full
	}
	tb.text = text
	p := r.para(tb, resgraph.ParaHeading, fmt.Sprintf("h%d", r.nHead), "", "")
	r.add(p)
	r.heads = append(r.heads, heading{level: level, text: full})
	// r.top stays: sub-items may follow a heading under their paragraph
	// (S/RES/1856 (2008) paragraph 3).
}

func (r *aknReader) currentSection() string {
	if len(r.heads) == 0 {
		return ""
	}
	return r.heads[len(r.heads)-1].text
}

// numbered reads a paragraph with a printed number and its sub-items.
func (r *aknReader) numbered(k *xnode, number string) {
	var lists []*xnode
	tb := r.collect(k, &lists)
	if tb.text == "" && len(lists) == 0 {
		// "<num>1.</num>" with empty content: the text is in the next
		// paragraph (files of 2000-2003).
		r.pending = &pendingNum{number: number, start: tb.start, end: tb.end}
		return
	}
	r.numberedFrom(tb, number, lists)
}

// flushPending adds a pending number that no text followed, as is.
func (r *aknReader) flushPending() {
	if pn := r.pending; pn != nil {
		r.pending = nil
		tb := &textBuf{start: pn.start, end: pn.end}
		if pn.item != "" {
			tb.text = pn.item
			r.siblingFrom(tb, pn.item, nil)
		} else {
			tb.text = pn.number + "."
			r.numberedFrom(tb, pn.number, nil)
		}
	}
}

type pendingNum struct {
	number     string // a paragraph number, or
	item       string // a sub-item label
	start, end int
}

func (r *aknReader) numberedFrom(tb *textBuf, number string, lists []*xnode) {
	kind, id := resgraph.ParaOperative, "op"+number
	if r.annex {
		r.nAnnex++
		kind, id = resgraph.ParaAnnex, fmt.Sprintf("annex%d", r.nAnnex)
	} else {
		r.seenNumbered = true
		r.lastNum, _ = strconv.Atoi(number)
	}
	p := r.para(tb, kind, id, number, "")
	if kind == resgraph.ParaOperative {
		p.Lead = leadOf(tb, "")
	}
	idx := r.add(p)
	r.top, r.sib, r.bullets = idx, nil, nil
	r.items(lists, idx, "")
}

// items adds the points of lists as sub-items of paragraph parent.
func (r *aknReader) items(lists []*xnode, parent int, prefix string) {
	for _, l := range lists {
		last, lastPath := -1, ""
		numbered := false
		for _, pt := range l.kids {
			if pt.name == "point" && pt.child("num") != nil {
				numbered = true
			}
		}
		for i, pt := range l.kids {
			if pt.name == "sublist" || pt.name == "list" {
				// A sub-list beside the point it belongs to.
				owner, ownerPath := last, lastPath
				if owner < 0 {
					owner, ownerPath = parent, prefix
				}
				for _, c := range pt.kids {
					if c.name == "intro" || c.name == "wrapUp" {
						// Its intro is part of its owner's text.
						if t := r.collect(c, nil).text; t != "" {
							o := &r.doc.Paragraphs[owner]
							o.Text = strings.TrimSpace(o.Text + " " + t)
						}
					}
				}
				r.items([]*xnode{pt}, owner, ownerPath)
				r.extend(parent, owner)
				continue
			}
			if pt.name != "point" && pt.name != "item" {
				continue
			}
			label := ""
			if n := pt.child("num"); n != nil {
				label = n.plain()
			} else if onlyIntro(pt) || numbered || nextIsList(l.kids[i+1:]) {
				// An unnumbered point among numbered ones, or before a
				// sub-list, is a caption within the list ("Root causes of
				// conflict"): part of the owner's text; the sub-list after
				// it continues the owner's.
				if t := r.collect(pt, nil).text; t != "" {
					o := &r.doc.Paragraphs[parent]
					o.Text = strings.TrimSpace(o.Text + " " + t)
				}
				last, lastPath = -1, ""
				continue
			}
			if rePointLabel.MatchString(label) {
				label = itemLabel(label)
			} else {
				// Bullets are numbered per parent, across its lists.
				if r.listBullets == nil {
					r.listBullets = map[int]int{}
				}
				r.listBullets[parent]++
				label = fmt.Sprintf("(-%d)", r.listBullets[parent])
			}
			var sub []*xnode
			tb := r.collect(pt, &sub)
			par := r.doc.Paragraphs[parent]
			path := prefix + label
			p := r.para(tb, par.Kind, baseID(r.doc.Paragraphs, parent, prefix)+path, par.Number, path)
			idx := r.add(p)
			r.extend(parent, idx)
			r.sib = splitPath(path) // sibling paragraphs after the list go on from here
			r.items(sub, idx, path)
			r.extend(parent, idx)
			last, lastPath = idx, path
		}
	}
}

// nextIsList tells whether the first element of kids is a list.
func nextIsList(kids []*xnode) bool {
	for _, k := range kids {
		if k.name != "" {
			return k.name == "sublist" || k.name == "list"
		}
	}
	return false
}

// onlyIntro tells an element whose only child element is an intro.
func onlyIntro(n *xnode) bool {
	seen := false
	for _, k := range n.kids {
		switch k.name {
		case "":
		case "intro":
			seen = true
		default:
			return false
		}
	}
	return seen
}

// baseID is the id of the top-level paragraph owning the item at parent.
func baseID(ps []resgraph.Paragraph, parent int, prefix string) string {
	return strings.TrimSuffix(ps[parent].ID, prefix)
}

// extend widens paragraph i's extent to cover paragraph j.
func (r *aknReader) extend(i, j int) {
	p, q := &r.doc.Paragraphs[i], &r.doc.Paragraphs[j]
	if q.End > p.End {
		p.End = q.End
	}
}

// sibling reads a paragraph whose number is a sub-item label ("(a)") or a
// bullet: the file breaks a list out as sibling paragraphs. It becomes a
// sub-item of the paragraph before it.
func (r *aknReader) sibling(k *xnode, label string) {
	var lists []*xnode
	tb := r.collect(k, &lists)
	if tb.text == "" && len(lists) == 0 {
		// "<num>(e)</num>" with empty content: the text is in the next
		// paragraph (files of 2000-2007).
		r.pending = &pendingNum{item: label, start: tb.start, end: tb.end}
		return
	}
	r.siblingFrom(tb, label, lists)
}

func (r *aknReader) siblingFrom(tb *textBuf, label string, lists []*xnode) {
	if r.top < 0 {
		// No paragraph to attach to (S/RES/1977 (2011) lost paragraphs
		// 1-5 before its "(a)"): a paragraph of its own, with its label.
		r.unnumberedFrom(tb, lists)
		if label == "•" {
			label = "(-1)"
		}
		r.doc.Paragraphs[len(r.doc.Paragraphs)-1].Item = label
		r.top = -1
		return
	}
	r.subItem(tb, r.placeItem(label), lists)
}

// subItem adds tb as the sub-item at path of the current paragraph, with
// the items of its own lists.
func (r *aknReader) subItem(tb *textBuf, path string, lists []*xnode) {
	par := r.doc.Paragraphs[r.top]
	p := r.para(tb, par.Kind, par.ID+path, par.Number, path)
	idx := r.add(p)
	r.extend(r.top, idx)
	r.items(lists, idx, path)
	r.extend(r.top, idx)
}

// placeItem returns the item path of a sibling sub-item labelled label,
// nesting "(i)" under "(a)" but not under "(h)".
func (r *aknReader) placeItem(label string) string {
	if r.bullets == nil {
		r.bullets = map[string]int{}
	}
	var path []string
	switch {
	case label == "•":
		prefix := ""
		if len(r.sib) > 0 && !strings.HasPrefix(r.sib[0], "(-") {
			prefix = strings.Join(r.sib, "")
			if strings.HasPrefix(r.sib[len(r.sib)-1], "(-") {
				prefix = strings.Join(r.sib[:len(r.sib)-1], "")
			}
		}
		var b string
		if prefix == "" {
			// Continue the count of the paragraph's own list bullets.
			if r.listBullets == nil {
				r.listBullets = map[int]int{}
			}
			r.listBullets[r.top]++
			b = fmt.Sprintf("(-%d)", r.listBullets[r.top])
		} else {
			r.bullets[prefix]++
			b = fmt.Sprintf("(-%d)", r.bullets[prefix])
		}
		if prefix == "" {
			path = []string{b}
		} else {
			path = append(splitPath(prefix), b)
		}
	case len(r.sib) == 0:
		path = []string{label}
	case successor(r.sib[0], label):
		path = []string{label}
	case len(r.sib) > 1 && successor(r.sib[1], label):
		path = []string{r.sib[0], label}
	case firstLabel(label) && labelKind(label) != labelKind(r.sib[0]):
		// "(i)" after "(d)", "(a)" after "(ii)": a level down.
		path = []string{r.sib[0], label}
	default:
		path = []string{label}
	}
	r.sib = path
	return strings.Join(path, "")
}

// Item label kinds.
const (
	kindLetter = iota
	kindRoman
	kindDigit
	kindBullet
)

// labelKind tells an item label's kind; "(i)" is roman, "(v)" and "(x)"
// letters (successor tells them apart in context).
func labelKind(l string) int {
	s := strings.Trim(l, "()")
	switch {
	case strings.HasPrefix(s, "-"):
		return kindBullet
	case s != "" && s[0] >= '0' && s[0] <= '9':
		return kindDigit
	case s == "i" || (len(s) > 1 && reRoman.MatchString(s)):
		return kindRoman
	}
	return kindLetter
}

// firstLabel tells the first label of a sequence: "(a)", "(i)", "(1)".
func firstLabel(l string) bool {
	s := strings.Trim(l, "()")
	return s == "a" || s == "i" || s == "1" || s == "A" || s == "I"
}

// successor tells whether cur follows prev in a letter, roman or digit
// sequence: "(h)" then "(i)", "(iv)" then "(v)", "(9)" then "(10)".
func successor(prev, cur string) bool {
	p, c := strings.Trim(prev, "()"), strings.Trim(cur, "()")
	if nextLetter(prev, cur) {
		return true
	}
	if rp, rc := romanValue(p), romanValue(c); rp > 0 && rc == rp+1 {
		return true
	}
	np, err1 := strconv.Atoi(p)
	nc, err2 := strconv.Atoi(c)
	return err1 == nil && err2 == nil && nc == np+1
}

// romanValue is the value of a lower-case roman numeral, or 0.
func romanValue(s string) int {
	if s == "" || !reRoman.MatchString(s) {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

func splitPath(p string) []string {
	var out []string
	for p != "" {
		i := strings.IndexByte(p[1:], '(')
		if i < 0 {
			out = append(out, p)
			break
		}
		out = append(out, p[:i+1])
		p = p[i+1:]
	}
	return out
}

// nextLetter tells whether cur is the letter after prev: "(h)" then "(i)".
func nextLetter(prev, cur string) bool {
	p, c := strings.Trim(prev, "()"), strings.Trim(cur, "()")
	if len(p) == 1 && len(c) == 1 {
		return c[0] == p[0]+1
	}
	return p == "z" && c == "aa"
}

// itemLabel normalizes an item label: "a)", "a." and "(a)" all become "(a)".
func itemLabel(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(strings.TrimLeft(s, "("), ").")
	return "(" + s + ")"
}

// unnumbered reads a paragraph without a printed number.
func (r *aknReader) unnumbered(k *xnode) {
	var lists []*xnode
	tb := r.collect(k, &lists)
	if tb.text == "" {
		return
	}
	if r.titleParagraph(tb) {
		return
	}
	if pn := r.pending; pn != nil {
		r.pending = nil
		if pn.start >= 0 {
			tb.start = pn.start
		}
		if pn.item != "" {
			r.siblingFrom(tb, pn.item, lists)
		} else {
			r.numberedFrom(tb, pn.number, lists)
		}
		return
	}
	if m := reInlineItem.FindStringSubmatch(tb.raw); m != nil && r.top >= 0 {
		// "(a)<tab>To submit ...": a sub-item with its label in the text.
		tb.text = collapse(strings.TrimPrefix(strings.TrimLeft(tb.raw, " \t\r\n\u00a0"), m[1]))
		r.siblingFrom(tb, m[1], lists)
		return
	}
	if isDecoration(tb.text) {
		return
	}
	if m := reInlineNum.FindStringSubmatch(tb.text); m != nil && !r.annex && r.isDraftOrRes && len(lists) == 0 && m[1] == strconv.Itoa(r.lastNum+1) {
		// "7 Further underlines ...": the number of the paragraph is in its
		// text (S/RES/1345 (2001), 1643 (2005), 2328 (2016), 2730 (2024)).
		tb.text = tb.text[len(m[0])-len(m[2]):]
		tb.italic = ""
		r.numberedFrom(tb, m[1], nil)
		return
	}
	if !r.annex && rePartLabel.MatchString(tb.text) {
		r.headingFrom(tb, "", 0)
		return
	}
	if r.plainHeading(tb, lists) {
		r.headingFrom(tb, "", 3)
		return
	}
	if r.continuation(tb, lists) {
		return
	}
	if !r.annex && !r.seenNumbered && r.isDraftOrRes && r.hasMainNumber && preambularLead(tb) {
		// A preambular paragraph left in the main body.
		r.nPre++
		p := r.para(tb, resgraph.ParaPreambular, fmt.Sprintf("pre%d", r.nPre), "", "")
		p.Lead = leadOf(tb, "")
		r.add(p)
		r.top = -1
		return
	}
	r.unnumberedFrom(tb, lists)
}

// isDecoration tells a separator line: "*", "* * *".
func isDecoration(text string) bool {
	return strings.Trim(text, "*-–—_ ") == ""
}

// rePartLabel is the heading of a part of a multi-part resolution ("A").
var rePartLabel = regexp.MustCompile(`^([A-Z]|[IVX]{1,4})\.?$`)

// plainHeading tells an unmarked heading of a resolution's operative part
// ("Drugs trafficking and organized crime"): a short line without a lead
// or end punctuation, right before a numbered paragraph.
func (r *aknReader) plainHeading(tb *textBuf, lists []*xnode) bool {
	if r.annex || !r.isDraftOrRes || len(lists) > 0 || len(tb.text) > 100 || r.next == nil || r.next.name != "paragraph" {
		return false
	}
	n := r.next.child("num")
	if n == nil || !reOpNum.MatchString(n.plain()) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(tb.text)
	last, _ := utf8.DecodeLastRuneInString(tb.text)
	if !unicode.IsUpper(first) || strings.ContainsRune(".;:,", last) || leadOf(tb, "") != "" {
		return false
	}
	return true
}

// continuation joins an unnumbered paragraph that follows a sub-item to
// the paragraph it continues (S/RES/2100 (2013) paragraph 16: "(e) Support
// for humanitarian assistance" then the task in a paragraph of its own): a
// text starting in lower case ends the parent ("and urges ..."); a text
// without a lead of its own continues the sub-item.
func (r *aknReader) continuation(tb *textBuf, lists []*xnode) bool {
	ps := r.doc.Paragraphs
	if r.top < 0 || len(lists) > 0 || len(ps)-1 <= r.top {
		return false
	}
	last := len(ps) - 1
	if ps[last].Item == "" || !strings.HasPrefix(ps[last].ID, ps[r.top].ID) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(tb.text, isLeadSkip))
	target := last
	switch {
	case unicode.IsLower(first):
		target = r.top
	case tb.italic != "" && strings.HasPrefix(strings.TrimLeftFunc(tb.text, isLeadSkip), tb.italic):
		return false // a paragraph of its own ("Requests ...")
	case strings.HasPrefix(strings.TrimLeft(tb.text, "“\"' \t"), "The Security Council "):
		return false // a statement's next paragraph ("“The Security Council also urges ...")
	}
	if target == last && headingItem(ps[last].Text) {
		// "(d) Protection of the United Nations" then "To protect ...": the
		// heading's first unlabelled sub-item, "(d)(-1)" (GUIDE: unlabelled
		// sub-items are keyed by position with a minus sign)
		r.bulletUnder(tb, ps[last].Item, lists)
		return true
	}
	if target == last && unicode.IsUpper(first) {
		if prefix, ok := strings.CutSuffix(ps[last].Item, bulletSuffix(ps[last].Item)); ok && prefix != ps[last].Item && last > 0 && ps[last-1].Item == prefix && headingItem(ps[last-1].Text) {
			r.bulletUnder(tb, prefix, lists) // the heading's next unlabelled sub-item
			return true
		}
	}
	p := &ps[target]
	p.Text = strings.TrimSpace(p.Text + " " + tb.text)
	p.Footnotes = append(p.Footnotes, tb.notes...)
	if tb.end > p.End {
		p.End = tb.end
	}
	r.extend(r.top, target)
	return true
}

// headingItem tells a sub-item that is only a heading: a short line with
// no end punctuation that is not itself a task ("Protection of civilians",
// "Security Sector Reform (SSR)").
func headingItem(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || len(strings.Fields(t)) > 20 || strings.HasPrefix(t, "To ") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".;:,", last)
}

// bulletSuffix returns the last "(-n)" of an item path, or "".
func bulletSuffix(item string) string {
	if k := strings.LastIndex(item, "(-"); k >= 0 && strings.HasSuffix(item, ")") {
		return item[k:]
	}
	return ""
}

// bulletUnder adds tb as the next unlabelled sub-item of the item prefix
// of the current paragraph.
func (r *aknReader) bulletUnder(tb *textBuf, prefix string, lists []*xnode) {
	if r.bullets == nil {
		r.bullets = map[string]int{}
	}
	r.bullets[prefix]++
	r.subItem(tb, fmt.Sprintf("%s(-%d)", prefix, r.bullets[prefix]), lists)
}

func (r *aknReader) unnumberedFrom(tb *textBuf, lists []*xnode) {
	kind, id := resgraph.ParaOperative, ""
	if r.annex {
		r.nAnnex++
		kind, id = resgraph.ParaAnnex, fmt.Sprintf("annex%d", r.nAnnex)
	} else {
		r.nOpu++
		id = fmt.Sprintf("opu%d", r.nOpu)
	}
	p := r.para(tb, kind, id, "", "")
	if kind == resgraph.ParaOperative {
		p.Lead = leadOf(tb, "")
	}
	idx := r.add(p)
	r.top, r.sib, r.bullets = idx, nil, nil
	r.items(lists, idx, "")
}

// preambularWords are preambular leads that do not end in "-ing".
var preambularWords = map[string]bool{
	"Mindful": true, "Aware": true, "Conscious": true, "Convinced": true, "Determined": true,
	"Concerned": true, "Alarmed": true, "Deeply": true, "Gravely": true, "Seriously": true,
	"Cognizant": true, "Desirous": true, "Welcoming": true,
}

func preambularLead(tb *textBuf) bool {
	if tb.italic == "" || !strings.HasPrefix(tb.text, tb.italic) {
		return false
	}
	w, _, _ := strings.Cut(tb.italic, " ")
	return (len(w) > 4 && strings.HasSuffix(w, "ing") && unicode.IsUpper(rune(w[0]))) || preambularWords[w]
}

func (r *aknReader) para(tb *textBuf, kind resgraph.ParaKind, id, number, item string) resgraph.Paragraph {
	p := resgraph.Paragraph{
		ID:        id,
		Kind:      kind,
		Number:    number,
		Item:      item,
		Section:   r.currentSection(),
		Text:      tb.text,
		Start:     tb.start,
		End:       tb.end,
		Footnotes: tb.notes,
	}
	if p.Start < 0 {
		p.Start, p.End = 0, 0
	}
	p.Line, p.Column = r.position(p.Start)
	return p
}

// position is Position(r.data, off), counting lines from the previous
// call's offset when off is past it (offsets mostly grow).
func (r *aknReader) position(off int) (line, col int) {
	if off < r.posOff || off > len(r.data) {
		return Position(r.data, off)
	}
	seg := r.data[r.posOff:off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		r.posLine += n
		r.posLineStart = r.posOff + bytes.LastIndexByte(seg, '\n') + 1
	}
	r.posOff = off
	return r.posLine, off - r.posLineStart + 1
}

func (r *aknReader) add(p resgraph.Paragraph) int {
	if n := r.ids[p.ID]; n > 0 {
		r.ids[p.ID] = n + 1
		p.ID = fmt.Sprintf("%s~%d", p.ID, n+1)
		for r.ids[p.ID] > 0 {
			n++
			p.ID = fmt.Sprintf("%s~%d", strings.Split(p.ID, "~")[0], n+1)
		}
	}
	r.ids[p.ID] = 1
	r.doc.Paragraphs = append(r.doc.Paragraphs, p)
	return len(r.doc.Paragraphs) - 1
}

// chapterVIIFromText sets ChapterVII when a preambular paragraph (or part
// heading) says "Acting under Chapter VII".
func (r *aknReader) chapterVIIFromText() {
	if r.doc.ChapterVII {
		return
	}
	for _, p := range r.doc.Paragraphs {
		if p.Kind == resgraph.ParaAnnex {
			continue
		}
		if actingUnderChapterVII(p.Text) {
			r.doc.ChapterVII = true
			return
		}
	}
}

// actingUnderChapterVII tells a text saying "Acting under Chapter VII"
// (with up to 80 bytes between "Acting" and "Chapter VII").
func actingUnderChapterVII(text string) bool {
	// The regular expression is slow on long texts: look for its literal
	// first.
	i := strings.Index(text, "Chapter VII")
	if i < 0 || !strings.Contains(text, "Acting") {
		return false
	}
	return reChapterVII.MatchString(text)
}

// Text collection.

// textBuf is the text of one paragraph as it is collected.
type textBuf struct {
	b      strings.Builder
	raw    string // uncollapsed text (set by collect)
	text   string // collapsed text (set by collect)
	start  int    // offset of the first non-space character; -1 for none
	end    int    // offset after the last non-space character
	notes  []string
	italic string // the italic span the text starts with
	inItal bool
}

// blockElems end with a space in collected text.
var blockElems = map[string]bool{
	"p": true, "content": true, "intro": true, "wrapUp": true, "heading": true, "subheading": true,
	"td": true, "th": true, "tr": true, "item": true, "blockList": true, "listIntroduction": true,
	"crossHeading": true, "alinea": true, "block": true, "table": true, "point": true,
	"list": true, "sublist": true, "docTitle": true,
}

// collect returns the text of k. With lists non-nil, the points of k's
// lists are left out (they are sub-items) and the lists are appended to
// *lists; the lists' intro and wrap-up stay in the text.
func (r *aknReader) collect(k *xnode, lists *[]*xnode) *textBuf {
	tb := &textBuf{start: -1}
	r.collectInto(k, tb, lists, true)
	tb.raw = tb.b.String()
	tb.text = collapse(tb.raw)
	tb.italic = collapse(tb.italic)
	return tb
}

func (r *aknReader) collectInto(k *xnode, tb *textBuf, lists *[]*xnode, top bool) {
	for _, c := range k.kids {
		switch c.name {
		case "":
			r.addText(tb, c)
			continue
		case "num":
			if top {
				// The number label: part of the paragraph's extent, not its text.
				s, e := textSpan(r.data, c)
				if s >= 0 && (tb.start < 0 || s < tb.start) {
					tb.start = s
					tb.end = max(tb.end, e)
				}
				continue
			}
		case "authorialNote", "note":
			if t := (&aknReader{data: r.data}).collect(c, nil).text; t != "" {
				tb.notes = append(tb.notes, t)
			}
			continue
		case "sup", "noteRef":
			if isMarker(c.plain()) {
				continue
			}
		case "img", "decoration", "meta":
			continue
		case "point":
			if lists != nil {
				// Points straight under the paragraph, after an alinea
				// (S/RES/2662 (2022)): a list of their own.
				if n := len(*lists); n > 0 && (*lists)[n-1].name == "#points" {
					(*lists)[n-1].kids = append((*lists)[n-1].kids, c)
				} else {
					*lists = append(*lists, &xnode{name: "#points", kids: []*xnode{c}})
				}
				continue
			}
		case "list", "sublist", "blockList":
			if lists != nil {
				*lists = append(*lists, c)
				for _, lc := range c.kids {
					if lc.name == "intro" || lc.name == "wrapUp" || lc.name == "listIntroduction" || lc.name == "listWrapUp" {
						r.collectInto(lc, tb, nil, false)
						tb.b.WriteByte(' ')
					} else if lc.name == "" {
						r.addText(tb, lc)
					}
				}
				continue
			}
		case "span", "i":
			if c.name == "i" || strings.Contains(c.attr("class"), "italic") {
				if tb.italic == "" && strings.TrimFunc(tb.b.String(), isLeadSkip) == "" {
					tb.italic = c.plain()
				}
			}
		}
		r.collectInto(c, tb, nil, false)
		if blockElems[c.name] {
			tb.b.WriteByte(' ')
		}
	}
}

func isLeadSkip(r rune) bool {
	return unicode.IsSpace(r) || r == '“' || r == '"' || r == '‘'
}

func isMarker(s string) bool {
	if s == "" {
		return true
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '*' && r != '†' && r != '‡' && r != ',' {
			return false
		}
	}
	return true
}

func (r *aknReader) addText(tb *textBuf, c *xnode) {
	tb.b.WriteString(c.text)
	s, e := rawSpan(r.data, c.start, c.end)
	if s < 0 {
		return
	}
	if tb.start < 0 || s < tb.start {
		tb.start = s
	}
	if e > tb.end {
		tb.end = e
	}
}

// textSpan returns the extent of n's non-space text in data.
func textSpan(data []byte, n *xnode) (start, end int) {
	start = -1
	var walk func(*xnode)
	walk = func(x *xnode) {
		if x.name == "" {
			s, e := rawSpan(data, x.start, x.end)
			if s >= 0 {
				if start < 0 {
					start = s
				}
				end = e
			}
			return
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
	return start, end
}

// rawSpan trims white space from data[start:end], returning -1 when
// nothing is left.
func rawSpan(data []byte, start, end int) (int, int) {
	if start < 0 || end > len(data) || start >= end {
		return -1, -1
	}
	s := start
	for s < end {
		r, size := utf8.DecodeRune(data[s:end])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	if s == end {
		return -1, -1
	}
	e := end
	for e > s {
		r, size := utf8.DecodeLastRune(data[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// collapse collapses runs of white space (unicode.IsSpace) to single
// spaces and trims.
func collapse(s string) string {
	prevSpace := true // a space at the start is one to trim
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ':
				if prevSpace {
					return collapseSlow(s)
				}
				prevSpace = true
			case '\t', '\n', '\r', '\v', '\f':
				return collapseSlow(s)
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return collapseSlow(s)
		}
		prevSpace = false
		i += size
	}
	if prevSpace && s != "" {
		return collapseSlow(s)
	}
	return s
}

func collapseSlow(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				space = true
				i++
				continue
			}
			// A run of ASCII non-space bytes, copied at once.
			j := i + 1
			for j < len(s) {
				d := s[j]
				if d >= utf8.RuneSelf || d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\v' || d == '\f' {
					break
				}
				j++
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// aknLeadAdverbs may follow a lead verb as printed: "Recalling also".
var aknLeadAdverbs = map[string]bool{"also": true, "further": true, "again": true, "strongly": true, "firmly": true}

// leadOf returns a paragraph's lead: the italic span it starts with (or,
// for a preambular container, its name), with the adverbs that follow it.
func leadOf(tb *textBuf, name string) string {
	text := strings.TrimLeftFunc(tb.text, isLeadSkip)
	lead := ""
	switch {
	case tb.italic != "" && strings.HasPrefix(text, tb.italic) && startsUpper(tb.italic):
		// An italic span in lower case is no lead: "notwithstanding", "to advance".
		lead = strings.TrimRightFunc(tb.italic, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	case name != "" && len(text) >= len(name) && strings.EqualFold(text[:len(name)], name):
		lead = text[:len(name)]
	}
	// The plain-text reader's lead tables, on the first words only (a lead
	// has at most 14 words).
	head := text
	if len(head) > 240 {
		if i := strings.LastIndexByte(head[:240], ' '); i > 0 {
			head = head[:i]
		}
	}
	lp := leadPhrase(head)
	if lead == "" {
		return lp
	}
	if len(lp) > len(lead) && strings.HasPrefix(lp, lead) && lp[len(lead)] == ' ' {
		return lp // "Reiterates its demand" where only "Reiterates" is italic
	}
	if len(text) > len(lead) && text[len(lead)] != ' ' {
		return lead // the span ends inside a word or before punctuation
	}
	// The next few words (text is collapsed: single spaces).
	var rest []string
	for r := text[len(lead):]; len(rest) < 4 && r != ""; {
		var w string
		w, r, _ = strings.Cut(strings.TrimPrefix(r, " "), " ")
		rest = append(rest, w)
	}
	for i := 0; i < len(rest); i++ {
		bare := strings.TrimRight(rest[i], ",;:")
		switch {
		case aknLeadAdverbs[bare]:
		case bare == "once" && i+1 < len(rest) && strings.TrimRight(rest[i+1], ",;:") == "again":
			lead += " once"
			i++
			bare = strings.TrimRight(rest[i], ",;:")
			rest[i-1] = bare
		default:
			return lead
		}
		lead += " " + bare
		if bare != rest[i] {
			return lead
		}
	}
	return lead
}
