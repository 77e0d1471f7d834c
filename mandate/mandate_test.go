package mandate_test

import (
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
)

func TestAddDuration(t *testing.T) {
	for _, tc := range []struct{ day, dur, want string }{
		{"2014-04-10", "P12M", "2015-04-10"},
		{"2020-05-31", "P1M", "2020-06-30"}, // no 31 June: the month's last day
		{"2020-01-31", "P1M", "2020-02-29"},
		{"2020-03-30", "P90D", "2020-06-28"},
		{"2013-06-03", "P1Y", "2014-06-03"},
		{"2013-06-03", "-P3M", "2013-03-03"},
		{"2013-06-03", "P2W", "2013-06-17"},
		{"2013-06-03", "12 months", ""},
		{"June 2013", "P1M", ""},
	} {
		if got := mandate.AddDuration(tc.day, tc.dur); got != tc.want {
			t.Errorf("AddDuration(%q, %q) = %q, want %q", tc.day, tc.dur, got, tc.want)
		}
	}
}

func res(sym, date string, evs ...resgraph.MandateEvent) *resgraph.Document {
	return &resgraph.Document{Symbol: resgraph.Symbol(sym), Kind: resgraph.KindResolution, Status: resgraph.StatusAdopted, Date: date, Events: evs}
}

func ev(t resgraph.EventType, id, until, dur string) resgraph.MandateEvent {
	return resgraph.MandateEvent{Type: t, Mandate: resgraph.ActorRef{ID: resgraph.ActorID(id)}, Paragraph: "1", ParagraphID: "op1", Until: until, Duration: dur}
}

func periods(m *mandate.Mandate) string {
	var b strings.Builder
	for _, p := range m.Periods {
		b.WriteString(p.From + ".." + p.Until + ":" + string(p.EndedBy) + " ")
	}
	return strings.TrimSpace(b.String())
}

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		name   string
		docs   []*resgraph.Document
		want   string
		events string // types in order
	}{
		{"an extension for a period counts from the end of the current one",
			[]*resgraph.Document{res("S/RES/1 (2011)", "2011-03-17", ev(resgraph.EventEstablish, "p", "", "P12M")),
				res("S/RES/2 (2012)", "2012-03-12", ev(resgraph.EventExtend, "p", "", "P12M"))},
			"2011-03-17..2012-03-17:extend 2012-03-18..2013-03-17:expire", "establish extend expire"},
		{"a renewal after the end: a new period from its adoption",
			[]*resgraph.Document{res("S/RES/1 (2004)", "2004-01-01", ev(resgraph.EventEstablish, "p", "2004-06-30", "")),
				res("S/RES/2 (2004)", "2004-08-01", ev(resgraph.EventExtend, "p", "2005-07-31", ""))},
			"2004-01-01..2004-06-30:expire 2004-08-01..2005-07-31:expire", "establish extend expire"},
		{"a final period ends it: no expiry",
			[]*resgraph.Document{res("S/RES/1 (2004)", "2004-01-01", ev(resgraph.EventEstablish, "p", "2004-12-31", "")),
				res("S/RES/2 (2004)", "2004-12-20", ev(resgraph.EventExtend, "p", "2005-06-30", ""), ev(resgraph.EventTerminate, "p", "", ""))},
			"2004-01-01..2004-12-31:extend 2005-01-01..2005-06-30:terminate", "establish extend terminate"},
		{"an end after the corpus's last day is running",
			[]*resgraph.Document{res("S/RES/1 (2024)", "2024-01-01", ev(resgraph.EventEstablish, "p", "2030-01-01", ""))},
			"2024-01-01..2030-01-01:", "establish"},
		{"re-established while it runs: a renewal",
			[]*resgraph.Document{res("S/RES/1 (2004)", "2004-03-12", ev(resgraph.EventEstablish, "p", "2004-07-28", "")),
				res("S/RES/2 (2004)", "2004-07-29", ev(resgraph.EventEstablish, "p", "2005-01-31", ""))},
			"2004-03-12..2004-07-28:extend 2004-07-29..2005-01-31:expire", "establish extend expire"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A later resolution on something else: the corpus runs to 2026.
			tl := mandate.Build(append(tc.docs, res("S/RES/99 (2026)", "2026-01-01")), nil)
			m := tl.Mandate("p")
			if m == nil {
				t.Fatal("no mandate")
			}
			if got := periods(m); got != tc.want {
				t.Errorf("periods %s, want %s", got, tc.want)
			}
			var types []string
			for _, e := range m.Events {
				types = append(types, string(e.Type))
			}
			if got := strings.Join(types, " "); got != tc.events {
				t.Errorf("events %s, want %s", got, tc.events)
			}
		})
	}
}

func TestExpiryCitesTheDraftThatFailed(t *testing.T) {
	draft := &resgraph.Document{Symbol: "S/2023/638", Kind: resgraph.KindDraftResolution, Status: resgraph.StatusNotAdopted, Date: "2023-08-30",
		Events: []resgraph.MandateEvent{ev(resgraph.EventExtend, "p", "2024-09-30", "")}}
	docs := []*resgraph.Document{res("S/RES/1 (2022)", "2022-08-29", ev(resgraph.EventExtend, "p", "2023-08-31", "")), draft,
		res("S/RES/9 (2025)", "2025-01-01")}
	m := mandate.Build(docs, nil).Mandate("p")
	last := m.Events[len(m.Events)-1]
	if last.Type != resgraph.EventExpire || last.Date != "2023-08-31" || len(last.Evidence) != 1 || last.Evidence[0] != "S/2023/638" {
		t.Errorf("last event %+v, want an expiry on 2023-08-31 citing S/2023/638", last)
	}
}

func TestWordDiff(t *testing.T) {
	got := mandate.WordDiff("to monitor the ceasefire between the parties", "to monitor closely the ceasefire between all the parties")
	var b strings.Builder
	for _, w := range got {
		b.WriteString(w.Op + "[" + w.Text + "]")
	}
	if want := "=[to monitor]+[closely]=[the ceasefire between]+[all]=[the parties]"; b.String() != want {
		t.Errorf("got %s, want %s", b.String(), want)
	}
}

func TestSimilarity(t *testing.T) {
	if s := mandate.Similarity("To protect civilians under threat of physical violence", "To protect civilians under imminent threat of physical violence"); s < mandate.SameTask {
		t.Errorf("a task restated with one word more: %.2f, below SameTask", s)
	}
	if s := mandate.Similarity("To protect civilians", "To support the electoral process"); s >= mandate.SameTask {
		t.Errorf("two different tasks: %.2f, at or above SameTask", s)
	}
}

// An obligation addressed to a holder after its known mandate ended does
// not end before it starts.
func TestValidityAfterTheMandateEnded(t *testing.T) {
	docs := []*resgraph.Document{res("S/RES/1 (2004)", "2004-01-01", ev(resgraph.EventEstablish, "p", "2004-12-31", "")),
		res("S/RES/9 (2021)", "2021-03-01")}
	tl := mandate.Build(docs, nil)
	v := tl.Validity(mandate.Facts{Symbol: "S/RES/9 (2021)", Date: "2021-03-01", Addressee: "p"})
	if v.Until != "" && v.Until < v.From {
		t.Errorf("validity %+v ends before it starts", v)
	}
}
