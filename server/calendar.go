package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/query"
)

// calendarHandler serves GET /calendar.ics?from=&to=&bearer=: the reporting
// calendar as iCalendar, for a calendar program to subscribe to. With no
// from and to, it covers 30 days back to a year ahead of today, so a
// subscription stays current. bearer is an actor id, name or alias.
func calendarHandler(snaps func() *query.Snapshot, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		today := time.Now().UTC()
		from, to := q.Get("from"), q.Get("to")
		if from == "" {
			from = today.AddDate(0, 0, -30).Format(time.DateOnly)
		}
		if to == "" {
			to = today.AddDate(1, 0, 0).Format(time.DateOnly)
		}
		for _, d := range []struct{ name, v string }{{"from", from}, {"to", to}} {
			if !query.ValidDay(d.v) {
				writeError(w, r, log, resgraph.Errorf(resgraph.EINVALID, "%s must be an ISO day (2021-03-15), got %q", d.name, d.v))
				return
			}
		}
		s := snaps()
		var bearer *query.Actor
		if b := q.Get("bearer"); b != "" {
			as := s.ResolveActor(b)
			if len(as) == 0 {
				writeError(w, r, log, resgraph.Errorf(resgraph.ENOTFOUND, "no actor %q", b))
				return
			}
			bearer = as[0]
		}
		due, _ := s.Calendar(from, to, bearer)
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="resgraph-calendar.ics"`)
		if r.Method == http.MethodHead {
			return
		}
		if err := export.WriteICS(w, due, s.Built); err != nil {
			log.ErrorContext(r.Context(), "calendar write failed", "err", err)
		}
	})
}

// mandatesHandler serves GET /mandates.csv (one row per mandate period) and
// /mandate-events.csv (one row per event).
func mandatesHandler(snaps func() *query.Snapshot, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		write, name := export.WriteMandatesCSV, "resgraph-mandates.csv"
		if r.URL.Path == "/mandate-events.csv" {
			write, name = export.WriteEventsCSV, "resgraph-mandate-events.csv"
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		if r.Method == http.MethodHead {
			return
		}
		if err := write(w, snaps().Timeline()); err != nil {
			log.ErrorContext(r.Context(), "mandates write failed", "err", err)
		}
	})
}
