package scoring

import (
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/weights"
)

const tol = 1e-9

func near(a, b, eps float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= eps
}

func checkFloats(t *testing.T, what string, got, want []float64, eps float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if !near(got[i], want[i], eps) {
			t.Errorf("%s[%d] = %.12g, want %.12g", what, i, got[i], want[i])
		}
	}
}

var nan = math.NaN()

// handFramework is root -> g1 (weight 2: x1 higher, x2 lower, equal) and
// g2 (weight 1: x3 higher), all min-max and arithmetic.
func handFramework(minCoverage float64) *Framework {
	ind := func(id string, dir Direction) *Node {
		return &Node{ID: id, Name: id, Weight: 1, Direction: dir, Normalisation: MinMax, Transform: "none"}
	}
	grp := func(id string, w float64, kids ...*Node) *Node {
		return &Node{ID: id, Name: id, Weight: w, Weighting: Fixed, Aggregation: Arithmetic, Children: kids}
	}
	root := grp("index", 1, grp("g1", 2, ind("x1", Higher), ind("x2", Lower)), grp("g2", 1, ind("x3", Higher)))
	return &Framework{Name: "hand", Root: root, Missing: MissingAvailable, MinCoverage: minCoverage,
		Benchmark: BenchmarkMean, Components: DefaultComponents, Weak: DefaultWeakRules()}
}

func handDataset() *Dataset {
	return &Dataset{
		Unit:       []string{"A", "B", "C", "D"},
		Code:       []string{"1", "2", "3", "4"},
		Group:      []string{"g", "g", "h", "h"},
		Year:       []int{0, 0, 0, 0},
		Population: []float64{1, 1, 1, 1},
		Indicators: []string{"x1", "x2", "x3"},
		Values: [][]float64{
			{10, 20, 30, 40},
			{5, 5, 1, nan},
			{3, 1, 2, 4},
		},
	}
}

