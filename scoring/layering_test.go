package scoring

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLayering keeps package scoring pure: its non-test files import no
// file, network or process packages, nothing from the module but weights,
// and no third-party module but gonum.
func TestLayering(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	forbidden := []string{"os", "io/fs", "io/ioutil", "net", "os/exec", "path/filepath", "time"}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s: scoring must not do I/O, or read the clock", name, path)
				}
			}
			switch {
			case strings.HasPrefix(path, "github.com/eqindex/eqindex/"):
				if path != "github.com/eqindex/eqindex/weights" {
					t.Errorf("%s imports %s: scoring may import only weights from this module", name, path)
				}
			case strings.Contains(path, ".") && !strings.HasPrefix(path, "gonum.org/v1/gonum/"):
				t.Errorf("%s imports %s (want only the standard library, gonum and weights)", name, path)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("checked only %d files", checked)
	}
}
