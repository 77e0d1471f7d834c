package loader

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Patterns for the parts of an action clause, in lower case and anchored:
// each is tried only where one of its cue words occurs (see scanCues), on a
// lower-cased copy of the clause, so no pattern scans a whole paragraph.
var (
	reDeadline = regexp.MustCompile(`^(?:(?:within|no later than|not later than) (?:(?:the )?(?:next )?)?(\d+|[a-z]+(?:-[a-z]+)?) (days?|weeks?|months?|years?)(?: (?:of|from|after) (?:the )?(?:date of )?(?:the )?(adoption of this resolution|adoption|this resolution))?` +
		`|(?:by|no later than|not later than|before) (?:the end of )?(?:(\d{1,2}) )?(january|february|march|april|may|june|july|august|september|october|november|december)(?: (\d{4}))?` +
		`|(?:by|no later than|not later than|before) the end of (\d{4})` +
		`|as soon as (?:technically |practically |reasonably )?(?:possible|practicable|feasible)|without (?:further )?delay|at the earliest (?:possible )?(?:opportunity|date)|forthwith|immediately)`)
	deadlineCues = []string{"within ", "by ", "no later than ", "not later than ", "before ", "as soon as ", "without ", "at the earliest", "forthwith", "immediately"}
	reRecurrence = regexp.MustCompile(`^(?:every (\d+|[a-z]+(?:-[a-z]+)?) (days?|weeks?|months?|years?)|every (day|week|month|year)` +
		`|on an? (monthly|quarterly|annual|yearly|weekly|biannual|semi-annual|bi-annual|biennial) basis|(twice|once|three times) (?:a|per|each) (year|month)` +
		`|every other (day|week|month|year)|(six|three|twelve)-monthly\b` +
		`|(monthly|quarterly|annually|yearly|weekly|biannually|semi-annually|bi-annually|annual|biannual|semi-annual|bi-annual)\b)`)
	recurrenceCues = []string{"every ", "on a ", "on an ", "twice ", "once ", "three times ", "monthly", "quarterly", "annually", "yearly", "weekly",
		"biannually", "semi-annually", "bi-annually", "annual", "biannual", "semi-annual", "bi-annual", "six-monthly", "three-monthly", "twelve-monthly"}
	reDuration = regexp.MustCompile(`^(?:for (?:an? )?(?:initial |further |additional |new )?(?:period of )?(?:(?:up to|a further) )?(\d+|[a-z]+(?:-[a-z]+)?) (days?|weeks?|months?|years?)(?: period)?` +
		`|until (?:(\d{1,2}) )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{4}))`)
	durationCues = []string{"for ", "until "}
	// A condition is only what "if", "unless", "provided that", "on condition
	// that" and "subject to" introduce: "upon the request of", "as and when
	// requested", "once" are circumstances of the action, not conditions.
	reCondition = regexp.MustCompile(`^(?:if (?:necessary|requested|appropriate|needed|so requested|required)[^,;]*` +
		`|provided (?:that )?[^;]*|unless [^,;]*|on condition that [^,;]*|subject to [^,;]*)`)
	// a bare "if ..." counts only at a clause boundary (", if the ...")
	reConditionLoose = regexp.MustCompile(`^(?:if [^,;]+)`)
	conditionCues    = []string{"if ", "provided ", "unless ", "on condition", "subject to "}
)

