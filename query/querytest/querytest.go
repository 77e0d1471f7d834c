// Package querytest provides hand-made documents and actors for tests of
// the read model and the GraphQL API, independent of the loader.
//
// Seed builds the seed document S/2012/946 from the real text in data/ (its
// operative paragraphs split by a deliberately simple rule) with the
// directives a careful reader finds in it, typed by hand; plus two
// resolutions around it so citations run both ways. It is a stand-in for
// the loader's output while the loader is young, and a fixed point for API
// tests afterwards.
package querytest

import (
	"regexp"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
)

// Actors is a small registry for the fixtures.
func Actors() []resgraph.Actor {
	return []resgraph.Actor{
		{ID: "secretary-general", Name: "Secretary-General", Type: resgraph.ActorUNOfficial,
			Aliases: []string{"Secretary-General of the United Nations", "United Nations Secretary-General", "UN Secretary-General", "UNSG"}, UNEntity: "EOSG"},
		{ID: "african-union", Name: "African Union", Type: resgraph.ActorRegionalOrg, Aliases: []string{"AU"}},
		{ID: "ecowas", Name: "Economic Community of West African States", Type: resgraph.ActorRegionalOrg, Aliases: []string{"ECOWAS"}},
		{ID: "afisma", Name: "African-led International Support Mission in Mali", Type: resgraph.ActorMission, Aliases: []string{"AFISMA"}, LedBy: "african-union"},
		{ID: "state/mali", Name: "Mali", Type: resgraph.ActorState, Aliases: []string{"Republic of Mali"}},
		{ID: "mali/transitional-authorities", Name: "Transitional authorities of Mali", Type: resgraph.ActorNational,
			Aliases: []string{"Malian transitional authorities"}, PartOf: "state/mali"},
		{ID: "mali/armed-forces", Name: "Malian Armed Forces", Type: resgraph.ActorNational,
			Aliases: []string{"Malian Defence and Security Forces"}, PartOf: "state/mali"},
		{ID: "member-states", Name: "Member States", Type: resgraph.ActorCollective, Aliases: []string{"all Member States"}},
		{ID: "regional-organizations", Name: "regional organizations", Type: resgraph.ActorCollective},
		{ID: "international-organizations", Name: "international organizations", Type: resgraph.ActorCollective},
		{ID: "security-council", Name: "Security Council", Type: resgraph.ActorUNOrgan, Aliases: []string{"Council"}},
	}
}

// Seed returns the hand-made documents: S/2012/946 (the seed, a draft
// adopted as S/RES/2085 (2012)), S/RES/2071 (2012), which it cites, and
// S/RES/2100 (2013), which cites it by its adopted symbol.
func Seed() []*resgraph.Document {
	return []*resgraph.Document{seedDoc(), res2071(), res2100()}
}

var opStart = regexp.MustCompile(`(?m)^ ?(\d{1,2})\. `)

