package query

import (
	"slices"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
)

// mandateIndex is what the snapshot knows of mandates through time: the
// timeline derived from its resolutions, and the reporting calendar, both
// computed once when the snapshot is built.
type mandateIndex struct {
	timeline *mandate.Timeline
	dues     []mandate.Due   // every computable due day, in day order
	undated  []mandate.Due   // reports whose day the texts do not give
	carried  map[int32]int32 // task seq -> the same task in the list it replaced
}

func (s *Snapshot) buildMandates(docs []*resgraph.Document, actors []resgraph.Actor) {
	tl := mandate.Build(docs, actors)
	s.mandates.timeline = tl
	s.mandates.dues, s.mandates.undated = tl.Calendar(docs, "", "", "")
	s.buildCarried()
}

// Timeline returns the snapshot's mandates through time.
func (s *Snapshot) Timeline() *mandate.Timeline { return s.mandates.timeline }

// Calendar returns the reports due from one day to another (ISO,
// inclusive, "" for no limit), of bearer when it is not nil, in day order,
// and the reports of documents adopted in that span whose day cannot be
// computed.
func (s *Snapshot) Calendar(from, to string, bearer *Actor) (due, undated []mandate.Due) {
	keep := func(d mandate.Due) bool { return bearer == nil || d.Bearer.ID == bearer.ID }
	lo, _ := slices.BinarySearchFunc(s.mandates.dues, from, func(d mandate.Due, day string) int {
		if d.Day < day {
			return -1
		}
		return 1
	})
	for _, d := range s.mandates.dues[lo:] {
		if to != "" && d.Day > to {
			break
		}
		if keep(d) {
			due = append(due, d)
		}
	}
	for _, d := range s.mandates.undated {
		if (from == "" || d.Date >= from) && (to == "" || d.Date <= to) && keep(d) {
			undated = append(undated, d)
		}
	}
	return due, undated
}

// Validity returns the interval in which o holds.
func (s *Snapshot) Validity(o *Obligation) mandate.Validity {
	f := mandate.FactsOf(o.Document.Document, o.Action)
	if o.Addressee != nil {
		f.Addressee = o.Addressee.ID
	}
	return s.mandates.timeline.Validity(f)
}

// InForceOn reports whether o holds on day (ISO).
func (s *Snapshot) InForceOn(o *Obligation, day string) bool { return s.Validity(o).Holds(day) }

// MandateObligations returns the directives and tasks addressed to the
// mandate's holder that hold on day (all of them when day is ""), in
// snapshot order.
func (s *Snapshot) MandateObligations(m *mandate.Mandate, day string) []*Obligation {
	var out []*Obligation
	for _, seq := range s.byActor[m.ID] {
		o := s.obligations[seq]
		if day == "" || s.InForceOn(o, day) {
			out = append(out, o)
		}
	}
	return out
}

// Diff compares two documents of the snapshot (see mandate.Diff).
func (s *Snapshot) Diff(a, b *Document, holder resgraph.ActorID) []mandate.Change {
	return mandate.Diff(a.Document, b.Document, holder)
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
		tasks := map[resgraph.Symbol][]int32{}
		for _, seq := range s.byActor[m.ID] {
			if o := s.obligations[seq]; o.Kind == resgraph.ActionTask {
				tasks[o.Document.Symbol] = append(tasks[o.Document.Symbol], seq)
			}
		}
		for i := 1; i < len(lists); i++ {
			before := tasks[lists[i-1]]
			for _, seq := range tasks[lists[i]] {
				best, bestSim := int32(-1), 0.0
				for _, b := range before {
					if sim := mandate.Similarity(s.obligations[seq].Action.Action, s.obligations[b].Action.Action); sim > bestSim {
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
	if b, ok := s.mandates.carried[int32(o.seq)]; ok {
		return s.obligations[b]
	}
	return nil
}
