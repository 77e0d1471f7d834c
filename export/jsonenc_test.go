package export

import (
	"encoding/json"
	"testing"
)

// TestAppendJSON: the hand-rolled encoder matches encoding/json.
func TestAppendJSON(t *testing.T) {
	for _, v := range []any{"plain", "quote \" back \\ nl \n tab \t cr \r", "<a&b>", "\x01\x1f", "bad \xff utf8",
		"État – ok \u2028 \u2029", true, false, 0, -42, 0.15, 1e-7, 123456789.125, []string{"a", "b\"c"}, []string{}} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSON(nil, v); string(got) != string(want) {
			t.Errorf("appendJSON(%#v) = %s, want %s", v, got, want)
		}
	}
}
