package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// leadPhrase returns the leading phrase of a paragraph as printed, adverbs
// included: "Recalling", "Bearing in mind", "Calls upon", "Further requests",
// "Condemning strongly", "Reiterates its demand", "Expresses its deep
// concern", "Deeply concerned". It returns "" when the paragraph does not
// open with a Council lead verb, leadING or adjective ("The Security
// Council,", a sub-item's "To contribute ...").
//
// The phrase is built from tables: adverbs that may precede or follow the
// verb, the verbs themselves (third person and leadING forms generated
// from a base), and per-verb complements ("upon", "note", "in mind",
// "its demand"). Whitespace inside the phrase is collapsed to single spaces.
func leadPhrase(text string) string {
	ws := leadWords(text, 14)
	if len(ws) == 0 {
		return ""
	}
	n := matchLead(ws)
	if n == 0 {
		return ""
	}
	return strings.Join(strings.Fields(text[ws[0].start:ws[n-1].end]), " ")
}

// leadWord is one word of a paragraph's opening, with whether punctuation
// (a comma, colon...) follows it and so ends the phrase.
type leadWord struct {
	text       string
	lower      string
	stop       bool
	start, end int // byte offsets in the paragraph text
}

// leadWords splits the first max words of text. A word is a run of letters,
// digits, hyphens and apostrophes; anything else ends the word, and
// punctuation other than spaces marks it as a stop.
func leadWords(text string, max int) []leadWord {
	var out []leadWord
	i := 0
	for len(out) < max {
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i >= len(text) {
			break
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’') {
				break
			}
			j += size
		}
		if j == i { // punctuation where a word should be
			break
		}
		w := leadWord{text: text[i:j], lower: strings.Map(leadFold, strings.ToLower(text[i:j]))}
		if j < len(text) {
			r, _ := utf8.DecodeRuneInString(text[j:])
			w.stop = !unicode.IsSpace(r)
		}
		w.start, w.end = i, j
		out = append(out, w)
		// Punctuation ends the word; skip it so an introductory phrase
		// ("In this regard, calls upon") can be read past its comma.
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			j += size
		}
		i = j
	}
	return out
}

// leadFold maps Cyrillic letters that look Latin, which copy-pasted UN texts
// sometimes carry ("Сalls upon" with a Cyrillic С), to their Latin twins.
func leadFold(r rune) rune {
	switch r {
	case 'а':
		return 'a'
	case 'с':
		return 'c'
	case 'е':
		return 'e'
	case 'о':
		return 'o'
	case 'р':
		return 'p'
	case 'х':
		return 'x'
	case 'у':
		return 'y'
	case 'і':
		return 'i'
	}
	return r
}

// leadIntros are introductory phrases a lead may carry before its verb:
// "In this regard, calls upon".
var leadIntros = [][]string{{"in", "this", "regard"}, {"in", "that", "regard"}, {"in", "this", "context"},
	{"in", "this", "respect"}, {"to", "this", "end"}, {"to", "that", "end"}, {"in", "particular"}}

// matchLead returns how many of ws make the lead phrase, or 0.
func matchLead(ws []leadWord) int {
	for _, intro := range leadIntros {
		if len(ws) > len(intro) && ws[len(intro)-1].stop && ws[len(intro)-1].text[len(ws[len(intro)-1].text)-1] != ':' {
			ok := true
			for k, w := range intro {
				if ws[k].lower != w || (k < len(intro)-1 && ws[k].stop) {
					ok = false
					break
				}
			}
			if ok {
				if n := matchVerbLead(ws[len(intro):]); n > 0 {
					return len(intro) + n
				}
			}
		}
	}
	return matchVerbLead(ws)
}

