package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// eqFramework is root -> g (fixed weights) with the given indicators, all
// min-max and arithmetic, benchmark mean, default components.
func eqFramework(ind ...*Node) *Framework {
	g := &Node{ID: "g", Name: "g", Weight: 1, Weighting: Fixed, Aggregation: Arithmetic, Children: ind}
	root := &Node{ID: "index", Name: "index", Weight: 1, Weighting: Fixed, Aggregation: Arithmetic, Children: []*Node{g}}
	return &Framework{Name: "eq", Root: root, Missing: MissingAvailable, MinCoverage: 0,
		Benchmark: BenchmarkMean, Components: DefaultComponents, Weak: DefaultWeakRules()}
}

func eqInd(id string, dir Direction, w float64) *Node {
	return &Node{ID: id, Name: id, Weight: w, Direction: dir, Normalisation: MinMax, Transform: "none"}
}

// toyDataset is the urban-rural toy of methods.md: cells (county, area,
// value, population) C1 U 12 40; C1 R 6 60; C2 U 10 30; C2 R 7 50;
// C3 U 9 20; C3 R 3 80. The county value is the population-weighted
// average of its cells: (12*40 + 6*60)/100 = 8.4, (10*30 + 7*50)/80 =
// 8.125, (9*20 + 3*80)/100 = 4.2.
func toyDataset() *Dataset {
	return &Dataset{
		Unit:       []string{"C1", "C2", "C3"},
		Code:       []string{"", "", ""},
		Group:      []string{"", "", ""},
		Year:       []int{0, 0, 0},
		Population: []float64{100, 80, 100},
		PopUrban:   []float64{40, 30, 20},
		PopRural:   []float64{60, 50, 80},
		Indicators: []string{"doc"},
		Values:     [][]float64{{8.4, 8.125, 4.2}},
		Urban:      [][]float64{{12, 10, 9}},
		Rural:      [][]float64{{6, 7, 3}},
	}
}

