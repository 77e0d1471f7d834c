package graph

import (
	_ "embed"
	"html/template"
	"net/http"
	"strings"
)

//go:embed playground.html
var playgroundHTML string

// Playground returns a handler serving the interactive query page: a query
// editor, variables, a run button, the result, example queries and schema
// docs read by introspection. It is self-contained (no CDN), so it works
// offline. endpoint is the URL path of the GraphQL endpoint ("/graphql").
func Playground(endpoint string) http.Handler {
	page := []byte(strings.ReplaceAll(playgroundHTML, "{{ENDPOINT}}", template.JSEscapeString(template.HTMLEscapeString(endpoint))))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	})
}

// WantsHTML reports whether a request is a browser asking for a page (GET
// with text/html accepted and no query), rather than a GraphQL GET.
func WantsHTML(r *http.Request) bool {
	return r.Method == http.MethodGet && r.URL.Query().Get("query") == "" &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}
