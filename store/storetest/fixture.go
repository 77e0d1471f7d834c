package storetest

import (
	"github.com/resgraph/resgraph"
)

// Actors returns a small registry for the fixture documents.
func Actors() []resgraph.Actor {
	return []resgraph.Actor{
		{ID: "security-council", Name: "Security Council", Type: resgraph.ActorUNOrgan, Aliases: []string{"the Council"}, UNEntity: "SC"},
		{ID: "secretary-general", Name: "Secretary-General", Type: resgraph.ActorUNOfficial, Aliases: []string{"the Secretary-General", "SG"}},
		{ID: "african-union", Name: "African Union", Type: resgraph.ActorRegionalOrg, Aliases: []string{"AU"}},
		{ID: "ecowas", Name: "Economic Community of West African States", Type: resgraph.ActorRegionalOrg, Aliases: []string{"ECOWAS"}},
		{ID: "afisma", Name: "African-led International Support Mission in Mali", Type: resgraph.ActorMission, Aliases: []string{"AFISMA"}, LedBy: "african-union"},
		{ID: "state/mali", Name: "Mali", Type: resgraph.ActorState},
		{ID: "state/mali/transitional-authorities", Name: "Transitional authorities of Mali", Type: resgraph.ActorNational, PartOf: "state/mali",
			Note: "the authorities in place after the 2012 coup"},
		{ID: "member-states", Name: "Member States", Type: resgraph.ActorCollective},
		{ID: "al-qaida", Name: "Al-Qaida", Type: resgraph.ActorArmedGroup, Sanctions: "QDe.004"},
	}
}

func ref(id resgraph.ActorID, name, mention string, typ resgraph.ActorType, aliases ...string) *resgraph.ActorRef {
	return &resgraph.ActorRef{ID: id, Name: name, Mention: mention, Type: typ, Aliases: aliases}
}

// Documents returns hand-built documents shaped like the extractor's
// output: resolution 2085 (2012) on Mali, its draft's twin fields, and a
// later resolution addressing the same actors.
func Documents() []*resgraph.Document {
	return []*resgraph.Document{Resolution2085(), Resolution2100()}
}

