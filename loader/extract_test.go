package loader

import (
	"os"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

// opDoc builds a document of operative paragraphs from "number|item|text"
// lines ("9||Decides ...", "9|(a)|To support ...").
func opDoc(date string, lines ...string) *resgraph.Document {
	doc := &resgraph.Document{Symbol: "S/RES/9999 (2012)", Date: date}
	for _, l := range lines {
		parts := strings.SplitN(l, "|", 3)
		num, item, text := parts[0], parts[1], parts[2]
		id := "op" + num + item
		doc.Paragraphs = append(doc.Paragraphs, resgraph.Paragraph{
			ID: id, Kind: resgraph.ParaOperative, Number: num, Item: item, Text: text, Lead: leadPhrase(text),
		})
	}
	return doc
}

// got renders a document's actions as "para kind verb [class] -> addressee
// (mention)" lines for comparison.
func directivesOf(doc *resgraph.Document) []string {
	var out []string
	for _, a := range doc.Actions {
		if a.Kind != resgraph.ActionDirective && a.Kind != resgraph.ActionTask {
			continue
		}
		who := "-"
		if a.Addressee != nil {
			who = a.Addressee.Mention
		}
		out = append(out, a.Paragraph+a.Item+" "+string(a.Kind)+" "+a.Verb+" -> "+who)
	}
	return out
}

func TestExtractClauses(t *testing.T) {
	reg := builtinRegistry(t)
	cases := []struct {
		name string
		text []string
		want []string
	}{
		{"secondary verbs", []string{"1||Urges the Government to hold elections, requests the Secretary-General to report to the Council, and further urges the Government to ensure its timely implementation;"},
			[]string{"1 directive urges -> the Government", "1 directive requests -> the Secretary-General", "1 directive urges -> the Government"}},
		{"no split inside the action", []string{"1||Requests the Secretary-General to report on the situation and to submit recommendations, and to include in his report an assessment;"},
			[]string{"1 directive requests -> the Secretary-General"}},
		{"shared head", []string{"7||Urges Member States, regional and international organizations to provide coordinated assistance;"},
			[]string{"7 directive urges -> Member States", "7 directive urges -> regional organizations", "7 directive urges -> international organizations"}},
		{"three coordinated", []string{"15||Calls upon the transitional authorities of Mali, all other parties in Mali and neighbouring countries to cooperate fully;"},
			[]string{"15 directive calls upon -> the transitional authorities of Mali", "15 directive calls upon -> all other parties in Mali", "15 directive calls upon -> neighbouring countries"}},
		{"back-reference them", []string{"7||Encourages Member States and regional organizations to provide support, and invites them to inform the Committee;"},
			[]string{"7 directive encourages -> Member States", "7 directive encourages -> regional organizations", "7 directive invites -> Member States", "7 directive invites -> regional organizations"}},
		{"demands that", []string{"2||Demands that all parties in Mali immediately cease all hostilities;"},
			[]string{"2 directive demands -> all parties in Mali"}},
		{"reiterates its demand", []string{"4||Reiterates its demand that no member of the Malian Armed Forces should interfere in the work of the authorities;"},
			[]string{"4 directive reiterates -> Malian Armed Forces"}},
		{"decides that all States shall", []string{"3||Decides that all States shall:", "3|(a)|Prevent the direct or indirect supply of arms;", "3|(b)|Freeze without delay the funds of the individuals designated by the Committee;"},
			[]string{"3 directive decides -> all States", "3(a) task decides -> all States", "3(b) task decides -> all States"}},
		{"decides to remain seized", []string{"25||Decides to remain actively seized of the matter."}, nil},
		{"decides about measures", []string{"5||Decides that the measures imposed by paragraph 2 shall not apply to supplies of protective clothing;"}, nil},
		{"report topics are not tasks", []string{"10||Requests the Secretary-General to report to the Council on:", "10|(a)|The progress in the political process;"},
			[]string{"10 directive requests -> the Secretary-General"}},
		{"mandate of", []string{"16||Decides that the mandate of UNMISS shall be the following:", "16|(a)|Protection of civilians:", "16|(a)(i)|To protect civilians under threat of physical violence;"},
			[]string{"16 directive decides -> UNMISS", "16(a)(i) task decides -> UNMISS"}}, // "(a) Protection of civilians:" is a heading
		{"calls on partner", []string{"10||Requests the African Union, in close coordination with ECOWAS, the Secretary-General and other international organizations, to report to the Security Council every 60 days;"},
			[]string{"10 directive requests -> the African Union"}},
		{"requests that", []string{"11||Emphasizes that the planning must be refined and requests that the Secretary-General, in close coordination with Mali and ECOWAS, continue to support the planning;"},
			[]string{"11 directive requests -> the Secretary-General"}},
		{"stance only", []string{"6||Condemns the attacks against civilians and welcomes the report of the Secretary-General (S/2012/894);"}, nil},
		{"decides to authorize", []string{"9||Decides to authorize the deployment of an African-led International Support Mission in Mali (AFISMA) for an initial period of one year to carry out the following tasks:", "9|(a)|To support the Malian authorities;"},
			[]string{"9 directive decides -> African-led International Support Mission in Mali", "9(a) task decides -> African-led International Support Mission in Mali"}},
		{"extends a mandate", []string{"2||Decides to extend the mandate of UNMIL until 30 September 2013;"},
			[]string{"2 directive decides -> UNMIL"}},
		{"a bare verb list", []string{"4||Demands:", "4|(a)|That all parties cease hostilities;", "4|(b)|That the Government release all political prisoners;"},
			[]string{"4(a) directive demands -> all parties", "4(b) directive demands -> the Government"}},
		{"shared head after a serial comma", []string{"11||Calls upon Member States, regional, and international organizations to contribute;"},
			[]string{"11 directive calls upon -> Member States", "11 directive calls upon -> regional organizations", "11 directive calls upon -> international organizations"}},
		{"participle after the head", []string{"16||Urges those countries contributing troops and police to take appropriate preventive action;"},
			[]string{"16 directive urges -> those countries"}},
		{"along with", []string{"9||Calls upon the United Nations system, along with international partners, to focus its efforts;"},
			[]string{"9 directive calls upon -> the United Nations system"}},
		{"council sentence subject", []string{"|| The Security Council welcomes the agreement. The Security Council calls upon all parties to implement it fully."},
			[]string{" directive calls upon -> all parties"}},
		// issue 3: generalization cases (real phrasings from the corpus)
		{"bare verb after the addressee", []string{"5||Requests the Secretary-General undertake a full review of the mission and to report to the Council;"},
			[]string{"5 directive requests -> the Secretary-General"}},
		{"bare verb after all parties", []string{"3||Demands all parties allow full and unhindered humanitarian access to the region and to refrain from violence;"},
			[]string{"3 directive demands -> all parties"}},
		{"they cease", []string{"3||Urges Member States to assist, and demands they cease all violence;"},
			[]string{"3 directive urges -> Member States", "3 directive demands -> Member States"}},
		{"typo to the", []string{"4||Urges the Government to the fully implement the agreement;"},
			[]string{"4 directive urges -> the Government"}},
		{"typo it request", []string{"6||Reiterates it request to the Secretary-General to report on the implementation;"},
			[]string{"6 directive reiterates -> the Secretary-General"}},
		{"verb without punctuation", []string{"8||Welcomes the agreement signed on 12 March 2012 further strongly urges the opposition forces to lay down their arms;"},
			[]string{"8 directive urges -> the opposition forces"}},
		{"troop and police contributing", []string{"9||Urges troop and police contributing countries to take appropriate action;"},
			[]string{"9 directive urges -> troop-contributing countries", "9 directive urges -> police contributing countries"}},
		{"of-complement continues", []string{"4||Calls upon all States Members of the United Nations or of the specialized agencies to submit their views;"},
			[]string{"4 directive calls upon -> all States Members of the United Nations or of the specialized agencies"}},
		{"as well as themselves", []string{"7||Invites Member States, as well as the specialized agencies themselves, to provide information;"},
			[]string{"7 directive invites -> Member States", "7 directive invites -> the specialized agencies"}},
		{"as well as providers", []string{"7||Encourages Member States receiving assistance as well as providers of assistance to provide feedback to the 1540 Committee;"},
			[]string{"7 directive encourages -> Member States receiving assistance", "7 directive encourages -> providers of assistance"}},
		{"list resumes after including", []string{"12||Calls upon Member States, including those in the region with relevant expertise, relevant international, regional and subregional organizations to support the mission;"},
			[]string{"12 directive calls upon -> Member States", "12 directive calls upon -> relevant international organizations", "12 directive calls upon -> regional organizations", "12 directive calls upon -> subregional organizations"}},
		{"efforts of", []string{"5||Encourages the efforts of IGAD and the United Nations to support the peace process;"},
			[]string{"5 directive encourages -> IGAD", "5 directive encourages -> the United Nations"}},
		{"decides X will", []string{"20||Decides the three Committees will continue to jointly brief the Council;"},
			[]string{"20 directive decides -> the three Committees"}},
		// issue 3: real phrasings from other resolutions of the corpus
		{"real efforts of", []string{"1||Encourages the efforts of the Government of Yemen and the international community to facilitate their return;"},
			[]string{"1 directive encourages -> the Government of Yemen", "1 directive encourages -> the international community"}},
		{"real troop and police", []string{"2||Urges troop and police contributing countries to accelerate efforts to enhance the effectiveness of measures;"},
			[]string{"2 directive urges -> troop-contributing countries", "2 directive urges -> police contributing countries"}},
		{"real including list", []string{"3||Urges all parties and all States, including Eritrea, other States in the region, and the Transitional Federal Government, to cooperate;"},
			[]string{"3 directive urges -> all parties", "3 directive urges -> all States", "3 directive urges -> Eritrea", "3 directive urges -> other States in the region", "3 directive urges -> the Transitional Federal Government"}},
		{"real as well as", []string{"4||Calls upon relevant United Nations entities as well as Member States to support efforts to strengthen national capacities;"},
			[]string{"4 directive calls upon -> relevant United Nations entities", "4 directive calls upon -> Member States"}},
		{"real passive", []string{"6||Member States and regional and international organizations are urged to continue to provide coordinated support to AFISMA pursuant to its resolution 2085 (2012);"},
			[]string{"6 directive urges -> Member States", "6 directive urges -> regional organizations", "6 directive urges -> international organizations"}},
		{"possessive conjunct keeps its head", []string{"8||Calls upon ECOWAS and its Members States as well as its international partners to lend support;"},
			[]string{"8 directive calls upon -> ECOWAS", "8 directive calls upon -> its Members States", "8 directive calls upon -> its international partners"}},
		{"and in particular those", []string{"1||Calls upon all States, and in particular those with primary responsibility for the region, to cooperate fully with the Committee;"},
			[]string{"1 directive calls upon -> all States", "1 directive calls upon -> States with primary responsibility for the region"}},
		{"in particular those stays inside", []string{"17||Requests all States, in particular those in the region, to provide appropriate support;"}, // as the 794 and 2374 gold
			[]string{"17 directive requests -> all States"}},
		{"of-conjunct of a plural head", []string{"2||Calls upon the Governments of Iran and of the United States of America to exercise the utmost restraint;"}, // S/RES/457 (1979)
			[]string{"2 directive calls upon -> the Governments of Iran", "2 directive calls upon -> Government of the United States of America"}},
		{"including phrase goes on after a comma", []string{"78||Encourages all Member States, including designating States and States of residence, nationality, location or incorporation to provide all information to the Committee;"}, // S/RES/2368 (2017)
			[]string{"78 directive encourages -> all Member States", "78 directive encourages -> designating States", "78 directive encourages -> States of residence, nationality, location or incorporation"}},
		{"as well as in a that-clause", []string{"16||Demands further that all States neighbouring the Democratic Republic of the Congo as well as the Government of National Unity and Transition, impede any kind of support to the illegal exploitation of natural resources;"}, // S/RES/1649 (2005)
			[]string{"16 directive demands -> all States", "16 directive demands -> the Government of National Unity and Transition"}},
		{"efforts of X towards", []string{"12||Encourages the efforts of the Mano River Union Women's Peace Network towards regional peace;"}, // S/RES/1370 (2001)
			[]string{"12 directive encourages -> the Mano River Union Women's Peace Network"}},
		{"passive after an opening quote", []string{"||“Arms-exporting countries are encouraged to exercise the highest degree of responsibility in small arms transactions."}, // S/PRST/2002/30
			[]string{" directive encourages -> Arms-exporting countries"}},
		{"further without punctuation, real", []string{"7||Welcomes the transitional justice initiatives and the protection of children’s rights further calls upon the Government of the DRC to ensure that those responsible are held accountable;"}, // S/RES/2808 (2025)
			[]string{"7 directive calls upon -> the Government of the DRC"}},
		{"passive inside the paragraph", []string{"||The Security Council calls for the full implementation of the Programme of Action. In particular, States are encouraged to strengthen physical security and stockpile management;"}, // S/PRST/2009/1, S/PRST/2010/25
			[]string{" directive calls for -> -", " directive encourages -> States"}},
		{"passive urged", []string{"3||Member States are urged to contribute generously to the trust fund;"},
			[]string{"3 directive urges -> Member States"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := opDoc("2012-12-20", c.text...)
			NewExtractor(reg).Extract(doc)
			got := directivesOf(doc)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestExtractDetails(t *testing.T) {
	reg := builtinRegistry(t)
	doc := opDoc("2012-12-20",
		"21||Requests the Secretary-General, in coordination with the African Union, to develop options within 30 days of the adoption of this resolution;",
		"24||Requests the Secretary-General to report to the Council every 90 days and to keep it informed on a monthly basis;",
		"2||Decides to extend the mandate of UNMIL until 30 June 2014;",
		"3||Requests the Secretary-General to provide, as and when requested by the Malian authorities, support by 15 January 2013;",
		"5||Requests the Panel to submit a report every six months;",
		"9||Authorizes Member States to take all necessary measures for an initial period of one year;",
		"6||Calls upon all States to report to the Committee no later than 90 days from the date of adoption of this resolution;",
		"7||Demands that all parties immediately cease hostilities;",
		"8||Requests the Committee to submit an annual report and to brief the Council every other month;",
		"10||Requests the Secretary-General to deploy additional personnel, if necessary, and to report six-monthly;",
	)
	NewExtractor(reg).Extract(doc)
	byPara := map[string]resgraph.Action{}
	for _, a := range doc.Actions {
		if _, ok := byPara[a.Paragraph]; !ok {
			byPara[a.Paragraph] = a
		}
	}
	check := func(para, field, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s %s = %q, want %q", para, field, got, want)
		}
	}
	a := byPara["21"]
	check("21", "deadline", a.Deadline, "within 30 days of the adoption of this resolution")
	check("21", "deadlineDate", a.DeadlineDate, "2013-01-19")
	if len(a.Partners) != 1 || !strings.Contains(a.Partners[0].Mention, "African Union") {
		t.Errorf("21 partners = %+v, want the African Union", a.Partners)
	}
	check("24", "recurrence", byPara["24"].Recurrence, "P90D")
	check("2", "until", byPara["2"].Until, "2014-06-30")
	// a condition is only what "if", "unless", "provided that", "subject to" introduce
	check("3", "condition", byPara["3"].Condition, "")
	check("10", "condition", byPara["10"].Condition, "if necessary")
	check("10", "recurrence", byPara["10"].Recurrence, "P6M")
	check("7", "deadline", byPara["7"].Deadline, "immediately")
	check("8", "recurrence", byPara["8"].Recurrence, "P1Y")
	check("3", "deadlineDate", byPara["3"].DeadlineDate, "2013-01-15")
	check("5", "recurrence", byPara["5"].Recurrence, "P6M")
	check("9", "duration", byPara["9"].Duration, "for an initial period of one year")
	check("9", "class", string(byPara["9"].Class), string(resgraph.ClassAuthorization))
	check("6", "deadlineDate", byPara["6"].DeadlineDate, "2013-03-20")
	// marks lie inside the paragraph text and the clause
	for _, a := range doc.Actions {
		var text string
		for _, p := range doc.Paragraphs {
			if p.ID == a.ParagraphID {
				text = p.Text
			}
		}
		if a.Start < 0 || a.End > len(text) || a.Start >= a.End || text[a.Start:a.End] != a.Text {
			t.Errorf("%s: clause span [%d,%d) does not hold its text %q", a.ParagraphID, a.Start, a.End, a.Text)
		}
		for _, m := range a.Marks {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("%s: mark %s [%d,%d) outside the text", a.ParagraphID, m.Role, m.Start, m.End)
			}
		}
	}
}

func TestClassesConfigurable(t *testing.T) {
	f, err := os.Open("../data/classes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	classes, err := LoadClasses(f, "data/classes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultClasses()
	for v, c := range def {
		if classes[v] != c {
			t.Errorf("data/classes.yaml: %q is %q, the default is %q", v, classes[v], c)
		}
	}
	x := NewExtractor(builtinRegistry(t))
	x.Classes = classes
	x.Classes["encourages"] = resgraph.ClassStrongRecommend
	doc := opDoc("2012-12-20", "1||Encourages the Government to hold elections;")
	x.Extract(doc)
	if len(doc.Actions) != 1 || doc.Actions[0].Class != resgraph.ClassStrongRecommend {
		t.Errorf("reconfigured class not applied: %+v", doc.Actions)
	}
	if _, err := LoadClasses(strings.NewReader("forceful:\n  - urges\n"), "bad.yaml"); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
		t.Errorf("unknown class: err = %v, want an error naming the file", err)
	}
}

func TestExtractChapterVII(t *testing.T) {
	doc := opDoc("2012-12-20", "1||Demands that all parties cease hostilities;")
	doc.ChapterVII = true
	NewExtractor(builtinRegistry(t)).Extract(doc)
	if len(doc.Actions) == 0 || !doc.Actions[0].ChapterVII {
		t.Errorf("ChapterVII not carried to actions: %+v", doc.Actions)
	}
}

// FuzzExtract asserts that no paragraph text makes the extractor panic or
// emit spans outside the text.
func FuzzExtract(f *testing.F) {
	raw, err := os.ReadFile("../data/S_2012_946.txt")
	if err == nil {
		for _, para := range strings.Split(string(raw), "\n \n") {
			f.Add(para)
		}
	}
	f.Add("Decides that, (a) to , and requests them")
	reg := builtinRegistry(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := opDoc("2012-12-20", "1||"+text)
		NewExtractor(reg).Extract(doc)
		for _, w := range doc.Warnings {
			if strings.Contains(w, "internal error") {
				t.Fatalf("%q: %s", text, w)
			}
		}
		for _, a := range doc.Actions {
			if a.Start < 0 || a.End > len(text) || a.Start > a.End {
				t.Fatalf("%q: clause span [%d,%d)", text, a.Start, a.End)
			}
		}
	})
}

// TestTextOCRItemLabels: in early plain texts OCR reads "(b)" as "(6)"; after
// "(a)" the reader takes it for "(b)" (S/RES/883 (1993) para 3, S/RES/56
// (1948) para 2).
func TestTextOCRItemLabels(t *testing.T) {
	dir := corpusDir(t)
	for _, c := range []struct{ file, want, not string }{
		{"S_RES_0883_1993_EN_GOLD.txt", "op3(b)", "op3(6)"},
		{"S_RES_0056_1948_EN_GOLD.txt", "op2(b)", "op2(6)"},
	} {
		raw, err := os.ReadFile(dir + "/cr-unsc/texts/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ReadText(raw, c.file)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, p := range doc.Paragraphs {
			ids[p.ID] = true
		}
		if !ids[c.want] || ids[c.not] {
			t.Errorf("%s: want item %s and no %s; ids %v", c.file, c.want, c.not, ids)
		}
	}
}

// TestReferencesAfterTopic: a list of resolutions goes on after a topic
// phrase ("1894 (2009) on the protection of civilians ..., and 1502 (2003)").
func TestReferencesAfterTopic(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Recalling its resolutions 1674 (2006) and 1894 (2009) on the protection of civilians in armed conflict, and 1502 (2003) on the protection of humanitarian personnel,",
			[]string{"S/RES/1674 (2006)", "S/RES/1894 (2009)", "S/RES/1502 (2003)"}},
		{"Recalling its resolutions 1612 (2005) on children and armed conflict and 1325 (2000) on women and peace and security,",
			[]string{"S/RES/1612 (2005)", "S/RES/1325 (2000)"}},
		{"Recalling its resolution 1267 (1999) on the Taliban and 12 other measures,",
			[]string{"S/RES/1267 (1999)"}},
	} {
		doc := &resgraph.Document{Symbol: "S/RES/9999 (2012)", Paragraphs: []resgraph.Paragraph{{ID: "pre1", Kind: resgraph.ParaPreambular, Text: c.text}}}
		var got []string
		for _, r := range FindReferences(doc) {
			if r.Symbol != "" {
				got = append(got, string(r.Symbol))
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

// TestExtractInContext: generic mentions resolve to the body the document
// is about or names in full.
func TestExtractInContext(t *testing.T) {
	reg := builtinRegistry(t)
	ids := func(doc *resgraph.Document) map[string]string {
		NewExtractor(reg).Extract(doc)
		m := map[string]string{}
		for _, a := range doc.Actions {
			if a.Addressee != nil {
				m[a.Addressee.Mention] = string(a.Addressee.ID)
			}
		}
		return m
	}
	doc := opDoc("2012-12-20",
		"1||Urges the Government to hold elections;",
		"2||Requests the Committee established pursuant to resolution 1591 (2005) to report;",
		"3||Requests the Committee to update its list, and requests the Panel of Experts to report to the Committee;")
	doc.Title = "Security Council resolution 9999 (2012) [on the situation in Somalia]"
	got := ids(doc)
	for mention, want := range map[string]string{"the Government": "state/somalia/government", "the Committee": "committee/1591", "the Panel of Experts": "panel/sudan"} {
		if got[mention] != want {
			t.Errorf("%s: id %q, want %q (all: %v)", mention, got[mention], want, got)
		}
	}
	// no country in the title and none named in the text: the Government stays generic
	doc = opDoc("2012-12-20", "1||Urges the Government to hold elections;")
	if id := ids(doc)["the Government"]; id != "x/government" {
		t.Errorf("the Government with no country: id %q, want x/government", id)
	}
}

// TestCommissionInContext: "the Commission" is the commission the document
// names, not one fixed body.
func TestCommissionInContext(t *testing.T) {
	reg := builtinRegistry(t)
	doc := opDoc("2005-04-07",
		"1||Decides to establish an international independent investigation Commission based in Lebanon; notes the work of the International Independent Investigation Commission;",
		"2||Requests the Commission to determine procedures for carrying out its investigation;")
	NewExtractor(reg).Extract(doc)
	got := ""
	for _, a := range doc.Actions {
		if a.Paragraph == "2" && a.Addressee != nil {
			got = string(a.Addressee.ID)
		}
	}
	if got != "uniiic" {
		t.Errorf("the Commission in a UNIIIC text: %q, want uniiic", got)
	}
	doc = opDoc("2012-12-20", "1||Requests the Commission to report on its work;")
	NewExtractor(reg).Extract(doc)
	if len(doc.Actions) == 0 || doc.Actions[0].Addressee == nil || doc.Actions[0].Addressee.ID == "uniiic" {
		t.Errorf("a bare Commission elsewhere must not be UNIIIC: %+v", doc.Actions)
	}
}

// TestSRSGInContext: "the Special Representative of the Secretary-General"
// is the one the document names "for X" (S/RES/2576 (2021) names the
// Special Representative for Iraq).
func TestSRSGInContext(t *testing.T) {
	doc := opDoc("2021-05-27",
		"1||Decides that UNAMI shall operate under the unified leadership of the Secretary-General through the Special Representative for Iraq;",
		"2||Requests the Special Representative of the Secretary-General to advise the Government;")
	NewExtractor(builtinRegistry(t)).Extract(doc)
	var got string
	for _, a := range doc.Actions {
		if a.Paragraph == "2" && a.Addressee != nil {
			got = string(a.Addressee.ID) + " " + a.Addressee.Name
		}
	}
	if !strings.Contains(strings.ToLower(got), "iraq") {
		t.Errorf("SRSG in an Iraq text: %q, want the Special Representative for Iraq", got)
	}
}

// TestPanelOnInContext: "the Panel of Experts" is the "Panel of Experts on
// X" the text names (S/RES/1961 (2010), Liberia).
func TestPanelOnInContext(t *testing.T) {
	doc := opDoc("2010-12-17",
		"1||Takes note of the final report of the United Nations Panel of Experts on Liberia;",
		"8||Calls upon all States to cooperate fully with the Panel of Experts, and requests the Panel of Experts to report to the Council;")
	NewExtractor(builtinRegistry(t)).Extract(doc)
	var got string
	for _, a := range doc.Actions {
		if a.Paragraph == "8" && a.Addressee != nil && strings.Contains(a.Addressee.Mention, "Panel") {
			got = string(a.Addressee.ID)
		}
	}
	if got == "" || strings.HasPrefix(got, "x/") {
		t.Errorf("the Panel of Experts in a Liberia text: %q, want the registry's Liberia panel", got)
	}
}