// detailsLower lower-cases ASCII letters only, so byte offsets are kept.
func detailsLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// scanCues tries re at every word-initial occurrence of a cue in ls, in
// text order, and returns the first match's submatch indexes (offsets in
// ls). boundary, when set, says whether a match at i is allowed.
func scanCues(ls string, cues []string, re *regexp.Regexp, boundary func(i int) bool) []int {
	best := -1
	var bestM []int
	for _, cue := range cues {
		from := 0
		for {
			k := strings.Index(ls[from:], cue)
			if k < 0 {
				break
			}
			i := from + k
			from = i + 1
			if best >= 0 && i >= best {
				break
			}
			if i > 0 && isLowerAlnum(ls[i-1]) {
				continue
			}
			if boundary != nil && !boundary(i) {
				continue
			}
			end := min(len(ls), i+300)
			m := re.FindStringSubmatchIndex(ls[i:end])
			if m == nil {
				continue
			}
			for j := range m {
				if m[j] >= 0 {
					m[j] += i
				}
			}
			best, bestM = i, m
			break
		}
	}
	return bestM
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18,
	"twenty": 20, "twenty-four": 24, "thirty": 30, "forty-five": 45, "forty": 40, "sixty": 60, "ninety": 90,
	"a": 1, "an": 1, "hundred": 100, "one-hundred-and-twenty": 120, "one hundred and twenty": 120,
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
}

func parseCount(s string) (int, bool) {
	s = strings.ToLower(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	n, ok := numberWords[s]
	return n, ok
}

// isoDuration returns "P90D", "P6M", "P1Y", "P2W" for a count and unit.
func isoDuration(n int, unit string) string {
	u := strings.ToLower(unit)
	switch {
	case strings.HasPrefix(u, "day"):
		return fmt.Sprintf("P%dD", n)
	case strings.HasPrefix(u, "week"):
		return fmt.Sprintf("P%dW", n)
	case strings.HasPrefix(u, "month"):
		return fmt.Sprintf("P%dM", n)
	case strings.HasPrefix(u, "year"):
		return fmt.Sprintf("P%dY", n)
	}
	return ""
}

// details are the parts found in a clause: each as printed with its byte
// span in the clause text.
type details struct {
	deadline, deadlineDate string
	deadlineSpan           [2]int
	recurrence             string
	recurrenceSpan         [2]int
	duration, until        string
	durationSpan           [2]int
	condition              string
	conditionSpan          [2]int
}

// findDetails scans s (a clause's action text) for deadline, recurrence,
// duration and condition. docDate (ISO) anchors relative deadlines.
func findDetails(s, docDate string) details {
	var d details
	ls := detailsLower(s)
	if m := scanCues(ls, deadlineCues, reDeadline, nil); m != nil {
		d.deadline = s[m[0]:m[1]]
		d.deadlineSpan = [2]int{m[0], m[1]}
		d.deadlineDate = deadlineDate(s, m, docDate)
	}
	if m := scanCues(ls, recurrenceCues, reRecurrence, nil); m != nil {
		d.recurrence = recurrenceISO(ls, m)
		if d.recurrence != "" {
			d.recurrenceSpan = [2]int{m[0], m[1]}
		}
	}
	if m := scanCues(ls, durationCues, reDuration, nil); m != nil {
		d.duration = s[m[0]:m[1]]
		d.durationSpan = [2]int{m[0], m[1]}
		if m[8] >= 0 { // until DATE
			day := ""
			if m[6] >= 0 {
				day = s[m[6]:m[7]]
			}
			d.until = isoDay(day, s[m[8]:m[9]], s[m[10]:m[11]])
		} else if n, ok := parseCount(s[m[2]:m[3]]); ok && docDate != "" {
			if t, err := time.Parse("2006-01-02", docDate); err == nil {
				d.until = addPeriod(t, n, ls[m[4]:m[5]]).Format("2006-01-02")
			}
		}
	}
	m := scanCues(ls, conditionCues, reCondition, nil)
	if m == nil {
		m = scanCues(ls, conditionCues, reConditionLoose, func(i int) bool {
			return i == 0 || strings.HasSuffix(ls[:i], ", ") || strings.HasSuffix(ls[:i], " and ") || strings.HasSuffix(ls[:i], " or ")
		})
	}
	if m != nil {
		cs, ce := m[0], m[1]
		txt := strings.TrimRight(s[cs:ce], " ")
		if len(txt) > 200 {
			txt = txt[:200]
			if k := strings.LastIndexByte(txt, ' '); k > 0 {
				txt = txt[:k]
			}
		}
		d.condition = txt
		d.conditionSpan = [2]int{cs, cs + len(txt)}
	}
	return d
}

// addPeriod adds n units ("days", "months") to t.
func addPeriod(t time.Time, n int, unit string) time.Time {
	switch {
	case strings.HasPrefix(unit, "day"):
		return t.AddDate(0, 0, n)
	case strings.HasPrefix(unit, "week"):
		return t.AddDate(0, 0, 7*n)
	case strings.HasPrefix(unit, "month"):
		return t.AddDate(0, n, 0)
	case strings.HasPrefix(unit, "year"):
		return t.AddDate(n, 0, 0)
	}
	return t
}

func recurrenceISO(s string, m []int) string {
	g := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return strings.ToLower(s[m[2*k]:m[2*k+1]])
	}
	switch {
	case g(1) != "":
		if n, ok := parseCount(g(1)); ok {
			return isoDuration(n, g(2))
		}
	case g(3) != "":
		return isoDuration(1, g(3))
	case g(4) != "":
		return adverbPeriod(g(4))
	case g(5) != "":
		n := map[string]int{"once": 1, "twice": 2, "three times": 3}[g(5)]
		if g(6) == "year" {
			return map[int]string{1: "P1Y", 2: "P6M", 3: "P4M"}[n]
		}
		return map[int]string{1: "P1M", 2: "P15D"}[n]
	case g(7) != "": // every other month
		return isoDuration(2, g(7))
	case g(8) != "": // six-monthly
		return map[string]string{"six": "P6M", "three": "P3M", "twelve": "P1Y"}[g(8)]
	case g(9) != "":
		return adverbPeriod(g(9))
	}
	return ""
}

