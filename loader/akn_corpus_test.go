package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/internal/cputime"
)

// aknCorpusFiles returns every English AKN file of the corpus (unxml-sc),
// sorted, relative to the corpus directory.
func aknCorpusFiles(t testing.TB) (dir string, files []string) {
	t.Helper()
	dir = filepath.Join(corpusDir(t), "unxml-sc")
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".xml") {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", dir, err)
	}
	if len(files) == 0 {
		t.Skipf("no AKN files under %s", dir)
	}
	sort.Strings(files)
	return dir, files
}

// Independent structure counts, by regular expressions over the raw XML
// (not by the reader's tree walk).
var (
	reTPreamble   = regexp.MustCompile(`(?s)<preamble>.*?</preamble>`)
	reTContainer  = regexp.MustCompile(`<container\b`)
	reTCrossPre   = regexp.MustCompile(`<crossHeading[^>]*refersTo="#preamble"`)
	reTMainBody   = regexp.MustCompile(`(?s)<mainBody>.*?</mainBody>`)
	reTParaNum    = regexp.MustCompile(`<(?:paragraph|item)\b[^>]*>\s*<num>\s*(\d+)\s*\.?\s*</num>`)
	reTBoldCont   = regexp.MustCompile(`<container\b[^>]*>\s*<p\b[^>]*>\s*<span class="bold">[^<]*</span>\s*</p>\s*</container>`)
	reTParaStart  = regexp.MustCompile(`<paragraph\b[^>]*>`)
	reTAnnexHead  = regexp.MustCompile(`<paragraph\b[^>]*class="(?:H1|HCh|H23|H4|BLUEHeadingH2|Heading1)"[^>]*>\s*(?:<(?:heading|subheading|content|p|span)\b[^>]*>\s*)*(?:(?i:annex|appendix|attachment|enclosure)\b|[^<]*\b(?i:annex)\s*<)`)
	reTLeakedPre  = regexp.MustCompile(`^<paragraph\b[^>]*>\s*<content\b[^>]*>\s*<p\b[^>]*>\s*<span class="italic">\s*(\w+)`)
	reTPointNum   = regexp.MustCompile(`<point\b[^>]*>\s*<num>\s*\(?(?:[a-z]{1,3}|[ivxlc]+)\)\s*</num>`)
	reTPreWordEnd = regexp.MustCompile(`^[A-Z]\w+ing$`)
)

// expectedStructure counts a resolution's preambular paragraphs and lists
// its operative paragraph numbers from the raw XML.
func expectedStructure(data []byte) (pre int, ops []string, points int) {
	s := string(data)
	if i := strings.Index(s, "<attachments"); i >= 0 {
		s = s[:i]
	}
	var preOps []string
	for _, p := range reTPreamble.FindAllString(s, -1) {
		// A container holding only a bold line is a heading.
		pre += len(reTContainer.FindAllString(p, -1)) - len(reTBoldCont.FindAllString(p, -1))
		for _, m := range reTParaNum.FindAllStringSubmatch(p, -1) {
			preOps = append(preOps, m[1])
		}
	}
	body := reTMainBody.FindString(s)
	pre += len(reTCrossPre.FindAllString(body, -1))
	if loc := reTAnnexHead.FindStringIndex(body); loc != nil {
		body = body[:loc[0]]
	}
	points = len(reTPointNum.FindAllString(body, -1))
	ops = preOps
	for _, m := range reTParaNum.FindAllStringSubmatch(body, -1) {
		ops = append(ops, m[1])
	}
	// Preambular paragraphs left in the main body: unnumbered paragraphs
	// before the first numbered one that open with an italic participle.
	if len(ops) > len(preOps) {
		first := reTParaNum.FindStringIndex(body)[0]
		for _, loc := range reTParaStart.FindAllStringIndex(body[:first], -1) {
			if m := reTLeakedPre.FindStringSubmatch(body[loc[0]:]); m != nil && (reTPreWordEnd.MatchString(m[1]) || preambularWords[m[1]]) {
				pre++
			}
		}
	}
	return pre, ops, points
}

// jsonMeta is one line of data_extract/YYYY.json (the publisher's metadata).
type jsonMeta struct {
	Symbol          string   `json:"symbol"`
	DraftResolution string   `json:"draft_resolution"`
	ChapterVII      string   `json:"chapter_VII"`
	Sponsors        []string `json:"sponsors"`
	Additional      []string `json:"additional_sponsors"`
	InFavour        string   `json:"MS_in_favour_count"`
}

