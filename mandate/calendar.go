package mandate

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// Due is one report an actor owes the Council (or a committee) on a day.
type Due struct {
	Day         string            `json:"day,omitempty"` // ISO day; "" when it cannot be computed (Why)
	Bearer      resgraph.ActorRef `json:"bearer"`
	Symbol      resgraph.Symbol   `json:"symbol"`
	Date        string            `json:"date"` // adoption day of Symbol
	Paragraph   string            `json:"paragraph"`
	ParagraphID string            `json:"paragraphId"`
	Action      string            `json:"action"` // what is asked: "to report every 90 days on ..."
	Rule        string            `json:"rule"`   // the timing as printed: "every 90 days", "by 15 March 2021"
	Recurrence  string            `json:"recurrence,omitempty"`
	N           int               `json:"n,omitempty"`     // the nth report of a recurrence, from 1
	Bound       string            `json:"bound,omitempty"` // last day a recurrence runs to
	BoundBasis  string            `json:"boundBasis,omitempty"`
	Why         string            `json:"why,omitempty"` // why no day could be computed
	Start, End  int               `json:"-"`             // the action's span in its paragraph
}

// reReport is what a report-like request asks for.
var reReport = regexp.MustCompile(`\b(?:report|reports|reporting|brief|briefing|briefings|update|updates|inform|submit|present|presentation|assessment|assessments|review|letter|letters|recommendations|options)\b`)

// reportWords are the stems one of which every reReport match holds.
var reportWords = []string{"report", "brief", "update", "inform", "submit", "present", "assessment", "review", "letter", "recommendation", "option"}

// isReport reports whether an action asks for a report-like delivery.
func isReport(action string) bool {
	if len(action) > 4000 {
		action = action[:4000] // quoted templates run to 200,000 bytes; what is asked is said first
	}
	la := strings.ToLower(action)
	for _, w := range reportWords {
		if strings.Contains(la, w) {
			return reReport.MatchString(la)
		}
	}
	return false
}

// maxRecurring caps the due days listed for one recurrence with no bound.
const maxRecurring = 12

// Calendar returns the reports due from one day to another (ISO, inclusive;
// "" for no limit), of bearer if it is set, in day order; then those whose
// day the texts do not let one compute, with why. Recurrences run from the
// adoption day (or the first day printed) every period, to their bound: an
// end printed with them, else the next renewal of the mandate they were
// asked under, else the end of that mandate; with none, at most 12 are
// listed.
func (t *Timeline) Calendar(docs []*resgraph.Document, from, to string, bearer resgraph.ActorID) (due, undated []Due) {
	type seen struct {
		day, rule, para string
		bearer          resgraph.ActorID
		sym             resgraph.Symbol
	}
	dup := map[seen]bool{}
	again := t.askedAgain(docs)
	for _, d := range docs {
		if d.Kind != resgraph.KindResolution || d.Date == "" {
			continue
		}
		for i := range d.Actions {
			a := &d.Actions[i]
			if a.Kind != resgraph.ActionDirective && a.Kind != resgraph.ActionTask {
				continue
			}
			if a.Addressee == nil && strings.Contains(a.Action, "from the Secretary-General") {
				// "Requests the following reports from the Secretary-General:"
				c := *a
				c.Addressee = &resgraph.ActorRef{ID: "secretary-general", Name: "Secretary-General", Mention: "the Secretary-General", Type: resgraph.ActorUNOfficial}
				a = &c
			}
			if a.Addressee == nil {
				continue
			}
			if bearer != "" && a.Addressee.ID != bearer {
				continue
			}
			if !isReport(a.Action) {
				continue
			}
			dues := t.dues(d, a, again[a])
			if strings.HasPrefix(strings.ToLower(a.Action), "the following") {
				dues = append(dues, t.itemDues(d, a)...) // "Requests the following reports from the Secretary-General: (a) ..."
			}
			for _, x := range dues {
				k := seen{x.Day, x.Rule, x.Paragraph, x.Bearer.ID, x.Symbol}
				if dup[k] {
					continue // two addressees' clauses of one request, or a request restated in one paragraph
				}
				dup[k] = true
				if x.Day == "" {
					if x.Why != "" && (from == "" || d.Date >= AddDuration(from, "-P1Y")) && (to == "" || d.Date <= to) {
						undated = append(undated, x)
					}
					continue
				}
				if (from == "" || x.Day >= from) && (to == "" || x.Day <= to) {
					due = append(due, x)
				}
			}
		}
	}
	slices.SortStableFunc(due, func(a, b Due) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Bearer.ID, b.Bearer.ID), compareSymbols(a.Symbol, b.Symbol))
	})
	return due, undated
}

