package loader

import (
	"strings"

	"github.com/resgraph/resgraph"
)

// Document context: generic mentions ("the Government", "the Committee",
// "the Panel of Experts", "the Special Representative of the
// Secretary-General") name the specific body the document is about or
// names in full. Each is worked out once per document, and only when such a
// mention occurs.

// contextHeads maps the key of a generic mention to the body it stands for.
var contextHeads = map[string]string{
	"government":                                  "government",
	"transitional authorities":                    "transitional",
	"transitional government":                     "transitional",
	"transitional federal government":             "transitional",
	"national authorities":                        "government",
	"committee":                                   "committee",
	"sanctions committee":                         "committee",
	"committee of security council":               "committee",
	"security council committee":                  "committee",
	"panel of experts":                            "panel",
	"panel":                                       "panel",
	"group of experts":                            "group",
	"commission":                                  "commission",
	"special representative of secretary general": "srsg",
	"special representative":                      "srsg",
	"mission":                                     "mission",
	"united nations mission":                      "mission",
	"force":                                       "force",
	"united nations force":                        "force",
	"operation":                                   "operation",
	"united nations operation":                    "operation",
}

// inContext resolves a generic mention against the document, or returns ok
// false.
func (s *exState) inContext(mention string) (resgraph.ActorRef, bool) {
	kind := contextHeads[Key(mention)]
	if kind == "" || s.x.Registry == nil {
		return resgraph.ActorRef{}, false
	}
	if s.ctx == nil {
		s.ctx = map[string]*resgraph.ActorRef{}
	}
	ref, done := s.ctx[kind]
	if !done {
		ref = s.findContext(kind)
		s.ctx[kind] = ref
	}
	if ref == nil {
		return resgraph.ActorRef{}, false
	}
	out := *ref
	out.Mention = mention
	out.Aliases = append([]string(nil), ref.Aliases...)
	return out, true
}

func (s *exState) findContext(kind string) *resgraph.ActorRef {
	switch kind {
	case "government":
		if st := s.docState(); st != "" {
			if r := s.x.Registry.Resolve("Government of "+st, s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
				return &r
			}
		}
	case "transitional":
		// "the transitional authorities": those of the State the document is
		// about, else its Government
		if st := s.docState(); st != "" {
			for _, n := range []string{"Transitional authorities of " + st, "Transitional Government of " + st, "Transitional Federal Government of " + st, "Government of " + st} {
				if r := s.x.Registry.Resolve(n, s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
					return &r
				}
			}
		}
	case "committee":
		if r := s.establishedBody("Committee"); r != nil {
			return r
		}
		return s.stateBody(resgraph.ActorUNOrgan, "Committee", " concerning ")
	case "panel":
		if r := s.establishedBody("Panel of Experts"); r != nil {
			return r
		}
		if r := s.bodyOn("Panel of Experts on "); r != nil {
			return r
		}
		// the panel of the document's committee: sanctions regimes name both
		// after one resolution ("the 1591 Committee", "the Panel of Experts
		// established pursuant to resolution 1591 (2005)")
		if c := s.ctxRef("committee"); c != nil {
			if n := resolutionIn(c.Name); n != "" {
				if r := s.x.Registry.Resolve("Panel of Experts established pursuant to resolution "+n, s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
					return &r
				}
			}
		}
		return s.stateBody(resgraph.ActorUNMission, "Panel of Experts", " on ")
	case "group":
		if r := s.establishedBody("Group of Experts"); r != nil {
			return r
		}
		if r := s.bodyOn("Group of Experts on "); r != nil {
			return r
		}
		return s.stateBody(resgraph.ActorUNMission, "Group of Experts", " on ")
	case "srsg":
		if r := s.namedSRSG(); r != nil && r.Type != resgraph.ActorUnknown {
			return r
		}
		if r := s.stateBody(resgraph.ActorUNOfficial, "Special Representative of the Secretary-General", " for "); r != nil {
			return r
		}
		return s.namedSRSG()
	case "mission":
		return s.mainMission("Mission")
	case "force":
		return s.mainMission("Force")
	case "operation":
		return s.mainMission("Operation")
	case "commission":
		return s.namedBody("Commission")
	}
	return nil
}

func (s *exState) ctxRef(kind string) *resgraph.ActorRef {
	if r, ok := s.ctx[kind]; ok {
		return r
	}
	r := s.findContext(kind)
	s.ctx[kind] = r
	return r
}

