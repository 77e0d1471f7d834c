package web

import "embed"

// The third-party files the page loads, with their licences and
// manifest.json, are committed under third_party/ (not vendor/: the go
// command leaves a vendor folder's subfolders out of module zips, so
// `go install …@version` would miss the licences). Refresh them after a
// change to package-lock.json or vendor.json:
//
//go:generate go run ./internal/vendorgen
//go:embed third_party
var thirdPartyFS embed.FS

//go:embed static
var staticFS embed.FS
