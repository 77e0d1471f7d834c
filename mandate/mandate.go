// Package mandate derives how mandates run through time from the events the
// loader reads in each resolution: the periods in which each mandate is in
// force, the events no paragraph states (expiry), successor links, the
// interval in which each obligation holds, the reporting calendar, and what
// changed between two documents.
//
// It is pure: documents in, values out. No store, no GraphQL. Everything it
// returns points back to the documents and paragraphs it was derived from;
// what it computed rather than read (an end date from "for a period of 12
// months", an expiry) says so.
//
// The rules are in docs/mandates.md.
package mandate

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/resgraph/resgraph"
)

// Event is one resolution's decision of one type on one mandate: the
// paragraphs it is read from, in document order, and the end date it sets.
type Event struct {
	Type         resgraph.EventType `json:"type"`
	Mandate      resgraph.ActorID   `json:"mandate"`
	Symbol       resgraph.Symbol    `json:"symbol"`
	Date         string             `json:"date"` // adoption day; for an expiry, the day it expired
	Paragraphs   []string           `json:"paragraphs"`
	ParagraphIDs []string           `json:"paragraphIds"`
	Until        string             `json:"until,omitempty"`    // the end it sets, ISO day
	Computed     bool               `json:"computed,omitempty"` // Until computed from a duration, not printed
	Duration     string             `json:"duration,omitempty"` // as printed, ISO 8601: "P12M"
	From         string             `json:"from,omitempty"`     // start day printed
	Changes      []string           `json:"changes,omitempty"`  // modify: tasks, tasks-added, tasks-removed, strength
	Text         string             `json:"text,omitempty"`     // the first clause read
	Start        int                `json:"start"`              // the clause's offsets in its paragraph's text
	End          int                `json:"end"`
	// Evidence lists drafts that were not adopted and would have renewed the
	// mandate (for an expiry).
	Evidence []resgraph.Symbol `json:"evidence,omitempty"`
}

// Period is a stretch in which a mandate was in force under one decision.
type Period struct {
	From     string          `json:"from"`            // ISO day
	Until    string          `json:"until,omitempty"` // ISO day it ends (inclusive); "" when no end is known
	Symbol   resgraph.Symbol `json:"symbol"`          // the resolution that set it
	Computed bool            `json:"computed,omitempty"`
	// How it ended: "extend" (renewed), "terminate", "expire", or "" while it
	// runs or where the corpus does not tell.
	EndedBy resgraph.EventType `json:"endedBy,omitempty"`
}

// Contains reports whether the period covers day (ISO).
func (p Period) Contains(day string) bool {
	return p.From <= day && (p.Until == "" || day <= p.Until)
}

// Mandate is the standing authority of one actor.
type Mandate struct {
	ID          resgraph.ActorID   `json:"id"`
	Name        string             `json:"name"`
	Type        resgraph.ActorType `json:"type"`
	Events      []Event            `json:"events"`
	Periods     []Period           `json:"periods"`
	Successor   resgraph.ActorID   `json:"successor,omitempty"`
	Predecessor resgraph.ActorID   `json:"predecessor,omitempty"`
	// LastDecision is the adoption day of the last resolution that decided
	// on the mandate.
	LastDecision string `json:"lastDecision"`
}

// Established is the first day the mandate is known in force.
func (m *Mandate) Established() string {
	if len(m.Periods) == 0 {
		return ""
	}
	return m.Periods[0].From
}

// PeriodOn returns the period in force on day, if any. A period whose end
// no text gives counts only up to the last decision on the mandate: after
// that the corpus does not say.
func (m *Mandate) PeriodOn(day string) (Period, bool) {
	for _, p := range m.Periods {
		if p.Contains(day) && (p.Until != "" || day <= m.LastDecision) {
			return p, true
		}
	}
	return Period{}, false
}

// Timeline is every mandate of a corpus.
type Timeline struct {
	mandates []*Mandate
	byID     map[resgraph.ActorID]*Mandate
	// End is the last adoption day the corpus holds: an end date after it
	// is still running, not expired.
	End  string
	docs map[resgraph.ActorID][]docEvent // per mandate, the resolutions on it
}

// Mandates returns the mandates by ID.
func (t *Timeline) Mandates() []*Mandate { return t.mandates }