func TestEqualizeUrbanRuralToy(t *testing.T) {
	res, err := Run(eqFramework(eqInd("doc", Higher, 1)), toyDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	area := eq.DecompositionFor(SubjectIndicator, "doc", ByArea)
	unit := eq.DecompositionFor(SubjectIndicator, "doc", ByUnit)
	if area == nil || unit == nil {
		t.Fatalf("missing decompositions: %+v", eq.Decompositions)
	}
	// methods.md section 5, urban-rural toy (DER).
	const eps = 1e-12
	checkFloats(t, "theil T by area (total, between, within)",
		[]float64{area.TheilT.Total, area.TheilT.Between, area.TheilT.Within},
		[]float64{0.10548084866720205, 0.07019531583472444, 0.03528553283247726}, eps)
	checkFloats(t, "theil T by county (total, between, within)",
		[]float64{unit.TheilT.Total, unit.TheilT.Between, unit.TheilT.Within},
		[]float64{0.10548084866720205, 0.04441530038782615, 0.061065548279375874}, eps)
	checkFloats(t, "theil L by area (total, between, within)",
		[]float64{area.TheilL.Total, area.TheilL.Between, area.TheilL.Within},
		[]float64{0.11611045705727036, 0.06708917274883822, 0.04902128430843244}, eps)
	ie := eq.Indicator("doc")
	checkFloats(t, "urban and rural means", []float64{ie.UrbanMean, ie.RuralMean}, []float64{10.666666666666666, 5.0}, eps)
	checkFloats(t, "per-county urban/rural ratio", ie.Ratio, []float64{2.0, 1.4285714285714286, 3.0}, eps)
	// UR = 100 min/max: 6/12, 7/10, 3/9.
	checkFloats(t, "per-county UR", ie.UR, []float64{50, 70, 100.0 / 3}, eps)
	checkFloats(t, "UR component (one indicator)", eq.UR, []float64{50, 70, 100.0 / 3}, eps)
	for i, b := range ie.Behind {
		if b != AreaRural {
			t.Errorf("C%d: behind %q, want rural", i+1, b)
		}
	}
	// The between share is Between / Total.
	if got, want := area.TheilT.BetweenShare, 0.07019531583472444/0.10548084866720205; !near(got, want, eps) {
		t.Errorf("between share %g, want %g", got, want)
	}
	// No group column: no group decompositions.
	if len(eq.Dagum) != 0 || eq.DecompositionFor(SubjectIndex, "index", ByGroup) != nil {
		t.Errorf("no groups in the data, but got group decompositions")
	}
}

// handEqDataset: a (higher, weight 1) and b (lower, weight 3) under one
// group, so the effective weights are 1/4 and 3/4; populations 1, 1, 2.
func handEqDataset() *Dataset {
	return &Dataset{
		Unit:       []string{"A", "B", "C"},
		Code:       []string{"", "", ""},
		Group:      []string{"x", "x", "y"},
		Year:       []int{0, 0, 0},
		Population: []float64{1, 1, 2},
		PopUrban:   []float64{0.5, 0.5, 1},
		PopRural:   []float64{0.5, 0.5, 1},
		Indicators: []string{"a", "b"},
		Values:     [][]float64{{10, 20, 30}, {4, 2, 1}},
		Urban:      [][]float64{{12, 20, nan}, {3, 4, 1}},
		Rural:      [][]float64{{8, 20, nan}, {6, 1, 1}},
	}
}

// The hand computation (effective weights 1/4, 3/4):
//
//	benchmarks: a (10 + 20 + 2*30)/4 = 22.5; b (4 + 2 + 2*1)/4 = 2
//	RG a = 100 min(1, x/22.5): 44.444, 88.889, 100
//	RG b = 100 min(1, 2/x):    50, 100, 100
//	RG   = 11.111 + 37.5 = 48.6111; 22.222 + 75 = 97.2222; 100
//	UR a = 100 min/max: 8/12 = 66.667 (rural behind), 100, missing
//	UR b (lower): 3 vs 6 = 50 (rural behind), 1 vs 4 = 25 (urban behind), 100
//	UR   = 16.667 + 37.5 = 54.1667; 25 + 18.75 = 43.75; C has b only: 100
//	L: a min-max 0, 50, 100; b lower (4 - x)/3: 0, 66.667, 100
//	   L = 0, 62.5, 100
//	EI = 0.5 L + 0.25 UR + 0.25 RG:
//	   A 0 + 13.5417 + 12.1528 = 25.6944; B 31.25 + 10.9375 + 24.3056 = 66.4931; C 100
func TestEqualizeHandComputed(t *testing.T) {
	res, err := Run(eqFramework(eqInd("a", Higher, 1), eqInd("b", Lower, 3)), handEqDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	a, b := eq.Indicator("a"), eq.Indicator("b")
	checkFloats(t, "benchmarks", []float64{a.Benchmark, b.Benchmark}, []float64{22.5, 2}, tol)
	checkFloats(t, "RG a", a.RG, []float64{1000 / 22.5, 2000 / 22.5, 100}, tol)
	checkFloats(t, "RG b", b.RG, []float64{50, 100, 100}, tol)
	checkFloats(t, "RG", eq.RG, []float64{0.25*1000/22.5 + 37.5, 0.25*2000/22.5 + 75, 100}, tol)
	checkFloats(t, "UR a", a.UR, []float64{200.0 / 3, 100, nan}, tol)
	checkFloats(t, "UR b", b.UR, []float64{50, 25, 100}, tol)
	checkFloats(t, "UR", eq.UR, []float64{0.25*200.0/3 + 37.5, 43.75, 100}, tol)
	checkFloats(t, "L", res.Index(), []float64{0, 62.5, 100}, tol)
	ei := func(l, ur, rg float64) float64 { return 0.5*l + 0.25*ur + 0.25*rg }
	checkFloats(t, "EI", eq.EI, []float64{
		ei(0, eq.UR[0], eq.RG[0]), ei(62.5, 43.75, eq.RG[1]), 100}, tol)
	checkFloats(t, "EI (rounded hand values)", eq.EI, []float64{25.6944, 66.4931, 100}, 1e-4)
	checkFloats(t, "ratio a", a.Ratio, []float64{1.5, 1, nan}, tol)
	checkFloats(t, "gap a", a.Gap, []float64{4.0 / 12, 0, nan}, tol)
	checkFloats(t, "gap b", b.Gap, []float64{-0.5, 0.75, 0}, tol)
	if got, want := strings.Join(a.Behind, ","), "rural,,"; got != want {
		t.Errorf("behind a %q, want %q", got, want)
	}
	if got, want := strings.Join(b.Behind, ","), "rural,urban,"; got != want {
		t.Errorf("behind b %q, want %q", got, want)
	}
	if got, want := eq.EIRank, []int{3, 2, 1}; !equalInts(got, want) {
		t.Errorf("EI ranks %v, want %v", got, want)
	}
	if got, want := eq.URRank, []int{2, 3, 1}; !equalInts(got, want) {
		t.Errorf("UR ranks %v, want %v", got, want)
	}
	if countCode(res.Warnings, "component-missing") != 0 {
		t.Errorf("no component is missing, got %v", res.Warnings)
	}

	// Statistics: the weighted row of L is Describe with the populations.
	row := eq.StatsFor(SubjectIndex, "index", true)
	if row == nil {
		t.Fatal("no weighted stats for the index")
	}
	want := Describe([]float64{0, 62.5, 100}, []float64{1, 1, 2})
	checkFloats(t, "weighted L stats (mean, gini, theil T)",
		[]float64{row.Stats.Mean, row.Stats.Gini, row.Stats.TheilT}, []float64{want.Mean, want.Gini, want.TheilT}, tol)
	// L has a 0: Theil L not defined, and said so.
	if !math.IsNaN(row.Stats.TheilL) || len(row.Stats.Notes) == 0 {
		t.Errorf("Theil L of L = %g with notes %q, want NaN with a reason", row.Stats.TheilL, row.Stats.Notes)
	}
	// Group decompositions add up and the Dagum terms sum to G.
	for _, d := range eq.Decompositions {
		for _, dd := range []Decomposition{d.TheilT, d.TheilL} {
			if !math.IsNaN(dd.Total) && !near(dd.Within+dd.Between, dd.Total, 1e-12) {
				t.Errorf("%s %s by %s: within + between = %g, total %g", d.Subject, dd.Measure, d.By, dd.Within+dd.Between, dd.Total)
			}
		}
	}
	dg := eq.DagumFor(SubjectIndicator, "a")
	if dg == nil {
		t.Fatal("no Dagum decomposition for a")
	}
	if g := dg.Dagum; !near(g.Gw+g.Gnb+g.Gt, g.G, 1e-12) || len(g.Groups) != 2 || g.Groups[0].Name != "x" {
		t.Errorf("Dagum of a: %+v", g)
	}
}

func TestEqualizeComponentDropsOut(t *testing.T) {
	d := handEqDataset()
	// A loses every urban/rural value: its EI uses L and RG only, with
	// weights 0.5 and 0.25 renormalised to 2/3 and 1/3:
	// EI = (0.5 * 0 + 0.25 * 48.6111) / 0.75 = 16.2037.
	d.Urban[0][0], d.Urban[1][0] = nan, nan
	res, err := Run(eqFramework(eqInd("a", Higher, 1), eqInd("b", Lower, 3)), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	if !math.IsNaN(eq.UR[0]) || eq.URRank[0] != 0 {
		t.Errorf("A: UR %g rank %d, want missing and unranked", eq.UR[0], eq.URRank[0])
	}
	if got, want := eq.EI[0], 0.25*eq.RG[0]/0.75; !near(got, want, tol) || !near(got, 16.2037, 1e-4) {
		t.Errorf("A: EI %g, want %g", got, want)
	}
	var found bool
	for _, w := range res.Warnings {
		if w.Code == "component-missing" {
			found = found || w.Unit == "A"
			if w.Unit != "A" {
				t.Errorf("unexpected warning %+v", w)
			}
		}
	}
	if !found {
		t.Errorf("want a component-missing warning for A, got %v", res.Warnings)
	}

	// Without any urban/rural columns: one warning for the whole region,
	// and EI = (0.5 L + 0.25 RG) / 0.75 for every unit.
	d = handEqDataset()
	d.Urban, d.Rural = nil, nil
	res, err = Run(eqFramework(eqInd("a", Higher, 1), eqInd("b", Lower, 3)), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq = res.Equalization
	for i, l := range res.Index() {
		if want := (0.5*l + 0.25*eq.RG[i]) / 0.75; !near(eq.EI[i], want, tol) {
			t.Errorf("unit %d: EI %g, want %g", i, eq.EI[i], want)
		}
	}
	if n := countCode(res.Warnings, "component-missing"); n != 1 {
		t.Errorf("want one region-wide component-missing warning, got %d: %v", n, res.Warnings)
	}
}

func TestEqualizeSpecialCases(t *testing.T) {
	for _, c := range []struct {
		u, r           float64
		dir            Direction
		ratio, gap     float64
		behind         string
		ur             float64
		x, b, regional float64
	}{
		{0, 0, Higher, nan, 0, "", 100, 0, 0, 100},
		{0, 5, Higher, 0, -1, AreaUrban, 0, 5, 0, 100},
		{5, 0, Lower, nan, 1, AreaUrban, 0, 0, 2, 100},
		{2, 4, Lower, 0.5, -0.5, AreaRural, 50, 4, 2, 50},
		{-1, 4, Higher, nan, nan, "", nan, -1, 2, nan},
	} {
		ratio, gap, behind, ur := eqUrbanRural(c.u, c.r, c.dir)
		if !near(ratio, c.ratio, tol) || !near(gap, c.gap, tol) || behind != c.behind || !near(ur, c.ur, tol) {
			t.Errorf("eqUrbanRural(%g, %g, %v) = %g, %g, %q, %g; want %g, %g, %q, %g",
				c.u, c.r, c.dir, ratio, gap, behind, ur, c.ratio, c.gap, c.behind, c.ur)
		}
		if got := eqRegionalScore(c.x, c.b, c.dir); !near(got, c.regional, tol) {
			t.Errorf("eqRegionalScore(%g, %g, %v) = %g, want %g", c.x, c.b, c.dir, got, c.regional)
		}
	}
}

func TestEqualizeDeterministicAndPermutation(t *testing.T) {
	fw := eqFramework(eqInd("a", Higher, 1), eqInd("b", Lower, 3))
	res1, err := Run(fw, handEqDataset(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Reversing the units reverses every per-unit slice and leaves the
	// statistics unchanged.
	res2, err := Run(fw, handEqDataset().SelectRows([]int{2, 1, 0}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	e1, e2 := res1.Equalization, res2.Equalization
	for i := 0; i < 3; i++ {
		if !near(e1.EI[i], e2.EI[2-i], tol) || e1.EIRank[i] != e2.EIRank[2-i] {
			t.Errorf("unit %d: EI %g rank %d vs %g rank %d", i, e1.EI[i], e1.EIRank[i], e2.EI[2-i], e2.EIRank[2-i])
		}
	}
	if len(e1.Stats) != len(e2.Stats) {
		t.Fatalf("stats rows %d vs %d", len(e1.Stats), len(e2.Stats))
	}
	for k := range e1.Stats {
		a, b := e1.Stats[k], e2.Stats[k]
		if a.Subject != b.Subject || !near(a.Stats.Gini, b.Stats.Gini, 1e-12) {
			t.Errorf("stats row %d: %s gini %g vs %s %g", k, a.Subject, a.Stats.Gini, b.Subject, b.Stats.Gini)
		}
	}
}

// nationalDataset builds n units x m indicators, a third of them with
// urban and rural columns, in a handful of groups.
func nationalDataset(n, m int) (*Framework, *Dataset) {
	rng := rand.New(rand.NewPCG(1, 1))
	var groups []*Node
	for g := 0; g < 6; g++ {
		var kids []*Node
		for k := 0; k < m/6; k++ {
			dir := Higher
			if k%4 == 3 {
				dir = Lower
			}
			kids = append(kids, eqInd(fmt.Sprintf("x%d_%d", g, k), dir, 1))
		}
		groups = append(groups, &Node{ID: fmt.Sprintf("g%d", g), Name: "g", Weight: 1, Weighting: Fixed, Aggregation: Arithmetic, Children: kids})
	}
	root := &Node{ID: "index", Name: "index", Weight: 1, Weighting: Fixed, Aggregation: Arithmetic, Children: groups}
	fw := &Framework{Name: "national", Root: root, Missing: MissingAvailable, MinCoverage: 0.5,
		Benchmark: BenchmarkMean, Components: DefaultComponents, Weak: DefaultWeakRules()}
	d := &Dataset{
		Unit: make([]string, n), Code: make([]string, n), Group: make([]string, n), Year: make([]int, n),
		Population: make([]float64, n), PopUrban: make([]float64, n), PopRural: make([]float64, n),
	}
	for i := 0; i < n; i++ {
		d.Unit[i] = fmt.Sprintf("county%04d", i)
		d.Group[i] = []string{"district", "county", "city", "banner"}[i%4]
		p := 50000 + 900000*rng.Float64()
		share := 0.2 + 0.7*rng.Float64()
		d.Population[i], d.PopUrban[i], d.PopRural[i] = p, p*share, p*(1-share)
	}
	for _, ind := range root.Indicators() {
		j := len(d.Indicators)
		d.Indicators = append(d.Indicators, ind.ID)
		v := make([]float64, n)
		var u, r []float64
		if j%3 == 0 {
			u, r = make([]float64, n), make([]float64, n)
		}
		for i := range v {
			base := 10 + 90*rng.Float64()
			if u != nil {
				u[i] = base * (1 + 0.3*rng.Float64())
				r[i] = base * (0.5 + 0.4*rng.Float64())
				v[i] = (u[i]*d.PopUrban[i] + r[i]*d.PopRural[i]) / d.Population[i]
			} else {
				v[i] = base
			}
		}
		d.Values = append(d.Values, v)
		d.Urban = append(d.Urban, u)
		d.Rural = append(d.Rural, r)
	}
	return fw, d
}

func BenchmarkEqualizeNational(b *testing.B) {
	fw, d := nationalDataset(2850, 60)
	res, err := Run(fw, d, Options{})
	if err != nil {
		b.Fatal(err)
	}
	d = d.SelectYear(0)
	warnings := res.Warnings
	b.ResetTimer()
	for b.Loop() {
		res.Warnings = warnings
		if _, err := Equalize(fw, d, res); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEqualizeNationalShape(t *testing.T) {
	fw, d := nationalDataset(300, 60)
	res, err := Run(fw, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	// 20 indicators with urban/rural cells: by area and by unit; L, EI and
	// 60 indicators by group.
	if got, want := len(eq.Decompositions), 2*20+62; got != want {
		t.Errorf("%d decompositions, want %d", got, want)
	}
	if got, want := len(eq.Dagum), 62; got != want {
		t.Errorf("%d Dagum rows, want %d", got, want)
	}
	// L, EI, UR, RG, 6 groups, 60 indicators; unweighted and weighted.
	if got, want := len(eq.Stats), 2*(4+6+60); got != want {
		t.Errorf("%d stats rows, want %d", got, want)
	}
	// Rural values are below urban ones by construction: rural is behind
	// everywhere on higher-is-better indicators.
	for _, ie := range eq.Indicators {
		if !ie.HasUrbanRural || ie.Direction != Higher {
			continue
		}
		for i, b := range ie.Behind {
			if b != AreaRural {
				t.Fatalf("%s unit %d: behind %q", ie.ID, i, b)
			}
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("unexpected warnings: %v", res.Warnings)
	}
}

func TestEqualizeMissingPopulations(t *testing.T) {
	d := handEqDataset()
	d.Population[1] = nan // B: no population
	d.PopRural[2] = nan   // C: no rural population
	res, err := Run(eqFramework(eqInd("a", Higher, 1), eqInd("b", Lower, 3)), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	// Weighted statistics leave B out; unweighted keep it.
	w := eq.StatsFor(SubjectIndicator, "a", true)
	u := eq.StatsFor(SubjectIndicator, "a", false)
	if w.Stats.N != 2 || u.Stats.N != 3 {
		t.Errorf("n weighted %d unweighted %d, want 2 and 3", w.Stats.N, u.Stats.N)
	}
	// a: A 10 (pop 1), C 30 (pop 2): weighted mean 70/3.
	if !near(w.Stats.Mean, 70.0/3, tol) {
		t.Errorf("weighted mean of a %g, want %g", w.Stats.Mean, 70.0/3)
	}
	// The urban/rural cells of b leave C out: A (3, 6) and B (4, 1) with
	// cell populations 0.5 each: urban mean 3.5, rural mean 3.5.
	b := eq.Indicator("b")
	checkFloats(t, "b urban, rural means", []float64{b.UrbanMean, b.RuralMean}, []float64{3.5, 3.5}, tol)
	area := eq.DecompositionFor(SubjectIndicator, "b", ByArea)
	if area.TheilT.Groups[0].N != 2 || !near(area.TheilT.Between, 0, 1e-15) {
		t.Errorf("b by area: %+v, want 2 cells per area and no between part", area.TheilT)
	}
	if countWarning(res.Warnings, "no-population", "B") != 1 || countWarning(res.Warnings, "no-urban-rural-population", "C") != 1 {
		t.Errorf("want population warnings for B and C, got %v", res.Warnings)
	}
}

func countWarning(ws []Warning, code, unit string) int {
	n := 0
	for _, w := range ws {
		if w.Code == code && w.Unit == unit {
			n++
		}
	}
	return n
}

// The urban-rural toy of methods.md: one indicator with urban and rural
// values for three counties. L is min-max of the county values 8.4, 8.125,
// 4.2 (100, 93.45, 0); the benchmark is their population-weighted mean
// 6.8214, so C3's RG is 100 x 4.2/6.8214 = 61.57; C2's EI is
// 0.5 x 93.45 + 0.25 x 70 + 0.25 x 100 = 89.23.
func ExampleEqualize() {
	res, err := Run(eqFramework(eqInd("doc", Higher, 1)), toyDataset(), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	eq := res.Equalization
	area := eq.DecompositionFor(SubjectIndicator, "doc", ByArea)
	fmt.Printf("Theil T %.6f = within %.6f + between %.6f (urban-rural gap %.1f%%)\n",
		area.TheilT.Total, area.TheilT.Within, area.TheilT.Between, 100*area.TheilT.BetweenShare)
	for i, u := range res.Unit {
		fmt.Printf("%s: UR %.2f, RG %.2f, EI %.2f (rank %d)\n", u, eq.UR[i], eq.RG[i], eq.EI[i], eq.EIRank[i])
	}
	// Output:
	// Theil T 0.105481 = within 0.035286 + between 0.070195 (urban-rural gap 66.5%)
	// C1: UR 50.00, RG 100.00, EI 87.50 (rank 2)
	// C2: UR 70.00, RG 100.00, EI 89.23 (rank 1)
	// C3: UR 33.33, RG 61.57, EI 23.73 (rank 3)
}
