package graph_test

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/query"
)

// mandateDocs is a made-up mission's life in three resolutions: created for
// 12 months with a task and a report every 90 days, renewed with its task
// list restated (one task reworded, one added), and given a final period.
func mandateDocs() ([]*resgraph.Document, []resgraph.Actor) {
	ref := func(id, name string) *resgraph.ActorRef {
		return &resgraph.ActorRef{ID: resgraph.ActorID(id), Name: name, Mention: name, Type: resgraph.ActorUNMission}
	}
	mission := ref("unxm", "United Nations Example Mission")
	sg := &resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General", Mention: "the Secretary-General", Type: resgraph.ActorUNOfficial}
	para := func(n, text string) resgraph.Paragraph {
		return resgraph.Paragraph{ID: "op" + n, Kind: resgraph.ParaOperative, Number: n, Text: text}
	}
	ev := func(t resgraph.EventType, n, until, dur string, changes ...string) resgraph.MandateEvent {
		return resgraph.MandateEvent{Type: t, Mandate: *mission, Paragraph: n, ParagraphID: "op" + n, Until: until, Duration: dur, Changes: changes, Text: "Decides ..."}
	}
	task := func(n, verb string, class resgraph.Class, to *resgraph.ActorRef, action string) resgraph.Action {
		return resgraph.Action{Paragraph: n, ParagraphID: "op" + n, Kind: resgraph.ActionTask, Verb: verb, VerbPhrase: verb, Class: class, Addressee: to, Action: action, Text: action}
	}
	r1 := &resgraph.Document{Symbol: "S/RES/9001 (2003)", Kind: resgraph.KindResolution, Status: resgraph.StatusAdopted, Date: "2003-09-19",
		Paragraphs: []resgraph.Paragraph{para("1", "Decides to establish UNXM for a period of 12 months;"), para("2", "Decides that UNXM shall monitor the ceasefire;"),
			para("3", "Requests the Secretary-General to report every 90 days;")},
		Events: []resgraph.MandateEvent{ev(resgraph.EventEstablish, "1", "", "P12M")},
		Actions: []resgraph.Action{
			task("2", "decides", resgraph.ClassDecision, mission, "to monitor the ceasefire agreement between all the parties"),
			func() resgraph.Action {
				a := task("3", "requests", resgraph.ClassRequest, sg, "to report to the Council on the implementation of this resolution every 90 days")
				a.Kind, a.Recurrence = resgraph.ActionDirective, "P90D"
				return a
			}(),
		}}
	r2 := &resgraph.Document{Symbol: "S/RES/9002 (2004)", Kind: resgraph.KindResolution, Status: resgraph.StatusAdopted, Date: "2004-09-17",
		Paragraphs: []resgraph.Paragraph{para("1", "Decides to extend the mandate of UNXM until 19 September 2005;"), para("2", "Decides that the mandate shall be the following:")},
		Events:     []resgraph.MandateEvent{ev(resgraph.EventExtend, "1", "2005-09-19", ""), ev(resgraph.EventModify, "2", "", "", "tasks")},
		Actions: []resgraph.Action{
			task("2", "decides", resgraph.ClassDecision, mission, "to monitor the ceasefire agreement between all the Liberian parties"),
			task("2", "decides", resgraph.ClassDecision, mission, "to support the organization of free and fair elections"),
			task("2", "encourages", resgraph.ClassWeakRecommend, sg, "to keep the Council informed"),
		}}
	r3 := &resgraph.Document{Symbol: "S/RES/9003 (2005)", Kind: resgraph.KindResolution, Status: resgraph.StatusAdopted, Date: "2005-09-15",
		Paragraphs: []resgraph.Paragraph{para("1", "Decides to extend the mandate of UNXM for a final period until 31 March 2006;")},
		Events:     []resgraph.MandateEvent{ev(resgraph.EventExtend, "1", "2006-03-31", ""), ev(resgraph.EventTerminate, "1", "2006-03-31", "")},
		Actions: []resgraph.Action{
			task("1", "requests", resgraph.ClassRequest, sg, "to keep the Council informed"),
		}}
	actors := []resgraph.Actor{
		{ID: "unxm", Name: "United Nations Example Mission", Type: resgraph.ActorUNMission, Aliases: []string{"UNXM"}},
		{ID: "secretary-general", Name: "Secretary-General", Type: resgraph.ActorUNOfficial},
	}
	return []*resgraph.Document{r1, r2, r3}, actors
}