// matchVerbLead matches a lead that opens with an adverb or the verb.
func matchVerbLead(ws []leadWord) int {
	i := 0
	// Adverbs before the verb: "Further requests", "Strongly condemns",
	// "Also recalling", "Once again calls upon".
	for i < len(ws) {
		if k := leadAdverbAt(ws, i); k > 0 && !ws[i+k-1].stop && i+k < len(ws) {
			i += k
			continue
		}
		break
	}
	// "Being appalled", "Being concerned".
	if i < len(ws)-1 && ws[i].lower == "being" && leadAdjectives[ws[i+1].lower] {
		i++
	}
	w := ws[i].lower
	base, ok := leadVerbForms[w]
	switch {
	case ok:
	case leadAdjectives[w]:
		base = w
	case i > 0 && strings.HasSuffix(w, "ing") && len(w) > 5 && leadUpperStart(ws[0].text):
		// An unknown leadING after an adverb: "Further deploring".
		base = w
	default:
		return 0
	}
	i++
	i = leadComplement(ws, i, base)
	// A coordinated verb: "Welcomes and encourages", "Recalling and
	// reaffirming", "Deplores and condemns".
	if i+1 < len(ws) && !ws[i-1].stop && ws[i].lower == "and" {
		j := i + 1
		for j < len(ws) {
			if k := leadAdverbAt(ws, j); k > 0 && j+k < len(ws) {
				j += k
				continue
			}
			break
		}
		if j < len(ws) {
			if b2, ok := leadVerbForms[ws[j].lower]; ok && leadSameForm(w, ws[j].lower) {
				i = leadComplement(ws, j+1, b2)
			}
		}
	}
	return i
}

// leadComplement extends a lead ending before ws[i] (verb base) with its fixed
// leadComplement and trailing adverbs, and returns the new end.
func leadComplement(ws []leadWord, i int, base string) int {
	post := func(i int) int {
		for i < len(ws) && !ws[i-1].stop {
			k := leadAdverbAt(ws, i)
			if k == 0 || !leadPostAdverbs[strings.Join(leadLowers(ws[i:i+k]), " ")] {
				break
			}
			i += k
		}
		return i
	}
	i = post(i)
	if i >= len(ws) || ws[i-1].stop {
		return i
	}
	at := func(j int, words ...string) bool {
		if j+len(words) > len(ws) {
			return false
		}
		for k, w := range words {
			if ws[j+k].lower != w || (k < len(words)-1 && ws[j+k].stop) {
				return false
			}
		}
		return true
	}
	switch base {
	case "call", "renew":
		if base == "renew" {
			if at(i, "its", "call") || at(i, "its", "calls") {
				i += 2
			} else {
				break
			}
		}
		i = post(i)
		for _, p := range []string{"upon", "on", "for"} {
			if i < len(ws) && !ws[i-1].stop && at(i, p) {
				i++
				break
			}
		}
	case "take":
		switch {
		case at(i, "note"):
			i++
		case at(i, "into", "account"), at(i, "into", "consideration"):
			i += 2
		case i+1 < len(ws) && at(i+1, "note") && (leadNoteAdj[ws[i].lower]):
			i += 2
		default:
			return i
		}
		i = leadWith(ws, post(i))
	case "note":
		i = leadWith(ws, i)
	case "bear":
		if at(i, "in", "mind") {
			i += 2
		}
	case "pay":
		if at(i, "tribute") || at(i, "homage") {
			i++
		}
	case "look":
		if at(i, "forward") {
			i++
		}
	case "have":
		if i < len(ws) && !ws[i-1].stop {
			if _, ok := leadVerbForms[ws[i].lower]; ok || leadParticiples[ws[i].lower] {
				i++
				if ws[i-1].lower == "taken" && at(i, "note") {
					i++
				}
				if ws[i-1].lower == "regard" || ws[i-1].lower == "heard" {
					return i
				}
			}
		}
	case "express", "reiterate", "reaffirm", "recall", "give":
		i = leadConcern(ws, i, base)
	case "remain":
		j := i
		for j < len(ws) && !ws[j-1].stop && leadDegree[ws[j].lower] {
			j++
		}
		if j < len(ws) && !ws[j-1].stop && (leadAdjectives[ws[j].lower] || ws[j].lower == "seized") {
			i = j + 1
		}
	case "continue":
		if at(i, "to") && i+1 < len(ws) && !ws[i].stop {
			if _, ok := leadBases[ws[i+1].lower]; ok {
				i += 2
			}
		}
	}
	return post(i)
}

