package loader

import (
	"slices"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
)

const smallRegistry = `
- id: secretary-general
  name: Secretary-General
  type: un-official
  aliases: [Secretary-General of the United Nations]
- id: african-union
  name: African Union
  type: regional-organization
  aliases: [AU]
- id: afisma
  name: African-led International Support Mission in Mali
  type: mission
  aliases: [AFISMA]
  led_by: african-union
- id: state/mali
  name: Mali
  type: state
  demonyms: [Malian]
- id: state/mali/transitional-authorities
  name: Transitional authorities of Mali
  type: national-institution
  aliases: [Malian transitional authorities]
  part_of: state/mali
- id: member-states
  name: Member States
  type: collective
- id: regional-organizations
  name: Regional organizations
  type: collective
`

func TestResolveSmall(t *testing.T) {
	reg, err := ParseRegistry(strings.NewReader(smallRegistry), "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mention string
		want    resgraph.ActorID
	}{
		{"the Secretary-General", "secretary-general"},
		{"Secretary General", "secretary-general"},
		{"the transitional authorities of Mali", "state/mali/transitional-authorities"},
		{"Malian transitional authorities", "state/mali/transitional-authorities"},
		{"the Government of Mali", "state/mali/government"},
		{"Malian authorities", "state/mali/government"},
		{"the Malian Defence and Security Forces", "state/mali/armed-forces"},
		{"Malian Armed Forces", "state/mali/armed-forces"},
		{"all parties in Mali", "state/mali/parties"},
		{"all other parties in Mali", "state/mali/parties"},
		{"all Member States", "member-states"},
		{"Member State", "member-states"},
		{"regional organisations", "regional-organizations"},
		{"AFISMA", "afisma"},
		{"Mali's", "state/mali"},
		{"the Malian rebel groups", "x/malian-rebel-groups"},
	} {
		got := reg.Resolve(c.mention, nil)
		if got.ID != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.mention, got.ID, c.want)
		}
		if got.Mention != c.mention {
			t.Errorf("Resolve(%q).Mention = %q", c.mention, got.Mention)
		}
	}
}

func TestParseRegistryErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"dup id", "- {id: a, name: A, type: state}\n- {id: a, name: B, type: state}\n", "bad.yaml:2:3: repeated id \"a\" (first at bad.yaml:1:3)"},
		{"dup alias", "- {id: a, name: A, type: state, aliases: [X]}\n- {id: b, name: B, type: state, aliases: [x]}\n", "bad.yaml:2:43: \"x\" of b is also \"x\" of a at bad.yaml:1:43"},
		{"dangling", "- id: a\n  name: A\n  type: mission\n  led_by: nobody\n", "bad.yaml:4:11: a: led_by \"nobody\" is not in the registry"},
		{"unknown type", "- {id: a, name: A, type: planet}\n", "bad.yaml:1:26: unknown type \"planet\""},
		{"unknown key", "- {id: a, name: A, type: state, colour: red}\n", "bad.yaml:1:33: unknown key \"colour\""},
		{"syntax", "- id: a\n  name: [\n", "bad.yaml:2: did not find expected node content"},
		{"not a list", "id: a\n", "bad.yaml:1:1: registry must be a list of actors"},
		{"no name", "- {id: a, type: state}\n", "bad.yaml:1:3: actor has no name"},
		{"bad id", "- {id: State/Mali, name: A, type: state}\n", "bad.yaml:1:8: id \"State/Mali\""},
	} {
		_, err := ParseRegistry(strings.NewReader(c.src), "bad.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got error %v, want %q", c.name, err, c.want)
		}
	}
}

// dataRegistry loads the project's registry (data/actors.yaml and the
// generated data/actors-sanctions.yaml) as the extractor does.
func dataRegistry(t testing.TB) *Registry {
	t.Helper()
	reg, err := LoadRegistry(data.FS)
	if err != nil {
		t.Fatalf("loading data registry: %v", err)
	}
	return reg
}

