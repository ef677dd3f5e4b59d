package weights

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// ConsistencyLimit is Saaty's threshold: a pairwise matrix is acceptably
// consistent when its consistency ratio CR is below 0.10.
const ConsistencyLimit = 0.10

// randomIndex is Saaty's random consistency index RI for n = 1..15.
// Sources agree up to n = 10 and differ slightly above it.
var randomIndex = [MaxAHP]float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}

// MaxAHP is the largest matrix order AHP accepts: the random index RI is
// tabulated for n = 1..15.
const MaxAHP = 15

// RandomIndex returns Saaty's random consistency index RI(n), the mean
// consistency index of random reciprocal matrices of order n:
//
//	n   1    2    3     4     5     6     7     8     9     10
//	RI  0    0    0.58  0.90  1.12  1.24  1.32  1.41  1.45  1.49
//	n   11    12    13    14    15
//	RI  1.51  1.48  1.56  1.57  1.59
//
// Values above n = 10 differ between sources; these are the ones in the
// eqindex methods reference. RandomIndex returns NaN for n < 1 or
// n > MaxAHP.
func RandomIndex(n int) float64 {
	if n < 1 || n > len(randomIndex) {
		return math.NaN()
	}
	return randomIndex[n-1]
}

// AHPResult holds AHP weights and consistency diagnostics.
type AHPResult struct {
	W          []float64 // principal right eigenvector, normalised to sum 1
	LambdaMax  float64   // principal eigenvalue lambda_max (>= n)
	CI         float64   // consistency index (lambda_max - n) / (n - 1); 0 for n = 1
	RI         float64   // random index RI(n)
	CR         float64   // consistency ratio CI / RI; 0 for n <= 2
	Acceptable bool      // CR < ConsistencyLimit
}

// reciprocalTol is the tolerance of the reciprocity check
// |a_ij a_ji - 1| <= reciprocalTol.
const reciprocalTol = 1e-9

// MatrixError reports a bad cell of a pairwise comparison matrix. Row and
// Col are 0-based, as in Go (a[Row][Col]).
type MatrixError struct {
	Row, Col int
	Value    float64
	Msg      string
}

// Error returns a message naming the cell, e.g. "weights: pairwise matrix
// cell a[1][2] = 0.5: not the reciprocal of a[2][1] = 3 (...)".
func (e *MatrixError) Error() string {
	return fmt.Sprintf("weights: pairwise matrix cell a[%d][%d] = %g: %s", e.Row, e.Col, e.Value, e.Msg)
}

