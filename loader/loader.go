package loader

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/resgraph/resgraph"
)

// Version is the extractor version recorded with every fact, so a graph can
// tell which facts an older extractor made. Bump it when output changes.
const Version = "0.1.0"

// ParseError is a problem at a position in a source file.
type ParseError struct {
	File   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based, in bytes; 0 when unknown
	Msg    string
	Err    error // the error class, when there is one (ErrNotCouncilDocument); may be nil
}

// Unwrap returns the error class, so errors.Is(err, ErrNotCouncilDocument)
// works.
func (e *ParseError) Unwrap() error { return e.Err }

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf returns a *ParseError at the byte offset off of data.
func Errorf(data []byte, name string, off int, format string, args ...any) *ParseError {
	line, col := Position(data, off)
	return &ParseError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// Position returns the 1-based line and byte column of offset off in data.
func Position(data []byte, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(data) {
		off = len(data)
	}
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
	return line, col
}

// ErrNotCouncilDocument is wrapped by errors for inputs that are well formed
// but are not Security Council documents.
var ErrNotCouncilDocument = errors.New("not a Security Council document")

// DetectFormat tells the format of data from its content, or returns an
// error naming the first problem: empty input, binary data, invalid UTF-8.
func DetectFormat(data []byte, name string) (resgraph.Format, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\f\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(trimmed)) == 0 {
		return "", &ParseError{File: name, Line: 1, Column: 1, Msg: "empty file"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", Errorf(data, name, i, "binary file (NUL byte)")
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return "", Errorf(data, name, off, "invalid UTF-8")
	}
	head := string(trimmed[:min(len(trimmed), 4096)])
	// An XML declaration alone does not make a file Akoma Ntoso: every AKN
	// file of the corpus names its akomaNtoso root in its first 4 KiB.
	if strings.HasPrefix(head, "<") && strings.Contains(head, "akomaNtoso") {
		return resgraph.FormatAKN, nil
	}
	if strings.HasPrefix(head, "<") {
		return "", Errorf(data, name, len(data)-len(trimmed), "XML that is not Akoma Ntoso")
	}
	return resgraph.FormatText, nil
}

// Read detects the format of data and reads it as a Document. name is the
// file name reported in errors and recorded as the document's source.
func Read(data []byte, name string) (*resgraph.Document, error) {
	f, err := DetectFormat(data, name)
	if err != nil {
		return nil, err
	}
	switch f {
	case resgraph.FormatAKN:
		return ReadAKN(data, name)
	default:
		return ReadText(data, name)
	}
}