func TestDataRegistry(t *testing.T) {
	reg := dataRegistry(t)
	counts := map[resgraph.ActorType]int{}
	for _, a := range reg.Actors() {
		counts[a.Type]++
	}
	if counts[resgraph.ActorState] < 193 {
		t.Errorf("%d States, want at least the 193 Member States", counts[resgraph.ActorState])
	}
	if n := len(reg.Actors()); n < 900 {
		t.Errorf("%d actors, want several hundred written plus derived", n)
	}
	for _, c := range []struct {
		mention string
		want    resgraph.ActorID
	}{
		// Addressees of the seed's gold file.
		{"transitional authorities of Mali", "state/mali/transitional-authorities"},
		{"the Transitional authorities of Mali", "state/mali/transitional-authorities"},
		{"Secretary-General", "secretary-general"},
		{"the Malian Armed Forces", "state/mali/armed-forces"},
		{"Malian Defence and Security Forces", "state/mali/armed-forces"},
		{"all Member States", "member-states"},
		{"regional organizations", "collective/regional-organizations"},
		{"international organizations", "collective/international-organizations"},
		{"AFISMA", "afisma"},
		{"the African-led International Support Mission in Mali", "afisma"},
		{"the African Union", "african-union"},
		{"all other parties in Mali", "state/mali/parties"},
		{"all parties in Mali", "state/mali/parties"},
		{"neighbouring countries of Mali", "collective/neighbouring-states"},
		{"neighboring countries", "collective/neighbouring-states"},
		// Others that recur.
		{"the Government of Mali", "state/mali/government"},
		{"Malian authorities", "state/mali/government"},
		{"the Governments of Mali", "state/mali/government"},
		{"Government of the Sudan", "state/sudan/government"},
		{"the Sudanese Government", "state/sudan/government"},
		{"Government of Côte d'Ivoire", "state/cote-divoire/government"},
		{"Government of Cote d’Ivoire", "state/cote-divoire/government"},
		{"the Iraqi authorities", "state/iraq/government"},
		{"FARDC", "state/drc/armed-forces"},
		{"MINUSMA", "minusma"},
		{"the United Nations Multidimensional Integrated Stabilization Mission in Mali", "minusma"},
		{"UNIFIL", "unifil"},
		{"ECOWAS", "ecowas"},
		{"the Economic Community of West African States", "ecowas"},
		{"the League of Arab States", "league-of-arab-states"},
		{"MUJWA", "group/mujao"},
		{"Movement of Unity and Jihad in Western Africa", "group/mujao"},
		{"AQIM", "group/aqim"},
		{"Al-Qaida in Islamic Maghreb", "group/aqim"},
		{"ISIL (Da'esh)", "group/isil"},
		{"Da’esh", "group/isil"},
		{"Al-Shabaab", "group/al-shabaab"},
		{"the Taliban", "group/taliban"},
		{"the Committee established pursuant to resolution 1267 (1999)", "committee/1267"},
		{"Committee established pursuant to resolution 1533 (2004)", "committee/1533"},
		{"the Counter-Terrorism Committee", "committee/1373"},
		{"the International Criminal Court", "icc"},
		{"the International Court of Justice", "icj"},
		{"ECOSOC", "ecosoc"},
		{"all States", "collective/all-states"},
		{"all parties", "collective/parties"},
		{"troop- and police-contributing countries", "collective/troop-contributing-countries"},
		{"the United Kingdom of Great Britain and Northern Ireland", "state/united-kingdom"},
		{"Türkiye", "state/turkiye"},
		{"the Democratic Republic of the Congo", "state/drc"},
		{"the Bosnian Serb party", "state/bosnia-and-herzegovina/republika-srpska"},
		{"the Government of the Central African Republic", "state/central-african-republic/government"},
		{"the Government of the Republic of South Sudan", "state/south-sudan/government"},
		{"Turkish forces", "state/turkiye/armed-forces"},
		{"UNMIS in Darfur", "unmis"},
		{"MONUSCO in the DRC", "monusco"},
		{"the President of Liberia", "state/liberia/president"},
		{"the State", "x/state"},
		{"the Force", "x/force"},
		{"a stabilization force in Mali", "x/a-stabilization-force-in-mali"},
		{"the United Nations Mission", "x/united-nations-mission"},
		{"the Transitional Authority", "x/transitional-authority"},
		{"all relevant actors", "collective/actors"},
		{"the Special Representative of the Secretary-General for Mali", "srsg/mali"},
		{"the Special Representative for the DRC", "srsg/drc"},
		{"the Secretary-General’s Special Representative for Sudan", "srsg/sudan"},
		{"the Special Representative of the Secretary-General in Côte d’Ivoire", "srsg/cote-divoire"},
		{"relevant Special Representatives", "collective/special-representatives"},
		{"the Special Representative of the Secretary-General", "x/special-representative-of-secretary-general"},
	} {
		got := reg.Resolve(c.mention, nil)
		if got.ID != c.want {
			t.Errorf("Resolve(%q) = %q (%s), want %q", c.mention, got.ID, got.Name, c.want)
		}
	}
	// Relations.
	if a, _ := reg.Actor("afisma"); a.LedBy != "african-union" {
		t.Errorf("AFISMA led_by = %q, want african-union", a.LedBy)
	}
	if a, _ := reg.Actor("state/mali/armed-forces"); a.PartOf != "state/mali" {
		t.Errorf("Malian armed forces part_of = %q, want state/mali", a.PartOf)
	}
	if a, ok := reg.Actor("state/niger/government"); !ok || a.Name != "Government of Niger" || a.PartOf != "state/niger" {
		t.Errorf("derived Government of Niger = %+v, %v", a, ok)
	}
	if a, _ := reg.Actor("group/mujao"); a.Sanctions != "QDe.134" {
		t.Errorf("MUJAO sanctions = %q, want QDe.134", a.Sanctions)
	}
}