// askedAgain finds, for each recurring report, the day before a later
// resolution asks the same bearer for the same report again (actions at
// least SameTask alike): the series ends there.
func (t *Timeline) askedAgain(docs []*resgraph.Document) map[*resgraph.Action]string {
	type rec struct {
		a    *resgraph.Action
		date string
	}
	byBearer := map[resgraph.ActorID][]rec{}
	for _, d := range docs {
		if d.Kind != resgraph.KindResolution || d.Date == "" {
			continue
		}
		for i := range d.Actions {
			a := &d.Actions[i]
			if a.Recurrence != "" && a.Addressee != nil && (a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask) {
				byBearer[a.Addressee.ID] = append(byBearer[a.Addressee.ID], rec{a, d.Date})
			}
		}
	}
	out := map[*resgraph.Action]string{}
	for _, rs := range byBearer {
		slices.SortStableFunc(rs, func(x, y rec) int { return cmp.Compare(x.date, y.date) })
		sets := make([]map[string]bool, len(rs))
		for i, r := range rs {
			sets[i] = words(r.a.Action)
		}
		for i, r := range rs {
			for j := i + 1; j < len(rs); j++ {
				if rs[j].date > r.date && dice(sets[i], sets[j]) >= SameTask {
					out[r.a] = prev(rs[j].date)
					break
				}
			}
		}
	}
	return out
}

// dues lists the due days of one report-like action; again, when set, is
// the day before the same report is asked again.
func (t *Timeline) dues(d *resgraph.Document, a *resgraph.Action, again string) []Due {
	base := Due{Bearer: *a.Addressee, Symbol: d.Symbol, Date: d.Date, Paragraph: a.Paragraph, ParagraphID: a.ParagraphID,
		Action: a.Action, Rule: strings.TrimSpace(strings.Join(nonEmpty(a.Deadline, recurrenceText(d, a)), "; ")),
		Recurrence: a.Recurrence, Start: a.Start, End: a.End}
	if a.Item != "" {
		base.Paragraph += " " + a.Item
	}
	if a.Recurrence == "" {
		// "a mid-term update no later than 28 July 2020, and a final report
		// no later than 28 January 2021": each day printed is one report.
		if days, rules := printedDays(a.Action); len(days) > 1 {
			var out []Due
			for k, day := range days {
				x := base
				x.Day, x.Rule = day, rules[k]
				out = append(out, x)
			}
			return out
		}
		switch {
		case a.DeadlineDate != "":
			base.Day = a.DeadlineDate
		case a.Deadline != "":
			base.Why = "the deadline \"" + a.Deadline + "\" names no day or period the text dates"
		default:
			return nil // no timing: "keep the Council informed"
		}
		return []Due{base}
	}
	start := d.Date
	first := ""
	if a.DeadlineDate != "" && a.DeadlineDate > d.Date {
		first = a.DeadlineDate // "the first report by 15 February 2023, then every 120 days"
	}
	bound, basis := a.Until, "until"
	if bound == "" {
		bound, basis = t.renewalBound(d)
	}
	if again != "" && (bound == "" || again < bound) {
		bound, basis = again, "asked again"
	}
	if bound == "" {
		basis = ""
	}
	base.Bound, base.BoundBasis = bound, basis
	var out []Due
	day := first
	if day == "" {
		day = AddDuration(start, a.Recurrence)
	}
	if day == "" {
		base.Why = "the recurrence " + a.Recurrence + " cannot be added to " + start
		return []Due{base}
	}
	anchor, n := day, 0
	for len(out) < maxRecurring*8 {
		if bound != "" && day > bound {
			break
		}
		if bound == "" && len(out) == maxRecurring {
			break
		}
		x := base
		x.Day, x.N = day, len(out)+1
		out = append(out, x)
		n++
		day = addN(anchor, a.Recurrence, n)
	}
	return out
}

var reDueDay = regexp.MustCompile(`(?i)\b(?:by|no later than|not later than|before|due on|due by) (?:the )?(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? (\d{4})\b`)

var reAndDay = regexp.MustCompile(`(?i)\d{4},? and (\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? (\d{4})\b`)

