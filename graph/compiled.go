package graph

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
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
// For an operation whose every field is in compiledTypes, this executor
// instead compiles the operation once into a plan (a tree of the selected
// fields, with their response keys already encoded) and answers it by
// writing JSON straight from the snapshot into one buffer. Everything
// around execution stays gqlgen's: the transports, parsing and validation
// (gqlparser), the query and persisted-query caches, the depth and
// complexity limits, the operation middleware, the error presenter. The
// plan uses gqlgen's own field collection (fragments, @skip and @include,
// field merging) and gqlgen's generated argument coercion, and calls the
// same resolvers.
//
// It answers byte for byte what the generated executor answers: the tests
// run every query of the suite, and every field of compiledTypes, both
// ways and compare. It answers only when all went well: an operation with
// a field it does not know, a @defer, a resolver error, a null where the
// schema allows none, or a request past its deadline is handed whole to the
// generated executor, which then answers it, errors and all.
type compiledSchema struct {
	graphql.ExecutableSchema
	res   *Resolver
	plans *lru.LRU[*plan]

	// Operations answered by the plan and handed to gqlgen, for tests
	// and metrics.
	compiled, generated atomic.Int64
}

func newCompiledSchema(es graphql.ExecutableSchema, res *Resolver) *compiledSchema {
	return &compiledSchema{ExecutableSchema: es, res: res, plans: lru.New[*plan](1000)}
}