func TestResolveUnknownAndDefinitions(t *testing.T) {
	reg := dataRegistry(t)
	got := reg.Resolve("the Malian rebel groups", nil)
	if got.ID != "x/malian-rebel-groups" || got.Type != resgraph.ActorUnknown || got.Name != "Malian rebel groups" || got.Mention != "the Malian rebel groups" {
		t.Errorf("unknown actor: %+v", got)
	}
	defs := []resgraph.Definition{
		{Acronym: "AFISMA", Name: "African-led International Support Mission in Mali", Paragraph: "op9"},
		{Acronym: "FOO", Name: "Friends of Ouagadougou", Paragraph: "op2"},
	}
	if got := reg.Resolve("FOO", defs); got.ID != "x/friends-of-ouagadougou" || got.Name != "Friends of Ouagadougou" || !slices.Contains(got.Aliases, "FOO") {
		t.Errorf("acronym defined by the document: %+v", got)
	}
	if got := reg.Resolve("Friends of Ouagadougou", defs); !slices.Contains(got.Aliases, "FOO") {
		t.Errorf("full name of a defined acronym lacks the acronym: %+v", got)
	}
	got = reg.Resolve("African-led International Support Mission in Mali", defs)
	if got.ID != "afisma" || !slices.Contains(got.Aliases, "AFISMA") {
		t.Errorf("AFISMA by name: %+v", got)
	}
	reg.ResolveDefinitions(defs)
	if defs[0].Actor != "afisma" || defs[1].Actor != "" {
		t.Errorf("ResolveDefinitions: %+v", defs)
	}
	// The returned aliases can be appended to without touching the registry.
	ref := reg.Resolve("AFISMA", nil)
	_ = append(ref.Aliases, "X")
	if a, _ := reg.Actor("afisma"); slices.Contains(a.Aliases, "X") {
		t.Error("appending to ActorRef.Aliases changed the registry")
	}
}

var benchMentions = []string{
	"the Secretary-General", "all Member States", "the transitional authorities of Mali", "AFISMA",
	"the Malian Defence and Security Forces", "regional organizations", "the Government of the Sudan",
	"all parties", "Malian rebel groups", "the African Union", "neighbouring countries", "the Committee established pursuant to resolution 1267 (1999)",
	"UNMISS", "the Governments of Chad and the Sudan", "all States", "Lebanese Armed Forces",
}

