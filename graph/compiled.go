package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/resgraph/resgraph"
)

// compiledSchema is the executable schema NewHandler serves: gqlgen's
// generated one, with a faster way of answering the common read queries.
//
// gqlgen's generated executor resolves and marshals every field of every
// object through a chain of closures, field contexts and marshaler values,
// about ten heap objects per field: 7,500 objects for a page of 50
// obligations, 28,500 for a neighbourhood. Over the whole corpus at 50
// concurrent clients, allocating them and collecting them (while marking
// the snapshot) took most of the CPU of a request (docs/api.md,
// "The compiled executor").
//
// For an operation whose every field is in compiledTypes (written by
// internal/fieldgen from the schema and gqlgen's bindings), this executor
// instead compiles the operation once into a plan (a tree of the selected
// fields, with their response keys already encoded) and answers it by
// writing JSON straight from the snapshot into one buffer. Everything
// around execution stays gqlgen's: the transports, parsing and validation
// (gqlparser), the query and persisted-query caches, the depth and
// complexity limits, the operation middleware, the error presenter. The
// plan uses gqlgen's own field collection (fragments, @skip and @include,
// field merging) and gqlgen's generated argument coercion, and gets each
// value as generated.go does.
//
// It answers byte for byte what the generated executor answers: the tests
// run every query of the suite, and every field of compiledTypes, both
// ways and compare. It answers only when all went well: an operation with
// a field it has no writer for, introspection, a @defer, a resolver error,
// a null where the schema allows none, a request past its deadline or a
// panic is handed whole to the generated executor, which then answers it,
// errors and all. Every such fallback is counted by reason
// (resgraph_graphql_compiled_fallbacks_total) and logged the first time
// its reason and detail are seen.
type compiledSchema struct {
	graphql.ExecutableSchema
	res   ResolverRoot
	plans *lru.LRU[*plan]
	log   *slog.Logger

	// Operations answered by the plan and handed to gqlgen, for tests.
	compiled, generated atomic.Int64

	fallbacks *prometheus.CounterVec
	byReason  map[string]prometheus.Counter // fallbacks' children, one per reason

	mu     sync.Mutex
	logged map[fallbackKey]bool // reasons and details logged once
}

// Why an operation went to the generated executor: the values of the
// reason label of resgraph_graphql_compiled_fallbacks_total.
const (
	fallbackNotQuery      = "not_query"        // not a query operation (the schema has no other)
	fallbackIntrospection = "introspection"    // __schema or __type
	fallbackUncompiled    = "uncompiled_field" // a field with no writer (uncompiledFields)
	fallbackDefer         = "defer"            // a @defer'd fragment
	fallbackResolverError = "resolver_error"   // a resolver or argument error, which gqlgen reports
	fallbackNull          = "null"             // a null where the schema allows none
	fallbackInvalid       = "invalid_value"    // a value gqlgen does not marshal (a NaN float)
	fallbackTimeout       = "timeout"          // the request past its deadline or canceled
	fallbackPanic         = "panic"            // a panic while writing the answer
	fallbackInternal      = "internal"         // generated.go is not what this file expects
)

var fallbackReasons = []string{fallbackNotQuery, fallbackIntrospection, fallbackUncompiled, fallbackDefer,
	fallbackResolverError, fallbackNull, fallbackInvalid, fallbackTimeout, fallbackPanic, fallbackInternal}

// maxLoggedFallbacks bounds the distinct fallbacks logged (details of
// panics and errors could be many).
const maxLoggedFallbacks = 256

// fallback is why an operation went to the generated executor.
type fallback struct {
	reason string // one of the fallback constants
	detail string // the field, and what happened there
	stack  string // of a panic
}

// fallbackKey is what a fallback is logged once for.
type fallbackKey struct{ reason, detail string }

func (f *fallback) Error() string {
	return "graph: answered by the generated executor: " + f.reason + ": " + f.detail
}

func newCompiledSchema(es graphql.ExecutableSchema, res ResolverRoot, log *slog.Logger, fallbacks *prometheus.CounterVec) *compiledSchema {
	c := &compiledSchema{ExecutableSchema: es, res: res, plans: lru.New[*plan](1000), log: log,
		fallbacks: fallbacks, byReason: map[string]prometheus.Counter{}, logged: map[fallbackKey]bool{}}
	for _, r := range fallbackReasons {
		c.byReason[r] = fallbacks.WithLabelValues(r)
	}
	return c
}

