// Package data embeds Resgraph's own data: the seed document (the draft of
// resolution 2085 (2012) on Mali, pdftotext output as the UN publishes it) and
// the curated actor registry, actors.yaml.
//
// `resgraph serve` loads these into an empty store, so a fresh clone serves a
// graph with no other input.
package data

import (
	"embed"
	"io/fs"
	"strings"
)

// FS holds the files of this folder.
//
//go:embed *.txt *.yaml *.tsv
var FS embed.FS

// RegistryFile is the name of the actor registry in FS.
const RegistryFile = "actors.yaml"

// Documents returns the names of the documents in FS, in lexical order.
func Documents() []string {
	var out []string
	entries, _ := fs.ReadDir(FS, ".")
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".xml") {
			out = append(out, n)
		}
	}
	return out
}
