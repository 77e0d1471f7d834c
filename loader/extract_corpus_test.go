package loader

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
)

var report = flag.String("report", "", "write the corpus extraction report (markdown) to this file")

// aknFiles lists the corpus's AKN resolutions and statements, sorted.
func aknFiles(t testing.TB) []string {
	dir := filepath.Join(corpusDir(t), "unxml-sc")
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".xml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk corpus: %v", err)
	}
	sort.Strings(files)
	if len(files) < 1000 {
		t.Fatalf("corpus: %d AKN files, want over 1000", len(files))
	}
	return files
}

func builtinRegistry(t testing.TB) *Registry {
	t.Helper()
	f, err := data.FS.Open(data.RegistryFile)
	if err != nil {
		t.Fatalf("open registry: %v", err)
	}
	defer f.Close()
	reg, err := ParseRegistry(f, "data/"+data.RegistryFile)
	if err != nil {
		t.Fatalf("registry: %v", err)
	}
	return reg
}

// italicParas reads the operative paragraphs of an AKN file with the
// offsets of their italic spans: the UN marks every operative verb of a
// paragraph in italics, secondary verbs included.
type italicPara struct {
	text    string
	italics [][2]int
}

func italicParas(b []byte) []italicPara {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var out []italicPara
	inBody, inP := false, false
	var cur strings.Builder
	var its [][2]int
	italicDepth := 0
	spanStack := []bool{}
	itStart := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "mainBody":
				inBody = true
			case "p":
				if inBody {
					inP = true
					cur.Reset()
					its = nil
				}
			case "span":
				it := false
				for _, a := range e.Attr {
					if a.Name.Local == "class" && strings.Contains(a.Value, "italic") {
						it = true
					}
				}
				spanStack = append(spanStack, it)
				if it {
					if italicDepth == 0 {
						itStart = cur.Len()
					}
					italicDepth++
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "mainBody":
				inBody = false
			case "p":
				if inP {
					out = append(out, collapseSpans(cur.String(), its))
					inP = false
				}
			case "span":
				if n := len(spanStack); n > 0 {
					if spanStack[n-1] {
						italicDepth--
						if italicDepth == 0 {
							its = append(its, [2]int{itStart, cur.Len()})
						}
					}
					spanStack = spanStack[:n-1]
				}
			}
		case xml.CharData:
			if inP {
				cur.Write(e)
			}
		}
	}
	return out
}

// collapseSpans collapses white space in s, mapping the spans to the new offsets.
func collapseSpans(s string, spans [][2]int) italicPara {
	var b strings.Builder
	m := make([]int, len(s)+1)
	space := true
	for i := 0; i < len(s); i++ {
		m[i] = b.Len()
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteByte(c)
		space = false
	}
	m[len(s)] = b.Len()
	p := italicPara{text: strings.TrimRight(b.String(), " ")}
	for _, sp := range spans {
		a, e := min(m[sp[0]], len(p.text)), min(m[sp[1]], len(p.text))
		if e > a {
			p.italics = append(p.italics, [2]int{a, e})
		}
	}
	return p
}

