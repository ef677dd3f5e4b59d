package data

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/scoring"
)

// wantErr is an expected *ParseError: position, header, unit, kind and the
// exact message of the problem.
type wantErr struct {
	line   int
	col    int // 0: not checked
	header string
	unit   string
	kind   error
	msg    string
}

// checkErrs asserts that err is an ErrorList holding exactly want, in
// sorted order.
func checkErrs(t *testing.T, err error, want []wantErr) {
	t.Helper()
	var l ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("error %v (%T) is not an ErrorList", err, err)
	}
	got := l.Sorted()
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(got):
			t.Errorf("missing error %d: %+v", i, want[i])
			continue
		case i >= len(want):
			t.Errorf("unexpected error %d: %v", i, got[i])
			continue
		}
		g, w := got[i], want[i]
		if g.Line != w.line || (w.col != 0 && g.Column != w.col) || g.Header != w.header || g.Unit != w.unit ||
			!errors.Is(g, w.kind) || g.Err.Error() != w.msg {
			t.Errorf("error %d:\n got  line %d col %d header %q unit %q: %s (%v)\n want line %d col %d header %q unit %q: %s (%v)",
				i, g.Line, g.Column, g.Header, g.Unit, g.Err, errors.Unwrap(g.Err), w.line, w.col, w.header, w.unit, w.msg, w.kind)
		}
	}
}

func loadSmall(t *testing.T, sets ...string) *scoring.Framework {
	t.Helper()
	fw, err := LoadFramework("testdata/small.yaml", sets)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func readString(t *testing.T, name, src string, fw *scoring.Framework) (*scoring.Dataset, []scoring.Warning, error) {
	t.Helper()
	return ReadDataset(name, strings.NewReader(src), fw, ReadOptions{})
}

// sameFloats compares with NaN == NaN.
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// diffDatasets returns a description of the first difference, or "".
func diffDatasets(a, b *scoring.Dataset) string {
	eqS := func(x, y []string) bool {
		return strings.Join(x, "\x00") == strings.Join(y, "\x00") && len(x) == len(y)
	}
	switch {
	case !eqS(a.Unit, b.Unit):
		return "Unit " + strings.Join(a.Unit, ",") + " vs " + strings.Join(b.Unit, ",")
	case !eqS(a.Code, b.Code):
		return "Code"
	case !eqS(a.Group, b.Group):
		return "Group"
	case !eqS(a.Indicators, b.Indicators):
		return "Indicators"
	case !sameFloats(a.Population, b.Population):
		return "Population"
	case !sameFloats(a.PopUrban, b.PopUrban):
		return "PopUrban"
	case !sameFloats(a.PopRural, b.PopRural):
		return "PopRural"
	}
	for i := range a.Year {
		if a.Year[i] != b.Year[i] {
			return "Year"
		}
	}
	for j := range a.Values {
		if !sameFloats(a.Values[j], b.Values[j]) || !sameFloats(a.Urban[j], b.Urban[j]) || !sameFloats(a.Rural[j], b.Rural[j]) {
			return "values of " + a.Indicators[j]
		}
	}
	return ""
}
