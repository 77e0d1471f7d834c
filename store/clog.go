package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/cayleygraph/cayley/clog"
)

// SetCayleyLogger sends Cayley's package-global log (clog) to l, with
// component=cayley. Call it once, from main: Cayley offers no per-store
// logger.
func SetCayleyLogger(l *slog.Logger) {
	clog.SetLogger(&clogAdapter{l: l.With("component", "cayley")})
}

type clogAdapter struct {
	l *slog.Logger
	v int
}

func (a *clogAdapter) log(level slog.Level, format string, args ...any) {
	a.l.Log(context.Background(), level, fmt.Sprintf(format, args...))
}

func (a *clogAdapter) Infof(format string, args ...any)    { a.log(slog.LevelInfo, format, args...) }
func (a *clogAdapter) Warningf(format string, args ...any) { a.log(slog.LevelWarn, format, args...) }
func (a *clogAdapter) Errorf(format string, args ...any)   { a.log(slog.LevelError, format, args...) }

// Fatalf logs and exits, as Cayley expects of it; Cayley calls it only on
// start-up misconfiguration.
func (a *clogAdapter) Fatalf(format string, args ...any) {
	a.log(slog.LevelError, format, args...)
	os.Exit(1)
}

func (a *clogAdapter) V(level int) bool { return level <= a.v }
func (a *clogAdapter) SetV(level int)   { a.v = level }
