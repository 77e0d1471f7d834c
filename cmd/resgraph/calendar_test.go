package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/internal/testcorpus"
)

// corpusFiles returns the corpus files of the resolutions numbered, or
// skips.
func corpusFiles(t *testing.T, nums ...string) []string {
	t.Helper()
	akn := testcorpus.AKN(t)
	var out []string
	for _, n := range nums {
		m, _ := filepath.Glob(filepath.Join(akn, "*", "*", "S_RES_"+n+"*.xml"))
		m2, _ := filepath.Glob(filepath.Join(akn, "*", "*", "*", "S_RES_"+n+"*.xml"))
		m = append(m, m2...)
		if len(m) == 0 {
			t.Fatalf("no corpus file for S/RES/%s", n)
		}
		out = append(out, "-in", m[0])
	}
	return out
}

// icalendar returns Debian's python3 when it has the icalendar package
// (python3-icalendar; CI installs it), or skips.
func icalendar(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		t.Skipf("%s cannot import icalendar (%v): apt-get install -y python3-icalendar", py, err)
	}
	return py
}

// The reporting calendar of three Somalia resolutions as iCalendar, read by
// Python's icalendar with its defaults: one event per due report, the
// same as the JSON form, each with a day, a summary and a link.
func TestCalendarICSIsReadByICalendar(t *testing.T) {
	py := icalendar(t)
	in := corpusFiles(t, "2516", "2540", "2592")
	dir := t.TempDir()
	ics := filepath.Join(dir, "due.ics")
	args := append([]string{"calendar", "-from", "2020-01-01", "-to", "2022-12-31", "-format", "ics", "-o", ics}, in...)
	if _, stderr, err := runT(t, args...); err != nil {
		t.Fatalf("calendar: %v\n%s", err, stderr)
	}
	js, stderr, err := runT(t, append([]string{"calendar", "-from", "2020-01-01", "-to", "2022-12-31", "-format", "json"}, in...)...)
	if err != nil {
		t.Fatalf("calendar json: %v\n%s", err, stderr)
	}
	var v struct{ Due []struct{ Day string } }
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Due) < 5 {
		t.Fatalf("only %d reports due in three renewals", len(v.Due))
	}
	out, err := exec.Command(py, "-c", `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
evs = cal.walk('VEVENT')
for e in evs:
    assert e['SUMMARY'] and e['UID'] and str(e['URL']).startswith('https://undocs.org/'), e
print(len(evs), evs[0].decoded('DTSTART').isoformat())
`, ics).CombinedOutput()
	if err != nil {
		t.Fatalf("icalendar could not read the file: %v\n%s", err, out)
	}
	f := strings.Fields(string(out))
	if n, _ := strconv.Atoi(f[0]); n != len(v.Due) || f[1] != v.Due[0].Day {
		t.Errorf("icalendar read %s events, first on %s; the JSON lists %d, first on %s", f[0], f[1], len(v.Due), v.Due[0].Day)
	}
}

// The seed draft and the resolution adopted from it have the same
// obligations: diff finds no change. Two renewals of a mission do differ.
func TestDiff(t *testing.T) {
	in := corpusFiles(t, "2085")
	out, stderr, err := runT(t, append(append([]string{"diff", "-in", seed}, in...), "S/2012/946", "S/RES/2085 (2012)")...)
	if err != nil {
		t.Fatalf("diff: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "S/2012/946 -> S/RES/2085 (2012): 0 changes") {
		t.Errorf("draft and adopted text: %s", out)
	}
	in = corpusFiles(t, "2190", "2239")
	out, stderr, err = runT(t, append(append([]string{"diff", "-mandate", "unmil", "-format", "json"}, in...), "S/RES/2190 (2014)", "S/RES/2239 (2015)")...)
	if err != nil {
		t.Fatalf("diff: %v\n%s", err, stderr)
	}
	var changes []struct {
		Kind string
		From *struct{ Until string }
		To   *struct{ Until string }
	}
	if err := json.Unmarshal([]byte(out), &changes); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range changes {
		kinds[c.Kind]++
		if c.Kind == "until" && (c.From.Until != "2015-09-30" || c.To.Until != "2016-09-30") {
			t.Errorf("UNMIL's end from 2190 to 2239: %s -> %s, want 2015-09-30 -> 2016-09-30", c.From.Until, c.To.Until)
		}
	}
	if kinds["until"] != 1 || kinds["added"]+kinds["removed"]+kinds["changed"] == 0 {
		t.Errorf("UNMIL renewals 2190 -> 2239: changes by kind %v", kinds)
	}
}

// The mandates CSV is read by Python's csv module with its defaults: one
// row per period, the header's columns in every row.
func TestMandatesCSVIsReadByPythonCSV(t *testing.T) {
	in := corpusFiles(t, "1509", "1561", "1626", "2333")
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "mandates.csv")
	if _, stderr, err := runT(t, append([]string{"mandates", "-format", "csv", "-o", csvPath}, in...)...); err != nil {
		t.Fatalf("mandates: %v\n%s", err, stderr)
	}
	out, err := exec.Command("/usr/bin/python3", "-c", `
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
unmil = [r for r in rows if r['mandate'] == 'unmil']
print(len(unmil), unmil[0]['from'], unmil[-1]['until'], unmil[-1]['ended_by'])
`, csvPath).CombinedOutput()
	if err != nil {
		t.Fatalf("python csv: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "4 2003-09-19 2018-03-30 terminate" {
		t.Errorf("UNMIL's periods as Python reads them: %q, want \"4 2003-09-19 2018-03-30 terminate\"", got)
	}
	if _, err := os.Stat(csvPath); err != nil {
		t.Fatal(err)
	}
}