func loadJSONMeta(t *testing.T, dir string) map[resgraph.Symbol]jsonMeta {
	out := map[resgraph.Symbol]jsonMeta{}
	files, _ := filepath.Glob(filepath.Join(dir, "data_extract", "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			var m jsonMeta
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out[normSymbol(m.Symbol)] = m
		}
	}
	return out
}

// TestReadAKNCorpus reads every English AKN file of the corpus and checks
// each document against the XML's own structure and the publisher's
// metadata.
func TestReadAKNCorpus(t *testing.T) {
	dir, files := aknCorpusFiles(t)
	meta := loadJSONMeta(t, dir)
	var (
		read, recovered int
		refused         []string
		byKind          = map[resgraph.DocKind]int{}
		nonConsecutive  []string
		sponsorDiff     []string
		draftDiff       []string
		chapDiff        []string
		noNumbered      int
		inlineNums      []string
		sponsorFlagged  int
		paragraphs      int
	)
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ReadAKN(data, rel)
		if err != nil {
			refused = append(refused, err.Error())
			continue
		}
		read++
		paragraphs += len(doc.Paragraphs)
		byKind[doc.Kind]++
		if slices.ContainsFunc(doc.Warnings, func(w string) bool { return strings.HasPrefix(w, "recovered malformed XML") }) {
			recovered++
			if !strings.HasPrefix(rel, "PRST/200") {
				t.Errorf("%s: recovered outside the known malformed statements: %v", rel, doc.Warnings)
			}
			if !regexp.MustCompile(`at \d+:\d+`).MatchString(doc.Warnings[0]) {
				t.Errorf("%s: warning without line:column: %q", rel, doc.Warnings[0])
			}
		}
		checkDocument(t, rel, data, doc)
		if doc.Kind == resgraph.KindPresidentialStatement {
			continue
		}
		pre, ops, points := expectedStructure(data)
		var gotPre, gotPoints int
		var gotOps []string
		for _, p := range doc.Paragraphs {
			switch {
			case p.Kind == resgraph.ParaPreambular:
				gotPre++
			case p.Kind == resgraph.ParaOperative && p.Item == "" && p.Number != "":
				gotOps = append(gotOps, p.Number)
			case p.Kind == resgraph.ParaOperative && p.Item != "" && !strings.Contains(p.Item, "(-"):
				gotPoints++
			}
		}
		if gotPre != pre {
			t.Errorf("%s: %d preambular paragraphs, the XML has %d", rel, gotPre, pre)
		}
		if n, ok := gapFillers(gotOps, ops); !ok {
			t.Errorf("%s: operative numbers %v, the XML has %v", rel, gotOps, ops)
		} else if n > 0 {
			inlineNums = append(inlineNums, fmt.Sprintf("%s (%d)", doc.Symbol, n))
		}
		ops = gotOps
		if gotPoints < points {
			t.Errorf("%s: %d operative sub-items, the XML has at least %d numbered points", rel, gotPoints, points)
		}
		if len(ops) == 0 {
			noNumbered++
		} else if !consecutive(ops) {
			nonConsecutive = append(nonConsecutive, fmt.Sprintf("%s %s", doc.Symbol, compactNums(ops)))
		}
		flagged := slices.ContainsFunc(doc.Warnings, func(w string) bool { return strings.HasPrefix(w, "sponsor ") })
		if flagged {
			sponsorFlagged++
		}
		if m, ok := meta[doc.Symbol]; ok {
			if want := len(m.Sponsors) + len(m.Additional); want != len(doc.Sponsors) && !flagged {
				sponsorDiff = append(sponsorDiff, fmt.Sprintf("%s: %d sponsors, metadata %d", doc.Symbol, len(doc.Sponsors), want))
			}
			if m.DraftResolution != "" && normSymbol(m.DraftResolution) != doc.DraftSymbol {
				draftDiff = append(draftDiff, fmt.Sprintf("%s: draft %q, metadata %q", doc.Symbol, doc.DraftSymbol, m.DraftResolution))
			}
			if m.ChapterVII == "Chapter VII" && !doc.ChapterVII {
				chapDiff = append(chapDiff, string(doc.Symbol))
			}
		}
	}
	t.Logf("AKN corpus: %d files, %d read (%d recovered from malformed XML), %d refused; %d paragraphs; kinds %v",
		len(files), read, recovered, len(refused), paragraphs, byKind)
	for _, r := range refused {
		t.Errorf("refused: %s", r)
	}
	t.Logf("resolutions and drafts without a numbered paragraph: %d", noNumbered)
	t.Logf("paragraph numbers read from the text, where <num> is missing (%d): %s", len(inlineNums), strings.Join(inlineNums, "; "))
	t.Logf("operative numbers not 1..N consecutive (%d): %s", len(nonConsecutive), strings.Join(nonConsecutive, "; "))
	t.Logf("documents whose workflow sponsors are not names (warned, not compared): %d", sponsorFlagged)
	t.Logf("sponsor counts differing from data_extract (%d): %s", len(sponsorDiff), strings.Join(sponsorDiff, "; "))
	t.Logf("draft symbols differing from data_extract (%d): %s", len(draftDiff), strings.Join(draftDiff, "; "))
	t.Logf("Chapter VII in data_extract but not read (%d): %s", len(chapDiff), strings.Join(chapDiff, "; "))
	if recovered != 119 {
		t.Errorf("recovered %d malformed files, the corpus has 119", recovered)
	}
	if len(chapDiff) > 0 {
		t.Errorf("%d documents lack Chapter VII", len(chapDiff))
	}
}