func mandateServer(t *testing.T) *httptest.Server {
	t.Helper()
	docs, actors := mandateDocs()
	live := query.NewLive(query.Build(docs, actors))
	srv := httptest.NewServer(bothWays(t, live, graph.ServerConfig{Logger: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)
	return srv
}

func TestMandatesThroughTime(t *testing.T) {
	srv := mandateServer(t)
	for _, tc := range []struct {
		name, q string
		want    string
	}{
		{"periods and events", `{ mandate(id: "UNXM") { id established until inForce(day: "2005-01-01") periods { from until symbol computed endedBy } events { type symbol until computed paragraphs } } }`,
			`{"mandate":{"id":"unxm","established":"2003-09-19","until":"2006-03-31","inForce":true,"periods":[` +
				`{"from":"2003-09-19","until":"2004-09-19","symbol":"S/RES/9001 (2003)","computed":true,"endedBy":"extend"},` +
				`{"from":"2004-09-20","until":"2005-09-19","symbol":"S/RES/9002 (2004)","computed":false,"endedBy":"extend"},` +
				`{"from":"2005-09-20","until":"2006-03-31","symbol":"S/RES/9003 (2005)","computed":false,"endedBy":"terminate"}],` +
				`"events":[{"type":"establish","symbol":"S/RES/9001 (2003)","until":"2004-09-19","computed":true,"paragraphs":["1"]},` +
				`{"type":"extend","symbol":"S/RES/9002 (2004)","until":"2005-09-19","computed":false,"paragraphs":["1"]},` +
				`{"type":"modify","symbol":"S/RES/9002 (2004)","until":"","computed":false,"paragraphs":["2"]},` +
				`{"type":"extend","symbol":"S/RES/9003 (2005)","until":"2006-03-31","computed":false,"paragraphs":["1"]},` +
				`{"type":"terminate","symbol":"S/RES/9003 (2005)","until":"2006-03-31","computed":false,"paragraphs":["1"]}]}}`},
		{"in force on a day, and not after the end", `{ a: mandates(inForceOn: "2004-01-01") { id } b: mandates(inForceOn: "2006-04-01") { id } }`,
			`{"a":[{"id":"unxm"}],"b":[]}`},
		{"tasks as of a day: the restated list supersedes the first", `{ mandate(id: "unxm") { a: tasks(asOf: "2004-01-01") { action validity { until basis supersededBy } } b: tasks(asOf: "2005-01-01") { action } } }`,
			`{"mandate":{"a":[{"action":"to monitor the ceasefire agreement between all the parties","validity":{"until":"2004-09-16","basis":"superseded","supersededBy":"S/RES/9002 (2004)"}}],` +
				`"b":[{"action":"to monitor the ceasefire agreement between all the Liberian parties"},{"action":"to support the organization of free and fair elections"}]}}`},
		{"a task carried over is linked to the one it restates", `{ mandate(id: "unxm") { tasks(asOf: "2005-01-01") { action carriedFrom { action document { symbol } } } } }`,
			`{"mandate":{"tasks":[{"action":"to monitor the ceasefire agreement between all the Liberian parties","carriedFrom":{"action":"to monitor the ceasefire agreement between all the parties","document":{"symbol":"S/RES/9001 (2003)"}}},` +
				`{"action":"to support the organization of free and fair elections","carriedFrom":null}]}}`},
		{"reports due: every 90 days from adoption, to the next renewal", `{ reportingCalendar(from: "2003-01-01", to: "2004-12-31", bearer: "Secretary-General") { due { day n bound boundBasis symbol paragraph } } }`,
			`{"reportingCalendar":{"due":[{"day":"2003-12-18","n":1,"bound":"2004-09-16","boundBasis":"renewal","symbol":"S/RES/9001 (2003)","paragraph":"3"},` +
				`{"day":"2004-03-17","n":2,"bound":"2004-09-16","boundBasis":"renewal","symbol":"S/RES/9001 (2003)","paragraph":"3"},` +
				`{"day":"2004-06-15","n":3,"bound":"2004-09-16","boundBasis":"renewal","symbol":"S/RES/9001 (2003)","paragraph":"3"},` +
				`{"day":"2004-09-13","n":4,"bound":"2004-09-16","boundBasis":"renewal","symbol":"S/RES/9001 (2003)","paragraph":"3"}]}}`},
		{"diff of two renewals", `{ diff(from: "S/RES/9002 (2004)", to: "S/RES/9003 (2005)") { kind direction from { verb until } to { verb until } } }`,
			`{"diff":[{"kind":"verb","direction":"strengthened","from":{"verb":"encourages","until":""},"to":{"verb":"requests","until":""}},` +
				`{"kind":"removed","direction":"","from":{"verb":"decides","until":""},"to":null},` +
				`{"kind":"removed","direction":"","from":{"verb":"decides","until":""},"to":null},` +
				`{"kind":"until","direction":"","from":{"verb":"","until":"2005-09-19"},"to":{"verb":"","until":"2006-03-31"}}]}`},
		{"obligations in force on a day", `{ obligations(filter: {inForceOn: "2005-01-01", actor: "UNXM"}) { totalCount } }`,
			`{"obligations":{"totalCount":2}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, srv, tc.q, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if got := compact(t, r.Data); got != compact(t, []byte(tc.want)) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestMandateArgumentsAreValidated(t *testing.T) {
	srv := mandateServer(t)
	for _, q := range []string{
		`{ mandates(inForceOn: "yesterday") { id } }`,
		`{ obligations(filter: {inForceOn: "2005-13-01"}) { totalCount } }`,
		`{ mandate(id: "unxm") { tasks(asOf: "soon") { id } } }`,
		`{ reportingCalendar(from: "2005-01-01", to: "2004-01-01") { due { day } } }`,
		`{ diff(from: "S/RES/1 (1946)", to: "S/RES/9003 (2005)") { kind } }`,
	} {
		r := post(t, srv, q, nil)
		if len(r.Errors) == 0 {
			t.Errorf("%s: no error", q)
			continue
		}
		code, _ := r.Errors[0].Extensions["code"].(string)
		if code != "invalid" && code != "not_found" {
			b, _ := json.Marshal(r.Errors)
			t.Errorf("%s: code %q, want invalid or not_found: %s", q, code, b)
		}
		if !strings.Contains(r.Errors[0].Message, "must") && !strings.Contains(r.Errors[0].Message, "no document") && !strings.Contains(r.Errors[0].Message, "before") {
			t.Errorf("%s: message %q does not say what is wrong", q, r.Errors[0].Message)
		}
	}
}