// plan is a compiled operation. A nil root means the operation is not
// compilable, for the reason why.
type plan struct {
	root *planObject
	why  *fallback
	size atomic.Int64 // size of the last answer, to size the next buffer
}

// planObject is the selection of one object type.
type planObject struct {
	typ    string
	fields []planField
}

// planField is one field of a selection.
type planField struct {
	key   string // the response key, JSON-encoded, with its colon
	field *ast.Field
	write fieldWriter
	sub   *planObject // the field's own selection, for object fields
	// args holds the field's coerced arguments once known, when they use
	// no variables and so are the same for every run of the plan; nil
	// when they use variables.
	args *constArgs
}

// constArgs are a field's coerced arguments, shared by the runs of a plan:
// resolvers only read them.
type constArgs struct {
	m atomic.Pointer[map[string]any]
}

// compiledType is what the compiled executor knows of one GraphQL object
// type: its implementors (as the generated code lists them, for fragment
// type conditions) and a writer per field it can answer.
type compiledType struct {
	implementors []string
	fields       map[string]fieldWriter
}

// queryRoot stands for the Query object, which has no Go value.
type queryRoot struct{}

// Exec answers a query from its plan when it has one, else as gqlgen does.
func (c *compiledSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	p, why := c.plan(oc)
	if p != nil {
		data, err := p.run(ctx, c, oc)
		if err == nil {
			c.compiled.Add(1)
			if by, ok := ctx.Value(executedByKey{}).(*executedBy); ok {
				by.name = ExecutorCompiled
			}
			return graphql.OneShot(&graphql.Response{Data: data})
		}
		if !errors.As(err, &why) {
			why = &fallback{reason: fallbackInternal, detail: err.Error()}
		}
	}
	c.fellBack(ctx, why)
	return c.ExecutableSchema.Exec(ctx)
}

// fellBack counts a fallback, and logs it the first time its reason and
// detail are seen.
func (c *compiledSchema) fellBack(ctx context.Context, why *fallback) {
	c.generated.Add(1)
	c.byReason[why.reason].Inc()
	c.mu.Lock()
	key := fallbackKey{why.reason, why.detail}
	first := !c.logged[key] && len(c.logged) < maxLoggedFallbacks
	if first {
		c.logged[key] = true
		if len(c.logged) == maxLoggedFallbacks {
			c.log.WarnContext(ctx, "compiled executor: no more distinct fallbacks will be logged; resgraph_graphql_compiled_fallbacks_total still counts them", LogCount, maxLoggedFallbacks)
		}
	}
	c.mu.Unlock()
	if !first {
		return
	}
	level := slog.LevelInfo
	switch why.reason {
	case fallbackPanic, fallbackInternal:
		level = slog.LevelError
	case fallbackNull, fallbackInvalid:
		level = slog.LevelWarn
	}
	attrs := []any{LogReason, why.reason, LogDetail, why.detail}
	if why.stack != "" {
		attrs = append(attrs, LogStack, why.stack)
	}
	c.log.Log(ctx, level, "compiled executor: handed to the generated executor (logged once; counted in resgraph_graphql_compiled_fallbacks_total)", attrs...)
}

// plan returns the operation's plan, or why it has none.
func (c *compiledSchema) plan(oc *graphql.OperationContext) (*plan, *fallback) {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || oc.Doc == nil {
		return nil, &fallback{reason: fallbackNotQuery, detail: "not a query"}
	}
	// Directives may depend on variables (@include(if: $x)): such an
	// operation is compiled for each request rather than cached.
	cacheable := !strings.Contains(oc.RawQuery, "@")
	key := operationKey(oc)
	if cacheable {
		if p, ok := c.plans.Get(context.Background(), key); ok {
			if p.root == nil {
				return nil, p.why
			}
			return p, nil
		}
	}
	root, why := compileObject(oc, oc.Operation.SelectionSet, "Query", 0)
	p := &plan{root: root, why: why}
	if cacheable && oc.RawQuery != "" {
		c.plans.Add(context.Background(), key, p)
	}
	if p.root == nil {
		return nil, why
	}
	return p, nil
}

