package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

// TestReadAKNCases reads the hand-made cases in testdata/akn: each txtar
// holds an input.xml and the expected document summary (see summarizeAKN).
// Regenerate with go test ./loader -run TestReadAKNCases -update.
func TestReadAKNCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "akn", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no cases in testdata/akn")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in, want := splitGolden(t, raw, "input.xml")
			got := summarizeAKN(in, filepath.Base(f))
			checkGolden(t, f, raw, got, want)
		})
	}
}

// summarizeAKN renders what ReadAKN makes of in: the document's metadata,
// then one line per paragraph ("id kind number item @line:col start-end |
// lead | section | text") with its footnotes, or the error.
func summarizeAKN(in []byte, name string) string {
	doc, err := ReadAKN(in, name)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			return "error (not a *ParseError): " + err.Error() + "\n"
		}
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "doc %s | %s | %s | draft %s | meeting %s | ch7 %v | lang %s\n", doc.Symbol, doc.Kind, doc.Date,
		doc.DraftSymbol, doc.Meeting, doc.ChapterVII, doc.Language)
	fmt.Fprintf(&b, "title %s\n", doc.Title)
	fmt.Fprintf(&b, "sponsors %q\n", doc.Sponsors)
	if v := doc.Votes; v != nil {
		fmt.Fprintf(&b, "votes %d-%d-%d %v\n", v.For, v.Against, v.Abstaining, v.Members)
	}
	for _, s := range doc.Subjects {
		fmt.Fprintf(&b, "subject %s | %s | %s\n", s.Dictionary, s.Label, s.IRI)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w)
	}
	for _, p := range doc.Paragraphs {
		fmt.Fprintf(&b, "%s %s %s %s @%d:%d %d-%d | %s | %s | %s\n", p.ID, p.Kind, p.Number, p.Item, p.Line, p.Column, p.Start, p.End, p.Lead, p.Section, p.Text)
		for _, fn := range p.Footnotes {
			fmt.Fprintf(&b, "  footnote: %s\n", fn)
		}
	}
	return b.String()
}

