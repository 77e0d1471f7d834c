package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadAKN checks that ReadAKN never panics, is deterministic, keeps
// paragraph extents inside the input with positions matching Position,
// and that the fast scanner agrees with encoding/xml wherever it accepts
// the input. The seeds (the testdata cases and, when the corpus is there,
// a few real files) run under plain go test; fuzz with
//
//	go test ./loader -run '^$' -fuzz FuzzReadAKN -fuzztime 60s
func FuzzReadAKN(f *testing.F) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "akn", "*.txtar"))
	for _, c := range cases {
		raw, err := os.ReadFile(c)
		if err != nil {
			f.Fatal(err)
		}
		s := string(raw)
		i, j := bytes.Index(raw, []byte("-- input.xml --\n")), bytes.Index(raw, []byte("-- want --\n"))
		if i >= 0 && j > i {
			f.Add([]byte(s[i+len("-- input.xml --\n") : j]))
		}
	}
	if dir, ok := findCorpus(); ok {
		for _, rel := range []string{
			"Pre-2020/2012/S_RES_2085_N1266067.xml",       // the seed's adopted text
			"PRST/2000/S_PRST_2000_13-0040019E.xml",       // malformed: stray </docTitle>
			"Pre-2020/2013/S_RES_2100_1331417e.xml",       // items broken out as sibling paragraphs
			"2022/English/S_RES_2662-2226129E.xml",        // loose points after an alinea
			"Not adopted/English/S_2024_173-2403217E.xml", // a draft
		} {
			if data, err := os.ReadFile(filepath.Join(dir, "unxml-sc", rel)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`<akomaNtoso><statement><coverPage><docNumber>S/RES/1 (1946)</docNumber></coverPage><mainBody><paragraph><num>(a)</num><content><p>x</p></content></paragraph></mainBody></statement></akomaNtoso>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc1, err1 := ReadAKN(data, "fuzz.xml")
		doc2, err2 := ReadAKN(data, "fuzz.xml")
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("not deterministic: %v, then %v", err1, err2)
		}
		if err1 != nil {
			var pe *ParseError
			if !errors.As(err1, &pe) {
				t.Fatalf("error %v is not a *ParseError", err1)
			}
		} else {
			j1, _ := json.Marshal(doc1)
			j2, _ := json.Marshal(doc2)
			if !bytes.Equal(j1, j2) {
				t.Fatalf("not deterministic:\n%s\n%s", j1, j2)
			}
			ids := map[string]bool{}
			for _, p := range doc1.Paragraphs {
				if p.Start < 0 || p.End < p.Start || p.End > len(data) {
					t.Fatalf("%s: extent %d-%d outside the input (%d bytes)", p.ID, p.Start, p.End, len(data))
				}
				if l, c := Position(data, p.Start); l != p.Line || c != p.Column {
					t.Fatalf("%s: at %d:%d, Position says %d:%d", p.ID, p.Line, p.Column, l, c)
				}
				if ids[p.ID] {
					t.Fatalf("duplicate id %s", p.ID)
				}
				ids[p.ID] = true
			}
		}
		b := newTreeBuilder(data, "fuzz.xml")
		if err := scanXML(data, b); err != nil {
			return // left to encoding/xml
		}
		got, gotW, errF := b.finish()
		want, wantW, errS := parseXMLTreeStd(data, "fuzz.xml")
		if (errF == nil) != (errS == nil) {
			t.Fatalf("fast scanner: %v; encoding/xml: %v", errF, errS)
		}
		if errF != nil {
			if errF.Error() != errS.Error() {
				t.Fatalf("fast scanner: %v; encoding/xml: %v", errF, errS)
			}
			return
		}
		if d := diffTree(got, want); d != "" {
			t.Fatalf("trees differ: %s", d)
		}
		if len(gotW) != len(wantW) {
			t.Fatalf("warnings %q, encoding/xml %q", gotW, wantW)
		}
	})
}
