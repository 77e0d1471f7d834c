package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/resgraph/resgraph"
)

// ReadText reads a plain-text Council document: pdftotext output of a UN PDF
// (with its page headers, footers, job numbers and barcodes), or one of the
// hand-corrected early texts ("82 (1950). Resolution of 25 June 1950",
// "[S/1501]", hard line wraps, inline footnote numbers).
//
// The reader drops page furniture, groups lines into blocks at blank lines,
// rejoins blocks a page break split, and classifies each block: cover,
// preambular or operative paragraph, sub-item, heading, annex, adoption
// trailer or footnote. See docs/reading-text.md for the heuristics.
//
// Bad input (empty, binary, invalid UTF-8, XML) gives a *ParseError; text
// that is not a Council document gives a *ParseError wrapping
// ErrNotCouncilDocument. The cost is linear in the size of data.
func ReadText(data []byte, name string) (*resgraph.Document, error) {
	f, err := DetectFormat(data, name)
	if err != nil {
		return nil, err
	}
	if f != resgraph.FormatText {
		return nil, &ParseError{File: name, Line: 1, Column: 1, Msg: fmt.Sprintf("%s document, not plain text", f)}
	}
	r := txNewTextReader(data, name)
	doc, err := r.read()
	if doc != nil && doc.Status == "" {
		doc.Status = resgraph.DefaultStatus(doc.Kind)
	}
	return doc, err
}

// txTline is one line of the source, trimmed of surrounding white space.
type txTline struct {
	no    int // 1-based line number
	start int // byte offset of the line's first byte
	off   int // byte offset of the first non-space byte
	end   int // byte offset after the last non-space byte
	text  string
	fur   bool // page furniture: header, footer, job number, barcode
}

// txTblock is a run of non-blank lines.
type txTblock struct {
	lines    []txTline
	afterFur bool // page furniture stood between this block and the previous one
}

func (b *txTblock) start() int    { return b.lines[0].off }
func (b *txTblock) end() int      { return b.lines[len(b.lines)-1].end }
func (b *txTblock) first() string { return b.lines[0].text }

type txTextReader struct {
	data  []byte
	name  string
	lines []txTline
	doc   *resgraph.Document
	vocab map[string]uint8 // lower-case words: 1 seen closed, 2 seen hyphenated, 3 both

	footnotes map[int]string // footnote number -> text, early texts
	pageNotes map[int]string // footnotes at the foot of pdftotext pages, below a "_____" rule

	// building state
	mode       int // 0 preamble, 1 operative, 2 annex
	numbered   bool
	top, sub   string         // current headings
	parent     int            // index in doc.Paragraphs of the current parent paragraph, -1 none
	lastItem   int            // index of the last sub-item, -1 none
	levels     []txItemLevelT // open sub-item list levels under parent
	closed     txItemLevelT   // the level last closed, which may go on under the next item
	ids        map[string]int
	nPre, nOpu int
	nHead      int
	nAnnex     int
	trailer    bool
	lastNum    int              // last operative paragraph number
	leadIn     string           // lead of a "Resolves:" line, inherited by the numbered paragraphs after it
	extra      map[int][]string // texts appended to paragraphs, joined at the end
}

func txNewTextReader(data []byte, name string) *txTextReader {
	return &txTextReader{data: data, name: name, parent: -1, lastItem: -1, ids: map[string]int{}}
}

var (
	txReBarcode  = regexp.MustCompile(`^\*\d{5,}\*$`)
	txReJob      = regexp.MustCompile(`^(?:\d{1,3}\s+)?\d{2}-\d{4,5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,3})?$`)
	txRePageNo   = regexp.MustCompile(`^\d{1,3}$`)
	txReHeader   = regexp.MustCompile(`^(?:S/\d{4}/\d+(?:/Rev\.\d+)?|S/RES/\d+\s*\(\d{4}\)|S/PRST/\d{4}/\d+)$`)
	txReNumLabel = regexp.MustCompile(`^(\d{1,3})\s?\.(?:\s+|$)`)
	txReOCRLabel = regexp.MustCompile(`^([0-9lIiLZSO]{1,3})\s?[.,]\s+\p{Lu}`) // OCR: "4, Calls upon", "Z. Demands"
	txReArticle  = regexp.MustCompile(`^(?:Article|ARTICLE|Rule|RULE)\s+(?:\d{1,3}|[IVXL]{1,6})$`)
	txReThereby  = regexp.MustCompile(`^(?:Now,?\s+)?[Tt]herefore\b`)
	txReBullet   = regexp.MustCompile(`^(?:[•·▪■–—−]|-|\x{F0B7})\s+`)
	txReItem     = regexp.MustCompile(`^\(([a-z]{1,4}|[ivxlc]{1,6}|\d{1,2})\)\s*`)
	txReRomanHd  = regexp.MustCompile(`^(?:[IVXL]{1,5}|[A-H])(?:\.\s+\S.*)?$`)
	txReRomanSec = regexp.MustCompile(`^[IVXL]{1,5}\.\s+\S`)
	txReCouncil  = regexp.MustCompile(`^The\s+Security\s+Council\s*[,.:]?$`)
	txReAdopted  = regexp.MustCompile(`^Ad[oa]pted\b`)
	txReMeeting  = regexp.MustCompile(`(\d{1,4})\s*(st|nd|rd|th)_?\s+meeting`)
	txReDate     = regexp.MustCompile(`(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4})`)
	txReTitleA   = regexp.MustCompile(`^(?i:resolution)\s+(\d{1,4})\s*\(([\d\s\-]{4,7})\)`)
	txReRule     = regexp.MustCompile(`^_{8,}$`)
	txRePageNote = regexp.MustCompile(`^(\d{1,3})\s+\S`)
	txReGluedFn  = regexp.MustCompile(`([\p{L}\)\]”"’.,;:])(\d{1,2})([\s,;.:]|$)`)
	txReYearFn   = regexp.MustCompile(`((?:January|February|March|April|May|June|July|August|September|October|November|December),? (?:19|20)\d\d)(\d{1,2})([\s,;.:]|$)`) // "6 April 20122"
	txReTitleN   = regexp.MustCompile(`^(?i:resolution)\s+(\d{1,4})$`)
	txReTitleB   = regexp.MustCompile(`^(\d{1,4})\s*\(([\d\s\-]{4,7})\)\.?\s*(?i:resolution)\b`)
	txReSymbol   = regexp.MustCompile(`S/RES/\d+\s*\(\d{4}\)|S/PRST/\d{4}/\d+|S/\d{4}/\d+(?:/Rev\.\d+)?`)
	txReDraftSym = regexp.MustCompile(`^\[\s*(S/\d+(?:/Rev\.\d+)?)\s*[\]}]`)
	txReFootLine = regexp.MustCompile(`^(\d{1,3})(/)?\s+\S`)
	txReSlashFn  = regexp.MustCompile(`(^|\s)(\d{1,3})/(\s|$)`)
	txReBareFn   = regexp.MustCompile(`(\S)\s+(\d{1,3})([,;:.]?)(\s|$)`)
)

var txMonthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

var txMonths = map[string]int{"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
	"July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12}

func (r *txTextReader) read() (*resgraph.Document, error) {
	r.doc = &resgraph.Document{
		Language:   "en",
		Source:     resgraph.Source{File: r.name, Format: resgraph.FormatText},
		Sponsors:   []string{},
		Paragraphs: []resgraph.Paragraph{},
		Actions:    []resgraph.Action{},
		References: []resgraph.Reference{},
	}
	r.splitLines()
	blocks := r.blocks()
	body := r.bodyStart(blocks)
	if body < 0 {
		off := 0
		if len(r.lines) > 0 {
			off = r.lines[0].off
		}
		return nil, r.notCouncil(off, "no Security Council text found (no \"The Security Council,\" and no numbered or lead paragraph)")
	}
	r.readCover(blocks[:body])
	bodyOff := len(r.data) // where the body starts, for errors
	if body < len(blocks) {
		bodyOff = blocks[body].start()
	}
	if !r.mentionsCouncil() && r.doc.Symbol == "" {
		return nil, r.notCouncil(bodyOff, "no document symbol and no mention of the Security Council")
	}
	r.footnotes = r.collectFootnotes(blocks[body:])
	for n, t := range r.pageNotes {
		if _, ok := r.footnotes[n]; !ok {
			r.footnotes[n] = t
		}
	}
	for i := body; i < len(blocks); i++ {
		if r.trailer {
			r.readTrailer(&blocks[i])
			continue
		}
		r.readBlock(&blocks[i])
	}
	r.flushExtra()
	if len(r.doc.Paragraphs) == 0 {
		return nil, r.notCouncil(bodyOff, "no paragraphs found")
	}
	for i := range r.doc.Paragraphs {
		p := &r.doc.Paragraphs[i]
		if !r.doc.ChapterVII && (p.Kind == resgraph.ParaPreambular || p.Kind == resgraph.ParaOperative) && txActsUnderChapter7(p.Text) {
			r.doc.ChapterVII = true
		}
		p.Line, p.Column = r.position(p.Start)
	}
	if r.doc.Kind == "" {
		r.doc.Kind = resgraph.KindResolution
	}
	return r.doc, nil
}

func (r *txTextReader) notCouncil(off int, msg string) error {
	pe := Errorf(r.data, r.name, off, "%s: %v", msg, ErrNotCouncilDocument)
	pe.Err = ErrNotCouncilDocument
	return pe
}

func (r *txTextReader) mentionsCouncil() bool {
	head := r.data[:min(len(r.data), 1<<16)]
	return strings.Contains(strings.ToLower(string(head)), "security council")
}

// position returns the line and column of off using the line table, in
// O(log n).
func (r *txTextReader) position(off int) (int, int) {
	lo, hi := 0, len(r.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if r.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if len(r.lines) == 0 {
		return 1, 1
	}
	l := r.lines[lo]
	return l.no, off - l.start + 1
}

// splitLines splits the data into trimmed lines and marks page furniture.
func (r *txTextReader) splitLines() {
	s := string(r.data)
	no := 0
	zone, cur := false, -1 // in a footnote zone below a rule; the footnote being read
	for start := 0; start <= len(s); {
		no++
		e := strings.IndexByte(s[start:], '\n')
		end := len(s)
		if e >= 0 {
			end = start + e
		}
		raw := s[start:end]
		lt := strings.TrimLeftFunc(raw, txIsSpaceOrFF)
		t := strings.TrimRightFunc(lt, txIsSpaceOrFF)
		off := start + len(raw) - len(lt)
		l := txTline{no: no, start: start, off: off, end: off + len(t), text: t}
		l.fur = txIsFurniture(t)
		r.lines = append(r.lines, l)
		if txReRule.MatchString(t) {
			r.lines[len(r.lines)-1].fur = true
			zone, cur = true, -1
		} else if zone {
			if l.fur {
				zone = false
			} else if t != "" {
				// A footnote at the foot of the page: "1 S/2012/894." and
				// its wrapped lines.
				r.lines[len(r.lines)-1].fur = true
				if r.pageNotes == nil {
					r.pageNotes = map[int]string{}
				}
				if m := txRePageNote.FindStringSubmatch(t); m != nil {
					cur = txAtoi(m[1])
					r.pageNotes[cur] = strings.TrimSpace(t[len(m[1]):])
				} else if cur >= 0 {
					r.pageNotes[cur] += " " + t
				}
			}
		}
		if e < 0 {
			break
		}
		start = end + 1
	}
}

func txIsSpaceOrFF(c rune) bool { return unicode.IsSpace(c) || c == '\f' || c == '\ufeff' }

func txIsFurniture(t string) bool {
	if t == "" {
		return false
	}
	if len(t) > 40 {
		return false
	}
	return txReBarcode.MatchString(t) || txReJob.MatchString(t) || txRePageNo.MatchString(t) || txReHeader.MatchString(t)
}

// buildVocab records which words the document writes closed and which
// hyphenated, to decide how to rejoin a word broken at a line end.
func (r *txTextReader) buildVocab() {
	r.vocab = map[string]uint8{}
	for _, l := range r.lines {
		t := l.text
		if strings.HasSuffix(t, "-") {
			t = t[:len(t)-1]
		}
		for _, w := range strings.FieldsFunc(t, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' }) {
			w = strings.Trim(w, "-")
			if w == "" {
				continue
			}
			lw := strings.ToLower(w)
			if strings.Contains(lw, "-") {
				r.vocab[strings.ReplaceAll(lw, "-", "")] |= 2
			} else {
				r.vocab[lw] |= 1
			}
		}
	}
}

// blocks groups the non-furniture lines into blocks at blank lines, splits
// blocks where a numbered paragraph or sub-item starts without a blank line,
// and rejoins blocks that a page break split.
func (r *txTextReader) blocks() []txTblock {
	var out []txTblock
	var cur []txTline
	fur := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, txTblock{lines: cur, afterFur: fur})
			cur = nil
			fur = false
		}
	}
	for _, l := range r.lines {
		switch {
		case l.fur:
			flush()
			fur = true
		case l.text == "":
			flush()
		default:
			// A numbered paragraph may follow the previous one without a blank
			// line; sub-items are not split this way, since a wrapped line may
			// well begin with "(ii)" or "-" inside a paragraph.
			if len(cur) > 0 && txStartsNumbered(l.text) && txEndsClause(txTrimMarker(cur[len(cur)-1].text)) {
				flush()
			}
			cur = append(cur, l)
		}
	}
	flush()
	// Rejoin a block split by a page break or a stray blank line: the next
	// block starts in lower case.
	merged := out[:0]
	for _, b := range out {
		if n := len(merged); n > 0 && txContinues(&merged[n-1], &b) {
			merged[n-1].lines = append(merged[n-1].lines, b.lines...)
			continue
		}
		merged = append(merged, b)
	}
	return merged
}