func adverbPeriod(w string) string {
	switch strings.TrimSuffix(strings.TrimSuffix(w, "ly"), "l") {
	case "month":
		return "P1M"
	case "quarter":
		return "P3M"
	case "annua", "year", "annual":
		return "P1Y"
	case "week":
		return "P1W"
	case "biannua", "semi-annua", "bi-annua", "biannual", "semi-annual", "bi-annual":
		return "P6M"
	case "biennia", "biennial":
		return "P2Y"
	}
	return ""
}

// deadlineDate computes the ISO day of a deadline match where it can.
func deadlineDate(s string, m []int, docDate string) string {
	g := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return s[m[2*k]:m[2*k+1]]
	}
	base, err := time.Parse("2006-01-02", docDate)
	switch {
	case g(1) != "":
		n, ok := parseCount(g(1))
		if !ok || err != nil || (g(3) == "" && !strings.Contains(strings.ToLower(s[m[0]:m[1]]), "adoption")) {
			if ok && err == nil && g(3) == "" {
				// "within 30 days" with no anchor: from the document's date
			} else {
				return ""
			}
		}
		base = addPeriod(base, n, strings.ToLower(g(2)))
		return base.Format("2006-01-02")
	case g(5) != "":
		day, year := g(4), g(6)
		if year == "" {
			if err != nil {
				return ""
			}
			// "by 31 March": the next such day after the document's date
			y := base.Year()
			mo := months[strings.ToLower(g(5))]
			dd := 1
			if day != "" {
				dd, _ = strconv.Atoi(day)
			}
			if time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC).Before(base) {
				y++
			}
			year = strconv.Itoa(y)
		}
		return isoDay(day, g(5), year)
	case g(7) != "":
		return g(7) + "-12-31"
	}
	return ""
}

// isoDay returns the ISO day of "15 January 2013"; with no day, the last
// day of the month ("by April 2013" is read as the end of April).
func isoDay(day, month, year string) string {
	mo, ok := months[strings.ToLower(month)]
	y, err := strconv.Atoi(year)
	if !ok || err != nil {
		return ""
	}
	if day == "" {
		return time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	d, err := strconv.Atoi(day)
	if err != nil || d < 1 || d > 31 {
		return ""
	}
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}