// Resolution2085 is a realistic excerpt of S/RES/2085 (2012).
func Resolution2085() *resgraph.Document {
	sg := ref("secretary-general", "Secretary-General", "the Secretary-General", resgraph.ActorUNOfficial, "the Secretary-General", "SG")
	afisma := ref("afisma", "African-led International Support Mission in Mali", "AFISMA", resgraph.ActorMission, "AFISMA")
	malians := ref("state/mali/transitional-authorities", "Transitional authorities of Mali", "the Malian transitional authorities", resgraph.ActorNational)
	return &resgraph.Document{
		Symbol:      "S/RES/2085 (2012)",
		Kind:        resgraph.KindResolution,
		DraftSymbol: "S/2012/946",
		Date:        "2012-12-20",
		Meeting:     "6898th meeting",
		Title:       "Resolution 2085 (2012) Adopted by the Security Council at its 6898th meeting, on 20 December 2012",
		Sponsors:    []string{"France", "Togo", "Morocco"},
		Extractor:   "0.1.0",
		Votes: &resgraph.Votes{For: 15, Members: []resgraph.MemberVote{
			{Member: "France", Vote: "for"}, {Member: "Togo", Vote: "for"}, {Member: "Russian Federation", Vote: "for"},
		}},
		ChapterVII: true,
		Subjects: []resgraph.Subject{
			{Dictionary: "UNBIS", Label: "PEACEKEEPING OPERATIONS", IRI: "http://metadata.un.org/thesaurus/1004735"},
			{Dictionary: "UNBIS", Label: "MALI"},
		},
		Language: "en",
		Source:   resgraph.Source{File: "data/S_2012_946.txt", Format: resgraph.FormatText, SHA256: "5f1c0e7d"},
		Paragraphs: []resgraph.Paragraph{
			{ID: "pre1", Kind: resgraph.ParaPreambular, Lead: "Recalling", Text: "Recalling its resolutions 2056 (2012) and 2071 (2012),",
				Start: 412, End: 466, Line: 14, Column: 5},
			{ID: "pre2", Kind: resgraph.ParaPreambular, Lead: "Strongly condemning",
				Text:  "Strongly condemning the abuses of human rights committed in the north of Mali by armed rebels, terrorist groups and other organized crime networks,",
				Start: 468, End: 613, Line: 16, Column: 5, Footnotes: []string{"See S/2012/894.", "Including \"Al-Qaida\" affiliates; see paragraph 9 below."}},
			{ID: "h1", Kind: resgraph.ParaHeading, Text: "Political process", Start: 700, End: 717, Line: 20, Column: 1},
			{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Section: "Political process", Lead: "Urges",
				Text:  "Urges the Malian transitional authorities to finalize a transitional roadmap through broad-based dialogue;",
				Start: 720, End: 825, Line: 22, Column: 5},
			{ID: "op9", Kind: resgraph.ParaOperative, Number: "9", Section: "Deployment of AFISMA", Lead: "Decides",
				Text:  "Decides to authorize the deployment of an African-led International Support Mission in Mali (AFISMA) for an initial period of one year, which shall take all necessary measures to:",
				Start: 1500, End: 1677, Line: 40, Column: 5},
			{ID: "op9(a)", Kind: resgraph.ParaOperative, Number: "9", Item: "(a)", Section: "Deployment of AFISMA",
				Text:  "To contribute to the rebuilding of the capacity of the Malian Defence and Security Forces;",
				Start: 1680, End: 1769, Line: 42, Column: 9},
			{ID: "op9(b)", Kind: resgraph.ParaOperative, Number: "9", Item: "(b)", Section: "Deployment of AFISMA",
				Text:  "To support the Malian authorities in recovering the areas in the north;",
				Start: 1772, End: 1843, Line: 43, Column: 9},
			{ID: "op23", Kind: resgraph.ParaOperative, Number: "23", Lead: "Requests",
				Text:  "Requests the Secretary-General to report to the Council every 90 days, and within 30 days on the progress made, as referred to in paragraph 9 above;",
				Start: 3000, End: 3147, Line: 80, Column: 5},
			{ID: "op24", Kind: resgraph.ParaOperative, Number: "24", Lead: "Decides", Text: "Decides to remain actively seized of the matter.",
				Start: 3150, End: 3198, Line: 82, Column: 5},
		},
		Actions: []resgraph.Action{
			{Paragraph: "1", ParagraphID: "op1", Kind: resgraph.ActionDirective, Verb: "urges", VerbPhrase: "urges", Class: resgraph.ClassStrongRecommend,
				Addressee: malians, Action: "to finalize a transitional roadmap through broad-based dialogue",
				Text: "Urges the Malian transitional authorities to finalize a transitional roadmap through broad-based dialogue", Start: 0, End: 104,
				Marks: []resgraph.Mark{{Role: "verb", Start: 0, End: 5}, {Role: "addressee", Start: 6, End: 40}, {Role: "action", Start: 41, End: 104}}},
			{Paragraph: "9", ParagraphID: "op9", Kind: resgraph.ActionDirective, Verb: "decides", VerbPhrase: "decides", Verbs: []string{"decides", "authorizes"},
				Class: resgraph.ClassAuthorization, Addressee: afisma, Action: "to take all necessary measures",
				Partners: []resgraph.ActorRef{*malians}, Duration: "for an initial period of one year", Until: "2013-12-20", ChapterVII: true,
				Text: "Decides to authorize the deployment of ... AFISMA", Start: 0, End: 176},
			{Paragraph: "9", ParagraphID: "op9(a)", Item: "(a)", Kind: resgraph.ActionTask, Verb: "decides", VerbPhrase: "decides", Class: resgraph.ClassAuthorization,
				Addressee: afisma, Action: "to contribute to the rebuilding of the capacity of the Malian Defence and Security Forces",
				Beneficiaries: []resgraph.ActorRef{*ref("state/mali/armed-forces", "Armed forces of Mali", "the Malian Defence and Security Forces", resgraph.ActorNational)},
				ChapterVII:    true, Text: "To contribute to the rebuilding of the capacity of the Malian Defence and Security Forces", Start: 0, End: 88},
			{Paragraph: "9", ParagraphID: "op9(b)", Item: "(b)", Kind: resgraph.ActionTask, Verb: "decides", VerbPhrase: "decides", Class: resgraph.ClassAuthorization,
				Addressee: afisma, Action: "to support the Malian authorities in recovering the areas in the north",
				Partners:   []resgraph.ActorRef{*malians, *ref("x/malian-defence-forces", "Malian defence forces", "Malian defence forces", resgraph.ActorUnknown)},
				ChapterVII: true, Text: "To support the Malian authorities in recovering the areas in the north", Start: 0, End: 70},
			{Paragraph: "23", ParagraphID: "op23", Kind: resgraph.ActionDirective, Verb: "requests", VerbPhrase: "requests", Class: resgraph.ClassRequest,
				Addressee: sg, Action: "to report to the Council", Deadline: "within 30 days", DeadlineDate: "2013-01-19", Recurrence: "P90D",
				Condition: "on the progress made", Text: "Requests the Secretary-General to report to the Council every 90 days", Start: 0, End: 69},
			{Paragraph: "", ParagraphID: "pre2", Kind: resgraph.ActionStance, Verb: "condemns", VerbPhrase: "strongly condemning", Class: resgraph.ClassStance,
				Addressee: ref("x/armed-rebels", "armed rebels", "armed rebels", resgraph.ActorUnknown),
				Target:    "the abuses of human rights committed in the north of Mali", Text: "Strongly condemning the abuses", Start: 0, End: 30},
			{Paragraph: "24", ParagraphID: "op24", Kind: resgraph.ActionSelf, Verb: "decides", VerbPhrase: "decides", Class: resgraph.ClassSelf,
				Action: "to remain actively seized of the matter", Text: "Decides to remain actively seized of the matter.", Start: 0, End: 48},
		},
		References: []resgraph.Reference{
			{Symbol: "S/RES/2056 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2056 (2012)", Start: 27, End: 38},
			{Symbol: "S/RES/2071 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2071 (2012)", Start: 43, End: 54},
			{Symbol: "S/2012/894", Relation: "cites", ParagraphID: "pre2", Mention: "S/2012/894"},
			{Symbol: "S/RES/2085 (2012)", Relation: "cites", Paragraph: "23", ParagraphID: "op23", Target: "op9", Mention: "paragraph 9 above", Start: 125, End: 142},
		},
		Defined:  []resgraph.Definition{{Acronym: "AFISMA", Name: "African-led International Support Mission in Mali", Actor: "afisma", Paragraph: "op9"}},
		Warnings: []string{"op9: sub-item (c) not found"},
	}
}