var monthNumbers = map[string]string{"january": "01", "february": "02", "march": "03", "april": "04", "may": "05", "june": "06",
	"july": "07", "august": "08", "september": "09", "october": "10", "november": "11", "december": "12"}

// printedDays returns the distinct due days printed in s, in text order,
// with the words that give each.
func printedDays(s string) (days, rules []string) {
	matches := reDueDay.FindAllStringSubmatch(s, -1)
	if len(matches) > 0 {
		// "by 6 July 2026 and 4 January 2027 respectively"
		matches = append(matches, reAndDay.FindAllStringSubmatch(s, -1)...)
	}
	for _, m := range matches {
		d := m[1]
		if len(d) == 1 {
			d = "0" + d
		}
		day := m[3] + "-" + monthNumbers[strings.ToLower(m[2])] + "-" + d
		if !slices.Contains(days, day) {
			days, rules = append(days, day), append(rules, m[0])
		}
	}
	return days, rules
}

// addN adds n times dur to day, from the anchor so that month ends do not
// drift (31 January, 30 April, 31 July ...).
func addN(day, dur string, n int) string {
	if len(dur) < 3 {
		return ""
	}
	unit := dur[len(dur)-1]
	k := 0
	for _, c := range dur[1 : len(dur)-1] {
		k = 10*k + int(c-'0')
	}
	return AddDuration(day, "P"+itoa(k*n)+string(unit))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// reEvery is a recurrence in an item's text: "every 120 days thereafter".
var reEvery = regexp.MustCompile(`(?i)\bevery (\d+|two|three|four|six|twelve) (days|months)\b`)

var smallNumbers = map[string]int{"two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12}

// itemDues reads the sub-items of a "the following reports" chapeau: each
// item's printed days, and a recurrence that runs from its first day ("the
// first report due by 15 February 2023, and every 120 days thereafter").
func (t *Timeline) itemDues(d *resgraph.Document, a *resgraph.Action) []Due {
	var out []Due
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if !strings.HasPrefix(p.ID, a.ParagraphID+"(") {
			continue
		}
		days, rules := printedDays(p.Text)
		if len(days) == 0 {
			continue
		}
		base := Due{Bearer: *a.Addressee, Symbol: d.Symbol, Date: d.Date, Paragraph: a.Paragraph + " " + p.Item, ParagraphID: p.ID, Action: p.Text}
		m := reEvery.FindStringSubmatch(p.Text)
		if m == nil {
			for k, day := range days {
				x := base
				x.Day, x.Rule = day, rules[k]
				out = append(out, x)
			}
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = smallNumbers[strings.ToLower(m[1])]
		}
		dur := "P" + itoa(n) + strings.ToUpper(m[2][:1])
		bound, basis := t.renewalBound(d)
		base.Recurrence, base.Rule, base.Bound, base.BoundBasis = dur, rules[0]+"; "+m[0], bound, basis
		for k := 0; k < maxRecurring; k++ {
			day := addN(days[0], dur, k)
			if bound != "" && day > bound {
				break
			}
			x := base
			x.Day, x.N = day, k+1
			out = append(out, x)
		}
	}
	return out
}

// renewalBound is how long reports asked in d run: to the day before the
// next renewal of the mandate d renews, else to the end d gives it.
func (t *Timeline) renewalBound(d *resgraph.Document) (string, string) {
	for _, e := range d.Events {
		if e.Type != resgraph.EventExtend && e.Type != resgraph.EventEstablish {
			continue
		}
		for _, x := range t.docs[e.Mandate.ID] {
			if x.date > d.Date && x.renew {
				return prev(x.date), "renewal"
			}
		}
		if m := t.byID[e.Mandate.ID]; m != nil {
			for _, p := range m.Periods {
				if p.Symbol == d.Symbol && p.Until != "" {
					return p.Until, "mandate period"
				}
			}
		}
	}
	return "", ""
}

// recurrenceText is the recurrence as the paragraph prints it.
func recurrenceText(d *resgraph.Document, a *resgraph.Action) string {
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if p.ID != a.ParagraphID {
			continue
		}
		for _, m := range a.Marks {
			if m.Role == "recurrence" && m.Start >= 0 && m.Start < m.End && m.End <= len(p.Text) {
				return p.Text[m.Start:m.End]
			}
		}
	}
	return a.Recurrence
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
