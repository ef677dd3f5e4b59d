package weights_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eqindex/eqindex/weights"
)

func mustPCA(t *testing.T, cols [][]float64) weights.PCAResult {
	t.Helper()
	r, err := weights.PCA(cols)
	if err != nil {
		t.Fatal(err)
	}
	checkSum1(t, "PCA W", r.W)
	return r
}

func TestPCAOneComponent(t *testing.T) {
	// a = 1, 1, -1, -1; b = 2a + 3 (r_ab = 1); c = 1, -1, 1, -1 (r_ac =
	// r_bc = 0). R = [[1,1,0],[1,1,0],[0,0,1]] has eigenvalues 2, 1, 0.
	// Only 2 exceeds 1: one component, v = (1, 1, 0)/sqrt 2, loadings
	// v sqrt 2 = (1, 1, 0), no rotation; scaled squared loadings 1/2,
	// 1/2, 0, share 1: w = 0.5, 0.5, 0.
	a := []float64{1, 1, -1, -1}
	b := []float64{5, 5, 1, 1}
	c := []float64{1, -1, 1, -1}
	r := mustPCA(t, [][]float64{a, b, c})
	checkVec(t, "W", r.W, []float64{0.5, 0.5, 0}, 1e-12)
	checkVec(t, "Eigenvalues", r.Eigenvalues, []float64{2, 1, 0}, 1e-12)
	checkVec(t, "ExplainedShare", r.ExplainedShare, []float64{2. / 3, 1. / 3, 0}, 1e-12)
	if r.Retained != 1 || r.Rotated {
		t.Errorf("Retained = %d, Rotated = %v; want 1, false", r.Retained, r.Rotated)
	}
	checkVec(t, "Loadings", []float64{r.Loadings[0][0], r.Loadings[1][0], r.Loadings[2][0]}, []float64{1, 1, 0}, 1e-12)
	checkVec(t, "Variance", r.Variance, []float64{2}, 1e-12)
	if !slices.Equal(r.Assigned, []int{0, 0, 0}) {
		t.Errorf("Assigned = %v", r.Assigned)
	}
}

func TestPCATwoBlocks(t *testing.T) {
	// Two pairs of perfectly correlated columns, the pairs uncorrelated:
	// R is block diagonal with two [[1,1],[1,1]] blocks, eigenvalues 2, 2,
	// 0, 0. Both components are retained; their eigenvectors are any basis
	// of a 2-dimensional space, and varimax must find the simple
	// structure: loadings (1,1,0,0) and (0,0,1,1) up to order. Scaled
	// squared loadings 1/2 each, shares 2/4 each: w = 1/4 each.
	a := []float64{1, 1, -1, -1}
	c := []float64{1, -1, 1, -1}
	a2 := []float64{4, 4, 1, 1} // 1.5 a + 2.5
	c2 := []float64{7, 3, 7, 3} // 2 c + 5
	r := mustPCA(t, [][]float64{a, c, a2, c2})
	checkVec(t, "W", r.W, []float64{0.25, 0.25, 0.25, 0.25}, 1e-9)
	checkVec(t, "Eigenvalues", r.Eigenvalues, []float64{2, 2, 0, 0}, 1e-12)
	if r.Retained != 2 || !r.Rotated {
		t.Fatalf("Retained = %d, Rotated = %v; want 2, true", r.Retained, r.Rotated)
	}
	if r.Assigned[0] != r.Assigned[2] || r.Assigned[1] != r.Assigned[3] || r.Assigned[0] == r.Assigned[1] {
		t.Errorf("Assigned = %v, want a and a2 on one component, c and c2 on the other", r.Assigned)
	}
	for j, l := range r.Loadings {
		own, other := l[r.Assigned[j]], l[1-r.Assigned[j]]
		if !close(own, 1, 1e-9) || !close(other, 0, 1e-9) {
			t.Errorf("Loadings[%d] = %v, want 1 on component %d and 0 elsewhere", j, l, r.Assigned[j])
		}
	}
	checkVec(t, "Variance", r.Variance, []float64{2, 2}, 1e-9)
}

// varimaxCriterion is the Kaiser-normalised varimax criterion of a
// loading matrix l (rows = variables): with h_jc = l_jc / sqrt(sum_c l_jc^2),
// sum_c [ sum_j h_jc^4 / p - (sum_j h_jc^2 / p)^2 ].
func varimaxCriterion(l [][]float64) float64 {
	p, q := len(l), len(l[0])
	var v float64
	for c := range q {
		var s2, s4 float64
		for _, row := range l {
			var comm float64
			for _, x := range row {
				comm += x * x
			}
			h2 := row[c] * row[c] / comm
			s2 += h2
			s4 += h2 * h2
		}
		v += s4/float64(p) - (s2/float64(p))*(s2/float64(p))
	}
	return v
}

