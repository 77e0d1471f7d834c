package loader

import (
	"strings"

	"github.com/resgraph/resgraph"
)

// Stance targets (GUIDE "Stances and whom they are about"): the actors a
// stance names anywhere in its clause: the object ("commends AMISOM"), the
// doer of an act or the author of a report ("the attacks by Al-Shabaab",
// "the report of the Secretary-General", "MINUSCA's deployment"), the
// subject of a that-clause ("recalls that the Syrian authorities bear the
// primary responsibility"), "the need for X", "its support to X".
//
// The clause is cut into chunks of name-like tokens: capitalized words, and
// the lower-case words that make up actor phrases ("all parties", "armed
// groups", "troop- and police-contributing countries"), joined by "of",
// "and", commas. Each chunk is split and resolved as addressees are. A chunk
// is a target when it resolves to a registry actor, or when its head is an
// actor noun (a Government, authorities, forces, groups). Not targets:
// the Council itself, places ("the situation in Mali": a chunk after "in",
// "into", "across", "throughout", "within"), victims ("attacks against
// peacekeepers", heads such as civilians, children, refugees), and
// beneficiaries ("assistance to the Government"), except after nouns of
// the Council's own regard ("its support to President Touadéra", "its
// appreciation to the troop-contributing countries").

// chunkWords may stand inside an actor phrase in lower case.
var chunkWords = wordSet("the its their all of and or other relevant international regional sub-regional subregional national " +
	"local armed rebel military civil security humanitarian troop police troop- police- contributing current future " +
	"concerned respective specialized specialised both non-state state member signatory political transitional interim new de facto " +
	"malian syrian sudanese somali libyan congolese ivorian afghan iraqi lebanese yemeni haitian burundian " +
	"liberian central african")

// chunkOpeners are the lower-case words a chunk may start with.
var chunkOpeners = wordSet("all relevant international regional sub-regional subregional national local armed rebel " +
	"military civil security humanitarian troop police troop- police- current future respective both non-state " +
	"member signatory political transitional interim")

// victimHeads name the people a stance speaks for, not of.
var victimHeads = wordSet("civilians civilian persons children child women girls boys refugees populations population " +
	"people peoples victims survivors journalists detainees hostages migrants personnel idps")

// victimIDs are registry collectives a stance speaks for.
var victimIDs = map[string]bool{"collective/refugees": true, "collective/civilians": true, "collective/children": true,
	"collective/women": true, "collective/humanitarian-personnel": true}

// placePreps put a name in the role of a place.
var placePreps = wordSet("in into across throughout within inside")

// regardNouns take "to X" of the actor the Council speaks of.
var regardNouns = wordSet("support appreciation gratitude tribute condolences sympathy thanks solidarity")

// partNouns name a part or side of the body that follows "of".
var partNouns = wordSet("leadership leaders members member role part parts representatives")

// agentNouns before "of" make the State after it a doer: "the efforts of
// Mali", "the decision of the Government".
var agentNouns = wordSet("effort decision commitment work report letter request statement announcement initiative " +
	"engagement cooperation support contribution action step measure role leadership attack violation proposal " +
	"intention willingness readiness determination plan participation progress")

// loneNouns may name a target on their own: the collective labels of GUIDE.
var loneNouns = wordSet("parties sides belligerents signatories")

// harmNouns take "against X" / "on X" of the victim.
var harmPreps = wordSet("against on upon targeting")

// stanceTargets returns the actors the stance clause toks[i:c.last] is
// about, each once.
func (s *exState) stanceTargets(text string, toks []ctok, i, last int) []addr {
	if s.x.Registry == nil {
		return nil
	}
	var out []addr
	seen := map[resgraph.ActorID]bool{}
	add := func(ad addr) {
		if seen[ad.ref.ID] {
			return
		}
		seen[ad.ref.ID] = true
		out = append(out, ad)
	}
	base := 0
	if i < last {
		base = toks[i].depth
	}
	j := i
	for j < last {
		if !s.chunkStart(toks, j, last, base) {
			j++
			continue
		}
		a := j
		b := s.chunkEnd(toks, a, last, base)
		j = b
		if b <= a {
			j = a + 1
			continue
		}
		prev := ""
		if a > i {
			prev = toks[a-1].lower
		}
		if placePreps[prev] || harmPreps[prev] {
			continue
		}
		if prev == "to" && !s.councilRegard(toks, i, a) {
			continue
		}
		// "the leadership of the African Union", "members of the Panel": the body
		k := a
		if toks[k].lower == "the" {
			k++
		}
		if k+1 < b && partNouns[toks[k].lower] && toks[k+1].lower == "of" {
			a, prev = k+2, "of"
		}
		if a >= b {
			continue
		}
		agentive := prev == "of" && a >= 2 && agentNouns[strings.TrimSuffix(toks[a-2].lower, "s")] ||
			prev == "of" && a >= 3 && toks[a-2].lower == "the" && agentNouns[strings.TrimSuffix(toks[a-3].lower, "s")]
		for _, ad := range s.chunkActors(text, toks, a, b) {
			if strings.HasPrefix(string(ad.ref.ID), "territory/") {
				continue // Darfur, Gaza: places, not actors
			}
			if prev == "of" && !agentive && ad.ref.Type == resgraph.ActorState {
				continue // "the territorial integrity of Lebanon", "the stabilization of the CAR": a place
			}
			add(ad)
		}
	}
	return out
}