// compileObject compiles the selection sel of an object of GraphQL type
// typ, or returns why it cannot.
func compileObject(oc *graphql.OperationContext, sel ast.SelectionSet, typ string, depth int) (*planObject, *fallback) {
	t, ok := compiledTypes[typ]
	if !ok {
		return nil, &fallback{reason: fallbackUncompiled, detail: "type " + typ + " is not compiled"}
	}
	if depth > 64 {
		return nil, &fallback{reason: fallbackUncompiled, detail: "nested more than 64 deep"}
	}
	fields := graphql.CollectFields(oc, sel, t.implementors)
	out := &planObject{typ: typ, fields: make([]planField, 0, len(fields))}
	for _, f := range fields {
		if len(f.Deferrables) > 0 {
			return nil, &fallback{reason: fallbackDefer, detail: typ + "." + f.Name}
		}
		pf := planField{key: strconv.Quote(f.Alias) + ":", field: f.Field}
		if !usesVariables(f.Arguments) {
			pf.args = new(constArgs)
		}
		if !plainKey(f.Alias) {
			// Names are [_A-Za-z][_0-9A-Za-z]*: this guards the assumption.
			return nil, &fallback{reason: fallbackUncompiled, detail: "response key " + strconv.Quote(f.Alias) + " needs gqlgen's own quoting"}
		}
		switch {
		case f.Name == "__typename":
			pf.write = writeTypename
			out.fields = append(out.fields, pf)
			continue
		case strings.HasPrefix(f.Name, "__"):
			return nil, &fallback{reason: fallbackIntrospection, detail: typ + "." + f.Name}
		}
		w, ok := t.fields[f.Name]
		if !ok || f.Definition == nil {
			detail := typ + "." + f.Name
			if why := uncompiledFields[detail]; why != "" {
				detail += ": " + why
			}
			return nil, &fallback{reason: fallbackUncompiled, detail: detail}
		}
		pf.write = w
		if len(f.Selections) > 0 {
			var why *fallback
			if pf.sub, why = compileObject(oc, f.Selections, f.Definition.Type.Name(), depth+1); why != nil {
				return nil, why
			}
		}
		out.fields = append(out.fields, pf)
	}
	return out, nil
}

// plainKey reports whether strconv.Quote encodes a response key as
// gqlgen does: names are [_A-Za-z][_0-9A-Za-z]*, so always; this guards the
// assumption.
func plainKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// execution is the state of one run of a plan.
type execution struct {
	ctx context.Context
	oc  *graphql.OperationContext
	ec  *executionContext
	res ResolverRoot
	in  *planObject // the selection being written, for panics
	at  *planField  // and its field
}

func (p *plan) run(ctx context.Context, c *compiledSchema, oc *graphql.OperationContext) (_ []byte, err error) {
	x := &execution{ctx: ctx, oc: oc, res: c.res}
	// A panic goes to the generated executor too, which reports it as
	// gqlgen does (the recover function logs it; the client learns only
	// that there was an internal error).
	defer func() {
		if r := recover(); r != nil {
			err = &fallback{reason: fallbackPanic, detail: fmt.Sprintf("%s: %v", x.where(), r), stack: string(debug.Stack())}
		}
	}()
	es, ok := c.ExecutableSchema.(*executableSchema)
	if !ok {
		return nil, &fallback{reason: fallbackInternal, detail: fmt.Sprintf("the executable schema is a %T, not generated.go's", c.ExecutableSchema)}
	}
	x.ec = newExecutionContext(oc, es, nil)
	x.ctx = graphql.WithLazyInputUnmarshalerIndex(ctx, func() *graphql.InputUnmarshalerIndex {
		return graphql.NewInputUnmarshalerIndex(
			graphql.NewInputUnmarshaler("DocumentFilter", x.ec.unmarshalInputDocumentFilter),
			graphql.NewInputUnmarshaler("NetworkFilter", x.ec.unmarshalInputNetworkFilter),
			graphql.NewInputUnmarshaler("ObligationFilter", x.ec.unmarshalInputObligationFilter),
		)
	})
	var b []byte
	lent := lendAnswerBuffer(ctx)
	if lent != nil {
		// Framed for the transport (answerBuffer).
		b = append((*lent.b)[:0], dataPrefix...)
	} else {
		b = make([]byte, 0, max(512, p.size.Load()+p.size.Load()/8))
	}
	b, err = x.object(b, nil, p.root)
	if lent != nil {
		if err == nil {
			b = append(b, dataSuffix...)
			if cap(b) > cap(*lent.b) {
				*lent.b = b // grown: recycle the bigger one
			}
			lent.frame = b
			b = b[len(dataPrefix) : len(b)-len(dataSuffix) : len(b)-len(dataSuffix)]
		} else {
			lent.release()
		}
	}
	if err != nil {
		return nil, err
	}
	p.size.Store(int64(len(b)))
	return b, nil
}