// checkDocument checks the invariants every document read must hold.
func checkDocument(t *testing.T, rel string, data []byte, doc *resgraph.Document) {
	t.Helper()
	if doc.Symbol == "" || doc.Kind == "" || doc.Language != "en" || doc.Source.Format != resgraph.FormatAKN || len(doc.Source.SHA256) != 64 {
		t.Errorf("%s: incomplete document: symbol %q kind %q language %q source %+v", rel, doc.Symbol, doc.Kind, doc.Language, doc.Source)
	}
	if !reISODate.MatchString(doc.Date) {
		t.Errorf("%s: date %q is not an ISO day", rel, doc.Date)
	}
	ids := map[string]bool{}
	operative := 0
	for i, p := range doc.Paragraphs {
		if ids[p.ID] {
			t.Errorf("%s: duplicate paragraph id %s", rel, p.ID)
		}
		ids[p.ID] = true
		if p.Kind == resgraph.ParaOperative {
			operative++
		}
		// A parent whose sub-items hold all the text has no text of its own.
		hasItems := i+1 < len(doc.Paragraphs) && doc.Paragraphs[i+1].Item != "" && strings.HasPrefix(doc.Paragraphs[i+1].ID, p.ID)
		if (p.Text == "" && !hasItems) || p.Text != collapse(p.Text) {
			t.Errorf("%s %s: text not collapsed or empty: %q", rel, p.ID, p.Text)
		}
		if p.Start < 0 || p.End <= p.Start || p.End > len(data) {
			t.Errorf("%s %s: bad extent %d-%d", rel, p.ID, p.Start, p.End)
			continue
		}
		if l, c := Position(data, p.Start); l != p.Line || c != p.Column {
			t.Errorf("%s %s: line:column %d:%d, Position says %d:%d", rel, p.ID, p.Line, p.Column, l, c)
		}
		if p.Number != "" && p.Item == "" && !bytes.HasPrefix(data[p.Start:], []byte(p.Number)) {
			t.Errorf("%s %s: extent starts with %q, not the number %q", rel, p.ID, data[p.Start:min(p.Start+10, len(data))], p.Number)
		}
	}
	if operative == 0 {
		t.Errorf("%s: no operative paragraph", rel)
	}
}

// gapFillers tells whether got is want with some numbers added, each the
// successor of the number before it (numbers the reader found in the text
// of a paragraph without <num>), and how many.
func gapFillers(got, want []string) (int, bool) {
	n, j := 0, 0
	for i, g := range got {
		if j < len(want) && g == want[j] {
			j++
			continue
		}
		prev := 0
		if i > 0 {
			prev, _ = strconv.Atoi(got[i-1])
		}
		if g != strconv.Itoa(prev+1) {
			return 0, false
		}
		n++
	}
	return n, j == len(want)
}

func consecutive(nums []string) bool {
	for i, n := range nums {
		if n != strconv.Itoa(i+1) {
			return false
		}
	}
	return true
}

// compactNums abbreviates a number list to its first irregularity.
func compactNums(nums []string) string {
	for i, n := range nums {
		if n != strconv.Itoa(i+1) {
			lo := max(0, i-2)
			return fmt.Sprintf("[%d numbers; at #%d: ...%s]", len(nums), i+1, strings.Join(nums[lo:min(len(nums), i+3)], ","))
		}
	}
	return fmt.Sprint(len(nums))
}

