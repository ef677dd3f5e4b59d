package weights

import "math"

// Bounds of the shifted min-max rescaling used by Entropy when shift is
// true: z is mapped into [ShiftLo, ShiftHi] so that no p_ij is zero.
const (
	ShiftLo = 0.002
	ShiftHi = 0.998
)

// EntropyResult holds entropy weights and their diagnostics. All slices
// have one element per column, in column order.
type EntropyResult struct {
	W []float64 // weights w_j, sum to 1
	E []float64 // entropy e_j in [0, 1]
	D []float64 // divergence (degree of diversification) d_j = 1 - e_j

	// Constant marks columns whose values are all equal. They have
	// E = 1, D = 0 and W = 0.
	Constant []bool
	// Fallback is true when no column carries information (every column
	// is constant, which includes a single unit): W is then equal, 1/n.
	Fallback bool
	// Shift records the rescaling used: false for [0, 1], true for
	// [ShiftLo, ShiftHi].
	Shift bool
}

// Entropy computes entropy weights (熵权法) for the columns cols, each
// already oriented so that higher is better (see the package doc), over m
// units.
//
// Each column is min-max rescaled, then
//
//	z_ij = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)   (shift false, z in [0, 1])
//	z_ij = 0.002 + 0.996 (x_ij - min) / (max - min)         (shift true, z in [0.002, 0.998])
//	p_ij = z_ij / sum_i z_ij
//	e_j  = -(1 / ln m) sum_i p_ij ln p_ij,  with 0 ln 0 = 0
//	d_j  = 1 - e_j
//	w_j  = d_j / sum_k d_k
//
// The shifted form is the convention of the R package mathmodels; the
// plain form needs the 0 ln 0 = 0 rule because the column minimum has
// z = 0. On the mathmodels example (x1 = 3, 5, 2, 7; x2 = 10, 20, 15, 25
// lower-is-better, so passed negated) shift gives w = 0.5452618, 0.4547382
// and plain min-max gives w = 0.5451997, 0.4548003.
//
// Special cases:
//   - A constant column (max = min; always the case when m = 1) carries no
//     information: e_j = 1, d_j = 0, w_j = 0, and Constant[j] is set. With
//     shift this is what the formula gives for equal z; without it the
//     formula would be 0/0.
//   - If every column is constant, W is equal (1/n) and Fallback is set.
//   - Rounding can make e_j exceed 1 by an ulp for a near-uniform column;
//     d_j is clamped at 0.
//
// Entropy panics if cols is empty, the columns differ in length, or a value
// is NaN or infinite.
func Entropy(cols [][]float64, shift bool) EntropyResult {
	n, m := checkCols("Entropy", cols)
	res := EntropyResult{
		W:        make([]float64, n),
		E:        make([]float64, n),
		D:        make([]float64, n),
		Constant: make([]bool, n),
		Shift:    shift,
	}
	lnm := math.Log(float64(m))
	z := make([]float64, m)
	var sumD float64
	for j, x := range cols {
		lo, hi := minMax(x)
		if lo == hi {
			res.Constant[j] = true
			res.E[j] = 1
			continue
		}
		var sz float64
		for i, v := range x {
			t := (v - lo) / (hi - lo)
			if shift {
				t = ShiftLo + (ShiftHi-ShiftLo)*t
			}
			z[i] = t
			sz += t
		}
		var h float64
		for _, t := range z {
			if p := t / sz; p > 0 {
				h -= p * math.Log(p)
			}
		}
		res.E[j] = h / lnm
		res.D[j] = math.Max(0, 1-res.E[j])
		sumD += res.D[j]
	}
	if sumD == 0 {
		// Only reachable when every column is constant: a non-constant
		// column has a non-uniform p and so d_j > 0.
		res.W = equalOver(not(res.Constant))
		res.Fallback = true
		return res
	}
	for j, d := range res.D {
		res.W[j] = d / sumD
	}
	return res
}
