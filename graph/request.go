package graph

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// decodeRequest decodes the body of a POST request into params exactly as
// gqlgen's transport.POST does (encoding/json, numbers as json.Number).
//
// The usual body, an object of "query", "operationName", "variables" and
// "extensions", is read here: its strings directly, its variables and
// extensions by encoding/json. encoding/json's decoder for the whole body
// cost more than a kilobyte of garbage and 4 % of the CPU of a request
// for a page of obligations. Any other body (other keys, escapes this
// reader leaves to encoding/json, malformed JSON) goes to encoding/json
// whole, which then decodes it, or fails, as before.
func decodeRequest(body []byte, params *graphql.RawParams) error {
	if quickDecode(body, params) {
		return nil
	}
	*params = graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	return dec.Decode(params)
}

// quickDecode decodes body into params and reports whether it could.
// When it cannot, params may hold part of the body.
func quickDecode(body []byte, params *graphql.RawParams) bool {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return false
	}
	i = skipSpace(body, i+1)
	if i < len(body) && body[i] == '}' {
		// encoding/json's Decode reads one value and leaves what follows.
		return true
	}
	for {
		// A key: only the four fields, spelled exactly (encoding/json
		// also matches other cases) and without escapes.
		if i >= len(body) || body[i] != '"' {
			return false
		}
		end := bytes.IndexByte(body[i+1:], '"')
		if end < 0 {
			return false
		}
		key := body[i+1 : i+1+end]
		i = skipSpace(body, i+2+end)
		if i >= len(body) || body[i] != ':' {
			return false
		}
		i = skipSpace(body, i+1)
		var ok bool
		switch string(key) {
		case "query":
			i, ok = quickString(body, i, &params.Query)
		case "operationName":
			i, ok = quickString(body, i, &params.OperationName)
		case "variables":
			i, ok = quickObject(body, i, &params.Variables)
		case "extensions":
			i, ok = quickObject(body, i, &params.Extensions)
		}
		if !ok {
			return false
		}
		i = skipSpace(body, i)
		if i >= len(body) {
			return false
		}
		switch body[i] {
		case ',':
			i = skipSpace(body, i+1)
		case '}':
			return true
		default:
			return false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// quickString decodes the JSON string or null at b[i:] into *s (null
// leaves *s, as encoding/json does) and returns the index after it.
func quickString(b []byte, i int, s *string) (int, bool) {
	if bytes.HasPrefix(b[i:], []byte("null")) {
		return i + 4, true
	}
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	i++
	start, plain := i, true
	for ; i < len(b) && b[i] != '"'; i++ {
		switch c := b[i]; {
		case c < 0x20:
			return i, false // encoding/json's error
		case c == '\\':
			plain = false
			i++ // the escaped byte; \uXXXX's digits follow as plain bytes
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	if i >= len(b) {
		return i, false
	}
	raw := b[start:i]
	if plain {
		*s = string(raw)
		return i + 1, true
	}
	out, ok := unescape(raw)
	if !ok {
		return i, false
	}
	*s = out
	return i + 1, true
}

// unescape decodes the escapes of a JSON string's content. It declines
// what encoding/json would change or refuse: invalid UTF-8 and escaped
// surrogates (which it replaces or pairs), unknown escapes.
func unescape(raw []byte) (string, bool) {
	if !utf8.Valid(raw) {
		return "", false
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(raw) {
			return "", false
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+5 > len(raw) {
				return "", false
			}
			var r rune
			for _, h := range raw[i+1 : i+5] {
				switch {
				case '0' <= h && h <= '9':
					r = r<<4 | rune(h-'0')
				case 'a' <= h && h <= 'f':
					r = r<<4 | rune(h-'a'+10)
				case 'A' <= h && h <= 'F':
					r = r<<4 | rune(h-'A'+10)
				default:
					return "", false
				}
			}
			if 0xD800 <= r && r < 0xE000 {
				return "", false
			}
			out = utf8.AppendRune(out, r)
			i += 4
		default:
			return "", false
		}
	}
	return string(out), true
}

// quickObject decodes the JSON object or null at b[i:] into *m with
// encoding/json (numbers as json.Number), and returns the index after it.
func quickObject(b []byte, i int, m *map[string]any) (int, bool) {
	if bytes.HasPrefix(b[i:], []byte("null")) {
		*m = nil
		return i + 4, true
	}
	end, ok := skipObject(b, i)
	if !ok {
		return i, false
	}
	if j := skipSpace(b, i+1); j < end && b[j] == '}' {
		if *m == nil {
			*m = map[string]any{}
		}
		return end, true
	}
	dec := json.NewDecoder(bytes.NewReader(b[i:end]))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return i, false
	}
	// A repeated key adds to the map encoding/json already made.
	if *m == nil {
		*m = v
	} else {
		for k, x := range v {
			(*m)[k] = x
		}
	}
	return end, true
}

// skipObject returns the index after the JSON object at b[i:], checking
// only its brackets and strings (encoding/json checks the rest).
func skipObject(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '{' {
		return i, false
	}
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1, true
			}
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return i, false
			}
		}
	}
	return i, false
}
