package scoring

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// ineqClose reports whether got and want agree within tol, absolutely or
// relatively to want. NaN equals NaN.
func ineqClose(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	d := math.Abs(got - want)
	return d <= tol || d <= tol*math.Abs(want)
}

func ineqCheck(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if !ineqClose(got, want, tol) {
		t.Errorf("%s = %.17g, want %.17g (tol %g)", name, got, want, tol)
	}
}

// ineqPanics reports whether f panics with a message starting "scoring: ".
func ineqPanics(f func()) (ok bool) {
	defer func() {
		r := recover()
		s, _ := r.(string)
		ok = strings.HasPrefix(s, "scoring: ")
	}()
	f()
	return false
}

// R ineq test vector (cran/ineq tests/Examples/ineq-Ex.Rout.save).
var ineqR = []float64{541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261}

// Urban-rural toy from methods.md: cells (county, area, value, population).
var (
	toyCounty = []string{"C1", "C1", "C2", "C2", "C3", "C3"}
	toyArea   = []string{"urban", "rural", "urban", "rural", "urban", "rural"}
	toyX      = []float64{12, 6, 10, 7, 9, 3}
	toyW      = []float64{40, 60, 30, 50, 20, 80}
)

func TestIneqRVector(t *testing.T) {
	// Published R ineq values are printed to 7 digits.
	ineqCheck(t, "Gini", Gini(ineqR, nil), 0.4620911, 5e-8)
	ineqCheck(t, "Atkinson(0.5)", Atkinson(ineqR, nil, 0.5), 0.1796591, 5e-8)
	// DER values in methods.md, full precision.
	ineqCheck(t, "TheilT", TheilT(ineqR, nil), 0.36234124234389503, 1e-12)
	ineqCheck(t, "TheilL", TheilL(ineqR, nil), 0.4335946495204461, 1e-12)
	ineqCheck(t, "CV", CV(ineqR, nil), 0.9169581828823237, 1e-12)
	ineqCheck(t, "GE(1)", GE(ineqR, nil, 1), 0.36234124234389503, 1e-12)
	ineqCheck(t, "GE(0)", GE(ineqR, nil, 0), 0.4335946495204461, 1e-12)
	ineqCheck(t, "MaxMin", MaxMinRatio(ineqR, nil), 22261.0/541, 1e-15)
	ineqCheck(t, "Mean", Mean(ineqR, nil), 6658.6, 1e-12)
}

func TestIneqMathmodels(t *testing.T) {
	// mathmodels: Gini of 10, 20, 30, 40, 100 is 0.4. By hand: mu = 40,
	// sum over ordered pairs |xi - xj| = 2 * (10+20+30+90+10+20+80+10+70+60)
	// = 800, G = 800 / (2 * 25 * 40) = 0.4.
	x := []float64{10, 20, 30, 40, 100}
	ineqCheck(t, "Gini", Gini(x, nil), 0.4, 1e-15)
	// Grouped: totals with populations; per-capita values weighted by pop.
	pop := []float64{100, 150, 200, 250, 300}
	pc := make([]float64, len(x))
	for i := range x {
		pc[i] = x[i] / pop[i]
	}
	ineqCheck(t, "grouped Gini", Gini(pc, pop), 0.225, 1e-12)
}

func TestIneqUrbanRuralToy(t *testing.T) {
	ineqCheck(t, "TheilT", TheilT(toyX, toyW), 0.10548084866720205, 1e-12)
	ineqCheck(t, "TheilL", TheilL(toyX, toyW), 0.11611045705727036, 1e-12)
	ineqCheck(t, "Gini", Gini(toyX, toyW), 0.25373971578160065, 1e-12)
	ineqCheck(t, "CV", CV(toyX, toyW), 0.45362798676246524, 1e-12)
	ineqCheck(t, "Atkinson(0.5)", Atkinson(toyX, toyW, 0.5), 0.054073649947648184, 1e-12)
	// Mean by hand: (480+360+300+350+180+240)/280 = 1910/280.
	ineqCheck(t, "Mean", Mean(toyX, toyW), 1910.0/280, 1e-15)
	// Urban mean (480+300+180)/90 = 10.6667, rural (360+350+240)/190 = 5.
	ineqCheck(t, "urban mean", Mean([]float64{12, 10, 9}, []float64{40, 30, 20}), 10.666666666666666, 1e-15)
	ineqCheck(t, "rural mean", Mean([]float64{6, 7, 3}, []float64{60, 50, 80}), 5.0, 1e-15)
}

