package loader

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/resgraph/resgraph"
)

// Mandate events: what an operative paragraph decides about a mandate, the
// standing authority of an actor the Council created (a UN mission or
// office, a panel or group of experts, a monitoring team, an authorized
// force). The reader finds, clause by clause, a decision cue ("extend the
// mandate", "decides to establish", "shall include the following tasks",
// "troop ceiling", "terminate"), the mandate it is about (named after the
// cue in the clause, else before it, else the paragraph's addressee, else
// the mission the document is about) and the end date or period the clause
// prints. Cross-document facts (periods, expiry, what a renewal supersedes)
// are derived from these by package mandate.

// mandateTypes are the actor types that hold mandates.
func mandateType(t resgraph.ActorType) bool {
	return t == resgraph.ActorUNMission || t == resgraph.ActorMission
}

// A clause is cut at ";" and at sentence ends.
var reClauseEnd = regexp.MustCompile(`;|\.\s+(?:[A-Z]|$)|\.$`)

var (
	// "extend the mandate of X", "extend until 1 August 2010 the mandate",
	// "renew the authorization", "shall be extended for a final period",
	// "technical rollover".
	reExtend = regexp.MustCompile(`\b(?:extend|extends|extending|renew|renews|renewing|prolong|prolongs)\b[^;]{0,200}?\b(?:mandate|mandates|authori[sz]ation|authori[sz]ations|deployment|presence)\b` +
		`|\b(?:mandate|mandates|authori[sz]ation)\b[^;]{0,200}?\b(?:shall|will|to) be (?:extended|renewed|prolonged)\b` +
		`|\btechnical rollover\b`)
	reEstablish = regexp.MustCompile(`\b(?:to |shall )(?:establish|create|set up|re-establish|reestablish|re-create|appoint|constitute)\b`)
	// "the mandate of X shall include the following tasks", "X's mandate
	// shall no longer include", "the following (priority) tasks".
	reModifyTasks = regexp.MustCompile(`\bmandates?\b[^;]{0,160}?\b(?:shall|will|should) (?:also |henceforth |further |now )?(?:include|be (?:the following|as follows|to [a-z]|:)|comprise|consist|focus|cover|no longer include|encompass)` +
		`|\bmandates?\b[^;]{0,160}?\bshall be (?:expanded|adjusted|modified|revised|broadened|amended)\b` +
		`|\b(?:expand|expands|adjust|adjusts|modify|modifies|broaden|broadens|revise|revises|amend|amends|streamline|streamlines|reconfigure)\b (?:the |its )?(?:[a-z’'-]+ )?mandates?\b` +
		`|\bthe following (?:priority |additional |specific |main )?(?:tasks|mandate|functions|responsibilities)\b` +
		`|\b(?:tasks?|mandate) set out in paragraph[^;]{0,80}?\bshall\b` +
		`|\bin addition to (?:the tasks|its (?:current )?mandate)\b`)
	reStrength = regexp.MustCompile(`\b(?:troop|police|military|personnel|force|uniformed|civilian|authori[sz]ed)?\s?(?:ceilings?|strength|levels?)\b` +
		`|\b(?:comprise|consist of|be composed of) (?:of )?(?:up to|a maximum of|no more than|not more than)\b` +
		`|\b(?:increase|increases|reduce|reduces|decrease|decreases|raise|raises|lower|lowers)\b[^;]{0,60}?\b(?:number|ceiling|strength|personnel|troops|military|police|experts|members)\b`)
	reStrengthChange = regexp.MustCompile(`\b(?:increase|increases|increased|reduce|reduces|reduced|reduction|decrease|decreases|raise|raises|raised|lower|lowers|lowered|set|sets|authori[sz]e|authori[sz]es|comprise|consist|composed|adjust|adjusts|expand|expands|new)\b`)
	reTerminate      = regexp.MustCompile(`\b(?:terminate|terminates|termination of)\b` +
		`|\b(?:shall|will|to) (?:end|terminate|cease|expire|close)\b` +
		`|\b(?:for|a) final (?:period|time|extension)\b|\bfinal (?:period|extension)\b` +
		`|\bcease (?:all )?(?:its )?operations\b|\bcomplete (?:its|the) (?:withdrawal|closure|drawdown and withdrawal)\b`)
	reAuthorize = regexp.MustCompile(`\bauthori[sz]es?\b[^;]{0,120}?\b(?:to (?:deploy|establish|maintain|take all necessary|continue to maintain)|the deployment of|the establishment of)\b`)
	reUntil     = regexp.MustCompile(`\b(?:until|till|through|expire on|expiring on|ending on|end on|up to) (?:the )?(\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})\b`)
	reOnDay     = regexp.MustCompile(`\b(?:on|by|to) (?:the )?(\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})\b`)
	reFrom      = regexp.MustCompile(`\b(?:from|starting on|beginning on|as of|with effect from|effective) (?:the )?(\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})\b`)
	rePeriod    = regexp.MustCompile(`\b(?:for|of) (?:an? |another |one )?(?:initial |further |additional |new |final |period of )*(?:period of )?(\d+|[a-z]+(?:-[a-z]+)?)(?: \(\d+\))? (days?|weeks?|months?|years?)\b`)
)

