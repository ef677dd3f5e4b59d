package scoring

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// diagFramework is root -> ga (a: higher, min-max, target 50) and gb
// (b: lower, goalposts [100, 0], target 20), equal weights.
func diagFramework() *Framework {
	fifty, twenty := 50.0, 20.0
	a := &Node{ID: "a", Name: "甲", NameEN: "Alpha", Unit: "人/千人", Weight: 1, Direction: Higher, Normalisation: MinMax, Transform: "none", Target: &fifty}
	b := &Node{ID: "b", Name: "乙", NameEN: "Beta", Unit: "%", Weight: 1, Direction: Lower, Normalisation: Goalposts,
		Goalposts: &[2]float64{100, 0}, Transform: "none", Target: &twenty}
	grp := func(id string, kids ...*Node) *Node {
		return &Node{ID: id, Name: id, Weight: 1, Weighting: Fixed, Aggregation: Arithmetic, Children: kids}
	}
	return &Framework{Name: "diag", Root: grp("index", grp("ga", a), grp("gb", b)), Missing: MissingAvailable,
		MinCoverage: 0.5, Benchmark: BenchmarkMean, Components: DefaultComponents, Weak: DefaultWeakRules()}
}

// diagDataset: five units. The hand computation:
//
//	a = 0, 25, 50, 75, 100      min-max scores 0, 25, 50, 75, 100
//	b = 20, 40, 60, 80, 100     goalposts [100, 0]: 100 - b = 80, 60, 40, 20, 0
//	index = (sa + sb)/2         40, 42.5, 45, 47.5, 50
//	mean 45, sample sd sqrt(62.5/4) = 3.9528
//	ga: mean 50, sd 39.528; gb: mean 40, sd 39.528
//	population 1, 1, 1, 1, 4: benchmark a = 550/8 = 68.75, b = 600/8 = 75
func diagDataset() *Dataset {
	return &Dataset{
		Unit:       []string{"U1", "U2", "U3", "U4", "U5"},
		Code:       []string{"", "", "", "", ""},
		Group:      []string{"g", "g", "h", "h", "h"},
		Year:       make([]int, 5),
		Population: []float64{1, 1, 1, 1, 4},
		PopUrban:   []float64{nan, nan, nan, nan, nan},
		PopRural:   []float64{nan, nan, nan, nan, nan},
		Indicators: []string{"a", "b"},
		Values:     [][]float64{{0, 25, 50, 75, 100}, {20, 40, 60, 80, 100}},
		Urban:      [][]float64{{nan, 30, nan, nan, nan}, {nan, 30, 50, nan, nan}},
		Rural:      [][]float64{{nan, 20, nan, nan, nan}, {nan, 50, 30, nan, nan}},
	}
}

