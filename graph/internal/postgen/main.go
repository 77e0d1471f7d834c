// Command postgen rewrites gqlgen's generated executor after gqlgen has
// written it (`go generate ./graph` runs both), replacing two calls of
// package graphql that cost much and buy us nothing by cheaper functions of
// package graph (graph/lists.go says why):
//
//   - graphql.MarshalSliceConcurrently, which starts a goroutine per list
//     element, by marshalSliceInline, which marshals them in order;
//   - graphql.NewDeferredGroup, which computes the object's path for every
//     object marshalled, by newDeferredGroup, which leaves the path to
//     deferredWithPath, called only when a field is deferred (@defer).
//
// Each rewrite must apply at least once, so a gqlgen upgrade that changes
// the generated code fails loudly here instead of silently undoing it.
//
// Usage:
//
//	go run ./internal/postgen generated.go
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
)

var rewrites = []struct{ from, to string }{
	{"graphql.MarshalSliceConcurrently(", "marshalSliceInline("},
	{"graphql.NewDeferredGroup(ctx)", "newDeferredGroup(ctx)"},
	{"ec.ProcessDeferredGroup(deferred)", "ec.ProcessDeferredGroup(deferredWithPath(deferred))"},
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "postgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: postgen FILE")
	}
	name := args[0]
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	for _, rw := range rewrites {
		if bytes.Count(src, []byte(rw.from)) == 0 {
			if bytes.Contains(src, []byte(rw.to)) {
				continue // already rewritten
			}
			return fmt.Errorf("%s: no %s: did gqlgen change its generated code?", name, rw.from)
		}
		src = bytes.ReplaceAll(src, []byte(rw.from), []byte(rw.to))
	}
	out, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(name, out, 0o644)
}