// seedDoc reads data/S_2012_946.txt: paragraphs 1..25 are cut at their
// printed numbers, two preambular paragraphs are typed in.
func seedDoc() *resgraph.Document {
	b, err := data.FS.ReadFile("S_2012_946.txt")
	if err != nil {
		panic("querytest: " + err.Error()) // embedded: cannot happen
	}
	text := string(b)
	d := &resgraph.Document{
		Symbol: "S/2012/946", Kind: resgraph.KindDraftResolution, AdoptedSymbol: "S/RES/2085 (2012)",
		Date: "2012-12-20", Title: "Draft resolution on the situation in Mali", ChapterVII: true,
		Sponsors: []string{"France", "Togo"}, Source: resgraph.Source{File: "data/S_2012_946.txt", Format: resgraph.FormatText},
		Paragraphs: []resgraph.Paragraph{
			{ID: "pre1", Kind: resgraph.ParaPreambular, Lead: "Recalling", Text: "Recalling its resolutions 2056 (2012) and 2071 (2012), its Presidential Statements of 26 March 2012 (S/PRST/2012/7) and 4 April 2012 (S/PRST/2012/9),"},
			{ID: "pre2", Kind: resgraph.ParaPreambular, Lead: "Taking note", Text: "Taking note of the Secretary-General's report on Mali dated 28 November 2012 (S/2012/894),"},
		},
	}
	locs := opStart.FindAllStringSubmatchIndex(text, -1)
	for i, l := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if cut := strings.Index(text[l[1]:end], "\n (a) "); cut >= 0 {
			end = l[1] + cut
		}
		body := strings.Join(strings.Fields(strings.ReplaceAll(text[l[1]:end], "\f", " ")), " ")
		if j := strings.Index(body, " United Nations S/2012/946"); j >= 0 {
			body = body[:j]
		}
		start := l[2]
		line := 1 + strings.Count(text[:start], "\n")
		col := start - strings.LastIndex(text[:start], "\n")
		num := text[l[2]:l[3]]
		lead := strings.Fields(body)[0]
		d.Paragraphs = append(d.Paragraphs, resgraph.Paragraph{ID: "op" + num, Kind: resgraph.ParaOperative, Number: num,
			Lead: lead, Text: body, Start: start, End: end, Line: line, Column: col})
	}
	type row struct {
		para, actor, name, verb, class string
		kind                           resgraph.ActionKind
		partners                       []string
	}
	rows := []row{
		{"1", "mali/transitional-authorities", "transitional authorities of Mali", "urges", "strong recommendation", resgraph.ActionDirective, nil},
		{"1", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, []string{"ecowas", "african-union"}},
		{"2", "x/malian-rebel-groups", "Malian rebel groups", "demands", "demand", resgraph.ActionDirective, nil},
		{"3", "mali/transitional-authorities", "transitional authorities of Mali", "urges", "strong recommendation", resgraph.ActionDirective, nil},
		{"3", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"4", "mali/armed-forces", "Malian Armed Forces", "demands", "demand", resgraph.ActionDirective, nil},
		{"5", "member-states", "Member States", "calls upon", "strong recommendation", resgraph.ActionDirective, nil},
		{"7", "member-states", "Member States", "urges", "strong recommendation", resgraph.ActionDirective, nil},
		{"7", "regional-organizations", "regional organizations", "urges", "strong recommendation", resgraph.ActionDirective, nil},
		{"7", "international-organizations", "international organizations", "urges", "strong recommendation", resgraph.ActionDirective, nil},
		{"9", "afisma", "AFISMA", "decides", "authorization", resgraph.ActionDirective, nil},
		{"10", "african-union", "African Union", "requests", "request", resgraph.ActionDirective, []string{"ecowas", "secretary-general"}},
		{"11", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, []string{"state/mali", "ecowas", "african-union"}},
		{"12", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"13", "member-states", "Member States", "calls upon", "strong recommendation", resgraph.ActionDirective, nil},
		{"18", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"19", "afisma", "AFISMA", "calls upon", "strong recommendation", resgraph.ActionDirective, nil},
		{"21", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, []string{"african-union", "ecowas"}},
		{"22", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"22", "member-states", "Member States", "calls upon", "strong recommendation", resgraph.ActionDirective, nil},
		{"22", "african-union", "African Union", "requests", "request", resgraph.ActionDirective, []string{"ecowas", "secretary-general"}},
		{"23", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"24", "secretary-general", "Secretary-General", "requests", "request", resgraph.ActionDirective, nil},
		{"4", "x/circumstances-of-the-resignation", "circumstances that led to the resignation of the Prime Minister", "condemns", "stance", resgraph.ActionStance, nil},
		{"8", "member-states", "Member States", "takes note", "stance", resgraph.ActionStance, nil},
	}
	reg := map[resgraph.ActorID]resgraph.Actor{}
	for _, a := range Actors() {
		reg[a.ID] = a
	}
	ref := func(id, mention string) *resgraph.ActorRef {
		a, ok := reg[resgraph.ActorID(id)]
		if !ok {
			return &resgraph.ActorRef{ID: resgraph.ActorID(id), Name: mention, Mention: mention, Type: resgraph.ActorUnknown}
		}
		return &resgraph.ActorRef{ID: a.ID, Name: a.Name, Mention: mention, Type: a.Type, Aliases: a.Aliases}
	}
	for _, r := range rows {
		p := para(d, "op"+r.para)
		verb := strings.ToLower(r.verb)
		a := resgraph.Action{Paragraph: r.para, ParagraphID: "op" + r.para, Kind: r.kind, Verb: verb, VerbPhrase: verb,
			Verbs: []string{verb}, Class: resgraph.Class(r.class), Addressee: ref(r.actor, r.name), Text: p.Text, End: len(p.Text),
			ChapterVII: r.para == "9"}
		if i := strings.Index(p.Text, " to "); i >= 0 && r.kind != resgraph.ActionStance {
			a.Action = strings.TrimSuffix(strings.TrimSpace(p.Text[i+1:]), ";")
		}
		for _, id := range r.partners {
			pa := *ref(id, reg[resgraph.ActorID(id)].Name)
			a.Partners = append(a.Partners, pa)
		}
		if r.para == "10" {
			a.Recurrence, a.Deadline = "P60D", "every 60 days"
		}
		d.Actions = append(d.Actions, a)
	}
	for _, c := range []struct{ sym, rel, pid string }{
		{"S/RES/2056 (2012)", "recalls", "pre1"}, {"S/RES/2071 (2012)", "recalls", "pre1"},
		{"S/PRST/2012/7", "recalls", "pre1"}, {"S/PRST/2012/9", "recalls", "pre1"}, {"S/2012/894", "takes note of", "pre2"},
	} {
		d.References = append(d.References, resgraph.Reference{Symbol: resgraph.Symbol(c.sym), Relation: c.rel, ParagraphID: c.pid, Mention: c.sym})
	}
	return d
}