// diagRun scores the hand data and re-diagnoses it with the given rules
// and components.
func diagRun(t *testing.T, rules WeakRules, comp components) (*Result, *Diagnosis) {
	t.Helper()
	fw, d := diagFramework(), diagDataset()
	res, err := Run(fw, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFloats(t, "index", res.Index(), []float64{40, 42.5, 45, 47.5, 50}, 1e-9)
	fw.Weak = rules
	return res, diagnose(fw, d, res, comp)
}

// offRules turns every rule off, so a test can switch on one at a time.
func offRules() WeakRules {
	return WeakRules{Index: IndexLevel, Floor: nan, GroupFloor: nan, URRatio: nan, Regional: nan,
		Grades: DefaultWeakRules().Grades}
}

// fired returns the units (names) with a finding of the rule, and whether
// each such finding flags.
func fired(dg *Diagnosis, rule string) (units []string, flags []bool) {
	for _, u := range dg.Units {
		for _, f := range u.Findings {
			if f.Rule == rule {
				units = append(units, u.Unit+":"+f.Subject)
				flags = append(flags, f.Flags)
			}
		}
	}
	return units, flags
}

func TestDiagnoseUnitRules(t *testing.T) {
	cases := []struct {
		name  string
		set   func(*WeakRules)
		comp  components
		rule  string
		want  string // units:subject that fire, comma-separated
		weak  []bool
		value float64 // threshold of the first finding
	}{
		// mean - 1 sd = 45 - 3.9528 = 41.047: U1 (40) fires, U2 (42.5) does not.
		{"sd k=1", func(r *WeakRules) { r.K = 1 }, components{}, RuleIndexSD, "U1:", []bool{true, false, false, false, false}, 45 - math.Sqrt(15.625)},
		// k = 0.5: 45 - 1.976 = 43.02: U1 and U2 fire.
		{"sd k=0.5", func(r *WeakRules) { r.K = 0.5 }, components{}, RuleIndexSD, "U1:,U2:", []bool{true, true, false, false, false}, 45 - 0.5*math.Sqrt(15.625)},
		// k = 2: 45 - 7.9 = 37.1: nobody.
		{"sd k=2", func(r *WeakRules) { r.K = 2 }, components{}, RuleIndexSD, "", []bool{false, false, false, false, false}, 0},
		// bottom round(0.2 * 5) = 1 unit; round(0.3 * 5) = round(1.5) = 2.
		{"quantile 0.2", func(r *WeakRules) { r.Quantile = 0.2 }, components{}, RuleQuantile, "U1:", []bool{true, false, false, false, false}, 40},
		{"quantile 0.3", func(r *WeakRules) { r.Quantile = 0.3 }, components{}, RuleQuantile, "U1:,U2:", []bool{true, true, false, false, false}, 42.5},
		// floor 42.5: strictly below fires, equal does not.
		{"floor", func(r *WeakRules) { r.Floor = 42.5 }, components{}, RuleFloor, "U1:", []bool{true, false, false, false, false}, 42.5},
		{"floor off", func(r *WeakRules) {}, components{}, RuleFloor, "", []bool{false, false, false, false, false}, 0},
		// UR below 70: U2 (60) fires; 70 exactly does not; NaN never.
		{"urban-rural", func(r *WeakRules) { r.URRatio = 70 }, components{ur: []float64{80, 60, 70, 90, nan}}, RuleUrbanRural,
			"U2:urban_rural", []bool{false, true, false, false, false}, 70},
		{"regional", func(r *WeakRules) { r.Regional = 70 }, components{rg: []float64{69.9, 71, 100, nan, 0}}, RuleRegional,
			"U1:regional,U5:regional", []bool{true, false, false, false, true}, 70},
		{"regional off", func(r *WeakRules) {}, components{rg: []float64{0, 0, 0, 0, 0}}, RuleRegional, "", []bool{false, false, false, false, false}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rules := offRules()
			c.set(&rules)
			res, dg := diagRun(t, rules, c.comp)
			units, flags := fired(dg, c.rule)
			if got := strings.Join(units, ","); got != c.want {
				t.Errorf("%s fired for %q, want %q", c.rule, got, c.want)
			}
			for k, f := range flags {
				if !f {
					t.Errorf("finding %s of %s does not flag the unit", c.rule, units[k])
				}
			}
			if !equalBools(res.Weak, c.weak) {
				t.Errorf("res.Weak = %v, want %v", res.Weak, c.weak)
			}
			for i, u := range dg.Units {
				if u.Flagged != c.weak[i] {
					t.Errorf("%s flagged %v, want %v", u.Unit, u.Flagged, c.weak[i])
				}
				if u.Flagged != (len(res.WeakReasons[i]) > 0) {
					t.Errorf("%s: reasons %q do not match the flag", u.Unit, res.WeakReasons[i])
				}
			}
			if len(units) > 0 {
				for _, u := range dg.Units {
					for _, f := range u.Findings {
						if f.Rule == c.rule && !near(f.Threshold, c.value, 1e-9) {
							t.Errorf("%s threshold %g, want %g", c.rule, f.Threshold, c.value)
						}
					}
				}
			}
		})
	}
}