// Mandate returns the mandate of id, or nil.
func (t *Timeline) Mandate(id resgraph.ActorID) *Mandate { return t.byID[id] }

// InForce returns the mandates in force on day, by ID.
func (t *Timeline) InForce(day string) []*Mandate {
	var out []*Mandate
	for _, m := range t.mandates {
		if _, ok := m.PeriodOn(day); ok {
			out = append(out, m)
		}
	}
	return out
}

// Build derives the timeline of the adopted resolutions in docs. Drafts
// that were not adopted count as evidence of an expiry. actors gives
// names, types and successors.
func Build(docs []*resgraph.Document, actors []resgraph.Actor) *Timeline {
	reg := make(map[resgraph.ActorID]resgraph.Actor, len(actors))
	for _, a := range actors {
		reg[a.ID] = a
	}
	t := &Timeline{byID: map[resgraph.ActorID]*Mandate{}}
	var adopted []*resgraph.Document
	failed := map[resgraph.ActorID][]*resgraph.Document{}
	for _, d := range docs {
		switch {
		case d.Kind == resgraph.KindResolution && d.Date != "":
			adopted = append(adopted, d)
			t.End = max(t.End, d.Date)
		case d.Status == resgraph.StatusNotAdopted:
			for _, e := range d.Events {
				if e.Type == resgraph.EventExtend {
					failed[e.Mandate.ID] = append(failed[e.Mandate.ID], d)
				}
			}
		}
	}
	slices.SortStableFunc(adopted, func(a, b *resgraph.Document) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), compareSymbols(a.Symbol, b.Symbol))
	})
	for _, d := range adopted {
		evs := documentEvents(d)
		for _, e := range evs {
			if e.Type != resgraph.EventEstablish {
				continue
			}
			if m := t.byID[e.Mandate]; m != nil && len(m.Events) > 0 {
				// Re-established while it runs (a group of experts
				// "re-established" each year): a renewal, or a change.
				typ := resgraph.EventModify
				if e.Until != "" || e.Duration != "" {
					typ = resgraph.EventExtend
				}
				evs = retype(evs, e.Mandate, typ)
			} else {
				// The first establishment holds its tasks and strength.
				evs = slices.DeleteFunc(evs, func(x Event) bool { return x.Mandate == e.Mandate && x.Type == resgraph.EventModify })
			}
		}
		for _, e := range evs {
			m := t.byID[e.Mandate]
			if m == nil {
				a, ok := reg[e.Mandate]
				if !ok {
					a = resgraph.Actor{ID: e.Mandate, Name: string(e.Mandate)}
				}
				m = &Mandate{ID: a.ID, Name: a.Name, Type: a.Type, Successor: a.Successor}
				t.byID[m.ID] = m
				t.mandates = append(t.mandates, m)
			}
			m.Events = append(m.Events, e)
		}
	}
	for _, m := range t.mandates {
		for _, e := range m.Events {
			m.LastDecision = max(m.LastDecision, e.Date)
		}
		m.periods(t.End, failed[m.ID])
		if s := t.byID[m.Successor]; s != nil && s.Predecessor == "" {
			s.Predecessor = m.ID
		}
	}
	slices.SortFunc(t.mandates, func(a, b *Mandate) int { return cmp.Compare(a.ID, b.ID) })
	t.indexDocs()
	return t
}

