package loader

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

// update rewrites the want sections of the golden cases under testdata/akn
// and testdata/text: go test ./loader -update.
var update = flag.Bool("update", false, "rewrite the want sections of loader/testdata/{akn,text}/*.txtar")

const wantMarker = "-- want --\n"

// splitGolden splits a txtar-like case into its "-- input --" section
// (input names the section: "input.xml", "input.txt") and its "-- want --"
// section.
func splitGolden(t *testing.T, raw []byte, input string) (in []byte, want string) {
	t.Helper()
	s := string(raw)
	head := "-- " + input + " --\n"
	i := strings.Index(s, head)
	j := strings.Index(s, wantMarker)
	if i < 0 || j < i {
		t.Fatalf("case needs %q then %q sections", head, wantMarker)
	}
	return []byte(s[i+len(head) : j]), s[j+len(wantMarker):]
}

// checkGolden compares got with want, or with -update rewrites the case
// file's want section with got.
func checkGolden(t *testing.T, file string, raw []byte, got, want string) {
	t.Helper()
	if *update {
		head := raw[:bytes.Index(raw, []byte(wantMarker))+len(wantMarker)]
		if err := os.WriteFile(file, append(bytes.Clone(head), got...), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("%s: got\n%s\nwant\n%s", file, got, want)
	}
}
