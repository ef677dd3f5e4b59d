package data

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/scoring"
)

func node(t *testing.T, fw *scoring.Framework, id string) *scoring.Node {
	t.Helper()
	var out *scoring.Node
	fw.Root.Walk(func(n *scoring.Node, _ int) {
		if n.ID == id {
			out = n
		}
	})
	if out == nil {
		t.Fatalf("no node %s", id)
	}
	return out
}

func TestFrameworkResolve(t *testing.T) {
	fw := loadSmall(t)
	// Source is the file name without folders: reports are published.
	if fw.Source != "small.yaml" || fw.Name != "测试框架" || fw.NameEN != "Test framework" {
		t.Errorf("names %q %q %q", fw.Source, fw.Name, fw.NameEN)
	}
	r := fw.Root
	if r.ID != "index" || r.Name != "综合指数" || r.NameEN != "Index" || r.Weight != 1 {
		t.Errorf("root %+v", r)
	}
	// Defaults.
	if fw.Missing != "available" || fw.MinCoverage != 0.5 || fw.Benchmark != "mean" || fw.Components != scoring.DefaultComponents {
		t.Errorf("defaults: %s %g %s %+v", fw.Missing, fw.MinCoverage, fw.Benchmark, fw.Components)
	}
	// Weak rules: k and floor and grades from the file, the rest default.
	w := fw.Weak
	if w.K != 1.5 || w.Floor != 60 || w.Quantile != 0.2 || w.GroupK != 1 || !math.IsNaN(w.GroupFloor) || !w.Target || w.Index != "level" {
		t.Errorf("weak %+v", w)
	}
	if len(w.Grades) != 3 || w.Grades[0] != (scoring.Grade{Label: "好", Min: 80}) || w.Grades[2].Label != "差" || !math.IsInf(w.Grades[2].Min, -1) {
		t.Errorf("grades %+v", w.Grades)
	}
	// Order of indicators is the file order.
	var ids []string
	for _, n := range r.Indicators() {
		ids = append(ids, n.ID)
	}
	if strings.Join(ids, ",") != "edu_retention,edu_teachers,doctors,infant_mortality" {
		t.Errorf("indicators %v", ids)
	}
	edu, health := node(t, fw, "education"), node(t, fw, "health")
	// education sets weighting ahp and normalisation goalposts; health inherits the top level.
	if edu.Weight != 2 || edu.Weighting != "ahp" || edu.Aggregation != "arithmetic" || edu.Normalisation != "goalposts" || edu.Line != 12 {
		t.Errorf("education %+v", edu)
	}
	if edu.Pairwise["edu_retention"]["edu_teachers"] != 3 {
		t.Errorf("pairwise %v", edu.Pairwise)
	}
	if health.Weight != 1 || health.Weighting != "fixed" || health.Normalisation != "minmax" {
		t.Errorf("health %+v", health)
	}
	ret := node(t, fw, "edu_retention")
	if ret.Normalisation != "goalposts" || ret.Direction != scoring.Higher || *ret.Goalposts != [2]float64{80, 98} || *ret.Target != 98 ||
		ret.Unit != "%" || ret.Transform != "none" || ret.Weight != 1 || ret.Line != 20 {
		t.Errorf("edu_retention %+v", ret)
	}
	if n := node(t, fw, "edu_teachers"); n.Direction != scoring.Lower || *n.Goalposts != [2]float64{20, 12} || n.Target != nil {
		t.Errorf("edu_teachers %+v", n)
	}
	if n := node(t, fw, "infant_mortality"); n.Normalisation != "minmax" || n.Transform != "log" {
		t.Errorf("infant_mortality %+v", n)
	}
}

const badFramework = `name: bad
weighting: entrpy
min_coverage: 1.5
components: {level: -1, urban_rural: 0, regional: 0}
weak:
  quantile: 1
  grades: [{label: A, min: 70}, {label: B, min: 80}, {label: C}]
groups:
  - id: education
    name: 教育
    weight: -1
    weighting: ahp
    pairwise:
      a1: {a2: 3, a3: 12}
      a2: {a1: 2, a9: 1/3}
    children:
      - id: a1
        direction: higher
        goalposts: [98, 80]
      - id: a2
        direction: lower
        goalposts: [1]
        normalisation: target
      - id: a3
        direction: sideways
  - id: a1
    name: dup
    children:
      - id: bad-id
        direction: higher
        weighting: equal
  - id: health
    direction: higher
    children:
      - id: h1
        direction: higher
  - id: culture
    weighting: combined
    combine: {methods: [ahp, combined], alpha: 2}
    children:
      - id: c1
        weight: 0
        direction: higher
        normalisation: goalposts
      - id: population
        weight: 0
`

