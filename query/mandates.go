package query

import (
	"slices"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
)

// mandateIndex is what the snapshot knows of mandates through time: the
// timeline derived from its resolutions, and the reporting calendar, both
// computed once when the snapshot is built, from the snapshot's own copies
// of its documents (Source). The timeline is package mandate's value, with
// pointers (about 4,300 heap objects for the corpus's 102 mandates); the
// calendar's reports are records with their texts in an arena of their
// own, made mandate.Due values again by Calendar.
type mandateIndex struct {
	timeline *mandate.Timeline
	text     string
	strs     []str
	dues     []dueRec        // every computable due day, in day order
	undated  []dueRec        // reports whose day the texts do not give
	carried  map[int32]int32 // task seq -> the same task in the list it replaced
}

// dueRec is a mandate.Due.
type dueRec struct {
	day, symbol, date, paragraph, paragraphID, action, rule str
	recurrence, bound, boundBasis, why                      str
	bearerID, bearerName, bearerMention, bearerType         str
	bearerAliases                                           list // into mandateIndex.strs
	n, start, end                                           int32
}

func (s *Snapshot) buildMandates(docs []*resgraph.Document, actors []resgraph.Actor) {
	tl := mandate.Build(docs, actors)
	dues, undated := tl.Calendar(docs, "", "", "")
	m := &s.mandates
	m.timeline = tl
	a := newArena()
	m.dues = make([]dueRec, len(dues))
	for i := range dues {
		m.dues[i] = m.put(a, &dues[i])
	}
	m.undated = make([]dueRec, len(undated))
	for i := range undated {
		m.undated[i] = m.put(a, &undated[i])
	}
	m.text = a.done()
	s.buildCarried()
}

// put returns the record of d, its texts stored in a (the index's arena).
func (m *mandateIndex) put(a *arena, d *mandate.Due) dueRec {
	from := len(m.strs)
	for _, al := range d.Bearer.Aliases {
		m.strs = append(m.strs, a.put(al))
	}
	return dueRec{
		day: a.put(d.Day), symbol: a.put(string(d.Symbol)), date: a.put(d.Date), paragraph: a.put(d.Paragraph),
		paragraphID: a.put(d.ParagraphID), action: a.put(d.Action), rule: a.put(d.Rule), recurrence: a.put(d.Recurrence),
		bound: a.put(d.Bound), boundBasis: a.put(d.BoundBasis), why: a.put(d.Why),
		bearerID: a.put(string(d.Bearer.ID)), bearerName: a.put(d.Bearer.Name), bearerMention: a.put(d.Bearer.Mention),
		bearerType: a.put(string(d.Bearer.Type)), bearerAliases: listOf(m.strs, from, d.Bearer.Aliases == nil),
		n: i32(d.N), start: i32(d.Start), end: i32(d.End),
	}
}

// due returns a report as a mandate.Due of the caller's own.
func (m *mandateIndex) due(r *dueRec) mandate.Due {
	str := func(t str) string { return m.text[t.off : t.off+t.n] }
	d := mandate.Due{
		Day: str(r.day), Symbol: resgraph.Symbol(str(r.symbol)), Date: str(r.date), Paragraph: str(r.paragraph),
		ParagraphID: str(r.paragraphID), Action: str(r.action), Rule: str(r.rule), Recurrence: str(r.recurrence),
		N: int(r.n), Bound: str(r.bound), BoundBasis: str(r.boundBasis), Why: str(r.why), Start: int(r.start), End: int(r.end),
		Bearer: resgraph.ActorRef{ID: resgraph.ActorID(str(r.bearerID)), Name: str(r.bearerName), Mention: str(r.bearerMention),
			Type: resgraph.ActorType(str(r.bearerType))},
	}
	if !r.bearerAliases.isNil() {
		d.Bearer.Aliases = make([]string, r.bearerAliases.n)
		for i, t := range of(m.strs, r.bearerAliases) {
			d.Bearer.Aliases[i] = str(t)
		}
	}
	return d
}

// Timeline returns the snapshot's mandates through time.
func (s *Snapshot) Timeline() *mandate.Timeline { return s.mandates.timeline }

