package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Response content types.
const (
	contentJSON            = "application/json"
	contentGraphQLResponse = "application/graphql-response+json"
)

// postTransport is gqlgen's transport.POST (the same requests, content
// types, status codes and answers; TestPOSTTransportIsGqlgens holds it to
// that) with a cheaper way of writing the answer. transport.POST encodes
// the response with encoding/json, which re-validates and copies the
// "data" gqlgen has already encoded, and writes it without a
// Content-Length. A response without errors or extensions is written here
// as {"data":...} around those bytes, with its Content-Length; anything
// else goes through encoding/json as before. (encoding/json would also
// have escaped <, > and & in strings as \u003c, \u003e and \u0026; the
// answer means the same without.) docs/performance.md has the figure
// that keeps it.
type postTransport struct{}

var _ graphql.Transport = postTransport{}

func (postTransport) Supports(r *http.Request) bool { return transport.POST{}.Supports(r) }

func (postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	exec = deadlineExecutor{exec}
	ctx := r.Context()
	ctype := responseContentType(r)
	// The header's value is shared by every answer, not made for each:
	// net/http copies the header as it writes it.
	w.Header()["Content-Type"] = contentTypeHeader[ctype]
	start := graphql.Now()

	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("json request body could not be decoded: %+v body:%s", err, body)}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	rc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		status := http.StatusOK
		if errcode.GetErrorKind(opErr) == errcode.KindProtocol {
			status = http.StatusUnprocessableEntity
			if ctype == contentGraphQLResponse {
				status = http.StatusBadRequest
			}
		}
		w.WriteHeader(status)
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	// The compiled executor writes the answer into a recycled buffer,
	// which comes back here once the answer is written.
	out := &answerBuffer{}
	responses, ctx := exec.DispatchOperation(context.WithValue(ctx, answerBufferKey{}, out), rc)
	resp := responses(ctx)
	if whole := out.framed(resp); whole != nil {
		// The executor wrote the whole answer, {"data":...}, in the buffer.
		w.Header().Set("Content-Length", strconv.Itoa(len(whole)))
		w.Write(whole)
	} else {
		writeResponse(w, resp)
	}
	out.release()
}

var contentTypeHeader = map[string][]string{contentJSON: {contentJSON}, contentGraphQLResponse: {contentGraphQLResponse}}

// getTransport is gqlgen's transport.GET, reporting requests that run out
// of time as deadlineExecutor does.
type getTransport struct{ transport.GET }

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.GET.Do(w, r, deadlineExecutor{exec})
}

// deadlineExecutor answers a request whose context has ended (its
// timeout, or the client gone) with an error saying so. gqlgen's executor
// then answers nothing, which its transports wrote as a bare null: a client
// saw "data": null and no error.
type deadlineExecutor struct{ graphql.GraphExecutor }

func (e deadlineExecutor) DispatchOperation(ctx context.Context, oc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	h, ctx := e.GraphExecutor.DispatchOperation(ctx, oc)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if resp == nil && ctx.Err() != nil {
			// The presenter words and codes it (ETIMEOUT).
			return e.DispatchError(graphql.WithOperationContext(ctx, oc), gqlerror.List{{Err: ctx.Err(), Message: ctx.Err().Error()}})
		}
		return resp
	}, ctx
}

// responseContentType chooses the answer's content type from the Accept
// header as transport.POST does: application/json unless the client
// prefers application/graphql-response+json (or accepts neither).
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return contentJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", contentJSON:
			return contentJSON
		case contentGraphQLResponse:
			return contentGraphQLResponse
		}
	}
	return contentGraphQLResponse
}

var (
	dataPrefix = []byte(`{"data":`)
	dataSuffix = []byte(`}`)
	nullData   = []byte(`null`)
)

// writeResponse writes resp as JSON.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp == nil {
		resp = &graphql.Response{}
	}
	if len(resp.Errors) > 0 || len(resp.Extensions) > 0 || resp.Label != "" || len(resp.Path) > 0 || resp.HasNext != nil {
		b, err := json.Marshal(resp)
		if err != nil {
			b, _ = json.Marshal(&graphql.Response{Errors: gqlerror.List{{Message: "internal error: the answer could not be encoded"}}})
		}
		w.Write(b)
		return
	}
	data := resp.Data
	if len(data) == 0 {
		data = nullData
	}
	if rw, ok := w.(http.ResponseWriter); ok {
		rw.Header().Set("Content-Length", strconv.Itoa(len(dataPrefix)+len(data)+len(dataSuffix)))
	}
	// One write of the whole answer: written in three, the answer crossed
	// net/http's small buffers in pieces, a system call each.
	b := answers.Get().(*[]byte)
	*b = append(append(append((*b)[:0], dataPrefix...), data...), dataSuffix...)
	w.Write(*b)
	if cap(*b) <= maxRecycledAnswer {
		answers.Put(b)
	}
}

// answerBuffer lends the compiled executor a buffer for one answer, on
// behalf of the transport that writes the answer (see postTransport.Do).
// Other transports lend none, and the executor allocates.
//
// The compiled executor writes the answer framed, {"data":...}, and hands
// gqlgen the data inside; when the response is still only that data, the
// transport writes the frame as it is, without copying the data into
// another buffer to frame it.
type answerBuffer struct {
	b     *[]byte
	frame []byte // {"data":...} in *b, once written
}

// framed returns the framed answer when resp is the data inside it and
// nothing more (no errors, no extensions), else nil.
func (a *answerBuffer) framed(resp *graphql.Response) []byte {
	f := a.frame
	if f == nil || resp == nil || len(resp.Errors) > 0 || len(resp.Extensions) > 0 || resp.Label != "" || len(resp.Path) > 0 || resp.HasNext != nil {
		return nil
	}
	d := resp.Data
	if len(d) == 0 || len(f) != len(dataPrefix)+len(d)+len(dataSuffix) || &f[len(dataPrefix)] != &d[0] {
		return nil
	}
	return f
}

type answerBufferKey struct{}

// answers recycles the buffers of answers; the biggest are not kept.
var answers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

const maxRecycledAnswer = 1 << 20

// lend returns a buffer for an answer from ctx's answerBuffer, or nil.
func lendAnswerBuffer(ctx context.Context) *answerBuffer {
	out, _ := ctx.Value(answerBufferKey{}).(*answerBuffer)
	if out == nil || out.b != nil {
		return nil
	}
	out.b = answers.Get().(*[]byte)
	return out
}

// release recycles the buffer, once the answer in it is written.
func (a *answerBuffer) release() {
	if a.b != nil && cap(*a.b) <= maxRecycledAnswer {
		*a.b = (*a.b)[:0]
		answers.Put(a.b)
	}
	a.b, a.frame = nil, nil
}
