package weights

import (
	"fmt"
	"math"
)

// Normalize returns a new slice w / sum(w), which sums to 1.
//
// Normalize panics if w is empty, if any element is negative, NaN or
// infinite, or if the sum is zero.
func Normalize(w []float64) []float64 {
	if len(w) == 0 {
		panic("weights: Normalize of an empty slice")
	}
	var s float64
	for j, v := range w {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			panic(fmt.Sprintf("weights: Normalize: w[%d] = %g is not a finite non-negative weight", j, v))
		}
		s += v
	}
	if s == 0 {
		panic("weights: Normalize: weights sum to zero")
	}
	out := make([]float64, len(w))
	for j, v := range w {
		out[j] = v / s
	}
	return out
}

// Equal returns n equal weights 1/n. It panics if n < 1.
func Equal(n int) []float64 {
	if n < 1 {
		panic(fmt.Sprintf("weights: Equal(%d): need at least one weight", n))
	}
	out := make([]float64, n)
	for j := range out {
		out[j] = 1 / float64(n)
	}
	return out
}

// Linear combines a subjective weight vector ws (e.g. from AHP) with an
// objective one wo (e.g. from Entropy) linearly:
//
//	w_j = alpha ws_j + (1 - alpha) wo_j
//
// ws and wo are normalised to sum to 1 first (see Normalize), so the
// result sums to 1. alpha = 1 gives ws, alpha = 0 gives wo.
//
// Linear panics if the lengths differ, if alpha is outside [0, 1], or if
// Normalize panics on either vector.
func Linear(ws, wo []float64, alpha float64) []float64 {
	if len(ws) != len(wo) {
		panic(fmt.Sprintf("weights: Linear: length mismatch (%d and %d)", len(ws), len(wo)))
	}
	if !(alpha >= 0 && alpha <= 1) {
		panic(fmt.Sprintf("weights: Linear: alpha = %g outside [0, 1]", alpha))
	}
	s, o := Normalize(ws), Normalize(wo)
	out := make([]float64, len(s))
	for j := range out {
		out[j] = alpha*s[j] + (1-alpha)*o[j]
	}
	return out
}

// Product combines a subjective weight vector ws with an objective one wo
// multiplicatively (multiplicative synthesis, 乘法合成):
//
//	w_j = ws_j wo_j / sum_k ws_k wo_k
//
// The result does not depend on how ws and wo are scaled.
//
// Product panics if the lengths differ, if either vector has a negative,
// NaN or infinite element, or if ws_j wo_j = 0 for every j (no index has
// positive weight in both). AHP weights are always positive, so the
// product with any objective weight vector that sums to 1 is defined.
func Product(ws, wo []float64) []float64 {
	if len(ws) != len(wo) {
		panic(fmt.Sprintf("weights: Product: length mismatch (%d and %d)", len(ws), len(wo)))
	}
	s, o := Normalize(ws), Normalize(wo)
	out := make([]float64, len(s))
	var sum float64
	for j := range out {
		out[j] = s[j] * o[j]
		sum += out[j]
	}
	if sum == 0 {
		panic("weights: Product: no index has positive weight in both vectors")
	}
	for j := range out {
		out[j] /= sum
	}
	return out
}

// checkCols panics unless cols is a non-empty set of equal-length columns
// of finite values, and returns the number of columns n and of units m.
func checkCols(fn string, cols [][]float64) (n, m int) {
	n = len(cols)
	if n == 0 {
		panic(fmt.Sprintf("weights: %s: no columns", fn))
	}
	m = len(cols[0])
	for j, c := range cols {
		if len(c) != m {
			panic(fmt.Sprintf("weights: %s: column %d has %d values, column 0 has %d", fn, j, len(c), m))
		}
		for i, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("weights: %s: column %d, unit %d is %g (drop units with missing values first)", fn, j, i, v))
			}
		}
	}
	return n, m
}

// minMax returns the smallest and largest value of x (x non-empty), or
// 0, 0 for an empty x.
func minMax(x []float64) (lo, hi float64) {
	if len(x) == 0 {
		return 0, 0
	}
	lo, hi = x[0], x[0]
	for _, v := range x[1:] {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	return lo, hi
}

// equalOver returns weights 1/k on the k indices where use[j] is true and 0
// elsewhere; when no index is used, 1/n everywhere.
func equalOver(use []bool) []float64 {
	k := 0
	for _, u := range use {
		if u {
			k++
		}
	}
	w := make([]float64, len(use))
	for j, u := range use {
		switch {
		case k == 0:
			w[j] = 1 / float64(len(use))
		case u:
			w[j] = 1 / float64(k)
		}
	}
	return w
}

// not returns the element-wise negation of b.
func not(b []bool) []bool {
	out := make([]bool, len(b))
	for j, v := range b {
		out[j] = !v
	}
	return out
}
