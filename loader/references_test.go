package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

func para(id, kind, number, lead, text string) resgraph.Paragraph {
	return resgraph.Paragraph{ID: id, Kind: resgraph.ParaKind(kind), Number: number, Lead: lead, Text: text}
}

func TestFindReferencesCases(t *testing.T) {
	doc := &resgraph.Document{
		Symbol:      "S/RES/2085 (2012)",
		DraftSymbol: "S/2012/946",
		Paragraphs: []resgraph.Paragraph{
			para("pre1", "preambular", "", "Recalling", "Recalling its resolutions 2056 (2012) and 2071 (2012), its Presidential Statements of 26 March 2012 (S/PRST/2012/7), 4 April 2012 (S/PRST/2012/9) as well as its Press Statements of 22 March 2012,"),
			para("pre2", "preambular", "", "Taking note", "Taking note of the report of the Secretary-General of 29 November 2012 (S/2012/894),"),
			para("op2", "operative", "2", "Demands", "Demands that Malian rebel groups cut off all ties, takes note of the listing by the Committee pursuant to resolutions 1267 (1999) and 1989 (2011) and further reiterates;"),
			para("op5", "operative", "5", "Calls upon", "Calls upon all Member States to implement their obligations pursuant to resolution 1989 (2011) and 2083 (2012) and strongly condemns kidnapping;"),
			para("op6", "operative", "6", "Recalls", "Recalls its resolutions 1674 (2006), 1738 (2006) and 1894 (2009) on the protection of civilians, and General Assembly resolution 58/82, General Assembly resolution 293 (IV) and resolution 1373;"),
			para("op9", "operative", "9", "Decides", "Decides to authorize the deployment of AFISMA, in accordance with paragraph 9 (b) and paragraphs 3 and 4 above, as set out in paragraph 23 below, and paragraph 2 of resolution 2056 (2012);"),
			para("op9(b)", "operative", "9", "", "To support the Malian authorities;"),
			para("op3", "operative", "3", "Urges", "Urges this and recalls resolutions 242 (1967) of 22 November 1967 and 338 (1973), the document S/2012/946 and this resolution 2085 (2012);"),
			para("op4", "operative", "4", "Requests", "Requests the report (S/RES/1373(2001)) and OAU resolution 12 (1990);"),
			para("op23", "operative", "23", "Requests", "Requests;"),
		},
	}
	doc.Paragraphs[6].Item = "(b)"
	refs := FindReferences(doc)
	type want struct{ sym, rel, para, target, mention string }
	var got []want
	for _, r := range refs {
		if r.Mention != doc.Paragraphs[indexOf(doc, r.ParagraphID)].Text[r.Start:r.End] {
			t.Errorf("%s: Mention %q is not Text[%d:%d]", r.ParagraphID, r.Mention, r.Start, r.End)
		}
		got = append(got, want{string(r.Symbol), r.Relation, r.ParagraphID, r.Target, r.Mention})
	}
	exp := []want{
		{"S/RES/2056 (2012)", "recalls", "pre1", "", "resolutions 2056 (2012)"},
		{"S/RES/2071 (2012)", "recalls", "pre1", "", "2071 (2012)"},
		{"S/PRST/2012/7", "recalls", "pre1", "", "S/PRST/2012/7"},
		{"S/PRST/2012/9", "recalls", "pre1", "", "S/PRST/2012/9"},
		{"S/2012/894", "takes note of", "pre2", "", "S/2012/894"},
		{"S/RES/1267 (1999)", "pursuant to", "op2", "", "resolutions 1267 (1999)"},
		{"S/RES/1989 (2011)", "pursuant to", "op2", "", "1989 (2011)"},
		{"S/RES/1989 (2011)", "pursuant to", "op5", "", "resolution 1989 (2011)"},
		{"S/RES/2083 (2012)", "pursuant to", "op5", "", "2083 (2012)"},
		{"S/RES/1674 (2006)", "recalls", "op6", "", "resolutions 1674 (2006)"},
		{"S/RES/1738 (2006)", "recalls", "op6", "", "1738 (2006)"},
		{"S/RES/1894 (2009)", "recalls", "op6", "", "1894 (2009)"},
		{"A/RES/58/82", "recalls", "op6", "", "General Assembly resolution 58/82"},
		{"A/RES/293(IV)", "recalls", "op6", "", "General Assembly resolution 293 (IV)"},
		{"S/RES/2085 (2012)", "refers to", "op9", "op9(b)", "paragraph 9 (b)"},
		{"S/RES/2085 (2012)", "refers to", "op9", "op3", "paragraphs 3 and 4"},
		{"S/RES/2085 (2012)", "refers to", "op9", "op4", "paragraphs 3 and 4"},
		{"S/RES/2085 (2012)", "refers to", "op9", "op23", "paragraph 23"},
		{"S/RES/2056 (2012)", "in accordance with", "op9", "", "resolution 2056 (2012)"},
		{"S/RES/242 (1967)", "recalls", "op3", "", "resolutions 242 (1967)"},
		{"S/RES/338 (1973)", "recalls", "op3", "", "338 (1973)"},
		{"S/RES/1373 (2001)", "cites", "op4", "", "S/RES/1373(2001)"},
	}
	if !slices.Equal(got, exp) {
		t.Errorf("FindReferences:\n got  %v\n want %v", got, exp)
	}
}

