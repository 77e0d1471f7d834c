package server

import (
	"bytes"
	"log/slog"
	"runtime/debug"
	"strings"
	"testing"
)

func TestWarnNearMemoryLimit(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	for _, tc := range []struct {
		name  string
		limit int64
		warn  bool
	}{
		{"limit far below the live heap", 1 << 20, true},
		{"limit far above it", 1 << 40, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetMemoryLimit(tc.limit)
			var buf bytes.Buffer
			warnNearMemoryLimit(slog.New(slog.NewTextHandler(&buf, nil)))
			if got := strings.Contains(buf.String(), "raise -memory-limit"); got != tc.warn {
				t.Errorf("warning logged = %v, want %v (log: %q)", got, tc.warn, buf.String())
			}
		})
	}
}
