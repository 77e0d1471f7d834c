package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/resgraph/resgraph"
)

// Registry is the curated actor registry (data/actors.yaml and its companion
// files) with an alias index built once, so Resolve is a few map lookups.
//
// Besides the entries written in the files, the registry derives a few
// national institutions from every State entry that gives its demonyms:
// "state/mali/government" (Government of Mali, Malian authorities ...),
// "state/mali/armed-forces", "state/mali/security-forces",
// "state/mali/parties" (parties in Mali) and "state/mali/people". An entry
// written in a file with the same id wins; a derived alias already claimed by
// a written entry is left out. See docs/actors.md.
//
// A Registry is read-only once built: Resolve, Lookup, Actor and Actors are
// safe for concurrent use; Merge is not safe concurrently with them.
type Registry struct {
	actors []resgraph.Actor
	byID   map[resgraph.ActorID]int
	index  map[string]int // normalized name or alias -> actor index
	pos    []regPos       // where each actor was defined
	// aliasPos records where each index key came from, for conflict reports.
	aliasPos map[string]regPos
	// demonyms of written State entries, kept so Merge can derive again.
	demonyms map[resgraph.ActorID][]string
}

// regPos is where something was written in a registry file. A zero Line
// marks a derived entry.
type regPos struct {
	file      string
	line, col int
}

func (p regPos) String() string {
	if p.line == 0 {
		if p.file == "" {
			return "(derived)"
		}
		return p.file + " (derived)"
	}
	return fmt.Sprintf("%s:%d:%d", p.file, p.line, p.col)
}

// RegistryError lists every problem found in registry files, each as
// "file:line:col: msg".
type RegistryError []*ParseError

func (e RegistryError) Error() string {
	const show = 50 // a broken file can give thousands; the first ones say what is wrong
	var b strings.Builder
	for i, pe := range e {
		if i == show {
			fmt.Fprintf(&b, "\n... and %d more problems", len(e)-show)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pe.Error())
	}
	return b.String()
}

// RegistryFile is one named registry file to parse.
type RegistryFile struct {
	Name string
	R    io.Reader
}

// ParseRegistry reads one registry file. name is used in errors.
func ParseRegistry(r io.Reader, name string) (*Registry, error) {
	return ParseRegistries(RegistryFile{Name: name, R: r})
}

// ParseRegistries reads several registry files as one registry, in order:
// ids and aliases must be unique across all of them, and part_of / led_by may
// name an actor of any of them. Every problem is reported, with its position.
func ParseRegistries(files ...RegistryFile) (*Registry, error) {
	var errs RegistryError
	var entries []regEntry
	for _, f := range files {
		data, err := io.ReadAll(f.R)
		if err != nil {
			return nil, fmt.Errorf("reading registry %s: %w", f.Name, err)
		}
		es, perrs := decodeRegistry(data, f.Name)
		errs = append(errs, perrs...)
		entries = append(entries, es...)
	}
	reg, berrs := buildRegistry(entries)
	errs = append(errs, berrs...)
	if len(errs) > 0 {
		return nil, errs
	}
	return reg, nil
}

// LoadRegistry reads the named registry files from fsys, in order. With no
// names it reads "actors.yaml" and then every "actors-*.yaml" in lexical
// order (data.FS holds actors.yaml and the generated actors-sanctions.yaml).
func LoadRegistry(fsys fs.FS, names ...string) (*Registry, error) {
	if len(names) == 0 {
		names = []string{"actors.yaml"}
		more, err := fs.Glob(fsys, "actors-*.yaml")
		if err != nil {
			return nil, fmt.Errorf("listing registry files: %w", err)
		}
		sort.Strings(more)
		names = append(names, more...)
	}
	files := make([]RegistryFile, 0, len(names))
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, fmt.Errorf("opening registry: %w", err)
		}
		defer f.Close()
		files = append(files, RegistryFile{Name: n, R: f})
	}
	return ParseRegistries(files...)
}