// mandateName is one way the registry names a mandate holder.
type mandateName struct {
	key string // lower case
	id  resgraph.ActorID
}

// mandateNames lists, longest first, the names and acronyms of the
// registry's mandate holders; built once per registry.
type mandateIndex struct {
	once  sync.Once
	names []mandateName
}

var mandateIndexes sync.Map // *Registry -> *mandateIndex

func (r *Registry) mandateNames() []mandateName {
	v, _ := mandateIndexes.LoadOrStore(r, &mandateIndex{})
	ix := v.(*mandateIndex)
	ix.once.Do(func() {
		for _, a := range r.Actors() {
			if !mandateType(a.Type) {
				continue
			}
			ix.names = append(ix.names, mandateName{strings.ToLower(a.Name), a.ID})
			for _, al := range a.Aliases {
				if len(al) < 4 && !isAcronymMention(al) {
					continue
				}
				ix.names = append(ix.names, mandateName{strings.ToLower(al), a.ID})
			}
		}
		sort.SliceStable(ix.names, func(i, j int) bool { return len(ix.names[i].key) > len(ix.names[j].key) })
	})
	return ix.names
}

// mention is a mandate holder named in a clause.
type mention struct {
	ref        resgraph.ActorRef
	start, end int // in the clause
}

// genericMandate matches the generic heads the document's context resolves:
// "the Mission", "the Panel of Experts", "the Group".
var reGenericMandate = regexp.MustCompile(`\b(?:the|its|this|a|an) (Panel of Experts|Group of Experts|Panel|Group|Mission|Force|Operation|Monitoring Team|Office)\b`)

