package loader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

func readSeed(t testing.TB) ([]byte, *resgraph.Document) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "data", "S_2012_946.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadText(data, "S_2012_946.txt")
	if err != nil {
		t.Fatalf("ReadText(seed): %v", err)
	}
	return data, doc
}

// TestReadTextSeed checks the seed, the draft of resolution 2085 (2012), as
// pdftotext prints it: cover data, 16 preambular and 25 operative
// paragraphs, the sub-items of paragraph 9, the headings and sections.
func TestReadTextSeed(t *testing.T) {
	data, doc := readSeed(t)
	if doc.Symbol != "S/2012/946" || doc.Kind != resgraph.KindDraftResolution || doc.Date != "2012-12-20" ||
		!doc.ChapterVII || doc.Language != "en" {
		t.Errorf("cover: symbol %q kind %q date %q chapterVII %v language %q", doc.Symbol, doc.Kind, doc.Date, doc.ChapterVII, doc.Language)
	}
	wantSponsors := []string{"Colombia", "France", "Germany", "Luxembourg", "Morocco", "Portugal", "South Africa", "Togo",
		"United Kingdom of Great Britain and Northern Ireland", "United States of America"}
	if fmt.Sprint(doc.Sponsors) != fmt.Sprint(wantSponsors) {
		t.Errorf("sponsors = %q\nwant %q", doc.Sponsors, wantSponsors)
	}
	var pre, ops int
	var items, heads []string
	byID := map[string]resgraph.Paragraph{}
	for _, p := range doc.Paragraphs {
		byID[p.ID] = p
		switch {
		case p.Kind == resgraph.ParaPreambular:
			pre++
		case p.Kind == resgraph.ParaOperative && p.Item == "":
			ops++
			if p.ID != "op"+p.Number {
				t.Errorf("operative paragraph %q has id %q", p.Number, p.ID)
			}
		case p.Kind == resgraph.ParaOperative:
			items = append(items, p.ID)
		case p.Kind == resgraph.ParaHeading:
			heads = append(heads, p.Section+" > "+p.Text)
		}
		if p.Start < 0 || p.End > len(data) || p.Start >= p.End {
			t.Errorf("%s: bad offsets %d..%d", p.ID, p.Start, p.End)
			continue
		}
		if line, col := Position(data, p.Start); line != p.Line || col != p.Column {
			t.Errorf("%s: line:col %d:%d, Position says %d:%d", p.ID, p.Line, p.Column, line, col)
		}
		src := string(data[p.Start:p.End])
		label := p.Number + "."
		if p.Item != "" {
			label = p.Item[strings.LastIndexByte(p.Item, '('):]
		}
		if p.Kind == resgraph.ParaHeading || p.Kind == resgraph.ParaPreambular {
			label = p.Text[:min(8, len(p.Text))]
		}
		if !strings.HasPrefix(src, label) {
			t.Errorf("%s: source at Start begins %q, want %q", p.ID, src[:min(len(src), 20)], label)
		}
	}
	if pre != 16 || ops != 25 {
		t.Errorf("got %d preambular and %d operative paragraphs, want 16 and 25", pre, ops)
	}
	if want := "[op9(a) op9(b) op9(c) op9(d) op9(e) op9(f)]"; fmt.Sprint(items) != want {
		t.Errorf("sub-items %v, want %s", items, want)
	}
	wantHeads := []string{" > I. Political process", " > II. Security process",
		"II. Security process > Training of Malian forces", "II. Security process > Deployment of AFISMA",
		"II. Security process > International support", "II. Security process > Human rights",
		"II. Security process > Funding", "II. Security process > United Nations presence and reporting"}
	if fmt.Sprint(heads) != fmt.Sprint(wantHeads) {
		t.Errorf("headings\n got %q\nwant %q", heads, wantHeads)
	}
	for id, want := range map[string]struct{ lead, section, text string }{
		"pre1":   {"Recalling", "", "Recalling its resolutions 2056 (2012) and 2071 (2012), its Presidential Statements"},
		"pre4":   {"Condemning strongly", "", "Condemning strongly the continued interference"},
		"pre5":   {"Remaining seriously concerned", "", "Remaining seriously concerned over"},
		"pre10":  {"Welcoming", "", "Welcoming the appointment of Romano Prodi as Special Envoy of the Secretary General for the Sahel"},
		"pre16":  {"Acting", "", "Acting under Chapter VII of the Charter of the United Nations,"},
		"op1":    {"Urges", "I. Political process", "Urges the transitional authorities of Mali, consistent with the Framework agreement"},
		"op5":    {"Calls upon", "I. Political process", "Calls upon all Member States"},
		"op8":    {"Takes note", "Training of Malian forces", "Takes note of the commitment"},
		"op9":    {"Decides", "Deployment of AFISMA", "Decides to authorize the deployment of an African-led International Support Mission in Mali (AFISMA)"},
		"op9(c)": {"", "Deployment of AFISMA", "To transition to stabilisation activities"},
		"op21":   {"Expresses its intention", "Funding", "Expresses its intention to consider the provision of a voluntary and a United Nations-funded logistics"},
		"op25":   {"Decides", "United Nations presence and reporting", "Decides to remain actively seized of the matter."},
	} {
		p, ok := byID[id]
		if !ok {
			t.Errorf("no paragraph %s", id)
			continue
		}
		if p.Lead != want.lead || p.Section != want.section || !strings.HasPrefix(p.Text, want.text) {
			t.Errorf("%s: lead %q section %q text %.90q\nwant lead %q section %q text %q", id, p.Lead, p.Section, p.Text, want.lead, want.section, want.text)
		}
	}
	// Page furniture and hyphenation inside paragraphs.
	for _, p := range doc.Paragraphs {
		for _, bad := range []string{"12-66061", "S/2012/946", "*1266061*", "\f", "  ", "Secretary- General"} {
			if strings.Contains(p.Text, bad) {
				t.Errorf("%s: text contains %q: %.100q", p.ID, bad, p.Text)
			}
		}
	}
	if p := byID["op1"]; !strings.Contains(p.Text, "to fully restore constitutional order") {
		t.Errorf("op1 not rejoined across the page break: %q", p.Text)
	}
	if p := byID["pre10"]; !strings.Contains(p.Text, "Special Representative of the Secretary-General for West Africa") {
		t.Errorf("pre10: Secretary-\\nGeneral not rejoined with its hyphen: %q", p.Text)
	}
}

