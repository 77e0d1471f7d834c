// Package loader turns Security Council texts into resgraph domain values.
//
// It reads two formats, detected from the content: the UN's Akoma Ntoso XML
// (AKN4UN) and plain text (pdftotext output of UN PDFs, and hand-corrected
// early texts). Read returns a *resgraph.Document with its paragraphs; an
// Extractor then finds the document's actions (directives, tasks, stances),
// references and acronym definitions, resolving actors against a Registry.
//
// The loader is pure: no store, no GraphQL, no I/O beyond the bytes it is
// given. Errors carry the file name and line:column of the problem.
package loader
