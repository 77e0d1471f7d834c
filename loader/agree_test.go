package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/resgraph/resgraph"
)

// renderPage renders a document read from AKN as the plain text pdftotext
// would give of its PDF: a cover block (symbol, distribution date, job
// number, barcode), "The Security Council,", the paragraphs with their
// numbers and "(a)" items, lines wrapped at about 80 columns with a word
// hyphenated now and then, and every 50 lines a page break: form feed,
// running header with the symbol, page number and job number.
func renderPage(doc *resgraph.Document) []byte {
	p := &pageWriter{symbol: string(doc.Symbol), job: "12-34567"}
	p.raw("\n\n\nEtpu\n\n")
	p.raw(" United Nations  " + string(doc.Symbol) + "\n\n")
	p.raw("Security Council  Distr.: General \n" + longDate(doc.Date) + " \n \nOriginal: English\n\n")
	p.raw(p.job + " (E)    211212     \n*1234567*   \n\n")
	p.raw("Resolution " + strings.TrimPrefix(string(doc.Symbol), "S/RES/") + "\n\n")
	if doc.Meeting != "" {
		p.raw("Adopted by the Security Council at its " + doc.Meeting + ", on " + longDate(doc.Date) + "\n\n")
	}
	p.raw(" The Security Council,\n\n")
	annex := false
	for _, para := range doc.Paragraphs {
		switch {
		case para.Kind == resgraph.ParaAnnex && !annex:
			annex = true
			p.para("", "Annex")
		}
		switch {
		case para.Kind == resgraph.ParaHeading:
			p.para("", para.Text)
		case strings.HasPrefix(para.Item[max(0, strings.LastIndexByte(para.Item, '(')):], "(-"):
			p.para(" • ", para.Text) // a bullet: "(-1)", "(-2)" in the AKN reader's ids
		case para.Item != "":
			p.para(" "+para.Item[strings.LastIndexByte(para.Item, '('):]+" ", para.Text)
		case para.Number != "":
			p.para(" "+para.Number+". ", para.Text)
		default:
			p.para(" ", para.Text)
		}
	}
	return []byte(p.b.String())
}

type pageWriter struct {
	b      strings.Builder
	symbol string
	job    string
	lines  int // lines on the current page
	page   int
	wraps  int
}

func (p *pageWriter) raw(s string) {
	p.b.WriteString(s)
	p.lines += strings.Count(s, "\n")
}

func (p *pageWriter) line(s string) {
	if p.lines >= 50 {
		p.page++
		if p.page%2 == 1 {
			fmt.Fprintf(&p.b, "\n\n\n%s  \n \n\n%s %d \n \n\n", p.symbol, p.job, p.page+1)
		} else {
			fmt.Fprintf(&p.b, "\n\n\n %s\n \n\n%d %s \n \n\n", p.symbol, p.page+1, p.job)
		}
		p.b.WriteString("\f")
		p.lines = 0
	}
	p.b.WriteString(s)
	p.b.WriteString(" \n")
	p.lines++
}

// para writes one paragraph wrapped at 80 columns, then a blank line.
func (p *pageWriter) para(label, text string) {
	words := strings.Fields(text)
	cur := label
	for i := 0; i < len(words); i++ {
		w := words[i]
		if len(cur)+1+len(w) <= 80 || strings.TrimSpace(cur) == "" {
			if cur != "" && !strings.HasSuffix(cur, " ") {
				cur += " "
			}
			cur += w
			continue
		}
		p.wraps++
		// Now and then hyphenate the word that does not fit.
		if p.wraps%7 == 0 && len(w) >= 10 && isLetters(w) && len(cur)+len(w)/2+2 <= 82 {
			cut := len(w) / 2
			p.line(cur + " " + w[:cut] + "-")
			cur = w[cut:]
			continue
		}
		p.line(cur)
		cur = w
	}
	if strings.TrimSpace(cur) != "" {
		p.line(cur)
	}
	p.raw("\n")
}

