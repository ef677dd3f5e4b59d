package weights_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eqindex/eqindex/weights"
)

// Tolerances: tol7 for vectors published to 7-8 significant digits
// (methods.md), tolDER for values derived in double precision (DER) and
// exact identities.
const (
	tol7   = 1e-6
	tolDER = 1e-12
)

func close(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func checkVec(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d %v", name, len(got), got, len(want), want)
	}
	for j := range want {
		if !close(got[j], want[j], tol) {
			t.Errorf("%s[%d] = %.12g, want %.12g (tol %g)", name, j, got[j], want[j], tol)
		}
	}
}

func checkSum1(t *testing.T, name string, w []float64) {
	t.Helper()
	var s float64
	for _, v := range w {
		if v < 0 || math.IsNaN(v) {
			t.Errorf("%s: weight %g is not a non-negative number", name, v)
		}
		s += v
	}
	if !close(s, 1, tolDER) {
		t.Errorf("%s: weights sum to %.15g, want 1", name, s)
	}
}

func panics(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: did not panic", name)
		}
	}()
	f()
}

// mathmodelsX is the entropy/CRITIC example of the R package mathmodels:
// x1 = 3, 5, 2, 7 (higher better), x2 = 10, 20, 15, 25 (lower better,
// passed negated).
func mathmodelsX() [][]float64 {
	return [][]float64{{3, 5, 2, 7}, {-10, -20, -15, -25}}
}

func TestNormalize(t *testing.T) {
	w := []float64{2, 1, 1}
	got := weights.Normalize(w)
	checkVec(t, "Normalize", got, []float64{0.5, 0.25, 0.25}, tolDER)
	checkVec(t, "input unchanged", w, []float64{2, 1, 1}, 0)
	checkVec(t, "Equal", weights.Equal(4), []float64{0.25, 0.25, 0.25, 0.25}, 0)
	panics(t, "negative", func() { weights.Normalize([]float64{1, -1, 2}) })
	panics(t, "zero sum", func() { weights.Normalize([]float64{0, 0}) })
	panics(t, "empty", func() { weights.Normalize(nil) })
	panics(t, "NaN", func() { weights.Normalize([]float64{1, math.NaN()}) })
	panics(t, "Inf", func() { weights.Normalize([]float64{1, math.Inf(1)}) })
	panics(t, "Equal(0)", func() { weights.Equal(0) })
}

func TestCombined(t *testing.T) {
	// methods.md: w_s = 0.4,0.3,0.2,0.1, w_o = 0.25,0.2,0.3,0.25.
	ws := []float64{0.4, 0.3, 0.2, 0.1}
	wo := []float64{0.25, 0.2, 0.3, 0.25}
	// Linear a = 0.6: 0.6*0.4 + 0.4*0.25 = 0.34, ...
	checkVec(t, "Linear", weights.Linear(ws, wo, 0.6), []float64{0.34, 0.26, 0.24, 0.16}, tolDER)
	checkVec(t, "Product", weights.Product(ws, wo), []float64{0.4081633, 0.2448980, 0.2448980, 0.1020408}, tol7)
	// Product by hand: 0.1, 0.06, 0.06, 0.025, sum 0.245.
	checkVec(t, "Product exact", weights.Product(ws, wo), []float64{0.1 / 0.245, 0.06 / 0.245, 0.06 / 0.245, 0.025 / 0.245}, tolDER)
	// Ends of alpha, relative inputs, scale invariance of Product.
	checkVec(t, "Linear a=1", weights.Linear(ws, wo, 1), ws, tolDER)
	checkVec(t, "Linear a=0", weights.Linear(ws, wo, 0), wo, tolDER)
	checkVec(t, "Linear relative", weights.Linear([]float64{4, 3, 2, 1}, []float64{5, 4, 6, 5}, 0.6), []float64{0.34, 0.26, 0.24, 0.16}, tolDER)
	checkVec(t, "Product scaled", weights.Product([]float64{4, 3, 2, 1}, []float64{5, 4, 6, 5}), weights.Product(ws, wo), tolDER)
	panics(t, "Linear length", func() { weights.Linear(ws, wo[:3], 0.5) })
	panics(t, "Linear alpha", func() { weights.Linear(ws, wo, 1.5) })
	panics(t, "Linear NaN alpha", func() { weights.Linear(ws, wo, math.NaN()) })
	panics(t, "Product length", func() { weights.Product(ws, wo[:3]) })
	panics(t, "Product disjoint", func() { weights.Product([]float64{1, 0}, []float64{0, 1}) })
}