// plan is a compiled operation. A nil root means the operation is not
// compilable and goes to the generated executor.
type plan struct {
	root *planObject
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

// errGenerated hands an operation to the generated executor.
var errGenerated = errors.New("graph: answered by the generated executor")

// Exec answers a query from its plan when it has one, else as gqlgen does.
func (c *compiledSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if p := c.plan(oc); p != nil {
		if data, err := p.run(ctx, c, oc); err == nil {
			c.compiled.Add(1)
			if by, ok := ctx.Value(executedByKey{}).(*executedBy); ok {
				by.name = ExecutorCompiled
			}
			return graphql.OneShot(&graphql.Response{Data: data})
		}
	}
	c.generated.Add(1)
	return c.ExecutableSchema.Exec(ctx)
}

// plan returns the operation's plan, or nil when it has none.
func (c *compiledSchema) plan(oc *graphql.OperationContext) *plan {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || oc.Doc == nil {
		return nil
	}
	// Directives may depend on variables (@include(if: $x)): such an
	// operation is compiled for each request rather than cached.
	cacheable := !strings.Contains(oc.RawQuery, "@")
	key := operationKey(oc)
	if cacheable {
		if p, ok := c.plans.Get(context.Background(), key); ok {
			if p.root == nil {
				return nil
			}
			return p
		}
	}
	p := &plan{root: compileObject(oc, oc.Operation.SelectionSet, "Query", 0)}
	if cacheable && oc.RawQuery != "" {
		c.plans.Add(context.Background(), key, p)
	}
	if p.root == nil {
		return nil
	}
	return p
}

// compileObject compiles the selection sel of an object of GraphQL type
// typ, or returns nil when a field of it is not in compiledTypes.
func compileObject(oc *graphql.OperationContext, sel ast.SelectionSet, typ string, depth int) *planObject {
	t, ok := compiledTypes[typ]
	if !ok || depth > 64 {
		return nil
	}
	fields := graphql.CollectFields(oc, sel, t.implementors)
	out := &planObject{typ: typ, fields: make([]planField, 0, len(fields))}
	for _, f := range fields {
		if len(f.Deferrables) > 0 {
			return nil
		}
		pf := planField{key: strconv.Quote(f.Alias) + ":", field: f.Field}
		if !usesVariables(f.Arguments) {
			pf.args = new(constArgs)
		}
		if !plainKey(f.Alias) {
			return nil // the key would need gqlgen's own quoting
		}
		if f.Name == "__typename" {
			pf.write = writeTypename
			out.fields = append(out.fields, pf)
			continue
		}
		w, ok := t.fields[f.Name]
		if !ok || f.Definition == nil {
			return nil
		}
		pf.write = w
		if len(f.Selections) > 0 {
			if pf.sub = compileObject(oc, f.Selections, f.Definition.Type.Name(), depth+1); pf.sub == nil {
				return nil
			}
		}
		out.fields = append(out.fields, pf)
	}
	return out
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
	res *Resolver
}

func (p *plan) run(ctx context.Context, c *compiledSchema, oc *graphql.OperationContext) (_ []byte, err error) {
	// A panic goes to the generated executor too, which reports it as
	// gqlgen does (the recover function logs it; the client learns only
	// that there was an internal error).
	defer func() {
		if r := recover(); r != nil {
			err = errGenerated
		}
	}()
	es, ok := c.ExecutableSchema.(*executableSchema)
	if !ok {
		return nil, errGenerated
	}
	ec := newExecutionContext(oc, es, nil)
	ctx = graphql.WithLazyInputUnmarshalerIndex(ctx, func() *graphql.InputUnmarshalerIndex {
		return graphql.NewInputUnmarshalerIndex(
			graphql.NewInputUnmarshaler("DocumentFilter", ec.unmarshalInputDocumentFilter),
			graphql.NewInputUnmarshaler("NetworkFilter", ec.unmarshalInputNetworkFilter),
			graphql.NewInputUnmarshaler("ObligationFilter", ec.unmarshalInputObligationFilter),
		)
	})
	x := &execution{ctx: ctx, oc: oc, ec: ec, res: c.res}
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

// object writes obj with the selection o.
func (x *execution) object(b []byte, obj any, o *planObject) ([]byte, error) {
	b = append(b, '{')
	for i := range o.fields {
		f := &o.fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, f.key...)
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
// UTF-8, as they are: looking at bytes gives the same answer, faster.
func appendString(b []byte, s string) []byte {
	if plainString(s) {
		// Most strings: copied whole, into room made once.
		b = slices.Grow(b, len(s)+2)
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	const hex = "0123456789ABCDEF" // gqlgen writes capitals
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
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

// plainString reports whether no byte of s needs escaping. It looks at
// sixteen, then eight bytes at a time (unaligned loads; the order of the
// bytes does not matter; two words at once let the CPU work on both
// together), and at the last bytes of a string of eight or more as the
// last eight, some of them looked at already.
func plainString(s string) bool {
	n := len(s)
	if n < 8 {
		for i := 0; i < n; i++ {
			if mustEscape[s[i]] {
				return false
			}
		}
		return true
	}
	p := unsafe.Pointer(unsafe.StringData(s))
	word := func(i int) uint64 { return *(*uint64)(unsafe.Add(p, i)) }
	i := 0
	for ; i+16 <= n; i += 16 {
		if escapeBits(word(i))|escapeBits(word(i+8)) != 0 {
			return false
		}
	}
	if i+8 <= n {
		if escapeBits(word(i)) != 0 {
			return false
		}
		i += 8
	}
	return i == n || escapeBits(word(n-8)) == 0
}

// anyEscape reports whether any of the eight bytes of x needs escaping:
// is below 0x20, a quote or a backslash (the classic "has less" and "has
// zero byte" bit tricks, exact for this any-question).
func anyEscape(x uint64) bool { return escapeBits(x) != 0 }

// escapeBits is anyEscape's test as bits: zero when no byte of x needs
// escaping.
func escapeBits(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	less := (x - ones*0x20) & ^x & highs
	quote := (x ^ (ones * '"'))
	quote = (quote - ones) & ^quote & highs
	slash := (x ^ (ones * '\\'))
	slash = (slash - ones) & ^slash & highs
	return less | quote | slash
}

// mustEscape marks the bytes appendString escapes.
var mustEscape = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// Writers of field values, by kind. Each takes the getter of the field
// on its Go type T.

func stringField[T any](get func(*T) string) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		return appendString(b, get(obj.(*T))), nil
	}
}

func optStringField[T any](get func(*T) *string) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		if s := get(obj.(*T)); s != nil {
			return appendString(b, *s), nil
		}
		return append(b, "null"...), nil
	}
}

func stringsField[T any](get func(*T) []string) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		b = append(b, '[')
		for i, s := range get(obj.(*T)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), nil
	}
}