func isLetters(w string) bool {
	for _, c := range w {
		if !('a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

func longDate(iso string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return "1 January 2000"
	}
	names := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"}
	return fmt.Sprintf("%d %s %d", d, names[m-1], y)
}

// structure is what the two readers must agree on: the operative numbering
// (the printed numbers, in order), the sub-items of numbered paragraphs, and
// the lead of each numbered paragraph. Unnumbered operative paragraphs are
// counted apart: the AKN reader makes some headings and stray list items
// unnumbered paragraphs (see docs/reading-text.md).
type structure struct {
	numbers    []string
	items      []string
	leads      map[string]string
	texts      map[string]string // lower-case text of each numbered paragraph
	unnumbered int
	stray      int // sub-items outside any numbered paragraph (XML sub-items marked as sibling paragraphs)
}

func structureOf(doc *resgraph.Document) structure {
	s := structure{leads: map[string]string{}, texts: map[string]string{}}
	for _, p := range doc.Paragraphs {
		if p.Kind != resgraph.ParaOperative {
			continue
		}
		if p.Number == "" {
			if p.Item == "" {
				s.unnumbered++
			} else {
				s.stray++
			}
			continue
		}
		if p.Item != "" {
			s.items = append(s.items, p.ID)
			continue
		}
		s.numbers = append(s.numbers, p.Number)
		s.leads[p.ID] = normLead(p.Lead)
		s.texts[p.ID] = normLead(p.Text)
	}
	return s
}

// TestReadersAgree renders every AKN resolution of the corpus as
// pdftotext-like plain text and reads it back with ReadText: operative
// numbering, sub-items and leads must agree with the XML reader for at least
// 99% of resolutions. Leads agree when one is the other's leading words
// (sameLeadVerb), or when the XML reader's lead is not the printed start of
// the paragraph (no italic span, or a span that cuts a word: "Welcome"+"s")
// and the text reader's is.
func TestReadersAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole AKN corpus")
	}
	dir, files := aknCorpusFiles(t)
	var total, agree, aknFailed, leads, leadsExact, unnumberedDiff, defective int
	causes := map[string]int{}
	var examples []string
	for _, rel := range files {
		if strings.HasPrefix(rel, "PRST") || strings.HasPrefix(rel, "Not adopted") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		want, err := ReadAKN(data, rel)
		if err != nil || want.Kind != resgraph.KindResolution {
			aknFailed++
			continue
		}
		total++
		page := renderPage(want)
		got, err := ReadText(page, rel+".txt")
		if err != nil {
			causes["read error"]++
			examples = append(examples, fmt.Sprintf("%s: %v", rel, err))
			continue
		}
		ws, gs := structureOf(want), structureOf(got)
		var why []string
		if fmt.Sprint(ws.numbers) != fmt.Sprint(gs.numbers) {
			why = append(why, "numbering")
			causes["numbering"]++
			examples = append(examples, fmt.Sprintf("%s: numbering\n  xml  %v\n  text %v", rel, ws.numbers, gs.numbers))
		}
		if fmt.Sprint(ws.items) != fmt.Sprint(gs.items) {
			why = append(why, "items")
			causes["items"]++
			examples = append(examples, fmt.Sprintf("%s: items\n  xml  %v\n  text %v", rel, ws.items, gs.items))
		}
		for id, wl := range ws.leads {
			gl, ok := gs.leads[id]
			if !ok {
				continue
			}
			leads++
			if gl == wl {
				leadsExact++
			}
			if !sameLeadVerb(wl, gl) && !(!isWordPrefix(wl, ws.texts[id]) && gl != "" && isWordPrefix(gl, ws.texts[id])) {
				why = append(why, "lead")
				causes["lead"]++
				examples = append(examples, fmt.Sprintf("%s: %s lead xml %q text %q", rel, id, wl, gl))
				break
			}
		}
		switch {
		case len(why) == 0:
			agree++
		case ws.stray > 0 || reSiblingItem.Match(data):
			// The XML marks sub-items as sibling paragraphs (a known defect
			// of the corpus): the XML reader leaves them outside their
			// paragraph, the text reader puts them under it.
			defective++
			for _, w := range why {
				causes[w]--
			}
			causes["xml sub-items as siblings"]++
		}
		if ws.unnumbered != gs.unnumbered {
			unnumberedDiff++
		}
	}
	if total == 0 {
		t.Skip("no AKN resolutions read")
	}
	sort.Strings(examples)
	for _, e := range examples {
		t.Log(e)
	}
	share := float64(agree) / float64(total-defective)
	t.Logf("readers agree on %d of %d resolutions (%.2f%%), leaving out %d whose XML marks sub-items as sibling paragraphs (%.2f%% of all %d); AKN unreadable or not resolutions: %d; disagreements by cause: %v",
		agree, total-defective, 100*share, defective, 100*float64(agree)/float64(total), total, aknFailed, causes)
	t.Logf("unnumbered operative paragraphs counted differently in %d resolutions (not part of the agreement)", unnumberedDiff)
	t.Logf("operative leads: %d compared, %d identical (%.2f%%); the rest differ only in how much of the phrase is kept",
		leads, leadsExact, 100*float64(leadsExact)/float64(max(1, leads)))
	if share < 0.99 {
		t.Errorf("readers agree on %.2f%% of resolutions, want >= 99%%", 100*share)
	}
}

// normLead lower-cases a lead or text and drops its punctuation, so
// "Decides, acting" compares with "decides".
func normLead(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	}), " ")
}

// isWordPrefix tells whether lead is made of the leading words of text.
func isWordPrefix(lead, text string) bool {
	if lead == "" || !strings.HasPrefix(text, lead) {
		return false
	}
	rest := text[len(lead):]
	return rest == "" || !('a' <= rest[0] && rest[0] <= 'z')
}

// reSiblingItem finds a sub-item the XML marks as a paragraph of its own
// (<paragraph><num>(i)</num>...), a known defect of the corpus: the reader of
// the XML has to guess where such items belong.
var reSiblingItem = regexp.MustCompile(`<paragraph\b[^>]*>\s*<num>\s*\((?:[a-z]{1,4}|\d{1,2})\)\s*</num>`)

// sameLeadVerb tells whether two leads agree on the leading verb: one is the
// other's leading words. The AKN reader keeps the italic span ("Expresses",
// "Calls"), the text reader the printed phrase with its fixed complement
// ("Expresses its intention", "Calls upon"); both start with the same verb
// and adverbs.
func sameLeadVerb(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a+" ")
}