// leadWith takes "with concern", "with deep concern", "with appreciation"
// after "Noting" / "Taking note".
func leadWith(ws []leadWord, i int) int {
	if i >= len(ws) || ws[i-1].stop || ws[i].lower != "with" {
		return i
	}
	j := i + 1
	for j < len(ws) && !ws[j-1].stop && leadDegree[ws[j].lower] {
		j++
	}
	if j < len(ws) && !ws[j-1].stop && leadNouns[ws[j].lower] {
		return j + 1
	}
	return i
}

// leadConcern takes the object of "Expresses its deep concern",
// "Expressing grave concern", "Reiterates its demand", "Reaffirms its
// decision".
func leadConcern(ws []leadWord, i int, base string) int {
	j := i
	its := j < len(ws) && !ws[j-1].stop && ws[j].lower == "its"
	if its {
		j++
	} else if base != "express" || base == "give" {
		return i // "Reiterating that", "Recalling its resolutions" stay short
	}
	for j < len(ws) && !ws[j-1].stop && (leadDegree[ws[j].lower] || ws[j].lower == "and") {
		j++
	}
	if j >= len(ws) || ws[j-1].stop {
		return i
	}
	nouns := leadNouns
	switch base {
	case "reiterate":
		nouns = leadReiterated
	case "reaffirm", "recall":
		nouns = leadRecalled
	case "give":
		nouns = leadSet("support", "backing", "endorsement", "approval")
	}
	if !nouns[ws[j].lower] {
		return i
	}
	if ws[j-1].lower == "and" {
		return i
	}
	return j + 1
}

// leadAdverbAt returns the number of words of an adverb (or adverbial phrase)
// starting at ws[i], or 0.
func leadAdverbAt(ws []leadWord, i int) int {
	if i >= len(ws) {
		return 0
	}
	if i+1 < len(ws) && !ws[i].stop {
		two := ws[i].lower + " " + ws[i+1].lower
		if leadAdverbs2[two] {
			return 2
		}
	}
	if leadAdverbs[ws[i].lower] {
		return 1
	}
	return 0
}

func leadLowers(ws []leadWord) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.lower
	}
	return out
}

func leadUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// leadSameForm tells whether two verb forms agree (both participles or both
// third person), so "Welcomes and encourages" coordinates but "Notes and
// taking" does not.
func leadSameForm(a, b string) bool {
	return strings.HasSuffix(a, "ing") == strings.HasSuffix(b, "ing")
}