func TestDiagnoseProfileRules(t *testing.T) {
	rules := offRules()
	rules.GroupK = 1
	_, dg := diagRun(t, rules, components{})
	// ga: 50 - 39.528 = 10.47: U1 (0); gb: 40 - 39.528 = 0.47: U5 (0).
	units, flags := fired(dg, RuleGroupSD)
	if got := strings.Join(units, ","); got != "U1:ga,U5:gb" {
		t.Errorf("group-sd fired for %q", got)
	}
	for _, f := range flags {
		if f {
			t.Error("a weak-domain finding flags the unit")
		}
	}

	rules = offRules()
	rules.GroupFloor = 25
	_, dg = diagRun(t, rules, components{})
	// ga < 25: U1 (0), not U2 (25); gb < 25: U4 (20), U5 (0).
	if units, _ := fired(dg, RuleGroupFloor); strings.Join(units, ",") != "U1:ga,U4:gb,U5:gb" {
		t.Errorf("group-floor fired for %v", units)
	}

	rules = offRules()
	rules.Target = true
	res, dg := diagRun(t, rules, components{})
	// a (higher, target 50): 0 and 25 miss, 50 meets exactly.
	// b (lower, target 20): 20 meets, 40 .. 100 miss.
	units, flags = fired(dg, RuleTarget)
	if got := strings.Join(units, ","); got != "U1:a,U2:a,U2:b,U3:b,U4:b,U5:b" {
		t.Errorf("target fired for %q", got)
	}
	for _, f := range flags {
		if f {
			t.Error("a target finding flags the unit")
		}
	}
	for i, w := range res.Weak {
		if w {
			t.Errorf("%s flagged by profile rules alone", res.Unit[i])
		}
	}
	rules.Target = false
	_, dg = diagRun(t, rules, components{})
	if units, _ := fired(dg, RuleTarget); len(units) != 0 {
		t.Errorf("target rule off but fired for %v", units)
	}
}

func TestDiagnoseGaps(t *testing.T) {
	_, dg := diagRun(t, DefaultWeakRules(), components{})
	checkFloats(t, "benchmark", dg.Benchmark, []float64{68.75, 75}, 1e-12)
	u2 := dg.Units[1]
	a, b := u2.Gaps[0], u2.Gaps[1]
	// a = 25, higher: target 50 -> needs 25 more; benchmark 68.75 -> 43.75
	// behind; urban 30, rural 20 -> rural 10 behind.
	checkFloats(t, "U2 a gaps", []float64{a.ToTarget, a.ToBenchmark, a.RuralBehind}, []float64{25, 43.75, 10}, 1e-12)
	// b = 40, lower: target 20 -> must fall by 20; benchmark 75 -> 35
	// ahead (-35); urban 30, rural 50 -> rural 20 behind (higher is worse).
	checkFloats(t, "U2 b gaps", []float64{b.ToTarget, b.ToBenchmark, b.RuralBehind}, []float64{20, -35, 20}, 1e-12)
	// U3 b = 60: urban 50, rural 30 -> rural 20 ahead (-20).
	if got := dg.Units[2].Gaps[1].RuralBehind; got != -20 {
		t.Errorf("U3 b rural behind = %g, want -20", got)
	}
	// U5 b = 100: 25 worse than the benchmark; a = 100 meets the target
	// (ToTarget -50).
	if g := dg.Units[4].Gaps; g[1].ToBenchmark != 25 || g[0].ToTarget != -50 {
		t.Errorf("U5 gaps: b to benchmark %g (want 25), a to target %g (want -50)", g[1].ToBenchmark, g[0].ToTarget)
	}
	aZH, aEN := a.Text()
	bZH, bEN := b.Text()
	for _, want := range []string{"needs 25 人/千人 more to reach the target of 50 人/千人", "43.75 人/千人 below the region benchmark", "rural 20 人/千人 is 10 人/千人 behind urban (30 人/千人)"} {
		if !strings.Contains(aEN, want) {
			t.Errorf("a message %q lacks %q", aEN, want)
		}
	}
	for _, want := range []string{"needs to fall by 20 percentage points to reach the target of 20%", "35 percentage points better than the region benchmark", "rural 50% is 20 percentage points behind urban (30%)"} {
		if !strings.Contains(bEN, want) {
			t.Errorf("b message %q lacks %q", bEN, want)
		}
	}
	for _, want := range []string{"距目标 50 人/千人还差 25 人/千人", "农村 20 人/千人，落后城镇（30 人/千人）10 人/千人"} {
		if !strings.Contains(aZH, want) {
			t.Errorf("a message %q lacks %q", aZH, want)
		}
	}
	if want := "需降低 20 个百分点才能达到目标 20%"; !strings.Contains(bZH, want) {
		t.Errorf("b message %q lacks %q", bZH, want)
	}
	// Deviations: U2's a score 25 vs mean 50 -> -25 points; Ahead in
	// natural units 25 - 68.75 = -43.75.
	if d := u2.Indicators[0]; d.Diff != -25 || d.Ahead != -43.75 {
		t.Errorf("U2 a deviation %+v", d)
	}
}

