// Package web serves the Resgraph explorer: a page at / where an analyst
// searches actors, documents and paragraph text, explores the graph around a
// node with Cytoscape.js, reads an obligation in its paragraph with the
// extracted parts marked, and lists who must do what for an actor.
//
// The page's own code (plain ES modules, HTML, CSS in static/) is committed
// and embedded in the binary. Third-party code (Cytoscape.js and the fCoSE
// layout) is not committed: it comes from npm through web/package-lock.json
// and is served from web/node_modules at run time, under /vendor/. When
// node_modules is missing, Handler runs `npm ci` there once in the
// background and, until it is done, / answers with a page that says what is
// happening and exactly what to run by hand. docs/explorer.md explains the
// choice.
//
// The page talks only to the GraphQL endpoint (Options.GraphQL, /graphql by
// default); this package holds no data and imports no other Resgraph package.
package web