// ineqGiniPairwise is the O(n^2) definition sum_i sum_j f_i f_j |xi-xj| / (2 mu).
func ineqGiniPairwise(x, w []float64) float64 {
	var sw, mu float64
	for i := range x {
		sw += w[i]
		mu += w[i] * x[i]
	}
	mu /= sw
	var s float64
	for i := range x {
		for j := range x {
			s += w[i] * w[j] * math.Abs(x[i]-x[j])
		}
	}
	return s / (sw * sw) / (2 * mu)
}

func ineqRandom(rng *rand.Rand, n int) (x, w []float64) {
	x = make([]float64, n)
	w = make([]float64, n)
	for i := range x {
		x[i] = math.Round(rng.Float64()*50) / 2 // ties on purpose
		w[i] = 1 + float64(rng.IntN(1000))
	}
	return x, w
}

func TestGiniEqualsPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for trial := 0; trial < 50; trial++ {
		x, w := ineqRandom(rng, 1+rng.IntN(60))
		ineqCheck(t, "weighted Gini", Gini(x, w), ineqGiniPairwise(x, w), 1e-12)
		ones := make([]float64, len(x))
		for i := range ones {
			ones[i] = 1
		}
		ineqCheck(t, "unweighted Gini", Gini(x, nil), ineqGiniPairwise(x, ones), 1e-12)
	}
}

func TestGEIdentities(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	x, w := ineqRandom(rng, 40)
	for i := range x {
		x[i]++ // strictly positive
	}
	// GE(2) = CV^2 / 2.
	cv := CV(x, w)
	ineqCheck(t, "GE(2)", GE(x, w, 2), cv*cv/2, 1e-12)
	// GE is continuous at a = 1 and a = 0.
	ineqCheck(t, "GE(1+1e-6)", GE(x, w, 1+1e-6), TheilT(x, w), 1e-5)
	ineqCheck(t, "GE(1e-6)", GE(x, w, 1e-6), TheilL(x, w), 1e-5)
	// A(1) = 1 - exp(-L), and A(e) = 1 - [1 + e(e-1) GE(1-e)]^(1/(1-e)).
	ineqCheck(t, "A(1)", Atkinson(x, w, 1), 1-math.Exp(-TheilL(x, w)), 1e-12)
	for _, e := range []float64{0.5, 2, 3} {
		want := 1 - math.Pow(1+e*(e-1)*GE(x, w, 1-e), 1/(1-e))
		ineqCheck(t, "A(e) via GE", Atkinson(x, w, e), want, 1e-12)
	}
	ineqCheck(t, "A(1+1e-7)", Atkinson(x, w, 1+1e-7), Atkinson(x, w, 1), 1e-6)
	ineqCheck(t, "A(0)", Atkinson(x, w, 0), 0, 0)
}

func TestAtkinson2ByHand(t *testing.T) {
	// A(2) = 1 - harmonic mean / mean. x = 1, 4: mean 2.5, harmonic mean
	// 2 / (1 + 1/4) = 1.6, A(2) = 1 - 1.6/2.5 = 0.36.
	ineqCheck(t, "A(2)", Atkinson([]float64{1, 4}, nil, 2), 0.36, 1e-15)
	// A(1) = 1 - geometric mean / mean = 1 - 2/2.5 = 0.2.
	ineqCheck(t, "A(1)", Atkinson([]float64{1, 4}, nil, 1), 0.2, 1e-15)
	// A(0.5) = 1 - ((1 + 2)/2)^2 / 2.5 = 1 - 2.25/2.5 = 0.1.
	ineqCheck(t, "A(0.5)", Atkinson([]float64{1, 4}, nil, 0.5), 0.1, 1e-15)
}

// Integer weights equal replication: weight 2 is the unit twice.
func TestIneqReplication(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	x, _ := ineqRandom(rng, 25)
	for i := range x {
		x[i]++
	}
	w := make([]float64, len(x))
	var rep []float64
	for i := range x {
		w[i] = float64(rng.IntN(4)) // 0 drops the unit
		for k := 0; k < int(w[i]); k++ {
			rep = append(rep, x[i])
		}
	}
	measures := ineqMeasures()
	for name, m := range measures {
		ineqCheck(t, name, m(x, w), m(rep, nil), 1e-12)
	}
	if got, want := Describe(x, w).N, func() int {
		n := 0
		for _, v := range w {
			if v > 0 {
				n++
			}
		}
		return n
	}(); got != want {
		t.Errorf("Describe N = %d, want %d units with positive weight", got, want)
	}
}

