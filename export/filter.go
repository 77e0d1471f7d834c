package export

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/resgraph/resgraph"
)

// Filter narrows a view. Empty fields do not filter. Within a field any
// value may match; fields combine with AND.
//
// Date, document and subject filters select documents. Actor and class
// filters select actions: an action matches an actor when its issuer, its
// addressee or one of its partners is that actor. Views of actions keep only
// matching actions; the citation view keeps citing documents with at least
// one matching action; the co-addressee view keeps pairs where at least one
// of the two actors matches.
type Filter struct {
	From      string   // ISO day, month or year, inclusive: "2012-01-01", "2012"
	To        string   // ISO day, month or year, inclusive
	Documents []string // document symbols (a document matches by any of its symbols)
	Actors    []string // actor ids, names or aliases, case-insensitive
	Classes   []string // action classes: "decision", "request" ...
	Subjects  []string // subject labels or IRIs (Document.Subjects), case-insensitive
	// Statuses of the documents kept ("adopted", "draft", "not adopted");
	// none keeps every document except drafts that were not adopted,
	// unless Documents names them.
	Statuses []string
}

// Options are a Filter plus choices of shape.
type Options struct {
	Filter
	// Weighted merges parallel edges into one edge per pair whose weight is
	// the number merged (obligations and citations views; the others are
	// always weighted).
	Weighted bool
}

// Empty reports whether f filters nothing.
func (f Filter) Empty() bool {
	return f.From == "" && f.To == "" && len(f.Documents) == 0 && len(f.Actors) == 0 &&
		len(f.Classes) == 0 && len(f.Subjects) == 0 && len(f.Statuses) == 0
}

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Validate checks the dates.
func (f Filter) Validate() error {
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", lowDate(d.v)); err != nil || !datePattern.MatchString(d.v) {
			return resgraph.Errorf(resgraph.EINVALID, "filter: %s date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.From != "" && f.To != "" && lowDate(f.From) > highDate(f.To) {
		return resgraph.Errorf(resgraph.EINVALID, "filter: from %s is after to %s", f.From, f.To)
	}
	for _, st := range f.Statuses {
		switch resgraph.DocStatus(strings.ToLower(strings.TrimSpace(st))) {
		case resgraph.StatusAdopted, resgraph.StatusDraft, resgraph.StatusNotAdopted:
		default:
			return resgraph.Errorf(resgraph.EINVALID, "filter: status %q is not adopted, draft or not adopted", st)
		}
	}
	return nil
}

// lowDate and highDate widen a partial date to the first and last day it
// covers, for comparison with ISO days.
func lowDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

func highDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		return d + "-31"
	}
	return d
}

// FilterFromQuery reads a filter and options from URL query parameters:
// from, to, doc, actor, class, subject (each repeatable, or comma-separated
// except doc, since symbols hold no comma but subjects may) and weighted.
func FilterFromQuery(q url.Values) (Options, error) {
	var o Options
	o.From = q.Get("from")
	o.To = q.Get("to")
	o.Documents = q["doc"]
	o.Actors = splitValues(q["actor"])
	o.Classes = splitValues(q["class"])
	o.Subjects = q["subject"]
	o.Statuses = q["status"]
	switch strings.ToLower(q.Get("weighted")) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		o.Weighted = true
	default:
		return o, resgraph.Errorf(resgraph.EINVALID, "weighted=%q: want true or false", q.Get("weighted"))
	}
	return o, o.Validate()
}