// documentEvents merges a resolution's paragraph events into one event per
// (mandate, type), in the order the types first occur.
func documentEvents(d *resgraph.Document) []Event {
	var out []Event
	find := func(id resgraph.ActorID, t resgraph.EventType) *Event {
		for i := range out {
			if out[i].Mandate == id && out[i].Type == t {
				return &out[i]
			}
		}
		return nil
	}
	for _, pe := range d.Events {
		e := find(pe.Mandate.ID, pe.Type)
		if e == nil {
			out = append(out, Event{Type: pe.Type, Mandate: pe.Mandate.ID, Symbol: d.Symbol, Date: d.Date,
				Text: pe.Text, Start: pe.Start, End: pe.End})
			e = &out[len(out)-1]
		}
		if !slices.Contains(e.ParagraphIDs, pe.ParagraphID) {
			e.Paragraphs = append(e.Paragraphs, pe.Paragraph)
			e.ParagraphIDs = append(e.ParagraphIDs, pe.ParagraphID)
		}
		if e.Until == "" && e.Duration == "" {
			e.Until, e.Duration, e.From = pe.Until, pe.Duration, pe.From
		}
		for _, c := range pe.Changes {
			if !slices.Contains(e.Changes, c) {
				e.Changes = append(e.Changes, c)
			}
		}
	}
	// "UNOCI shall have the following mandate ... until 31 December 2010":
	// a task list with an end renews the mandate to that end.
	for _, e := range slices.Clone(out) {
		if e.Type == resgraph.EventModify && slices.Contains(e.Changes, "tasks") && e.Until != "" && find(e.Mandate, resgraph.EventExtend) == nil && find(e.Mandate, resgraph.EventEstablish) == nil && find(e.Mandate, resgraph.EventTerminate) == nil {
			x := e
			x.Type, x.Changes = resgraph.EventExtend, nil
			out = append(out, x)
		}
	}
	// "Decides to establish UNMIN ..." and, in another paragraph, "the
	// mandate of UNMIN will be for a period of 12 months": the end of the
	// establishment, not a renewal.
	var merged []resgraph.ActorID
	for i := range out {
		if out[i].Type != resgraph.EventEstablish && out[i].Type != resgraph.EventAuthorize || out[i].Until != "" || out[i].Duration != "" {
			continue
		}
		if x := find(out[i].Mandate, resgraph.EventExtend); x != nil && (x.Until != "" || x.Duration != "") {
			out[i].Until, out[i].Duration, out[i].From = x.Until, x.Duration, cmp.Or(out[i].From, x.From)
			merged = append(merged, x.Mandate)
		}
	}
	out = slices.DeleteFunc(out, func(e Event) bool { return e.Type == resgraph.EventExtend && slices.Contains(merged, e.Mandate) })
	// A terminate with no date of its own ends with the extension it
	// comes with ("extends ... for a final period until 30 June 2017").
	for i := range out {
		if out[i].Type == resgraph.EventTerminate && out[i].Until == "" && out[i].Duration == "" {
			if x := find(out[i].Mandate, resgraph.EventExtend); x != nil {
				out[i].Until, out[i].Duration, out[i].From = x.Until, x.Duration, x.From
			}
		}
	}
	return out
}

// retype makes the establish event of id in evs an event of type typ,
// merged into the one of that type if the document has one.
func retype(evs []Event, id resgraph.ActorID, typ resgraph.EventType) []Event {
	var est *Event
	for i := range evs {
		if evs[i].Mandate == id && evs[i].Type == resgraph.EventEstablish {
			est = &evs[i]
		}
	}
	for i := range evs {
		if x := &evs[i]; x.Mandate == id && x.Type == typ {
			for k, pid := range est.ParagraphIDs {
				if !slices.Contains(x.ParagraphIDs, pid) {
					x.Paragraphs, x.ParagraphIDs = append(x.Paragraphs, est.Paragraphs[k]), append(x.ParagraphIDs, pid)
				}
			}
			if x.Until == "" && x.Duration == "" {
				x.Until, x.Duration, x.From = est.Until, est.Duration, est.From
			}
			return slices.DeleteFunc(evs, func(e Event) bool { return e.Mandate == id && e.Type == resgraph.EventEstablish })
		}
	}
	est.Type = typ
	return evs
}