// councilRegard reports whether the "to" before toks[a] follows the
// Council's own regard: "expresses its full support to X", "its
// appreciation to X" (not "financial support to AFISMA", a beneficiary).
func (s *exState) councilRegard(toks []ctok, i, a int) bool {
	for k := a - 2; k >= i && k >= a-4; k-- {
		if regardNouns[toks[k].lower] {
			for j := k - 1; j >= i && j >= k-3; j-- {
				if toks[j].lower == "its" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// chunkStart reports whether an actor phrase may start at toks[j].
func (s *exState) chunkStart(toks []ctok, j, last, base int) bool {
	t := toks[j]
	if !t.word || t.depth != base {
		return false
	}
	if t.upper {
		return !isNumber(t.text)
	}
	if actorHeads[t.lower] || chunkOpeners[t.lower] {
		return true
	}
	// "the Syrian authorities", "the parties": the article opens the chunk
	if (t.lower == "the" || t.lower == "its" || t.lower == "their") && j+1 < last && toks[j+1].word && (toks[j+1].upper || actorHeads[toks[j+1].lower] || chunkOpeners[toks[j+1].lower]) {
		return true
	}
	// "its specialized agencies", "their respective Governments"
	if (t.lower == "its" || t.lower == "their") && j+2 < last && toks[j+1].word && actorHeads[toks[j+2].lower] {
		return true
	}
	return false
}

// chunkEnd returns one past the last token of the actor phrase at toks[a].
func (s *exState) chunkEnd(toks []ctok, a, last, base int) int {
	b := a
	joined := false // one "in"/"for"/"on" inside a name
	for k := a; k < last; k++ {
		t := toks[k]
		if t.depth > base {
			// "(PBC)", "(AFISMA)": an acronym in brackets stays with its name
			if k > a && (t.upper || t.text == "(" || t.text == ")") {
				continue
			}
			break
		}
		if t.text == ")" && k > a {
			b = k + 1
			continue
		}
		if t.text == "(" {
			if k+2 < last && toks[k+1].upper && toks[k+2].text == ")" {
				continue
			}
			break
		}
		if t.text == "," {
			// a list goes on after a comma only with another name
			if k+1 < last && (s.chunkStart(toks, k+1, last, base) || toks[k+1].lower == "and" && k+2 < last && s.chunkStart(toks, k+2, last, base)) {
				continue
			}
			break
		}
		if !t.word {
			break
		}
		if (t.lower == "in" || t.lower == "for" || t.lower == "on") && !joined && k > a && toks[k-1].upper && k+1 < last &&
			(toks[k+1].upper || toks[k+1].lower == "the" && k+2 < last && toks[k+2].upper) {
			joined = true
			continue // "United Nations Mission in South Sudan", "Office for West Africa"
		}
		if t.upper && !isNumber(t.text) || actorHeads[t.lower] || chunkWords[t.lower] {
			if possessive(t.text) {
				return k + 1
			}
			b = k + 1
			continue
		}
		break
	}
	// no trailing "of", "and", "the", ","
	for b > a {
		switch toks[b-1].lower {
		case "of", "and", "or", "the", ",", "all", "other":
			b--
			continue
		}
		break
	}
	return b
}

func possessive(w string) bool {
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")
}

// chunkActors splits the chunk toks[a:b] and keeps the conjuncts that name
// actors.
func (s *exState) chunkActors(text string, toks []ctok, a, b int) []addr {
	if councilItself(toks, a, b) && b-a <= 3 {
		return nil
	}
	// "MINUSCA's": the possessor alone
	if possessive(toks[b-1].text) {
		w := toks[b-1].text
		end := toks[b-1].end - len("’s")
		if strings.HasSuffix(w, "'s") {
			end = toks[b-1].end - 2
		}
		mention := strings.TrimSpace(text[toks[a].start:end])
		if strings.HasPrefix(strings.ToLower(mention), "the ") {
			mention = mention[4:]
		}
		ref := s.resolve(mention)
		if ref.Type != resgraph.ActorUnknown && ref.Type != "" && ref.ID != "security-council" {
			return []addr{{ref: ref, start: toks[a].start, end: end}}
		}
		return nil
	}
	var out []addr
	for _, ad := range s.addressees(text, toks, a, b) {
		if ad.ref.ID == "security-council" || ad.ref.ID == "" {
			continue
		}
		m := strings.TrimPrefix(strings.TrimPrefix(ad.ref.Mention, "the "), "The ")
		if !strings.Contains(m, " ") && !loneNouns[strings.ToLower(m)] && (m == strings.ToLower(m) || ad.ref.Type == resgraph.ActorUnknown || ad.ref.Type == "") {
			continue // "countries", "individuals", "State", "President": no one in particular
		}
		if ad.ref.Type == resgraph.ActorUnknown || ad.ref.Type == "" {
			if !actorMention(ad.ref.Mention) {
				continue
			}
		}
		if victimIDs[string(ad.ref.ID)] {
			continue
		}
		if h := lastWord(ad.ref.Mention); victimHeads[strings.ToLower(h)] {
			continue
		}
		out = append(out, ad)
	}
	return out
}

// actorMention reports whether a mention the registry does not know names
// an actor by its head noun: "the CAR Government", "armed groups".
func actorMention(m string) bool {
	f := strings.Fields(m)
	if len(f) == 0 {
		return false
	}
	h := strings.ToLower(f[len(f)-1])
	for i, w := range f {
		if lw := strings.ToLower(w); lw == "of" && i > 0 {
			h = strings.ToLower(f[i-1])
			break
		}
	}
	return actorHeads[h] && h != "council" && !victimHeads[h]
}

func lastWord(m string) string {
	f := strings.Fields(m)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
