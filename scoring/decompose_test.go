package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

func TestTheilDecomposeMathmodels(t *testing.T) {
	// mathmodels Theil decomposition, unweighted, printed to 8 digits.
	x := []float64{10, 10, 4, 4, 4, 4, 2, 2, 8, 8, 8, 8, 6, 6, 6, 6, 6, 6}
	g := []string{"A", "A", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "B", "B", "B", "B", "B"}
	d := TheilTDecompose(x, nil, g)
	ineqCheck(t, "T", d.Total, 0.07907822, 5e-9)
	ineqCheck(t, "between", d.Between, 0.01127992, 5e-9)
	ineqCheck(t, "within", d.Within, 0.06779830, 5e-9)
	if len(d.Groups) != 2 || d.Groups[0].Name != "A" || d.Groups[1].Name != "B" {
		t.Fatalf("groups %+v", d.Groups)
	}
	ineqCheck(t, "T_A", d.Groups[0].Index, 0.16568710, 5e-9)
	ineqCheck(t, "T_B", d.Groups[1].Index, 0.01021666, 5e-9)
	// By hand: A has 8 units, mean 5 (sum 40); B has 10, mean 6.8 (sum 68);
	// mu = 108/18 = 6.
	a, b := d.Groups[0], d.Groups[1]
	if a.N != 8 || b.N != 10 {
		t.Errorf("N = %d, %d, want 8, 10", a.N, b.N)
	}
	ineqCheck(t, "v_A", a.PopShare, 8.0/18, 1e-15)
	ineqCheck(t, "s_A", a.IncomeShare, 40.0/108, 1e-15)
	ineqCheck(t, "mu_B", b.Mean, 6.8, 1e-15)
	ineqCheck(t, "contribution A", a.Contribution, a.IncomeShare*a.Index, 1e-15)
	ineqCheck(t, "within share", d.WithinShare, d.Within/d.Total, 1e-15)
	if d.Measure != "theil_t" {
		t.Errorf("Measure %q", d.Measure)
	}
}

func TestDecomposeUrbanRuralToy(t *testing.T) {
	byArea := TheilTDecompose(toyX, toyW, toyArea)
	ineqCheck(t, "T", byArea.Total, 0.10548084866720205, 1e-12)
	ineqCheck(t, "T between (area)", byArea.Between, 0.07019531583472444, 1e-12)
	ineqCheck(t, "T within (area)", byArea.Within, 0.03528553283247726, 1e-12)
	// Groups by name: rural before urban.
	if byArea.Groups[0].Name != "rural" || byArea.Groups[1].Name != "urban" {
		t.Fatalf("group order %q, %q", byArea.Groups[0].Name, byArea.Groups[1].Name)
	}
	ineqCheck(t, "rural mean", byArea.Groups[0].Mean, 5.0, 1e-15)
	ineqCheck(t, "urban mean", byArea.Groups[1].Mean, 10.666666666666666, 1e-15)
	ineqCheck(t, "urban/rural ratio", byArea.Groups[1].Mean/byArea.Groups[0].Mean, 2.1333333333333333, 1e-15)
	// Population shares: rural 190/280, urban 90/280.
	ineqCheck(t, "v_rural", byArea.Groups[0].PopShare, 190.0/280, 1e-15)

	byCounty := TheilTDecompose(toyX, toyW, toyCounty)
	ineqCheck(t, "T between (county)", byCounty.Between, 0.04441530038782615, 1e-12)
	ineqCheck(t, "T within (county)", byCounty.Within, 0.061065548279375874, 1e-12)

	l := TheilLDecompose(toyX, toyW, toyArea)
	ineqCheck(t, "L", l.Total, 0.11611045705727036, 1e-12)
	ineqCheck(t, "L between (area)", l.Between, 0.06708917274883822, 1e-12)
	ineqCheck(t, "L within (area)", l.Within, 0.04902128430843244, 1e-12)
	lc := TheilLDecompose(toyX, toyW, toyCounty)
	ineqCheck(t, "L within+between (county)", lc.Within+lc.Between, lc.Total, 1e-12)
	if l.Measure != "theil_l" {
		t.Errorf("Measure %q", l.Measure)
	}

	// Per-county urban/rural ratios: C1 12/6 = 2, C2 10/7, C3 9/3 = 3.
	want := []float64{2.0, 1.4285714285714286, 3.0}
	for k := 0; k < 3; k++ {
		ineqCheck(t, "county ratio", toyX[2*k]/toyX[2*k+1], want[k], 1e-15)
	}

	dg := DagumDecompose(toyX, toyW, toyArea)
	ineqCheck(t, "Dagum G", dg.G, 0.25373971578160065, 1e-12)
	ineqCheck(t, "Dagum G = Gw+Gnb+Gt", dg.Gw+dg.Gnb+dg.Gt, dg.G, 1e-12)
}

