// Resgraph turns UN Security Council resolutions into a knowledge graph of
// actors, obligations and resolutions, and serves it.
//
// Usage:
//
//	resgraph extract [-format json|text] PATH...      read documents, print the model and extraction
//	resgraph load [-db PATH] PATH...                  load documents into the graph store
//	resgraph serve [-addr 127.0.0.1:8080] [-db PATH]  serve GraphQL, the explorer and exports
//	resgraph export -view V -format F [filters]       write a view of the graph for network tools
//
// PATH may be a file or a directory, read recursively. Run `resgraph CMD -h`
// for every flag of a subcommand.
package main
