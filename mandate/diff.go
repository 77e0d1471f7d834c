package mandate

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/resgraph/resgraph"
)

// Change is one difference between two documents' obligations or mandate
// decisions.
type Change struct {
	// Kind: "added", "removed", "changed" (same obligation, other words),
	// "verb" (same obligation, another verb), "until" (another end date),
	// "strength" (another authorized strength).
	Kind      string            `json:"kind"`
	Addressee resgraph.ActorRef `json:"addressee"`
	// The obligation or event in the first and second document (nil when
	// added or removed).
	From *Side `json:"from,omitempty"`
	To   *Side `json:"to,omitempty"`
	// For "verb": "strengthened" ("encourages" -> "requests"), "weakened",
	// or "" when the two cannot be ranked.
	Direction  string     `json:"direction,omitempty"`
	Similarity float64    `json:"similarity,omitempty"`
	Words      []WordEdit `json:"words,omitempty"` // for "changed": the word-level diff
}

// Side is one document's side of a change.
type Side struct {
	Symbol      resgraph.Symbol `json:"symbol"`
	Paragraph   string          `json:"paragraph"`
	ParagraphID string          `json:"paragraphId"`
	Verb        string          `json:"verb,omitempty"`
	Class       resgraph.Class  `json:"class,omitempty"`
	Text        string          `json:"text"`
	Until       string          `json:"until,omitempty"`
}

// WordEdit is a run of words kept ("="), deleted ("-") or inserted ("+").
type WordEdit struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// classRank orders how strongly a verb binds, for "verb" changes.
var classRank = map[resgraph.Class]int{
	resgraph.ClassWeakRecommend:   1, // encourages, invites
	resgraph.ClassStrongRecommend: 2, // calls upon, urges
	resgraph.ClassRequest:         3, // requests
	resgraph.ClassDemand:          4, // demands
	resgraph.ClassDecision:        4, // decides that X shall
}