func TestDagumHand(t *testing.T) {
	// x = 2, 4 (A), 3, 7 (B). Pairs |xi - xj| over ordered pairs sum to 32,
	// mu = 4: G = 32 / (2 * 16 * 4) = 0.25. G_AA = 2*2 / (2*4*3) = 1/6;
	// G_BB = 2*4 / (2*4*5) = 0.2; G_BA = (1+5+1+3) / (4 * (3+5)) = 0.3125;
	// d_BA = (1+0+5+3)/4, p_BA = 1/4, D_BA = 8/10; p = 0.5, 0.5,
	// s = 0.375, 0.625: Gw = (1/6)(0.5)(0.375) + 0.2(0.5)(0.625) = 0.09375;
	// Gb = 0.3125 * 0.5 = 0.15625, Gnb = 0.8 Gb = 0.125, Gt = 0.03125.
	x := []float64{2, 4, 3, 7}
	g := []string{"A", "A", "B", "B"}
	d := DagumDecompose(x, nil, g)
	ineqCheck(t, "G", d.G, 0.25, 1e-15)
	ineqCheck(t, "G_AA", d.Groups[0].Index, 1.0/6, 1e-15)
	ineqCheck(t, "G_BB", d.Groups[1].Index, 0.2, 1e-15)
	ineqCheck(t, "G_AA (matrix)", d.Gjh[0][0], 1.0/6, 1e-15)
	ineqCheck(t, "G_BA", d.Gjh[1][0], 0.3125, 1e-15)
	ineqCheck(t, "G_AB", d.Gjh[0][1], 0.3125, 1e-15)
	ineqCheck(t, "D_BA", d.Djh[1][0], 0.8, 1e-15)
	ineqCheck(t, "D_AB", d.Djh[0][1], 0.8, 1e-15)
	ineqCheck(t, "D_AA", d.Djh[0][0], 0, 0)
	ineqCheck(t, "Gw", d.Gw, 0.09375, 1e-15)
	ineqCheck(t, "Gnb", d.Gnb, 0.125, 1e-15)
	ineqCheck(t, "Gt", d.Gt, 0.03125, 1e-15)
	ineqCheck(t, "Gb", d.Gb, 0.15625, 1e-15)
	ineqCheck(t, "within share", d.WithinShare, 0.375, 1e-15)

	w := []float64{1, 2, 3, 4}
	d = DagumDecompose(x, w, g)
	ineqCheck(t, "weighted G", d.G, 0.22340425531914893, 1e-14)
	ineqCheck(t, "weighted Gw", d.Gw, 0.1106382978723404, 1e-14)
	ineqCheck(t, "weighted Gnb", d.Gnb, 0.08723404255319149, 1e-14)
	ineqCheck(t, "weighted Gt", d.Gt, 0.025531914893617016, 1e-14)
}