// readSeedAKN reads the AKN file of the seed's adopted text, resolution
// 2085 (2012) on Mali.
func readSeedAKN(t *testing.T) ([]byte, *resgraph.Document) {
	t.Helper()
	rel := filepath.Join("unxml-sc", "Pre-2020", "2012", "S_RES_2085_N1266067.xml")
	data, err := os.ReadFile(filepath.Join(corpusDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadAKN(data, rel)
	if err != nil {
		t.Fatal(err)
	}
	return data, doc
}

func TestReadAKNSeed(t *testing.T) {
	data, doc := readSeedAKN(t)
	if doc.Symbol != "S/RES/2085 (2012)" || doc.Kind != resgraph.KindResolution || doc.DraftSymbol != "S/2012/946" ||
		doc.Date != "2012-12-20" || doc.Meeting != "6898th meeting" || !doc.ChapterVII || doc.Language != "en" {
		t.Errorf("metadata: symbol %q kind %q draft %q date %q meeting %q ch7 %v lang %q",
			doc.Symbol, doc.Kind, doc.DraftSymbol, doc.Date, doc.Meeting, doc.ChapterVII, doc.Language)
	}
	wantSponsors := []string{"Colombia", "France", "Germany", "Luxembourg", "Morocco", "Portugal", "South Africa", "Togo",
		"United Kingdom of Great Britain and Northern Ireland", "United States of America"}
	if fmt.Sprint(doc.Sponsors) != fmt.Sprint(wantSponsors) {
		t.Errorf("sponsors %q, want %q", doc.Sponsors, wantSponsors)
	}
	if v := doc.Votes; v == nil || v.For != 15 || v.Against != 0 || v.Abstaining != 0 || len(v.Members) != 15 || v.Members[0] != (resgraph.MemberVote{Member: "AZERBAIJAN", Vote: "for"}) {
		t.Errorf("votes %+v", doc.Votes)
	}
	if !strings.HasPrefix(doc.Title, "Security Council resolution 2085 (2012) [on authorization of the deployment") {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Source.Format != resgraph.FormatAKN || len(doc.Source.SHA256) != 64 {
		t.Errorf("source %+v", doc.Source)
	}
	subjects := map[string]int{}
	for _, s := range doc.Subjects {
		subjects[s.Dictionary]++
	}
	for _, d := range []string{"UNBIS", "EuroVoc", "SDGO", "DHLAUTH"} {
		if subjects[d] == 0 {
			t.Errorf("no %s subject: %v", d, subjects)
		}
	}

	byID := map[string]resgraph.Paragraph{}
	var pre, ops int
	var headings []string
	for _, p := range doc.Paragraphs {
		byID[p.ID] = p
		switch {
		case p.Kind == resgraph.ParaPreambular:
			pre++
		case p.Kind == resgraph.ParaOperative && p.Item == "":
			ops++
			if p.ID != "op"+p.Number || p.Number != fmt.Sprint(ops) {
				t.Errorf("operative paragraph %d: id %s number %s", ops, p.ID, p.Number)
			}
		case p.Kind == resgraph.ParaHeading:
			headings = append(headings, p.Text)
		}
		if l, c := Position(data, p.Start); l != p.Line || c != p.Column {
			t.Errorf("%s: at %d:%d, Position says %d:%d", p.ID, p.Line, p.Column, l, c)
		}
	}
	if pre != 16 || ops != 25 {
		t.Errorf("%d preambular, %d operative paragraphs; want 16, 25", pre, ops)
	}
	wantHeadings := "Political process|Security process|Training of Malian forces|Deployment of AFISMA|International support|Human rights|Funding|United Nations presence and reporting"
	if got := strings.Join(headings, "|"); got != wantHeadings {
		t.Errorf("headings %s", got)
	}
	for _, it := range []string{"a", "b", "c", "d", "e", "f"} {
		p, ok := byID["op9("+it+")"]
		if !ok || p.Number != "9" || p.Item != "("+it+")" || p.Section != "Deployment of AFISMA" || !strings.HasPrefix(p.Text, "To ") {
			t.Errorf("op9(%s): %+v", it, p)
		}
	}
	if _, ok := byID["op9(g)"]; ok {
		t.Error("op9 has a sub-item (g)")
	}
	checks := []struct{ id, lead, section, text string }{
		{"pre1", "Recalling", "", "Recalling its resolutions 2056 (2012) and 2071 (2012), its Presidential Statements of 26 March 2012 (S/PRST/2012/7),"},
		{"pre4", "Condemning strongly", "", "Condemning strongly the continued interference"},
		{"pre16", "Acting", "", "Acting under Chapter VII of the Charter of the United Nations,"},
		{"op1", "Urges", "I. Political process", "Urges the transitional authorities of Mali, consistent with"},
		{"op5", "Calls upon", "I. Political process", "Calls upon all Member States"},
		{"op6", "Emphasises", "Training of Malian forces", "Emphasises that the consolidation"},
		{"op9", "Decides", "Deployment of AFISMA", "Decides to authorize the deployment of an African-led International Support Mission in Mali (AFISMA) for an initial period of one year, which shall take all necessary measures, in compliance with applicable international humanitarian law and human rights law and in full respect of the sovereignty, territorial integrity and unity of Mali to carry out the following tasks:"},
		{"op21", "Expresses its intention", "Funding", "Expresses its intention to consider"},
		{"op25", "Decides", "United Nations presence and reporting", "Decides to remain actively seized of the matter."},
	}
	for _, c := range checks {
		p := byID[c.id]
		if p.Lead != c.lead || p.Section != c.section || !strings.HasPrefix(p.Text, c.text) {
			t.Errorf("%s: lead %q section %q text %.80q; want %q %q %.80q", c.id, p.Lead, p.Section, p.Text, c.lead, c.section, c.text)
		}
	}
	// Offsets: a numbered paragraph's extent runs from its number label to
	// its last character, covering its sub-items.
	op9, op9f := byID["op9"], byID["op9(f)"]
	if got := string(data[op9.Start : op9.Start+2]); got != "9." {
		t.Errorf("op9 starts at %q", got)
	}
	if op9.End != op9f.End || !strings.HasSuffix(string(data[op9f.Start:op9f.End]), "security and movement of its personnel;") {
		t.Errorf("op9 ends at %d, op9(f) %d-%d: %q", op9.End, op9f.Start, op9f.End, data[op9f.Start:op9f.End])
	}
	if got := string(data[byID["op9(a)"].Start:][:3]); got != "(a)" {
		t.Errorf("op9(a) starts at %q", got)
	}
	if got := string(data[byID["pre1"].Start:byID["pre1"].End]); !strings.HasPrefix(got, `Recalling</span> its`) || !strings.HasSuffix(got, "on Mali,") {
		t.Errorf("pre1 extent %q", got)
	}
}

func TestReadAKNErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "x.xml:1:1: empty file"},
		{"  \n", "x.xml:1:1: empty file"},
		{"<akomaNtoso><statement>", "x.xml:1:24: invalid XML: unexpected end of file: <statement> opened at 1:13 is not closed"},
		{"<akomaNtoso>\n<statement name=resolution>", "x.xml:2:18: invalid XML: unquoted or missing attribute value in element"},
		{"<akomaNtoso></akomaNtoso><x/>", "x.xml:1:26: invalid XML: second root element <x>"},
		{"<akomaNtoso><statement/></akomaNtoso>", "x.xml:1:13: no document symbol (coverPage/docNumber): not a Security Council document"},
		{"<TEI><text/></TEI>", "x.xml:1:1: not Akoma Ntoso: root element <TEI>: not a Security Council document"},
		{"\xff<akomaNtoso/>", "x.xml:1:1: invalid XML: invalid UTF-8"},
	} {
		_, err := ReadAKN([]byte(c.in), "x.xml")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ReadAKN(%q): error %v is not a *ParseError", c.in, err)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("ReadAKN(%q):\n got %s\nwant %s", c.in, err, c.want)
		}
	}
	_, err := ReadAKN([]byte("<html/>"), "x.xml")
	if !errors.Is(err, ErrNotCouncilDocument) && !strings.Contains(err.Error(), ErrNotCouncilDocument.Error()) {
		t.Errorf("not AKN: %v", err)
	}
}