var (
	leadAdverbs = leadSet("further", "also", "strongly", "again", "deeply", "gravely", "firmly", "fully",
		"urgently", "unequivocally", "seriously", "once", "particularly", "especially", "resolutely",
		"vigorously", "emphatically", "categorically", "unreservedly", "profoundly", "greatly", "anew",
		"specifically", "moreover", "furthermore", "similarly", "likewise", "accordingly", "hereby",
		"solemnly", "earnestly", "additionally", "sincerely", "warmly", "cordially", "repeatedly", "equally", "consequently",
		"therefore", "finally", "still", "now", "in", "while", "whilst")
	leadAdverbs2 = leadSet("once again", "once more", "in particular", "as well", "in addition",
		"in this regard", "in this context")
	// leadPostAdverbs may follow the verb and stay in the phrase.
	leadPostAdverbs = leadSet("further", "also", "strongly", "again", "once again", "anew", "specifically",
		"firmly", "unequivocally", "urgently", "in particular", "once more", "resolutely",
		"vigorously", "categorically", "unreservedly", "emphatically", "fully", "too")
	// leadDegree qualifies a noun or adjective: "deep concern", "seriously concerned".
	leadDegree = leadSet("deep", "grave", "serious", "strong", "full", "continued", "great", "utmost",
		"particular", "sincere", "profound", "firm", "strongest", "deepest", "gravest", "growing",
		"increasing", "renewed", "continuing", "further", "unwavering", "steadfast", "serious",
		"urgent", "heartfelt", "warm", "sincerest", "outmost", "extreme", "strongly", "deeply",
		"gravely", "seriously", "greatly", "most", "highly", "very", "fully", "keenly", "acutely",
		"again", "still", "also", "further", "profoundly", "particularly", "increasingly",
		"firmly", "actively", "now", "once", "positive", "due", "special", "high", "considerable",
		"unequivocal")
	leadNoteAdj = leadSet("due", "full", "further", "positive", "careful", "good", "special", "particular")
	// leadNouns are what the Council expresses or notes with.
	leadNouns = leadSet("concern", "concerns", "appreciation", "intention", "readiness", "determination",
		"support", "gratitude", "alarm", "outrage", "satisfaction", "regret", "willingness", "condolences",
		"sympathy", "hope", "intent", "commitment", "conviction", "shock", "dismay", "view", "belief",
		"expectation", "wish", "desire", "interest", "approval", "thanks", "condemnation", "indignation",
		"disappointment", "frustration", "solidarity", "confidence", "recognition", "admiration",
		"anxiety", "distress", "apprehension", "preoccupation", "consternation", "sorrow", "grief",
		"endorsement", "agreement", "resolve", "opinion")
	// leadReiterated are what the Council reiterates, reaffirms or recalls "its ...".
	leadReiterated = leadSet("demand", "demands", "call", "calls", "request", "requests", "concern",
		"concerns", "condemnation", "appreciation", "support", "endorsement", "commitment", "intention",
		"readiness", "decision", "decisions", "determination", "alarm", "distress", "position",
		"expectation", "insistence", "appeal", "encouragement", "gratitude", "willingness", "opposition",
		"deep", "serious", "grave", "full")
	// leadRecalled are what the Council reaffirms or recalls "its ...".
	leadRecalled    = leadSet("demand", "demands", "decision", "decisions", "call", "calls", "request", "requests")
	leadParticiples = leadSet("considered", "examined", "reviewed", "heard", "taken", "regard", "decided",
		"received", "noted", "studied", "conducted", "learned", "learnt", "discussed", "met", "adopted",
		"concluded", "endorsed", "completed", "reached", "determined", "welcomed", "listened", "also",
		"further", "carefully", "thoroughly", "duly")
	leadAdjectives = leadSet("concerned", "mindful", "aware", "conscious", "convinced", "determined",
		"alarmed", "disturbed", "appalled", "shocked", "guided", "resolved", "desirous", "anxious",
		"satisfied", "distressed", "encouraged", "gratified", "cognizant", "cognisant", "committed",
		"grieved", "dismayed", "outraged", "saddened", "troubled", "confident", "pleased", "willing",
		"keen", "eager", "ready", "seized", "deeply", "profoundly", "heartened", "reassured",
		"persuaded", "conscientious", "sensible", "apprehensive", "perturbed", "preoccupied",
		"indignant", "horrified", "regretful", "hopeful", "resolute", "supportive",
		"inspired", "moved", "animated", "impressed", "noting", "whereas")
)