// TestSegmentAgainstItalics measures clause segmentation against the UN's
// own markup: every italic span in an operative paragraph that starts with
// an operative verb form should start one of our clauses, and each clause we
// find should sit on an italic span.
func TestSegmentAgainstItalics(t *testing.T) {
	files := aknFiles(t)
	var found, italic, matched, clauses, onItalic int
	var misses, extras []string
	for _, f := range files {
		// the UN marks secondary verbs in italics consistently before 2020
		if strings.Contains(f, "/PRST/") || !strings.Contains(f, "/Pre-2020/") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range italicParas(b) {
			if len(p.italics) == 0 || p.italics[0][0] > 0 {
				continue // a paragraph without the markup (some files have none)
			}
			toks := tokenize(p.text)
			cs := segment(toks)
			// italics that are verbs: their first word is a lexicon verb
			var verbs [][2]int
			for _, sp := range p.italics {
				st := tokenize(p.text[sp[0]:sp[1]])
				k := 0
				for k < len(st) {
					if n := lex.matchAdverb(lex.pre, st, k); n > 0 {
						k += n
						continue
					}
					break
				}
				if _, ok := lex.matchVerb(st, k); ok && k < len(st) && st[k].word {
					verbs = append(verbs, sp)
				}
			}
			italic += len(verbs)
			clauses += len(cs)
			for _, sp := range verbs {
				hit := false
				for _, c := range cs {
					if c.vStart <= sp[0]+1 && sp[0] < c.vEnd+1 {
						hit = true
					}
				}
				if hit {
					matched++
				} else if len(misses) < 60 {
					misses = append(misses, fmt.Sprintf("%s: %q in %q", filepath.Base(f), p.text[sp[0]:sp[1]], excerpt(p.text, sp[0])))
				}
			}
			for _, c := range cs {
				hit := false
				for _, sp := range p.italics {
					if sp[0] < c.vEnd && c.vStart < sp[1] {
						hit = true
					}
				}
				if hit {
					onItalic++
				} else if len(extras) < 60 {
					extras = append(extras, fmt.Sprintf("%s: %q", filepath.Base(f), excerpt(p.text, c.vStart)))
				}
			}
			found++
		}
	}
	rec := float64(matched) / float64(max(italic, 1))
	prec := float64(onItalic) / float64(max(clauses, 1))
	t.Logf("paragraphs %d; italic verbs %d, found %d (recall %.4f); clauses %d, on italics %d (precision %.4f)", found, italic, matched, rec, clauses, onItalic, prec)
	if testing.Verbose() {
		for _, m := range misses {
			t.Log("miss: " + m)
		}
		for _, m := range extras {
			t.Log("extra: " + m)
		}
	}
	// The markup is not complete: many files italicize only the leading verb,
	// so a clause on plain text is not necessarily wrong (a reviewed sample of
	// 60 "extras" were all real clauses). Precision is a regression guard.
	if rec < 0.99 {
		t.Errorf("segmentation against italics: recall %.4f, want >= 0.99", rec)
	}
	if prec < 0.88 {
		t.Errorf("segmentation against italics: %.4f of clauses on an italic span, want >= 0.88", prec)
	}
}

func excerpt(s string, at int) string {
	a, b := max(0, at-50), min(len(s), at+70)
	return s[a:b]
}

// corpusStats counts what the extractor finds over the corpus.
type corpusStats struct {
	docs, paras, directiveParas, unexplained int
	byKind                                   map[resgraph.ActionKind]int
	byClass                                  map[resgraph.Class]int
	addressees, unknown                      map[string]int
	reasons                                  map[string]int
	reasonSamples                            []string
	// quality figures (issue "Truth of the graph")
	obligations, emptyAction, noAddressee, outside int
	stanceClauses, stanceTargeted                  int
	fromQuoted, fromNotAdopted, runOn              int
}