func TestPCARandom(t *testing.T) {
	cols := randomCols(11, 120, 12)
	r := mustPCA(t, cols)
	k := len(cols)
	if r.Retained < 2 || !r.Rotated {
		t.Fatalf("Retained = %d; the 4-factor data should keep several components", r.Retained)
	}
	// Eigenvalues decrease and sum to k; retained means > 1 (and the next
	// is not).
	var sum float64
	for c, lam := range r.Eigenvalues {
		sum += lam
		if c > 0 && lam > r.Eigenvalues[c-1] {
			t.Errorf("eigenvalues not decreasing: %v", r.Eigenvalues)
		}
		if (c < r.Retained) != (lam > 1) {
			t.Errorf("eigenvalue %d = %g but Retained = %d", c, lam, r.Retained)
		}
		if !close(r.ExplainedShare[c], lam/float64(k), 1e-12) {
			t.Errorf("ExplainedShare[%d] = %g, want %g", c, r.ExplainedShare[c], lam/float64(k))
		}
	}
	if !close(sum, float64(k), 1e-9) {
		t.Errorf("eigenvalues sum to %g, want %d", sum, k)
	}
	// Rotation keeps the retained variance.
	var retained, variance float64
	for c := range r.Retained {
		retained += r.Eigenvalues[c]
		variance += r.Variance[c]
	}
	if !close(retained, variance, 1e-9) {
		t.Errorf("rotated variance %g, retained eigenvalues %g", variance, retained)
	}
	// The rule: a(j) maximises L_jc^2 / V_c and w_j is proportional to
	// L_j,a(j)^2 / V_a * V_a / sum V = L_j,a(j)^2 / sum V.
	var sumU float64
	u := make([]float64, k)
	for j, l := range r.Loadings {
		a := r.Assigned[j]
		for c := range l {
			if l[c]*l[c]/r.Variance[c] > l[a]*l[a]/r.Variance[a] {
				t.Errorf("column %d assigned to %d but scaled loading on %d is larger", j, a, c)
			}
		}
		u[j] = l[a] * l[a] / variance
		sumU += u[j]
	}
	for j := range u {
		if !close(r.W[j], u[j]/sumU, 1e-12) {
			t.Errorf("W[%d] = %g, want %g", j, r.W[j], u[j]/sumU)
		}
	}
	// The rotation is a local maximum of the varimax criterion: turning
	// any two components by a small angle does not increase it.
	v0 := varimaxCriterion(r.Loadings)
	for c1 := range r.Retained {
		for c2 := c1 + 1; c2 < r.Retained; c2++ {
			for _, th := range []float64{-1e-3, 1e-3} {
				l := make([][]float64, k)
				for j, row := range r.Loadings {
					l[j] = slices.Clone(row)
					l[j][c1] = math.Cos(th)*row[c1] - math.Sin(th)*row[c2]
					l[j][c2] = math.Sin(th)*row[c1] + math.Cos(th)*row[c2]
				}
				if v := varimaxCriterion(l); v > v0+1e-12 {
					t.Errorf("rotating components %d, %d by %g raises the varimax criterion from %.12g to %.12g", c1, c2, th, v0, v)
				}
			}
		}
	}
}

func TestPCAOneRetainedIsSquaredEigenvector(t *testing.T) {
	// Four noisy copies of one factor: one eigenvalue near 4, the rest
	// small, so one component is retained and w_j = L_j^2 / lambda_1.
	rng := rand.New(rand.NewPCG(5, 5))
	f := make([]float64, 60)
	for i := range f {
		f[i] = rng.NormFloat64()
	}
	cols := make([][]float64, 4)
	for j := range cols {
		cols[j] = make([]float64, len(f))
		for i, v := range f {
			cols[j][i] = v + 0.3*float64(j+1)*rng.NormFloat64()
		}
	}
	r := mustPCA(t, cols)
	if r.Retained != 1 || r.Rotated {
		t.Fatalf("Retained = %d (eigenvalues %v)", r.Retained, r.Eigenvalues)
	}
	for j, l := range r.Loadings {
		if !close(r.W[j], l[0]*l[0]/r.Eigenvalues[0], 1e-12) {
			t.Errorf("W[%d] = %g, want L^2/lambda = %g", j, r.W[j], l[0]*l[0]/r.Eigenvalues[0])
		}
	}
	// The noisier the copy, the smaller its loading and weight.
	for j := 1; j < len(r.W); j++ {
		if r.W[j] >= r.W[j-1] {
			t.Errorf("W = %v, want decreasing with noise", r.W)
		}
	}
}

func TestPCAConstant(t *testing.T) {
	cols := randomCols(2, 50, 6)
	base := mustPCA(t, cols)
	withConst := slices.Insert(slices.Clone(cols), 2, []float64(nil))
	withConst[2] = make([]float64, 50)
	for i := range withConst[2] {
		withConst[2][i] = 3
	}
	r := mustPCA(t, withConst)
	want := slices.Insert(slices.Clone(base.W), 2, 0)
	checkVec(t, "W with constant", r.W, want, 1e-12)
	checkVec(t, "Eigenvalues", r.Eigenvalues, base.Eigenvalues, 1e-12)
	if r.Assigned[2] != -1 || !r.Constant[2] || r.Fallback {
		t.Errorf("constant column: Assigned %d, Constant %v, Fallback %v", r.Assigned[2], r.Constant[2], r.Fallback)
	}

	// One non-constant column gets everything.
	r = mustPCA(t, [][]float64{{1, 1, 1}, {1, 2, 4}})
	checkVec(t, "one informative W", r.W, []float64{0, 1}, 1e-12)

	// All constant: equal weights.
	r = mustPCA(t, [][]float64{{1, 1, 1}, {2, 2, 2}})
	checkVec(t, "all constant W", r.W, []float64{0.5, 0.5}, 0)
	if !r.Fallback || r.Retained != 0 {
		t.Errorf("all constant: Fallback %v, Retained %d", r.Fallback, r.Retained)
	}
	panics(t, "ragged", func() { weights.PCA([][]float64{{1, 2}, {1}}) })
}
