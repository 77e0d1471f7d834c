package loader

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

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

// clauseEnds returns where the clauses of t end: after each ";", and after
// each "." that ends a sentence (followed by spaces and a capital, or by
// the end of the text).
func clauseEnds(t string) []int {
	var out []int
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ';':
			out = append(out, i+1)
		case '.':
			j := i + 1
			for j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r') {
				j++
			}
			if j == len(t) || j > i+1 && t[j] >= 'A' && t[j] <= 'Z' {
				out = append(out, i+1)
			}
		}
	}
	return out
}

var (
	// "extend the mandate of X", "extend until 1 August 2010 the mandate",
	// "renew the authorization", "shall be extended for a final period",
	// "technical rollover".
	reExtend = regexp.MustCompile(`\b(?:extend|extends|extending|renew|renews|renewing|prolong|prolongs)\b[^;]{0,200}?\b(?:mandate|mandates|authori[sz]ation|authori[sz]ations)\b` +
		`|\b(?:extend|extends|prolong|prolongs) (?:(?:once more|again|further) )?the (?:stationing|presence|deployment|period)\b` + // "Extends the stationing in Cyprus of the Force", "extends the period in which the Force shall be stationed"
		`|\b(?:mandate|mandates|authori[sz]ation)\b[^;]{0,200}?\b(?:shall|will|to) be (?:extended|renewed|prolonged)\b` +
		`|\btechnical rollover\b`)
	reEstablish = regexp.MustCompile(`\b(?:to |shall )(?:establish|create|set up|re-establish|reestablish|re-create|appoint|constitute)\b` +
		`|\b(?:mandate|authori[sz]e|decides on) the establishment\b`)
	// "the mandate of X shall include the following tasks", "X's mandate
	// shall no longer include", "the following (priority) tasks".
	reModifyTasks = regexp.MustCompile(`\bmandates?\b[^;]{0,160}?\b(?:shall|will|should) (?:also |henceforth |further |now |in addition )?(?:include|be (?:the following|as follows|to [a-z]|:)|comprise|consist|focus|cover|no longer include|encompass)` +
		`|\bmandates?\b[^;]{0,160}?\bshall be (?:expanded|adjusted|modified|revised|broadened|amended)\b` +
		`|\b(?:expand|expands|adjust|adjusts|modify|modifies|broaden|broadens|revise|revises|amend|amends|streamline|streamlines|reconfigure)\b (?:the |its )?(?:[a-z’'-]+ )?mandates?\b` +
		`|\bthe following (?:priority |additional |specific |main )?(?:tasks|mandate|functions|responsibilities)\b` +
		`|\b(?:tasks?|mandate) set out in paragraph[^;]{0,80}?\bshall\b` +
		`|\bin addition to (?:the tasks|its (?:current )?mandate)\b` +
		`|\bdiscontinue\b[^;]{0,40}\b(?:authori[sz]ation|tasks?|mandate)\b` +
		`|\b(?:primary|priority|core) tasks (?:are|shall be|will be)\b`)
	reStrength = regexp.MustCompile(`\b(?:troop|police|military|personnel|force|uniformed|civilian|authori[sz]ed)?\s?(?:ceilings?|strength|levels?)\b` +
		`|\b(?:comprise|consist of|be composed of) (?:of )?(?:up to|a maximum of|no more than|not more than)\b` +
		`|\b(?:increase|increases|reduce|reduces|decrease|decreases|raise|raises|lower|lowers|reduction|drawdown|reconfigured|reconfigure)\b[^;]{0,80}?\b(?:number|ceiling|strength|personnel|troops|military|police|experts|members|component|battalions?)\b` +
		`|\b(?:deployment of|deploy) (?:an? |the )?(?:temporary )?(?:up to )?(?:[\d,]+ )?additional\b|\badditional (?:military|police|uniformed)\b[^;]{0,40}\bcapabilit`)
	reStrengthChange = regexp.MustCompile(`\b(?:reduction|drawdown|reconfigured|reconfigure|additional|increase|increases|increased|reduce|reduces|reduced|reduction|decrease|decreases|raise|raises|raised|lower|lowers|lowered|set|sets|authori[sz]e|authori[sz]es|comprise|consist|composed|adjust|adjusts|expand|expands|new)\b`)
	reTerminateNot   = regexp.MustCompile(`\b(?:prior to|before|after|upon|until|following|pending|on|of) (?:the )?$`)
	reTerminate      = regexp.MustCompile(`\b(?:terminate|terminates|termination of)\b` +
		`|\b(?:shall|will) (?:end|terminate|cease|expire|close)\b|\bto (?:terminate|close)\b` +
		`|\b(?:for|a) final (?:period|time|extension|(?:[a-z]+ )?(?:months?|years?|weeks?))\b|\bfinal (?:period|extension)\b` +
		`|\bcease (?:all )?(?:its )?operations\b|\bcomplete (?:its|the) (?:withdrawal|closure|drawdown and withdrawal)\b`)
	reAuthorize = regexp.MustCompile(`\bauthori[sz]es?\b[^;]{0,120}?\b(?:to (?:deploy|establish|maintain|continue to maintain)|the deployment of|the establishment of)\b`)
	reUntil     = regexp.MustCompile(`\b(?:until|till|through|expire on|expiring on|expiring|ending on|ending|end on|terminating on|terminating|up to) (?:the )?(?:(\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})|(january|february|march|april|may|june|july|august|september|october|november|december) (\d{1,2}),? (\d{4}))\b`)
	reOnDay     = regexp.MustCompile(`\b(?:on|by|to|as of) (?:the )?(?:(\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})|(january|february|march|april|may|june|july|august|september|october|november|december) (\d{1,2}),? (\d{4}))\b`)
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
	once    sync.Once
	names   []mandateName
	byFirst map[string][]int            // first word of a name -> indexes in names, longest first
	byRes   map[string]resgraph.ActorID // "1591" -> panel/sudan: the panel or group a resolution set up or serves
}