// TestCorpusExtract reads and extracts every AKN file of the corpus: every
// operative paragraph whose lead is a directive verb yields an action or a
// recorded reason. With -report FILE it writes docs/extraction-report.md.
func TestCorpusExtract(t *testing.T) {
	files := aknFiles(t)
	reg := builtinRegistry(t)
	st := corpusStats{byKind: map[resgraph.ActionKind]int{}, byClass: map[resgraph.Class]int{},
		addressees: map[string]int{}, unknown: map[string]int{}, reasons: map[string]int{}}
	x := NewExtractor(reg)
	reasoned := map[string]bool{}
	x.Debug = func(doc *resgraph.Document, p *resgraph.Paragraph, reason string) {
		reasoned[p.ID] = true
		key := reason
		if i := strings.Index(key, ":"); i > 0 {
			key = key[:i]
		}
		st.reasons[key]++
		if len(st.reasonSamples) < 40 {
			st.reasonSamples = append(st.reasonSamples, fmt.Sprintf("%s %s: %s — %s", doc.Symbol, p.ID, reason, excerpt(p.Text, 0)))
		}
	}
	failed := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(b, f)
		if err != nil {
			failed++
			continue
		}
		clear(reasoned)
		x.Extract(doc)
		st.docs++
		byPara := map[string]int{}
		kindOf := map[string]resgraph.ParaKind{}
		for _, p := range doc.Paragraphs {
			kindOf[p.ID] = p.Kind
		}
		stance := map[[2]int]bool{}
		for i, a := range doc.Actions {
			byPara[a.ParagraphID]++
			if kindOf[a.ParagraphID] == resgraph.ParaQuoted {
				st.fromQuoted++
			}
			if a.Kind == resgraph.ActionStance && kindOf[a.ParagraphID] == resgraph.ParaOperative {
				k := [2]int{i, a.Start}
				for j := i - 1; j >= 0 && doc.Actions[j].ParagraphID == a.ParagraphID && doc.Actions[j].Start == a.Start && doc.Actions[j].Kind == a.Kind; j-- {
					k = [2]int{j, a.Start}
				}
				if !stance[k] {
					stance[k] = true
					st.stanceClauses++
					if a.Addressee != nil {
						st.stanceTargeted++
					}
				}
			}
			if a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask {
				st.obligations++
				if strings.TrimSpace(a.Action) == "" {
					st.emptyAction++
				}
				if a.Addressee == nil {
					st.noAddressee++
				} else if strings.HasPrefix(string(a.Addressee.ID), "x/") {
					st.outside++
				}
				if doc.Status == resgraph.StatusNotAdopted {
					st.fromNotAdopted++
				}
				if reRunOn.MatchString(a.Action) {
					st.runOn++
				}
			}
			st.byKind[a.Kind]++
			if a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask {
				st.byClass[a.Class]++
				if a.Addressee != nil {
					st.addressees[string(a.Addressee.ID)]++
					if strings.HasPrefix(string(a.Addressee.ID), "x/") {
						st.unknown[string(a.Addressee.ID)]++
					}
				}
			}
		}
		for i := range doc.Paragraphs {
			p := &doc.Paragraphs[i]
			if p.Kind != resgraph.ParaOperative {
				continue
			}
			st.paras++
			toks := tokenize(p.Text)
			cs := segment(toks)
			if len(cs) == 0 || cs[0].vStart != 0 || !(isDirectiveLead(cs[0]) || cs[0].verbs[0].kind == vkDecides) {
				continue
			}
			st.directiveParas++
			if byPara[p.ID] == 0 {
				if !reasoned[p.ID] {
					st.unexplained++
					if st.unexplained <= 10 {
						t.Errorf("%s %s: directive lead %q, no action and no reason", doc.Symbol, p.ID, p.Lead)
					}
				}
			}
		}
	}
	t.Logf("%d documents (%d failed to read), %d operative paragraphs, %d led by a directive verb; %d reasons recorded %v; %d unexplained",
		st.docs, failed, st.paras, st.directiveParas, sumMap(st.reasons), st.reasons, st.unexplained)
	t.Logf("actions by kind %v; directives and tasks by class %v", st.byKind, st.byClass)
	if *report != "" {
		if err := os.WriteFile(*report, []byte(st.markdown()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// reRunOn finds a sentence end inside an action's text: "... personnel. It".
var reRunOn = regexp.MustCompile(`[a-z)]\. (The|It|In|This|Its|Further|Also) `)

func sumMap(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

type kv struct {
	k string
	v int
}

func top(m map[string]int, n int) []kv {
	var out []kv
	for k, v := range m {
		out = append(out, kv{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].v != out[j].v {
			return out[i].v > out[j].v
		}
		return out[i].k < out[j].k
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func (st *corpusStats) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Extraction report: the AKN corpus\n\n")
	fmt.Fprintf(&b, "Produced by `go test ./loader -run TestCorpusExtract -v -report ../docs/extraction-report.md` (extractor version %s).\n\n", Version)
	fmt.Fprintf(&b, "%d documents, %d operative paragraphs, %d of them led by a directive verb (or decides).\n\n", st.docs, st.paras, st.directiveParas)
	pct := func(n, of int) string {
		if of == 0 {
			return "0"
		}
		return fmt.Sprintf("%d of %d (%.1f%%)", n, of, 100*float64(n)/float64(of))
	}
	fmt.Fprintf(&b, "## Quality figures\n\n| figure | value |\n|---|---|\n")
	fmt.Fprintf(&b, "| directives and tasks with an empty action | %s |\n", pct(st.emptyAction, st.obligations))
	fmt.Fprintf(&b, "| directives and tasks without an addressee | %s |\n", pct(st.noAddressee, st.obligations))
	fmt.Fprintf(&b, "| directives and tasks whose addressee is outside the registry (`x/...`) | %s |\n", pct(st.outside, st.obligations))
	fmt.Fprintf(&b, "| stance clauses (operative) with at least one actor target | %s |\n", pct(st.stanceTargeted, st.stanceClauses))
	fmt.Fprintf(&b, "| actions from quoted language (aide-memoire tables) | %d |\n", st.fromQuoted)
	fmt.Fprintf(&b, "| directives and tasks of drafts not adopted (left out of queries by default) | %d |\n", st.fromNotAdopted)
	fmt.Fprintf(&b, "| actions whose text runs past a sentence end (\". The\", \". It\") | %s |\n\n", pct(st.runOn, st.obligations))
	fmt.Fprintf(&b, "## Actions by kind\n\n| kind | actions |\n|---|---|\n")
	for _, e := range top(toStr(st.byKind), 10) {
		fmt.Fprintf(&b, "| %s | %d |\n", e.k, e.v)
	}
	fmt.Fprintf(&b, "\n## Directives and tasks by class\n\n| class | actions |\n|---|---|\n")
	for _, e := range top(toStrC(st.byClass), 10) {
		fmt.Fprintf(&b, "| %s | %d |\n", e.k, e.v)
	}
	fmt.Fprintf(&b, "\n## The 30 most frequent addressees\n\n| addressee id | directives and tasks |\n|---|---|\n")
	for _, e := range top(st.addressees, 30) {
		fmt.Fprintf(&b, "| %s | %d |\n", e.k, e.v)
	}
	fmt.Fprintf(&b, "\n## Unknown actors that most deserve a registry entry\n\nAddressees the registry does not know (ids `x/...`), by number of directives and tasks. For the registry engineer: each line is a candidate entry (or alias of an existing one).\n\n| id | directives and tasks |\n|---|---|\n")
	for _, e := range top(st.unknown, 60) {
		fmt.Fprintf(&b, "| %s | %d |\n", e.k, e.v)
	}
	fmt.Fprintf(&b, "\n## Paragraphs led by a directive verb with no directive\n\nReasons recorded by the extractor's Debug hook: %v.\n\n", st.reasons)
	for _, s := range st.reasonSamples {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	return b.String()
}

func toStr(m map[resgraph.ActionKind]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

func toStrC(m map[resgraph.Class]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

// BenchmarkReadExtractCorpus reads and extracts the whole AKN corpus.
func BenchmarkReadExtractCorpus(b *testing.B) {
	files := aknFiles(b)
	var blobs [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		blobs = append(blobs, d)
	}
	x := NewExtractor(builtinRegistry(b))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for k, d := range blobs {
			doc, err := Read(d, files[k])
			if err != nil {
				continue
			}
			x.Extract(doc)
			n += len(doc.Actions)
		}
		if n == 0 {
			b.Fatal("no actions")
		}
	}
}
