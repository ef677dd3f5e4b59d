package weights

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCAResult holds PCA weights and the factor analysis behind them.
type PCAResult struct {
	// W holds the weights, one per column, sum to 1.
	W []float64

	// Eigenvalues of the correlation matrix of the k non-constant
	// columns, in decreasing order (length k; tiny negative values from
	// rounding are set to 0). They sum to k.
	Eigenvalues []float64
	// ExplainedShare[c] = Eigenvalues[c] / k, the share of the total
	// variance of the standardised data explained by component c.
	ExplainedShare []float64
	// Retained is the number of components kept (eigenvalue > 1, at
	// least one).
	Retained int
	// Rotated reports whether the loadings were varimax rotated (only
	// when Retained >= 2).
	Rotated bool

	// Loadings[j][c] is the (rotated) loading of column j on retained
	// component c, the correlation of the column with the component
	// score. Each component's sign is chosen so that its loadings sum to
	// a non-negative number. Rows of constant columns are 0.
	Loadings [][]float64
	// Variance[c] = sum_j Loadings[j][c]^2, the variance explained by
	// retained component c after rotation (the eigenvalue when there is
	// no rotation). Rotation keeps sum_c Variance[c] equal to the sum of
	// the retained eigenvalues.
	Variance []float64
	// Assigned[j] is the component column j is assigned to (where its
	// scaled squared loading is largest), or -1 for a constant column.
	Assigned []int

	// Constant marks columns whose values are all equal: they are left
	// out of the analysis and get weight 0.
	Constant []bool
	// Fallback is true when every column is constant: W is then equal
	// (1/n) and the other fields are empty.
	Fallback bool
}

// pcaRetainTol guards the eigenvalue > 1 rule against rounding: a
// component is retained when its eigenvalue exceeds 1 + pcaRetainTol, so an
// eigenvalue that is exactly 1 in exact arithmetic is not kept by accident.
const pcaRetainTol = 1e-9

