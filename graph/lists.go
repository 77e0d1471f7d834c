package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSliceInline marshals the elements of a list in order on the
// calling goroutine. It replaces graphql.MarshalSliceConcurrently in
// generated.go (go generate runs internal/inlinelists after gqlgen), which
// starts a goroutine per element so that resolvers doing I/O overlap. Ours
// read an in-memory snapshot and never wait: the goroutines only cost
// (their start, their stacks growing through gqlgen's deep call chains,
// scheduling), about a third of a request for lists of 50 obligations.
// Fields that are resolvers still run concurrently within their object
// (graphql.FieldSet), as gqlgen generates them. Errors and panics are
// handled as gqlgen does: a panic in one element makes it null and adds an
// error with the element's path.
func marshalSliceInline(ctx context.Context, length int, _ int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		fc := &graphql.FieldContext{Index: &i}
		childCtx := graphql.WithFieldContext(ctx, fc)
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}

// newDeferredGroup replaces graphql.NewDeferredGroup in generated.go. That
// one computes the object's path (walking and copying the field contexts up
// to the root) for every object marshalled, though only a @defer'd field
// needs it, to label its incremental payload: a tenth of a request for
// lists of objects. deferredWithPath adds it to a group that has deferred
// fields, just before gqlgen processes the group, from the same context.
func newDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{
		FieldSet: graphql.NewFieldSet(nil),
		Defers:   make(map[string]*graphql.FieldSetView),
		Context:  ctx,
	}
}

// deferredWithPath completes a group made by newDeferredGroup.
func deferredWithPath(dg graphql.DeferredGroup) graphql.DeferredGroup {
	dg.Path = graphql.GetPath(dg.Context)
	return dg
}
