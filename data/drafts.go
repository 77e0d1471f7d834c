package data

import (
	"bufio"
	"strings"
	"sync"

	"github.com/resgraph/resgraph"
)

//go:generate go run ../internal/gendrafts -out drafts.tsv

// DraftsFile is the name in FS of the table from draft symbols to the
// resolutions they became, generated from the AKN corpus metadata.
const DraftsFile = "drafts.tsv"

var drafts = sync.OnceValue(func() map[resgraph.Symbol]resgraph.Symbol {
	m := map[resgraph.Symbol]resgraph.Symbol{}
	f, err := FS.Open(DraftsFile)
	if err != nil {
		return m // no table: no draft is known
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		draft, adopted, ok := strings.Cut(line, "\t")
		if ok {
			m[resgraph.Symbol(draft)] = resgraph.Symbol(adopted)
		}
	}
	return m
})

// AdoptedSymbol returns the resolution a draft became ("S/2012/946" ->
// "S/RES/2085 (2012)"), or "" when the draft is unknown or was not adopted.
// A plain-text draft does not say what it became; the loader stays pure, so
// callers (resgraph extract, load) fill Document.AdoptedSymbol with this.
func AdoptedSymbol(draft resgraph.Symbol) resgraph.Symbol {
	return drafts()[draft]
}

// FillAdopted sets the adopted resolution of a draft the project's list
// (drafts.tsv) knows, when the document itself does not say.
func FillAdopted(doc *resgraph.Document) {
	if doc.Kind == resgraph.KindDraftResolution && doc.AdoptedSymbol == "" {
		doc.AdoptedSymbol = AdoptedSymbol(doc.Symbol)
	}
}
