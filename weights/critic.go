package weights

import "math"

// CRITICResult holds CRITIC weights and their diagnostics. All slices have
// one element per column, in column order.
type CRITICResult struct {
	W        []float64 // weights w_j, sum to 1
	SD       []float64 // sigma_j, sample sd of the min-max rescaled column
	Conflict []float64 // sum_k (1 - r_jk) over the non-constant columns k
	Info     []float64 // information C_j = sigma_j * Conflict_j

	// Constant marks columns whose values are all equal. They have
	// SD = Conflict = Info = 0 and W = 0, and are left out of every other
	// column's Conflict.
	Constant []bool
	// Fallback is true when sum_j C_j = 0, so that CRITIC cannot rank the
	// columns: every column is constant, or only one is not, or all
	// non-constant columns are perfectly positively correlated. W is then
	// equal over the non-constant columns (over all columns when every
	// column is constant).
	Fallback bool
}

// criticZero is the value of sum_j C_j at or below which CRITIC falls back
// to equal weights. C_j is at most 0.71 * 2(n-1) for min-max data, and
// perfectly correlated columns give sum C of the order of 1e-16 by
// rounding.
const criticZero = 1e-12

// CRITIC computes CRITIC weights (Diakoulaki, Mavrotas and Papayannakis
// 1995) for the columns cols, each already oriented so that higher is
// better (see the package doc), over m units:
//
//	z_ij     = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)
//	sigma_j  = sqrt( sum_i (z_ij - mean_j)^2 / (m - 1) )
//	r_jk     = Pearson correlation of columns j and k
//	C_j      = sigma_j sum_k (1 - r_jk)
//	w_j      = C_j / sum_k C_k
//
// The sd denominator (m - 1, as R's sd) cancels in w. On the mathmodels
// example (x1 = 3, 5, 2, 7; x2 = 10, 20, 15, 25 lower-is-better, so passed
// negated) w = 0.5075187, 0.4924813.
//
// Special cases:
//   - A constant column (max = min; always the case when m = 1) has no
//     contrast and no defined correlation: sigma_j = 0, C_j = 0, w_j = 0,
//     Constant[j] is set, and it is left out of the sum over k for the
//     other columns. The weights of the other columns are therefore the
//     same as those of CRITIC run without the constant column.
//   - If sum C = 0 (see CRITICResult.Fallback), W is equal over the
//     non-constant columns and Fallback is set.
//
// CRITIC panics if cols is empty, the columns differ in length, or a value
// is NaN or infinite.
func CRITIC(cols [][]float64) CRITICResult {
	n, m := checkCols("CRITIC", cols)
	res := CRITICResult{
		W:        make([]float64, n),
		SD:       make([]float64, n),
		Conflict: make([]float64, n),
		Info:     make([]float64, n),
		Constant: make([]bool, n),
	}
	// Centred min-max columns and their sums of squares.
	dz := make([][]float64, n)
	ss := make([]float64, n)
	for j, x := range cols {
		lo, hi := minMax(x)
		if lo == hi {
			res.Constant[j] = true
			continue
		}
		d := make([]float64, m)
		var mean float64
		for i, v := range x {
			d[i] = (v - lo) / (hi - lo)
			mean += d[i]
		}
		mean /= float64(m)
		for i := range d {
			d[i] -= mean
			ss[j] += d[i] * d[i]
		}
		dz[j] = d
		res.SD[j] = math.Sqrt(ss[j] / float64(m-1))
	}
	for j := range n {
		if res.Constant[j] {
			continue
		}
		for k := j + 1; k < n; k++ {
			if res.Constant[k] {
				continue
			}
			r := pearson(dz[j], dz[k], ss[j], ss[k])
			res.Conflict[j] += 1 - r
			res.Conflict[k] += 1 - r
		}
	}
	var sumC float64
	for j := range n {
		res.Info[j] = res.SD[j] * res.Conflict[j]
		sumC += res.Info[j]
	}
	if sumC <= criticZero {
		res.W = equalOver(not(res.Constant))
		res.Fallback = true
		return res
	}
	for j, c := range res.Info {
		res.W[j] = c / sumC
	}
	return res
}

// pearson returns the correlation of two centred columns a and b with sums
// of squares ssa and ssb (both > 0), clamped to [-1, 1].
func pearson(a, b []float64, ssa, ssb float64) float64 {
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	r := s / math.Sqrt(ssa*ssb)
	return math.Max(-1, math.Min(1, r))
}
