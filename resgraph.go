// Package resgraph holds the domain of Resgraph: Security Council documents,
// their paragraphs, the actions they impose (directives, tasks, stances), the
// documents they cite, and the actors they address.
//
// Every other package adapts these types to one job: loader reads texts into
// them, store keeps them in Cayley, query indexes them for questions, graph
// serves them over GraphQL, export writes them for network tools.
//
// The JSON field names are a contract used by outside tools (`resgraph
// extract -format json`, the gold scorer); change them only with care.
package resgraph

// Symbol is a UN document symbol in its normalized form:
// "S/RES/2085 (2012)", "S/2012/946", "S/PRST/2012/7", "A/RES/58/82".
type Symbol string

// DocKind says what kind of Council document a Document is.
type DocKind string

// Document kinds.
const (
	KindResolution            DocKind = "resolution"
	KindDraftResolution       DocKind = "draft resolution"
	KindPresidentialStatement DocKind = "presidential statement"
)

// DocStatus says whether a document's text was adopted.
type DocStatus string

// Document statuses.
const (
	StatusAdopted    DocStatus = "adopted"     // a resolution or presidential statement
	StatusDraft      DocStatus = "draft"       // a draft resolution (adopted later, or not known to have failed)
	StatusNotAdopted DocStatus = "not adopted" // a draft put to the vote and not adopted
)

// DefaultStatus is the status of a document of kind k when its source says
// nothing more.
func DefaultStatus(k DocKind) DocStatus {
	if k == KindDraftResolution {
		return StatusDraft
	}
	return StatusAdopted
}

// Format is the format a document was read from, detected from its content.
type Format string

// Source formats.
const (
	FormatAKN  Format = "akn"  // Akoma Ntoso XML (AKN4UN)
	FormatText Format = "text" // plain text: pdftotext output or hand-corrected texts
)

// Document is one Security Council document as read from one source file.
type Document struct {
	Symbol        Symbol    `json:"symbol"`
	Kind          DocKind   `json:"kind"`
	Status        DocStatus `json:"status"`                  // adopted, draft, not adopted
	DraftSymbol   Symbol    `json:"draftSymbol,omitempty"`   // the draft it was adopted from (S/2012/946)
	AdoptedSymbol Symbol    `json:"adoptedSymbol,omitempty"` // the resolution a draft became (S/RES/2085 (2012))
	Date          string    `json:"date,omitempty"`          // ISO 8601 day: adoption, or distribution for drafts
	Meeting       string    `json:"meeting,omitempty"`       // meeting number, "6898th meeting"
	Title         string    `json:"title,omitempty"`
	Sponsors      []string  `json:"sponsors"`
	Votes         *Votes    `json:"votes,omitempty"`
	ChapterVII    bool      `json:"chapterVII"`
	Subjects      []Subject `json:"subjects,omitempty"`
	Language      string    `json:"language,omitempty"` // ISO 639-1, "en"
	Source        Source    `json:"source"`
	// Extractor is the version of the extractor that found the actions
	// and references (loader.Version), kept with the document so a graph
	// can tell which facts an older extractor made. Empty when not
	// extracted.
	Extractor string `json:"extractor,omitempty"`

	Paragraphs []Paragraph    `json:"paragraphs"`
	Actions    []Action       `json:"actions"`
	References []Reference    `json:"references"`
	Defined    []Definition   `json:"defined,omitempty"` // acronyms the text defines: "African-led ... (AFISMA)"
	Events     []MandateEvent `json:"events,omitempty"`  // what the text does to mandates: establish, extend ...
	Warnings   []string       `json:"warnings,omitempty"`
}

// Symbols returns the document's own symbols: its symbol and, where known,
// its draft and adopted symbols.
func (d *Document) Symbols() []Symbol {
	out := []Symbol{d.Symbol}
	if d.DraftSymbol != "" && d.DraftSymbol != d.Symbol {
		out = append(out, d.DraftSymbol)
	}
	if d.AdoptedSymbol != "" && d.AdoptedSymbol != d.Symbol {
		out = append(out, d.AdoptedSymbol)
	}
	return out
}

// Votes records a recorded vote. Counts are given even when members are not.
type Votes struct {
	For        int          `json:"for"`
	Against    int          `json:"against"`
	Abstaining int          `json:"abstaining"`
	Members    []MemberVote `json:"members,omitempty"`
}

// MemberVote is one Council member's vote: "for", "against", "abstaining" or "absent".
type MemberVote struct {
	Member string `json:"member"`
	Vote   string `json:"vote"`
}

// Subject is a subject link from the document's metadata.
type Subject struct {
	Dictionary string `json:"dictionary"` // "UNBIS", "EuroVoc", "SDGO", "DHLAUTH"
	Label      string `json:"label"`
	IRI        string `json:"iri,omitempty"`
}

// Source names the file a document was read from.
type Source struct {
	File   string `json:"file"`
	Format Format `json:"format"`
	SHA256 string `json:"sha256,omitempty"` // of the file's bytes; tells a changed file from a reload
}

// ParaKind is the role of a paragraph in a document.
type ParaKind string