// TestReadTextErrors checks that bad input gives a one-line error naming
// file and line:column, and that non-Council text wraps
// ErrNotCouncilDocument.
func TestReadTextErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		notCouncil     bool
	}{
		{"empty", "", "empty.txt:1:1: empty file", false},
		{"blank", "\n \n\t\n", "blank.txt:1:1: empty file", false},
		{"binary", "The Security Council,\n\x00\x01", "binary.txt:2:1: binary file (NUL byte)", false},
		{"utf8", "The Security Council,\n\nRecalling \xff\xfe", "utf8.txt:3:11: invalid UTF-8", false},
		{"xml", "<?xml version=\"1.0\"?><foo/>", "xml.txt:1:1: XML that is not Akoma Ntoso", false},
		{"akn", "<akomaNtoso><statement/></akomaNtoso>", "akn.txt:1:1: akn document, not plain text", false},
		{"recipe", "Pancakes\n\nMix flour and eggs.\n", "recipe.txt:1:1: no Security Council text found", true},
		{"letter", "Dear Sir,\n\nRecalling our meeting, I write to you.\n", "letter.txt:3:1: no document symbol and no mention of the Security Council", true},
	}
	for _, tt := range tests {
		_, err := ReadText([]byte(tt.in), tt.name+".txt")
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q, want prefix %q on one line", tt.name, err, tt.want)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error %T is not a *ParseError", tt.name, err)
		}
		if got := errors.Is(err, ErrNotCouncilDocument); got != tt.notCouncil {
			t.Errorf("%s: errors.Is(err, ErrNotCouncilDocument) = %v, want %v", tt.name, got, tt.notCouncil)
		}
	}
}