// leadBaseVerbs are the Council's lead verbs as bases; leadVerbForms maps
// their third-person and leadING forms (and the bases) back to the base.
var leadBaseVerbs = []string{
	"accept", "acknowledge", "act", "adopt", "affirm", "agree", "appeal", "applaud", "appoint",
	"appreciate", "approve", "ask", "assure", "authorize", "authorise", "bear", "believe", "call",
	"caution", "clarify", "commend", "commit", "concur", "condemn", "confirm", "congratulate", "consider",
	"continue", "convey", "count", "decide", "declare", "decry", "demand", "denounce", "deplore",
	"designate", "determine", "direct", "dismiss", "draw", "echo", "emphasize", "emphasise", "encourage",
	"endorse", "ensure", "establish", "exhort", "expect", "express", "extend", "extol", "forward",
	"have", "highlight", "honour", "honor", "implore", "insist", "instruct", "invite", "issue",
	"look", "maintain", "note", "notice", "observe", "pay", "pledge", "praise", "proclaim", "reaffirm",
	"re-emphasize", "re-emphasise", "recall", "receive", "recognize", "recognise", "recommend",
	"reconfirm", "refer", "regret", "reiterate", "reject", "remain", "remind", "renew", "request",
	"require", "resolve", "respond", "salute", "share", "stress", "submit", "support", "take", "thank",
	"transmit", "underline", "underscore", "undertake", "urge", "warn", "welcome", "wish", "deem",
	"elect", "entrust", "extend", "hail", "instruct", "mandate", "reject", "reaffirm",
	"acclaim", "adjourn", "agree", "allow", "anticipate", "approve", "assume", "await", "cease",
	"censure", "charge", "choose", "convoke", "deprecate", "desire", "dissolve", "emphasize",
	"empower", "enjoin", "envisage", "exclude", "expand", "find", "fix", "hold",
	"impose", "inform", "instruct", "intend", "keep", "lift", "nominate", "oppose", "order",
	"permit", "postpone", "prolong", "propose", "reassert", "recommend", "record", "reinforce",
	"reinstate", "release", "report", "rescind", "resume", "retain", "review", "seize",
	"set", "stand", "suggest", "suspend", "terminate", "transfer", "trust", "uphold",
	"accede", "add", "admit", "advise", "alert", "appreciate", "attach", "beseech", "call",
	"guide", "reiterate", "restate", "reconsider", "reassure", "rule", "specify", "state",
	"signal", "assert", "understand", "revise", "indicate", "give", "announce", "reemphasize", "reemphasise",
	"conclude", "pronounce", "stipulate", "reject", "recommit", "encourage", "invite", "acknowledge",
}

// irregular participles (doubled consonants and the like).
var leadIrregularING = map[string]string{
	"commit": "committing", "regret": "regretting", "submit": "submitting", "transmit": "transmitting",
	"permit": "permitting", "refer": "referring", "admit": "admitting", "set": "setting",
	"concur": "concurring", "omit": "omitting",
}

var (
	leadVerbForms = map[string]string{}
	leadBases     = map[string]bool{}
)

func init() {
	for _, b := range leadBaseVerbs {
		leadBases[b] = true
		leadVerbForms[b] = b
		leadVerbForms[leadThird(b)] = b
		leadVerbForms[leadING(b)] = b
	}
	leadVerbForms["has"] = "have"
	leadVerbForms["having"] = "have"
}

func leadThird(b string) string {
	switch {
	case b == "have":
		return "has"
	case strings.HasSuffix(b, "s"), strings.HasSuffix(b, "sh"), strings.HasSuffix(b, "ch"),
		strings.HasSuffix(b, "x"), strings.HasSuffix(b, "z"), strings.HasSuffix(b, "o"):
		return b + "es"
	case strings.HasSuffix(b, "y") && len(b) > 1 && !strings.ContainsRune("aeiou", rune(b[len(b)-2])):
		return b[:len(b)-1] + "ies"
	}
	return b + "s"
}

func leadING(b string) string {
	if p, ok := leadIrregularING[b]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(b, "ee"), strings.HasSuffix(b, "ye"), strings.HasSuffix(b, "oe"):
		return b + "ing"
	case strings.HasSuffix(b, "ie"):
		return b[:len(b)-2] + "ying"
	case strings.HasSuffix(b, "e"):
		return b[:len(b)-1] + "ing"
	}
	return b + "ing"
}

func leadSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