// where names the field being written, for panics.
func (x *execution) where() string {
	if x.at == nil {
		return "Query"
	}
	return x.in.typ + "." + x.at.field.Name
}

// fallback returns a fallback at field f of selection o, with the code of
// the error that made it (resgraph.ErrorCode), if any.
func fallbackAt(reason string, o *planObject, f *planField, err error) error {
	detail := o.typ + "." + f.field.Name
	if err != nil {
		detail += ": " + resgraph.ErrorCode(err)
	}
	return &fallback{reason: reason, detail: detail}
}

// object writes obj with the selection o.
func (x *execution) object(b []byte, obj any, o *planObject) ([]byte, error) {
	b = append(b, '{')
	for i := range o.fields {
		f := &o.fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, f.key...)
		x.in, x.at = o, f
		var err error
		if b, err = f.write(x, b, obj, f, o); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// fieldWriter appends the JSON value of field f of obj (an object of
// the selection o) to b.
type fieldWriter func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error)

func writeTypename(_ *execution, b []byte, _ any, _ *planField, o *planObject) ([]byte, error) {
	return appendString(b, o.typ), nil
}

// appendString appends s as a JSON string exactly as gqlgen's
// graphql.MarshalString writes it (which escapes less than encoding/json).
// gqlgen looks at runes, but escapes only ASCII ones (controls, quote,
// backslash) and copies the bytes of every other rune, and of invalid
// UTF-8, as they are: looking at bytes gives the same answer. Most strings
// need no escape and are copied whole once a look through a byte table
// (as encoding/json's) finds none.
func appendString(b []byte, s string) []byte {
	i := 0
	for i < len(s) && !mustEscape[s[i]] {
		i++
	}
	b = slices.Grow(b, len(s)+2)
	b = append(b, '"')
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	const hex = "0123456789ABCDEF" // gqlgen writes capitals
	start := 0
	for ; i < len(s); i++ {
		c := s[i]
		if !mustEscape[c] {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		default:
			b = append(b, `\u00`...)
			b = append(b, hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// mustEscape marks the bytes appendString escapes.
var mustEscape = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// The field table (compiled_fields.go) builds each field's writer from a
// getter, which gets the value as generated.go does, and, for scalars, an
// appender, which writes one value as gqlgen marshals it.

// fieldArgs holds a field's coerced arguments, which getters read as
// generated.go does: fc.Args["first"].(*int).
type fieldArgs struct{ Args map[string]any }

// getter returns the value of a field of obj (nil for Query's fields),
// from a Go field or method of obj, or from a resolver of res.
type getter[T, R any] func(ctx context.Context, res ResolverRoot, obj *T, fc fieldArgs) (R, error)

// fieldCall says how to call a field's getter: with arguments coerced by
// args (nil when the field has none); a resolver is called only while the
// request has time left.
type fieldCall struct {
	args     argCoercer
	resolver bool
}

// argCoercer is a generated argument function (field_Query_obligations_args ...).
type argCoercer func(*executionContext, context.Context, map[string]any) (map[string]any, error)

// appender appends a scalar value as gqlgen marshals it, or reports that
// gqlgen would refuse it.
type appender[V any] func(b []byte, v V) ([]byte, bool)

func jsonString(b []byte, s string) ([]byte, bool) { return appendString(b, s), true }

func jsonInt(b []byte, i int) ([]byte, bool) { return strconv.AppendInt(b, int64(i), 10), true }

func jsonBool(b []byte, v bool) ([]byte, bool) { return strconv.AppendBool(b, v), true }

// jsonFloat writes as graphql.MarshalFloatContext does (fmt's %g), which
// refuses infinities and NaN.
func jsonFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64), true
}

// jsonMarshaler writes a value of a type with its own MarshalGQL (the
// model's enums).
func jsonMarshaler[V graphql.Marshaler](b []byte, v V) ([]byte, bool) {
	w := bytes.NewBuffer(b)
	v.MarshalGQL(w)
	return w.Bytes(), true
}

// get calls the getter of field f of obj as c says.
func get[T, R any](x *execution, c fieldCall, o *planObject, f *planField, obj any, g getter[T, R]) (R, error) {
	var fc fieldArgs
	if c.resolver || c.args != nil {
		var err error
		if fc.Args, err = x.fieldArgs(c, o, f); err != nil {
			var zero R
			return zero, err
		}
	}
	t, _ := obj.(*T)
	v, err := g(x.ctx, x.res, t, fc)
	if err != nil {
		return v, fallbackAt(fallbackResolverError, o, f, err)
	}
	return v, nil
}

// fieldArgs readies a call of field f's getter: it fails when a resolver
// would run past the request's deadline, and coerces f's arguments as the
// generated executor does.
func (x *execution) fieldArgs(c fieldCall, o *planObject, f *planField) (map[string]any, error) {
	if c.resolver {
		if err := x.ctx.Err(); err != nil {
			return nil, &fallback{reason: fallbackTimeout, detail: err.Error()}
		}
	}
	if c.args == nil {
		return nil, nil
	}
	if f.args != nil {
		if m := f.args.m.Load(); m != nil {
			return *m, nil
		}
	}
	args, err := c.args(x.ec, x.ctx, f.field.ArgumentMap(x.oc.Variables))
	if err != nil {
		return nil, fallbackAt(fallbackResolverError, o, f, err)
	}
	if f.args != nil {
		f.args.m.Store(&args)
	}
	return args, nil
}

// usesVariables reports whether any argument's value is or holds a
// variable.
func usesVariables(args ast.ArgumentList) bool {
	for _, a := range args {
		if valueUsesVariables(a.Value) {
			return true
		}
	}
	return false
}

func valueUsesVariables(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, c := range v.Children {
		if valueUsesVariables(c.Value) {
			return true
		}
	}
	return false
}

// Writers of fields, by the shape of their value.

// scalar writes a scalar or enum held by value.
func scalar[T, V any](c fieldCall, g getter[T, V], app appender[V]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		v, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		b, ok := app(b, v)
		if !ok {
			return nil, fallbackAt(fallbackInvalid, o, f, nil)
		}
		return b, nil
	}
}

// optScalar writes a scalar held by pointer: nil is null when nullable.
func optScalar[T, V any](c fieldCall, nullable bool, g getter[T, *V], app appender[V]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		v, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		if v == nil {
			if nullable {
				return append(b, "null"...), nil
			}
			return nil, fallbackAt(fallbackNull, o, f, nil)
		}
		b, ok := app(b, *v)
		if !ok {
			return nil, fallbackAt(fallbackInvalid, o, f, nil)
		}
		return b, nil
	}
}

