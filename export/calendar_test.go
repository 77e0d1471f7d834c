package export_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/mandate"
)

// Content lines are CRLF-terminated, at most 75 octets, folded without
// splitting a character, with TEXT values escaped (RFC 5545 3.1, 3.3.11).
func TestICSLines(t *testing.T) {
	d := mandate.Due{Day: "2026-07-06", Bearer: resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General"},
		Symbol: "S/RES/2815 (2026)", Paragraph: "24", ParagraphID: "op24", Rule: "by 6 July 2026",
		Action: strings.Repeat("to submit reports; on Côte d’Ivoire, and \\ the rest, ", 5)}
	var b bytes.Buffer
	if err := export.WriteICS(&b, []mandate.Due{d}, time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") || strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Fatal("lines must end in CRLF")
	}
	var unfolded strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8Valid(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			unfolded.WriteString(l[1:])
		} else {
			unfolded.WriteString("\n" + l)
		}
	}
	for _, want := range []string{"\nDTSTART;VALUE=DATE:20260706", "\nDTEND;VALUE=DATE:20260707", "\nURL:https://undocs.org/en/S/RES/2815(2026)",
		`reports\; on Côte d’Ivoire\, and \\ the rest`, "\nUID:S/RES/2815 (2026)/op24/secretary-general/2026-07-06/0@resgraph"} {
		if !strings.Contains(unfolded.String(), want) {
			t.Errorf("no %q in\n%s", want, unfolded.String())
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// A mandate holder's node carries its periods as GEXF spells; an
// obligation edge ends on the last day it holds.
func TestGEXFHasMandatePeriods(t *testing.T) {
	mission := resgraph.ActorRef{ID: "unxm", Name: "United Nations Example Mission", Mention: "UNXM", Type: resgraph.ActorUNMission}
	task := resgraph.Action{Paragraph: "2", ParagraphID: "op2", Kind: resgraph.ActionTask, Verb: "decides", Class: resgraph.ClassDecision, Addressee: &mission, Action: "to monitor"}
	docs := []*resgraph.Document{
		{Symbol: "S/RES/9001 (2003)", Kind: resgraph.KindResolution, Date: "2003-09-19", Actions: []resgraph.Action{task},
			Events: []resgraph.MandateEvent{{Type: resgraph.EventEstablish, Mandate: mission, Paragraph: "1", ParagraphID: "op1", Duration: "P12M"}}},
		{Symbol: "S/RES/9002 (2004)", Kind: resgraph.KindResolution, Date: "2004-09-17", Actions: []resgraph.Action{task},
			Events: []resgraph.MandateEvent{{Type: resgraph.EventExtend, Mandate: mission, Paragraph: "1", ParagraphID: "op1", Until: "2005-09-19"},
				{Type: resgraph.EventModify, Mandate: mission, Paragraph: "2", ParagraphID: "op2", Changes: []string{"tasks"}}}},
	}
	g, err := export.Build(export.ViewObligations, docs, nil, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.WriteGEXF(&b, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Start  string `xml:"start,attr"`
			Spells []struct {
				Start string `xml:"start,attr"`
				End   string `xml:"end,attr"`
			} `xml:"spells>spell"`
		} `xml:"graph>nodes>node"`
		Edges []struct {
			Start string `xml:"start,attr"`
			End   string `xml:"end,attr"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var spells []string
	for _, n := range doc.Nodes {
		if n.ID == "unxm" {
			for _, s := range n.Spells {
				spells = append(spells, s.Start+".."+s.End)
			}
		}
	}
	if got := strings.Join(spells, " "); got != "2003-09-19..2004-09-19 2004-09-20..2005-09-19" {
		t.Errorf("spells of the mission: %q", got)
	}
	var ends []string
	for _, e := range doc.Edges {
		ends = append(ends, e.Start+".."+e.End)
	}
	if got := strings.Join(ends, " "); got != "2003-09-19..2004-09-16 2004-09-17.." {
		t.Errorf("obligation edges: %q, want the first task to end the day before the list restated", got)
	}
}
