package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/resgraph/resgraph"
)

// GizmoLimits bound one Gizmo query.
type GizmoLimits struct {
	// Results is the most results returned; the query stops at it.
	Results int
	// Depth is the deepest followRecursive a query may ask for: every
	// followRecursive must name its depth, at most this.
	Depth int
	// Size is the longest query text, in bytes.
	Size int
}

// DefaultGizmoLimits are the limits of the server's Gizmo endpoint.
var DefaultGizmoLimits = GizmoLimits{Results: 1000, Depth: 5, Size: 16 << 10}

// followRecursive finds the calls whose arguments Gizmo reads as (path or
// predicate, depth, tags).
var followRecursive = regexp.MustCompile(`\.(?:followRecursive|FollowRecursive)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)`)

// Gizmo runs a read-only query in Cayley's Gizmo language (JavaScript:
// g.V("<...>").out("<...>").all()) over the store, within ctx's deadline
// and lim, and returns its results as JSON-ready values (a tag map per
// result, or the values the query emits). The store's vocabulary is in
// docs/store.md. Gizmo has no write calls; the query runs under the
// store's read lock, so writers wait for it: callers must give ctx a
// deadline. Bad queries are EINVALID errors with Gizmo's message.
func (s *Store) Gizmo(ctx context.Context, q string, lim GizmoLimits) (results []any, err error) {
	if err := checkGizmo(q, lim); err != nil {
		return nil, err
	}
	unlock, err := s.readLock()
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer unlock()
	it, err := gizmo.NewSession(s.qs).Execute(ctx, q, cquery.Options{Collation: cquery.JSON, Limit: lim.Results})
	if err != nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "gizmo: %v", err)
	}
	defer it.Close()
	results = []any{}
	for len(results) < lim.Results && it.Next(ctx) {
		if r := it.Result(); r != nil {
			results = append(results, r)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, resgraph.Errorf(resgraph.ETIMEOUT, "gizmo: the query ran out of time after %d results; narrow it or ask for fewer", len(results))
	}
	if err := it.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, resgraph.Errorf(resgraph.ETIMEOUT, "gizmo: the query ran out of time")
		}
		return nil, resgraph.Errorf(resgraph.EINVALID, "gizmo: %v", err)
	}
	return results, nil
}

// checkGizmo enforces the size and depth limits before a query runs.
func checkGizmo(q string, lim GizmoLimits) error {
	if len(q) == 0 {
		return resgraph.Errorf(resgraph.EINVALID, "gizmo: empty query")
	}
	if lim.Size > 0 && len(q) > lim.Size {
		return resgraph.Errorf(resgraph.EINVALID, "gizmo: query of %d bytes is longer than the limit of %d", len(q), lim.Size)
	}
	if lim.Results <= 0 {
		return resgraph.Errorf(resgraph.EINVALID, "gizmo: the result limit must be positive")
	}
	for _, m := range followRecursive.FindAllStringSubmatch(q, -1) {
		args := splitArgs(m[1])
		if len(args) < 2 {
			return resgraph.Errorf(resgraph.EINVALID, "gizmo: followRecursive needs an explicit depth (at most %d) as its second argument", lim.Depth)
		}
		d, err := strconv.Atoi(args[1])
		if err != nil || d <= 0 || d > lim.Depth {
			return resgraph.Errorf(resgraph.EINVALID, "gizmo: followRecursive depth %q: want a number from 1 to %d", args[1], lim.Depth)
		}
	}
	return nil
}

// splitArgs splits a call's argument list at its top-level commas.
func splitArgs(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" || len(out) > 0 {
		out = append(out, t)
	}
	return out
}