// ineqDagumBrute is Dagum's definition computed over all pairs of units, with
// d_jh and p_jh as separate sums (no identities used).
func ineqDagumBrute(x, w []float64, groups []string) (G, Gw, Gnb, Gt float64) {
	names, members := ineqGroups(w, groups)
	k := len(names)
	var W, mu float64
	for i := range x {
		W += w[i]
		mu += w[i] * x[i]
	}
	mu /= W
	Wk := make([]float64, k)
	muk := make([]float64, k)
	for j := range names {
		for _, i := range members[j] {
			Wk[j] += w[i]
			muk[j] += w[i] * x[i]
		}
		muk[j] /= Wk[j]
	}
	p := func(j int) float64 { return Wk[j] / W }
	s := func(j int) float64 { return p(j) * muk[j] / mu }
	for i := range x {
		for r := range x {
			G += w[i] * w[r] * math.Abs(x[i]-x[r])
		}
	}
	G /= W * W * 2 * mu
	for j := 0; j < k; j++ {
		var sum float64
		for _, i := range members[j] {
			for _, r := range members[j] {
				sum += w[i] * w[r] * math.Abs(x[i]-x[r])
			}
		}
		gjj := sum / (Wk[j] * Wk[j] * 2 * muk[j])
		Gw += gjj * p(j) * s(j)
		for h := 0; h < j; h++ {
			rich, poor := j, h
			if muk[h] > muk[j] {
				rich, poor = h, j
			}
			var abs, dd, pp float64
			for _, i := range members[rich] {
				for _, r := range members[poor] {
					ww := w[i] * w[r]
					abs += ww * math.Abs(x[i]-x[r])
					dd += ww * math.Max(0, x[i]-x[r])
					pp += ww * math.Max(0, x[r]-x[i])
				}
			}
			gjh := abs / (Wk[j] * Wk[h] * (muk[j] + muk[h]))
			D := (dd - pp) / (dd + pp)
			gb := gjh * (p(j)*s(h) + p(h)*s(j))
			Gnb += gb * D
			Gt += gb * (1 - D)
		}
	}
	return G, Gw, Gnb, Gt
}

// ineqRandomGroups draws group labels "g0".."g{k-1}".
func ineqRandomGroups(rng *rand.Rand, n, k int) []string {
	g := make([]string, n)
	for i := range g {
		g[i] = fmt.Sprintf("g%d", rng.IntN(k))
	}
	return g
}

func TestDecomposeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for trial := 0; trial < 40; trial++ {
		n := 2 + rng.IntN(60)
		x, w := ineqRandom(rng, n)
		for i := range x {
			x[i]++ // Theil L needs x > 0
		}
		groups := ineqRandomGroups(rng, n, 1+rng.IntN(6))

		dt := TheilTDecompose(x, w, groups)
		ineqCheck(t, "T within+between", dt.Within+dt.Between, dt.Total, 1e-12)
		ineqCheck(t, "T shares", dt.WithinShare+dt.BetweenShare, 1, 1e-12)
		dl := TheilLDecompose(x, w, groups)
		ineqCheck(t, "L within+between", dl.Within+dl.Between, dl.Total, 1e-12)

		// Between = the same index of the group means weighted by W_k.
		means, wk := ineqGroupMeans(dt)
		ineqCheck(t, "T between = T of means", dt.Between, TheilT(means, wk), 1e-12)
		ineqCheck(t, "L between = L of means", dl.Between, TheilL(means, wk), 1e-12)

		dg := DagumDecompose(x, w, groups)
		ineqCheck(t, "Dagum G = Gw+Gnb+Gt", dg.Gw+dg.Gnb+dg.Gt, dg.G, 1e-12)
		ineqCheck(t, "Dagum Gb", dg.Gb, dg.Gnb+dg.Gt, 1e-15)
		// Gnb = Gini of group means weighted by W_k holds in general:
		// G_jh D_jh = (mu_j - mu_h)/(mu_j + mu_h) and
		// p_j s_h + p_h s_j = p_j p_h (mu_j + mu_h)/mu, so
		// Gnb = sum_{j>h} p_j p_h |mu_j - mu_h| / mu.
		ineqCheck(t, "Dagum Gnb = Gini of means", dg.Gnb, Gini(means, wk), 1e-12)
		G, Gw, Gnb, Gt := ineqDagumBrute(x, w, groups)
		ineqCheck(t, "Dagum G vs brute", dg.G, G, 1e-12)
		ineqCheck(t, "Dagum Gw vs brute", dg.Gw, Gw, 1e-12)
		ineqCheck(t, "Dagum Gnb vs brute", dg.Gnb, Gnb, 1e-12)
		ineqCheck(t, "Dagum Gt vs brute", dg.Gt, Gt, 1e-12)
		for j := range dg.Groups {
			for h := range dg.Groups {
				if dg.Gjh[j][h] != dg.Gjh[h][j] || dg.Djh[j][h] != dg.Djh[h][j] {
					t.Fatalf("matrices not symmetric at %d, %d", j, h)
				}
				if d := dg.Djh[j][h]; d < 0 || d > 1 {
					t.Errorf("D[%d][%d] = %g outside [0, 1]", j, h, d)
				}
			}
		}
		var vs, ss float64
		for _, g := range dt.Groups {
			vs += g.PopShare
			ss += g.IncomeShare
		}
		ineqCheck(t, "sum v_k", vs, 1, 1e-12)
		ineqCheck(t, "sum s_k", ss, 1, 1e-12)
	}
}