func TestDiagnoseObstacles(t *testing.T) {
	_, dg := diagRun(t, DefaultWeakRules(), components{})
	for _, u := range dg.Units {
		s := 0.0
		for _, x := range u.Obstacle {
			s += x
		}
		gs := 0.0
		for _, x := range u.GroupObstacle {
			gs += x
		}
		// U5: z_a = 1 and z_b = 0, so all of it is b; nobody has all
		// scores at 100, so every unit's shares sum to 1.
		if !near(s, 1, 1e-12) || !near(gs, 1, 1e-12) {
			t.Errorf("%s: shares sum to %g, group shares to %g, want 1", u.Unit, s, gs)
		}
		if len(u.TopObstacles) > 5 {
			t.Errorf("%s: %d top obstacles", u.Unit, len(u.TopObstacles))
		}
	}
	// U2: z = 0.25, 0.6, w = 0.5, 0.5: O = 0.375, 0.2; shares 0.375/0.575
	// and 0.2/0.575.
	u2 := dg.Units[1]
	checkFloats(t, "U2 degree", u2.ObstacleDegree, []float64{0.375, 0.2}, 1e-12)
	checkFloats(t, "U2 shares", u2.Obstacle, []float64{0.375 / 0.575, 0.2 / 0.575}, 1e-12)
	checkFloats(t, "U2 group shares", u2.GroupObstacle, []float64{0.375 / 0.575, 0.2 / 0.575}, 1e-12)
	if len(u2.TopObstacles) != 2 || u2.TopObstacles[0] != 0 {
		t.Errorf("U2 top obstacles %v, want [0 1]", u2.TopObstacles)
	}
	// U5 is at the best end of a: only b holds it back.
	if u5 := dg.Units[4]; len(u5.TopObstacles) != 1 || u5.TopObstacles[0] != 1 || u5.Obstacle[0] != 0 {
		t.Errorf("U5 obstacles %v top %v", u5.Obstacle, u5.TopObstacles)
	}
}