var mandateIndexes sync.Map // *Registry -> *mandateIndex

func (r *Registry) mandateIndex() *mandateIndex {
	v, _ := mandateIndexes.LoadOrStore(r, &mandateIndex{})
	ix := v.(*mandateIndex)
	ix.once.Do(func() {
		ix.byRes = map[string]resgraph.ActorID{}
		addName := func(n string, id resgraph.ActorID) {
			k := strings.ToLower(n)
			ix.names = append(ix.names, mandateName{k, id})
			// Texts write both apostrophes: "Côte d’Ivoire", "Côte d'Ivoire".
			if alt := strings.ReplaceAll(k, "’", "'"); alt != k {
				ix.names = append(ix.names, mandateName{alt, id})
			} else if alt := strings.ReplaceAll(k, "'", "’"); alt != k {
				ix.names = append(ix.names, mandateName{alt, id})
			}
		}
		for _, a := range r.Actors() {
			if !mandateType(a.Type) {
				continue
			}
			addName(a.Name, a.ID)
			for _, al := range a.Aliases {
				if len(al) < 4 && !isAcronymMention(al) {
					continue
				}
				addName(al, a.ID)
				if m := reResolutionNumber.FindStringSubmatch(al); m != nil && ix.byRes[m[1]] == "" {
					ix.byRes[m[1]] = a.ID
				}
			}
			if n, ok := strings.CutPrefix(string(a.PartOf), "committee/"); ok && ix.byRes[n] == "" {
				ix.byRes[n] = a.ID
			}
		}
		sort.SliceStable(ix.names, func(i, j int) bool { return len(ix.names[i].key) > len(ix.names[j].key) })
		ix.byFirst = map[string][]int{}
		for k, n := range ix.names {
			w := 0
			for w < len(n.key) && isWordByte(n.key[w]) {
				w++
			}
			if w > 0 {
				ix.byFirst[n.key[:w]] = append(ix.byFirst[n.key[:w]], k)
			}
		}
	})
	return ix
}

var reResolutionNumber = regexp.MustCompile(`\bresolutions? (\d{3,4})\b`)