// The hand computation:
//
//	x1 min-max:           0, 33.33, 66.67, 100
//	x2 lower, (5 - x)/4:  0, 0, 100, missing
//	x3 (x - 1)/3:         66.67, 0, 33.33, 100
//	g1 = mean(x1, x2):    0, 16.67, 83.33, 100 (D on x1 alone: coverage 0.5)
//	index = 2/3 g1 + 1/3 g2: 22.22, 11.11, 66.67, 100
func TestRunHandComputed(t *testing.T) {
	res, err := Run(handFramework(0.5), handDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFloats(t, "x1", res.Node("x1").Scores, []float64{0, 100.0 / 3, 200.0 / 3, 100}, tol)
	checkFloats(t, "x2", res.Node("x2").Scores, []float64{0, 0, 100, nan}, tol)
	checkFloats(t, "g1", res.Node("g1").Scores, []float64{0, 50.0 / 3, 250.0 / 3, 100}, tol)
	checkFloats(t, "index", res.Index(), []float64{200.0 / 9, 100.0 / 9, 200.0 / 3, 100}, tol)
	if got, want := res.Rank, []int{3, 4, 2, 1}; !equalInts(got, want) {
		t.Errorf("ranks %v, want %v", got, want)
	}
	// Effective weights: x1 = 2/3 * 1/2, x2 = 2/3 * 1/2, x3 = 1/3.
	for id, want := range map[string]float64{"g1": 2.0 / 3, "g2": 1.0 / 3, "x1": 1.0 / 3, "x2": 1.0 / 3, "x3": 1.0 / 3} {
		if got := res.Node(id).EffectiveWeight; !near(got, want, tol) {
			t.Errorf("effective weight of %s = %g, want %g", id, got, want)
		}
	}
	// Mean 50, sd 41.08: nobody is below mean - sd = 8.92; the bottom
	// round(0.2 * 4) = 1 unit, B, is flagged.
	if got, want := res.Weak, []bool{false, true, false, false}; !equalBools(got, want) {
		t.Errorf("weak %v, want %v; reasons %q", got, want, res.WeakReasons)
	}
	if r := strings.Join(res.WeakReasons[1], "; "); !strings.Contains(r, "rank 4 of 4") || !strings.Contains(r, "g1 16.7") {
		t.Errorf("B's reasons %q should give its rank and lowest groups", r)
	}
}

func TestRunMinCoverage(t *testing.T) {
	// With min_coverage 0.6, D's g1 has data for half its weight only: no
	// score; at the root D then has data for 1/3 of the weight: no index.
	res, err := Run(handFramework(0.6), handDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	g1 := res.Node("g1")
	if !math.IsNaN(g1.Scores[3]) || !strings.Contains(g1.Why[3], "50%") {
		t.Errorf("D's g1 = %g (%q), want missing because coverage 50%% < 60%%", g1.Scores[3], g1.Why[3])
	}
	if !math.IsNaN(res.Index()[3]) || res.Rank[3] != 0 {
		t.Errorf("D's index %g rank %d, want missing and unranked", res.Index()[3], res.Rank[3])
	}
	// The other units are unaffected.
	checkFloats(t, "index", res.Index()[:3], []float64{200.0 / 9, 100.0 / 9, 200.0 / 3}, tol)
	if countCode(res.Warnings, "low-coverage") != 2 {
		t.Errorf("want 2 low-coverage warnings (g1 and index for D), got %v", res.Warnings)
	}
}

func TestRunYears(t *testing.T) {
	d := handDataset()
	two := d.SelectRows([]int{0, 1, 2, 3, 0, 1, 2, 3})
	two.Year = []int{2019, 2019, 2019, 2019, 2020, 2020, 2020, 2020}
	// 2020: x1 reversed, so A is best on x1.
	copy(two.Values[0][4:], []float64{40, 30, 20, 10})
	res, err := Run(handFramework(0.5), two, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Year != 2020 || len(res.Unit) != 4 {
		t.Fatalf("default year %d with %d units, want the latest (2020) with 4", res.Year, len(res.Unit))
	}
	checkFloats(t, "x1 2020", res.Node("x1").Scores, []float64{100, 200.0 / 3, 100.0 / 3, 0}, tol)
	res19, err := Run(handFramework(0.5), two, Options{Year: 2019})
	if err != nil {
		t.Fatal(err)
	}
	checkFloats(t, "index 2019", res19.Index(), []float64{200.0 / 9, 100.0 / 9, 200.0 / 3, 100}, tol)
	if _, err := Run(handFramework(0.5), two, Options{Year: 2018}); err == nil || !strings.Contains(err.Error(), "2019, 2020") {
		t.Errorf("year 2018: error %v, want one listing the years", err)
	}
}

func TestCompetitionRanks(t *testing.T) {
	got := CompetitionRanks([]float64{5, 7, 7, nan, 3, 7})
	if want := []int{4, 1, 1, 0, 5, 1}; !equalInts(got, want) {
		t.Errorf("ranks %v, want %v", got, want)
	}
}

func TestNormalisers(t *testing.T) {
	x := []float64{10, 20, nan, 40}
	s, lo, hi, constant := NormaliseMinMax(x, Lower)
	checkFloats(t, "minmax lower", s, []float64{100, 100 * 20.0 / 30, nan, 0}, tol)
	if lo != 40 || hi != 10 || constant {
		t.Errorf("lower min-max range worst %g best %g constant %v, want 40, 10, false", lo, hi, constant)
	}
	s, _, _, constant = NormaliseMinMax([]float64{3, 3, nan}, Higher)
	checkFloats(t, "constant", s, []float64{100, 100, nan}, tol)
	if !constant {
		t.Error("a constant column should be reported")
	}
	// Goalposts [80, 98] higher: 89 -> 50; clamps at both ends.
	checkFloats(t, "goalposts", NormaliseGoalposts([]float64{89, 70, 99, nan}, 80, 98), []float64{50, 0, 100, nan}, tol)
	// Lower goalposts [10, 2] (worst 10, best 2): 6 -> 50.
	checkFloats(t, "goalposts lower", NormaliseGoalposts([]float64{6, 12}, 10, 2), []float64{50, 0}, tol)
	// z: mean 20, sample sd of 10, 20, 30 is 10.
	z, mean, sd, _ := NormaliseZScore([]float64{10, 20, 30}, Lower)
	checkFloats(t, "zscore", z, []float64{1, 0, -1}, tol)
	if mean != 20 || sd != 10 {
		t.Errorf("zscore mean %g sd %g, want 20, 10", mean, sd)
	}
	checkFloats(t, "target higher", NormaliseDistance([]float64{49, 98, 120}, 98, Higher), []float64{50, 100, 100}, tol)
	checkFloats(t, "target lower", NormaliseDistance([]float64{10, 5, 0}, 5, Lower), []float64{50, 100, 100}, tol)
	// Ranks 1, 2, 2, 4 of 4 -> 100, 66.7, 66.7, 0.
	checkFloats(t, "rank", NormalisePercentileRank([]float64{9, 5, 5, 1}, Higher), []float64{100, 200.0 / 3, 200.0 / 3, 0}, tol)
	w, clipped := Winsorise([]float64{1, 2, 3, 100}, 1)
	// mean 26.5, sd 49.0: clip at 75.5 (100 -> 75.5); nothing below -22.5.
	m, sdv := meanSD([]float64{1, 2, 3, 100})
	checkFloats(t, "winsorise", w, []float64{1, 2, 3, m + sdv}, tol)
	if clipped != 1 {
		t.Errorf("clipped %d, want 1", clipped)
	}
}

func TestAggregateMethods(t *testing.T) {
	kids := []*Node{{ID: "a"}, {ID: "b"}}
	w := []float64{0.25, 0.75}
	s := []float64{16, 81}
	// Geometric: 16^0.25 * 81^0.75 = 2 * 27 = 54.
	if v, err := aggregateUnit(Geometric, s, w, 0, kids); err != nil || !near(v, 54, 1e-9) {
		t.Errorf("geometric = %g, %v; want 54", v, err)
	}
	// Harmonic: 1 / (0.25/16 + 0.75/81).
	if v, _ := aggregateUnit(Harmonic, s, w, 0, kids); !near(v, 1/(0.25/16+0.75/81), 1e-9) {
		t.Errorf("harmonic = %g", v)
	}
	if _, err := aggregateUnit(Geometric, []float64{0, 50}, w, 0, kids); err == nil || !strings.Contains(err.Error(), "a scores 0") {
		t.Errorf("geometric of a zero: error %v, want one naming child a", err)
	}
	// With floor 1, 0 -> 1 and 50 -> 50.5: 1^0.25 * 50.5^0.75.
	if v, err := aggregateUnit(Geometric, []float64{0, 50}, w, 1, kids); err != nil || !near(v, math.Pow(50.5, 0.75), 1e-9) {
		t.Errorf("geometric with floor = %g, %v", v, err)
	}
	// Missing child: renormalise over b alone.
	if v, _ := aggregateUnit(Arithmetic, []float64{nan, 40}, w, 0, kids); v != 40 {
		t.Errorf("arithmetic with a missing child = %g, want 40", v)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func countCode(ws []Warning, code string) int {
	n := 0
	for _, w := range ws {
		if w.Code == code {
			n++
		}
	}
	return n
}

// Objective weights are computed on the unit-years of all years pooled;
// normalisation stays within each year.
func TestRunPoolsYearsForObjectiveWeights(t *testing.T) {
	d := handDataset()
	two := d.SelectRows([]int{0, 1, 2, 3, 0, 1, 2, 3})
	two.Year = []int{2019, 2019, 2019, 2019, 2020, 2020, 2020, 2020}
	copy(two.Values[0][4:], []float64{40, 30, 20, 10})
	fw := handFramework(0.5)
	fw.Root.Children[0].Weighting = Entropy
	res, err := Run(fw, two, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Complete rows for g1 (x1 and x2 present): A, B, C of each year.
	// Scores per year: x1 2019 = 0, 33.3, 66.7; 2020 = 100, 66.7, 33.3;
	// x2 = 0, 0, 100 in both years.
	x1 := []float64{0, 100.0 / 3, 200.0 / 3, 100, 200.0 / 3, 100.0 / 3}
	x2 := []float64{0, 0, 100, 0, 0, 100}
	want := weights.Entropy([][]float64{x1, x2}, false)
	g1 := res.Node("g1").Weighting
	checkFloats(t, "pooled entropy weights", g1.Weights, want.W, 1e-12)
	if g1.Diagnostics["units"] != 6 || g1.Diagnostics["years"] != 2 {
		t.Errorf("diagnostics %v, want 6 unit-years over 2 years", g1.Diagnostics)
	}
	// The weights differ from those of 2020 alone, so pooling mattered.
	alone := weights.Entropy([][]float64{x1[3:], x2[3:]}, false)
	if near(alone.W[0], want.W[0], 1e-6) {
		t.Fatalf("test data does not separate pooled (%v) from single-year (%v) weights", want.W, alone.W)
	}
}

func TestRegionBenchmark(t *testing.T) {
	n := &Node{ID: "x", Direction: Higher}
	x := []float64{10, 20, nan, 40}
	// Population-weighted: (10*1 + 20*2 + 40*1) / 4 = 22.5 (the missing
	// value's population does not count).
	if got := RegionBenchmark(BenchmarkMean, n, x, []float64{1, 2, 5, 1}); got != 22.5 {
		t.Errorf("weighted mean %g, want 22.5", got)
	}
	// A unit with a value but no population: unweighted, (10+20+40)/3.
	if got := RegionBenchmark(BenchmarkMean, n, x, []float64{1, 2, 5, nan}); !near(got, 70.0/3, 1e-12) {
		t.Errorf("mean with a population missing %g, want the unweighted 23.33", got)
	}
	// Weighted median: cumulative weights 1, 3 (of 4) at 20.
	if got := RegionBenchmark(BenchmarkMedian, n, x, []float64{1, 2, 5, 1}); got != 20 {
		t.Errorf("weighted median %g, want 20", got)
	}
	target := 30.0
	n.Target = &target
	if got := RegionBenchmark(BenchmarkTarget, n, x, nil); got != 30 {
		t.Errorf("target benchmark %g, want 30", got)
	}
}

func TestRunIndexOnly(t *testing.T) {
	full, err := Run(handFramework(0.5), handDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Run(handFramework(0.5), handDataset(), Options{IndexOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	checkFloats(t, "index", idx.Index(), full.Index(), 0)
	if !equalInts(idx.Rank, full.Rank) {
		t.Errorf("ranks %v, want %v", idx.Rank, full.Rank)
	}
	if idx.Equalization != nil || idx.Diagnosis != nil || full.Equalization == nil || full.Diagnosis == nil {
		t.Error("IndexOnly should skip equalization and diagnosis, and only it")
	}
	if len(idx.Weak) != 4 || idx.Weak[1] {
		t.Errorf("IndexOnly flags no unit, got %v", idx.Weak)
	}
}

// A geometric mean of a zero score fails, naming group, unit and child;
// geometric_floor shifts scores into [floor, 100] and makes it work.
func TestRunGeometricZero(t *testing.T) {
	fw := handFramework(0.5)
	g1 := fw.Root.Children[0]
	g1.Aggregation = Geometric
	_, err := Run(fw, handDataset(), Options{})
	if err == nil || !strings.Contains(err.Error(), "group g1, unit A") || !strings.Contains(err.Error(), "x1 scores 0") || !strings.Contains(err.Error(), "geometric_floor") {
		t.Fatalf("error %v, want one naming g1, A, x1 and the way out", err)
	}
	g1.GeometricFloor = 1
	res, err := Run(fw, handDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// C: x1 66.67 -> 1 + 66.67*0.99 = 67, x2 100 -> 100: sqrt(67*100).
	if got, want := res.Node("g1").Scores[2], math.Sqrt((1+200.0/3*0.99)*100); !near(got, want, 1e-9) {
		t.Errorf("C's g1 = %g, want %g", got, want)
	}
}

// Without populations the benchmark is unweighted, and the sentences say so.
func TestBenchmarkWordingFollowsWeighting(t *testing.T) {
	for _, tc := range []struct {
		pop  []float64
		want string
	}{
		{[]float64{1, 2, 3, 4}, "区域基准（人口加权均值）"},
		{[]float64{1, nan, 3, 4}, "区域基准（均值）"},
	} {
		d := handDataset()
		d.Population = tc.pop
		res, err := Run(handFramework(0.5), d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		zh := res.Diagnosis.Units[0].Gaps[0].BenchmarkText()[0]
		if !strings.Contains(zh, tc.want) {
			t.Errorf("population %v: %q lacks %q", tc.pop, zh, tc.want)
		}
		if got := PopulationWeighted(d.Values[0], d.Population); got != !math.IsNaN(tc.pop[1]) {
			t.Errorf("PopulationWeighted = %v", got)
		}
	}
}