func indexOf(doc *resgraph.Document, id string) int {
	for i, p := range doc.Paragraphs {
		if p.ID == id {
			return i
		}
	}
	return -1
}

func TestFindDefinitions(t *testing.T) {
	doc := &resgraph.Document{Paragraphs: []resgraph.Paragraph{
		para("op2", "operative", "2", "", "Demands that Malian rebel groups cut off all ties to terrorist organizations, notably Al-Qaida in Islamic Maghreb (AQIM) and associated groups, takes note of the listing of Movement of Unity and Jihad in Western Africa (MUJWA) on the list (S/2012/894) of resolution 293 (IV)"),
		para("op9", "operative", "9", "", "Decides to authorize the deployment of an African-led International Support Mission in Mali (AFISMA) for an initial period, and the Economic Community of West African States (ECOWAS), the Organization of Islamic Cooperation (OIC) and again AFISMA (AFISMA)"),
	}}
	var got []string
	for _, d := range FindDefinitions(doc) {
		got = append(got, d.Acronym+"="+d.Name+"@"+d.Paragraph)
	}
	want := []string{
		"AQIM=Al-Qaida in Islamic Maghreb@op2",
		"MUJWA=Movement of Unity and Jihad in Western Africa@op2",
		"AFISMA=African-led International Support Mission in Mali@op9",
		"ECOWAS=Economic Community of West African States@op9",
		"OIC=Organization of Islamic Cooperation@op9",
	}
	if !slices.Equal(got, want) {
		t.Errorf("FindDefinitions:\n got  %q\n want %q", got, want)
	}
}

