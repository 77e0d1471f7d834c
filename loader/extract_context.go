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
		return s.establishedBody([]string{"Security Council Committee established", "Committee established"}, "Committee")
	case "panel":
		if r := s.establishedBody([]string{"Panel of Experts established", "Panel of Experts appointed", "Panel of Experts created"}, "Panel of Experts"); r != nil {
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
	case "group":
		if r := s.establishedBody([]string{"Group of Experts established"}, "Group of Experts"); r != nil {
			return r
		}
		return s.bodyOn("Group of Experts on ")
	case "srsg":
		return s.namedSRSG()
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

// establishedBody finds "<prefix> pursuant to [paragraph N of] resolution N
// (YYYY)" in the document and resolves it; failing that, a body the
// document itself establishes ("Decides to establish ... a Committee")
// is looked up under the document's own resolution number.
func (s *exState) establishedBody(prefixes []string, head string) *resgraph.ActorRef {
	for _, p := range s.doc.Paragraphs {
		for _, pre := range prefixes {
			t := p.Text
			for off := 0; off < len(t); {
				i := strings.Index(t[off:], pre)
				if i < 0 {
					break
				}
				i += off
				off = i + len(pre)
				end := strings.IndexByte(t[i:], ')')
				if end < 0 || end > 140 {
					continue
				}
				if r := s.x.Registry.Resolve(t[i:i+end+1], s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
					return &r
				}
			}
		}
	}
	sym := string(s.doc.Symbol)
	if !strings.HasPrefix(sym, "S/RES/") {
		return nil
	}
	for _, p := range s.doc.Paragraphs {
		if p.Kind == resgraph.ParaOperative && strings.Contains(p.Text, "establish") && strings.Contains(p.Text, head) {
			if r := s.x.Registry.Resolve(head+" established pursuant to resolution "+strings.TrimPrefix(sym, "S/RES/"), s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
				return &r
			}
			break
		}
	}
	return nil
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
	var states []resgraph.Actor
	for _, a := range s.x.Registry.Actors() {
		if a.Type == resgraph.ActorState && len(a.Name) >= 4 {
			states = append(states, a)
		}
	}
	var inTitle []string
	for _, a := range states {
		if strings.Contains(s.doc.Title, a.Name) {
			inTitle = append(inTitle, a.Name)
		}
	}
	if len(inTitle) == 1 {
		return inTitle[0]
	}
	best, second, name := 0, 0, ""
	for _, a := range states {
		n := 0
		for _, p := range s.doc.Paragraphs {
			n += strings.Count(p.Text, a.Name)
		}
		switch {
		case n > best:
			best, second, name = n, best, a.Name
		case n > second:
			second = n
		}
	}
	if best >= 3 && best >= 2*second {
		return name
	}
	return ""
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
			i += off
			off = i + len(head) + 1
			words := strings.Fields(t[max(0, i-80):i])
			n := 0
			for k := len(words) - 1; k >= 0 && n < 6; k-- {
				w := words[k]
				if !(w[0] >= 'A' && w[0] <= 'Z' || w == "of" || w == "for" || w == "on") || strings.ContainsAny(w, ",;.()") {
					break
				}
				n++
			}
			for ; n > 0; n-- {
				name := strings.Join(words[len(words)-n:], " ") + " " + head
				if r := s.x.Registry.Resolve(name, s.defs); r.Type != resgraph.ActorUnknown && r.Type != "" {
					return &r
				}
			}
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
				name := strings.TrimRight(pre+strings.Join(words[:n], " "), ",;.)")
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