// ineqGroupMeans returns the group means and weights implied by d (W_k up to a
// common factor: v_k).
func ineqGroupMeans(d Decomposition) (means, wk []float64) {
	for _, g := range d.Groups {
		if g.N == 0 {
			continue
		}
		means = append(means, g.Mean)
		wk = append(wk, g.PopShare)
	}
	return means, wk
}

// Integer weights equal replication, and permuting units changes nothing,
// for all three decompositions.
func TestDecomposeReplicationPermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	n := 30
	x, _ := ineqRandom(rng, n)
	w := make([]float64, n)
	groups := ineqRandomGroups(rng, n, 4)
	var rx []float64
	var rg []string
	for i := range x {
		x[i]++
		w[i] = float64(1 + rng.IntN(3))
		for k := 0; k < int(w[i]); k++ {
			rx = append(rx, x[i])
			rg = append(rg, groups[i])
		}
	}
	perm := rng.Perm(n)
	px, pw, pg := make([]float64, n), make([]float64, n), make([]string, n)
	for i, p := range perm {
		px[i], pw[i], pg[i] = x[p], w[p], groups[p]
	}
	for _, f := range []func(x, w []float64, g []string) Decomposition{TheilTDecompose, TheilLDecompose} {
		a := f(x, w, groups)
		ineqCompareDecomp(t, "replicated", a, f(rx, nil, rg), false)
		ineqCompareDecomp(t, "permuted", a, f(px, pw, pg), true)
	}
	a := DagumDecompose(x, w, groups)
	for name, b := range map[string]Dagum{"replicated": DagumDecompose(rx, nil, rg), "permuted": DagumDecompose(px, pw, pg)} {
		ineqCheck(t, name+" G", b.G, a.G, 1e-12)
		ineqCheck(t, name+" Gw", b.Gw, a.Gw, 1e-12)
		ineqCheck(t, name+" Gnb", b.Gnb, a.Gnb, 1e-12)
		ineqCheck(t, name+" Gt", b.Gt, a.Gt, 1e-12)
		for j := range a.Gjh {
			for h := range a.Gjh[j] {
				ineqCheck(t, name+" G_jh", b.Gjh[j][h], a.Gjh[j][h], 1e-12)
				ineqCheck(t, name+" D_jh", b.Djh[j][h], a.Djh[j][h], 1e-12)
			}
		}
	}
}

func ineqCompareDecomp(t *testing.T, name string, a, b Decomposition, sameN bool) {
	t.Helper()
	ineqCheck(t, name+" total", b.Total, a.Total, 1e-12)
	ineqCheck(t, name+" within", b.Within, a.Within, 1e-12)
	ineqCheck(t, name+" between", b.Between, a.Between, 1e-12)
	if len(a.Groups) != len(b.Groups) {
		t.Fatalf("%s: %d groups vs %d", name, len(b.Groups), len(a.Groups))
	}
	for k := range a.Groups {
		ga, gb := a.Groups[k], b.Groups[k]
		if ga.Name != gb.Name || (sameN && ga.N != gb.N) {
			t.Errorf("%s: group %d is %q (N %d), want %q (N %d)", name, k, gb.Name, gb.N, ga.Name, ga.N)
		}
		ineqCheck(t, name+" index", gb.Index, ga.Index, 1e-12)
		ineqCheck(t, name+" mean", gb.Mean, ga.Mean, 1e-12)
		ineqCheck(t, name+" pop share", gb.PopShare, ga.PopShare, 1e-12)
		ineqCheck(t, name+" income share", gb.IncomeShare, ga.IncomeShare, 1e-12)
		ineqCheck(t, name+" contribution", gb.Contribution, ga.Contribution, 1e-12)
	}
}