func splitValues(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// matcher is a Filter compiled against the registry, and the mentions of
// the documents it has learnt from.
type matcher struct {
	f        Filter
	from, to string
	docs     map[string]bool
	actors   map[resgraph.ActorID]bool
	names    map[string]bool // the actor filter's values, lower case
	classes  map[string]bool
	subjects map[string]bool
	statuses map[resgraph.DocStatus]bool
}

func compile(f Filter, actors []resgraph.Actor) *matcher {
	m := &matcher{f: f}
	if f.From != "" {
		m.from = lowDate(f.From)
	}
	if f.To != "" {
		m.to = highDate(f.To)
	}
	if len(f.Documents) > 0 {
		m.docs = make(map[string]bool)
		for _, s := range f.Documents {
			m.docs[normSymbol(s)] = true
		}
	}
	if len(f.Statuses) > 0 {
		m.statuses = make(map[resgraph.DocStatus]bool)
		for _, st := range f.Statuses {
			m.statuses[resgraph.DocStatus(strings.ToLower(strings.TrimSpace(st)))] = true
		}
	}
	if len(f.Classes) > 0 {
		m.classes = make(map[string]bool)
		for _, c := range f.Classes {
			m.classes[strings.ToLower(c)] = true
		}
	}
	if len(f.Subjects) > 0 {
		m.subjects = make(map[string]bool)
		for _, s := range f.Subjects {
			m.subjects[strings.ToLower(strings.TrimSpace(s))] = true
		}
	}
	if len(f.Actors) > 0 {
		// Names and aliases resolve to ids through the registry here and
		// through the mentions the documents resolved (learn).
		m.names = make(map[string]bool)
		m.actors = make(map[resgraph.ActorID]bool)
		for _, a := range f.Actors {
			m.actors[resgraph.ActorID(a)] = true
			if n := strings.ToLower(strings.TrimSpace(a)); n != "" {
				m.names[n] = true
			}
		}
		for _, a := range actors {
			m.learnRef(a.ID, append([]string{string(a.ID), a.Name}, a.Aliases...))
		}
	}
	return m
}

// learn resolves the actor filter's names through the mentions of docs.
func (m *matcher) learn(docs []*resgraph.Document) {
	if m.names == nil {
		return
	}
	for _, d := range docs {
		if d == nil {
			continue
		}
		for i := range d.Actions {
			for _, r := range actionActors(&d.Actions[i]) {
				if m.actors[r.ID] {
					continue
				}
				m.learnRef(r.ID, append([]string{string(r.ID), r.Name, r.Mention}, r.Aliases...))
			}
		}
	}
}

func (m *matcher) learnRef(id resgraph.ActorID, names []string) {
	for _, n := range names {
		if m.names[strings.ToLower(strings.TrimSpace(n))] {
			m.actors[id] = true
			return
		}
	}
}

func normSymbol(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), " ")) }

// document reports whether d passes the date, document and subject filters.
func (m *matcher) document(d *resgraph.Document) bool {
	if len(m.statuses) > 0 {
		if !m.statuses[d.Status] {
			return false
		}
	} else if d.Status == resgraph.StatusNotAdopted && m.docs == nil {
		return false
	}
	if m.from != "" && (d.Date == "" || d.Date < m.from) {
		return false
	}
	if m.to != "" && (d.Date == "" || d.Date > m.to) {
		return false
	}
	if m.docs != nil {
		ok := false
		for _, s := range d.Symbols() {
			if m.docs[normSymbol(string(s))] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if m.subjects != nil {
		ok := false
		for _, s := range d.Subjects {
			if m.subjects[strings.ToLower(s.Label)] || (s.IRI != "" && m.subjects[strings.ToLower(s.IRI)]) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// filtersActions reports whether actor or class filters are set.
func (m *matcher) filtersActions() bool { return m.actors != nil || m.classes != nil }

// action reports whether a passes the class and actor filters, issuer
// being the id of the action's issuer.
func (m *matcher) action(a *resgraph.Action, issuer resgraph.ActorID) bool {
	if m.classes != nil && !m.classes[strings.ToLower(string(a.Class))] {
		return false
	}
	if m.actors != nil {
		if m.actors[issuer] {
			return true
		}
		for _, r := range actionActors(a) {
			if m.actors[r.ID] {
				return true
			}
		}
		return false
	}
	return true
}

// actor reports whether id passes the actor filter.
func (m *matcher) actor(id resgraph.ActorID) bool { return m.actors == nil || m.actors[id] }

// actionActors returns the addressee and partners of a.
func actionActors(a *resgraph.Action) []*resgraph.ActorRef {
	var out []*resgraph.ActorRef
	if a.Addressee != nil && a.Addressee.ID != "" {
		out = append(out, a.Addressee)
	}
	for i := range a.Partners {
		if a.Partners[i].ID != "" {
			out = append(out, &a.Partners[i])
		}
	}
	return out
}