func TestEntropyMathmodels(t *testing.T) {
	X := mathmodelsX()
	r := weights.Entropy(X, true)
	checkVec(t, "shift W", r.W, []float64{0.5452618, 0.4547382}, tol7)
	if !r.Shift || r.Fallback {
		t.Errorf("Shift = %v, Fallback = %v; want true, false", r.Shift, r.Fallback)
	}
	r = weights.Entropy(X, false)
	checkVec(t, "plain W", r.W, []float64{0.545199748396818, 0.45480025160318205}, tolDER)
	for j := range r.W {
		if !close(r.D[j], 1-r.E[j], tolDER) {
			t.Errorf("D[%d] = %g, want 1 - E = %g", j, r.D[j], 1-r.E[j])
		}
		if !close(r.W[j], r.D[j]/(r.D[0]+r.D[1]), tolDER) {
			t.Errorf("W[%d] = %g, want D/sum D", j, r.W[j])
		}
	}
	// The input is not modified.
	checkVec(t, "input", X[0], []float64{3, 5, 2, 7}, 0)
}

func TestEntropyHand(t *testing.T) {
	// m = 3. Column a = 0, 1, 1: z = 0, 1, 1, p = 0, 1/2, 1/2,
	// e = -(2 * 1/2 ln 1/2) / ln 3 = ln 2 / ln 3, d = 1 - ln 2/ln 3.
	// Column b = 5, 5, 9: z = 0, 0, 1, p = 0, 0, 1, e = 0 (0 ln 0 = 0), d = 1.
	r := weights.Entropy([][]float64{{0, 1, 1}, {5, 5, 9}}, false)
	ea := math.Ln2 / math.Log(3)
	checkVec(t, "E", r.E, []float64{ea, 0}, tolDER)
	checkVec(t, "D", r.D, []float64{1 - ea, 1}, tolDER)
	checkVec(t, "W", r.W, []float64{(1 - ea) / (2 - ea), 1 / (2 - ea)}, tolDER)

	// m = 2: every non-constant column has p = 0, 1, e = 0: equal weights.
	r = weights.Entropy([][]float64{{1, 2}, {7, 3}, {0, 100}}, false)
	checkVec(t, "m=2 W", r.W, []float64{1. / 3, 1. / 3, 1. / 3}, tolDER)
}

func TestEntropyConstant(t *testing.T) {
	X := mathmodelsX()
	withConst := [][]float64{X[0], {4, 4, 4, 4}, X[1]}
	for _, shift := range []bool{false, true} {
		base := weights.Entropy(X, shift)
		r := weights.Entropy(withConst, shift)
		checkVec(t, "W with constant", r.W, []float64{base.W[0], 0, base.W[1]}, tolDER)
		if !slices.Equal(r.Constant, []bool{false, true, false}) || r.Fallback {
			t.Errorf("Constant = %v, Fallback = %v", r.Constant, r.Fallback)
		}
		if r.E[1] != 1 || r.D[1] != 0 {
			t.Errorf("constant column: E = %g, D = %g; want 1, 0", r.E[1], r.D[1])
		}
	}
	r := weights.Entropy([][]float64{{1, 1}, {2, 2}}, true)
	if !r.Fallback {
		t.Error("all constant: Fallback not set")
	}
	checkVec(t, "all constant W", r.W, []float64{0.5, 0.5}, 0)
	// A single unit: every column is constant.
	r = weights.Entropy([][]float64{{1}, {2}, {3}}, false)
	if !r.Fallback {
		t.Error("m = 1: Fallback not set")
	}
	checkSum1(t, "m = 1", r.W)
	panics(t, "no columns", func() { weights.Entropy(nil, false) })
	panics(t, "ragged", func() { weights.Entropy([][]float64{{1, 2}, {1}}, false) })
}

func TestCRITICMathmodels(t *testing.T) {
	r := weights.CRITIC(mathmodelsX())
	checkVec(t, "W", r.W, []float64{0.5075187, 0.4924813}, tol7)
	// By hand: z1 = 0.2, 0.6, 0, 1 (mean 0.45, sum of squares 0.59);
	// z2 = 1, 1/3, 2/3, 0 (mean 0.5, sum of squares 0.5 + 1/18);
	// cross products sum to -0.5, so r = -0.5 / sqrt(0.59 (0.5 + 1/18)).
	sd1, sd2 := math.Sqrt(0.59/3), math.Sqrt((0.5+1.0/18)/3)
	rr := -0.5 / math.Sqrt(0.59*(0.5+1.0/18))
	checkVec(t, "SD", r.SD, []float64{sd1, sd2}, tolDER)
	checkVec(t, "Conflict", r.Conflict, []float64{1 - rr, 1 - rr}, tolDER)
	checkVec(t, "Info", r.Info, []float64{sd1 * (1 - rr), sd2 * (1 - rr)}, tolDER)
	// With two columns the conflicts are equal, so w is proportional to sd.
	checkVec(t, "W = sd/sum sd", r.W, []float64{sd1 / (sd1 + sd2), sd2 / (sd1 + sd2)}, tolDER)
}