func txStartsNumbered(t string) bool {
	return txReNumLabel.MatchString(t) || txReOCRLabel.MatchString(t)
}

func txStartsParagraph(t string) bool {
	return txReNumLabel.MatchString(t) || txReItem.MatchString(t) || txReOCRLabel.MatchString(t) || txReBullet.MatchString(t)
}

// txOCRNumber reads a paragraph label with OCR confusions: "Z" for 2, "l",
// "I", "i" and "L" for 1, "S" for 5, "O" for 0.
func txOCRNumber(s string) string {
	return strings.Map(func(c rune) rune {
		switch c {
		case 'l', 'I', 'i', 'L':
			return '1'
		case 'Z':
			return '2'
		case 'S':
			return '5'
		case 'O':
			return '0'
		}
		return c
	}, s)
}

func txEndsClause(t string) bool {
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case ';', ':', '.', ',':
		return true
	}
	return false
}

// txContinues tells whether block b txContinues block a across a page break or
// stray blank line.
func txContinues(a, b *txTblock) bool {
	first, _ := utf8.DecodeRuneInString(b.first())
	if txStartsParagraph(b.first()) {
		return false
	}
	if !unicode.IsLower(first) {
		return txContinuesCapital(a, b)
	}
	// After a complete clause and a blank line (no page break), a block in
	// lower case is a list's wrap-up ("and requests ..."), which belongs to
	// the list's parent, not to the last item.
	if !b.afterFur && txEndsClause(txTrimMarker(a.lines[len(a.lines)-1].text)) {
		return false
	}
	return true
}

// txContinuesCapital tells whether a block in capitals continues the block
// before, cut by a stray blank line or page break in mid-sentence: the block
// before is a paragraph (two lines or more) that stops on a word or a hyphen
// ("Secretary-" / "General of the United Nations,"), and this one opens with
// no label, lead or trailer.
func txContinuesCapital(a, b *txTblock) bool {
	last := a.lines[len(a.lines)-1].text
	if len(a.lines) < 2 || last == "" {
		return false
	}
	c, _ := utf8.DecodeLastRuneInString(last)
	if !(unicode.IsLetter(c) || c == '-') {
		return false
	}
	t := b.first()
	if txReAdopted.MatchString(t) || txReRomanHd.MatchString(t) || txIsAnnexHeading(t) ||
		txReArticle.MatchString(t) || txReCouncil.MatchString(t) || txLeadOf(t) != "" {
		return false
	}
	// A short line on its own is a heading, not the rest of a sentence.
	return len(b.lines) > 1 || txEndsClause(t)
}

// bodyStart returns the index of the first body block: the block after "The
// Security Council," or, lacking it, the first numbered or lead paragraph.
func (r *txTextReader) bodyStart(blocks []txTblock) int {
	for i := range blocks {
		if len(blocks[i].lines) == 1 && txReCouncil.MatchString(blocks[i].first()) {
			return i + 1
		}
		if i < 60 && txReCouncil.MatchString(blocks[i].first()) && len(blocks[i].lines) > 1 {
			// "The Security Council," glued to the first paragraph.
			blocks[i].lines = blocks[i].lines[1:]
			return i
		}
	}
	for i := range blocks {
		t := blocks[i].first()
		if txReNumLabel.MatchString(t) || (txLeadOf(t) != "" && !txReAdopted.MatchString(t)) {
			return i
		}
	}
	return -1
}

// readCover reads the symbol, date, kind, sponsors, draft symbol and title
// from the blocks before the body.
func (r *txTextReader) readCover(cover []txTblock) {
	d := r.doc
	var symbol resgraph.Symbol
	numOnly := ""
	for bi := range cover {
		for _, l := range cover[bi].lines {
			t := l.text
			if d.Date == "" {
				if m := txReDate.FindStringSubmatch(t); m != nil {
					d.Date = txIsoDate(m)
				}
			}
			if m := txReTitleN.FindStringSubmatch(t); m != nil && symbol == "" {
				numOnly = m[1] // "Resolution 290": the year comes from the date
			}
			if m := txReTitleA.FindStringSubmatch(t); m != nil && symbol == "" {
				symbol = txResSymbol(m[1], m[2])
			} else if m := txReTitleB.FindStringSubmatch(t); m != nil && symbol == "" {
				symbol = txResSymbol(m[1], m[2])
			}
			if m := txReDraftSym.FindStringSubmatch(t); m != nil {
				d.DraftSymbol = resgraph.Symbol(m[1])
			} else if symbol == "" {
				if m := txReSymbol.FindString(t); m != "" {
					symbol = txNormalizeSymbol(m)
				}
			}
			if m := txReMeeting.FindStringSubmatch(t); m != nil && d.Meeting == "" {
				d.Meeting = m[1] + m[2] + " meeting"
			}
		}
		joined := r.joinLines(cover[bi].lines)
		if i := strings.Index(joined, ": draft resolution"); i >= 0 {
			d.Kind = resgraph.KindDraftResolution
			d.Sponsors = txSplitSponsors(joined[:i])
		} else if strings.HasSuffix(strings.ToLower(joined), "draft resolution") {
			d.Kind = resgraph.KindDraftResolution
		}
	}
	if d.Date == "" {
		d.Date = txFuzzyDate(cover, symbol)
	}
	if symbol == "" && numOnly != "" && len(d.Date) >= 4 {
		symbol = txResSymbol(numOnly, d.Date[:4])
	}
	// The draft's own symbol: the cover symbol; a bracketed symbol of an
	// early text is the draft of the resolution.
	d.Symbol = symbol
	switch {
	case d.Kind == resgraph.KindDraftResolution:
		d.DraftSymbol = ""
	case strings.HasPrefix(string(symbol), "S/PRST/"):
		d.Kind = resgraph.KindPresidentialStatement
	case strings.HasPrefix(string(symbol), "S/RES/"):
		d.Kind = resgraph.KindResolution
	}
}

