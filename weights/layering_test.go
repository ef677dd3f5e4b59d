package weights_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsNothingFromRepo keeps the layering: package weights imports
// nothing from the eqindex module (only the standard library and gonum).
func TestImportsNothingFromRepo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/eqindex/eqindex") {
				t.Errorf("%s imports %s", name, path)
			}
			if strings.Contains(path, ".") && !strings.HasPrefix(path, "gonum.org/v1/gonum/") {
				t.Errorf("%s imports %s (want only the standard library and gonum)", name, path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files found")
	}
}