func TestDiagnoseMissingIndicator(t *testing.T) {
	fw, d := diagFramework(), diagDataset()
	d.Values[1][2] = nan // U3 has no b
	res, err := Run(fw, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	u3 := res.Diagnosis.Units[2]
	if len(u3.Missing) != 1 || u3.Missing[0] != "b" {
		t.Errorf("U3 missing %v, want [b]", u3.Missing)
	}
	if !math.IsNaN(u3.Obstacle[1]) || u3.Obstacle[0] != 1 {
		t.Errorf("U3 shares %v, want [1 NaN]: diagnosed on a alone", u3.Obstacle)
	}
	found := false
	for _, f := range u3.Findings {
		if f.Rule == RuleMissing && f.Subject == "b" {
			found = strings.Contains(f.MsgEN, "Beta") && strings.Contains(f.Msg, "乙")
		}
	}
	if !found {
		t.Errorf("U3 findings %+v lack a missing-data finding naming b", u3.Findings)
	}
	// U3's index is its a score (coverage 0.5 is enough): 50.
	if u3.Index != 50 || u3.Grade != "D" {
		t.Errorf("U3 index %g grade %q, want 50 D", u3.Index, u3.Grade)
	}
}

func TestDiagnosePeersGradesAndIndex(t *testing.T) {
	res, dg := diagRun(t, DefaultWeakRules(), components{ei: []float64{90, 10, 50, 60, 70}})
	// Groups g = {U1 40, U2 42.5}, h = {U3 45, U4 47.5, U5 50}.
	var got []int
	for _, u := range dg.Units {
		got = append(got, u.PeerRank, u.PeerCount)
	}
	if want := []int{2, 2, 1, 2, 3, 3, 2, 3, 1, 3}; !equalInts(got, want) {
		t.Errorf("peer ranks/counts %v, want %v", got, want)
	}
	if dg.Index != IndexLevel || countCode(res.Warnings, "weak-index-fallback") != 0 {
		t.Errorf("index %q, warnings %v", dg.Index, res.Warnings)
	}

	// index: ei reads the EI slice; without one it falls back with a
	// warning.
	rules := DefaultWeakRules()
	rules.Index = IndexEI
	res, dg = diagRun(t, rules, components{ei: []float64{90, 10, 50, 60, 70}})
	if dg.Index != IndexEI || dg.Units[1].Index != 10 || !res.Weak[1] || res.Weak[0] {
		t.Errorf("ei rules: index %q, U2 %g, weak %v", dg.Index, dg.Units[1].Index, res.Weak)
	}
	if dg.Units[0].Grade != "A" || dg.Units[3].Grade != "C" {
		t.Errorf("grades on EI: %q %q, want A C", dg.Units[0].Grade, dg.Units[3].Grade)
	}
	res, dg = diagRun(t, rules, components{})
	if dg.Index != IndexLevel || countCode(res.Warnings, "weak-index-fallback") != 1 {
		t.Errorf("no EI: index %q, warnings %v", dg.Index, res.Warnings)
	}

	bands := DefaultWeakRules().Grades
	for v, want := range map[float64]string{100: "A", 85: "A", 84.99: "B", 70: "B", 60: "C", 59.9: "D", -5: "D", nan: ""} {
		if got := diagGrade(bands, v); got != want {
			t.Errorf("grade(%g) = %q, want %q", v, got, want)
		}
	}
	// Without an open last band a value below every band gets no grade.
	if got := diagGrade([]Grade{{Label: "A", Min: 85}, {Label: "B", Min: 70}}, 50); got != "" {
		t.Errorf("grade below every band = %q", got)
	}
}

func TestDiagnoseSummary(t *testing.T) {
	_, dg := diagRun(t, DefaultWeakRules(), components{})
	// Defaults: U1 is below mean - sd and the bottom fifth.
	want := "1 of 5 units are flagged: U1 (index 40.0, grade D; 1.3 sd below the mean; in the bottom 20%; weakest: ga 0.0)."
	if got := dg.Summary("en"); got != want {
		t.Errorf("summary\n got %s\nwant %s", got, want)
	}
	if got := dg.Summary("zh"); !strings.HasPrefix(got, "5 个单位中有 1 个被标记为薄弱地区：U1（综合指数 40.0") {
		t.Errorf("summary %s", got)
	}
	// Strengths and weaknesses of U1: ga -50 points, a -50; gb +40, b +40.
	u1 := dg.Units[0]
	if len(u1.Weaknesses) != 2 || u1.Weaknesses[0].ID != "ga" || u1.Weaknesses[1].ID != "a" ||
		len(u1.Strengths) != 2 || u1.Strengths[0].ID != "gb" || u1.Strengths[0].Diff != 40 {
		t.Errorf("U1 strengths %+v weaknesses %+v", u1.Strengths, u1.Weaknesses)
	}
}

func TestDiagHuman(t *testing.T) {
	for v, want := range map[float64]string{0.42: "0.42", 1.0249: "1.02", 372: "372", 0.04567: "0.0457", 0: "0", -2.5: "-2.5", 99.35: "99.35"} {
		if got := diagHuman(v); got != want {
			t.Errorf("diagHuman(%g) = %q, want %q", v, got, want)
		}
	}
}

// Diagnose the five hand-made units of diagDataset with the default rules:
// U1's index 40 is 1.3 sd below the mean 45 and in the bottom fifth.
func ExampleDiagnose() {
	res, err := Run(diagFramework(), diagDataset(), Options{})
	if err != nil {
		panic(err)
	}
	dg := res.Diagnosis
	fmt.Println(dg.Summary("en"))
	u2 := dg.Units[1]
	fmt.Println(u2.Gaps[0].TargetText()[1])
	fmt.Println(u2.Gaps[1].TargetText()[1])
	fmt.Printf("obstacle shares of U2: %.4f %.4f\n", u2.Obstacle[0], u2.Obstacle[1])
	// Output:
	// 1 of 5 units are flagged: U1 (index 40.0, grade D; 1.3 sd below the mean; in the bottom 20%; weakest: ga 0.0).
	// Alpha is 25 人/千人: needs 25 人/千人 more to reach the target of 50 人/千人
	// Beta is 40%: needs to fall by 20 percentage points to reach the target of 20%
	// obstacle shares of U2: 0.6522 0.3478
}

// topK keeps the k best that pass keep, ties in input order, as a stable
// sort followed by a cut would.
func TestTopK(t *testing.T) {
	x := []int{5, 1, 9, 5, 7, 9, 0, 5}
	got := topK(x, 4, func(v int) bool { return v > 0 }, func(a, b int) bool { return a > b })
	if want := []int{9, 9, 7, 5}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("topK = %v, want %v", got, want)
	}
	// Ties keep input order: indices of equal values.
	idx := []int{0, 1, 2, 3}
	val := []float64{2, 3, 3, 1}
	got = topK(idx, 2, func(int) bool { return true }, func(a, b int) bool { return val[a] > val[b] })
	if want := []int{1, 2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ties: %v, want %v", got, want)
	}
	if got := topK(x, 3, func(v int) bool { return v > 100 }, func(a, b int) bool { return a > b }); len(got) != 0 {
		t.Errorf("nothing kept: %v", got)
	}
}