func ineqMeasures() map[string]func(x, w []float64) float64 {
	return map[string]func(x, w []float64) float64{
		"Mean": Mean, "CV": CV, "Gini": Gini, "TheilT": TheilT, "TheilL": TheilL,
		"MaxMin": MaxMinRatio,
		"GE(2)":  func(x, w []float64) float64 { return GE(x, w, 2) },
		"GE(-1)": func(x, w []float64) float64 { return GE(x, w, -1) },
		"A(0.5)": func(x, w []float64) float64 { return Atkinson(x, w, 0.5) },
		"A(1)":   func(x, w []float64) float64 { return Atkinson(x, w, 1) },
		"A(2)":   func(x, w []float64) float64 { return Atkinson(x, w, 2) },
	}
}

// Scaling x by c > 0 leaves relative measures unchanged (and scales the
// mean); scaling w changes nothing; permuting units changes nothing.
func TestIneqInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x, w := ineqRandom(rng, 30)
	for i := range x {
		x[i]++
	}
	const c = 3.7
	xs := make([]float64, len(x))
	ws := make([]float64, len(x))
	for i := range x {
		xs[i] = c * x[i]
		ws[i] = w[i] / 7
	}
	perm := rng.Perm(len(x))
	xp := make([]float64, len(x))
	wp := make([]float64, len(x))
	for i, p := range perm {
		xp[i], wp[i] = x[p], w[p]
	}
	for name, m := range ineqMeasures() {
		want := m(x, w)
		scaled := m(xs, w)
		if name == "Mean" {
			scaled /= c
		}
		ineqCheck(t, name+" scaled x", scaled, want, 1e-12)
		ineqCheck(t, name+" scaled w", m(x, ws), want, 1e-12)
		ineqCheck(t, name+" permuted", m(xp, wp), want, 1e-12)
	}
}

func TestIneqConstantIsExactlyZero(t *testing.T) {
	x := []float64{0.1, 0.1, 0.1}
	w := []float64{3, 7, 11}
	for name, m := range ineqMeasures() {
		want := 0.0
		switch name {
		case "Mean":
			want = 0.1
		case "MaxMin":
			want = 1
		}
		if got := m(x, w); got != want {
			t.Errorf("%s of constant data = %g, want exactly %g", name, got, want)
		}
	}
}

func TestIneqUndefined(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name string
		x, w []float64
		want map[string]float64 // measures that are defined; others NaN
	}{
		{"empty", nil, nil, nil},
		{"all weights zero", []float64{1, 2}, []float64{0, 0}, nil},
		{"negative weight", []float64{1, 2}, []float64{1, -1}, nil},
		{"NaN value", []float64{1, nan}, nil, nil},
		{"all zero", []float64{0, 0}, nil, map[string]float64{"Mean": 0}},
		// x = 0, 2: mean 1, CV 1, Gini = 2*2/(2*4*1) = 0.5, T = 0.5 * 2 ln 2.
		{"a zero", []float64{0, 2}, nil, map[string]float64{
			"Mean": 1, "CV": 1, "Gini": 0.5, "TheilT": math.Ln2, "GE(2)": 0.5, "A(0.5)": 0.5,
		}},
		// x = -1, 3: mean 1, CV = sqrt((4+4)/2)/1 = 2; GE(-1) needs x > 0.
		{"negative", []float64{-1, 3}, nil, map[string]float64{"Mean": 1, "CV": 2}},
		// Weight 0 hides the bad value entirely.
		{"zero weight hides", []float64{-5, 2, 2}, []float64{0, 1, 1}, map[string]float64{
			"Mean": 2, "CV": 0, "Gini": 0, "TheilT": 0, "TheilL": 0, "MaxMin": 1,
			"GE(2)": 0, "GE(-1)": 0, "A(0.5)": 0, "A(1)": 0, "A(2)": 0,
		}},
	}
	for _, c := range cases {
		for name, m := range ineqMeasures() {
			want, ok := c.want[name]
			if !ok {
				want = nan
			}
			ineqCheck(t, c.name+": "+name, m(c.x, c.w), want, 1e-15)
		}
	}
}

func TestIneqPanics(t *testing.T) {
	for name, m := range ineqMeasures() {
		if !ineqPanics(func() { m([]float64{1, 2}, []float64{1}) }) {
			t.Errorf("%s: no panic on length mismatch", name)
		}
	}
	if !ineqPanics(func() { Describe([]float64{1}, []float64{1, 2}) }) {
		t.Error("Describe: no panic on length mismatch")
	}
	if !ineqPanics(func() { Lorenz([]float64{1}, []float64{1, 2}) }) {
		t.Error("Lorenz: no panic on length mismatch")
	}
	if !ineqPanics(func() { Atkinson([]float64{1, 2}, nil, -1) }) {
		t.Error("Atkinson: no panic on e < 0")
	}
}