// Paragraph kinds.
const (
	ParaPreambular ParaKind = "preambular"
	ParaOperative  ParaKind = "operative"
	ParaHeading    ParaKind = "heading"
	ParaAnnex      ParaKind = "annex"
	// ParaQuoted is language the document quotes rather than speaks: the
	// "agreed language" tables of the aide-memoire statements (S/PRST/2014/3,
	// 2015/23, 2018/18), each row its own paragraph. The extractor reads no
	// obligations from it.
	ParaQuoted ParaKind = "quoted"
)

// Paragraph is one paragraph, sub-item or heading of a document.
//
// A sub-item ("(a)", "(a)(i)") is its own Paragraph with its parent's Number
// and its own Item. Start and End are byte offsets of the paragraph in the
// source file; Line and Column (1-based, column in bytes) locate Start.
type Paragraph struct {
	ID      string   `json:"id"`   // stable within the document: "pre3", "op9", "op9(a)", "h2", "annex1.4"
	Kind    ParaKind `json:"kind"` // preambular, operative, heading, annex
	Number  string   `json:"number,omitempty"`
	Item    string   `json:"item,omitempty"`    // "(a)", "(a)(i)"
	Section string   `json:"section,omitempty"` // the heading it falls under, "I. Political process"
	Lead    string   `json:"lead,omitempty"`    // leading phrase as printed: "Recalling", "Calls upon"
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Line    int      `json:"line"`
	Column  int      `json:"column"`
	// Footnotes holds footnote texts referenced from the paragraph, in order.
	Footnotes []string `json:"footnotes,omitempty"`
}

// ActionKind says what an Action is.
type ActionKind string

// Action kinds.
const (
	ActionDirective ActionKind = "directive" // the Council asks, tells, authorizes an actor
	ActionTask      ActionKind = "task"      // a listed sub-item task of a paragraph's addressee
	ActionStance    ActionKind = "stance"    // condemns, welcomes, takes note ... of a target
	ActionSelf      ActionKind = "self"      // the Council about itself: remains seized, expresses readiness
)

// Class groups directive verbs by force. The mapping from verb to class is
// configurable (loader.Classes).
type Class string

// Directive classes.
const (
	ClassDecision        Class = "decision"
	ClassDemand          Class = "demand"
	ClassRequest         Class = "request"
	ClassAuthorization   Class = "authorization"
	ClassStrongRecommend Class = "strong recommendation"
	ClassWeakRecommend   Class = "weak recommendation"
	ClassStance          Class = "stance"
	ClassSelf            Class = "self"
)

// Action is one clause of a paragraph: who must do what (a directive or
// task), what the Council says of someone (a stance), or of itself.
//
// Start and End are byte offsets of the clause in its paragraph's Text; Marks
// locate its parts there, so a viewer can highlight them.
type Action struct {
	Paragraph     string     `json:"paragraph"` // number as printed, "9"
	ParagraphID   string     `json:"paragraphId"`
	Item          string     `json:"item,omitempty"` // "(a)"
	Kind          ActionKind `json:"kind"`
	Verb          string     `json:"verb"`            // lemma as printed, lower case: "calls upon", "decides"
	VerbPhrase    string     `json:"verbPhrase"`      // with adverbs: "further requests", "strongly condemns"
	Verbs         []string   `json:"verbs,omitempty"` // every directive verb for this addressee here: ["decides","authorizes"]
	Class         Class      `json:"class"`
	Addressee     *ActorRef  `json:"addressee,omitempty"` // for a stance: its target
	Target        string     `json:"target,omitempty"`    // a stance's target when it is not an actor ("the report ... (S/2012/894)")
	Action        string     `json:"action,omitempty"`    // "to finalize a transitional roadmap ..."
	Partners      []ActorRef `json:"partners,omitempty"`
	Beneficiaries []ActorRef `json:"beneficiaries,omitempty"`
	Deadline      string     `json:"deadline,omitempty"`     // as printed: "within 30 days", "by April 2013"
	DeadlineDate  string     `json:"deadlineDate,omitempty"` // ISO day where computable
	Recurrence    string     `json:"recurrence,omitempty"`   // ISO 8601 duration: "P90D"
	Duration      string     `json:"duration,omitempty"`     // as printed: "for an initial period of one year"
	Until         string     `json:"until,omitempty"`        // ISO day an authorization or mandate runs to
	Condition     string     `json:"condition,omitempty"`
	ChapterVII    bool       `json:"chapterVII"`
	Text          string     `json:"text"`
	Start         int        `json:"start"`
	End           int        `json:"end"`
	Marks         []Mark     `json:"marks,omitempty"`
}