// PCA computes weights from principal components of the standardised data
// (the correlation matrix), following the OECD/JRC Handbook on Constructing
// Composite Indicators (2008, section 6.1 and its TAI example). The columns
// are already oriented so that higher is better (see the package doc);
// constant columns are left out and get weight 0. With k non-constant
// columns:
//
//  1. R = correlation matrix of the k columns (Pearson); its eigenvalues
//     lambda_1 >= ... >= lambda_k (sum k) and unit eigenvectors v_c.
//  2. Retain the q components with lambda_c > 1; when none has, retain
//     the first (q = 1).
//  3. Loadings L_jc = v_jc sqrt(lambda_c), c = 1..q. When q >= 2, rotate L
//     by normalised (Kaiser) varimax: rows are divided by their
//     communality sqrt(sum_c L_jc^2), rotated by the orthogonal matrix that
//     maximises the varimax criterion (found iteratively as in R's
//     stats::varimax, to a relative tolerance of 1e-12), and multiplied
//     back. When q = 1 there is nothing to rotate.
//  4. Explained variance of each retained component after rotation,
//     V_c = sum_j L_jc^2, and squared loadings scaled to unity sum per
//     component, s_jc = L_jc^2 / V_c.
//  5. Each column j is assigned to the component a(j) where s_jc is
//     largest (ties: the first such component).
//  6. u_j = s_j,a(j) * V_a(j) / sum_c V_c, and w = u / sum u.
//
// Since s_jc V_c / sum V = L_jc^2 / sum V, step 6 is the same as
// w_j proportional to L_j,a(j)^2, the squared rotated loading on the
// assigned component; the scaling by V_c matters only for the assignment.
//
// The Handbook's TAI example also keeps components that pass cumulative
// variance thresholds; eqindex uses the eigenvalue > 1 (Kaiser) rule
// alone. An eigenvalue must exceed 1 + 1e-9, so one that is exactly 1 in
// exact arithmetic is not retained through rounding.
//
// With one retained component the rule reduces to w_j = L_j1^2 / lambda_1
// = v_j1^2 (the squared first eigenvector), which already sums to 1.
//
// The weights measure how much of the data's correlation structure each
// column carries, not importance: a column uncorrelated with the others
// loads on no retained component and gets a weight near 0 (two perfectly
// correlated columns plus an independent one give 0.5, 0.5, 0). A
// component onto which no column is assigned contributes nothing.
// Positive affine changes of a column, and permutations of the columns
// (which permute W), leave the weights unchanged.
//
// Special cases: if every column is constant (always so when m < 2), W is
// equal and Fallback is set; if one column is non-constant it gets weight
// 1. Fewer units than columns is allowed (the correlation matrix is then
// singular, which only adds zero eigenvalues). An error is returned only
// if an eigen or singular value decomposition fails.
//
// PCA panics if cols is empty, the columns differ in length, or a value
// is NaN or infinite.
func PCA(cols [][]float64) (PCAResult, error) {
	n, m := checkCols("PCA", cols)
	res := PCAResult{
		W:        make([]float64, n),
		Loadings: make([][]float64, n),
		Assigned: make([]int, n),
		Constant: make([]bool, n),
	}
	// Centre the non-constant columns and scale them to unit length.
	var idx []int
	var zs [][]float64
	for j, x := range cols {
		res.Assigned[j] = -1
		lo, hi := minMax(x)
		if lo == hi {
			res.Constant[j] = true
			continue
		}
		var mean float64
		for _, v := range x {
			mean += v
		}
		mean /= float64(m)
		z := make([]float64, m)
		var ss float64
		for i, v := range x {
			z[i] = v - mean
			ss += z[i] * z[i]
		}
		norm := math.Sqrt(ss)
		for i := range z {
			z[i] /= norm
		}
		idx = append(idx, j)
		zs = append(zs, z)
	}
	k := len(idx)
	if k == 0 {
		res.W = Equal(n)
		res.Fallback = true
		for j := range res.Loadings {
			res.Loadings[j] = []float64{}
		}
		return res, nil
	}

	corr := mat.NewSymDense(k, nil)
	for a := range k {
		corr.SetSym(a, a, 1)
		for b := a + 1; b < k; b++ {
			var s float64
			for i, v := range zs[a] {
				s += v * zs[b][i]
			}
			corr.SetSym(a, b, math.Max(-1, math.Min(1, s)))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(corr, true) {
		return PCAResult{}, errors.New("weights: PCA: eigen decomposition of the correlation matrix failed")
	}
	asc := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)

	// Decreasing order.
	res.Eigenvalues = make([]float64, k)
	res.ExplainedShare = make([]float64, k)
	for c := range k {
		lam := math.Max(0, asc[k-1-c])
		res.Eigenvalues[c] = lam
		res.ExplainedShare[c] = lam / float64(k)
		if lam > 1+pcaRetainTol {
			res.Retained++
		}
	}
	q := max(res.Retained, 1)
	res.Retained = q

	load := mat.NewDense(k, q, nil)
	for c := range q {
		col := k - 1 - c
		sl := math.Sqrt(res.Eigenvalues[c])
		for a := range k {
			load.Set(a, c, vecs.At(a, col)*sl)
		}
	}
	if q >= 2 {
		var err error
		if load, err = varimax(load); err != nil {
			return PCAResult{}, err
		}
		res.Rotated = true
	}

	// Signs: each component's loadings sum to >= 0.
	for c := range q {
		var s float64
		for a := range k {
			s += load.At(a, c)
		}
		if s < 0 {
			for a := range k {
				load.Set(a, c, -load.At(a, c))
			}
		}
	}

	res.Variance = make([]float64, q)
	var totalV float64
	for c := range q {
		for a := range k {
			l := load.At(a, c)
			res.Variance[c] += l * l
		}
		totalV += res.Variance[c]
	}
	for j := range res.Loadings {
		res.Loadings[j] = make([]float64, q)
	}
	u := make([]float64, k)
	var sumU float64
	for a, j := range idx {
		best, bestS := 0, -1.0
		for c := range q {
			l := load.At(a, c)
			res.Loadings[j][c] = l
			var s float64
			if res.Variance[c] > 0 {
				s = l * l / res.Variance[c]
			}
			if s > bestS {
				best, bestS = c, s
			}
		}
		res.Assigned[j] = best
		u[a] = bestS * res.Variance[best] / totalV
		sumU += u[a]
	}
	if !(sumU > 0) {
		// Unreachable: the first component has variance lambda_1 >= 1 and
		// some column loads on it.
		return PCAResult{}, errors.New("weights: PCA: all scaled loadings are zero")
	}
	for a, j := range idx {
		res.W[j] = u[a] / sumU
	}
	return res, nil
}

// Varimax iteration limits: stop when the criterion improves by less than
// a relative varimaxEps, or after varimaxMaxIter iterations.
const (
	varimaxEps     = 1e-12
	varimaxMaxIter = 1000
)

// varimax returns the normalised (Kaiser) varimax rotation of the p x q
// loading matrix x, q >= 2. It is the algorithm of R's stats::varimax
// (normalize = TRUE) with a tighter tolerance: rows are scaled to unit
// length (rows of zeros are left alone), then repeatedly
//
//	Z = X T
//	B = Xᵀ (Z∘Z∘Z - Z diag(sum_i Z_ic^2) / p)
//	B = U S Vᵀ,  T = U Vᵀ,  d = sum S
//
// until d stops growing; the rotated rows are scaled back.
func varimax(x *mat.Dense) (*mat.Dense, error) {
	p, q := x.Dims()
	sc := make([]float64, p)
	xn := mat.NewDense(p, q, nil)
	for i := range p {
		var s float64
		for c := range q {
			s += x.At(i, c) * x.At(i, c)
		}
		sc[i] = math.Sqrt(s)
		for c := range q {
			if sc[i] > 0 {
				xn.Set(i, c, x.At(i, c)/sc[i])
			}
		}
	}
	t := mat.NewDense(q, q, nil)
	for c := range q {
		t.Set(c, c, 1)
	}
	z := mat.NewDense(p, q, nil)
	g := mat.NewDense(p, q, nil)
	var b, u, v mat.Dense
	var svd mat.SVD
	d := 0.0
	for range varimaxMaxIter {
		z.Mul(xn, t)
		for c := range q {
			var s2 float64
			for i := range p {
				s2 += z.At(i, c) * z.At(i, c)
			}
			for i := range p {
				zi := z.At(i, c)
				g.Set(i, c, zi*zi*zi-zi*s2/float64(p))
			}
		}
		b.Mul(xn.T(), g)
		if !svd.Factorize(&b, mat.SVDThin) {
			return nil, errors.New("weights: PCA: singular value decomposition in the varimax rotation failed")
		}
		svd.UTo(&u)
		svd.VTo(&v)
		t.Mul(&u, v.T())
		dPast := d
		d = 0
		for _, s := range svd.Values(nil) {
			d += s
		}
		if d < dPast*(1+varimaxEps) {
			break
		}
	}
	z.Mul(xn, t)
	for i := range p {
		for c := range q {
			z.Set(i, c, z.At(i, c)*sc[i])
		}
	}
	return z, nil
}