// Diff compares the obligations (directives and tasks) of a and b, and
// their mandate decisions; with mandate set, only those addressed to it.
// Obligations of the same addressee are paired when their actions are at
// least SameTask alike, best pairs first.
func Diff(a, b *resgraph.Document, mandate resgraph.ActorID) []Change {
	oa, ob := obligations(a, mandate), obligations(b, mandate)
	type pair struct {
		i, j int
		s    float64
	}
	var pairs []pair
	for i, x := range oa {
		for j, y := range ob {
			if x.Addressee.ID != y.Addressee.ID {
				continue
			}
			if s := Similarity(x.Action, y.Action); s >= SameTask {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	slices.SortStableFunc(pairs, func(p, q pair) int { return cmp.Compare(q.s, p.s) })
	usedA, usedB := make([]bool, len(oa)), make([]bool, len(ob))
	var out []Change
	for _, p := range pairs {
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		x, y := oa[p.i], ob[p.j]
		if x.Verb != y.Verb || x.Class != y.Class {
			c := Change{Kind: "verb", Addressee: *y.Addressee, From: side(a, x), To: side(b, y), Similarity: p.s}
			ra, rb := classRank[x.Class], classRank[y.Class]
			switch {
			case ra > 0 && rb > ra:
				c.Direction = "strengthened"
			case rb > 0 && ra > rb:
				c.Direction = "weakened"
			}
			out = append(out, c)
		}
		if norm(x.Action) != norm(y.Action) {
			out = append(out, Change{Kind: "changed", Addressee: *y.Addressee, From: side(a, x), To: side(b, y), Similarity: p.s,
				Words: WordDiff(x.Action, y.Action)})
		}
	}
	for i, x := range oa {
		if !usedA[i] {
			out = append(out, Change{Kind: "removed", Addressee: *x.Addressee, From: side(a, x)})
		}
	}
	for j, y := range ob {
		if !usedB[j] {
			out = append(out, Change{Kind: "added", Addressee: *y.Addressee, To: side(b, y)})
		}
	}
	out = append(out, eventChanges(a, b, mandate)...)
	return out
}

// eventChanges compares the end dates and strength decisions of the two
// documents' mandate events.
func eventChanges(a, b *resgraph.Document, mandate resgraph.ActorID) []Change {
	var out []Change
	ea, eb := documentEvents(a), documentEvents(b)
	for _, y := range eb {
		if mandate != "" && y.Mandate != mandate {
			continue
		}
		for _, x := range ea {
			if x.Mandate != y.Mandate {
				continue
			}
			ref := refOf(b, y.Mandate)
			renews := func(e Event) bool {
				return e.Type == resgraph.EventExtend || e.Type == resgraph.EventEstablish || e.Type == resgraph.EventAuthorize
			}
			if renews(x) && x.Type == y.Type && (x.Until != y.Until || x.Duration != y.Duration) {
				out = append(out, Change{Kind: "until", Addressee: ref,
					From: &Side{Symbol: a.Symbol, Paragraph: strings.Join(x.Paragraphs, ", "), ParagraphID: first(x.ParagraphIDs), Text: x.Text, Until: cmp.Or(x.Until, x.Duration)},
					To:   &Side{Symbol: b.Symbol, Paragraph: strings.Join(y.Paragraphs, ", "), ParagraphID: first(y.ParagraphIDs), Text: y.Text, Until: cmp.Or(y.Until, y.Duration)}})
			}
		}
		if slices.Contains(y.Changes, "strength") {
			for _, x := range strengthEvents(a, y.Mandate) {
				for _, z := range strengthEvents(b, y.Mandate) {
					if numbers(x.Text) != numbers(z.Text) && Similarity(x.Text, z.Text) >= 0.4 {
						out = append(out, Change{Kind: "strength", Addressee: refOf(b, y.Mandate),
							From: &Side{Symbol: a.Symbol, Paragraph: x.Paragraph, ParagraphID: x.ParagraphID, Text: x.Text},
							To:   &Side{Symbol: b.Symbol, Paragraph: z.Paragraph, ParagraphID: z.ParagraphID, Text: z.Text}})
					}
				}
			}
		}
	}
	return out
}

func strengthEvents(d *resgraph.Document, id resgraph.ActorID) []resgraph.MandateEvent {
	var out []resgraph.MandateEvent
	for _, e := range d.Events {
		if e.Mandate.ID == id && e.Type == resgraph.EventModify && slices.Contains(e.Changes, "strength") {
			out = append(out, e)
		}
	}
	return out
}

var reNumber = regexp.MustCompile(`\d[\d,]*`)

func numbers(s string) string { return strings.Join(reNumber.FindAllString(s, -1), " ") }

func refOf(d *resgraph.Document, id resgraph.ActorID) resgraph.ActorRef {
	for _, e := range d.Events {
		if e.Mandate.ID == id {
			return e.Mandate
		}
	}
	return resgraph.ActorRef{ID: id}
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

func obligations(d *resgraph.Document, mandate resgraph.ActorID) []*resgraph.Action {
	var out []*resgraph.Action
	for i := range d.Actions {
		a := &d.Actions[i]
		if (a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask) && a.Addressee != nil &&
			(mandate == "" || a.Addressee.ID == mandate) {
			out = append(out, a)
		}
	}
	return out
}

func side(d *resgraph.Document, a *resgraph.Action) *Side {
	p := a.Paragraph
	if a.Item != "" {
		p += " " + a.Item
	}
	return &Side{Symbol: d.Symbol, Paragraph: p, ParagraphID: a.ParagraphID, Verb: a.Verb, Class: a.Class, Text: a.Action, Until: a.Until}
}

// norm folds case, spaces and the hyphens a typesetter varies
// ("non‑earmarked" with U+2011 in one text, "non-earmarked" in the other).
func norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(hyphens.Replace(s))), " ")
}

var hyphens = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u00ad", "")

// maxDiffCells bounds the word diff's table (words of one side times the
// other's); beyond it the change is one deletion and one insertion.
const maxDiffCells = 4_000_000

// WordDiff returns the word-level edits that turn a into b (longest common
// subsequence of their words).
func WordDiff(a, b string) []WordEdit {
	wa, wb := strings.Fields(hyphens.Replace(a)), strings.Fields(hyphens.Replace(b))
	if len(wa)*len(wb) > maxDiffCells {
		return []WordEdit{{"-", a}, {"+", b}}
	}
	n, m := len(wa), len(wb)
	// lcs[i][j]: the longest common subsequence of wa[i:] and wb[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []WordEdit
	emit := func(op, w string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += " " + w
			return
		}
		out = append(out, WordEdit{op, w})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case wa[i] == wb[j]:
			emit("=", wa[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			emit("-", wa[i])
			i++
		default:
			emit("+", wb[j])
			j++
		}
	}
	for ; i < n; i++ {
		emit("-", wa[i])
	}
	for ; j < m; j++ {
		emit("+", wb[j])
	}
	return out
}

// LaterText is the text the Council adopted later on the subject of a
// draft that was not adopted.
type LaterText struct {
	Draft      resgraph.Symbol
	Document   *resgraph.Document
	Similarity float64 // cosine of the operative paragraphs' words, weighted by rarity
}

// MinLaterSimilarity is the least likeness for an adopted text to count as
// the later text on a draft's subject: on the corpus's 19 drafts, the 5
// pairs at or above it are all on the same subject (docs/mandates.md).
const MinLaterSimilarity = 0.40

// LaterAdopted returns, for each draft in docs that was put to the vote and
// not adopted, the resolution adopted within a year after it whose
// operative paragraphs are most alike (the cosine of their words weighted
// by inverse document frequency over the resolutions, words in half of
// them or more left out), when at least MinLaterSimilarity alike.
func LaterAdopted(docs []*resgraph.Document) []LaterText {
	var res []*resgraph.Document
	for _, d := range docs {
		if d.Kind == resgraph.KindResolution && d.Date != "" {
			res = append(res, d)
		}
	}
	df := map[string]int{}
	counts := make([]map[string]int, len(res))
	for i, d := range res {
		counts[i] = wordCounts(operativeText(d))
		for w := range counts[i] {
			df[w]++
		}
	}
	n := float64(len(res))
	vec := func(c map[string]int) map[string]float64 {
		v := map[string]float64{}
		for w, k := range c {
			if float64(df[w]) >= n/2 {
				continue
			}
			v[w] = (1 + math.Log(float64(k))) * math.Log(n/float64(1+df[w]))
		}
		return v
	}
	vecs := make([]map[string]float64, len(res))
	for i := range res {
		vecs[i] = vec(counts[i])
	}
	var out []LaterText
	for _, d := range docs {
		if d.Status != resgraph.StatusNotAdopted || d.Date == "" {
			continue
		}
		v, until := vec(wordCounts(operativeText(d))), AddDuration(d.Date, "P1Y")
		best := LaterText{Draft: d.Symbol}
		holders, place := map[resgraph.ActorID]bool{}, ""
		for _, e := range d.Events {
			holders[e.Mandate.ID] = true
		}
		if len(holders) == 0 {
			place = topState(d)
		}
		for i, r := range res {
			if r.Date < d.Date || r.Date > until {
				continue
			}
			// A draft on a mandate is answered by a decision on it (the
			// Mali panel's vetoed renewal is not answered by Yemen's);
			// another by a text on the same State.
			if len(holders) > 0 && !slices.ContainsFunc(r.Events, func(e resgraph.MandateEvent) bool { return holders[e.Mandate.ID] }) ||
				place != "" && !namesState(r, place) {
				continue
			}
			if s := cosine(v, vecs[i]); s > best.Similarity {
				best.Document, best.Similarity = r, s
			}
		}
		if best.Similarity >= MinLaterSimilarity {
			out = append(out, best)
		}
	}
	return out
}

// topState is the State the document's obligations address most
// ("state/mali" for "state/mali/government" too), or "".
func topState(d *resgraph.Document) string {
	n := map[string]int{}
	for i := range d.Actions {
		if a := d.Actions[i].Addressee; a != nil && strings.HasPrefix(string(a.ID), "state/") {
			n[stateOf(a.ID)]++
		}
	}
	best := ""
	for s, k := range n {
		if k > n[best] || k == n[best] && s < best {
			best = s
		}
	}
	return best
}

func stateOf(id resgraph.ActorID) string {
	parts := strings.SplitN(string(id), "/", 3)
	if len(parts) < 2 {
		return string(id)
	}
	return parts[0] + "/" + parts[1]
}

// namesState reports whether one of d's obligations addresses state.
func namesState(d *resgraph.Document, state string) bool {
	for i := range d.Actions {
		if a := d.Actions[i].Addressee; a != nil && stateOf(a.ID) == state {
			return true
		}
	}
	return false
}

func wordCounts(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 {
			out[w]++
		}
	}
	return out
}

func cosine(a, b map[string]float64) float64 {
	var dot, na, nb float64
	for w, x := range a {
		dot += x * b[w]
		na += x * x
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func operativeText(d *resgraph.Document) string {
	var b strings.Builder
	for i := range d.Paragraphs {
		if d.Paragraphs[i].Kind == resgraph.ParaOperative {
			b.WriteString(d.Paragraphs[i].Text)
			b.WriteByte(' ')
		}
	}
	return b.String()
}
