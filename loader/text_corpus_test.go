package loader

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

// earlyTexts returns the paths of the hand-corrected early texts.
func earlyTexts(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(corpusDir(t), "cr-unsc", "texts")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no early texts in %s (err %v)", dir, err)
	}
	sort.Strings(files)
	return files
}

var (
	reLineLabel = regexp.MustCompile(`^\s*(\d{1,3})\s?[.,]\s+\S`)
	reAnnexLine = regexp.MustCompile(`^\s*(?:Annex|ANNEX|Appendix|APPENDIX|Article\s+(?:\d+|[IVX]+)|ARTICLE\s+\S+)\s*[A-Z0-9]?\s*$`)
)

// highestNumber scans the raw text, independently of the reader, for the
// operative paragraph labels ("12. ") before the adoption trailer and
// returns the highest number, summed over parts where the numbering
// restarts at 1. Labels may carry OCR confusions ("Z." for 2., "ll." for
// 11.). A label may skip up to two numbers (OCR drops or garbles
// labels: "8." for "5."); a smaller or far larger number is not a label. It returns 0 for texts without numbered paragraphs.
func highestNumber(text string) int {
	total, cur := 0, 0
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "Adopted at") || strings.HasPrefix(t, "Adopted unanimously") ||
			strings.HasPrefix(t, "Adopted without") || reAnnexLine.MatchString(line) {
			break
		}
		m := reLineLabel.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(strings.NewReplacer("l", "1", "I", "1", "i", "1", "L", "1", "Z", "2", "S", "5", "O", "0").Replace(m[1]))
		if err != nil {
			continue
		}
		switch {
		case n > cur && n <= cur+3: // OCR may garble or drop a label
			cur = n
		case n == 1 && cur > 1:
			total += cur
			cur = 1
		}
	}
	return total + cur
}

// TestEarlyTextsNumbering reads every early text and checks that, where the
// text numbers its operative paragraphs, the reader finds as many operative
// paragraphs (sub-items aside) as the highest number. Goal: 98% of texts.
func TestEarlyTextsNumbering(t *testing.T) {
	files := earlyTexts(t)
	var numbered, ok, failedRead int
	var noDate []string
	var bad []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ReadText(data, filepath.Base(f))
		if err != nil {
			failedRead++
			bad = append(bad, err.Error())
			continue
		}
		if doc.Symbol == "" || !strings.HasPrefix(string(doc.Symbol), "S/RES/") {
			t.Errorf("%s: symbol %q, want S/RES/...", filepath.Base(f), doc.Symbol)
		}
		if doc.Date == "" {
			noDate = append(noDate, filepath.Base(f))
		}
		want := highestNumber(string(data))
		if want == 0 {
			continue
		}
		numbered++
		got := 0
		for _, p := range doc.Paragraphs {
			if p.Kind == resgraph.ParaOperative && p.Item == "" {
				got++
			}
		}
		if got == want {
			ok++
		} else {
			bad = append(bad, filepath.Base(f)+": "+strconv.Itoa(got)+" operative paragraphs, highest number "+strconv.Itoa(want))
		}
	}
	for _, b := range bad {
		t.Log(b)
	}
	share := float64(ok) / float64(numbered)
	t.Logf("early texts: %d files, %d unreadable, %d numbered, %d agree (%.2f%%)", len(files), failedRead, numbered, ok, 100*share)
	t.Logf("early texts without a readable date: %d %v", len(noDate), noDate)
	if len(noDate) > len(files)/100 {
		t.Errorf("%d early texts without a date, want at most 1%%", len(noDate))
	}
	if failedRead > 0 {
		t.Errorf("%d early texts could not be read", failedRead)
	}
	if share < 0.98 {
		t.Errorf("operative count equals highest number in %.2f%% of numbered texts, want >= 98%%", 100*share)
	}
}