// TestSeedReferences reads the seed's gold references and checks that the
// seed text, read whole as one paragraph, cites exactly those documents.
// TestSeedReferencesRead does the same through the text reader.
func TestSeedReferences(t *testing.T) {
	raw, err := os.ReadFile("../data/S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	gold := seedGoldRefs(t)
	text := strings.Join(strings.Fields(string(raw)), " ")
	doc := &resgraph.Document{Symbol: "S/2012/946", Paragraphs: []resgraph.Paragraph{para("op1", "operative", "1", "", text)}}
	var got []string
	for _, r := range FindReferences(doc) {
		if r.Target == "" && !slices.Contains(got, string(r.Symbol)) {
			got = append(got, string(r.Symbol))
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, gold) {
		t.Errorf("seed references:\n got  %q\n want %q", got, gold)
	}
}

func TestSeedReferencesRead(t *testing.T) {
	raw, err := os.ReadFile("../data/S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadText(raw, "S_2012_946.txt")
	if err != nil || doc == nil || len(doc.Paragraphs) == 0 {
		t.Skipf("text reader not ready: %v", err)
	}
	gold := seedGoldRefs(t)
	var got []string
	internal := 0
	for _, r := range FindReferences(doc) {
		if r.Target != "" {
			internal++
			if indexOf(doc, r.Target) < 0 {
				t.Errorf("%s: internal reference to %q, not a paragraph", r.ParagraphID, r.Target)
			}
			continue
		}
		if !slices.Contains(got, string(r.Symbol)) {
			got = append(got, string(r.Symbol))
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, gold) {
		t.Errorf("seed references through ReadText:\n got  %q\n want %q", got, gold)
	}
	if internal < 4 {
		t.Errorf("found %d internal references, want at least 4 (paragraphs 9 (b), 12, 23, 24)", internal)
	}
}

func seedGoldRefs(t *testing.T) []string {
	t.Helper()
	dir := corpusDir(t)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "gold", "S_2012_946.json"))
	if err != nil {
		t.Skipf("seed gold file: %v", err)
	}
	var g struct{ References []string }
	if err := jsonUnmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	slices.Sort(g.References)
	return g.References
}

var jsonUnmarshal = json.Unmarshal

// TestGoldReferences reads the source of every gold file in
// testdata/gold and checks that FindReferences finds exactly the gold
// references. It skips a document its reader cannot read yet.
func TestGoldReferences(t *testing.T) {
	files, _ := filepath.Glob("testdata/gold/*.json")
	if len(files) == 0 {
		t.Fatal("no gold files in testdata/gold")
	}
	corpus := corpusDir(t)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Document   string
			Source     string
			References []string
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		src := filepath.Join(filepath.Dir(corpus), strings.TrimPrefix(g.Source, "../shared/"))
		data, err := os.ReadFile(src)
		if err != nil {
			t.Errorf("%s: source: %v", f, err)
			continue
		}
		t.Run(g.Document, func(t *testing.T) {
			doc, err := Read(data, filepath.Base(src))
			if err != nil || len(doc.Paragraphs) == 0 {
				t.Skipf("reader not ready for %s: %v", src, err)
			}
			var got []string
			for _, r := range FindReferences(doc) {
				if r.Target == "" && !slices.Contains(got, string(r.Symbol)) {
					got = append(got, string(r.Symbol))
				}
			}
			slices.Sort(got)
			want := slices.Clone(g.References)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("references of %s:\n got  %q\n want %q", g.Document, got, want)
			}
		})
	}
}

// BenchmarkFindReferences runs FindReferences and FindDefinitions over the
// resolutions of 2012 and 2013 (read once, outside the timer); ns/op is per
// document.
//
//	go test ./loader -run '^$' -bench FindReferences -benchmem
func BenchmarkFindReferences(b *testing.B) {
	corpus := corpusDir(b)
	var docs []*resgraph.Document
	for _, year := range []string{"2012", "2013"} {
		files, _ := filepath.Glob(filepath.Join(corpus, "unxml-sc", "Pre-2020", year, "*.xml"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if doc, err := Read(data, filepath.Base(f)); err == nil && len(doc.Paragraphs) > 0 {
				docs = append(docs, doc)
			}
		}
	}
	if len(docs) == 0 {
		b.Skip("no documents read (reader not ready?)")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		doc := docs[i%len(docs)]
		FindReferences(doc)
		FindDefinitions(doc)
	}
}

func TestFindDefinitionsQuoted(t *testing.T) {
	doc := &resgraph.Document{Paragraphs: []resgraph.Paragraph{
		para("pre10", "preambular", "", "", "Reminding the Committee established pursuant to resolutions 1267 (1999) and 1989 (2011) (“the Committee”) to remove expeditiously individuals,"),
		para("op9", "operative", "9", "", "Decides to establish, in accordance with rule 28 of its provisional rules of procedure, a Committee of the Security Council consisting of all the members of the Council (herein “the Committee”), to undertake the following tasks:"),
		para("op11", "operative", "11", "", "Requests the Secretary-General to create a group of up to five experts (\"Panel of experts\"), under the direction of the Committee;"),
	}}
	var got []string
	for _, d := range FindDefinitions(doc) {
		got = append(got, d.Acronym+"="+d.Name+"@"+d.Paragraph)
	}
	want := []string{
		"the Committee=Committee established pursuant to resolutions 1267 (1999) and 1989 (2011)@pre10",
		"Panel of experts=group of up to five experts@op11",
	}
	if !slices.Equal(got, want) {
		t.Errorf("FindDefinitions:\n got  %q\n want %q", got, want)
	}
	reg := dataRegistry(t)
	defs := FindDefinitions(doc)
	if ref := reg.Resolve("the Committee", defs); ref.ID != "committee/1267" || !slices.Contains(ref.Aliases, "the Committee") {
		t.Errorf("Resolve(the Committee) with the document's definition = %+v", ref)
	}
}

// FuzzFindReferences checks that any paragraph text gives references and
// definitions whose offsets lie inside the text and whose mentions are the
// text there, without panicking.
//
//	go test ./loader -run '^$' -fuzz FuzzFindReferences -fuzztime 30s
func FuzzFindReferences(f *testing.F) {
	for _, s := range []string{
		"Recalling its resolutions 2056 (2012) and 2071 (2012), its Presidential Statements of 26 March 2012 (S/PRST/2012/7)",
		"in accordance with paragraph 9 (b) and paragraphs 3 to 5 above and paragraph 2 of resolution 2056 (2012);",
		"General Assembly resolution 1514 (XV) of 14 December 1960 and resolution S-14/1, S/RES/1373(2001)",
		"the Committee established pursuant to resolutions 1267 (1999) and 1989 (2011) (“the Committee”)",
		"an African-led International Support Mission in Mali (AFISMA) (herein \"the Mission\") (S/2012/894/Add.1)",
		"paragraph", "resolution", "(“", "(A)", "S/", "( the “",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &resgraph.Document{Symbol: "S/RES/1 (1946)", Paragraphs: []resgraph.Paragraph{
			{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Text: text},
			{ID: "op2", Kind: resgraph.ParaOperative, Number: "2", Text: "x"},
		}}
		for _, r := range FindReferences(doc) {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Mention {
				t.Fatalf("reference %+v out of text %q", r, text)
			}
		}
		for _, d := range FindDefinitions(doc) {
			if d.Acronym == "" || d.Name == "" {
				t.Fatalf("empty definition %+v from %q", d, text)
			}
		}
	})
}