// periods computes m.Periods from m.Events and appends an expire event
// where the last period ended before the corpus does with no renewal.
func (m *Mandate) periods(corpusEnd string, failed []*resgraph.Document) {
	var cur *Period
	terminated := false
	for i := range m.Events {
		e := &m.Events[i]
		switch e.Type {
		case resgraph.EventEstablish, resgraph.EventAuthorize, resgraph.EventExtend:
			if terminated {
				// Renewed after an end was decided: the end did not hold.
				terminated = false
			}
			base, from := e.Date, e.Date
			if cur != nil && cur.Until != "" && cur.Until >= e.Date && e.Type == resgraph.EventExtend {
				base, from = cur.Until, next(cur.Until)
			}
			if e.From != "" {
				base, from = e.From, e.From
			}
			if e.Until == "" && e.Duration != "" {
				if u := AddDuration(base, e.Duration); u != "" {
					e.Until, e.Computed = u, true // 12 months after 10 April 2014: 10 April 2015
				}
			}
			if e.Until == "" && cur != nil && (cur.Until == "" || cur.Until >= e.Date) {
				continue // "renews the mandate", "authorizes" with no end: the current period runs on
			}
			if e.Until != "" && (e.Until < from || cur != nil && cur.Until != "" && e.Until <= cur.Until && cur.Until >= e.Date) {
				continue // an end before the period it would start, or within the current one: not a renewal
			}
			if cur != nil {
				if cur.Until == "" || cur.Until >= e.Date || from == next(cur.Until) {
					cur.EndedBy = resgraph.EventExtend
					if cur.Until == "" || cur.Until >= from {
						cur.Until = prev(from)
					}
				} else if cur.EndedBy == "" {
					cur.EndedBy = resgraph.EventExpire // lapsed, renewed later
				}
			}
			if cur != nil && cur.Until != "" && from <= cur.Until {
				from = next(cur.Until)
			}
			m.Periods = append(m.Periods, Period{From: from, Until: e.Until, Symbol: e.Symbol, Computed: e.Computed})
			cur = &m.Periods[len(m.Periods)-1]
		case resgraph.EventTerminate:
			if e.Until == "" && e.Duration == "" {
				e.Until = e.Date
			} else if e.Until == "" {
				if u := AddDuration(e.Date, e.Duration); u != "" {
					e.Until, e.Computed = u, true
				}
			}
			if cur != nil && e.Until < cur.From {
				continue // an end before the period in force: not this mandate's end
			}
			if cur != nil {
				if cur.Until == "" || e.Until < cur.Until || cur.Symbol == e.Symbol {
					cur.Until = e.Until
				}
				cur.EndedBy = resgraph.EventTerminate
			}
			terminated = true
		}
	}
	if cur != nil && !terminated && cur.Until != "" && cur.Until < corpusEnd {
		cur.EndedBy = resgraph.EventExpire
		x := Event{Type: resgraph.EventExpire, Mandate: m.ID, Symbol: cur.Symbol, Date: cur.Until, Computed: true}
		for _, d := range failed {
			if d.Date <= next(cur.Until) && d.Date >= AddDuration(cur.Until, "-P3M") {
				x.Evidence = append(x.Evidence, d.Symbol)
			}
		}
		m.Events = append(m.Events, x)
	}
}

// next and prev return the day after and before an ISO day.
func next(day string) string { return shift(day, 1) }
func prev(day string) string { return shift(day, -1) }

func shift(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// AddDuration adds an ISO 8601 duration of one unit ("P12M", "P90D",
// "P1Y", "P2W", "-P3M") to an ISO day. Adding months keeps the day number,
// or takes the month's last day where it has none (31 May + P1M = 30
// June). It returns "" when either cannot be read.
func AddDuration(day, dur string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	sign := 1
	if strings.HasPrefix(dur, "-") {
		sign, dur = -1, dur[1:]
	}
	if len(dur) < 3 || dur[0] != 'P' {
		return ""
	}
	n := 0
	for _, c := range dur[1 : len(dur)-1] {
		if c < '0' || c > '9' {
			return ""
		}
		n = 10*n + int(c-'0')
	}
	n *= sign
	switch dur[len(dur)-1] {
	case 'D':
		t = t.AddDate(0, 0, n)
	case 'W':
		t = t.AddDate(0, 0, 7*n)
	case 'M':
		t = addMonths(t, n)
	case 'Y':
		t = addMonths(t, 12*n)
	default:
		return ""
	}
	return t.Format(time.DateOnly)
}

func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

// compareSymbols orders "S/RES/2085 (2012)" before "S/RES/2100 (2013)" by
// number where both are resolutions.
func compareSymbols(a, b resgraph.Symbol) int {
	na, nb := resolutionNumber(a), resolutionNumber(b)
	if na != 0 && nb != 0 {
		return cmp.Compare(na, nb)
	}
	return cmp.Compare(a, b)
}

func resolutionNumber(s resgraph.Symbol) int {
	r, ok := strings.CutPrefix(string(s), "S/RES/")
	if !ok {
		return 0
	}
	n := 0
	for _, c := range r {
		if c < '0' || c > '9' {
			break
		}
		n = 10*n + int(c-'0')
	}
	return n
}
