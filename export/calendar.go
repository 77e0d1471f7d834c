package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
)

// DocumentURL is where the UN's official document system serves a symbol.
func DocumentURL(s resgraph.Symbol) string {
	return "https://undocs.org/en/" + strings.ReplaceAll(string(s), " ", "")
}

// WriteICS writes due reports as an iCalendar file (RFC 5545): one all-day
// event per due report, its summary the bearer and the timing, its
// description the request as printed with its document and paragraph, and
// a link to the document. UIDs are stable across runs, so a calendar
// program that subscribes updates events rather than duplicating them.
// stamp is the DTSTAMP of every event (the snapshot's build time).
func WriteICS(w io.Writer, dues []mandate.Due, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Resgraph//Reporting calendar//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:Security Council reporting calendar (Resgraph)")
	ts := stamp.UTC().Format("20060102T150405Z")
	for _, d := range dues {
		day, err := time.Parse(time.DateOnly, d.Day)
		if err != nil {
			return fmt.Errorf("export: ics: due day %q of %s: %w", d.Day, d.Symbol, err)
		}
		bearer := cmpOr(d.Bearer.Name, d.Bearer.Mention, string(d.Bearer.ID))
		summary := bearer + ": report due (" + string(d.Symbol) + ", para. " + d.Paragraph + ")"
		desc := fmt.Sprintf("%s, paragraph %s: %s %s\nTiming: %s", d.Symbol, d.Paragraph, bearer, d.Action, d.Rule)
		if d.N > 0 {
			desc += fmt.Sprintf(" (report %d", d.N)
			if d.Bound != "" {
				desc += ", recurring until " + d.Bound + " (" + d.BoundBasis + ")"
			}
			desc += ")"
		}
		line("BEGIN:VEVENT")
		line("UID:" + icsText(fmt.Sprintf("%s/%s/%s/%s/%d@resgraph", d.Symbol, d.ParagraphID, d.Bearer.ID, d.Day, d.N)))
		line("DTSTAMP:" + ts)
		line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
		line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + icsText(summary))
		line("DESCRIPTION:" + icsText(desc))
		line("URL:" + DocumentURL(d.Symbol))
		line("CATEGORIES:" + icsText(bearer))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// writeFolded writes a content line with CRLF, folded at 75 octets
// without splitting a UTF-8 character (RFC 5545 3.1).
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}

// WriteMandatesCSV writes one row per mandate period: the holder, the
// period's days, the resolution that set it, whether its end was computed,
// how it ended, and the successor. RFC 4180, with a header.
func WriteMandatesCSV(w io.Writer, tl *mandate.Timeline) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"mandate", "name", "type", "from", "until", "symbol", "computed", "ended_by", "successor", "url"})
	for _, m := range tl.Mandates() {
		for _, p := range m.Periods {
			cw.Write([]string{string(m.ID), m.Name, string(m.Type), p.From, p.Until, string(p.Symbol),
				fmt.Sprint(p.Computed), string(p.EndedBy), string(m.Successor), DocumentURL(p.Symbol)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteEventsCSV writes one row per mandate event, with its paragraphs.
func WriteEventsCSV(w io.Writer, tl *mandate.Timeline) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"mandate", "type", "symbol", "date", "paragraphs", "until", "computed", "changes", "text"})
	for _, m := range tl.Mandates() {
		for _, e := range m.Events {
			cw.Write([]string{string(m.ID), string(e.Type), string(e.Symbol), e.Date, strings.Join(e.Paragraphs, " "), e.Until,
				fmt.Sprint(e.Computed), strings.Join(e.Changes, " "), e.Text})
		}
	}
	cw.Flush()
	return cw.Error()
}
