package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/loader"
)

func main() {
	list := flag.String("list", "../shared/reference/un-sanctions-list.json", "the consolidated sanctions list as JSON")
	curated := flag.String("curated", "data/actors.yaml", "the curated registry; its sanctioned entries are skipped")
	out := flag.String("o", "data/actors-sanctions.yaml", "output file")
	flag.Parse()
	if err := run(*list, *curated, *out); err != nil {
		fmt.Fprintln(os.Stderr, "registrygen:", err)
		os.Exit(1)
	}
}

func run(listPath, curatedPath, outPath string) error {
	b, err := generateFiles(listPath, curatedPath)
	if err != nil {
		return err
	}
	if err := os.WriteFile(outPath, b, 0o644); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

func generateFiles(listPath, curatedPath string) ([]byte, error) {
	raw, err := os.ReadFile(listPath)
	if err != nil {
		return nil, fmt.Errorf("reading sanctions list: %w", err)
	}
	f, err := os.Open(curatedPath)
	if err != nil {
		return nil, fmt.Errorf("opening curated registry: %w", err)
	}
	defer f.Close()
	reg, err := loader.ParseRegistry(f, curatedPath)
	if err != nil {
		return nil, err
	}
	return generate(raw, reg, "un-sanctions-list.json")
}

// entity is one ENTITY of the consolidated list, as far as we use it.
type entity struct {
	Name     string          `json:"FIRST_NAME"`
	ListType string          `json:"UN_LIST_TYPE"`
	Ref      string          `json:"REFERENCE_NUMBER"`
	Listed   string          `json:"LISTED_ON"`
	Alias    json.RawMessage `json:"ENTITY_ALIAS"`
}

type alias struct {
	Quality string `json:"QUALITY"`
	Name    string `json:"ALIAS_NAME"`
}

func (e *entity) aliases() []alias {
	var one alias
	if json.Unmarshal(e.Alias, &one) == nil {
		return []alias{one}
	}
	var many []alias
	_ = json.Unmarshal(e.Alias, &many) // absent or malformed: no aliases
	return many
}

type listFile struct {
	List struct {
		Entities struct {
			Entity []entity `json:"ENTITY"`
		} `json:"ENTITIES"`
		Generated string `json:"_dateGenerated"`
	} `json:"CONSOLIDATED_LIST"`
}

type gen struct {
	actor resgraph.Actor
	base  string   // name before disambiguation, for the id
	list  string   // sanctions list: "Al-Qaida", "DPRK"
	keys  []string // keys of the aliases, parallel to actor.Aliases
}

// generate builds the YAML text for the entities of raw not in reg.
func generate(raw []byte, reg *loader.Registry, source string) ([]byte, error) {
	var lf listFile
	if err := json.Unmarshal(raw, &lf); err != nil {
		return nil, fmt.Errorf("decoding sanctions list: %w", err)
	}
	curatedRefs := map[string]bool{}
	for _, a := range reg.Actors() {
		if a.Sanctions != "" {
			curatedRefs[a.Sanctions] = true
		}
	}
	ents := lf.List.Entities.Entity
	sort.Slice(ents, func(i, j int) bool { return ents[i].Ref < ents[j].Ref })

	var gens []*gen
	keyOwners := map[string]map[int]bool{} // alias key -> generated entries using it
	for _, e := range ents {
		if curatedRefs[e.Ref] || e.Ref == "" {
			continue
		}
		name, extra := splitName(e.Name)
		names := extra
		for _, a := range e.aliases() {
			names = append(names, splitAlias(a.Name)...)
		}
		g := &gen{actor: resgraph.Actor{
			Name:      titleCase(name),
			Type:      entityType(e.ListType, e.Name),
			Sanctions: e.Ref,
			Note:      fmt.Sprintf("UN sanctions list %s, listed %s", e.ListType, e.Listed),
		}}
		seen := map[string]bool{loader.Key(g.actor.Name): true}
		for _, n := range names {
			n = strings.TrimSpace(strings.Trim(n, "\"“”"))
			if n == "" || !latin(n) || generic(n) {
				continue
			}
			if len(n) > 4 && strings.ToUpper(n) == n {
				n = titleCase(n)
			}
			k := loader.Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			g.actor.Aliases = append(g.actor.Aliases, n)
			g.keys = append(g.keys, k)
		}
		g.base, g.list = g.actor.Name, e.ListType
		gens = append(gens, g)
		idx := len(gens) - 1
		for k := range seen {
			if keyOwners[k] == nil {
				keyOwners[k] = map[int]bool{}
			}
			keyOwners[k][idx] = true
		}
	}
	// Drop aliases shared by two entities or already in the curated registry;
	// a name that clashes gets its reference number.
	ids := map[resgraph.ActorID]bool{}
	for _, a := range reg.Actors() {
		ids[a.ID] = true
	}
	for _, g := range gens {
		var keep []string
		for i, al := range g.actor.Aliases {
			k := g.keys[i]
			if len(keyOwners[k]) > 1 {
				continue
			}
			if _, taken := reg.Lookup(al); taken {
				continue
			}
			keep = append(keep, al)
		}
		g.actor.Aliases = keep
		nk := loader.Key(g.actor.Name)
		switch {
		case g.actor.Type == resgraph.ActorOther && generic(g.actor.Name):
			// "Ministry of National Defence" must not catch every ministry.
			g.actor.Name += " (" + g.list + ")"
		case len(keyOwners[nk]) > 1:
			g.actor.Name += " (" + refOf(g.actor) + ")"
		}
		if _, taken := reg.Lookup(g.actor.Name); taken {
			g.actor.Name += " (" + refOf(g.actor) + ")"
		}
		prefix := "entity/"
		if g.actor.Type == resgraph.ActorArmedGroup {
			prefix = "group/"
		}
		id := resgraph.ActorID(prefix + slugOf(loader.Key(g.base)))
		if ids[id] {
			id = resgraph.ActorID(string(id) + "-" + strings.ToLower(strings.ReplaceAll(g.actor.Sanctions, ".", "-")))
		}
		ids[id] = true
		g.actor.ID = id
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Code generated by internal/registrygen from %s (list of %s); DO NOT EDIT.\n", source, lf.List.Generated)
	fmt.Fprintf(&b, "# Entities of the UN Security Council Consolidated Sanctions List that data/actors.yaml does not describe.\n")
	fmt.Fprintf(&b, "# To change an entry, write a curated entry with its sanctions reference in actors.yaml and regenerate.\n")
	for _, g := range gens {
		writeActor(&b, g.actor)
	}
	return b.Bytes(), nil
}

// Ref returns the actor's sanctions reference; a helper for readability.
func refOf(a resgraph.Actor) string { return a.Sanctions }

func writeActor(b *bytes.Buffer, a resgraph.Actor) {
	fmt.Fprintf(b, "\n- id: %s\n  name: %s\n  type: %s\n", a.ID, quote(a.Name), a.Type)
	if len(a.Aliases) > 0 {
		b.WriteString("  aliases:\n")
		for _, al := range a.Aliases {
			fmt.Fprintf(b, "    - %s\n", quote(al))
		}
	}
	fmt.Fprintf(b, "  sanctions: %s\n  note: %s\n", quote(a.Sanctions), quote(a.Note))
}

// quote writes s as a YAML scalar, double-quoted when plain style could
// misread it.
func quote(s string) string {
	if s == "" || strings.ContainsAny(s, ":#'\"[]{},&*!|>%@`\\") || strings.ContainsAny(s[:1], "-? ") ||
		strings.HasSuffix(s, " ") {
		j, _ := json.Marshal(s)
		return strings.ReplaceAll(string(j), `\u0026`, "&")
	}
	switch strings.ToLower(s) {
	case "yes", "no", "true", "false", "null", "on", "off", "y", "n", "~":
		return `"` + s + `"`
	}
	return s
}

// splitName splits a listed name into the name and the other names it holds:
// "AL-ITIHAAD AL-ISLAMIYA / AIAI", "A ; B", "GENERAL BUREAU OF ATOMIC ENERGY (GBAE)".
func splitName(s string) (string, []string) {
	var extra []string
	parts := strings.Split(s, ";")
	name := strings.TrimSpace(parts[0])
	for _, p := range parts[1:] {
		extra = append(extra, splitAlias(p)...)
	}
	if a, b, ok := strings.Cut(name, " / "); ok {
		name = strings.TrimSpace(a)
		extra = append(extra, strings.TrimSpace(b))
	}
	name, acr := cutAcronym(name)
	if acr != "" {
		extra = append([]string{acr}, extra...)
	}
	return name, extra
}

// cutAcronym takes a trailing "(ACR)" off a name.
func cutAcronym(s string) (string, string) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	i := strings.LastIndexByte(s, '(')
	if i <= 0 {
		return s, ""
	}
	inner := s[i+1 : len(s)-1]
	if inner == "" || strings.ContainsAny(inner, " ") && !strings.Contains(inner, ",") {
		return s, "" // "(BRANCH LOCATED IN ...)", "(PAKISTAN)": part of the name
	}
	caps := 0
	for _, r := range inner {
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if caps < 2 { // "(Pakistan)", "(original script)"
		return s, ""
	}
	// An acronym starts like one of the name's words; "(KENYA)" does not.
	initial := false
	for _, w := range strings.FieldsFunc(s[:i], func(r rune) bool { return r == ' ' || r == '-' }) {
		if strings.EqualFold(w[:1], inner[:1]) {
			initial = true
		}
	}
	if !initial {
		return s, ""
	}
	if strings.Contains(inner, ",") {
		inner = strings.TrimSpace(strings.Split(inner, ",")[0])
	}
	return strings.TrimSpace(s[:i]), inner
}

// splitAlias splits an alias entry that holds several names:
// "Hay'at Tahrir al-Sham (HTS) (... (original script); A; B)".
func splitAlias(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if i := strings.IndexByte(s, '('); i > 0 && strings.Contains(s[i:], ";") {
		var out []string
		head := strings.TrimSpace(s[:i])
		out = append(out, head)
		inner := strings.TrimSuffix(s[i+1:], ")")
		for _, p := range strings.Split(inner, ";") {
			p = strings.TrimSpace(strings.Trim(p, "()"))
			if strings.Contains(p, "original script") {
				continue
			}
			n, acr := cutAcronym(p)
			out = append(out, n)
			if acr != "" {
				out = append(out, acr)
			}
		}
		return out
	}
	n, acr := cutAcronym(s)
	if acr != "" {
		return []string{n, acr}
	}
	return []string{n}
}

// latin reports whether every letter of s is in the Latin script.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// commonWords are English words that, alone, do not name one entity.
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of and for in on to at by with base youth third floor ministry defence defense
		national academy natural sciences science committee space technology strategic force forces new group jihad
		movement front army society association company corporation trading trade bank office department bureau
		general central military supplies industry international islamic brigade battalion regiment peacekeeping
		sentinels veiled supporters partisans god living together family allies organization organisation foundation
		charity trust relief aid agency development economic second first emigrants soldiers caliphate people revival
		heritage east west eastern western south north southern northern holy war victory conquest levant
		assembly liberation commission lies truth resistance citizens rights support suppression division unit`) {
		commonWords[w] = true
	}
}

// generic reports whether every word of s is a common English word.
func generic(s string) bool {
	words := strings.Fields(loader.Key(s))
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		if !commonWords[w] {
			return false
		}
	}
	return true
}

var smallWords = map[string]bool{"of": true, "the": true, "and": true, "in": true, "for": true, "on": true,
	"at": true, "to": true, "de": true, "du": true, "des": true, "la": true, "le": true, "et": true, "wa": true, "fi": true}

// titleCase writes an all-capitals name in title case: "AL-QAIDA IN IRAQ" ->
// "Al-Qaida in Iraq". Names with lower-case letters are kept.
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && smallWords[lw]:
			words[i] = lw
		case strings.HasPrefix(w, "(") && strings.HasSuffix(w, ")") && len(w) <= 6:
			// "(UCI)": an acronym stays in capitals
		case !strings.ContainsAny(lw, "aeiouy") || strings.Contains(w, "."):
			if lw == "ltd" || lw == "ltd." {
				words[i] = "Ltd" + strings.TrimPrefix(lw, "ltd")
			}
			// acronyms and "S.A." stay in capitals
		default:
			words[i] = capitalizeParts(lw)
		}
	}
	return strings.Join(words, " ")
}

// capitalizeParts capitalizes each hyphen- or apostrophe-separated part.
func capitalizeParts(w string) string {
	rs := []rune(w)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
		}
		up = r == '-' || r == '(' || r == '/'
	}
	return string(rs)
}

var companyWords = []string{"BANK", "COMPANY", "CORPORATION", "CORP", "TRADING", "LTD", "LIMITED", "AERIENNE", "(NGO)", "NGO", "SHIPPING", "EXCHANGE",
	"FOUNDATION", "TRUST", "CHARITY", "SOCIETY", "MINISTRY", "DEPARTMENT", "ACADEMY", "AIRLINES", "INVESTMENT", "HAWALA",
	"BRANCH", "OFFICE", "OFFICES", "INSURANCE", "GROUP OF COMPANIES", "ORGANIZATION", "BUREAU", "COMMITTEE", "LLC", "S.A.", "ANSTALT",
	"ESTABLISHMENT", "HOUSE", "IMPEX", "ELECTRONICS", "ADMINISTRATION", "COMMISSION", "PARTY", "AUTHORITY", "PORTFOLIO",
	"ENERGY", "FINANCE", "JV", "CENTER", "CENTRE", "MARINE", "FREIGHT", "PTE", "CO", "INTERNATIONAL AID", "WELFARE",
	"AGENCY", "HUMANITARIAN", "SERVICE", "INDUSTRY", "ENGINEERING", "RELIEF", "HERITAGE", "MACHINERY", "TECHNOLOGY"}

// entityType tells armed groups from companies, charities and State bodies.
func entityType(list, name string) resgraph.ActorType {
	switch list {
	case "DPRK", "Iraq":
		return resgraph.ActorOther
	}
	up := " " + strings.ToUpper(name) + " "
	for _, w := range companyWords {
		if strings.Contains(up, " "+w+" ") || strings.Contains(up, " "+w+",") || strings.Contains(up, " "+w+".") {
			return resgraph.ActorOther
		}
	}
	return resgraph.ActorArmedGroup
}

// slugOf makes an id segment of a key, at most about 60 bytes, cut at a word.
func slugOf(k string) string {
	if len(k) > 60 {
		if i := strings.LastIndexByte(k[:60], ' '); i > 0 {
			k = k[:i]
		}
	}
	return strings.ReplaceAll(k, " ", "-")
}