// BenchmarkResolve measures one Resolve call over a mix of known, derived and
// unknown mentions. go test ./loader -run '^$' -bench Resolve -benchmem
func BenchmarkResolve(b *testing.B) {
	reg := dataRegistry(b)
	defs := []resgraph.Definition{{Acronym: "AFISMA", Name: "African-led International Support Mission in Mali"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		reg.Resolve(benchMentions[i%len(benchMentions)], defs)
	}
}

// BenchmarkLoadRegistry measures parsing and indexing the data registry.
func BenchmarkLoadRegistry(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadRegistry(data.FS); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"the Secretary-General":              "secretary general",
		"  All  the Parties ":                "parties",
		"all Member States":                  "member states",
		"Government of the Sudan":            "government of sudan",
		"Mali's":                             "mali",
		"Côte d’Ivoire":                      "cote divoire",
		"regional organisations":             "regional organizations",
		"neighbouring countries":             "neighboring countries",
		"Malian Defence and Security Forces": "malian defense and security forces",
		"ISIL (Da'esh)":                      "isil daesh",
		"Committee (“the Committee”)":        "committee committee",
		"Theodore":                           "theodore",
		"Ballots for all":                    "ballots for all",
		"Türkiye":                            "turkiye",
		"Programme centre":                   "program center",
		"":                                   "",
		"the":                                "",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolveEstablishedBodies(t *testing.T) {
	reg := dataRegistry(t)
	for mention, want := range map[string]resgraph.ActorID{
		"the Committee established in paragraph 30 of resolution 1988 (2011)":                 "committee/1988",
		"the Committee established in paragraph 35 of resolution 1988":                        "committee/1988",
		"the Committee established pursuant to paragraph 3 (a) of resolution 1591 (2005)":     "committee/1591",
		"the Security Council Committee established pursuant to resolution 1718 (2006)":       "committee/1718",
		"the Committee established pursuant to resolutions 1267 (1999) and 1989 (2011)":       "committee/1267",
		"Group of Experts on the DRC established pursuant to resolution 1533 (2004)":          "panel/drc",
		"the Panel of Experts established pursuant to paragraph 24 of resolution 1973 (2011)": "panel/libya",
	} {
		if got := reg.Resolve(mention, nil); got.ID != want {
			t.Errorf("Resolve(%q) = %q, want %q", mention, got.ID, want)
		}
	}
	if got := reg.Resolve("the Committee", nil); got.ID != "x/committee" {
		t.Errorf("a bare \"the Committee\" without a definition must stay unknown, got %q", got.ID)
	}
}

func TestMerge(t *testing.T) {
	a, err := ParseRegistry(strings.NewReader(smallRegistry), "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseRegistry(strings.NewReader("- {id: state/niger, name: Niger, type: state, demonyms: [Nigerien]}\n- {id: misma, name: Mission, type: mission, aliases: [MISMA], led_by: state/niger}\n"), "more.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	for mention, want := range map[string]resgraph.ActorID{
		"MISMA": "misma", "Malian authorities": "state/mali/government", "Nigerien authorities": "state/niger/government", "AFISMA": "afisma",
	} {
		if got := a.Resolve(mention, nil); got.ID != want {
			t.Errorf("after Merge, Resolve(%q) = %q, want %q", mention, got.ID, want)
		}
	}
	dup, _ := ParseRegistry(strings.NewReader("- {id: x2, name: Other, type: state, aliases: [AFISMA]}\n"), "dup.yaml")
	n := a.Len()
	if err := a.Merge(dup); err == nil || !strings.Contains(err.Error(), `dup.yaml:1:`) {
		t.Errorf("Merge with a repeated alias: err = %v, want a positioned error", err)
	}
	if a.Len() != n {
		t.Errorf("failed Merge changed the registry: %d actors, had %d", a.Len(), n)
	}
}