// Mark locates one part of an Action in its paragraph's text.
type Mark struct {
	Role  string `json:"role"` // "verb", "addressee", "action", "partner", "deadline", "recurrence", "duration", "condition"
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ActorID is an actor's stable id: a registry id ("secretary-general",
// "african-union", "state/mali") or, for an actor not in the registry, a
// normalized form of its name prefixed "x/" ("x/malian-rebel-groups").
type ActorID string

// ActorType classifies actors.
type ActorType string

// Actor types.
const (
	ActorUNOrgan          ActorType = "un-organ"
	ActorUNOfficial       ActorType = "un-official"
	ActorUNMission        ActorType = "un-mission" // missions and offices
	ActorRegionalOrg      ActorType = "regional-organization"
	ActorInternationalOrg ActorType = "international-organization"
	ActorState            ActorType = "state"
	ActorStateGroup       ActorType = "group-of-states"
	ActorArmedGroup       ActorType = "armed-group"
	ActorCollective       ActorType = "collective" // "all parties", "Member States"
	ActorNational         ActorType = "national-institution"
	ActorMission          ActorType = "mission" // non-UN missions and forces: AFISMA, KFOR
	ActorPerson           ActorType = "person"
	ActorOther            ActorType = "other"
	ActorUnknown          ActorType = "unknown" // not in the registry
)

// ActorRef is an actor as mentioned in a text, resolved against the registry.
type ActorRef struct {
	ID      ActorID   `json:"id"`
	Name    string    `json:"name"`    // canonical name
	Mention string    `json:"mention"` // as written in the text
	Type    ActorType `json:"type,omitempty"`
	Aliases []string  `json:"aliases,omitempty"`
}

// Actor is an entry of the actor registry (data/actors.yaml).
type Actor struct {
	ID        ActorID   `json:"id" yaml:"id"`
	Name      string    `json:"name" yaml:"name"`
	Type      ActorType `json:"type" yaml:"type"`
	Aliases   []string  `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Sanctions string    `json:"sanctions,omitempty" yaml:"sanctions,omitempty"` // UN sanctions list reference: "QDe.134"
	UNEntity  string    `json:"unEntity,omitempty" yaml:"un_entity,omitempty"`  // UN entity abbreviation (mandate_entities.csv)
	PartOf    ActorID   `json:"partOf,omitempty" yaml:"part_of,omitempty"`
	LedBy     ActorID   `json:"ledBy,omitempty" yaml:"led_by,omitempty"`
	Successor ActorID   `json:"successor,omitempty" yaml:"successor,omitempty"` // the mandate that took over: UNSOM -> UNTMIS
	Note      string    `json:"note,omitempty" yaml:"note,omitempty"`
}

// Definition is an acronym a document defines for itself.
type Definition struct {
	Acronym   string  `json:"acronym"`
	Name      string  `json:"name"`
	Actor     ActorID `json:"actor,omitempty"`
	Paragraph string  `json:"paragraphId"`
}

// Reference is a document cited by a paragraph, or a paragraph of the same
// document ("paragraph 23 below": Symbol is then the citing document's own
// symbol and Target holds the paragraph id).
type Reference struct {
	Symbol      Symbol `json:"symbol,omitempty"`
	Relation    string `json:"relation"`  // citing phrase's lemma: "recalls", "reaffirms", "pursuant to", "takes note of", "cites"
	Paragraph   string `json:"paragraph"` // number of the citing paragraph as printed ("" for preambular)
	ParagraphID string `json:"paragraphId"`
	Target      string `json:"target,omitempty"` // internal reference: id of the paragraph pointed to
	Mention     string `json:"mention"`          // as written
	Start       int    `json:"start"`            // byte offsets in the citing paragraph's text
	End         int    `json:"end"`
}

// EventType is what a paragraph does to a mandate: the standing authority
// of an actor the Council created (a mission, a panel of experts, an
// authorized force).
type EventType string

// Mandate event types. Expire is never read from a paragraph: the timeline
// derives it where an end date passed with no renewal.
const (
	EventEstablish EventType = "establish" // "Decides to establish X", "requests the Secretary-General to create a panel"
	EventAuthorize EventType = "authorize" // "Authorizes the African Union to deploy X"
	EventExtend    EventType = "extend"    // "Decides to extend the mandate of X until 30 April 2016"
	EventModify    EventType = "modify"    // tasks set, added or removed; the authorized strength changed
	EventTerminate EventType = "terminate" // "Decides to terminate the mandate of X on ...", a final period
	EventExpire    EventType = "expire"    // derived: the end date passed with no renewal
)

// MandateEvent is one paragraph's decision on a mandate, as read.
type MandateEvent struct {
	Type        EventType `json:"type"`
	Mandate     ActorRef  `json:"mandate"`
	Paragraph   string    `json:"paragraph"` // number as printed, "14"
	ParagraphID string    `json:"paragraphId"`
	Until       string    `json:"until,omitempty"`    // ISO day printed as the end: "until 30 June 2017"
	Duration    string    `json:"duration,omitempty"` // ISO 8601 period printed instead: "P12M" ("for a period of 12 months")
	From        string    `json:"from,omitempty"`     // ISO day the period starts, where printed ("from 1 May 2014")
	Changes     []string  `json:"changes,omitempty"`  // for modify: "tasks", "tasks-removed", "tasks-added", "strength"
	Text        string    `json:"text"`               // the clause
	Start       int       `json:"start"`              // byte offsets of the clause in the paragraph's text
	End         int       `json:"end"`
}