func TestLorenz(t *testing.T) {
	// 100, 10, 40, 20, 30 sorted: cumulative sums 10, 30, 60, 100, 200 of 200.
	p, v := Lorenz([]float64{100, 10, 40, 20, 30}, nil)
	wantP := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	wantV := []float64{0, 0.05, 0.15, 0.30, 0.50, 1}
	if len(p) != len(wantP) || len(v) != len(wantV) {
		t.Fatalf("Lorenz lengths %d, %d, want 6", len(p), len(v))
	}
	for k := range wantP {
		ineqCheck(t, "popShare", p[k], wantP[k], 1e-15)
		ineqCheck(t, "valueShare", v[k], wantV[k], 1e-15)
	}
	if p[5] != 1 || v[5] != 1 {
		t.Errorf("last point (%v, %v), want exactly (1, 1)", p[5], v[5])
	}
	// Gini = 1 - sum_k (p_k - p_{k-1}) (L_k + L_{k-1}) on weighted data.
	rng := rand.New(rand.NewPCG(5, 5))
	x, w := ineqRandom(rng, 40)
	p, v = Lorenz(x, w)
	g := 1.0
	for k := 1; k < len(p); k++ {
		g -= (p[k] - p[k-1]) * (v[k] + v[k-1])
	}
	ineqCheck(t, "Gini from Lorenz", g, Gini(x, w), 1e-12)
	if p, v := Lorenz([]float64{-1, 2}, nil); p != nil || v != nil {
		t.Error("Lorenz of negative data should be nil, nil")
	}
}

func TestDescribe(t *testing.T) {
	st := Describe(toyX, toyW)
	if st.N != 6 || st.Min != 3 || st.Max != 12 || st.MaxMin != 4 {
		t.Errorf("N, Min, Max, MaxMin = %d, %g, %g, %g; want 6, 3, 12, 4", st.N, st.Min, st.Max, st.MaxMin)
	}
	ineqCheck(t, "Gini", st.Gini, 0.25373971578160065, 1e-12)
	ineqCheck(t, "Equalization", st.Equalization, 1-0.25373971578160065, 1e-12)
	ineqCheck(t, "CV", st.CV, 0.45362798676246524, 1e-12)
	ineqCheck(t, "TheilT", st.TheilT, 0.10548084866720205, 1e-12)
	ineqCheck(t, "TheilL", st.TheilL, 0.11611045705727036, 1e-12)
	ineqCheck(t, "Atkinson05", st.Atkinson05, 0.054073649947648184, 1e-12)
	ineqCheck(t, "Atkinson1", st.Atkinson1, Atkinson(toyX, toyW, 1), 0)
	ineqCheck(t, "Atkinson2", st.Atkinson2, Atkinson(toyX, toyW, 2), 0)
	if len(st.Notes) != 0 {
		t.Errorf("Notes = %q, want none", st.Notes)
	}

	notes := []struct {
		x    []float64
		w    []float64
		want string
	}{
		{[]float64{0, 1, 2}, nil, "Theil L not defined: a value is 0"},
		{[]float64{-1, 1, 2}, nil, "negative values"},
		{[]float64{-3, 1, 1}, nil, "mean is not positive"},
		{[]float64{0, 0}, nil, "all values are 0"},
		{nil, nil, "no units"},
		{[]float64{1, math.NaN()}, nil, "NaN"},
		{[]float64{1, 2}, []float64{1, math.Inf(1)}, "weight"},
	}
	for _, c := range notes {
		st := Describe(c.x, c.w)
		if !strings.Contains(strings.Join(st.Notes, "; "), c.want) {
			t.Errorf("Describe(%v, %v).Notes = %q, want one containing %q", c.x, c.w, st.Notes, c.want)
		}
	}
	st = Describe([]float64{0, 1, 2}, nil)
	if !math.IsNaN(st.TheilL) || !math.IsNaN(st.Atkinson1) || !math.IsNaN(st.MaxMin) || math.IsNaN(st.TheilT) {
		t.Errorf("with a zero value: TheilL %g, A1 %g, MaxMin %g should be NaN and TheilT %g defined",
			st.TheilL, st.Atkinson1, st.MaxMin, st.TheilT)
	}
}

func TestDescribeJSON(t *testing.T) {
	st := Describe([]float64{0, 1, 3}, []float64{1, 2, 1})
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"theil_l":null`, `"atkinson_1":null`, `"max_min":null`, `"n":3`, `"gini":`, `"notes":["Theil L`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON %s lacks %s", s, want)
		}
	}
	var back InequalityStats
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(b2) != s {
		t.Errorf("round trip:\n%s\n%s", s, b2)
	}
	if !math.IsNaN(back.TheilL) || back.Gini != st.Gini || back.Mean != st.Mean {
		t.Errorf("round trip values: TheilL %g (want NaN), Gini %g vs %g", back.TheilL, back.Gini, st.Gini)
	}
}