// BenchmarkReadAKNCorpus reads the whole English AKN corpus from memory:
// the files are loaded first, and only parsing is timed.
//
//	go test ./loader -run '^$' -bench ReadAKNCorpus -benchtime 3x
func BenchmarkReadAKNCorpus(b *testing.B) {
	dir, files := aknCorpusFiles(b)
	data := make([][]byte, len(files))
	var total int64
	for i, rel := range files {
		d, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
		total += int64(len(d))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	b.ResetTimer()
	for b.Loop() {
		for i, d := range data {
			if _, err := ReadAKN(d, files[i]); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.StopTimer()
	// The machine is shared: also report throughput per CPU second of this
	// process (parsing and its garbage collection), which other load does
	// not change.
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(total)*float64(n)/1e6/cpu, "MB/cpu-s")
	}
}

// cpuTime returns the user and system CPU time of this process.
func cpuTime() time.Duration {
	d, _ := cputime.Process() // 0 where the platform does not say
	return d
}

// TestScanXMLMatchesEncodingXML checks that the fast scanner gives the same
// tree, offsets and warnings as encoding/xml on every corpus file.
func TestScanXMLMatchesEncodingXML(t *testing.T) {
	dir, files := aknCorpusFiles(t)
	fast := 0
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		b := newTreeBuilder(data, rel)
		if err := scanXML(data, b); err != nil {
			t.Errorf("%s: fast scanner: %v", rel, err)
			continue
		}
		fast++
		got, gotW, err1 := b.finish()
		want, wantW, err2 := parseXMLTreeStd(data, rel)
		if err1 != nil || err2 != nil {
			t.Errorf("%s: fast %v, encoding/xml %v", rel, err1, err2)
			continue
		}
		if d := diffTree(got, want); d != "" {
			t.Errorf("%s: trees differ: %s", rel, d)
		}
		if !slices.Equal(gotW, wantW) {
			t.Errorf("%s: warnings %q, encoding/xml %q", rel, gotW, wantW)
		}
	}
	t.Logf("%d of %d files read by the fast scanner", fast, len(files))
}

// diffTree describes the first difference between two trees, or "".
func diffTree(a, b *xnode) string {
	if a.name != b.name || a.text != b.text || a.start != b.start || a.end != b.end || len(a.kids) != len(b.kids) || len(a.attrs) != len(b.attrs) {
		return fmt.Sprintf("<%s>%q@%d-%d (%d kids) vs <%s>%q@%d-%d (%d kids)", a.name, a.text, a.start, a.end, len(a.kids), b.name, b.text, b.start, b.end, len(b.kids))
	}
	for i := range a.attrs {
		if a.attrs[i] != b.attrs[i] {
			return fmt.Sprintf("<%s> attribute %v vs %v", a.name, a.attrs[i], b.attrs[i])
		}
	}
	for i := range a.kids {
		if d := diffTree(a.kids[i], b.kids[i]); d != "" {
			return d
		}
	}
	return ""
}

// The drafts that were not adopted say so in their workflow metadata
// (step outcome="notAdopted"); every other corpus file is adopted.
func TestReadAKNCorpusStatus(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "unxml-sc")
	for _, sub := range []string{"Not adopted/English", "PRST/2013", "Pre-2020/2012"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.xml"))
		if len(files) == 0 {
			t.Fatalf("no files in %s", sub)
		}
		want := resgraph.StatusAdopted
		if strings.HasPrefix(sub, "Not adopted") {
			want = resgraph.StatusNotAdopted
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadAKN(b, f)
			if err != nil {
				continue // malformed files are TestReadAKNCorpus's
			}
			if doc.Status != want {
				t.Errorf("%s: status %q, want %q", f, doc.Status, want)
			}
		}
	}
}

// The aide-memoire statements quote agreed language in tables: each row
// is a paragraph of kind quoted, and none gives an action.
func TestReadAKNCorpusQuotedLanguage(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "unxml-sc", "PRST")
	reg := builtinRegistry(t)
	for _, g := range []string{"2014/S_PRST_2014_3-*.xml", "2015/S_PRST_2015_23-*.xml", "2018/S_PRST_2018_18-*.xml"} {
		files, _ := filepath.Glob(filepath.Join(dir, g))
		if len(files) != 1 {
			t.Fatalf("%s: %d files", g, len(files))
		}
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ReadAKN(b, files[0])
		if err != nil {
			t.Fatal(err)
		}
		NewExtractor(reg).Extract(doc)
		quoted := map[string]bool{}
		for _, p := range doc.Paragraphs {
			if len(p.Text) > 20000 {
				t.Errorf("%s %s: a paragraph of %d bytes", doc.Symbol, p.ID, len(p.Text))
			}
			if p.Kind == resgraph.ParaQuoted {
				quoted[p.ID] = true
			}
		}
		if len(quoted) < 100 {
			t.Errorf("%s: %d quoted paragraphs, want the agreed-language table's rows", doc.Symbol, len(quoted))
		}
		for _, a := range doc.Actions {
			if quoted[a.ParagraphID] {
				t.Errorf("%s %s: an action from quoted language: %.80s", doc.Symbol, a.ParagraphID, a.Text)
			}
		}
	}
}
