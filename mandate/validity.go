package mandate

import (
	"strings"
	"unicode"

	"github.com/resgraph/resgraph"
)

// Validity is the interval in which an obligation holds, and why it ends.
type Validity struct {
	From  string `json:"from"`            // the adoption day
	Until string `json:"until,omitempty"` // last day it holds; "" while it holds
	// Basis says where Until comes from:
	//   "deadline"   its own deadline ("within 30 days", "by 15 March")
	//   "until"      its own end ("until 31 December 2013")
	//   "superseded" a later resolution restated the mandate's task list (SupersededBy)
	//   "renewal"    a report or recurrence asked in a renewal: until the next renewal (SupersededBy)
	//   "mandate"    the end of the bearer's mandate (terminated or expired)
	//   "in force"   the bearer's mandate still runs and nothing replaced it
	//   "standing"   nothing in the texts ends it
	Basis        string          `json:"basis"`
	SupersededBy resgraph.Symbol `json:"supersededBy,omitempty"`
}

// Holds reports whether v covers day.
func (v Validity) Holds(day string) bool {
	return v.From <= day && (v.Until == "" || day <= v.Until)
}

// docEvents indexes, per mandate, the adopted resolutions that set its
// task list or renew it, in date order.
type docEvent struct {
	symbol resgraph.Symbol
	date   string
	tasks  bool // restates the whole task list (establish, or modify "tasks")
	renew  bool // establish or extend
}

// Facts is what the validity of an obligation depends on.
type Facts struct {
	Symbol       resgraph.Symbol  // its document
	Date         string           // the document's adoption day
	Addressee    resgraph.ActorID // who must act
	DeadlineDate string
	Recurrence   string
	Until        string
	// Renews lists the mandates the document establishes or extends.
	Renews []resgraph.ActorID
}

// FactsOf returns the facts of action a of document d.
func FactsOf(d *resgraph.Document, a *resgraph.Action) Facts {
	f := Facts{Symbol: d.Symbol, Date: d.Date, DeadlineDate: a.DeadlineDate, Recurrence: a.Recurrence, Until: a.Until}
	if a.Addressee != nil {
		f.Addressee = a.Addressee.ID
	}
	for _, e := range d.Events {
		if e.Type == resgraph.EventExtend || e.Type == resgraph.EventEstablish {
			f.Renews = append(f.Renews, e.Mandate.ID)
		}
	}
	return f
}

// Validity returns the interval in which an obligation holds.
func (t *Timeline) Validity(f Facts) Validity {
	v := Validity{From: f.Date, Basis: "standing"}
	if f.Date == "" {
		return v
	}
	switch {
	case f.DeadlineDate != "" && f.Recurrence == "":
		v.Until, v.Basis = f.DeadlineDate, "deadline"
		return v
	case f.Until != "":
		v.Until, v.Basis = f.Until, "until"
		return v
	}
	if m := t.byID[f.Addressee]; m != nil {
		return t.mandateValidity(m, f, v, true)
	}
	// A report asked in a renewal is asked again by the next one.
	if f.Recurrence != "" || f.DeadlineDate != "" {
		for _, id := range f.Renews {
			if m := t.byID[id]; m != nil {
				return t.mandateValidity(m, f, v, false)
			}
		}
	}
	return v
}

// mandateValidity ends v at the first later resolution on m that restates
// its tasks (tasks) or renews it (!tasks), else at m's end.
func (t *Timeline) mandateValidity(m *Mandate, f Facts, v Validity, tasks bool) Validity {
	for _, e := range t.docs[m.ID] {
		if e.date <= f.Date || e.symbol == f.Symbol {
			continue
		}
		if tasks && e.tasks || !tasks && e.renew {
			v.Until, v.SupersededBy = prev(e.date), e.symbol
			v.Basis = "superseded"
			if !tasks {
				v.Basis = "renewal"
			}
			return v
		}
	}
	if n := len(m.Periods); n > 0 {
		last := m.Periods[n-1]
		if (last.EndedBy == resgraph.EventTerminate || last.EndedBy == resgraph.EventExpire) && last.Until >= f.Date {
			v.Until, v.Basis = last.Until, "mandate"
			return v
		}
		if last.Until != "" && last.Until < f.Date {
			return v // asked of a holder whose known mandate had ended: the texts do not say until when
		}
		v.Basis = "in force"
	}
	return v
}

// indexDocs fills t.docs from the mandates' events.
func (t *Timeline) indexDocs() {
	t.docs = map[resgraph.ActorID][]docEvent{}
	for _, m := range t.mandates {
		var out []docEvent
		for _, e := range m.Events {
			if e.Type == resgraph.EventExpire {
				continue
			}
			if n := len(out); n == 0 || out[n-1].symbol != e.Symbol {
				out = append(out, docEvent{symbol: e.Symbol, date: e.Date})
			}
			x := &out[len(out)-1]
			switch e.Type {
			case resgraph.EventEstablish:
				x.tasks, x.renew = true, true
			case resgraph.EventExtend, resgraph.EventAuthorize:
				x.renew = true
			case resgraph.EventModify:
				for _, c := range e.Changes {
					if c == "tasks" {
						x.tasks = true
					}
				}
			}
		}
		t.docs[m.ID] = out
	}
}

// Similarity is the Dice coefficient of the two texts' word sets (lower
// case, words of three letters or more): 1 for the same words, 0 for none
// in common. Renewals restate tasks with small edits; SameTask is the
// threshold measured on the corpus (docs/mandates.md).
func Similarity(a, b string) float64 { return dice(words(a), words(b)) }

func dice(wa, wb map[string]bool) float64 {
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

// SameTask is the similarity at or above which two tasks of one mandate in
// successive resolutions are the same task carried over.
const SameTask = 0.6

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 {
			out[w] = true
		}
	}
	return out
}

// TaskLists returns, in date order, the symbols of the resolutions that set
// the whole task list of mandate id (its establishment, and each renewal
// or change that restates the list): the ones whose tasks supersede the
// earlier ones.
func (t *Timeline) TaskLists(id resgraph.ActorID) []resgraph.Symbol {
	var out []resgraph.Symbol
	for _, e := range t.docs[id] {
		if e.tasks {
			out = append(out, e.symbol)
		}
	}
	return out
}