// Merge adds other's written entries to r and rebuilds the index. It fails,
// leaving r unchanged, on a repeated id or alias or a dangling relation.
func (r *Registry) Merge(other *Registry) error {
	var entries []regEntry
	for _, reg := range []*Registry{r, other} {
		for i, a := range reg.actors {
			if reg.pos[i].line == 0 {
				continue // derived: rebuilt below
			}
			entries = append(entries, regEntry{Actor: a, Demonyms: reg.demonyms[a.ID], pos: reg.pos[i], aliasPos: aliasPositions(reg, a)})
		}
	}
	merged, errs := buildRegistry(entries)
	if len(errs) > 0 {
		return errs
	}
	*r = *merged
	return nil
}

func aliasPositions(reg *Registry, a resgraph.Actor) []regPos {
	out := make([]regPos, len(a.Aliases))
	for i, al := range a.Aliases {
		out[i] = reg.aliasPos[Key(al)]
	}
	return out
}

// Actors returns the registry's actors: written entries in file order, then
// derived national institutions.
func (r *Registry) Actors() []resgraph.Actor {
	if r == nil {
		return nil
	}
	return r.actors
}

// Actor returns the actor with the given id.
func (r *Registry) Actor(id resgraph.ActorID) (resgraph.Actor, bool) {
	i, ok := r.byID[id]
	if !ok {
		return resgraph.Actor{}, false
	}
	return r.actors[i], true
}

// Len returns the number of actors, derived ones included.
func (r *Registry) Len() int { return len(r.actors) }

// Lookup returns the actor whose name or alias normalizes like name, without
// the document-level fallbacks of Resolve.
func (r *Registry) Lookup(name string) (resgraph.Actor, bool) {
	if i, ok := r.lookupKey(Key(name)); ok {
		return r.actors[i], true
	}
	return resgraph.Actor{}, false
}

// Resolve resolves a mention of an actor: the registry's alias index first,
// then the document's own acronym definitions. A mention found nowhere is
// kept as an actor of type unknown with id "x/<slug>" and the cleaned mention
// as its name; it is never dropped.
func (r *Registry) Resolve(mention string, defs []resgraph.Definition) resgraph.ActorRef {
	k := Key(mention)
	if i, ok := r.lookupKey(k); ok {
		ref := r.ref(i, mention)
		// A full name the document abbreviates: add its acronym.
		for _, d := range defs {
			if d.Acronym != "" && !containsFold(ref.Aliases, d.Acronym) && (d.Actor == ref.ID || Key(d.Name) == k) {
				ref.Aliases = append(ref.Aliases, d.Acronym)
			}
		}
		return ref
	}
	for _, d := range defs {
		if d.Acronym == "" {
			continue
		}
		acr := Key(d.Acronym)
		name := Key(d.Name)
		if acr != k && name != k {
			continue
		}
		// The mention is a defined acronym or the name it stands for.
		if d.Actor != "" {
			if i, ok := r.byID[d.Actor]; ok {
				return r.withAlias(r.ref(i, mention), d.Acronym, d.Name)
			}
		}
		if i, ok := r.lookupKey(name); ok {
			return r.withAlias(r.ref(i, mention), d.Acronym, d.Name)
		}
		if i, ok := r.lookupKey(acr); ok {
			return r.withAlias(r.ref(i, mention), d.Acronym, d.Name)
		}
		id := d.Actor
		if id == "" {
			id = resgraph.ActorID("x/" + slug(name))
		}
		return resgraph.ActorRef{
			ID: id, Name: cleanName(d.Name), Mention: mention, Type: resgraph.ActorUnknown,
			Aliases: []string{d.Acronym},
		}
	}
	// "UNMIS in Darfur", "MONUSCO in the DRC": an acronym named with its
	// place. Only acronyms: "stabilization force in Mali" is not SFOR, and
	// collectives keep their place ("parties in Darfur").
	if head, _, ok := strings.Cut(cleanName(mention), " in "); ok && isAcronymMention(head) {
		if i, ok := r.index[Key(head)]; ok && specificType(r.actors[i].Type) {
			return r.ref(i, mention)
		}
	}
	name := cleanName(mention)
	return resgraph.ActorRef{
		ID: resgraph.ActorID("x/" + slug(k)), Name: name, Mention: mention, Type: resgraph.ActorUnknown,
	}
}

