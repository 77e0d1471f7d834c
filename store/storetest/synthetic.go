package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/resgraph/resgraph"
)

// SyntheticActors returns n registry actors with ids "synthetic/<i>",
// plus the fixture's actors.
func SyntheticActors(n int) []resgraph.Actor {
	out := Actors()
	for i := 0; i < n; i++ {
		out = append(out, resgraph.Actor{
			ID: resgraph.ActorID(fmt.Sprintf("synthetic/actor-%d", i)), Name: fmt.Sprintf("Synthetic Actor %d", i),
			Type: resgraph.ActorState, Aliases: []string{fmt.Sprintf("SA%d", i), fmt.Sprintf("the %dth actor", i)},
		})
	}
	return out
}

// Synthetic returns n documents shaped like extracted Council resolutions
// (about 34 paragraphs, 25 actions and 8 references each; ~850 quads),
// addressing actors from SyntheticActors(actors) with a skew: a few actors
// get most obligations, as the Secretary-General does in the corpus.
func Synthetic(n, actors int, seed uint64) []*resgraph.Document {
	r := rand.New(rand.NewPCG(seed, 2085))
	words := strings.Fields("the council decides requests calls upon urges all parties to implement fully mandate mission report " +
		"within days security situation political process humanitarian assistance human rights sanctions measures support " +
		"cooperation government authorities transitional elections ceasefire agreement monitoring protection civilians")
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	actor := func() *resgraph.ActorRef {
		var i int
		if r.IntN(3) == 0 {
			i = r.IntN(5) // hubs
		} else {
			i = r.IntN(actors)
		}
		id := resgraph.ActorID(fmt.Sprintf("synthetic/actor-%d", i))
		return &resgraph.ActorRef{ID: id, Name: fmt.Sprintf("Synthetic Actor %d", i), Mention: "the " + text(2), Type: resgraph.ActorState,
			Aliases: []string{fmt.Sprintf("SA%d", i)}}
	}
	verbs := []struct {
		verb  string
		class resgraph.Class
	}{{"decides", resgraph.ClassDecision}, {"requests", resgraph.ClassRequest}, {"calls upon", resgraph.ClassWeakRecommend},
		{"urges", resgraph.ClassStrongRecommend}, {"demands", resgraph.ClassDemand}, {"authorizes", resgraph.ClassAuthorization}}
	docs := make([]*resgraph.Document, n)
	for d := range docs {
		year := 1990 + d%35
		doc := &resgraph.Document{
			Symbol:   resgraph.Symbol(fmt.Sprintf("S/RES/%d (%d)", 1000+d, year)),
			Kind:     resgraph.KindResolution,
			Date:     fmt.Sprintf("%d-%02d-%02d", year, 1+d%12, 1+d%28),
			Meeting:  fmt.Sprintf("%dth meeting", 3000+d),
			Title:    "Resolution " + text(8),
			Sponsors: []string{},
			Language: "en",
			Source:   resgraph.Source{File: fmt.Sprintf("synthetic/%d.xml", d), Format: resgraph.FormatAKN, SHA256: fmt.Sprintf("%064x", d)},
			Subjects: []resgraph.Subject{{Dictionary: "UNBIS", Label: strings.ToUpper(text(2))}},
		}
		off := 0
		para := func(id string, kind resgraph.ParaKind, num, item string) {
			t := text(30 + r.IntN(40))
			doc.Paragraphs = append(doc.Paragraphs, resgraph.Paragraph{ID: id, Kind: kind, Number: num, Item: item, Lead: "Recalling",
				Text: t, Start: off, End: off + len(t), Line: 1 + len(doc.Paragraphs)*2, Column: 5})
			off += len(t) + 2
		}
		for i := 1; i <= 12; i++ {
			para(fmt.Sprintf("pre%d", i), resgraph.ParaPreambular, "", "")
		}
		for i := 1; i <= 18; i++ {
			para(fmt.Sprintf("op%d", i), resgraph.ParaOperative, fmt.Sprint(i), "")
		}
		for _, it := range []string{"(a)", "(b)", "(c)", "(d)"} {
			para("op5"+it, resgraph.ParaOperative, "5", it)
		}
		for i := 0; i < 25; i++ {
			p := doc.Paragraphs[12+i%22]
			v := verbs[r.IntN(len(verbs))]
			a := resgraph.Action{Paragraph: p.Number, ParagraphID: p.ID, Item: p.Item, Kind: resgraph.ActionDirective,
				Verb: v.verb, VerbPhrase: v.verb, Class: v.class, Addressee: actor(), Action: "to " + text(10),
				Text: text(14), Start: 0, End: 90, Marks: []resgraph.Mark{{Role: "verb", Start: 0, End: 8}}}
			switch {
			case i >= 23:
				a.Kind, a.Class, a.Addressee = resgraph.ActionSelf, resgraph.ClassSelf, nil
			case i >= 20:
				a.Kind, a.Class, a.Target = resgraph.ActionStance, resgraph.ClassStance, text(5)
			case p.Item != "":
				a.Kind = resgraph.ActionTask
			}
			if i%3 == 0 && a.Kind == resgraph.ActionDirective {
				a.Partners = []resgraph.ActorRef{*actor()}
				a.Deadline, a.Recurrence = "within 90 days", "P90D"
			}
			doc.Actions = append(doc.Actions, a)
		}
		for i := 0; i < 8; i++ {
			doc.References = append(doc.References, resgraph.Reference{
				Symbol: resgraph.Symbol(fmt.Sprintf("S/RES/%d (%d)", 1000+r.IntN(n), year-1)), Relation: "recalls",
				ParagraphID: doc.Paragraphs[i].ID, Mention: "resolution", Start: 10, End: 21})
		}
		docs[d] = doc
	}
	return docs
}
