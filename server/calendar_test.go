package server

import (
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/query"
)

func calendarSnapshot() *query.Snapshot {
	mission := resgraph.ActorRef{ID: "unxm", Name: "United Nations Example Mission", Mention: "UNXM", Type: resgraph.ActorUNMission}
	sg := resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General", Mention: "the Secretary-General", Type: resgraph.ActorUNOfficial}
	doc := &resgraph.Document{Symbol: "S/RES/9001 (2030)", Kind: resgraph.KindResolution, Status: resgraph.StatusAdopted, Date: "2030-01-10",
		Paragraphs: []resgraph.Paragraph{{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Text: "Decides to extend ..."}, {ID: "op2", Kind: resgraph.ParaOperative, Number: "2", Text: "Requests ..."}},
		Events:     []resgraph.MandateEvent{{Type: resgraph.EventExtend, Mandate: mission, Paragraph: "1", ParagraphID: "op1", Until: "2031-01-31"}},
		Actions: []resgraph.Action{{Paragraph: "2", ParagraphID: "op2", Kind: resgraph.ActionDirective, Verb: "requests", Class: resgraph.ClassRequest,
			Addressee: &sg, Action: "to report to the Council every 90 days", Recurrence: "P90D"}}}
	return query.Build([]*resgraph.Document{doc}, []resgraph.Actor{{ID: "secretary-general", Name: "Secretary-General", Type: resgraph.ActorUNOfficial}})
}

func TestCalendarEndpoint(t *testing.T) {
	s := calendarSnapshot()
	h := calendarHandler(func() *query.Snapshot { return s }, slog.New(slog.DiscardHandler))
	for _, tc := range []struct {
		url    string
		status int
		events int
	}{
		{"/calendar.ics?from=2030-01-01&to=2030-12-31", 200, 3}, // 10 April, 9 July, 7 October
		{"/calendar.ics?from=2030-01-01&to=2030-12-31&bearer=Secretary-General", 200, 3},
		{"/calendar.ics?from=2030-05-01&to=2030-12-31", 200, 2},
		{"/calendar.ics?from=soon&to=2030-12-31", 400, 0},
		{"/calendar.ics?from=2030-01-01&to=2030-12-31&bearer=nobody-at-all", 404, 0},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.url, nil))
		if rec.Code != tc.status {
			t.Errorf("%s: HTTP %d, want %d: %s", tc.url, rec.Code, tc.status, rec.Body)
			continue
		}
		if tc.status == 200 {
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
				t.Errorf("%s: Content-Type %q", tc.url, ct)
			}
			if n := strings.Count(rec.Body.String(), "BEGIN:VEVENT"); n != tc.events {
				t.Errorf("%s: %d events, want %d", tc.url, n, tc.events)
			}
		}
	}
}

func TestMandatesEndpoint(t *testing.T) {
	s := calendarSnapshot()
	h := mandatesHandler(func() *query.Snapshot { return s }, slog.New(slog.DiscardHandler))
	for url, want := range map[string]string{"/mandates.csv": "unxm", "/mandate-events.csv": "extend"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		rows, err := csv.NewReader(io.Reader(rec.Body)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: %d rows, %v", url, len(rows), err)
		}
		if !strings.Contains(strings.Join(rows[1], ","), want) {
			t.Errorf("%s: row %v has no %q", url, rows[1], want)
		}
	}
}
