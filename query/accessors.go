package query

import (
	"math/bits"
	"strconv"
	"strings"
)

// Plain accessors for the GraphQL layer. gqlgen calls methods without a
// context inline, where it would run a resolver on a goroutine of its own,
// so the fields of big lists (obligations, edges) are methods here.

// Span locates text: bytes [Start, End), and for source-file spans the
// 1-based Line and Column of Start (0 otherwise).
type Span struct {
	Start, End, Line, Column int
}

// KeyValue is a small fact about a graph node.
type KeyValue struct {
	Key, Value string
}

// SymbolString returns the document's symbol.
func (d *Document) SymbolString() string { return string(d.Symbol) }

// KindName returns the document's kind.
func (d *Document) KindName() string { return string(d.Document.Kind) }

// DraftSymbolString returns the draft's symbol, "" when unknown.
func (d *Document) DraftSymbolString() string { return string(d.DraftSymbol) }

// AdoptedSymbolString returns the adopted resolution's symbol, "" when unknown.
func (d *Document) AdoptedSymbolString() string { return string(d.AdoptedSymbol) }

// KindName returns the paragraph's kind.
func (p *Paragraph) KindName() string { return string(p.Kind) }

// SourceSpan returns where the paragraph is in its source file.
func (p *Paragraph) SourceSpan() *Span {
	return &Span{Start: p.Start, End: p.End, Line: p.Line, Column: p.Column}
}

// ObligationsHere returns the directives and tasks of the paragraph.
func (p *Paragraph) ObligationsHere() []*Obligation {
	var out []*Obligation
	for _, o := range p.Document.Obligations {
		if o.Paragraph == p {
			out = append(out, o)
		}
	}
	return out
}

// IDString returns the action's stable id: "S/2012/946#op10/11" (document,
// paragraph id, clause number).
func (o *Obligation) IDString() string {
	return string(o.Document.Symbol) + "#" + o.ParagraphID + "/" + strconv.Itoa(o.Clause)
}

// KindName returns "directive", "task" or "stance".
func (o *Obligation) KindName() string { return string(o.Action.Kind) }

// ClassName returns the action's class.
func (o *Obligation) ClassName() string { return string(o.Class) }

// ActionText returns what the addressee must do.
func (o *Obligation) ActionText() string { return o.Action.Action }

// AddresseeMention returns how the text names the addressee.
func (o *Obligation) AddresseeMention() string {
	if o.Action.Addressee == nil {
		return ""
	}
	return o.Action.Addressee.Mention
}

// TargetText returns a stance's target as written.
func (o *Obligation) TargetText() string {
	if o.Action.Target != "" {
		return o.Action.Target
	}
	return o.AddresseeMention()
}

// UnderChapterVII reports whether the clause or its document acts under
// Chapter VII.
func (o *Obligation) UnderChapterVII() bool { return o.ChapterVII || o.Document.ChapterVII }

// ClauseSpan returns the clause's span in its paragraph's text.
func (o *Obligation) ClauseSpan() *Span { return &Span{Start: o.Start, End: o.End} }

// SymbolString returns the cited symbol.
func (c *Citation) SymbolString() string { return string(c.Symbol) }

// MentionSpan returns the span of the mention in the citing paragraph's text.
func (c *Citation) MentionSpan() *Span { return &Span{Start: c.Start, End: c.End} }

// IDString returns the actor's id.
func (a *Actor) IDString() string { return string(a.ID) }

// TypeName returns the actor's type.
func (a *Actor) TypeName() string { return string(a.Type) }

// InRegistry reports whether the actor is in the curated registry.
func (a *Actor) InRegistry() bool { return !strings.HasPrefix(string(a.ID), "x/") }

// SourceID returns the id of the edge's source node.
func (e *Edge) SourceID() string { return e.Source.ID }

// TargetID returns the id of the edge's target node.
func (e *Edge) TargetID() string { return e.Target.ID }

// KindEnum returns the edge kind as a GraphQL enum value: "PART_OF".
func (e *Edge) KindEnum() string {
	if e.kind != 0 {
		return edgeKindEnums[bits.TrailingZeros8(uint8(e.kind))]
	}
	return strings.ReplaceAll(strings.ToUpper(e.Kind), "-", "_")
}

// edgeKindEnums holds KindEnum's answers by position in EdgeKinds, made
// once: a graph view asks for hundreds of edges.
var edgeKindEnums = func() []string {
	m := make([]string, len(EdgeKinds))
	for i, k := range EdgeKinds {
		m[i] = strings.ReplaceAll(strings.ToUpper(k), "-", "_")
	}
	return m
}()

// ClassOrNil returns the edge's class, nil when it has none.
func (e *Edge) ClassOrNil() *string {
	if e.Class == "" {
		return nil
	}
	return &e.Class
}

// TypeEnum returns the node type as a GraphQL enum value: "ACTOR".
func (n *Node) TypeEnum() string {
	switch n.Type {
	case NodeDocument:
		return "DOCUMENT"
	case NodeActor:
		return "ACTOR"
	}
	return strings.ToUpper(n.Type)
}

// Data returns small facts about the node for a view.
func (n *Node) Data() []*KeyValue {
	kv := func(k, v string) *KeyValue { return &KeyValue{Key: k, Value: v} }
	if d := n.Document; d != nil {
		return []*KeyValue{kv("symbol", string(d.Symbol)), kv("kind", string(d.Kind)), kv("date", d.Date), kv("title", d.Title)}
	}
	if a := n.Actor; a != nil {
		return []*KeyValue{kv("id", string(a.ID)), kv("name", a.Name), kv("type", string(a.Type))}
	}
	return nil
}