func TestFrameworkErrors(t *testing.T) {
	_, err := ParseFramework("fw.yaml", []byte(badFramework), nil)
	var l ErrorList
	if !errors.As(err, &l) || !errors.Is(err, ErrBadFramework) {
		t.Fatalf("error %v", err)
	}
	want := []string{
		`fw.yaml:2: top level: unknown weighting method "entrpy" (want: fixed, equal, entropy, critic, ahp, pca, combined) (did you mean "entropy"?)`,
		`fw.yaml:3: min_coverage 1.5 must be in [0, 1]`,
		`fw.yaml:4: components.level -1 must be >= 0`,
		`fw.yaml:6: weak: quantile 1 must be in [0, 1)`,
		`fw.yaml:7: weak: grade B min 80 must be below the previous grade's min 70 (grades go best first)`,
		`fw.yaml:11: group education: weight -1 must be >= 0`,
		`fw.yaml:13: group education: pairwise misses pairs a2/a3 (AHP needs every pair of children once)`,
		`fw.yaml:14: group education: pairwise: a1 vs a3: 12 is outside Saaty's scale 1/9..9`,
		`fw.yaml:15: group education: pairwise: the pair a2, a1 is given twice (lines 14 and 15); give each pair once`,
		`fw.yaml:15: group education: pairwise: "a9" is not a child of this group (children: a1, a2, a3) (did you mean "a1"?)`,
		`fw.yaml:19: indicator a1: goalposts [98, 80] are [worst, best]: for direction higher worst < best`,
		`fw.yaml:20: indicator a2: normalisation target needs a target`,
		`fw.yaml:22: indicator a2: goalposts must be two numbers [worst, best], got 1`,
		`fw.yaml:25: indicator a3: unknown direction "sideways" (want: higher, lower)`,
		`fw.yaml:26: id "a1" is used twice (lines 17 and 26)`,
		`fw.yaml:29: id "bad-id" may only use the letters A-Z, a-z, digits and _ (it names CSV columns)`,
		`fw.yaml:31: indicator bad-id: weighting applies to groups only`,
		`fw.yaml:33: group health: a node with children is a group and has no direction (a node with direction is an indicator and has no children)`,
		`fw.yaml:37: group culture: the weights of its children sum to 0 (at least one must be > 0)`,
		`fw.yaml:39: group culture: unknown combine method "combined" (want: fixed, equal, entropy, critic, ahp, pca)`,
		`fw.yaml:39: group culture: combine.alpha 2 must be in [0, 1]`,
		`fw.yaml:41: indicator c1: normalisation goalposts needs goalposts: [worst, best]`,
		`fw.yaml:45: id "population" is reserved (reserved: index, unit, code, group, population, year, indicator, value, area)`,
		`fw.yaml:45: indicator population has no direction (want direction: higher or lower; a group needs children)`,
	}
	var got []string
	for _, e := range l.Sorted() {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "\n... and 4 more") {
		t.Errorf("the printed list is not capped at %d:\n%s", MaxErrors, msg)
	}
}

func TestFrameworkUnknownKeys(t *testing.T) {
	src := "name: x\nweigting: fixed\ngroups:\n  - id: a\n    weigth: 2\n    direction: higher\n    normalization: zscore\n    goalposts: [1, x]\n    winsorise: 3\n    children: {a: 1}\n"
	_, err := ParseFramework("fw.yaml", []byte(src), nil)
	want := []string{
		`fw.yaml:2: unknown key "weigting" (did you mean "weighting"?)`,
		`fw.yaml:5: unknown key "weigth" (did you mean "weight"?)`,
		"fw.yaml:7: unknown key \"normalization\" (did you mean \"normalisation\"?)",
		`fw.yaml:8: "x" is not a number`,
		`fw.yaml:9: expected a mapping, got "3"`,
		`fw.yaml:10: expected a list, got a mapping`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	for _, src := range []string{"", "# nothing\n"} {
		if _, err := ParseFramework("e.yaml", []byte(src), nil); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: %v, want ErrEmpty", src, err)
		}
	}
	if _, err := ParseFramework("s.yaml", []byte("name: x\ngroups: [\n"), nil); err == nil || !strings.HasPrefix(err.Error(), "s.yaml:") {
		t.Errorf("syntax error %v", err)
	}
	if _, err := ParseFramework("n.yaml", []byte("name: x\n"), nil); err == nil || err.Error() != "n.yaml: the framework has no groups (want groups: with at least one group or indicator)" {
		t.Errorf("no groups: %v", err)
	}
}

