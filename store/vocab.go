package store

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/resgraph/resgraph"
)

// Base is the root of every node IRI; NS is the vocabulary namespace. Full
// IRIs (not Cayley's short "rg:" form) are stored so that an N-Quads export is
// valid RDF that other tools load without a prefix map; docs write "rg:".
const (
	Base = "https://resgraph.org/"
	NS   = Base + "ns#"
)

// Labels grouping quads. A document's quads carry the document's IRI.
var (
	RegistryLabel = quad.IRI(Base + "registry")
	MetaLabel     = quad.IRI(Base + "meta")
	storeNode     = quad.IRI(Base + "store")
)

func term(name string) quad.IRI { return quad.IRI(NS + name) }

// Node types (objects of rdf:type).
var (
	TypeDocument   = term("Document")
	TypeParagraph  = term("Paragraph")
	TypeObligation = term("Obligation") // a directive or task: someone must do something
	TypeStance     = term("Stance")
	TypeSelf       = term("SelfAction")
	TypeMention    = term("ActorMention") // one mention of an actor in an action
	TypeReference  = term("Reference")
	TypeDefinition = term("Definition")
	TypeSubject    = term("Subject")
	TypeVote       = term("MemberVote")
	TypeActor      = term("Actor")
	TypeEvent      = term("MandateEvent") // what a paragraph decides about a mandate
)

// RDFType is rdf:type.
var RDFType = quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

// JSONList is the datatype of literals holding an ordered JSON array of
// strings (sponsors, footnotes, aliases ...) or of marks.
var JSONList = term("json")

// Predicates. Edges between nodes are named for the relation; literal
// properties for the field of the domain type they hold.
var (
	// Structure and provenance.
	PDocument  = term("document")  // paragraph|action|reference|definition|mention -> document
	PParagraph = term("paragraph") // action|reference|definition -> paragraph
	PIndex     = term("index")     // position in the document's list
	PExtractor = term("extractor") // loader.Version that produced the fact
	PStart     = term("start")
	PEnd       = term("end")

	// Obligations: short traversals.
	PAddressee   = term("addressee")   // action -> actor (for a stance: its target)
	PObligedBy   = term("obligedBy")   // actor -> obligation (reverse of addressee, obligations only)
	PImposes     = term("imposes")     // security council -> obligation
	PPartner     = term("partner")     // action -> actor
	PBeneficiary = term("beneficiary") // action -> actor
	PActor       = term("actor")       // mention|definition -> actor
	PMention     = term("mention")     // text as written

	// Action -> mention node: who was named, as written, in order.
	PAddresseeMention   = term("addresseeMention")
	PPartnerMention     = term("partnerMention")
	PBeneficiaryMention = term("beneficiaryMention")
	PCites              = term("cites")     // document|reference -> cited document
	PDraft              = term("draft")     // document -> its draft document
	PAdoptedAs          = term("adoptedAs") // draft -> adopted resolution

	// Document literals.
	PSymbol        = term("symbol")
	PKind          = term("kind")
	PDraftSymbol   = term("draftSymbol")
	PStatus        = term("status") // document -> "adopted", "draft", "not adopted"
	PAdoptedSymbol = term("adoptedSymbol")
	PDate          = term("date")
	PMeeting       = term("meeting")
	PTitle         = term("title")
	PSponsors      = term("sponsors") // JSON list
	PVotesFor      = term("votesFor")
	PVotesAgainst  = term("votesAgainst")
	PVotesAbstain  = term("votesAbstaining")
	PVote          = term("vote") // document -> member vote node; member vote -> "for"
	PMember        = term("member")
	PChapterVII    = term("chapterVII")
	PSubject       = term("subject") // document -> subject node
	PDictionary    = term("dictionary")
	PLabel         = term("label")
	PIRI           = term("iri")
	PLanguage      = term("language")
	PSourceFile    = term("sourceFile")
	PSourceFormat  = term("sourceFormat")
	PSHA256        = term("sha256")
	PWarnings      = term("warnings") // JSON list

	// Paragraph literals.
	PParagraphID = term("paragraphId")
	PNumber      = term("number")
	PItem        = term("item")
	PSection     = term("section")
	PLead        = term("lead")
	PText        = term("text")
	PLine        = term("line")
	PColumn      = term("column")
	PFootnotes   = term("footnotes") // JSON list

	// Action literals.
	PParagraphNumber = term("paragraphNumber")
	PVerb            = term("verb")
	PVerbPhrase      = term("verbPhrase")
	PVerbs           = term("verbs") // JSON list
	PClass           = term("class")
	PTarget          = term("target")
	PAction          = term("action")
	PDeadline        = term("deadline")
	PDeadlineDate    = term("deadlineDate")
	PRecurrence      = term("recurrence")
	PDuration        = term("duration")
	PUntil           = term("until")
	PEventType       = term("eventType") // mandate event -> "establish", "extend" ...
	PMandate         = term("mandate")   // mandate event -> the actor whose mandate it is
	PMandateMention  = term("mandateMention")
	PFrom            = term("from")    // mandate event -> ISO day its period starts
	PChanges         = term("changes") // mandate event -> JSON list: "tasks", "strength" ...
	PCondition       = term("condition")
	PMarks           = term("marks") // JSON list of {role,start,end}

	// Reference and definition literals.
	PRelation = term("relation")
	PAcronym  = term("acronym")

	// Actor literals.
	PActorID   = term("actorId")
	PName      = term("name")
	PActorType = term("actorType")
	PAliases   = term("aliases") // JSON list
	PSanctions = term("sanctions")
	PUNEntity  = term("unEntity")
	PPartOf    = term("partOf")
	PLedBy     = term("ledBy")
	PSuccessor = term("successor") // actor -> the actor whose mandate took over from its own
	PNote      = term("note")

	// Meta.
	PGeneration = term("generation")
)