func (r *Registry) ref(i int, mention string) resgraph.ActorRef {
	a := &r.actors[i]
	return resgraph.ActorRef{
		ID: a.ID, Name: a.Name, Mention: mention, Type: a.Type,
		Aliases: slices.Clip(a.Aliases), // an append by the caller copies
	}
}

func (r *Registry) withAlias(ref resgraph.ActorRef, names ...string) resgraph.ActorRef {
	for _, n := range names {
		if n != "" && n != ref.Name && !containsFold(ref.Aliases, n) {
			ref.Aliases = append(ref.Aliases, n)
		}
	}
	return ref
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// lookupKey looks k up, then a few variants: without a leading "other",
// with the first or last word's number toggled ("Governments of Mali",
// "all State"), and with "of the" and "of" folded.
func (r *Registry) lookupKey(k string) (int, bool) {
	if r == nil || k == "" {
		return 0, false
	}
	if i, ok := r.index[k]; ok {
		return i, true
	}
	if rest, ok := strings.CutPrefix(k, "other "); ok {
		if i, ok := r.lookupKey(rest); ok {
			return i, true
		}
	}
	if i, ok := r.lookupEstablished(k); ok {
		return i, true
	}
	// Number toggles apply to names of two words or more: a bare "State" or
	// "Force" names one actor the context knows, not the class.
	first, rest, _ := strings.Cut(k, " ")
	if rest == "" {
		return 0, false
	}
	if i, ok := r.index[toggleNounNumber(first)+" "+rest]; ok {
		return i, true
	}
	j := strings.LastIndexByte(k, ' ')
	if i, ok := r.index[k[:j+1]+toggleNounNumber(k[j+1:])]; ok {
		return i, true
	}
	return 0, false
}

// establishedHeads are the subsidiary bodies Council texts name by the
// resolution that established them.
var establishedHeads = []string{"security council committee", "committee", "panel of experts", "group of experts"}

// lookupEstablished resolves "the Committee established in paragraph 30 of
// resolution 1988 (2011)" or "Group of Experts on the DRC established
// pursuant to resolution 1771 (2007)": a committee, panel or group named with
// a resolution number and year is looked up as "<head> established pursuant
// to resolution N (YYYY)" for each resolution it names.
func (r *Registry) lookupEstablished(k string) (int, bool) {
	if !strings.Contains(k, "resolution") {
		return 0, false
	}
	head := ""
	for _, h := range establishedHeads {
		if strings.HasPrefix(k, h) {
			head = h
			break
		}
	}
	if head == "" {
		return 0, false
	}
	words := strings.Fields(k)
	for j := 0; j+1 < len(words); j++ {
		if words[j] != "resolution" && words[j] != "resolutions" {
			continue
		}
		// "resolution 1988 2011", "resolutions 1267 1999 and 1989 2011", and
		// the year left out as texts do for the 1988 Committee ("resolution 1988").
		if n := j + 1; n < len(words) && isRefDigits(words[n]) && (n+1 == len(words) || !isRefDigits(words[n+1])) {
			if i, ok := r.index[head+" established pursuant to resolution "+words[n]]; ok {
				return i, true
			}
		}
		for n := j + 1; n+1 < len(words); n += 2 {
			if !isRefDigits(words[n]) || !isRefDigits(words[n+1]) || len(words[n+1]) != 4 {
				break
			}
			if i, ok := r.index[head+" established pursuant to resolution "+words[n]+" "+words[n+1]]; ok {
				return i, true
			}
			if n+2 < len(words) && words[n+2] == "and" {
				n++
			}
		}
	}
	return 0, false
}

func isRefDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// isAcronymMention reports whether s is one word of capitals and digits:
// "UNMIS", "MONUSCO", "AU-UN".
func isAcronymMention(s string) bool {
	caps := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			caps++
		case c >= '0' && c <= '9' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return caps >= 2
}

// specificType reports whether actors of type t are specific enough to keep
// their identity when a place is added to their name.
func specificType(t resgraph.ActorType) bool {
	switch t {
	case resgraph.ActorUNMission, resgraph.ActorMission, resgraph.ActorRegionalOrg, resgraph.ActorInternationalOrg,
		resgraph.ActorUNOrgan, resgraph.ActorUNOfficial, resgraph.ActorArmedGroup:
		return true
	}
	return false
}

// toggleNounNumber turns a plural English noun into its singular and back,
// roughly: parties/party, states/state, forces/force.
func toggleNounNumber(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return w + "es"
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "y") && len(w) > 2 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// britishSpellings folds British spellings to American ones, as the gold scorer does.
var britishSpellings = strings.NewReplacer(
	"organisation", "organization",
	"neighbour", "neighbor",
	"defence", "defense",
	"programme", "program",
	"centre", "center",
	"labour", "labor",
	"favour", "favor",
)

// Key normalizes an actor name or mention for lookup: lower case, accents
// and punctuation folded (hyphens, dots and brackets become spaces,
// apostrophes and a possessive "'s" go), British spelling folded to American,
// white space collapsed, every "the" and a leading "all" dropped.
func Key(s string) string {
	var buf [160]byte
	b := buf[:0]
	word := 0 // start of the current word in b
	// endWord drops the word just written when it is "the", or a leading "all".
	endWord := func() {
		w := b[word:]
		if string(w) == "the" || string(w) == "all" && word == 0 {
			b = b[:word]
			return
		}
		if len(w) > 0 {
			b = append(b, ' ')
		}
		word = len(b)
	}
	for i := 0; i < len(s); {
		c := rune(s[i])
		size := 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, byte(c))
		case 'A' <= c && c <= 'Z':
			b = append(b, byte(c+'a'-'A'))
		case c == '\'' || c == '\u2019' || c == '\u2018' || c == '`':
			// possessive "'s" at the end of a word goes; other apostrophes just vanish.
			if i < len(s) && (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isRefWordByte(s[i+1])) {
				i++
			}
		case c >= utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			if f, ok := foldAccentRef(c); ok {
				b = append(b, f...)
			} else {
				b = utf8.AppendRune(b, unicode.ToLower(c))
			}
		default:
			endWord()
		}
	}
	endWord()
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	k := string(b)
	if strings.Contains(k, "our") || strings.Contains(k, "isation") || strings.Contains(k, "ence") || strings.Contains(k, "tre") || strings.Contains(k, "mme") {
		k = britishSpellings.Replace(k)
	}
	return k
}

func isRefWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// foldAccentRef maps common accented Latin letters to ASCII (Côte d'Ivoire,
// São Tomé, Curaçao, Türkiye).
func foldAccentRef(c rune) (string, bool) {
	switch unicode.ToLower(c) {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā':
		return "a", true
	case 'ç', 'č', 'ć':
		return "c", true
	case 'è', 'é', 'ê', 'ë', 'ē':
		return "e", true
	case 'ì', 'í', 'î', 'ï':
		return "i", true
	case 'ñ':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return "o", true
	case 'ù', 'ú', 'û', 'ü':
		return "u", true
	case 'ý', 'ÿ':
		return "y", true
	case 'š':
		return "s", true
	case 'ž':
		return "z", true
	case 'ß':
		return "ss", true
	}
	return "", false
}

// slug turns a key into an id segment: words joined by hyphens.
func slug(k string) string {
	return strings.ReplaceAll(k, " ", "-")
}

// cleanName is a mention as a name: white space collapsed, a leading "the"
// dropped, trailing punctuation trimmed.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, " ,;:.")
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	return s
}

// regEntry is one written registry entry with the positions of its parts.
type regEntry struct {
	resgraph.Actor
	Demonyms []string
	pos      regPos
	aliasPos []regPos
	demPos   []regPos
	relPos   [3]regPos // part_of, led_by, successor
}