// Quantile grade bands take their thresholds from the run's index: with
// index 10, 20, ..., 100, the 0.8-quantile (type 7) is 10 + 0.8*9*10 = 82
// and the median 55.
func TestQuantileGrades(t *testing.T) {
	values := []float64{40, 10, 100, 20, 90, 30, nan, 80, 50, 70, 60}
	g := resolveGrades([]Grade{{Label: "A", Quantile: 0.8}, {Label: "B", Quantile: 0.5}, {Label: "C", Min: math.Inf(-1)}}, values)
	if !near(g[0].Min, 82, 1e-12) || !near(g[1].Min, 55, 1e-12) {
		t.Fatalf("thresholds %g, %g; want 82, 55", g[0].Min, g[1].Min)
	}
	count := map[string]int{}
	for _, v := range values {
		count[diagGrade(g, v)]++
	}
	// A: 90, 100; B: 60, 70, 80; C: the other five; "" for the missing one.
	if count["A"] != 2 || count["B"] != 3 || count["C"] != 5 || count[""] != 1 {
		t.Errorf("grade counts %v", count)
	}
	if got := quantile7([]float64{3}, 0.9); got != 3 {
		t.Errorf("quantile of one value = %g", got)
	}
}

// One unit alone is never "in the bottom fifth".
func TestQuantileRuleNeedsTwoUnits(t *testing.T) {
	d := handDataset().SelectRows([]int{0})
	res, err := Run(handFramework(0.5), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Weak[0] {
		t.Errorf("a single unit is flagged: %q", res.WeakReasons[0])
	}
}