// AHP computes analytic hierarchy process weights from the positive
// reciprocal pairwise comparison matrix a (Saaty's 1-9 scale; a[i][j] is
// how many times more important item i is than item j):
//
//	A w = lambda_max w   (principal right eigenvector, via gonum mat.Eigen)
//	w   = w / sum w
//	CI  = (lambda_max - n) / (n - 1)
//	CR  = CI / RI(n)
//
// CR < 0.10 (ConsistencyLimit) is acceptable; Acceptable reports it, and
// deciding what to do otherwise is left to the caller. On the mathmodels
// example (5x5) w = 0.26360349, 0.47583538, 0.05381460, 0.09806829,
// 0.10867824, lambda_max = 5.072084, CI = 0.0180211, CR = 0.01609027.
//
// Special cases: for n = 1, w = [1], lambda_max = 1 and CI = CR = 0. For
// n <= 2 every reciprocal matrix is consistent and CR = 0 (RI = 0).
//
// AHP returns an error if a is empty, not square, larger than MaxAHP, or
// not positive reciprocal: every cell must be finite and positive, the
// diagonal must be 1, and a[i][j] a[j][i] must equal 1 within 1e-9. Cell
// problems are *MatrixError values, all of them joined with errors.Join in
// row-major order. Build the matrix with PairwiseMatrix to get exact
// reciprocals. An error is also returned if the eigen decomposition fails.
func AHP(a [][]float64) (AHPResult, error) {
	n := len(a)
	if n == 0 {
		return AHPResult{}, errors.New("weights: AHP: empty pairwise matrix")
	}
	for i, row := range a {
		if len(row) != n {
			return AHPResult{}, fmt.Errorf("weights: AHP: pairwise matrix row %d has %d cells, want %d (a square matrix)", i, len(row), n)
		}
	}
	if n > MaxAHP {
		return AHPResult{}, fmt.Errorf("weights: AHP: %d items; the random index is tabulated only up to %d (split the group)", n, MaxAHP)
	}
	if err := checkReciprocal(a); err != nil {
		return AHPResult{}, err
	}
	res := AHPResult{RI: RandomIndex(n)}
	if n == 1 {
		res.W, res.LambdaMax, res.Acceptable = []float64{1}, 1, true
		return res, nil
	}
	m := mat.NewDense(n, n, nil)
	for i, row := range a {
		m.SetRow(i, row)
	}
	var eig mat.Eigen
	if !eig.Factorize(m, mat.EigenRight) {
		return AHPResult{}, errors.New("weights: AHP: eigen decomposition of the pairwise matrix failed")
	}
	vals := eig.Values(nil)
	// The Perron root of a positive matrix is real and has the largest
	// real part of all eigenvalues.
	best := 0
	for k, v := range vals {
		if real(v) > real(vals[best]) {
			best = k
		}
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	w := make([]float64, n)
	var s float64
	for i := range n {
		w[i] = real(vecs.At(i, best))
		s += w[i]
	}
	for i := range w {
		w[i] /= s // also fixes the sign
		if !(w[i] > 0) || math.Abs(imag(vals[best])) > 1e-9 {
			return AHPResult{}, errors.New("weights: AHP: the principal eigenvector is not positive (numerical failure)")
		}
	}
	res.W = w
	res.LambdaMax = real(vals[best])
	res.CI = (res.LambdaMax - float64(n)) / float64(n-1)
	if n > 2 {
		res.CR = res.CI / res.RI
	}
	res.Acceptable = res.CR < ConsistencyLimit
	return res, nil
}

func checkReciprocal(a [][]float64) error {
	var errs []error
	bad := func(i, j int, format string, args ...any) {
		errs = append(errs, &MatrixError{Row: i, Col: j, Value: a[i][j], Msg: fmt.Sprintf(format, args...)})
	}
	for i, row := range a {
		for j, v := range row {
			switch {
			case !(v > 0) || math.IsInf(v, 0):
				bad(i, j, "want a finite positive number")
			case i == j && v != 1:
				bad(i, j, "want 1 on the diagonal")
			case j > i && a[j][i] > 0 && !math.IsInf(a[j][i], 0) && math.Abs(v*a[j][i]-1) > reciprocalTol:
				bad(i, j, "not the reciprocal of a[%d][%d] = %g (want a[i][j] * a[j][i] = 1)", j, i, a[j][i])
			}
		}
	}
	return errors.Join(errs...)
}

// Sentinel errors wrapped by PairError; test with errors.Is.
var (
	ErrMissingPair     = errors.New("pair has no judgement")
	ErrDuplicatePair   = errors.New("pair judged twice")
	ErrUnknownID       = errors.New("unknown id")
	ErrSelfPair        = errors.New("item compared with itself")
	ErrJudgementRange  = errors.New("judgement outside [1/9, 9]")
	ErrJudgementNumber = errors.New("judgement is not a finite positive number")
)

// PairError reports a problem with the pairwise judgement of A over B, as
// written in the judgements (A: {B: Value}). For ErrMissingPair and
// ErrDuplicatePair, A comes before B in the ids.
type PairError struct {
	A, B  string
	Value float64  // the judgement, if any
	Err   error    // one of the Err* sentinels
	Known []string // for ErrUnknownID: the ids that are allowed
}

// Error returns a message naming the pair as written in the judgements,
// e.g. "weights: pairwise: a: {b: 12}: judgement outside [1/9, 9]".
func (e *PairError) Error() string {
	switch e.Err {
	case ErrMissingPair:
		return fmt.Sprintf("weights: pairwise: no judgement for the pair %s, %s (want %s: {%s: v} or %s: {%s: v})", e.A, e.B, e.A, e.B, e.B, e.A)
	case ErrDuplicatePair:
		return fmt.Sprintf("weights: pairwise: the pair %s, %s is judged twice (%s: {%s: ...} and %s: {%s: ...}); give each unordered pair once", e.A, e.B, e.A, e.B, e.B, e.A)
	case ErrUnknownID:
		return fmt.Sprintf("weights: pairwise: %s: {%s: %g}: unknown id (want one of %s)", e.A, e.B, e.Value, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("weights: pairwise: %s: {%s: %g}: %v", e.A, e.B, e.Value, e.Err)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *PairError) Unwrap() error { return e.Err }

// Judgements at most judgementMax and at least 1/judgementMax are accepted.
// The slack above 9 lets rounded reciprocals such as 0.11 or 0.111 stand
// for 1/9.
const judgementMax = 9.1

// PairwiseMatrix builds the positive reciprocal matrix for AHP from
// judgements keyed by id. judgements[a][b] = v means item a is v times as
// important as item b (Saaty scale 1..9, or a reciprocal such as 1/3 when
// b is the more important); the matrix gets A[a][b] = v, A[b][a] = 1/v
// and 1 on the diagonal. Row and column i of the result belong to ids[i].
//
// Each unordered pair of ids must be judged exactly once, in either
// direction. It is an error (a *PairError wrapping the sentinel named) if
// a pair is missing (ErrMissingPair), judged in both directions even when
// consistently (ErrDuplicatePair), an id is not in ids (ErrUnknownID), an
// id is compared with itself (ErrSelfPair), a value is not a finite
// positive number (ErrJudgementNumber), or outside [1/9, 9]
// (ErrJudgementRange; the check is 1/9.1 <= v <= 9.1 so that rounded
// reciprocals such as 0.11 or 0.111 are accepted). All problems are
// returned, joined with errors.Join: first those found in the judgements
// (outer keys in ids order then unknown keys sorted, inner keys likewise),
// then missing and duplicate pairs in ids order.
//
// PairwiseMatrix panics if ids contains a duplicate (the caller's ids are
// a group's children and are unique).
func PairwiseMatrix(ids []string, judgements map[string]map[string]float64) ([][]float64, error) {
	n := len(ids)
	pos := make(map[string]int, n)
	for i, id := range ids {
		if _, dup := pos[id]; dup {
			panic(fmt.Sprintf("weights: PairwiseMatrix: duplicate id %q", id))
		}
		pos[id] = i
	}
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		a[i][i] = 1
	}
	var errs []error
	judged := make([][]bool, n) // judged[i][j]: ids[i]: {ids[j]: v} present and valid
	for i := range judged {
		judged[i] = make([]bool, n)
	}
	for _, x := range orderedKeys(judgements, pos) {
		for _, y := range orderedKeys(judgements[x], pos) {
			v := judgements[x][y]
			i, okx := pos[x]
			j, oky := pos[y]
			var err error
			switch {
			case !okx || !oky:
				err = ErrUnknownID
			case i == j:
				err = ErrSelfPair
			case !(v > 0) || math.IsInf(v, 0):
				err = ErrJudgementNumber
			case v > judgementMax || v < 1/judgementMax:
				err = ErrJudgementRange
			}
			if err != nil {
				pe := &PairError{A: x, B: y, Value: v, Err: err}
				if err == ErrUnknownID {
					pe.Known = ids
				}
				errs = append(errs, pe)
				// A bad value still counts as a judgement of the pair,
				// so the pair is not also reported missing.
				if okx && oky && i != j {
					judged[i][j] = true
				}
				continue
			}
			judged[i][j] = true
			a[i][j] = v
			a[j][i] = 1 / v
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			switch {
			case judged[i][j] && judged[j][i]:
				errs = append(errs, &PairError{A: ids[i], B: ids[j], Err: ErrDuplicatePair})
			case !judged[i][j] && !judged[j][i]:
				errs = append(errs, &PairError{A: ids[i], B: ids[j], Err: ErrMissingPair})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return a, nil
}

// orderedKeys returns the keys of m: those in pos in pos order, then the
// others sorted.
func orderedKeys[V any](m map[string]V, pos map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int {
		px, okx := pos[x]
		py, oky := pos[y]
		switch {
		case okx && oky:
			return px - py
		case okx:
			return -1
		case oky:
			return 1
		}
		return strings.Compare(x, y)
	})
	return keys
}