var registryActorTypes = map[resgraph.ActorType]bool{
	resgraph.ActorUNOrgan: true, resgraph.ActorUNOfficial: true, resgraph.ActorUNMission: true,
	resgraph.ActorRegionalOrg: true, resgraph.ActorInternationalOrg: true, resgraph.ActorState: true,
	resgraph.ActorStateGroup: true, resgraph.ActorArmedGroup: true, resgraph.ActorCollective: true,
	resgraph.ActorNational: true, resgraph.ActorMission: true, resgraph.ActorPerson: true,
	resgraph.ActorOther: true,
}

// decodeRegistry reads one file: a YAML sequence of entries.
func decodeRegistry(data []byte, name string) ([]regEntry, RegistryError) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, RegistryError{yamlError(err, name)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty file: no actors
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		return nil, RegistryError{yamlNodeErr(name, root, "registry must be a list of actors")}
	}
	var errs RegistryError
	out := make([]regEntry, 0, len(root.Content))
	for _, n := range root.Content {
		e, perrs := decodeEntry(n, name)
		errs = append(errs, perrs...)
		if len(perrs) == 0 {
			out = append(out, e)
		}
	}
	return out, errs
}

func decodeEntry(n *yaml.Node, name string) (regEntry, RegistryError) {
	e := regEntry{pos: regPos{name, n.Line, n.Column}}
	if n.Kind != yaml.MappingNode {
		return e, RegistryError{yamlNodeErr(name, n, "actor must be a mapping")}
	}
	var errs RegistryError
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			errs = append(errs, yamlNodeErr(name, k, "repeated key %q", k.Value))
		}
		seen[k.Value] = true
		scalar := func() string {
			if v.Kind != yaml.ScalarNode {
				errs = append(errs, yamlNodeErr(name, v, "%s must be a string", k.Value))
				return ""
			}
			return strings.TrimSpace(v.Value)
		}
		list := func() ([]string, []regPos) {
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return nil, nil
			}
			if v.Kind != yaml.SequenceNode {
				errs = append(errs, yamlNodeErr(name, v, "%s must be a list of strings", k.Value))
				return nil, nil
			}
			var ss []string
			var ps []regPos
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
					errs = append(errs, yamlNodeErr(name, c, "%s: entries must be non-empty strings", k.Value))
					continue
				}
				ss = append(ss, strings.TrimSpace(c.Value))
				ps = append(ps, regPos{name, c.Line, c.Column})
			}
			return ss, ps
		}
		switch k.Value {
		case "id":
			e.ID = resgraph.ActorID(scalar())
			if e.ID != "" && !validActorID(string(e.ID)) {
				errs = append(errs, yamlNodeErr(name, v, "id %q: use lower-case words joined by '-', parts separated by '/'", e.ID))
			}
		case "name":
			e.Name = scalar()
		case "type":
			e.Type = resgraph.ActorType(scalar())
			if e.Type != "" && !registryActorTypes[e.Type] {
				errs = append(errs, yamlNodeErr(name, v, "unknown type %q", e.Type))
			}
		case "aliases":
			e.Aliases, e.aliasPos = list()
		case "demonyms":
			e.Demonyms, e.demPos = list()
		case "sanctions":
			e.Sanctions = scalar()
		case "un_entity":
			e.UNEntity = scalar()
		case "part_of":
			e.PartOf = resgraph.ActorID(scalar())
			e.relPos[0] = regPos{name, v.Line, v.Column}
		case "led_by":
			e.LedBy = resgraph.ActorID(scalar())
			e.relPos[1] = regPos{name, v.Line, v.Column}
		case "successor":
			e.Successor = resgraph.ActorID(scalar())
			e.relPos[2] = regPos{name, v.Line, v.Column}
		case "note":
			e.Note = scalar()
		default:
			errs = append(errs, yamlNodeErr(name, k, "unknown key %q", k.Value))
		}
	}
	for _, req := range []struct{ key, val string }{{"id", string(e.ID)}, {"name", e.Name}, {"type", string(e.Type)}} {
		if req.val == "" && !seen[req.key] {
			errs = append(errs, yamlNodeErr(name, n, "actor has no %s", req.key))
		} else if req.val == "" {
			errs = append(errs, yamlNodeErr(name, n, "actor has an empty %s", req.key))
		}
	}
	if len(e.Demonyms) > 0 && e.Type != resgraph.ActorState {
		errs = append(errs, yamlNodeErr(name, n, "demonyms are for states only (%s is %s)", e.ID, e.Type))
	}
	if strings.HasPrefix(string(e.ID), "x/") {
		errs = append(errs, yamlNodeErr(name, n, "id %q: the x/ prefix is reserved for actors not in the registry", e.ID))
	}
	return e, errs
}