// FuzzParseRegistry checks that any file gives a registry or an error, never
// a panic.
func FuzzParseRegistry(f *testing.F) {
	f.Add(smallRegistry)
	f.Add("- {id: a, name: A, type: state, demonyms: [A], aliases: [B]}\n- {id: a/b, name: C, type: mission, led_by: a}\n")
	f.Add("[")
	f.Fuzz(func(t *testing.T, src string) {
		reg, err := ParseRegistry(strings.NewReader(src), "fuzz.yaml")
		if err == nil {
			for _, a := range reg.Actors() {
				reg.Resolve(a.Name, nil)
			}
		}
	})
}

func TestReferenceRelations(t *testing.T) {
	for text, want := range map[string]string{
		"Re-affirming also its previous resolutions 1325 (2000)":                                    "reaffirms",
		"Decides that the measures imposed by paragraphs 5 to 7 of resolution 1343 (2001) apply":    "imposed by",
		"the multinational stabilization force authorized by the Council in resolution 1088 (1996)": "authorized by",
		"the Committee established pursuant to resolution 1267 (1999)":                              "pursuant to",
		"in violation of resolution 1970 (2011)":                                                    "violates",
		"Looks forward to the next report of the Secretary-General in resolution 882 (1993)":        "cites",
	} {
		doc := &resgraph.Document{Symbol: "S/RES/1 (1946)", Paragraphs: []resgraph.Paragraph{para("op1", "operative", "1", "", text)}}
		refs := FindReferences(doc)
		if len(refs) != 1 || refs[0].Relation != want {
			t.Errorf("%q: got %+v, want one reference with relation %q", text, refs, want)
		}
	}
}

func TestFindDefinitionsEdges(t *testing.T) {
	doc := &resgraph.Document{Paragraphs: []resgraph.Paragraph{
		para("op1", "operative", "1", "", "supports disarmament, Demobilization and Reintegration (DDR) and the Caribbean Community’s (CARICOM) efforts"),
		para("op2", "operative", "2", "", "the Political Agreement for Peace and Reconciliation signed by the CAR authorities and 14 armed groups in Bangui on 6 February 2019 (“the APPR”)"),
	}}
	var got []string
	for _, d := range FindDefinitions(doc) {
		got = append(got, d.Acronym+"="+d.Name)
	}
	want := []string{"DDR=Demobilization and Reintegration", "CARICOM=Caribbean Community"}
	if !slices.Equal(got, want) {
		t.Errorf("FindDefinitions:\n got  %q\n want %q", got, want)
	}
}
