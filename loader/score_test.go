package loader

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/resgraph/resgraph"
)

// This file is a Go port of /work/shared/gold/score.py's matching, so a
// regression in extraction fails `go test`: the same normalization of
// names, paragraphs and symbols, the same (paragraph, addressee) unit with
// predicted pairs deduplicated by (paragraph, name set), and the same greedy
// matching in gold order. It works on the extraction's JSON, as score.py
// does, so field names are checked too.

var scoreSpell = [][2]string{{"organisation", "organization"}, {"neighbour", "neighbor"}, {"defence", "defense"},
	{"programme", "program"}, {"centre", "center"}, {"labour", "labor"}, {"favour", "favor"}}

// scoreNorm is score.py's norm.
func scoreNorm(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.ReplaceAll(s, "\u2010", "-")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	s = strings.Trim(b.String(), " .,;:")
	for _, p := range scoreSpell {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	for _, p := range []string{"the ", "all "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func scoreNormPara(p string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(p), "")), ".")
}

func scoreNormSym(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

type goldFile struct {
	Document   string `json:"document"`
	AdoptedAs  string `json:"adopted_as"`
	Draft      string `json:"draft"`
	Directives []struct {
		Para      string   `json:"para"`
		Addressee []string `json:"addressee"`
		Verbs     []string `json:"verbs"`
		Task      bool     `json:"task"`
	} `json:"directives"`
	References []string `json:"references"`
}

type scoreResult struct {
	dirTP, dirPred, dirGold int
	taskTP, taskGold        int
	verbOK                  int
	missed, extra           []string
	refTP, refPred, refGold int
	refMissed, refExtra     []string
}

func prf(tp, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(tp) / float64(pred)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// scoreNames is score.py's names.
func scoreNames(addr map[string]any) map[string]bool {
	out := map[string]bool{}
	for _, k := range []string{"name", "mention", "canonical", "label"} {
		if s := str(addr[k]); s != "" {
			out[scoreNorm(s)] = true
		}
	}
	if al, ok := addr["aliases"].([]any); ok {
		for _, a := range al {
			out[scoreNorm(str(a))] = true
		}
	}
	return out
}

func docKeys(d map[string]any) map[string]bool {
	keys := map[string]bool{}
	for _, k := range []string{"symbol", "draftSymbol", "adoptedAs"} {
		if s := str(d[k]); s != "" {
			keys[scoreNormSym(s)] = true
		}
	}
	return keys
}

// scoreDoc is score.py's score_doc on one extracted document (as JSON).
func scoreDoc(g goldFile, d map[string]any) scoreResult {
	var r scoreResult
	type unit struct {
		para  string
		names map[string]bool
		key   string
		verbs map[string]bool
	}
	var uniq []*unit
	byKey := map[string]*unit{}
	acts, _ := d["actions"].([]any)
	for _, ai := range acts {
		a, _ := ai.(map[string]any)
		if k := str(a["kind"]); k != "directive" && k != "task" {
			continue
		}
		addr, ok := a["addressee"].(map[string]any)
		if !ok || len(addr) == 0 {
			continue
		}
		item := str(a["item"])
		if item != "" && !strings.HasPrefix(item, "(") {
			item = "(" + item + ")"
		}
		num := str(a["paragraph"])
		if num == "" {
			// unnumbered paragraphs (presidential statements): gold writes
			// "p4" for the 4th, as score.py reads the "opu4" id
			if m := reOpu.FindStringSubmatch(str(a["paragraphId"])); m != nil {
				num = "p" + m[1]
			}
		}
		para := scoreNormPara(num + item)
		names := scoreNames(addr)
		var sorted []string
		for n := range names {
			sorted = append(sorted, n)
		}
		sort.Strings(sorted)
		key := para + "\x00" + strings.Join(sorted, "\x00")
		u := byKey[key]
		if u == nil {
			u = &unit{para: para, names: names, key: key, verbs: map[string]bool{}}
			byKey[key] = u
			uniq = append(uniq, u)
		}
		u.verbs[scoreNorm(str(a["verb"]))] = true
	}
	used := map[string]bool{}
	for _, e := range g.Directives {
		gp := scoreNormPara(e.Para)
		gn := map[string]bool{}
		for _, x := range e.Addressee {
			gn[scoreNorm(x)] = true
		}
		if e.Task {
			r.taskGold++
		}
		var hit *unit
		for _, u := range uniq {
			if used[u.key] || u.para != gp {
				continue
			}
			for n := range u.names {
				if gn[n] {
					hit = u
					break
				}
			}
			if hit != nil {
				break
			}
		}
		if hit == nil {
			names := make([]string, 0, len(gn))
			for n := range gn {
				names = append(names, n)
			}
			sort.Strings(names)
			r.missed = append(r.missed, gp+" "+names[0])
			continue
		}
		used[hit.key] = true
		r.dirTP++
		if e.Task {
			r.taskTP++
		}
		for _, v := range e.Verbs {
			if hit.verbs[scoreNorm(v)] {
				r.verbOK++
				break
			}
		}
	}
	for _, u := range uniq {
		if !used[u.key] {
			names := make([]string, 0, len(u.names))
			for n := range u.names {
				names = append(names, n)
			}
			sort.Strings(names)
			first := "?"
			if len(names) > 0 {
				first = names[0]
			}
			r.extra = append(r.extra, u.para+" "+first)
		}
	}
	r.dirPred, r.dirGold = len(uniq), len(g.Directives)
	gref := map[string]bool{}
	for _, x := range g.References {
		gref[scoreNormSym(x)] = true
	}
	pref := map[string]bool{}
	refs, _ := d["references"].([]any)
	for _, x := range refs {
		if m, ok := x.(map[string]any); ok {
			pref[scoreNormSym(str(m["symbol"]))] = true
		} else {
			pref[scoreNormSym(str(x))] = true
		}
	}
	for k := range docKeys(d) {
		delete(pref, k)
	}
	for k := range gref {
		if pref[k] {
			r.refTP++
		} else {
			r.refMissed = append(r.refMissed, k)
		}
	}
	for k := range pref {
		if !gref[k] {
			r.refExtra = append(r.refExtra, k)
		}
	}
	sort.Strings(r.refMissed)
	sort.Strings(r.refExtra)
	r.refPred, r.refGold = len(pref), len(gref)
	return r
}

// scoreExtraction scores doc against gold through the JSON form that
// `resgraph extract -format json` prints.
var reOpu = regexp.MustCompile(`^opu(\d+)`)

func scoreExtraction(t *testing.T, doc *resgraph.Document, g goldFile) scoreResult {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{scoreNormSym(g.Document): true}
	if g.AdoptedAs != "" {
		want[scoreNormSym(g.AdoptedAs)] = true
	}
	if g.Draft != "" {
		want[scoreNormSym(g.Draft)] = true
	}
	found := false
	for k := range docKeys(d) {
		if want[k] {
			found = true
		}
	}
	if !found {
		t.Fatalf("%s: extraction has symbols %v, gold wants %v", g.Document, docKeys(d), want)
	}
	r := scoreDoc(g, d)
	p, rc, f := prf(r.dirTP, r.dirPred, r.dirGold)
	_, _, rf := prf(r.refTP, r.refPred, r.refGold)
	t.Logf("%s: directives P %.2f R %.2f F1 %.3f (%d/%d gold, %d predicted), tasks %d/%d, verbs %d/%d, refs F1 %.3f",
		g.Document, p, rc, f, r.dirTP, r.dirGold, r.dirPred, r.taskTP, r.taskGold, r.verbOK, r.dirTP, rf)
	if len(r.missed) > 0 {
		t.Logf("  missed: %s", strings.Join(r.missed, "; "))
	}
	if len(r.extra) > 0 {
		t.Logf("  extra: %s", strings.Join(r.extra, "; "))
	}
	if len(r.refMissed)+len(r.refExtra) > 0 {
		t.Logf("  refs missed %q, extra %q", r.refMissed, r.refExtra)
	}
	return r
}

func readGold(t *testing.T, path string) goldFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

func sharedGold(t *testing.T) string {
	return filepath.Join(filepath.Dir(corpusDir(t)), "gold")
}

// checkSeedScore asserts the seed's targets: directive F1 >= 0.97, every
// task, references exactly the gold's.
func checkSeedScore(t *testing.T, r scoreResult) {
	t.Helper()
	if _, _, f := prf(r.dirTP, r.dirPred, r.dirGold); f < 0.97 {
		t.Errorf("directive F1 %.3f, want >= 0.97", f)
	}
	if r.taskTP != r.taskGold {
		t.Errorf("tasks %d/%d, want all", r.taskTP, r.taskGold)
	}
	if r.verbOK != r.dirTP {
		t.Errorf("verbs right on %d of %d matched directives", r.verbOK, r.dirTP)
	}
	if len(r.refMissed) > 0 {
		t.Errorf("references missed: %q", r.refMissed)
	}
	if len(r.refExtra) > 0 {
		t.Errorf("references extra: %q", r.refExtra)
	}
}

func TestScoreSeedText(t *testing.T) {
	g := readGold(t, filepath.Join(sharedGold(t), "S_2012_946.json"))
	raw, err := os.ReadFile("../data/S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(raw, "data/S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	NewExtractor(builtinRegistry(t)).Extract(doc)
	checkSeedScore(t, scoreExtraction(t, doc, g))
}

func TestScoreSeedAKN(t *testing.T) {
	g := readGold(t, filepath.Join(sharedGold(t), "S_2012_946.json"))
	g.Document = "S/RES/2085 (2012)" // the adopted text: the seed's gold with its own symbol
	f := filepath.Join(corpusDir(t), "unxml-sc", "Pre-2020", "2012", "S_RES_2085_N1266067.xml")
	raw, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(raw, f)
	if err != nil {
		t.Fatal(err)
	}
	NewExtractor(builtinRegistry(t)).Extract(doc)
	checkSeedScore(t, scoreExtraction(t, doc, g))
}

// TestScoreGoldFiles scores every gold file under testdata/gold against its
// source (field "source": a corpus path relative to shared/corpus, or a
// path in the repository). Target: micro-averaged directive F1 >= 0.93.
func TestScoreGoldFiles(t *testing.T) {
	scoreGoldDir(t, "testdata/gold/*.json", 0.93, 0)
}

// TestScoreBlindGold scores the blind set (testdata/gold/blind, annotated
// by sessions that never saw the extractor's output). Its first run scored
// directive F1 0.834 and tasks 0.611; the floors below are the figures after
// the fixing pass of 2026-12-07 (0.927 and 0.929), less a small margin, so a
// change that loses ground on unseen texts fails here.
func TestScoreBlindGold(t *testing.T) {
	scoreGoldDir(t, "testdata/gold/blind/*.json", 0.92, 0.92)
}

// TestScoreBlindGold2 scores the second blind set (annotated 2026-12-07
// while the extractor was at commit 979bbea; first run in
// testdata/gold/blind2/score-run0.txt). The floors sit just under the
// figures measured after the fixes that followed it, so a regression fails.
func TestScoreBlindGold2(t *testing.T) {
	scoreGoldDir(t, "testdata/gold/blind2/*.json", 0.91, 0.85)
}

func scoreGoldDir(t *testing.T, glob string, minF1, minTasks float64) {
	files, _ := filepath.Glob(glob)
	if len(files) == 0 {
		t.Skip("no gold files under loader/testdata/gold yet")
	}
	reg := builtinRegistry(t)
	var tp, pred, gold, ttp, tgold int
	for _, gf := range files {
		raw, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Source string `json:"source"`
			File   string `json:"file"`
		}
		_ = json.Unmarshal(raw, &meta)
		g := readGold(t, gf)
		if g.Document == "" || g.Directives == nil {
			continue
		}
		src := goldSource(t, meta.Source, meta.File)
		if src == "" {
			t.Errorf("%s: cannot find the source file (source %q)", gf, meta.Source)
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(b, src)
		if err != nil {
			t.Errorf("%s: %v", gf, err)
			continue
		}
		NewExtractor(reg).Extract(doc)
		r := scoreExtraction(t, doc, g)
		tp, pred, gold = tp+r.dirTP, pred+r.dirPred, gold+r.dirGold
		ttp, tgold = ttp+r.taskTP, tgold+r.taskGold
	}
	p, rc, f := prf(tp, pred, gold)
	t.Logf("TOTAL over %d gold files: directives P %.3f R %.3f F1 %.3f, tasks %d/%d", len(files), p, rc, f, ttp, tgold)
	if f < minF1 {
		t.Errorf("micro-averaged directive F1 %.3f over %s, want >= %.2f", f, glob, minF1)
	}
	if tgold > 0 && float64(ttp)/float64(tgold) < minTasks {
		t.Errorf("tasks recall %d/%d over %s, want >= %.2f", ttp, tgold, glob, minTasks)
	}
}

// goldSource finds a gold file's source document from its "source" or
// "file" field: the first word that names an existing file, tried as given,
// relative to the repository root, and relative to shared/corpus.
func goldSource(t *testing.T, fields ...string) string {
	corpus := corpusDir(t)
	for _, s := range fields {
		for _, cand := range []string{s, strings.Fields(s + " ")[0]} {
			if cand == "" {
				continue
			}
			for _, p := range []string{cand, filepath.Join("..", cand), filepath.Join(corpus, cand), filepath.Join(corpus, "unxml-sc", cand)} {
				if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
					return p
				}
			}
		}
	}
	return ""
}