func validActorID(id string) bool {
	for _, part := range strings.Split(id, "/") {
		if part == "" || part[0] == '-' || part[len(part)-1] == '-' {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
				return false
			}
		}
	}
	return true
}

func yamlNodeErr(file string, n *yaml.Node, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into a ParseError.
func yamlError(err error, file string) *ParseError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if j := strings.IndexByte(rest, ':'); j > 0 {
			if _, err := fmt.Sscanf(rest[:j], "%d", &line); err == nil {
				msg = strings.TrimSpace(rest[j+1:])
			}
		}
	}
	return &ParseError{File: file, Line: line, Msg: msg}
}

// buildRegistry validates entries, derives national institutions and builds the
// indexes.
func buildRegistry(entries []regEntry) (*Registry, RegistryError) {
	r := &Registry{
		byID:     make(map[resgraph.ActorID]int, len(entries)*2),
		index:    make(map[string]int, len(entries)*6),
		aliasPos: make(map[string]regPos, len(entries)*6),
		demonyms: map[resgraph.ActorID][]string{},
	}
	var errs RegistryError
	errAt := func(p regPos, format string, args ...any) {
		errs = append(errs, &ParseError{File: p.file, Line: p.line, Column: p.col, Msg: fmt.Sprintf(format, args...)})
	}
	kept := make([]int, len(entries)) // actor index of each entry, -1 for a repeat
	for i, e := range entries {
		if j, dup := r.byID[e.ID]; dup {
			errAt(e.pos, "repeated id %q (first at %s)", e.ID, r.pos[j])
			kept[i] = -1
			continue
		}
		kept[i] = len(r.actors)
		r.byID[e.ID] = len(r.actors)
		r.actors = append(r.actors, e.Actor)
		r.pos = append(r.pos, e.pos)
		if len(e.Demonyms) > 0 {
			r.demonyms[e.ID] = e.Demonyms
		}
	}
	// Index names and aliases; a key claimed by two actors is an error.
	for i, e := range entries {
		if kept[i] < 0 {
			continue
		}
		idx := kept[i]
		add := func(s string, p regPos) {
			k := Key(s)
			if k == "" {
				errAt(p, "alias %q is empty once normalized", s)
				return
			}
			if j, ok := r.index[k]; ok && j != idx {
				errAt(p, "%q of %s is also %q of %s at %s", s, e.ID, k, r.actors[j].ID, r.aliasPos[k])
				return
			}
			if _, ok := r.index[k]; !ok {
				r.index[k] = idx
				r.aliasPos[k] = p
			}
		}
		add(e.Name, e.pos)
		for j, al := range e.Aliases {
			p := e.pos
			if j < len(e.aliasPos) {
				p = e.aliasPos[j]
			}
			add(al, p)
		}
	}
	// Relations must name existing actors.
	for _, e := range entries {
		for j, rel := range []resgraph.ActorID{e.PartOf, e.LedBy, e.Successor} {
			if rel == "" {
				continue
			}
			if _, ok := r.byID[rel]; !ok {
				p := e.relPos[j]
				if p.line == 0 {
					p = e.pos
				}
				errAt(p, "%s: %s %q is not in the registry", e.ID, [3]string{"part_of", "led_by", "successor"}[j], rel)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, e := range entries {
		if e.Type == resgraph.ActorState {
			r.derive(e)
		}
	}
	return r, nil
}

// derivedInstitution is a pattern of national institutions derived from a State.
type derivedInstitution struct {
	suffix string
	name   string   // "Government of %s"
	forms  []string // %s: every name of the State; %d: every demonym
}

var derivedInstitutions = []derivedInstitution{
	{"government", "Government of %s", []string{
		"Government of %s", "%s Government", "%d Government", "authorities of %s", "%s authorities",
		"%d authorities", "national authorities of %s", "%d national authorities", "%d Government authorities",
		"Government authorities of %s", "Governments of %s",
	}},
	{"armed-forces", "Armed forces of %s", []string{
		"armed forces of %s", "%d armed forces", "%d forces", "forces of %s", "%s armed forces", "%d army", "army of %s", "%d national army",
		"national army of %s", "%d military", "%d Defence and Security Forces", "%d defence forces",
		"%d Defence Forces", "defence and security forces of %s", "%d national defence and security forces",
	}},
	{"security-forces", "Security forces of %s", []string{
		"security forces of %s", "%d security forces", "%s security forces", "%d police", "police of %s",
		"%d national police", "national security forces of %s", "%d national security forces",
	}},
	{"parties", "Parties in %s", []string{
		"parties in %s", "%d parties", "parties to the conflict in %s", "%d parties to the conflict",
		"parties to the %d conflict", "all parties in %s",
	}},
	{"people", "People of %s", []string{"people of %s", "%d people"}},
	{"president", "President of %s", []string{"President of %s", "%d President", "Head of State of %s"}},
	{"prime-minister", "Prime Minister of %s", []string{"Prime Minister of %s", "%d Prime Minister"}},
}

// derive adds the national institutions of State e, skipping an id already
// written and any alias already taken.
func (r *Registry) derive(e regEntry) {
	names := append([]string{e.Name}, e.Aliases...)
	for _, in := range derivedInstitutions {
		id := resgraph.ActorID(string(e.ID) + "/" + in.suffix)
		if _, ok := r.byID[id]; ok {
			continue
		}
		a := resgraph.Actor{
			ID: id, Name: fmt.Sprintf(in.name, e.Name), Type: resgraph.ActorNational, PartOf: e.ID,
		}
		idx := len(r.actors)
		seen := map[string]bool{}
		claim := func(s string) {
			k := Key(s)
			if k == "" || seen[k] {
				return
			}
			seen[k] = true
			if _, taken := r.index[k]; taken {
				return
			}
			r.index[k] = idx
			r.aliasPos[k] = regPos{file: e.pos.file}
			if s != a.Name {
				a.Aliases = append(a.Aliases, s)
			}
		}
		claim(a.Name)
		for _, f := range in.forms {
			switch {
			case strings.Contains(f, "%d"):
				for _, d := range e.Demonyms {
					claim(strings.Replace(f, "%d", d, 1))
				}
			default:
				for _, n := range names {
					if len(n) <= 3 && strings.ToUpper(n) == n {
						continue // "Government of DRC" reads oddly; acronyms stay out
					}
					claim(strings.Replace(f, "%s", n, 1))
				}
			}
		}
		r.byID[id] = idx
		r.actors = append(r.actors, a)
		r.pos = append(r.pos, regPos{file: e.pos.file})
	}
}
