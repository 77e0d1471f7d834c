package loader

import (
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

// TestMandateEvents reads the events of one-paragraph resolutions.
func TestMandateEvents(t *testing.T) {
	reg := dataRegistry(t)
	for _, tc := range []struct {
		name, text string
		want       string // "type mandate until duration changes", ";"-separated
	}{
		{"extension to a day", "Decides to extend the mandate of MINURSO until 30 April 2016;", "extend minurso 2016-04-30"},
		{"a day written month first", "Decides to extend the mandate of the United Nations Assistance Mission for Iraq (UNAMI) until July 31, 2014;", "extend unami 2014-07-31"},
		{"establishment for a period", "Decides to establish the United Nations Mission in Liberia (UNMIL) for a period of 12 months;", "establish unmil  P12M"},
		{"final period: extend and terminate", "Decides to extend the mandate of UNMIL for a final period until 30 March 2018;",
			"extend unmil 2018-03-30; terminate unmil 2018-03-30"},
		{"a final number of months", "Decides to extend UNMHA’s mandate for a final two months, until 31 March 2026;",
			"extend unmha 2026-03-31; terminate unmha 2026-03-31"},
		{"terminate as of a day", "Decides to terminate the mandate of UNAMID as of 31 December 2020;", "terminate unamid 2020-12-31"},
		{"two holders, coordinated", "Decides that the mandates of UNOCI and of the French forces which support it shall be extended until 30 June 2007;",
			"extend unoci 2007-06-30; extend french-forces 2007-06-30"},
		{"a task removed", "Decides that the mandate of UNMIL shall no longer include the task set forth in paragraph 10 (d) (i) of resolution 2190 (2014);",
			"modify unmil   tasks-removed"},
		{"a ceiling cut", "Decides to reduce UNMIL’s military personnel to a ceiling of 434;", "modify unmil   strength"},
		{"a ceiling kept is no change", "Decides that the authorized strength of UNOCI’s military component shall remain at 9,792 personnel;", ""},
		{"an intention is no decision", "Expresses its intention to extend the mandate of MINURSO until 30 April 2016;", ""},
		{"a trust fund is not the mission it supports", "Requests the Secretary-General to establish a trust fund through which Member States can provide support to AFISMA;", ""},
		{"a name inside a longer one is not that actor", "Authorizes Member States to establish a temporary International Stabilization Force in Gaza;", ""},
		{"the holder of a task list is named before it", "Further authorises MONUSCO to implement the following tasks exclusively in cooperation with the UNCT:",
			"modify monusco   tasks"},
		{"sanctions measures are not a mandate", "Decides to extend until 1 May 2026 the authorisations and the measures in resolution 2146 (2014);", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lead := strings.Fields(tc.text)[0]
			if lead == "Further" {
				lead += " " + strings.Fields(tc.text)[1]
			}
			doc := &resgraph.Document{Symbol: "S/RES/9999 (2020)", Kind: resgraph.KindResolution, Date: "2020-01-01",
				Paragraphs: []resgraph.Paragraph{{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Lead: lead, Text: tc.text}}}
			NewExtractor(reg).Extract(doc)
			var got []string
			for _, e := range doc.Events {
				got = append(got, strings.TrimRight(strings.Join([]string{string(e.Type), string(e.Mandate.ID), e.Until, e.Duration, strings.Join(e.Changes, ",")}, " "), " "))
				if e.ParagraphID != "op1" || e.Start < 0 || e.End > len(tc.text) || e.Start >= e.End {
					t.Errorf("event %+v does not point into its paragraph", e)
				}
			}
			want := tc.want
			norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
			var wl []string
			if want != "" {
				for _, w := range strings.Split(want, "; ") {
					wl = append(wl, norm(w))
				}
			}
			for i := range got {
				got[i] = norm(got[i])
			}
			if strings.Join(got, "; ") != strings.Join(wl, "; ") {
				t.Errorf("events %q, want %q", strings.Join(got, "; "), strings.Join(wl, "; "))
			}
		})
	}
}