func para(d *resgraph.Document, id string) *resgraph.Paragraph {
	for i := range d.Paragraphs {
		if d.Paragraphs[i].ID == id {
			return &d.Paragraphs[i]
		}
	}
	panic("querytest: no paragraph " + id)
}

// res2071 is an abridged S/RES/2071 (2012), typed in.
func res2071() *resgraph.Document {
	p := "Requests the Secretary-General to provide immediately military and security planners to assist ECOWAS and the African Union in the joint planning process;"
	return &resgraph.Document{
		Symbol: "S/RES/2071 (2012)", Kind: resgraph.KindResolution, Date: "2012-10-12", Meeting: "6846th meeting",
		Title: "Resolution 2071 (2012) on the situation in Mali", ChapterVII: true,
		Paragraphs: []resgraph.Paragraph{
			{ID: "pre1", Kind: resgraph.ParaPreambular, Lead: "Recalling", Text: "Recalling its resolution 2056 (2012),"},
			{ID: "op7", Kind: resgraph.ParaOperative, Number: "7", Lead: "Requests", Text: p},
		},
		Actions: []resgraph.Action{{Paragraph: "7", ParagraphID: "op7", Kind: resgraph.ActionDirective, Verb: "requests", VerbPhrase: "requests",
			Class: resgraph.ClassRequest, Addressee: &resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General", Mention: "Secretary-General"},
			Partners: []resgraph.ActorRef{{ID: "ecowas", Name: "Economic Community of West African States", Mention: "ECOWAS"}, {ID: "african-union", Name: "African Union", Mention: "African Union"}},
			Action:   "to provide immediately military and security planners", Text: p, End: len(p)}},
		References: []resgraph.Reference{{Symbol: "S/RES/2056 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "resolution 2056 (2012)"}},
	}
}

// res2100 is an abridged S/RES/2100 (2013), typed in.
func res2100() *resgraph.Document {
	p := "Requests the Secretary-General to report to the Council on the implementation of this resolution every three months;"
	return &resgraph.Document{
		Symbol: "S/RES/2100 (2013)", Kind: resgraph.KindResolution, Date: "2013-04-25", Meeting: "6952nd meeting",
		Title: "Resolution 2100 (2013) establishing MINUSMA", ChapterVII: true,
		Paragraphs: []resgraph.Paragraph{
			{ID: "pre1", Kind: resgraph.ParaPreambular, Lead: "Recalling", Text: "Recalling its resolutions 2056 (2012), 2071 (2012) and 2085 (2012),"},
			{ID: "op34", Kind: resgraph.ParaOperative, Number: "34", Lead: "Requests", Text: p},
		},
		Actions: []resgraph.Action{{Paragraph: "34", ParagraphID: "op34", Kind: resgraph.ActionDirective, Verb: "requests", VerbPhrase: "requests",
			Class: resgraph.ClassRequest, Addressee: &resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General", Mention: "Secretary-General"},
			Action: "to report to the Council on the implementation of this resolution every three months", Recurrence: "P3M", Text: p, End: len(p)}},
		References: []resgraph.Reference{
			{Symbol: "S/RES/2056 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2056 (2012)"},
			{Symbol: "S/RES/2071 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2071 (2012)"},
			{Symbol: "S/RES/2085 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2085 (2012)"},
		},
	}
}