func TestDecomposeSpecialGroups(t *testing.T) {
	// One-member groups have exactly zero within inequality, and with every
	// group a single unit all inequality is between groups.
	x := []float64{0.3, 0.7, 1.9}
	w := []float64{3, 5, 7}
	g := []string{"c", "a", "b"}
	for _, d := range []Decomposition{TheilTDecompose(x, w, g), TheilLDecompose(x, w, g)} {
		for _, grp := range d.Groups {
			if grp.Index != 0 || grp.Contribution != 0 {
				t.Errorf("%s: one-member group %s has index %g, contribution %g", d.Measure, grp.Name, grp.Index, grp.Contribution)
			}
		}
		if d.Within != 0 {
			t.Errorf("%s: within %g, want 0", d.Measure, d.Within)
		}
		ineqCheck(t, d.Measure+" between = total", d.Between, d.Total, 1e-15)
		if names := []string{d.Groups[0].Name, d.Groups[1].Name, d.Groups[2].Name}; !sort.StringsAreSorted(names) {
			t.Errorf("groups not sorted: %q", names)
		}
	}
	dg := DagumDecompose(x, w, g)
	if dg.Gw != 0 {
		t.Errorf("Dagum Gw %g with one-member groups, want 0", dg.Gw)
	}

	// A group whose values are all 0: T_k NaN, contributes 0; Theil L and
	// the L decomposition are undefined.
	x = []float64{0, 0, 2, 4}
	g = []string{"z", "z", "p", "p"}
	d := TheilTDecompose(x, nil, g)
	// mu = 1.5; p: mean 3, s_p = 0.5*3/1.5 = 1; T_p = 0.5[(2/3)ln(2/3) +
	// (4/3)ln(4/3)]; between = 1 * ln(3/1.5) = ln 2.
	tp := 0.5 * (2.0/3*math.Log(2.0/3) + 4.0/3*math.Log(4.0/3))
	ineqCheck(t, "T_p", d.Groups[0].Index, tp, 1e-15)
	ineqCheck(t, "between", d.Between, math.Ln2, 1e-15)
	ineqCheck(t, "within", d.Within, tp, 1e-15)
	if zg := d.Groups[1]; zg.Name != "z" || !math.IsNaN(zg.Index) || zg.Contribution != 0 || zg.IncomeShare != 0 {
		t.Errorf("zero group %+v", zg)
	}
	ineqCheck(t, "total", d.Total, TheilT(x, nil), 1e-15)
	l := TheilLDecompose(x, nil, g)
	if !math.IsNaN(l.Total) || !strings.Contains(strings.Join(l.Notes, ";"), "a value is 0") {
		t.Errorf("L with zeros: total %g, notes %q", l.Total, l.Notes)
	}
	dz := DagumDecompose(x, nil, g)
	ineqCheck(t, "Dagum with zero group", dz.Gw+dz.Gnb+dz.Gt, dz.G, 1e-15)

	// A group whose units all have weight 0 is listed but contributes 0.
	d = TheilTDecompose([]float64{1, 2, 3}, []float64{1, 1, 0}, []string{"a", "a", "b"})
	if len(d.Groups) != 2 || d.Groups[1].N != 0 || d.Groups[1].PopShare != 0 || !math.IsNaN(d.Groups[1].Mean) {
		t.Errorf("empty group: %+v", d.Groups)
	}
	ineqCheck(t, "T with empty group", d.Total, TheilT([]float64{1, 2}, nil), 1e-15)

	// Constant data: total 0, shares undefined with a note.
	d = TheilTDecompose([]float64{5, 5, 5}, nil, []string{"a", "b", "b"})
	if d.Total != 0 || d.Within != 0 || d.Between != 0 || !math.IsNaN(d.WithinShare) || len(d.Notes) != 1 {
		t.Errorf("constant data: %+v", d)
	}

	// Negative values: all NaN with a note.
	d = TheilTDecompose([]float64{-1, 5}, nil, []string{"a", "b"})
	if !math.IsNaN(d.Total) || !math.IsNaN(d.Within) || len(d.Notes) == 0 {
		t.Errorf("negative data: %+v", d)
	}
	dg = DagumDecompose([]float64{-1, 5}, nil, []string{"a", "b"})
	if !math.IsNaN(dg.G) || !math.IsNaN(dg.Gjh[0][1]) || len(dg.Notes) == 0 {
		t.Errorf("negative data Dagum: %+v", dg)
	}
}

