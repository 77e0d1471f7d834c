package loader

import "github.com/resgraph/resgraph"

// ReadAKN reads an Akoma Ntoso (AKN4UN) document.
func ReadAKN(data []byte, name string) (*resgraph.Document, error) {
	return nil, &ParseError{File: name, Msg: "Akoma Ntoso reader not implemented yet"}
}