func TestSplitSponsorsAKN(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "[]",
		"Brazil":                          "[Brazil]",
		"France and United Arab Emirates": "[France United Arab Emirates]",
		"Albania, Antigua and Barbuda, United Kingdom of Great Britain and Northern Ireland and United States of America": "[Albania Antigua and Barbuda United Kingdom of Great Britain and Northern Ireland United States of America]",
		"Russian Federation, Sudan and Bolivarian Republic of Venezuela":                                                  "[Russian Federation Sudan Bolivarian Republic of Venezuela]",
	} {
		if got := fmt.Sprint(splitSponsors(in)); got != want {
			t.Errorf("splitSponsors(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLeadOfAKN(t *testing.T) {
	for _, c := range []struct{ italic, text, name, want string }{
		{"Recalling", "Recalling also its resolution", "", "Recalling also"},
		{"Decides", "Decides further that", "", "Decides further"},
		{"Decides", "Decides, further, that", "", "Decides"},
		{"Reaffirms", "Reaffirms once again its", "", "Reaffirms once again"},
		{"Condemns", "Condemns strongly the attack", "", "Condemns strongly"},
		{"Urges", "Urges the parties", "", "Urges"},
		{"", "Taking note of the report", "Taking note of", "Taking note of"},
		{"", "The Security Council welcomes", "", ""},
		{"Decide", "Decides to act", "", "Decide"},
	} {
		tb := &textBuf{italic: c.italic, text: c.text}
		if got := leadOf(tb, c.name); got != c.want {
			t.Errorf("leadOf(%q, %q) = %q, want %q", c.italic, c.text, got, c.want)
		}
	}
}