// scalars writes a list of non-null scalars: nil is null when the list is
// nullable, else empty (as gqlgen writes it).
func scalars[T, V any](c fieldCall, nullable bool, g getter[T, []V], app appender[V]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		vs, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		if vs == nil && nullable {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, v := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = app(b, v); !ok {
				return nil, fallbackAt(fallbackInvalid, o, f, nil)
			}
		}
		return append(b, ']'), nil
	}
}

// object writes an object: nil is null when nullable.
func object[T, C any](c fieldCall, nullable bool, g getter[T, *C]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		v, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		if v == nil {
			if nullable {
				return append(b, "null"...), nil
			}
			return nil, fallbackAt(fallbackNull, o, f, nil)
		}
		return x.object(b, v, f.sub)
	}
}

// objects writes a list of objects held by pointer.
func objects[T, C any](c fieldCall, nullable, elemNullable bool, g getter[T, []*C]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		vs, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		if vs == nil && nullable {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, v := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			if v == nil {
				if !elemNullable {
					return nil, fallbackAt(fallbackNull, o, f, nil)
				}
				b = append(b, "null"...)
				continue
			}
			if b, err = x.object(b, v, f.sub); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
}

// objectValues writes a list of objects held by value.
func objectValues[T, C any](c fieldCall, nullable bool, g getter[T, []C]) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, o *planObject) ([]byte, error) {
		vs, err := get(x, c, o, f, obj, g)
		if err != nil {
			return nil, err
		}
		if vs == nil && nullable {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = x.object(b, &vs[i], f.sub); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
}