// Resolution2100 is a later resolution naming the same actors.
func Resolution2100() *resgraph.Document {
	sg := ref("secretary-general", "Secretary-General", "the Secretary-General", resgraph.ActorUNOfficial, "the Secretary-General", "SG")
	return &resgraph.Document{
		Symbol:   "S/RES/2100 (2013)",
		Kind:     resgraph.KindResolution,
		Date:     "2013-04-25",
		Meeting:  "6952nd meeting",
		Sponsors: []string{},
		Language: "en",
		Source:   resgraph.Source{File: "corpus/S_RES_2100_E.xml", Format: resgraph.FormatAKN},
		Paragraphs: []resgraph.Paragraph{
			{ID: "pre1", Kind: resgraph.ParaPreambular, Lead: "Recalling", Text: "Recalling its resolution 2085 (2012),", Start: 10, End: 47, Line: 3, Column: 1},
			{ID: "op7", Kind: resgraph.ParaOperative, Number: "7", Lead: "Requests",
				Text:  "Requests the Secretary-General, in coordination with the African Union and ECOWAS, to transfer authority from AFISMA to MINUSMA on 1 July 2013;",
				Start: 60, End: 203, Line: 9, Column: 1},
			{ID: "op8", Kind: resgraph.ParaOperative, Number: "8", Lead: "Calls upon",
				Text: "Calls upon all Member States to support MINUSMA;", Start: 210, End: 258, Line: 11, Column: 1},
		},
		Actions: []resgraph.Action{
			{Paragraph: "7", ParagraphID: "op7", Kind: resgraph.ActionDirective, Verb: "requests", VerbPhrase: "requests", Class: resgraph.ClassRequest,
				Addressee: sg, Action: "to transfer authority from AFISMA to MINUSMA on 1 July 2013", DeadlineDate: "2013-07-01",
				Partners: []resgraph.ActorRef{
					*ref("african-union", "African Union", "the African Union", resgraph.ActorRegionalOrg, "AU"),
					*ref("ecowas", "Economic Community of West African States", "ECOWAS", resgraph.ActorRegionalOrg, "ECOWAS"),
				},
				Text: "Requests the Secretary-General ... to transfer authority", Start: 0, End: 142},
			{Paragraph: "8", ParagraphID: "op8", Kind: resgraph.ActionDirective, Verb: "calls upon", VerbPhrase: "calls upon", Class: resgraph.ClassWeakRecommend,
				Addressee: ref("member-states", "Member States", "all Member States", resgraph.ActorCollective), Action: "to support MINUSMA",
				Text: "Calls upon all Member States to support MINUSMA;", Start: 0, End: 48},
		},
		References: []resgraph.Reference{
			{Symbol: "S/RES/2085 (2012)", Relation: "recalls", ParagraphID: "pre1", Mention: "2085 (2012)", Start: 25, End: 36},
		},
	}
}

// Resolution2085v2 is Resolution2085 after a correction: a paragraph and
// its action gone, a text and a deadline changed, a reference dropped.
func Resolution2085v2() *resgraph.Document {
	d := Resolution2085()
	d.Source.SHA256 = "9a0b1c2d"
	d.Paragraphs = append(d.Paragraphs[:6], d.Paragraphs[7:]...) // drop op9(b)
	d.Paragraphs[3].Text = "Urges the Malian transitional authorities to finalize without delay a transitional roadmap;"
	d.Actions = append(d.Actions[:3], d.Actions[4:]...) // drop the op9(b) task
	d.Actions[3].Deadline = "within 60 days"
	d.Actions[3].DeadlineDate = ""
	d.References = d.References[1:]
	d.Warnings = nil
	d.Votes = nil
	return d
}
