// Package server is Resgraph's HTTP server: it keeps a read-model snapshot
// of the graph store fresh (snapshot.go) and serves, over it,
//
//   - /graphql: the GraphQL API (package graph), with a query page for
//     browsers at /graphql and /playground;
//   - /export/{view}.{format}: network views for Gephi, Cytoscape, NetworkX
//     and RDF tools (package export);
//   - /query/gizmo: read-only Gizmo graph queries over the store, with time,
//     depth and result limits (package store);
//   - /admin/load: documents posted by `resgraph load -server`, behind a
//     bearer token;
//   - /healthz and Prometheus /metrics;
//   - / : the explorer (package web);
//
// with CORS for the allowed origins. Every handler reports a failure through
// one function, writeError (errors.go), which maps the domain's error codes
// (resgraph.Error) to an HTTP status and a message safe to show a client;
// internal errors are logged and answered "internal error".
//
// cmd/resgraph only parses flags and calls New and Serve.
package server