func TestFrameworkAHPAndCombined(t *testing.T) {
	src := `name: x
weighting: combined
combine: {methods: [ahp, entropy], alpha: 0.6}
pairwise:
  a: {b: "1/3"}
groups:
  - id: a
    pairwise: {a1: {a2: 0.5}, a3: {a1: 2, a2: 1}}
    children:
      - {id: a1, direction: higher}
      - {id: a2, direction: higher}
      - {id: a3, direction: lower}
  - id: b
    combine: {methods: [critic, entropy], rule: product}
    children:
      - {id: b1, direction: higher}
`
	fw, err := ParseFramework("c.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, a, b := fw.Root, node(t, fw, "a"), node(t, fw, "b")
	if r.Weighting != "combined" || r.CombinedOf != [2]string{"ahp", "entropy"} || r.CombinedAlpha != 0.6 || math.Abs(r.Pairwise["a"]["b"]-1.0/3) > 1e-15 {
		t.Errorf("root %+v", r)
	}
	if a.Weighting != "combined" || a.CombinedOf != [2]string{"ahp", "entropy"} || a.CombinedAlpha != 0.6 || a.Pairwise["a3"]["a1"] != 2 {
		t.Errorf("a inherits combine: %+v", a)
	}
	if b.CombinedOf != [2]string{"critic", "entropy"} || b.CombinedAlpha != -1 {
		t.Errorf("b product rule: %+v", b)
	}
	// b needs no pairwise: its combination has no ahp. Drop a's pairwise: error.
	_, err = ParseFramework("c.yaml", []byte(strings.Replace(src, "    pairwise: {a1: {a2: 0.5}, a3: {a1: 2, a2: 1}}\n", "", 1)), nil)
	if err == nil || err.Error() != "c.yaml:7: group a: weighting combined (inherited) needs pairwise judgements for its children (a1, a2, a3)" {
		t.Errorf("missing pairwise: %v", err)
	}
}

func TestFrameworkSets(t *testing.T) {
	fw := loadSmall(t, "weighting=entropy", "normalisation=zscore", "missing=error", "min_coverage=0.7",
		"benchmark=median", "components.level=0.6", "weak.k=2", "weak.floor=off",
		"education.weight=3", "edu_retention.target=99", "health.weighting=equal", "doctors.goalposts=1,4")
	if fw.Root.Weighting != "entropy" || fw.Root.Normalisation != "zscore" || fw.Missing != "error" || fw.MinCoverage != 0.7 ||
		fw.Benchmark != "median" || fw.Components.Level != 0.6 || fw.Components.UrbanRural != 0.25 || fw.Weak.K != 2 || !math.IsNaN(fw.Weak.Floor) {
		t.Errorf("top-level sets: %+v %+v", fw, fw.Root)
	}
	// A top-level override changes the default only: education keeps its own ahp and goalposts.
	if n := node(t, fw, "education"); n.Weight != 3 || n.Weighting != "ahp" || n.Normalisation != "goalposts" {
		t.Errorf("education %+v", n)
	}
	if n := node(t, fw, "health"); n.Weighting != "equal" || n.Normalisation != "zscore" {
		t.Errorf("health %+v", n)
	}
	if n := node(t, fw, "doctors"); n.Normalisation != "zscore" || *n.Goalposts != [2]float64{1, 4} {
		t.Errorf("doctors %+v", n)
	}
	if n := node(t, fw, "edu_retention"); *n.Target != 99 {
		t.Errorf("edu_retention target %v", *n.Target)
	}
	// *.weighting sets every group, overriding their own.
	fw = loadSmall(t, "*.weighting=entropy", "*.weight=1")
	fw.Root.Walk(func(n *scoring.Node, _ int) {
		if !n.IsIndicator() && n.Weighting != "entropy" {
			t.Errorf("%s weighting %s after *.weighting=entropy", n.ID, n.Weighting)
		}
		if n.Weight != 1 {
			t.Errorf("%s weight %g after *.weight=1", n.ID, n.Weight)
		}
	})
	// Errors name the --set, the key and the id.
	_, err := LoadFramework("testdata/small.yaml", []string{"educaton.weight=2", "education.wieght=2", "weigting=x", "doctors.weighting=equal", "health.weight=abc", "noequals", "*.colour=red"})
	want := []string{
		`--set: "educaton.weight=2": no node with id "educaton" (did you mean "education"?)`,
		`--set: "education.wieght=2": unknown key "wieght" (did you mean "weight"?)`,
		`--set: "weigting=x": unknown key "weigting" (did you mean "weighting"?)`,
		`--set: "doctors.weighting=equal": weighting applies to groups only and doctors is an indicator`,
		`--set: "health.weight=abc": "abc" is not a number`,
		`--set: "noequals": want key=value, e.g. weighting=entropy or education.weight=2`,
		`--set: "*.colour=red": unknown key "colour"`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") || !errors.Is(err, ErrBadFramework) {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	// A bad value from --set is reported at the node, saying where it came from.
	_, err = LoadFramework("testdata/small.yaml", []string{"education.weight=-2", "health.weighting=entrpy"})
	want = []string{
		`testdata/small.yaml:14: group education: weight -2 must be >= 0 (from --set education.weight=-2)`,
		`testdata/small.yaml:30: group health: unknown weighting method "entrpy" (want: fixed, equal, entropy, critic, ahp, pca, combined) (did you mean "entropy"?) (from --set health.weighting=entrpy)`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}