// mention is a mandate holder named in a clause.
type mention struct {
	ref        resgraph.ActorRef
	start, end int  // in the clause
	indefinite bool // "a Panel of Experts", "a group of up to four experts": one being created
}

// genericMandate matches the generic heads the document's context resolves:
// "the Mission", "the Panel of Experts", "the Group".
var reGenericMandate = regexp.MustCompile(`\b(?:the|its|this|a|an) (Panel of Experts|Group of Experts|Panel|Group|Mission|Force|Operation|Monitoring Team|Office)\b` +
	`|\bthe United Nations (?:[A-Z][\w-]* )*?(Force|Mission|Operation)\b` + // "the United Nations Peace-keeping Force" (of 1964), not as the registry names it
	`|\b(?:a|the) (group of (?:up to )?(?:\w+ )?(?:independent )?experts)\b|[(“"]+(Panel of Experts|Group of Experts)[)”"]`)

// insideLongerName reports whether a name found at i is the tail of a
// longer proper name: "Stabilization Force" (SFOR) in "a temporary
// International Stabilization Force". An acronym, or a name after the
// clause's first word ("Requests UNMIL"), is taken as it is.
func insideLongerName(clause string, i int, key string) bool {
	if isAcronymMention(clause[i : i+len(key)]) {
		return false
	}
	j := i
	for j > 0 && clause[j-1] == ' ' {
		j--
	}
	k := j
	for k > 0 && isWordByte(clause[k-1]) {
		k--
	}
	if k == j || k == 0 {
		return false
	}
	w := clause[k:j]
	return w[0] >= 'A' && w[0] <= 'Z' && w != "The"
}

// indefinite reports whether the generic mention matched at i starts with
// an indefinite article: "a Panel of Experts", "a group of up to four
// experts" is the body a clause creates.
func indefinite(clause string, i int) bool {
	return strings.HasPrefix(clause[i:], "a ") || strings.HasPrefix(clause[i:], "an ")
}

// mandatesIn returns the mandate holders the clause names, in text order.
func (s *exState) mandatesIn(clause string) []mention { return s.mandateMentions(clause, true) }