// resolutionIn returns "N (YYYY)" of the first "resolution N (YYYY)" in s.
func resolutionIn(s string) string {
	i := strings.Index(s, "resolution ")
	if i < 0 {
		return ""
	}
	rest := s[i+len("resolution "):]
	if j := strings.IndexByte(rest, ')'); j > 0 && j < 14 {
		return rest[:j+1]
	}
	return ""
}

// establishedBody resolves the body a resolution establishes itself, else
// the first "<head> [on X ("the Y")] established pursuant to [paragraph N
// of] resolution N (YYYY)" the registry knows in the document's title and
// text.
func (s *exState) establishedBody(head string) *resgraph.ActorRef {
	if r := s.ownBody(head); r != nil {
		return r
	}
	var found *resgraph.ActorRef
	s.eachText(func(t string) {
		for off := 0; found == nil && off < len(t); {
			i := strings.Index(t[off:], head)
			if i < 0 {
				break
			}
			i += off
			off = i + len(head)
			w := t[i:min(len(t), i+len(head)+160)]
			j := strings.Index(w, "resolution")
			if j < 0 || !strings.Contains(w[:j], "establish") && !strings.Contains(w[:j], "pursuant to") && !strings.Contains(w[:j], "created") && !strings.Contains(w[:j], "appointed") {
				continue
			}
			end := strings.IndexByte(w[j:], ')')
			if end < 0 || end > len("resolutions ")+14 {
				continue
			}
			if r := s.x.Registry.Resolve(s.expandAcronyms(w[:j+end+1]), s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
				found = &r
			}
		}
		if found != nil || head != "Committee" {
			return
		}
		// no "established pursuant to": the first committee named in full
		// ("the 1267/1989/2253 ISIL (Da'esh) and Al-Qaida Sanctions Committee")
		for off := 0; found == nil && off < len(t); {
			i := strings.Index(t[off:], " "+head)
			if i < 0 {
				break
			}
			i += off + 1
			off = i + len(head)
			found = s.namedBefore(t, i, head)
		}
	})
	return found
}

// ownBody resolves the body a resolution itself establishes ("Decides to
// establish, in accordance with rule 28 ..., a Committee of the Security
// Council"): later mentions of "the Committee" name it.
func (s *exState) ownBody(head string) *resgraph.ActorRef {
	sym := string(s.doc.Symbol)
	if !strings.HasPrefix(sym, "S/RES/") {
		return nil
	}
	for _, p := range s.doc.Paragraphs {
		if p.Kind != resgraph.ParaOperative {
			continue
		}
		t := p.Text
		i := strings.Index(t, "establish")
		if i < 0 {
			continue
		}
		w := t[i:min(len(t), i+160)]
		k := strings.Index(w, " a "+head)
		if k < 0 {
			k = strings.Index(w, " a new "+head)
		}
		if k < 0 || strings.Contains(w[:k], "pursuant") || strings.ContainsAny(w[:k], ".;") {
			continue
		}
		if r := s.x.Registry.Resolve(head+" established pursuant to resolution "+strings.TrimPrefix(sym, "S/RES/"), s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
			return &r
		}
		return nil
	}
	return nil
}

// eachText calls f with the document's title, then each paragraph's text.
func (s *exState) eachText(f func(string)) {
	if s.doc.Title != "" {
		f(s.doc.Title)
	}
	for i := range s.doc.Paragraphs {
		f(s.doc.Paragraphs[i].Text)
	}
}

