package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
)

func TestLoadDataset(t *testing.T) {
	fw := loadSmall(t)
	before, _ := os.ReadFile("testdata/counties.tsv")
	ds, warns, err := LoadDataset("testdata/counties.tsv", fw, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != "testdata/counties.tsv" || strings.Join(ds.Unit, ",") != "A,B" || !sameFloats(ds.Values[0], []float64{90, 95.5}) {
		t.Errorf("dataset %+v", ds)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
	after, _ := os.ReadFile("testdata/counties.tsv")
	if string(before) != string(after) {
		t.Errorf("the input was modified")
	}
	_, _, err = LoadDataset("testdata/bad.tsv", fw, ReadOptions{})
	checkErrs(t, err, []wantErr{{3, 2, "edu_retention", "B", ErrBadNumber, `"95,5" is not a number (bad thousands separators)`}})
	if _, _, err := LoadDataset("testdata/none.csv", fw, ReadOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := ReadDataset("old.xls", strings.NewReader("x"), fw, ReadOptions{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf(".xls: %v", err)
	}
}

func TestFrameworkMoreChecks(t *testing.T) {
	src := `name: x
benchmark: target
weak:
  index: lvl
  grades: [{label: A, min: 80}, {label: B}, {label: A, min: 50}]
groups:
  - id: g
    unit: "%"
    geometric_floor: 100
    children:
      - id: a
        direction: higher
        target: 90
        winsorise: {k: -1}
        transform: exp
      - id: b
        direction: lower
        goalposts: [1, 2]
        transform: log
      - id: c
        direction: lower
        goalposts: [5, 5]
        target: 3
`
	_, err := ParseFramework("m.yaml", []byte(src), nil)
	want := []string{
		`m.yaml:4: weak: unknown index "lvl" (want: level, ei) (did you mean "level"?)`,
		`m.yaml:5: weak: grade B has no min or quantile (only the last grade may omit it)`,
		`m.yaml:5: weak: grade label "A" is used twice`,
		`m.yaml:8: group g: unit applies to indicators only`,
		`m.yaml:9: group g: geometric_floor 100 must be in [0, 100)`,
		`m.yaml:14: indicator a: winsorise k -1 must be >= 0`,
		`m.yaml:15: indicator a: unknown transform "exp" (want: none, log)`,
		`m.yaml:16: indicator b: benchmark target needs a target on every indicator`,
		`m.yaml:18: indicator b: goalposts [1, 2] are [worst, best]: for direction lower worst > best`,
		`m.yaml:22: indicator c: goalposts [5, 5] must be two distinct numbers`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func ExampleParseNumber() {
	for _, s := range []string{"95%", "1,234.5", "９５．３", "—", "缺失", "2.1.3"} {
		v, missing, err := ParseNumber(s)
		fmt.Printf("%-8q -> %g missing=%v err=%v\n", s, v, missing, err)
	}
	// Output:
	// "95%"    -> 95 missing=false err=<nil>
	// "1,234.5" -> 1234.5 missing=false err=<nil>
	// "９５．３"   -> 95.3 missing=false err=<nil>
	// "—"      -> 0 missing=true err=<nil>
	// "缺失"     -> 0 missing=true err=<nil>
	// "2.1.3"  -> 0 missing=false err="2.1.3" is not a number
}

func ExampleParseFramework() {
	src := []byte(`name: 示例
weighting: equal
groups:
  - id: health
    name: 基本医疗卫生
    normalisation: goalposts
    children:
      - {id: doctors, name: 每千人口执业医师数, direction: higher, goalposts: [1, 4]}
      - {id: infant_mortality, name: 婴儿死亡率, direction: lower, goalposts: [10, 2]}
`)
	fw, err := ParseFramework("example.yaml", src, []string{"doctors.weight=2"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range fw.Root.Indicators() {
		fmt.Println(n.ID, n.Weight, n.Direction, n.Normalisation, *n.Goalposts)
	}
	fmt.Println(fw.Root.Children[0].Weighting, fw.Missing, fw.MinCoverage)
	// Output:
	// doctors 2 higher goalposts [1 4]
	// infant_mortality 1 lower goalposts [10 2]
	// equal available 0.5
}

func BenchmarkReadDatasetWide(b *testing.B) {
	fw, err := LoadFramework("testdata/small.yaml", nil)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("unit,population,edu_retention,edu_teachers,doctors,infant_mortality\n")
	for i := range 2000 {
		fmt.Fprintf(&sb, "unit%d,%d,%d%%,%d,%g,%d\n", i, 1000+i, 80+i%20, 10+i%8, 1.5+float64(i%10)/10, 3+i%5)
	}
	src := sb.String()
	b.ResetTimer()
	for range b.N {
		if _, _, err := ReadDataset("b.csv", strings.NewReader(src), fw, ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestQuantileGradeBands(t *testing.T) {
	base := "name: q\ngroups:\n  - id: g\n    children:\n      - {id: a, direction: higher}\n"
	fw, err := ParseFramework("q.yaml", []byte(base+"weak:\n  grades: [{label: A, quantile: 0.8}, {label: B, quantile: 0.5}, {label: C}]\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := fw.Weak.Grades
	if len(g) != 3 || g[0].Quantile != 0.8 || g[1].Quantile != 0.5 || g[2].Quantile != 0 {
		t.Errorf("grades %+v", g)
	}
	for _, bad := range []struct{ grades, msg string }{
		{"[{label: A, quantile: 1.2}, {label: B}]", "quantile 1.2 must be between 0 and 1"},
		{"[{label: A, quantile: 0.5}, {label: B, quantile: 0.8}, {label: C}]", "must be below the previous grade's quantile 0.5"},
		{"[{label: A, min: 80, quantile: 0.8}, {label: B}]", "gives both min and quantile"},
		{"[{label: A, min: 80}, {label: B, quantile: 0.5}, {label: C}]", "uses quantile but the grades before it use min"},
	} {
		_, err := ParseFramework("q.yaml", []byte(base+"weak:\n  grades: "+bad.grades+"\n"), nil)
		if err == nil || !strings.Contains(err.Error(), bad.msg) {
			t.Errorf("grades %s: error %v, want %q", bad.grades, err, bad.msg)
		}
	}
}