// mandatesIn returns the mandate holders the clause names, in text order.
func (s *exState) mandatesIn(clause string) []mention {
	lc := strings.ToLower(clause)
	taken := make([]bool, len(lc))
	var out []mention
	for _, n := range s.x.Registry.mandateNames() {
		from := 0
		for {
			k := strings.Index(lc[from:], n.key)
			if k < 0 {
				break
			}
			i, j := from+k, from+k+len(n.key)
			from = j
			if (i > 0 && isWordByte(lc[i-1])) || (j < len(lc) && isWordByte(lc[j])) || slices.Contains(taken[i:j], true) {
				continue
			}
			for t := i; t < j; t++ {
				taken[t] = true
			}
			a, _ := s.x.Registry.Actor(n.id)
			out = append(out, mention{resgraph.ActorRef{ID: a.ID, Name: a.Name, Mention: clause[i:j], Type: a.Type}, i, j})
		}
	}
	for _, m := range reGenericMandate.FindAllStringSubmatchIndex(clause, -1) {
		i, j := m[2], m[3]
		if slices.Contains(taken[i:j], true) {
			continue
		}
		ref, ok := s.inContext(clause[i:j])
		if !ok || !mandateType(ref.Type) {
			continue
		}
		out = append(out, mention{ref, i, j})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// decisionLead reports whether a clause is the Council's decision: the
// paragraph leads with "decides", "extends", "authorizes", "requests"
// (the Secretary-General to establish), or the clause says "decides".
func decisionLead(lead, clause string) bool {
	l := strings.ToLower(lead)
	for _, w := range []string{"decide", "extend", "renew", "authori", "request", "establish", "endorse", "approve", "agree"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	lc := strings.ToLower(clause)
	return strings.Contains(lc, "decides") || strings.Contains(lc, "decide to")
}

// mandateEvents reads the document's mandate events. A bug in the rules
// costs the document its events and a warning, never the document.
func (s *exState) mandateEvents() (out []resgraph.MandateEvent) {
	defer func() {
		if r := recover(); r != nil {
			out = nil
			s.warn("extract: internal error reading mandate events (please report): %v", r)
		}
	}()
	return s.readMandateEvents()
}

func (s *exState) readMandateEvents() []resgraph.MandateEvent {
	if s.x.Registry == nil || s.doc.Kind != resgraph.KindResolution && s.doc.Kind != resgraph.KindDraftResolution {
		return nil
	}
	var out []resgraph.MandateEvent
	established := map[resgraph.ActorID]bool{}
	leads := map[string]string{} // a sub-item speaks with its paragraph's lead
	for i := range s.doc.Paragraphs {
		p := &s.doc.Paragraphs[i]
		if p.Kind != resgraph.ParaOperative {
			continue
		}
		lead := p.Lead
		if pid := parentID(p.ID); lead == "" && pid != "" {
			lead = leads[pid]
		}
		leads[p.ID] = lead
		start := 0
		for _, m := range reClauseEnd.FindAllStringIndex(p.Text+" ", -1) {
			end := m[0] + 1
			if end > len(p.Text) {
				end = len(p.Text)
			}
			out = s.clauseEvents(p, lead, start, end, established, out)
			start = end
		}
		if start < len(p.Text) {
			out = s.clauseEvents(p, lead, start, len(p.Text), established, out)
		}
	}
	// Tasks and strength set in the establishing resolution belong to the
	// establish event.
	out = slices.DeleteFunc(out, func(e resgraph.MandateEvent) bool {
		return e.Type == resgraph.EventModify && established[e.Mandate.ID]
	})
	return out
}

// clauseEvents appends the events of p.Text[start:end].
func (s *exState) clauseEvents(p *resgraph.Paragraph, lead string, start, end int, established map[resgraph.ActorID]bool, out []resgraph.MandateEvent) []resgraph.MandateEvent {
	clause := p.Text[start:end]
	lc := detailsLower(clause)
	if len(strings.TrimSpace(clause)) < 12 || !decisionLead(lead, p.Text[:end]) {
		return out
	}
	if strings.Contains(lc, "intention to") || strings.Contains(lc, "intends to") || strings.Contains(lc, "expresses its") || strings.Contains(lc, "readiness to") || strings.Contains(lc, "willingness to") {
		return out
	}
	var ments []mention
	mentsDone := false
	holder := func(at int) (resgraph.ActorRef, bool) {
		if !mentsDone {
			ments, mentsDone = s.mandatesIn(clause), true
		}
		for _, m := range ments {
			if m.start >= at {
				return m.ref, true
			}
		}
		if len(ments) > 0 {
			return ments[len(ments)-1].ref, true // the nearest before at
		}
		for _, a := range s.out {
			if a.ParagraphID == p.ID && a.Addressee != nil && mandateType(a.Addressee.Type) {
				return *a.Addressee, true
			}
		}
		if r := s.mainMissionRef(); r != nil {
			return *r, true
		}
		return resgraph.ActorRef{}, false
	}
	add := func(t resgraph.EventType, at int, changes ...string) {
		ref, ok := holder(at)
		if !ok {
			return
		}
		for _, e := range out {
			if e.Type == t && e.Mandate.ID == ref.ID && (e.ParagraphID == p.ID || t == resgraph.EventEstablish) {
				return
			}
		}
		e := resgraph.MandateEvent{Type: t, Mandate: ref, Paragraph: p.Number, ParagraphID: p.ID, Changes: changes,
			Text: strings.TrimSpace(clause), Start: start + (len(clause) - len(strings.TrimLeft(clause, " "))), End: start + len(strings.TrimRight(clause, " "))}
		if t != resgraph.EventModify {
			e.Until, e.Duration, e.From = clauseDates(lc[at:])
			if e.Until == "" && e.Duration == "" {
				e.Until, e.Duration, e.From = clauseDates(lc)
			}
		}
		if t == resgraph.EventEstablish {
			established[ref.ID] = true
		}
		out = append(out, e)
	}
	if m := reEstablish.FindStringIndex(lc); m != nil && !strings.Contains(lc[:m[0]], "the need to") {
		if s.holderAfter(clause, m[1]) != nil {
			add(resgraph.EventEstablish, m[1])
		}
	}
	if m := reAuthorize.FindStringIndex(lc); m != nil {
		if ms := s.holderAfter(clause, m[0]); ms != nil && ms.Type == resgraph.ActorMission && !strings.Contains(lc, "mandate") {
			add(resgraph.EventAuthorize, m[0])
		}
	}
	if m := reExtend.FindStringIndex(lc); m != nil && !strings.Contains(lc[:m[0]], "request") {
		add(resgraph.EventExtend, m[0])
	}
	if m := reTerminate.FindStringIndex(lc); m != nil && !strings.Contains(lc[:m[0]], "request") && !strings.Contains(lc, "measures") {
		if s.holderAfter(clause, 0) != nil || strings.Contains(lc, "mandate") {
			add(resgraph.EventTerminate, m[0])
		}
	}
	if m := reModifyTasks.FindStringIndex(lc); m != nil && s.holderAfter(clause, 0) != nil || m != nil && strings.Contains(lc, "mandate") {
		ch := "tasks"
		switch {
		case strings.Contains(lc, "no longer"):
			ch = "tasks-removed"
		case strings.Contains(lc, "also include") || strings.Contains(lc, "in addition"):
			ch = "tasks-added"
		}
		add(resgraph.EventModify, m[0], ch)
	}
	if m := reStrength.FindStringIndex(lc); m != nil && reStrengthChange.MatchString(lc) && !strings.Contains(lc, "maintain") && hasNumber(lc) {
		if s.holderAfter(clause, 0) != nil {
			add(resgraph.EventModify, m[0], "strength")
		}
	}
	return out
}

// holderAfter returns the first mandate holder the clause names at or
// after byte at, else the first it names at all.
func (s *exState) holderAfter(clause string, at int) *resgraph.ActorRef {
	ms := s.mandatesIn(clause)
	for _, m := range ms {
		if m.start >= at {
			return &m.ref
		}
	}
	if len(ms) > 0 {
		return &ms[0].ref
	}
	return nil
}

// mainMissionRef is the mission the document is about, if any.
func (s *exState) mainMissionRef() *resgraph.ActorRef {
	if s.ctx == nil {
		s.ctx = map[string]*resgraph.ActorRef{}
	}
	for _, k := range []string{"mission", "force", "operation"} {
		if r := s.ctxRef(k); r != nil && mandateType(r.Type) {
			return r
		}
	}
	return nil
}

// hasNumber reports whether the clause prints a figure ("up to 14,000",
// "six experts").
func hasNumber(lc string) bool {
	for i := 0; i < len(lc); i++ {
		if lc[i] >= '0' && lc[i] <= '9' {
			return true
		}
	}
	for _, w := range []string{" two ", " three ", " four ", " five ", " six ", " seven ", " eight ", " nine ", " ten ", " eleven ", " twelve "} {
		if strings.Contains(lc, w) {
			return true
		}
	}
	return false
}

// clauseDates reads the first end day, period and start day of a lower-case
// clause.
func clauseDates(lc string) (until, duration, from string) {
	um, pm := reUntil.FindStringSubmatchIndex(lc), rePeriod.FindStringSubmatchIndex(lc)
	if um == nil && pm == nil {
		um = reOnDay.FindStringSubmatchIndex(lc)
	}
	if um != nil && (pm == nil || um[0] < pm[0]) {
		until = isoDay(lc[um[2]:um[3]], lc[um[4]:um[5]], lc[um[6]:um[7]])
	}
	if m := reFrom.FindStringSubmatch(lc); m != nil {
		from = isoDay(m[1], m[2], m[3])
		if from == until {
			from = ""
		}
	}
	if until == "" && pm != nil {
		if n, ok := parseCount(lc[pm[2]:pm[3]]); ok {
			duration = isoDuration(n, lc[pm[4]:pm[5]])
		}
	}
	return until, duration, from
}