func txIsoDate(m []string) string {
	day, _ := strconv.Atoi(m[1])
	return fmt.Sprintf("%s-%02d-%02d", m[3], txMonths[m[2]], day)
}

func txResSymbol(num, year string) resgraph.Symbol {
	y := strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, year)
	n, _ := strconv.Atoi(num)
	return resgraph.Symbol(fmt.Sprintf("S/RES/%d (%s)", n, y))
}

func txNormalizeSymbol(s string) resgraph.Symbol {
	if strings.HasPrefix(s, "S/RES/") {
		i := strings.IndexByte(s, '(')
		return resgraph.Symbol(strings.TrimSpace(s[:i]) + " " + s[i:])
	}
	return resgraph.Symbol(s)
}

// txCompoundNames are sponsor names that contain " and ".
var txCompoundNames = []string{
	"United Kingdom of Great Britain and Northern Ireland", "Bosnia and Herzegovina", "Trinidad and Tobago",
	"Antigua and Barbuda", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
	"Sao Tome and Principe", "Serbia and Montenegro", "Turks and Caicos Islands",
	"Heard Island and McDonald Islands", "Wallis and Futuna",
}

// txSplitSponsors splits "Colombia, France, ... United Kingdom of Great
// Britain and Northern Ireland and United States of America".
func txSplitSponsors(s string) []string {
	out := []string{}
	for _, piece := range strings.Split(s, ",") {
		piece = strings.TrimSpace(piece)
		for piece != "" {
			piece = strings.TrimSpace(strings.TrimPrefix(piece, "and "))
			name := piece
			rest := ""
			matched := false
			for _, c := range txCompoundNames {
				if strings.HasPrefix(piece, c) {
					name, rest, matched = c, piece[len(c):], true
					break
				}
			}
			if !matched {
				if i := strings.Index(piece, " and "); i >= 0 {
					name, rest = piece[:i], piece[i:]
				} else {
					rest = ""
				}
			}
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
			piece = strings.TrimSpace(rest)
		}
	}
	return out
}

// joinLines joins a block's lines into one string: white space collapsed,
// words broken at a line end rejoined (see dehyphenate).
func (r *txTextReader) joinLines(lines []txTline) string {
	buf := make([]byte, 0, 80*len(lines))
	for i, l := range lines {
		t := txCollapseSpaces(l.text)
		if i > 0 {
			if n := len(buf); n > 1 && buf[n-1] == '-' {
				if !r.keepHyphen(string(buf[max(0, n-64):]), t) {
					buf = buf[:n-1]
				}
			} else {
				buf = append(buf, ' ')
			}
		}
		buf = append(buf, t...)
	}
	return string(buf)
}

// keepHyphen decides, for "peace-" + "keeping ...", whether the hyphen is part
// of the word. It is kept before a capital ("Secretary-General"), a digit,
// where the document writes the word hyphenated and never closed, or where
// the parts are known to form hyphenated compounds ("non-", "-led").
func (r *txTextReader) keepHyphen(prev, next string) bool {
	i := strings.LastIndexFunc(prev[:len(prev)-1], func(c rune) bool { return !unicode.IsLetter(c) && c != '-' })
	left := prev[i+1 : len(prev)-1]
	if i >= 0 {
		_, size := utf8.DecodeLastRuneInString(prev[:i+1])
		left = prev[i+size : len(prev)-1]
	}
	j := strings.IndexFunc(next, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' })
	right := next
	if j >= 0 {
		right = next[:j]
	}
	if left == "" || right == "" {
		return true
	}
	r0, _ := utf8.DecodeRuneInString(right)
	if unicode.IsUpper(r0) || !unicode.IsLetter(r0) {
		return true
	}
	l0, _ := utf8.DecodeLastRuneInString(left)
	if !unicode.IsLetter(l0) {
		return true
	}
	if strings.Contains(left, "-") { // "follow-up-" style chains
		return true
	}
	if r.vocab == nil {
		r.buildVocab() // only documents with a word broken at a line end need it
	}
	key := strings.ToLower(strings.ReplaceAll(left+right, "-", ""))
	switch r.vocab[key] {
	case 1:
		return false
	case 2:
		return true
	}
	ll, rl := strings.ToLower(left), strings.ToLower(right)
	return txHyphenFirst[ll] || txHyphenSecond[rl]
}

var (
	txHyphenFirst = leadSet("non", "self", "ex", "well", "long", "short", "cross", "so", "follow", "on", "anti",
		"post", "pre", "co-", "mid", "full", "large", "small", "high", "low", "all", "vice",
		"half", "war", "state", "government", "cease", "counter", "inter-", "re", "de", "sub", "ill",
		"hard", "far", "wide", "open", "one", "two", "three", "four", "five", "multi", "semi", "quasi")
	txHyphenSecond = leadSet("based", "led", "building", "making", "taking", "related", "up", "term", "funded",
		"level", "scale", "wide", "affected", "owned", "free", "bound", "ranking", "like", "fire",
		"general", "sharing", "oriented", "sensitive", "specific", "centred",
		"centered", "driven", "run", "appointed", "elect", "designate", "in-chief", "off", "out",
		"over", "down", "time", "born", "border", "armed", "year", "month", "day", "party")
)

func txCollapseSpaces(s string) string {
	if !strings.ContainsAny(s, "\t\f\u00a0") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, txIsSpaceOrFF), " ")
}

