package loader

import "github.com/resgraph/resgraph"

// ReadText reads a plain-text Council document.
func ReadText(data []byte, name string) (*resgraph.Document, error) {
	return nil, &ParseError{File: name, Msg: "plain-text reader not implemented yet"}
}