// expandAcronyms replaces the words of name that the document defines as
// acronyms of a State ("DRC", "CAR") by the State's name, so that "Group of
// Experts on the DRC" finds the registry's "Group of Experts on the
// Democratic Republic of the Congo".
func (s *exState) expandAcronyms(name string) string {
	for _, d := range s.defs {
		if d.Acronym == "" || d.Name == "" || !strings.HasPrefix(string(d.Actor), "state/") {
			continue
		}
		for off := 0; ; {
			i := strings.Index(name[off:], d.Acronym)
			if i < 0 {
				break
			}
			i += off
			e := i + len(d.Acronym)
			if (i == 0 || !isWordByte(name[i-1])) && (e == len(name) || !isWordByte(name[e])) {
				name = name[:i] + d.Name + name[e:]
				e = i + len(d.Name)
			}
			off = e
		}
	}
	return name
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// stateBody finds the registry's body of type typ named "<head><sep>[the]
// <State>" for the State the document is about: the sanctions committee
// "concerning Libya", the "Panel of Experts on Somalia", the "Special
// Representative of the Secretary-General for South Sudan".
func (s *exState) stateBody(typ resgraph.ActorType, head, sep string) *resgraph.ActorRef {
	st := s.docState()
	if st == "" {
		return nil
	}
	var found []resgraph.Actor
	for _, a := range s.x.Registry.Actors() {
		if a.Type != typ {
			continue
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if strings.Contains(n, head) && (strings.HasSuffix(n, sep+st) || strings.HasSuffix(n, sep+"the "+st)) {
				found = append(found, a)
				break
			}
		}
	}
	if len(found) != 1 {
		// two committees concerning one State (an old regime and a new one):
		// the text must say which
		return nil
	}
	r := s.x.Registry.Resolve(found[0].Name, s.defs)
	return &r
}

// mainMission finds the mission, force or operation the document is about:
// the registry's UN mission whose name holds head and whose name or acronym
// the title names, else the one the text names most often (at least twice,
// and twice as often as any other).
func (s *exState) mainMission(head string) *resgraph.ActorRef {
	best, second := 0, 0
	var name string
	for _, a := range s.x.Registry.Actors() {
		if a.Type != resgraph.ActorUNMission || !strings.Contains(a.Name, head) || strings.Contains(a.Name, "Experts") {
			continue
		}
		names := []string{a.Name}
		for _, al := range a.Aliases {
			if isAcronymMention(al) {
				names = append(names, al)
			}
		}
		n := 0
		for _, nm := range names {
			n += 10 * countWord(s.doc.Title, nm)
			for i := range s.doc.Paragraphs {
				n += countWord(s.doc.Paragraphs[i].Text, nm)
			}
		}
		switch {
		case n > best:
			best, second, name = n, best, a.Name
		case n > second:
			second = n
		}
	}
	if best < 2 || best < 2*second {
		return nil
	}
	r := s.x.Registry.Resolve(name, s.defs)
	return &r
}

// countWord counts the occurrences of w in t that stand as whole words.
func countWord(t, w string) int {
	n := 0
	for off := 0; ; {
		i := strings.Index(t[off:], w)
		if i < 0 {
			return n
		}
		i += off
		e := i + len(w)
		if (i == 0 || !isWordByte(t[i-1])) && (e == len(t) || !isWordByte(t[e])) {
			n++
		}
		off = e
	}
}

// namedSRSG finds "Special Representative of the Secretary-General for X"
// (or "... and Head of X") in the document.
func (s *exState) namedSRSG() *resgraph.ActorRef {
	const full = "Special Representative of the Secretary-General "
	for _, pre := range []string{full, "Special Representative "} {
		if r := s.srsgAfter(pre, full); r != nil {
			return r
		}
	}
	return nil
}

// srsgAfter finds pre followed by "for X" (or, after the full title, "on X",
// "in X", "and Head of X") and names the official with the full title.
func (s *exState) srsgAfter(pre, full string) *resgraph.ActorRef {
	for _, p := range s.doc.Paragraphs {
		t := p.Text
		i := strings.Index(t, pre)
		for i >= 0 {
			rest := t[i+len(pre):]
			if strings.HasPrefix(rest, "for ") || pre == full && (strings.HasPrefix(rest, "on ") || strings.HasPrefix(rest, "in ") || strings.HasPrefix(rest, "and Head of ")) {
				words := strings.Fields(rest)
				// the name runs over capitalized words and "the"/"and"/"of"
				n := 1
				if words[0] == "and" {
					n = 3
				}
				for n < len(words) && n < 10 {
					w := strings.TrimRight(words[n], ",;.)")
					if w == "" || !(w[0] >= 'A' && w[0] <= 'Z' || w == "the" || w == "and" || w == "of") {
						break
					}
					n++
					if w != words[n-1] {
						break // punctuation ends the name
					}
				}
				for n > 1 && (words[n-1] == "the" || words[n-1] == "and" || words[n-1] == "of") {
					n--
				}
				name := strings.TrimRight(full+strings.Join(words[:n], " "), ",;.)")
				if n > 1 {
					r := s.x.Registry.Resolve(name, s.defs)
					return &r
				}
			}
			j := strings.Index(t[i+len(pre):], pre)
			if j < 0 {
				break
			}
			i += len(pre) + j
		}
	}
	return nil
}

// docState returns the name of the one State the document is about: the
// only State its title names, else the State its text names most often
// (at least three times, and twice as often as any other).
func (s *exState) docState() string {
	if s.stateDone {
		return s.state
	}
	s.stateDone = true
	var states []string
	for _, a := range s.x.Registry.Actors() {
		if a.Type == resgraph.ActorState && len(a.Name) >= 4 {
			states = append(states, a.Name)
		}
	}
	// within reports "Sudan" only where it does not stand inside a longer
	// State's name ("South Sudan")
	longer := map[string][]string{}
	for _, a := range states {
		for _, o := range states {
			if o != a && strings.Contains(o, a) {
				longer[a] = append(longer[a], o)
			}
		}
	}
	within := func(t, name string) int {
		n := countWord(t, name)
		if n == 0 {
			return 0
		}
		for _, o := range longer[name] {
			n -= countWord(t, o)
		}
		return n
	}
	var inTitle []string
	for _, a := range states {
		if within(s.doc.Title, a) > 0 {
			inTitle = append(inTitle, a)
		}
	}
	if len(inTitle) == 1 {
		s.state = inTitle[0]
		return s.state
	}
	// a State the document defines an acronym for ("the DRC") is counted
	// under that acronym too
	acronyms := map[string][]string{}
	for _, d := range s.defs {
		if d.Acronym != "" && strings.HasPrefix(string(d.Actor), "state/") {
			if a, ok := s.x.Registry.Actor(d.Actor); ok {
				acronyms[a.Name] = append(acronyms[a.Name], d.Acronym)
			}
		}
	}
	best, second, name := 0, 0, ""
	for _, a := range states {
		n := 0
		for _, p := range s.doc.Paragraphs {
			n += within(p.Text, a)
			for _, acr := range acronyms[a] {
				n += countWord(p.Text, acr)
			}
		}
		switch {
		case n > best:
			best, second, name = n, best, a
		case n > second:
			second = n
		}
	}
	if best >= 3 && best >= 2*second {
		s.state = name
	}
	return s.state
}

// namedBody finds "<Capitalized Words> <head>" in the document that the
// registry knows ("International Independent Investigation Commission" for
// "the Commission").
func (s *exState) namedBody(head string) *resgraph.ActorRef {
	for _, p := range s.doc.Paragraphs {
		t := p.Text
		for off := 0; off < len(t); {
			i := strings.Index(t[off:], " "+head)
			if i < 0 {
				break
			}
			i += off + 1
			off = i + len(head)
			if r := s.namedBefore(t, i, head); r != nil {
				return r
			}
		}
	}
	return nil
}

// namedBefore resolves "<Capitalized Words> <head>" where head stands at
// t[i:], trying the longest name first: "ISIL (Da'esh) and Al-Qaida
// Sanctions Committee", "1540 Committee".
func (s *exState) namedBefore(t string, i int, head string) *resgraph.ActorRef {
	words := strings.Fields(t[max(0, i-80):i])
	n := 0
	for k := len(words) - 1; k >= 0 && n < 8; k-- {
		w := words[k]
		name := w[0] >= 'A' && w[0] <= 'Z' || w[0] >= '0' && w[0] <= '9' || w == "of" || w == "for" || w == "on" || w == "and" ||
			len(w) > 2 && w[0] == '(' && w[len(w)-1] == ')' && w[1] >= 'A' && w[1] <= 'Z'
		if !name || strings.ContainsAny(strings.Trim(w, "()"), ",;.()") {
			break
		}
		n++
	}
	for ; n > 0; n-- {
		first := words[len(words)-n]
		if first == "and" || first == "of" || first == "for" || first == "on" || first[0] == '(' {
			continue
		}
		name := strings.Join(words[len(words)-n:], " ") + " " + head
		if r := s.x.Registry.Resolve(name, s.defs); specificType(r.Type) && r.ID != "security-council" {
			return &r
		}
	}
	return nil
}

// bodyOn finds "<pre><Place>" ("Panel of Experts on Liberia") in the
// document that the registry knows.
func (s *exState) bodyOn(pre string) *resgraph.ActorRef {
	for _, p := range s.doc.Paragraphs {
		t := p.Text
		for off := 0; off < len(t); {
			i := strings.Index(t[off:], pre)
			if i < 0 {
				break
			}
			i += off
			off = i + len(pre)
			words := strings.Fields(t[off:min(len(t), off+80)])
			for n := 1; n <= len(words) && n <= 5; n++ {
				w := words[n-1]
				if !(w[0] >= 'A' && w[0] <= 'Z' || w == "the" || w == "of") {
					break
				}
				name := s.expandAcronyms(strings.TrimRight(pre+strings.Join(words[:n], " "), ",;.)"))
				if r := s.x.Registry.Resolve(name, s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
					return &r
				}
				if strings.ContainsAny(w, ",;.)") {
					break
				}
			}
		}
	}
	return nil
}
