package graph

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestSchemaIsDescribed checks that every type, field, argument, input
// field and enum value of schema/*.graphqls has a description, as
// introspection shows it to clients (GraphiQL, codegen, Apollo). It names
// each one that has none.
func TestSchemaIsDescribed(t *testing.T) {
	files, err := filepath.Glob("../schema/*.graphqls")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema files (%v)", err)
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: filepath.Base(f), Input: string(b)})
	}
	schema, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		t.Fatal(gerr)
	}
	undescribed := func(s string) bool { return strings.TrimSpace(s) == "" }
	for _, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(def.Name, "__") {
			continue
		}
		where := func(pos *ast.Position) string {
			if pos == nil || pos.Src == nil {
				return ""
			}
			return pos.Src.Name + ":" + strconv.Itoa(pos.Line) + ": "
		}
		if undescribed(def.Description) {
			t.Errorf("%stype %s has no description", where(def.Position), def.Name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if undescribed(f.Description) {
				t.Errorf("%s%s.%s has no description", where(f.Position), def.Name, f.Name)
			}
			for _, a := range f.Arguments {
				if undescribed(a.Description) {
					t.Errorf("%sargument %s of %s.%s has no description", where(a.Position), a.Name, def.Name, f.Name)
				}
			}
		}
		for _, v := range def.EnumValues {
			if undescribed(v.Description) {
				t.Errorf("%s%s.%s has no description", where(v.Position), def.Name, v.Name)
			}
		}
	}
}