// collectFootnotes finds footnote texts of early texts: after the adoption
// trailer ("Adopted at the 473rd meeting ...") lines "9 See Official
// Records ...", and anywhere blocks of "1/ S/24476, annex." lines.
func (r *txTextReader) collectFootnotes(blocks []txTblock) map[int]string {
	notes := map[int]string{}
	after := false
	last := 0
	for bi := range blocks {
		b := &blocks[bi]
		if txReAdopted.MatchString(b.first()) {
			after = true
			continue
		}
		m := txReFootLine.FindStringSubmatch(b.first())
		if m == nil {
			continue
		}
		slash := m[2] == "/"
		if !after && !slash {
			continue
		}
		if txReNumLabel.MatchString(b.first()) {
			continue
		}
		cur := -1
		var text strings.Builder
		put := func() {
			if cur >= 0 {
				notes[cur] = strings.TrimSpace(text.String())
			}
		}
		for _, l := range b.lines {
			if m := txReFootLine.FindStringSubmatch(l.text); m != nil && (m[2] == "/") == slash {
				n, _ := strconv.Atoi(m[1])
				if n > last || (cur < 0 && n > 0) {
					put()
					cur, last = n, n
					text.Reset()
					rest := strings.TrimSpace(l.text[len(m[1])+len(m[2]):])
					text.WriteString(rest)
					continue
				}
			}
			if cur >= 0 {
				text.WriteByte(' ')
				text.WriteString(l.text)
			}
		}
		put()
	}
	return notes
}

// txFnSkipBefore are words after which a number is not a footnote marker.
var txFnSkipBefore = leadSet("and", "or", "to", "of", "paragraph", "paragraphs", "para", "paras", "resolution",
	"resolutions", "article", "articles", "chapter", "annex", "no", "nos", "section", "sections", "item",
	"items", "page", "pages", "p", "pp", "with", "by", "from", "between", "than", "under", "at", "about",
	"some", "over", "within", "in", "on", "for", "rule", "rules", "point", "points", "phase", "the",
	"than", "approximately", "least", "most", "all", "its", "their", "only", "first", "last", "part",
	"parts", "volume", "supplement", "session", "year", "no.", "nos.", "sub-paragraph", "subparagraph",
	"principle", "principles", "protocol", "figure", "table", "number", "numbers", "pursuant", "until")

// stripFootnotes removes footnote markers from text and returns the
// footnote texts they point to, in order.
func (r *txTextReader) stripFootnotes(text string) (string, []string) {
	if len(r.footnotes) == 0 {
		return text, nil
	}
	var notes []string
	if strings.Contains(text, "/") {
		text = txReSlashFn.ReplaceAllStringFunc(text, func(m string) string {
			sm := txReSlashFn.FindStringSubmatch(m)
			n, _ := strconv.Atoi(sm[2])
			if ft, ok := r.footnotes[n]; ok {
				notes = append(notes, ft)
				return sm[1] + sm[3]
			}
			return m
		})
	}
	if len(r.pageNotes) > 0 {
		for _, re := range []*regexp.Regexp{txReGluedFn, txReYearFn} {
			text = re.ReplaceAllStringFunc(text, func(m string) string {
				sm := re.FindStringSubmatch(m)
				if ft, ok := r.pageNotes[txAtoi(sm[2])]; ok {
					notes = append(notes, ft)
					return sm[1] + sm[3]
				}
				return m
			})
		}
	}
	idx := txReBareFn.FindAllStringSubmatchIndex(text, -1)
	if idx == nil {
		return txCollapseSpaces(strings.TrimSpace(text)), notes
	}
	var b strings.Builder
	prev := 0
	for _, ix := range idx {
		n, _ := strconv.Atoi(text[ix[4]:ix[5]])
		ft, ok := r.footnotes[n]
		if !ok {
			continue
		}
		// The word before the number.
		ws := strings.LastIndexFunc(text[:ix[3]], unicode.IsSpace)
		before := strings.ToLower(strings.Trim(text[ws+1:ix[3]], "(),;:"))
		if txFnSkipBefore[before] || txIsNumberWord(before) || txMonths[txTitleCase(before)] > 0 {
			continue
		}
		// The word after it.
		after := strings.TrimSpace(text[ix[7]:])
		if k := strings.IndexFunc(after, unicode.IsSpace); k >= 0 {
			after = after[:k]
		}
		if txMonths[strings.Trim(after, ",.;")] > 0 || txFnSkipAfter[strings.ToLower(strings.Trim(after, ",.;"))] {
			continue
		}
		if ix[4] < prev {
			continue
		}
		b.WriteString(text[prev:ix[3]])
		b.WriteString(text[ix[6]:ix[7]]) // punctuation after the marker
		b.WriteString(text[ix[8]:ix[9]])
		prev = ix[9]
		notes = append(notes, ft)
	}
	b.WriteString(text[prev:])
	return txCollapseSpaces(strings.TrimSpace(b.String())), notes
}

var txFnSkipAfter = leadSet("votes", "vote", "members", "member", "days", "months", "years", "weeks", "hours",
	"per", "percent", "%", "abstention", "abstentions", "and", "to", "or", "states", "countries",
	"persons", "troops", "military", "observers", "officers", "(", "above", "below", "bis")

