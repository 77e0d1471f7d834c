package graph

import (
	"context"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// operationLimits refuses operations over the complexity limit (as gqlgen's
// extension.FixedComplexityLimit does, with the same message and code; it
// does not record gqlgen's ComplexityStats, which nothing here reads) or nested deeper than the depth limit. Both are properties of the
// query text, and the complexity also of the variables: an operation
// without variables is measured once per query text and remembered, as
// gqlgen remembers its parse. Measuring a page of obligations made 1.8 KB
// of garbage per request.
type operationLimits struct {
	complexity, depth int
	es                graphql.ExecutableSchema
	known             *lru.LRU[operationSize]
}

// operationSize is what the limits measure of an operation.
type operationSize struct{ complexity, depth int }

func newOperationLimits(maxComplexity, maxDepth int) *operationLimits {
	return &operationLimits{complexity: maxComplexity, depth: maxDepth, known: lru.New[operationSize](1000)}
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*operationLimits)(nil)

func (*operationLimits) ExtensionName() string { return "OperationLimits" }

func (l *operationLimits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

func (l *operationLimits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil
	}
	size, ok := operationSize{}, false
	// Validation has checked that an operation uses only the variables it
	// defines.
	remember := len(op.VariableDefinitions) == 0 && oc.RawQuery != ""
	key := operationKey(oc)
	if remember {
		size, ok = l.known.Get(ctx, key)
	}
	if !ok {
		size = operationSize{
			complexity: gqlcomplexity.Calculate(ctx, l.es, op, oc.Variables),
			depth:      selectionDepth(op.SelectionSet, oc.Doc.Fragments, 0),
		}
		if remember {
			l.known.Add(ctx, key, size)
		}
	}
	if size.complexity > l.complexity {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", size.complexity, l.complexity)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	if size.depth > l.depth {
		err := gqlerror.Errorf("operation is nested %d deep, which exceeds the limit of %d", size.depth, l.depth)
		err.Extensions = map[string]any{"code": "DEPTH_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// selectionDepth returns the deepest field nesting of set. Fragment spreads
// are followed; level guards against (invalid) fragment cycles.
//
// Introspection (__schema, __type) does not count: stock clients ask
// graphql-js's getIntrospectionQuery(), 15 deep through its chain of
// ofType, and an operation that asks for more than the schema is refused
// by gqlparser's MaxIntrospectionDepth rule (no fields, interfaces,
// possibleTypes or inputFields nested three deep), which gqlgen applies
// with the other validation rules.
func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, level int) int {
	if level > 64 {
		return level
	}
	deepest := 0
	for _, s := range set {
		var d int
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, frags, level+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, level+1)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, level+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// operationKey identifies an operation by its query text and name, without
// allocating for the usual anonymous operation. The two cannot be
// confused: a query text holds no NUL.
func operationKey(oc *graphql.OperationContext) string {
	if oc.OperationName == "" {
		return oc.RawQuery
	}
	return oc.OperationName + "\x00" + oc.RawQuery
}
