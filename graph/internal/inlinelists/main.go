// Command inlinelists rewrites gqlgen's generated executor so that it
// marshals the elements of a list one after the other on the calling
// goroutine (graph.marshalSliceInline) instead of starting a goroutine per
// element (graphql.MarshalSliceConcurrently). It runs after gqlgen in
// `go generate ./graph`; see graph/lists.go for why.
//
// Usage:
//
//	go run ./internal/inlinelists generated.go
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
)

const (
	from = "graphql.MarshalSliceConcurrently("
	to   = "marshalSliceInline("
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "inlinelists:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: inlinelists FILE")
	}
	name := args[0]
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	n := bytes.Count(src, []byte(from))
	if n == 0 && bytes.Contains(src, []byte(to)) {
		return nil // already rewritten
	}
	if n == 0 {
		return fmt.Errorf("%s: no %s call: did gqlgen change how it marshals lists?", name, from)
	}
	out, err := format.Source(bytes.ReplaceAll(src, []byte(from), []byte(to)))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(name, out, 0o644)
}