func txIsNumberWord(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

func txTitleCase(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// readTrailer reads the adoption trailer and what follows: the meeting, and
// nothing else (footnotes were collected before).
func (r *txTextReader) readTrailer(b *txTblock) {
	if r.doc.Meeting == "" {
		for _, l := range b.lines {
			if m := txReMeeting.FindStringSubmatch(l.text); m != nil {
				r.doc.Meeting = m[1] + m[2] + " meeting"
				break
			}
		}
	}
	// An annex printed after the adoption line is still the document's.
	t := b.first()
	if len(b.lines) == 1 && txIsAnnexHeading(t) {
		r.trailer = false
		r.readBlock(b)
	}
}

func txIsAnnexHeading(t string) bool {
	t = strings.TrimSpace(strings.TrimRight(t, ".:"))
	for _, p := range []string{"Annex", "ANNEX", "Appendix", "APPENDIX", "Enclosure", "Attachment"} {
		if t == p || (strings.HasPrefix(t, p+" ") && len(t) <= len(p)+6) {
			return true
		}
	}
	return false
}

// readBlock classifies one body block and adds its paragraphs.
func (r *txTextReader) readBlock(b *txTblock) {
	first := b.first()
	if !strings.ContainsFunc(first, unicode.IsLetter) && !strings.ContainsFunc(first, unicode.IsDigit) {
		return // stray marks: "|", "*"
	}
	if len(b.lines) == 1 && txReCouncil.MatchString(first) {
		return
	}
	// An annex may quote "Adopted ..." lines of its own; the adoption trailer
	// names the meeting.
	if txReAdopted.MatchString(first) && (r.mode != 2 || strings.Contains(r.joinLines(b.lines), "meeting")) {
		r.trailer = true
		r.readTrailer(b)
		return
	}
	if m := txReFootLine.FindStringSubmatch(first); m != nil && m[2] == "/" && r.footnotes != nil {
		if _, ok := r.footnotes[txAtoi(m[1])]; ok {
			return // a footnote block
		}
	}
	if len(b.lines) == 1 && txIsAnnexHeading(first) {
		r.mode = 2
		r.top, r.sub = first, ""
		r.addHeading(b, first, true)
		r.parent, r.lastItem, r.levels = -1, -1, nil
		return
	}
	text, notes := r.stripFootnotes(r.joinLines(b.lines))
	if m := txReNumLabel.FindStringSubmatch(text); m != nil {
		rest := text[len(m[0]):]
		if im := txReItem.FindStringSubmatch(rest); im != nil && im[1] == "a" {
			// "11. (a) Expresses concern ...": a paragraph that is only a list.
			r.addNumbered(b, m[1], "", notes)
			r.addItem(b, im[1], rest[len(im[0]):], nil)
			return
		}
		r.addNumbered(b, m[1], rest, notes)
		return
	}
	if m := txReOCRLabel.FindStringSubmatch(text); m != nil {
		n := txOCRNumber(m[1])
		digits := n == m[1]
		if txAtoi(n) == r.lastNum+1 && (digits || txIsOperativeLead(txLeadOf(text[len(m[0])-1:]))) {
			rest := strings.TrimSpace(strings.TrimLeft(text[len(m[1]):], " .,"))
			r.addNumbered(b, n, rest, notes)
			return
		}
	}
	if m := txReItem.FindStringSubmatch(text); m != nil && r.parent >= 0 {
		r.addItem(b, m[1], text[len(m[0]):], notes)
		return
	}
	if m := txReBullet.FindString(text); m != "" && r.parent >= 0 {
		r.addItem(b, "-", text[len(m):], notes)
		return
	}
	if r.mode == 1 && txReArticle.MatchString(text) {
		// "Article 1" after "... the following terms:": the text of an
		// agreement the resolution approves, kept apart like an annex.
		r.mode = 2
	}
	if r.mode == 0 && txReThereby.MatchString(text) {
		r.addTop(b, resgraph.ParaOperative, "", "", text, notes)
		return
	}
	if r.isLeadIn(text) {
		r.leadIn = txLeadOf(text)
		r.addHeading(b, text, false)
		r.mode = 1
		return
	}
	if r.isHeading(b, text) {
		top := txReRomanHd.MatchString(text)
		if top {
			r.top, r.sub = text, ""
		} else {
			r.sub = text
		}
		r.addHeading(b, text, top)
		return
	}
	lead := txLeadOf(text)
	switch {
	case r.mode == 2:
		r.addTop(b, resgraph.ParaAnnex, "", lead, text, notes)
	case r.mode == 1 && lead != "" && !txIsOperativeLead(lead) && len(r.doc.Paragraphs) > 0 &&
		(r.doc.Paragraphs[len(r.doc.Paragraphs)-1].Kind == resgraph.ParaHeading ||
			r.doc.Paragraphs[len(r.doc.Paragraphs)-1].Kind == resgraph.ParaPreambular):
		// A part ("B") with a preamble of its own: "Gravely concerned ...,".
		r.addTop(b, resgraph.ParaPreambular, "", lead, text, notes)
	case r.mode == 0 && (!txIsOperativeLead(lead) || strings.HasSuffix(text, ",")):
		// A preambular paragraph ends with a comma, even when it opens with a
		// verb in the third person (a drafting slip: "Recalls that ...,").
		if (txReItem.MatchString(text) || txReBullet.MatchString(text)) && len(r.doc.Paragraphs) > 0 {
			r.appendTo(len(r.doc.Paragraphs)-1, b, text, notes)
			return
		}
		r.addTop(b, resgraph.ParaPreambular, "", lead, text, notes)
	case txIsOperativeLead(lead) && (r.mode == 0 || !r.numbered || r.parent < 0):
		r.addTop(b, resgraph.ParaOperative, "", lead, text, notes)
	case r.lastItem >= 0 && txEndsClause(r.tail(r.lastItem)) && r.lastItem == len(r.doc.Paragraphs)-1:
		// Wrap-up text after a list belongs to the list's parent.
		r.appendTo(r.parent, b, text, notes)
	case len(r.doc.Paragraphs) > 0 && (r.numbered || !txEndsClause(r.tail(len(r.doc.Paragraphs)-1))) &&
		r.doc.Paragraphs[len(r.doc.Paragraphs)-1].Kind != resgraph.ParaHeading:
		r.appendTo(len(r.doc.Paragraphs)-1, b, text, notes)
	default:
		r.addTop(b, resgraph.ParaOperative, "", lead, text, notes)
	}
}

func txAtoi(s string) int { n, _ := strconv.Atoi(s); return n }

// txLeadOf returns the lead of a paragraph's text, looking past "The Security
// Council" in texts that open each paragraph with it (resolution 1 (1946)).
func txLeadOf(text string) string {
	// A statement quotes its paragraphs: "The Security Council condemns ...
	text = strings.TrimLeft(text, "\"“‘'")
	if l := leadPhrase(text); l != "" {
		return l
	}
	if rest, ok := strings.CutPrefix(text, "The Security Council "); ok {
		return leadPhrase(rest)
	}
	return ""
}

// txIsOperativeLead tells whether a lead is an operative verb in the third
// person ("Decides", "Calls upon", "Strongly condemns"), not a leadING or
// adjective ("Recalling", "Deeply concerned").
func txIsOperativeLead(lead string) bool {
	if lead == "" {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(lead)) {
		if base, ok := leadVerbForms[w]; ok {
			return w != base && !strings.HasSuffix(w, "ing")
		}
		if leadAdjectives[w] {
			return false
		}
	}
	return false
}

func (r *txTextReader) isHeading(b *txTblock, text string) bool {
	if len(b.lines) > 2 || len(text) > 90 || text == "" {
		return false
	}
	if txReRomanHd.MatchString(text) {
		return !txReRomanSec.MatchString(text) || !txEndsClause(text) || strings.HasSuffix(text, ".")
	}
	c, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(c) {
		return false
	}
	if txEndsClause(text) || strings.HasSuffix(text, ")") && strings.Count(text, " ") < 1 {
		return false
	}
	if leadPhrase(text) != "" || strings.HasPrefix(text, "The Security Council") {
		return false
	}
	return len(strings.Fields(text)) <= 12
}

func (r *txTextReader) uniqueID(id string) string {
	n := r.ids[id]
	r.ids[id] = n + 1
	if n == 0 {
		return id
	}
	return fmt.Sprintf("%s~%d", id, n+1)
}

func (r *txTextReader) section() string {
	if r.sub != "" {
		return r.sub
	}
	return r.top
}

func (r *txTextReader) addHeading(b *txTblock, text string, top bool) {
	r.nHead++
	sec := ""
	if !top {
		sec = r.top
	}
	r.doc.Paragraphs = append(r.doc.Paragraphs, resgraph.Paragraph{
		ID: r.uniqueID(fmt.Sprintf("h%d", r.nHead)), Kind: resgraph.ParaHeading, Section: sec,
		Text: text, Start: b.start(), End: b.end(),
	})
	r.parent, r.lastItem, r.levels = -1, -1, nil
}

func (r *txTextReader) addNumbered(b *txTblock, num, text string, notes []string) {
	kind := resgraph.ParaOperative
	if r.mode == 2 {
		kind = resgraph.ParaAnnex
	} else {
		r.mode = 1
		r.numbered = true
	}
	r.lastNum = txAtoi(num)
	lead := txLeadOf(text)
	if lead == "" && kind == resgraph.ParaOperative {
		lead = r.leadIn
	}
	r.addTop(b, kind, num, lead, text, notes)
}

// isLeadIn tells a lead-in line such as "Resolves:", "Decides as follows:":
// an operative verb with little else, ending in a colon, before numbered
// paragraphs that carry no verb of their own.
func (r *txTextReader) isLeadIn(text string) bool {
	if !strings.HasSuffix(text, ":") || len(strings.Fields(text)) > 5 {
		return false
	}
	lead := txLeadOf(text)
	if !txIsOperativeLead(lead) || !strings.HasPrefix(text, lead) {
		return false
	}
	// Only the verb and a connective: "Calls upon the parties:" opens a list
	// of its own and is a paragraph.
	switch strings.TrimSpace(strings.TrimSuffix(text[len(lead):], ":")) {
	case "", "that", "as follows", "the following":
		return true
	}
	return false
}

func (r *txTextReader) addTop(b *txTblock, kind resgraph.ParaKind, num, lead, text string, notes []string) {
	var id string
	switch kind {
	case resgraph.ParaPreambular:
		r.nPre++
		id = fmt.Sprintf("pre%d", r.nPre)
	case resgraph.ParaOperative:
		r.mode = 1
		if num != "" {
			id = "op" + num
		} else {
			r.nOpu++
			id = fmt.Sprintf("opu%d", r.nOpu)
		}
	case resgraph.ParaAnnex:
		r.nAnnex++
		id = fmt.Sprintf("annex%d", r.nAnnex)
	}
	r.doc.Paragraphs = append(r.doc.Paragraphs, resgraph.Paragraph{
		ID: r.uniqueID(id), Kind: kind, Number: num, Section: r.section(), Lead: lead,
		Text: text, Start: b.start(), End: b.end(), Footnotes: notes,
	})
	if kind == resgraph.ParaPreambular {
		r.parent = -1
	} else {
		r.parent = len(r.doc.Paragraphs) - 1
	}
	r.lastItem, r.levels, r.closed = -1, nil, txItemLevelT{}
}

func (r *txTextReader) addItem(b *txTblock, label, text string, notes []string) {
	p := r.doc.Paragraphs[r.parent]
	depth := r.itemLevel(label)
	var item strings.Builder
	for _, l := range r.levels[:depth+1] {
		item.WriteString("(" + l.label + ")")
	}
	id := p.ID
	if i := strings.IndexByte(id, '~'); i >= 0 {
		id = id[:i] // "op1~2(a)" would not parse back; items hang off the base id
	}
	r.doc.Paragraphs = append(r.doc.Paragraphs, resgraph.Paragraph{
		ID: r.uniqueID(id + item.String()), Kind: p.Kind, Number: p.Number, Item: item.String(), Section: p.Section,
		Text: text, Start: b.start(), End: b.end(), Footnotes: notes,
	})
	r.lastItem = len(r.doc.Paragraphs) - 1
}

// txItemLevelT is one level of nested sub-items: its label kind ('l'
// letter, 'r' roman numeral, 'd' digit, 'b' bullet) and its last label.
type txItemLevelT struct {
	kind  byte
	label string
	count int
}

// itemLevel places a sub-item label in the stack of open list levels and
// returns its depth. A label continues the level whose next label it is
// ("(b)" after "(a)", "(ii)" after "(i)", "(i)" after "(h)"), closing the
// levels below; a list's first label ("(a)", "(i)", "(1)", a bullet) opens
// a nested level; anything else (OCR noise such as "(5)" for "(b)") is a
// sibling of the innermost item.
func (r *txTextReader) itemLevel(label string) int {
	bullet := label == "-"
	label = r.ocrLetter(label)
	for d := len(r.levels) - 1; d >= 0; d-- {
		l := &r.levels[d]
		if (bullet && l.kind == 'b') || (!bullet && txNextLabel(l.kind, l.label) == label) {
			if d+1 < len(r.levels) {
				r.closed = r.levels[d+1]
			}
			r.levels = r.levels[:d+1]
			l.count++
			l.label = label
			if bullet {
				l.label = fmt.Sprintf("-%d", l.count)
			}
			return d
		}
	}
	// A list that goes on under the next item: "(i)" "(a)".."(f)" "(ii)" "(g)".
	if c := r.closed; c.kind != 0 && !bullet && txNextLabel(c.kind, c.label) == label {
		c.label = label
		c.count++
		r.closed = txItemLevelT{}
		r.levels = append(r.levels, c)
		return len(r.levels) - 1
	}
	kind := byte(0)
	switch {
	case bullet:
		kind = 'b'
	case label == "a":
		kind = 'l'
	case label == "i":
		kind = 'r'
	case label == "1":
		kind = 'd'
	}
	if kind != 0 {
		l := txItemLevelT{kind: kind, label: label, count: 1}
		if bullet {
			l.label = "-1"
		}
		r.levels = append(r.levels, l)
		return len(r.levels) - 1
	}
	if len(r.levels) == 0 {
		k := byte('l')
		if label[0] >= '0' && label[0] <= '9' {
			k = 'd'
		} else if txRoman(label) > 0 && len(label) > 1 {
			k = 'r'
		}
		r.levels = append(r.levels, txItemLevelT{kind: k, label: label, count: 1})
		return 0
	}
	d := len(r.levels) - 1
	r.levels[d].label = label
	r.levels[d].count++
	return d
}

// txOCRLetters are digits that OCR reads for letters: "(6)" is "(b)".
var txOCRLetters = map[string][]string{"6": {"b"}, "5": {"b", "s"}, "8": {"g"}, "9": {"g"}, "0": {"o"}, "1": {"l", "i"}}

// ocrLetter reads a digit label as the letter the innermost open letter
// list expects next ("(a)" then "(6)" is "(b)"), unless a digit list is
// open and expects it.
func (r *txTextReader) ocrLetter(label string) string {
	cands := txOCRLetters[label]
	if len(cands) == 0 || len(r.levels) == 0 {
		return label
	}
	for _, l := range r.levels {
		if l.kind == 'd' && txNextLabel('d', l.label) == label {
			return label
		}
	}
	for d := len(r.levels) - 1; d >= 0; d-- {
		l := r.levels[d]
		if l.kind != 'l' && l.kind != 'r' {
			continue
		}
		next := txNextLabel(l.kind, l.label)
		for _, c := range cands {
			if c == next {
				return c
			}
		}
	}
	return label
}

// txNextLabel returns the label after label in a list of the given kind.
func txNextLabel(kind byte, label string) string {
	switch kind {
	case 'l':
		if len(label) == 1 && label[0] < 'z' {
			return string(label[0] + 1)
		}
		if label == "z" {
			return "aa"
		}
		if len(label) == 2 && label[0] == label[1] && label[0] < 'z' {
			return strings.Repeat(string(label[0]+1), 2)
		}
	case 'r':
		if n := txRoman(label); n > 0 {
			return txToRoman(n + 1)
		}
	case 'd':
		return strconv.Itoa(txAtoi(label) + 1)
	}
	return ""
}

var txRomanDigits = []struct {
	v int
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
	{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

func txToRoman(n int) string {
	var b strings.Builder
	for _, d := range txRomanDigits {
		for n >= d.v {
			b.WriteString(d.s)
			n -= d.v
		}
	}
	return b.String()
}

// txRoman returns the value of a lower-case roman numeral, or 0.
func txRoman(s string) int {
	for n := 1; n < 100; n++ {
		if txToRoman(n) == s {
			return n
		}
	}
	return 0
}

// appendTo appends a block's text to paragraph i (a wrap-up after a list,
// a quoted passage, a continuation the page break hid).
func (r *txTextReader) appendTo(i int, b *txTblock, text string, notes []string) {
	p := &r.doc.Paragraphs[i]
	if r.extra == nil {
		r.extra = map[int][]string{}
	}
	r.extra[i] = append(r.extra[i], text)
	p.Footnotes = append(p.Footnotes, notes...)
	if b.end() > p.End {
		p.End = b.end()
	}
}

// flushExtra joins appended texts to their paragraphs once, so appending
// stays linear.
func (r *txTextReader) flushExtra() {
	for i, parts := range r.extra {
		p := &r.doc.Paragraphs[i]
		p.Text = p.Text + " " + strings.Join(parts, " ")
	}
	r.extra = nil
}

// tail returns the last text added to paragraph i.
func (r *txTextReader) tail(i int) string {
	if parts := r.extra[i]; len(parts) > 0 {
		return parts[len(parts)-1]
	}
	return r.doc.Paragraphs[i].Text
}

var txReTrailMarker = regexp.MustCompile(`\s+\d{1,3}/?$`)

// txTrimMarker drops a footnote marker ending a line: "1992; 5" -> "1992;".
func txTrimMarker(t string) string {
	if i := txReTrailMarker.FindStringIndex(t); i != nil && i[0] > 0 {
		return t[:i[0]]
	}
	return t
}

var txReFuzzyDate = regexp.MustCompile(`\b(?:of|on)\s+(\S{1,3})\s+([A-Za-z][A-Za-z\]]{2,9})\.?,?\s+(\S{4})`)

// txFuzzyDate reads an adoption date the OCR garbled ("of 3 Apri] 1991",
// "on 10 Auqust 1993", "of 14 October £964"): the day with OCR digit
// confusions, the month by edit distance, the year from the symbol when the
// printed one is not four digits.
func txFuzzyDate(cover []txTblock, symbol resgraph.Symbol) string {
	symYear := ""
	if i := strings.LastIndexByte(string(symbol), '('); i >= 0 && len(symbol) >= i+6 {
		symYear = string(symbol[i+1 : i+5])
	}
	for bi := range cover {
		for _, l := range cover[bi].lines {
			m := txReFuzzyDate.FindStringSubmatch(l.text)
			if m == nil {
				continue
			}
			day := txAtoi(strings.Map(func(c rune) rune {
				switch c {
				case 'l', 'I', 'i', 'f', 't':
					return '1'
				case 'O', 'o':
					return '0'
				case 'S':
					return '5'
				}
				return c
			}, m[1]))
			if day < 1 || day > 31 {
				continue
			}
			// The closest month within two edits that starts with the same
			// letter; ties go to the earlier month, so the result is stable.
			month, best := 0, 3
			word := strings.ToLower(m[2])
			for n, name := range txMonthNames {
				name = strings.ToLower(name)
				if d := txEditDistance(word, name); d < best && word[0] == name[0] {
					month, best = n+1, d
				}
			}
			year := m[3]
			if _, err := strconv.Atoi(year); err != nil || (symYear != "" && year != symYear) {
				year = symYear
			}
			if month == 0 || year == "" {
				continue
			}
			return fmt.Sprintf("%s-%02d-%02d", year, month, day)
		}
	}
	return ""
}

// txEditDistance is the Levenshtein distance of two short strings.
func txEditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// txActsUnderChapter7 tells whether text says "Acting under Chapter VII"
// (or "acting ... under Chapter VII of the Charter"): "acting" followed,
// within 160 bytes and before a semicolon, by "Chapter VII" (not VIII). It
// scans text once.
func txActsUnderChapter7(text string) bool {
	low := strings.ToLower(text)
	for off := 0; ; {
		i := strings.Index(low[off:], "acting")
		if i < 0 {
			return false
		}
		i += off
		win := low[i:min(len(low), i+160)]
		if k := strings.IndexByte(win, ';'); k >= 0 {
			win = win[:k]
		}
		for w := win; ; {
			j := strings.Index(w, "chapter vii")
			if j < 0 {
				break
			}
			if after := w[j+len("chapter vii"):]; after == "" || after[0] != 'i' {
				if i+j+len("chapter vii") < len(low) && low[i+j+len("chapter vii")] == 'i' {
					w = after
					continue
				}
				return true
			}
			w = w[j+len("chapter vii"):]
		}
		off = i + len("acting")
	}
}