// mandateMentions is mandatesIn, with or without the generic heads.
func (s *exState) mandateMentions(clause string, generic bool) []mention {
	lc := detailsLower(clause) // byte offsets kept
	taken := make([]bool, len(lc))
	var out []mention
	ix := s.x.Registry.mandateIndex()
	// At each word start, the longest name beginning with that word.
	for i := 0; i < len(lc); i++ {
		if !isWordByte(lc[i]) || i > 0 && isWordByte(lc[i-1]) {
			continue
		}
		w := i
		for w < len(lc) && isWordByte(lc[w]) {
			w++
		}
		for _, k := range ix.byFirst[lc[i:w]] {
			n := ix.names[k]
			j := i + len(n.key)
			if !strings.HasPrefix(lc[i:], n.key) || j < len(lc) && isWordByte(lc[j]) || insideLongerName(clause, i, n.key) {
				continue
			}
			for t := i; t < j; t++ {
				taken[t] = true
			}
			a, _ := s.x.Registry.Actor(n.id)
			out = append(out, mention{ref: resgraph.ActorRef{ID: a.ID, Name: a.Name, Mention: clause[i:j], Type: a.Type}, start: i, end: j})
			i = j - 1
			break
		}
	}
	if !generic {
		return out
	}
	for _, m := range reGenericMandate.FindAllStringSubmatchIndex(clause, -1) {
		i, j := m[2], m[3]
		for g := 2; i < 0 && 2*g+1 < len(m); g++ {
			i, j = m[2*g], m[2*g+1]
		}
		if i < 0 {
			continue
		}
		if slices.Contains(taken[i:j], true) {
			continue
		}
		head := clause[i:j]
		// "the Panel of Experts originally appointed pursuant to resolution
		// 1591 (2005)": the panel that resolution set up or serves.
		if strings.Contains(head, "Expert") || strings.Contains(head, "Team") || head == "Panel" || head == "Group" {
			after := clause[j:min(len(clause), j+140)]
			if k := strings.IndexAny(after, ";"); k >= 0 {
				after = after[:k]
			}
			if rm := reResolutionNumber.FindStringSubmatch(after); rm != nil {
				if id := ix.byRes[rm[1]]; id != "" {
					a, _ := s.x.Registry.Actor(id)
					out = append(out, mention{ref: resgraph.ActorRef{ID: a.ID, Name: a.Name, Mention: head, Type: a.Type}, start: i, end: j, indefinite: indefinite(clause, m[0])})
					continue
				}
			}
		}
		// In a resolution on one mission, "the Mission" or "the Force" is it
		// (a UNOCI text says "the Mission" of UNOCI, and names UNMIL too).
		if head == "Mission" || head == "Force" || head == "Operation" {
			if r := s.docMission(); r != nil && r.Type == resgraph.ActorUNMission {
				ref := *r
				ref.Mention = head
				out = append(out, mention{ref: ref, start: i, end: j})
				continue
			}
		}
		if strings.HasPrefix(head, "group of ") {
			head = "Panel of Experts" // "a group of up to four experts": the panel the text creates
		}
		ref, ok := s.inContext(head)
		if !ok || !mandateType(ref.Type) {
			ref, ok = s.inContext("Group of Experts")
		}
		if !ok || !mandateType(ref.Type) {
			continue
		}
		out = append(out, mention{ref: ref, start: i, end: j, indefinite: indefinite(clause, m[0])})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// decidesLead reports whether the clause decides, endorses, authorizes or
// extends: what can change a mandate (a request can only ask the
// Secretary-General to set one up).
func decidesLead(lead, clause string) bool {
	l := strings.ToLower(lead)
	if strings.HasPrefix(strings.TrimPrefix(l, "further "), "request") {
		return strings.Contains(clause, "ecides") || strings.Contains(clause, "ecide to")
	}
	return decisionLead(lead, clause)
}

// decisionLead reports whether a clause is the Council's decision: the
// paragraph leads with "decides", "extends", "authorizes", "requests"
// (the Secretary-General to establish), or the clause says "decides".
func decisionLead(lead, clause string) bool {
	l := strings.ToLower(lead)
	for _, w := range []string{"decide", "decision", "extend", "renew", "authori", "request", "establish", "endorse", "approve", "agree", "reiterate"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return strings.Contains(clause, "ecides") || strings.Contains(clause, "ecide to") // "decides", "Decides"
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
		for _, end := range clauseEnds(p.Text) {
			out = s.clauseEvents(p, lead, start, end, out)
			start = end
		}
		if start < len(p.Text) {
			out = s.clauseEvents(p, lead, start, len(p.Text), out)
		}
	}
	return out
}

// clauseEvents appends the events of p.Text[start:end].
func (s *exState) clauseEvents(p *resgraph.Paragraph, lead string, start, end int, out []resgraph.MandateEvent) []resgraph.MandateEvent {
	if end-start > maxEventClause {
		end = start + maxEventClause // a decision on a mandate says so early; quoted templates run to 200,000 bytes
		for end > start && !utf8.RuneStart(p.Text[end]) {
			end--
		}
	}
	clause := p.Text[start:end]
	lc := detailsLower(clause)
	if lead == "" && strings.HasPrefix(strings.TrimLeft(lc, " "), "to ") {
		lead = "Decides" // "(b) To renew the mandate ...": items of a "Decides:" that the text lost
	}
	if len(strings.TrimSpace(clause)) < 12 || !hasEventCue(lc) || !decisionLead(lead, p.Text[:end]) {
		return out
	}
	if anyOf(lc, "intent", "intend", "readiness", "willingness", "ready") && reIntention.MatchString(lc) && !strings.Contains(lc, "decides") {
		return out
	}
	var mentsDone bool
	var mentsList []mention
	mentsOf := func() []mention {
		if !mentsDone {
			mentsList, mentsDone = s.mandatesIn(clause), true
		}
		return mentsList
	}
	decides := decidesLead(lead, p.Text[:end])
	add := func(t resgraph.EventType, refs []resgraph.ActorRef, at int, changes ...string) {
		for _, ref := range refs {
			dup := false
			for _, e := range out {
				if e.Type == t && e.Mandate.ID == ref.ID && (e.ParagraphID == p.ID || t == resgraph.EventEstablish) {
					dup = true
				}
			}
			if dup {
				continue
			}
			e := resgraph.MandateEvent{Type: t, Mandate: ref, Paragraph: p.Number, ParagraphID: p.ID, Changes: changes,
				Text: strings.TrimSpace(clause), Start: start + (len(clause) - len(strings.TrimLeft(clause, " "))), End: start + len(strings.TrimRight(clause, " "))}
			e.Until, e.Duration, e.From = clauseDates(lc[at:], t == resgraph.EventTerminate)
			if e.Until == "" && e.Duration == "" {
				e.Until, e.Duration, e.From = clauseDates(lc, t == resgraph.EventTerminate)
			}
			if t == resgraph.EventTerminate && e.Until == "" && e.From != "" {
				e.Until, e.From = e.From, "" // "terminate the mandate as of 31 December 2020"
			}
			if t == resgraph.EventModify && slices.Contains(changes, "strength") {
				e.Until, e.Duration, e.From = "", "", "" // a temporary increase ends, the mandate does not
			}
			out = append(out, e)
		}
	}
	if m := findIf(lc, reEstablish, "establish", "creat", "set up", "appoint", "constitut"); m != nil && !strings.Contains(lc[:m[0]], "the need to") {
		if refs := s.holders(p, clause, mentsOf(), m[1], holdStrict); refs != nil {
			t := resgraph.EventEstablish
			if strings.Contains(lc[:m[0]], "authori") && refs[0].Type == resgraph.ActorMission {
				// "Authorizes the Member States ... to establish EUFOR ALTHEA": a
				// force the Council does not create itself.
				t = resgraph.EventAuthorize
			}
			add(t, refs, m[1])
		}
	}
	if m := findIf(lc, reAuthorize, "authori"); m != nil {
		if refs := s.holders(p, clause, mentsOf(), m[0], holdStrict); refs != nil && refs[0].Type == resgraph.ActorMission && !strings.Contains(lc, "mandate") {
			add(resgraph.EventAuthorize, refs, m[0])
		}
	}
	if t := strings.TrimSpace(lc); (strings.HasSuffix(t, ":") && strings.Contains(lc, " shall") || strings.HasSuffix(t, " shall")) && len(mentsOf()) > 0 && s.parents[p.ID] {
		// "Decides that (Requests that) the Special Representative and UNAMI
		// ... shall:" followed by the items: the task list.
		add(resgraph.EventModify, s.holders(p, clause, mentsOf(), 0, holdAny), 0, "tasks")
	}
	if !decides {
		return out // "Requests ..." establishes a panel through the Secretary-General, or sets a task list, and nothing else
	}
	if m := findIf(lc, reExtend, "extend", "renew", "prolong", "rollover"); m != nil && strings.Contains(lc[m[0]:min(len(lc), m[1]+14)], "mandate modification") {
		// "Decides to extend until 15 October 2018 UNISFA's mandate
		// modification set forth in resolution 2024": a part of the mandate
		// on its own clock, not the mandate.
		add(resgraph.EventModify, s.holders(p, clause, mentsOf(), m[0], holdAny), m[0], "tasks-added")
	} else if m != nil && !strings.Contains(lc[:m[0]], "request") && !reExtendNot.MatchString(lc[m[0]:]) &&
		!(strings.Contains(lc, "measures") && !strings.Contains(lc[m[0]:m[1]], "mandate")) { // "the authorizations and the measures imposed by": sanctions
		add(resgraph.EventExtend, s.holders(p, clause, mentsOf(), m[0], holdAny), m[0])
	}
	if m := findIf(lc, reTerminate, "terminat", " end", "cease", "expire", "close", "final", "withdraw"); m != nil && !strings.Contains(lc[:m[0]], "request") && !strings.Contains(lc, "measures") && !reTerminateNot.MatchString(lc[:m[0]]) &&
		!strings.Contains(lc, "unless") && !strings.Contains(lc, "recalls its decision") { // "the final such extension unless ...": conditional; a recalled decision is not a new one
		if len(mentsOf()) > 0 || strings.Contains(lc, "mandate") {
			add(resgraph.EventTerminate, s.holders(p, clause, mentsOf(), m[0], holdAny), m[0])
		}
	}
	if m := findIf(lc, reModifyTasks, "mandate", "following", "tasks", "in addition", "discontinue"); m != nil && (len(mentsOf()) > 0 || strings.Contains(lc, "mandate")) {
		ch := "tasks"
		switch {
		case strings.Contains(lc, "no longer") || strings.Contains(lc, "discontinue"):
			ch = "tasks-removed"
		case strings.Contains(lc, "also include") || strings.Contains(lc, "in addition") || strings.Contains(lc, "shall also"):
			ch = "tasks-added"
		}
		refs := s.holders(p, clause, mentsOf(), m[0], holdAny)
		if strings.HasPrefix(lc[m[0]:], "the following") {
			// "X ... to implement the following tasks ... with the UNCT": the
			// holder is named before the list, not in it.
			for k := len(mentsOf()) - 1; k >= 0; k-- {
				if mt := mentsOf()[k]; mt.end <= m[0] {
					refs = []resgraph.ActorRef{mt.ref}
					break
				}
			}
		}
		add(resgraph.EventModify, refs, m[0], ch)
	} else if m := submatchIf(lc, reAuthorizeTask, "authori"); m != nil && !reAllMeans.MatchString(lc[m[1]:]) {
		// "Authorizes UNMIL to assist the Government with the elections":
		// a task the mandate did not hold.
		for _, mt := range mentsOf() {
			if (mt.start == m[2] || mt.start == m[2]+4) && !strings.Contains(lc[m[2]:m[3]], " to ") {
				add(resgraph.EventModify, []resgraph.ActorRef{mt.ref}, m[0], "tasks-added")
				break
			}
		}
	}
	if m := findIf(lc, reStrength, "ceiling", "strength", "level", "comprise", "consist", "composed", "increase", "reduc", "decrease", "raise", "lower", "drawdown", "reconfigur", "additional"); m != nil && reStrengthChange.MatchString(lc) && !reStrengthKept.MatchString(lc) && hasNumber(lc) {
		add(resgraph.EventModify, s.holders(p, clause, mentsOf(), m[0], holdAny), m[0], "strength")
	}
	return out
}

// maxEventClause is how much of a clause the event cues read.
const maxEventClause = 4000

// eventCues are words one of which every event cue holds; a clause with
// none is skipped before any pattern runs.
var eventCues = []string{"mandate", "extend", "renew", "prolong", "rollover", "establish", "creat", "set up", "appoint",
	"constitut", "terminat", "final", "cease", "close", "withdraw", "ceiling", "strength", "level", "comprise", "consist",
	"composed", "increase", "reduc", "decrease", "raise", "lower", "drawdown", "reconfigur", "additional", "authori",
	"task", "discontinue", "shall"}

// anyOf reports whether s holds one of the words.
func anyOf(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// findIf runs re on lc only when lc holds one of the words every match of
// re holds: most clauses are skipped by a substring search.
func findIf(lc string, re *regexp.Regexp, words ...string) []int {
	if !anyOf(lc, words...) {
		return nil
	}
	return re.FindStringIndex(lc)
}

func submatchIf(lc string, re *regexp.Regexp, words ...string) []int {
	if !anyOf(lc, words...) {
		return nil
	}
	return re.FindStringSubmatchIndex(lc)
}

func hasEventCue(lc string) bool {
	for _, c := range eventCues {
		if strings.Contains(lc, c) {
			return true
		}
	}
	return false
}

// How holders looks for the mandate a cue is about.
const (
	holdStrict = iota // named after the cue, close to it (the object of "establish")
	holdAny           // else before it, else the paragraph's addressee, else the document's mandate
)

// reMandateOf is "the mandate of the High Representative": a holder named
// that is not a mandate holder the registry knows.
var reMandateOf = regexp.MustCompile(`\bmandates? of (?:the )?(?:[A-Z][\w’'-]*)`)

// holders returns the mandate holders a cue at byte at of the clause is
// about: the first named after it with those coordinated with it ("the
// mandates of UNOCI and of the French forces"), else as mode allows.
func (s *exState) holders(p *resgraph.Paragraph, clause string, ments []mention, at, mode int) []resgraph.ActorRef {
	for i, m := range ments {
		if m.start < at {
			continue
		}
		if mode == holdStrict && !m.indefinite && !directObject(clause[min(at, m.start):m.start]) {
			continue // "to establish a trust fund ... to support AFISMA"; "the work of the Panel, a group of experts"
		}
		out := []resgraph.ActorRef{m.ref}
		for j := i + 1; j < len(ments); j++ {
			gap := strings.ToLower(strings.TrimSpace(clause[ments[j-1].end:ments[j].start]))
			if !reCoordinated.MatchString(gap) {
				break
			}
			if !slices.ContainsFunc(out, func(r resgraph.ActorRef) bool { return r.ID == ments[j].ref.ID }) {
				out = append(out, ments[j].ref)
			}
		}
		return out
	}
	if mode == holdStrict {
		return nil
	}
	// "the mandate of the High Representative ... will terminate": a holder
	// the registry does not hold as a mandate; not the mission named
	// elsewhere in the clause.
	for _, m := range reMandateOf.FindAllStringIndex(clause, -1) {
		name := m[1] - 1
		for name > 0 && clause[name-1] != ' ' {
			name--
		}
		if !slices.ContainsFunc(ments, func(x mention) bool { return x.start <= name && name < x.end }) {
			return nil
		}
	}
	if len(ments) > 0 {
		return []resgraph.ActorRef{ments[len(ments)-1].ref} // the nearest before the cue
	}
	for _, a := range s.out {
		if a.ParagraphID == p.ID && a.Addressee != nil && mandateType(a.Addressee.Type) {
			return []resgraph.ActorRef{*a.Addressee}
		}
	}
	if r := s.docMandate(); r != nil {
		return []resgraph.ActorRef{*r}
	}
	return nil
}

// reInserted is a parenthetical insertion: ", for a period of 12 months,".
var reInserted = regexp.MustCompile(`,[^,;]*,`)

// directObject reports whether the words between a cue ("to establish")
// and a mention make the mention the cue's object: at most a determiner
// and a few words once insertions between commas are set aside.
func directObject(gap string) bool {
	g := strings.TrimSpace(reInserted.ReplaceAllString(" "+gap, " "))
	if len(g) > 90 {
		return false
	}
	lg := " " + strings.ToLower(g) + " "
	for _, w := range []string{" to ", " through ", " which ", " fund ", " mechanism ", " in support "} {
		if strings.Contains(lg, w) {
			return false
		}
	}
	return true
}

// reCoordinated is what stands between two coordinated holders.
var reCoordinated = regexp.MustCompile(`^(?:,|and|, and|as well as)(?: (?:of|for))?(?: the)?$`)

var (
	reIntention     = regexp.MustCompile(`\b(?:intention|intends|intent|readiness|willingness|ready) to\b`)
	reExtendNot     = regexp.MustCompile(`^(?:extend|extends|extending)\b[^;]{0,40}?\b(?:deployment|presence) of (?:an? |the )?(?:temporary |additional |up to |\d)`)
	reAuthorizeTask = regexp.MustCompile(`\b(?:authori[sz]es|authori[sz]ation to|authori[sz]ation for) ((?:the )?[^;]{2,80}?) to (?:continue to )?(?:assist|support|provide|help|deploy|conduct|undertake|monitor|carry out|use its|facilitate|contribute|protect|transport|extend|redeploy)\b`)
	reAllMeans      = regexp.MustCompile(`^[^;]{0,20}(?:all necessary|all means|necessary means|necessary measures|necessary action)`)
	reStrengthKept  = regexp.MustCompile(`\b(?:maintain|maintains|remain|remains|continue to comprise|continues to comprise|shall not|will not|not result in|at (?:the |its )?(?:current|existing) (?:authori[sz]ed )?(?:levels?|strength|ceilings?)|without (?:any |an )?increase)\b`)
)

// docMission is docMandate, or else the one mission or force the registry
// names "in" the State the document is about ("... Peacekeeping Force in
// Cyprus" for a 1964 text that says "the United Nations Peace-keeping
// Force"): for generic mentions only, never as a clause's fallback holder.
func (s *exState) docMission() *resgraph.ActorRef {
	if r := s.docMandate(); r != nil {
		return r
	}
	if s.missionDone {
		return s.mission
	}
	s.missionDone = true
	if st := cmp.Or(s.docState(), s.stateNamedMost()); st != "" {
		var found []resgraph.Actor
		for _, a := range s.x.Registry.Actors() {
			if a.Type == resgraph.ActorUNMission && strings.HasSuffix(a.Name, " in "+st) && !strings.Contains(a.Name, "Expert") {
				found = append(found, a)
			}
		}
		if len(found) == 1 {
			s.mission = &resgraph.ActorRef{ID: found[0].ID, Name: found[0].Name, Mention: found[0].Name, Type: found[0].Type}
		}
	}
	return s.mission
}

// docMandate is the mandate holder the document is about: the one its
// title and operative paragraphs name most (a title counts ten times), if
// it is named at least twice and twice as often as any other.
func (s *exState) docMandate() *resgraph.ActorRef {
	if s.mandateDone {
		return s.mandate
	}
	s.mandateDone = true
	count := map[resgraph.ActorID]int{}
	refs := map[resgraph.ActorID]resgraph.ActorRef{}
	for _, m := range s.mandateMentions(s.doc.Title, false) {
		count[m.ref.ID] += 10
		refs[m.ref.ID] = m.ref
	}
	for i := range s.doc.Paragraphs {
		if p := &s.doc.Paragraphs[i]; p.Kind == resgraph.ParaOperative {
			for _, m := range s.mandateMentions(p.Text, false) {
				count[m.ref.ID]++
				refs[m.ref.ID] = m.ref
			}
		}
	}
	best, second := resgraph.ActorID(""), 0
	for id, n := range count {
		switch {
		case best == "" || n > count[best] || n == count[best] && id < best:
			if best != "" {
				second = max(second, count[best])
			}
			best = id
		case n > second:
			second = n
		}
	}
	if best == "" || count[best] < 2 || count[best] < 2*second {
		return nil
	}
	r := refs[best]
	s.mandate = &r
	return s.mandate
}

// stateNamedMost is the State the document's paragraphs name most, at
// least once and more often than any other; a weaker test than docState's,
// for short early texts ("Extends the stationing in Cyprus of ...").
func (s *exState) stateNamedMost() string {
	best, second, name := 0, 0, ""
	for _, a := range s.x.Registry.Actors() {
		if a.Type != resgraph.ActorState || len(a.Name) < 4 {
			continue
		}
		n := 0
		for i := range s.doc.Paragraphs {
			n += countWord(s.doc.Paragraphs[i].Text, a.Name)
		}
		switch {
		case n > best:
			best, second, name = n, best, a.Name
		case n > second:
			second = n
		}
	}
	if best > second {
		return name
	}
	return ""
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
func clauseDates(lc string, ending bool) (until, duration, from string) {
	um, pm := reUntil.FindStringSubmatchIndex(lc), rePeriod.FindStringSubmatchIndex(lc)
	if um == nil && (pm == nil || ending) {
		um = reOnDay.FindStringSubmatchIndex(lc) // "shall close by 15 October 2017"
	}
	if um != nil && pm != nil && !ending && pm[0] < um[0] && um[0]-pm[1] > 40 {
		um = nil // "for an initial period of 12 months as from 4 April 2004, ... MINUCI until 4 April 2004": another's end
	}
	if um != nil {
		// A day printed right after a period is worth more than it: "for
		// a period of 12 months, until 31 March 2016".
		if um[2] >= 0 {
			until = isoDay(lc[um[2]:um[3]], lc[um[4]:um[5]], lc[um[6]:um[7]])
		} else {
			until = isoDay(lc[um[10]:um[11]], lc[um[8]:um[9]], lc[um[12]:um[13]])
		}
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