func TestDecomposePanics(t *testing.T) {
	x := []float64{1, 2}
	for name, f := range map[string]func(){
		"T groups": func() { TheilTDecompose(x, nil, []string{"a"}) },
		"L w":      func() { TheilLDecompose(x, []float64{1}, []string{"a", "b"}) },
		"Dagum":    func() { DagumDecompose(x, nil, []string{"a", "b", "c"}) },
	} {
		if !ineqPanics(f) {
			t.Errorf("%s: no panic on length mismatch", name)
		}
	}
}

func TestDecomposeJSON(t *testing.T) {
	d := TheilTDecompose([]float64{0, 0, 2, 4}, nil, []string{"z", "z", "p", "p"})
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"index":null`) || !strings.Contains(string(b), `"income_share":`) {
		t.Errorf("JSON %s", b)
	}
	var back Decomposition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if b2, _ := json.Marshal(back); string(b2) != string(b) {
		t.Errorf("round trip:\n%s\n%s", b, b2)
	}

	dg := DagumDecompose([]float64{0, 0, 2, 4, 3}, []float64{1, 1, 1, 1, 0}, []string{"z", "z", "p", "p", "q"})
	b, err = json.Marshal(dg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"g_jh":[[`) || !strings.Contains(string(b), "null") {
		t.Errorf("Dagum JSON %s", b)
	}
	var dback Dagum
	if err := json.Unmarshal(b, &dback); err != nil {
		t.Fatal(err)
	}
	if b2, _ := json.Marshal(dback); string(b2) != string(b) {
		t.Errorf("Dagum round trip:\n%s\n%s", b, b2)
	}
}

// ineqCells builds n counties x {urban, rural} cells with populations:
// values, weights, area labels, county labels and province labels (31).
func ineqCells(n int) (x, w []float64, area, county, province []string) {
	rng := rand.New(rand.NewPCG(1, 1))
	for c := 0; c < n; c++ {
		name := fmt.Sprintf("county%04d", c)
		prov := fmt.Sprintf("prov%02d", c%31)
		base := 5 + 10*rng.Float64()
		x = append(x, base*(1.2+rng.Float64()), base*(0.5+0.5*rng.Float64()))
		w = append(w, 1e4+2e5*rng.Float64(), 1e4+4e5*rng.Float64())
		area = append(area, "urban", "rural")
		county = append(county, name, name)
		province = append(province, prov, prov)
	}
	return x, w, area, county, province
}

func BenchmarkDescribe(b *testing.B) {
	x, w, _, _, _ := ineqCells(2850)
	for b.Loop() {
		Describe(x, w)
	}
}

func BenchmarkTheilTDecompose(b *testing.B) {
	x, w, area, county, _ := ineqCells(2850)
	b.Run("area", func(b *testing.B) {
		for b.Loop() {
			TheilTDecompose(x, w, area)
		}
	})
	b.Run("county", func(b *testing.B) {
		for b.Loop() {
			TheilTDecompose(x, w, county)
		}
	})
}

func BenchmarkTheilLDecompose(b *testing.B) {
	x, w, area, county, _ := ineqCells(2850)
	b.Run("area", func(b *testing.B) {
		for b.Loop() {
			TheilLDecompose(x, w, area)
		}
	})
	b.Run("county", func(b *testing.B) {
		for b.Loop() {
			TheilLDecompose(x, w, county)
		}
	})
}

func BenchmarkDagumDecompose(b *testing.B) {
	x, w, area, county, province := ineqCells(2850)
	b.Run("area", func(b *testing.B) {
		for b.Loop() {
			DagumDecompose(x, w, area)
		}
	})
	b.Run("province31", func(b *testing.B) {
		for b.Loop() {
			DagumDecompose(x, w, province)
		}
	})
	b.Run("county2850", func(b *testing.B) {
		for b.Loop() {
			DagumDecompose(x, w, county)
		}
	})
}