func TestCRITICConstantAndDegenerate(t *testing.T) {
	X := mathmodelsX()
	base := weights.CRITIC(X)
	r := weights.CRITIC([][]float64{{9, 9, 9, 9}, X[0], X[1]})
	checkVec(t, "W with constant", r.W, []float64{0, base.W[0], base.W[1]}, tolDER)
	checkVec(t, "Conflict with constant", r.Conflict, []float64{0, base.Conflict[0], base.Conflict[1]}, tolDER)
	if !slices.Equal(r.Constant, []bool{true, false, false}) || r.Fallback {
		t.Errorf("Constant = %v, Fallback = %v", r.Constant, r.Fallback)
	}

	// Two perfectly correlated columns and a constant one: sum C = 0,
	// equal weights over the non-constant columns.
	r = weights.CRITIC([][]float64{{1, 2, 4}, {3, 3, 3}, {10, 20, 40}})
	if !r.Fallback {
		t.Error("perfectly correlated: Fallback not set")
	}
	checkVec(t, "perfectly correlated W", r.W, []float64{0.5, 0, 0.5}, 0)

	// One non-constant column: it gets everything.
	r = weights.CRITIC([][]float64{{1, 1, 1}, {1, 5, 2}})
	checkVec(t, "one informative W", r.W, []float64{0, 1}, 0)
	if !r.Fallback {
		t.Error("one informative column: Fallback not set")
	}

	// All constant.
	r = weights.CRITIC([][]float64{{1, 1}, {2, 2}, {3, 3}})
	checkVec(t, "all constant W", r.W, []float64{1. / 3, 1. / 3, 1. / 3}, 0)
	if !r.Fallback {
		t.Error("all constant: Fallback not set")
	}
	panics(t, "ragged", func() { weights.CRITIC([][]float64{{1, 2}, {1, 2, 3}}) })
}

// randomCols returns n columns over m units drawn from a model with a few
// latent factors, so that columns are correlated in blocks.
func randomCols(seed uint64, m, n int) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 7))
	const factors = 4
	f := make([][]float64, factors)
	for k := range f {
		f[k] = make([]float64, m)
		for i := range f[k] {
			f[k][i] = rng.NormFloat64()
		}
	}
	cols := make([][]float64, n)
	for j := range cols {
		k := j % factors
		load := 0.5 + 0.4*rng.Float64()
		scale := 1 + 10*rng.Float64()
		shift := 100 * rng.Float64()
		cols[j] = make([]float64, m)
		for i := range cols[j] {
			cols[j][i] = shift + scale*(load*f[k][i]+(1-load)*rng.NormFloat64())
		}
	}
	return cols
}

// objective runs the three data-driven methods and returns their weights.
func objective(t *testing.T, cols [][]float64) map[string][]float64 {
	t.Helper()
	p, err := weights.PCA(cols)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]float64{
		"entropy":       weights.Entropy(cols, false).W,
		"entropy shift": weights.Entropy(cols, true).W,
		"critic":        weights.CRITIC(cols).W,
		"pca":           p.W,
	}
}

func TestObjectiveInvariance(t *testing.T) {
	cols := randomCols(1, 40, 9)
	base := objective(t, cols)
	for name, w := range base {
		checkSum1(t, name, w)
	}

	// Permuting columns permutes the weights.
	perm := []int{4, 0, 8, 2, 6, 1, 3, 7, 5}
	pc := make([][]float64, len(cols))
	for j, p := range perm {
		pc[j] = cols[p]
	}
	for name, w := range objective(t, pc) {
		for j, p := range perm {
			if !close(w[j], base[name][p], 1e-9) {
				t.Errorf("%s permuted: w[%d] = %.12g, want w[%d] = %.12g", name, j, w[j], p, base[name][p])
			}
		}
	}

	// A positive affine change of a column changes nothing.
	sc := slices.Clone(cols)
	sc[3] = make([]float64, len(cols[3]))
	for i, v := range cols[3] {
		sc[3][i] = 1000*v - 42
	}
	for name, w := range objective(t, sc) {
		checkVec(t, name+" scaled", w, base[name], 1e-9)
	}

	// Permuting units changes nothing.
	rng := rand.New(rand.NewPCG(3, 3))
	order := rng.Perm(len(cols[0]))
	uc := make([][]float64, len(cols))
	for j := range cols {
		uc[j] = make([]float64, len(order))
		for i, o := range order {
			uc[j][i] = cols[j][o]
		}
	}
	for name, w := range objective(t, uc) {
		checkVec(t, name+" units permuted", w, base[name], 1e-9)
	}
}

func TestNaNPanics(t *testing.T) {
	bad := [][]float64{{1, 2, 3}, {1, math.NaN(), 3}}
	panics(t, "Entropy NaN", func() { weights.Entropy(bad, false) })
	panics(t, "CRITIC NaN", func() { weights.CRITIC(bad) })
	panics(t, "PCA NaN", func() { weights.PCA(bad) })
	panics(t, "PCA Inf", func() { weights.PCA([][]float64{{1, math.Inf(1)}}) })
}