func intField[T any](get func(*T) int) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		return strconv.AppendInt(b, int64(get(obj.(*T))), 10), nil
	}
}

func boolField[T any](get func(*T) bool) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		return strconv.AppendBool(b, get(obj.(*T))), nil
	}
}

// floatField writes as graphql.MarshalFloat does (fmt's %g).
func floatField[T any](get func(*T) float64) fieldWriter {
	return func(_ *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		return strconv.AppendFloat(b, get(obj.(*T)), 'g', -1, 64), nil
	}
}

// objectField writes an object-valued field; a nil value is null when
// nullable, else the operation goes to the generated executor (which
// reports the error).
func objectField[T, C any](nullable bool, get func(*T) *C) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, _ *planObject) ([]byte, error) {
		c := get(obj.(*T))
		if c == nil {
			if nullable {
				return append(b, "null"...), nil
			}
			return nil, errGenerated
		}
		return x.object(b, c, f.sub)
	}
}

// listField writes a list of non-null objects.
func listField[T, C any](get func(*T) []*C) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, _ *planObject) ([]byte, error) {
		return appendList(x, b, get(obj.(*T)), f.sub)
	}
}

// valuesField writes a list of objects held by value.
func valuesField[T, C any](get func(*T) []C) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, _ *planObject) ([]byte, error) {
		vs := get(obj.(*T))
		b = append(b, '[')
		for i := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = x.object(b, &vs[i], f.sub); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
}

// stringResolverField writes a String! computed by a resolver without
// arguments.
func stringResolverField[T any](call func(x *execution, obj *T) (string, error)) fieldWriter {
	return func(x *execution, b []byte, obj any, _ *planField, _ *planObject) ([]byte, error) {
		v, err := call(x, obj.(*T))
		if err != nil {
			return nil, errGenerated
		}
		return appendString(b, v), nil
	}
}

func appendList[C any](x *execution, b []byte, items []*C, o *planObject) ([]byte, error) {
	b = append(b, '[')
	for i, c := range items {
		if c == nil {
			return nil, errGenerated
		}
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = x.object(b, c, o); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// argCoercer is a generated argument function (field_Query_obligations_args ...).
type argCoercer func(*executionContext, context.Context, map[string]any) (map[string]any, error)

// resolverArgs readies a resolver call of field f: it fails when the
// request is past its deadline, and coerces f's arguments with coerce as
// the generated executor does (nil: the field has none).
func (x *execution) resolverArgs(f *planField, coerce argCoercer) (map[string]any, error) {
	if x.ctx.Err() != nil {
		return nil, errGenerated
	}
	if coerce == nil {
		return nil, nil
	}
	if f.args != nil {
		if m := f.args.m.Load(); m != nil {
			return *m, nil
		}
	}
	args, err := coerce(x.ec, x.ctx, f.field.ArgumentMap(x.oc.Variables))
	if err != nil {
		return nil, errGenerated
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

// resolverField writes a field computed by a resolver: call runs it on
// obj (nil for Query's fields) with the coerced arguments, and its result
// is written like an object field.
func resolverField[T, R any](nullable bool, coerce argCoercer, call func(x *execution, obj *T, args map[string]any) (*R, error)) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, _ *planObject) ([]byte, error) {
		args, err := x.resolverArgs(f, coerce)
		if err != nil {
			return nil, err
		}
		t, _ := obj.(*T)
		r, err := call(x, t, args)
		if err != nil {
			return nil, errGenerated
		}
		if r == nil {
			if nullable {
				return append(b, "null"...), nil
			}
			return nil, errGenerated
		}
		return x.object(b, r, f.sub)
	}
}

// resolverListField is resolverField for resolvers returning a list of
// non-null objects.
func resolverListField[T, R any](coerce argCoercer, call func(x *execution, obj *T, args map[string]any) ([]*R, error)) fieldWriter {
	return func(x *execution, b []byte, obj any, f *planField, _ *planObject) ([]byte, error) {
		args, err := x.resolverArgs(f, coerce)
		if err != nil {
			return nil, err
		}
		t, _ := obj.(*T)
		rs, err := call(x, t, args)
		if err != nil {
			return nil, errGenerated
		}
		return appendList(x, b, rs, f.sub)
	}
}