// CouncilID is the registry id of the Security Council, the issuer of every
// obligation.
const CouncilID resgraph.ActorID = "security-council"

// DocumentIRI returns the stable IRI of a document:
// https://resgraph.org/doc/S/RES/2085(2012).
func DocumentIRI(sym resgraph.Symbol) quad.IRI {
	return quad.IRI(Base + "doc/" + escapePath(strings.ReplaceAll(string(sym), " ", "")))
}

// ActorIRI returns the stable IRI of an actor: https://resgraph.org/actor/state/mali.
func ActorIRI(id resgraph.ActorID) quad.IRI {
	return quad.IRI(Base + "actor/" + escapePath(string(id)))
}

// ParagraphIRI returns the IRI of paragraph id of a document: .../p/op9(a).
func ParagraphIRI(doc quad.IRI, id string) quad.IRI {
	return quad.IRI(string(doc) + "/p/" + escapeSegment(id))
}

// ActionIRI returns the IRI of the i-th action of a document (0-based, in
// the extractor's order, which is deterministic): .../action/7.
func ActionIRI(doc quad.IRI, i int) quad.IRI { return child(doc, "action", i) }

func child(parent quad.IRI, kind string, i int) quad.IRI {
	return quad.IRI(string(parent) + "/" + kind + "/" + strconv.Itoa(i))
}

// escapePath percent-encodes everything but unreserved characters, '/', '(' and
// ')', so ids stay readable and URL-safe.
func escapePath(s string) string { return escape(s, true) }

// escapeSegment is escapePath that also encodes '/'.
func escapeSegment(s string) string { return escape(s, false) }

func escape(s string, slash bool) string {
	const hex = "0123456789ABCDEF"
	safe := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '(' || c == ')' || slash && c == '/'
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !safe(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if safe(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}

// actionKey splits an action IRI into its document IRI and index, the order
// of ObligationsOf.
func actionKey(iri string) (string, int) {
	i := strings.LastIndex(iri, "/action/")
	if i < 0 {
		return iri, 0
	}
	n, _ := strconv.Atoi(iri[i+len("/action/"):])
	return iri[:i], n
}

// sortActions orders action IRIs by document IRI, then index.
func sortActions(iris []string) {
	sort.Slice(iris, func(i, j int) bool {
		da, ia := actionKey(iris[i])
		db, ib := actionKey(iris[j])
		if da != db {
			return da < db
		}
		return ia < ib
	})
}