// Calendar returns the reports due from one day to another (ISO,
// inclusive, "" for no limit), of bearer when it is not nil, in day order,
// and the reports of documents adopted in that span whose day cannot be
// computed.
func (s *Snapshot) Calendar(from, to string, bearer *Actor) (due, undated []mandate.Due) {
	m := &s.mandates
	str := func(t str) string { return m.text[t.off : t.off+t.n] }
	keep := func(d *dueRec) bool { return bearer == nil || str(d.bearerID) == bearer.IDString() }
	lo, _ := slices.BinarySearchFunc(m.dues, from, func(d dueRec, day string) int {
		if str(d.day) < day {
			return -1
		}
		return 1
	})
	for i := lo; i < len(m.dues); i++ {
		d := &m.dues[i]
		if to != "" && str(d.day) > to {
			break
		}
		if keep(d) {
			due = append(due, m.due(d))
		}
	}
	for i := range m.undated {
		d := &m.undated[i]
		if date := str(d.date); (from == "" || date >= from) && (to == "" || date <= to) && keep(d) {
			undated = append(undated, m.due(d))
		}
	}
	return due, undated
}

// Validity returns the interval in which o holds.
func (s *Snapshot) Validity(o *Obligation) mandate.Validity {
	return s.mandates.timeline.Validity(o.facts())
}

// facts returns the action's facts for a validity: mandate.FactsOf of the
// action and its document, without copying them out
// (TestFactsAreFactsOf), with the addressee as resolved.
func (o *Obligation) facts() mandate.Facts {
	s, r := o.s, o.rec()
	d := &s.docs[r.doc]
	f := mandate.Facts{Symbol: d.Symbol(), Date: d.Date(), DeadlineDate: o.DeadlineDate(), Recurrence: o.Recurrence(), Until: o.Until()}
	if r.addressee >= 0 {
		f.Addressee = resgraph.ActorID(s.str(s.actorRefs[r.addressee].id))
	}
	if a := o.Addressee(); a != nil {
		f.Addressee = a.ID()
	}
	for _, e := range of(s.events, d.rec().events) {
		if t := resgraph.EventType(s.str(e.typ)); t == resgraph.EventExtend || t == resgraph.EventEstablish {
			f.Renews = append(f.Renews, resgraph.ActorID(s.str(s.actorRefs[e.mandate].id)))
		}
	}
	return f
}

// InForceOn reports whether o holds on day (ISO).
func (s *Snapshot) InForceOn(o *Obligation, day string) bool { return s.Validity(o).Holds(day) }

// MandateObligations returns the directives and tasks addressed to the
// mandate's holder that hold on day (all of them when day is ""), in
// snapshot order.
func (s *Snapshot) MandateObligations(m *mandate.Mandate, day string) []*Obligation {
	a := s.Actor(m.ID)
	if a == nil {
		return nil
	}
	var out []*Obligation
	for _, o := range a.Obligations() {
		if day == "" || s.InForceOn(o, day) {
			out = append(out, o)
		}
	}
	return out
}

// Diff compares two documents of the snapshot (see mandate.Diff), on
// copies of them.
func (s *Snapshot) Diff(a, b *Document, holder resgraph.ActorID) []mandate.Change {
	return mandate.Diff(a.Copy(), b.Copy(), holder)
}

// ValidDay reports whether s is an ISO day ("2014-04-10").
func ValidDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// buildCarried links each task of a restated task list to the same task in
// the list it replaces: the most alike task of the previous list, if at
// least mandate.SameTask alike.
func (s *Snapshot) buildCarried() {
	s.mandates.carried = map[int32]int32{}
	for _, m := range s.mandates.timeline.Mandates() {
		lists := s.mandates.timeline.TaskLists(m.ID)
		if len(lists) < 2 {
			continue
		}
		a := s.Actor(m.ID)
		if a == nil {
			continue
		}
		tasks := map[resgraph.Symbol][]int32{}
		for _, seq := range of(s.actorSeqs, a.rec().obligations) {
			if o := s.obligations[seq]; o.Kind() == resgraph.ActionTask {
				sym := o.Document().Symbol()
				tasks[sym] = append(tasks[sym], seq)
			}
		}
		for i := 1; i < len(lists); i++ {
			before := tasks[lists[i-1]]
			for _, seq := range tasks[lists[i]] {
				best, bestSim := int32(-1), 0.0
				for _, b := range before {
					if sim := mandate.Similarity(s.obligations[seq].ActionText(), s.obligations[b].ActionText()); sim > bestSim {
						best, bestSim = b, sim
					}
				}
				if best >= 0 && bestSim >= mandate.SameTask {
					s.mandates.carried[seq] = best
				}
			}
		}
	}
}

// CarriedFrom returns the same task in the task list o's list replaced,
// or nil when o is new (or not a task of a restated list).
func (s *Snapshot) CarriedFrom(o *Obligation) *Obligation {
	if b, ok := s.mandates.carried[o.rec().seq]; ok {
		return s.obligations[b]
	}
	return nil
}
