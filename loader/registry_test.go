package loader

import (
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
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