// TestKeepHyphen checks how words broken at a line end are rejoined.
func TestKeepHyphen(t *testing.T) {
	tests := []struct {
		doc, want string
	}{
		{"the Secretary-\nGeneral", "the Secretary-General"},
		{"peace-\nkeeping operations", "peacekeeping operations"},
		{"peace-\nkeeping operations and peace-keeping forces", "peace-keeping operations and peace-keeping forces"},
		{"peace-\nkeeping operations and peacekeeping forces", "peacekeeping operations and peacekeeping forces"},
		{"the ECOWAS-\nled mediation", "the ECOWAS-led mediation"},
		{"capacity-\nbuilding support", "capacity-building support"},
		{"non-\nState actors", "non-State actors"},
		{"a non-\nviolent process", "a non-violent process"},
		{"humani-\ntarian aid", "humanitarian aid"},
		{"in 1999-\n2000", "in 1999-2000"},
		{"the so-\ncalled", "the so-called"},
		{"the follow-\nup mechanism", "the follow-up mechanism"},
		{"inter-\nnational", "international"},
	}
	for _, tt := range tests {
		r := txNewTextReader([]byte(tt.doc), "t")
		r.splitLines()
		if got := r.joinLines(r.lines); got != tt.want {
			t.Errorf("join(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

// TestActsUnderChapter7 checks the Chapter VII test.
func TestActsUnderChapter7(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Acting under Chapter VII of the Charter of the United Nations,", true},
		{"Acting under Chapter VIII of the Charter,", false},
		{"Acting under Article 41 of Chapter VII of the Charter,", true},
		{"Decides, acting under Chapter VII of the Charter, that", true},
		{"Acting in accordance with Chapter VI; recalling Chapter VII", false},
		{"Recalling Chapter VII", false},
		{"acting", false},
		{"Acting under Chapter VII", true},
	}
	for _, tt := range tests {
		if got := txActsUnderChapter7(tt.text); got != tt.want {
			t.Errorf("txActsUnderChapter7(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestSplitSponsors checks sponsor lists with names that contain "and".
func TestSplitSponsors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"France and Germany", "[France Germany]"},
		{"Bosnia and Herzegovina, Trinidad and Tobago and United Kingdom of Great Britain and Northern Ireland",
			"[Bosnia and Herzegovina Trinidad and Tobago United Kingdom of Great Britain and Northern Ireland]"},
		{"Angola", "[Angola]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(txSplitSponsors(tt.in)); got != tt.want {
			t.Errorf("split(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestReadTextCases reads the hand-made cases in testdata/text: each txtar
// holds an input and the expected paragraphs, one line each
// ("id kind number item | lead | section | text"), and the document line.
// Regenerate with go test ./loader -run TestReadTextCases -update.
func TestReadTextCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "text", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no cases in testdata/text")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in, want := splitGolden(t, raw, "input.txt")
			got := summarize(t, in, filepath.Base(f))
			checkGolden(t, f, raw, got, want)
		})
	}
}

func summarize(t *testing.T, in []byte, name string) string {
	doc, err := ReadText(in, name)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "doc %s | %s | %s | draft %s | meeting %s | ch7 %v | sponsors %q\n", doc.Symbol, doc.Kind, doc.Date,
		doc.DraftSymbol, doc.Meeting, doc.ChapterVII, doc.Sponsors)
	for _, p := range doc.Paragraphs {
		fmt.Fprintf(&b, "%s %s %s %s @%d:%d | %s | %s | %s\n", p.ID, p.Kind, p.Number, p.Item, p.Line, p.Column, p.Lead, p.Section, p.Text)
		for _, fn := range p.Footnotes {
			fmt.Fprintf(&b, "  footnote: %s\n", fn)
		}
	}
	return b.String()
}

// BenchmarkReadText reads the seed repeated 1, 10 and 40 times: the
// throughput (MB/s) should stay flat, since reading is linear in the input.
//
//	go test ./loader -run '^$' -bench BenchmarkReadText -benchtime 20x
func BenchmarkReadText(b *testing.B) {
	seed, err := os.ReadFile(filepath.Join("..", "data", "S_2012_946.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 10, 40} {
		in := bytes.Repeat(seed, n)
		b.Run(fmt.Sprintf("seedx%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := ReadText(in, "seed.txt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestReadTextCRLF checks that Windows line ends and a byte-order mark read
// like the seed itself, with offsets into the converted bytes.
func TestReadTextCRLF(t *testing.T) {
	data, doc := readSeed(t)
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	got, err := ReadText(crlf, "crlf.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Paragraphs) != len(doc.Paragraphs) {
		t.Fatalf("%d paragraphs with CRLF, %d without", len(got.Paragraphs), len(doc.Paragraphs))
	}
	for i, p := range got.Paragraphs {
		q := doc.Paragraphs[i]
		if p.ID != q.ID || p.Text != q.Text || p.Line != q.Line || p.Lead != q.Lead {
			t.Errorf("%s: CRLF gives %s line %d %.40q, want %s line %d %.40q", q.ID, p.ID, p.Line, p.Text, q.ID, q.Line, q.Text)
		}
		if line, col := Position(crlf, p.Start); line != p.Line || col != p.Column {
			t.Errorf("%s: line:col %d:%d, Position says %d:%d", p.ID, p.Line, p.Column, line, col)
		}
	}
}
