// Package web serves the Resgraph explorer: a page at / where an analyst
// searches actors, documents and paragraph text, explores the graph around a
// node with Cytoscape.js, reads an obligation in its paragraph with the
// extracted parts marked, and lists who must do what for an actor.
//
// Everything the page loads is embedded in the binary, so `go install` gives
// a working explorer with no npm, no network and no checkout at run time:
// the page's own code (plain ES modules, HTML, CSS in static/) and the
// third-party code (Cytoscape.js and the fCoSE layout with its two
// dependencies), served under /vendor/. The third-party files are the npm
// packages' own builds, committed in third_party/ with each package's
// licence and a manifest.json of versions and checksums. They are refreshed
// from package-lock.json by
//
//	go generate ./web
//
// which runs internal/vendorgen: `npm ci` in a temporary folder, then a copy
// of the files vendor.json names. The package's tests check the embedded
// files against vendor.json, the lock file and the manifest.
// docs/explorer.md explains the choice.
//
// Options.Live serves the page's own files from a checkout's web/static on
// disk instead, for working on the page.
//
// The page talks only to the GraphQL endpoint (Options.GraphQL, /graphql by
// default); this package holds no data and imports no other Resgraph package.
package web
