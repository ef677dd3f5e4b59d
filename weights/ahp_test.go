package weights_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/weights"
)

// mathmodels5 is the AHP example of the R package mathmodels.
var mathmodels5 = [][]float64{
	{1, 1. / 2, 4, 3, 3},
	{2, 1, 7, 5, 5},
	{1. / 4, 1. / 7, 1, 1. / 2, 1. / 3},
	{1. / 3, 1. / 5, 2, 1, 1},
	{1. / 3, 1. / 5, 3, 1, 1},
}

func TestAHPMathmodels(t *testing.T) {
	r, err := weights.AHP(mathmodels5)
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "W", r.W, []float64{0.26360349, 0.47583538, 0.05381460, 0.09806829, 0.10867824}, tol7)
	checkVec(t, "lambda, CI, CR, RI", []float64{r.LambdaMax, r.CI, r.CR, r.RI}, []float64{5.072084, 0.0180211, 0.01609027, 1.12}, tol7)
	if !r.Acceptable {
		t.Error("CR 0.016 not Acceptable")
	}
	checkSum1(t, "W", r.W)
}

func TestAHPSmall(t *testing.T) {
	// 2x2 [[1, 1/2], [2, 1]]: w = 1/3, 2/3, lambda = 2, CR = 0.
	r, err := weights.AHP([][]float64{{1, 0.5}, {2, 1}})
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "2x2 W", r.W, []float64{1. / 3, 2. / 3}, tolDER)
	checkVec(t, "2x2 lambda, CI, CR", []float64{r.LambdaMax, r.CI, r.CR}, []float64{2, 0, 0}, tolDER)

	r, err = weights.AHP([][]float64{{1}})
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "1x1 W", r.W, []float64{1}, 0)
	if r.LambdaMax != 1 || r.CI != 0 || r.CR != 0 || !r.Acceptable {
		t.Errorf("1x1: %+v", r)
	}

	// Textbook 3x3 [[1,3,5],[1/3,1,3],[1/5,1/3,1]]: w ~ 0.637, 0.258,
	// 0.105; CR ~ 0.033 (published to 3 decimals).
	r, err = weights.AHP([][]float64{{1, 3, 5}, {1. / 3, 1, 3}, {1. / 5, 1. / 3, 1}})
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "3x3 W", r.W, []float64{0.637, 0.258, 0.105}, 5e-4)
	checkVec(t, "3x3 CR", []float64{r.CR}, []float64{0.033}, 5e-4)
	// CR is CI / 0.58 and CI = (lambda - 3) / 2.
	checkVec(t, "3x3 CI", []float64{r.CI, r.CR}, []float64{(r.LambdaMax - 3) / 2, (r.LambdaMax - 3) / 2 / 0.58}, tolDER)
}

func TestAHPConsistent(t *testing.T) {
	// a_ij = w_i / w_j is perfectly consistent: the eigenvector is w,
	// lambda_max = n and CI = CR = 0.
	w := []float64{0.4, 0.1, 0.2, 0.25, 0.05}
	a := make([][]float64, len(w))
	for i := range a {
		a[i] = make([]float64, len(w))
		for j := range a[i] {
			a[i][j] = w[i] / w[j]
		}
	}
	r, err := weights.AHP(a)
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "W", r.W, w, tolDER)
	checkVec(t, "lambda, CI, CR", []float64{r.LambdaMax, r.CI, r.CR}, []float64{5, 0, 0}, 1e-10)
}

func TestAHPPermutation(t *testing.T) {
	base, err := weights.AHP(mathmodels5)
	if err != nil {
		t.Fatal(err)
	}
	perm := []int{3, 1, 4, 0, 2}
	a := make([][]float64, 5)
	for i := range a {
		a[i] = make([]float64, 5)
		for j := range a[i] {
			a[i][j] = mathmodels5[perm[i]][perm[j]]
		}
	}
	r, err := weights.AHP(a)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range perm {
		if !close(r.W[i], base.W[p], 1e-12) {
			t.Errorf("W[%d] = %g, want %g", i, r.W[i], base.W[p])
		}
	}
	checkVec(t, "lambda", []float64{r.LambdaMax}, []float64{base.LambdaMax}, 1e-12)
}

func TestAHPInconsistent(t *testing.T) {
	// a > b (9), b > c (9), c > a (9): a cycle, CR far above 0.10.
	r, err := weights.AHP([][]float64{{1, 9, 1. / 9}, {1. / 9, 1, 9}, {9, 1. / 9, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Acceptable || r.CR < 1 {
		t.Errorf("cyclic judgements: CR = %g, Acceptable = %v", r.CR, r.Acceptable)
	}
	// The cycle is symmetric, so the weights are equal.
	checkVec(t, "W", r.W, []float64{1. / 3, 1. / 3, 1. / 3}, 1e-12)
}

func TestAHPErrors(t *testing.T) {
	cases := []struct {
		name     string
		a        [][]float64
		row, col int // first MatrixError expected; -1 for other errors
		msg      string
	}{
		{"empty", nil, -1, -1, "empty"},
		{"ragged", [][]float64{{1, 2}, {0.5}}, -1, -1, "row 1 has 1 cells"},
		{"not reciprocal", [][]float64{{1, 2, 3}, {0.5, 1, 4}, {1. / 3, 0.5, 1}}, 1, 2, "a[2][1] = 0.5"},
		{"zero", [][]float64{{1, 0}, {2, 1}}, 0, 1, "positive"},
		{"negative", [][]float64{{1, -2}, {-0.5, 1}}, 0, 1, "positive"},
		{"NaN", [][]float64{{1, math.NaN()}, {2, 1}}, 0, 1, "positive"},
		{"diagonal", [][]float64{{2, 2}, {0.5, 1}}, 0, 0, "diagonal"},
		{"rounded reciprocal", [][]float64{{1, 3}, {0.333, 1}}, 0, 1, "reciprocal"},
	}
	for _, c := range cases {
		_, err := weights.AHP(c.a)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %q does not mention %q", c.name, err, c.msg)
		}
		var me *weights.MatrixError
		if c.row < 0 {
			if errors.As(err, &me) {
				t.Errorf("%s: unexpected MatrixError %v", c.name, err)
			}
			continue
		}
		if !errors.As(err, &me) || me.Row != c.row || me.Col != c.col {
			t.Errorf("%s: error %v, want a MatrixError at [%d][%d]", c.name, err, c.row, c.col)
		}
	}
	big := make([][]float64, 16)
	for i := range big {
		big[i] = make([]float64, 16)
		for j := range big[i] {
			big[i][j] = 1
		}
	}
	if _, err := weights.AHP(big); err == nil || !strings.Contains(err.Error(), "15") {
		t.Errorf("16x16: error %v, want a message about the RI table up to 15", err)
	}
	if _, err := weights.AHP(big[:15]); err == nil {
		t.Error("15 rows of 16 cells: no error")
	}
}

func TestRandomIndex(t *testing.T) {
	want := []float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}
	for n := 1; n <= 15; n++ {
		if got := weights.RandomIndex(n); got != want[n-1] {
			t.Errorf("RandomIndex(%d) = %g, want %g", n, got, want[n-1])
		}
	}
	for _, n := range []int{0, -1, 16} {
		if !math.IsNaN(weights.RandomIndex(n)) {
			t.Errorf("RandomIndex(%d) = %g, want NaN", n, weights.RandomIndex(n))
		}
	}
}

func TestPairwiseMatrix(t *testing.T) {
	// The mathmodels matrix written as judgements keyed by id, with the
	// pairs given in both directions and out of order.
	ids := []string{"edu", "health", "culture", "housing", "pension"}
	j := map[string]map[string]float64{
		"pension": {"culture": 3, "housing": 1},
		"edu":     {"health": 0.5, "culture": 4},
		"health":  {"culture": 7, "housing": 5, "pension": 5},
		"culture": {"housing": 0.5},
		"housing": {"edu": 1. / 3},
	}
	// "edu" vs "pension" is missing so far.
	_, err := weights.PairwiseMatrix(ids, j)
	var pe *weights.PairError
	if !errors.Is(err, weights.ErrMissingPair) || !errors.As(err, &pe) || pe.A != "edu" || pe.B != "pension" {
		t.Fatalf("missing pair: got %v", err)
	}
	if !strings.Contains(err.Error(), "edu, pension") {
		t.Errorf("message %q does not name the pair", err)
	}
	j["edu"]["pension"] = 3
	a, err := weights.PairwiseMatrix(ids, j)
	if err != nil {
		t.Fatal(err)
	}
	for r := range a {
		for c := range a[r] {
			if !close(a[r][c], mathmodels5[r][c], 1e-15) {
				t.Errorf("a[%d][%d] = %g, want %g", r, c, a[r][c], mathmodels5[r][c])
			}
		}
	}
	res, err := weights.AHP(a)
	if err != nil {
		t.Fatal(err)
	}
	checkVec(t, "W", res.W, []float64{0.26360349, 0.47583538, 0.05381460, 0.09806829, 0.10867824}, tol7)

	// Reordering the ids reorders the matrix: rows follow ids, not map
	// or position.
	ids2 := []string{"pension", "edu", "culture", "health", "housing"}
	a2, err := weights.PairwiseMatrix(ids2, j)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, id := range ids {
		idx[id] = i
	}
	for r, x := range ids2 {
		for c, y := range ids2 {
			if a2[r][c] != a[idx[x]][idx[y]] {
				t.Errorf("reordered a[%s][%s] = %g, want %g", x, y, a2[r][c], a[idx[x]][idx[y]])
			}
		}
	}

	// Rounded reciprocals of 1/9 are accepted.
	if _, err := weights.PairwiseMatrix([]string{"a", "b"}, map[string]map[string]float64{"a": {"b": 0.111}}); err != nil {
		t.Errorf("0.111: %v", err)
	}
	// A single item needs no judgement.
	if a, err := weights.PairwiseMatrix([]string{"a"}, nil); err != nil || len(a) != 1 || a[0][0] != 1 {
		t.Errorf("single item: %v, %v", a, err)
	}
	panics(t, "duplicate id", func() { weights.PairwiseMatrix([]string{"a", "a"}, nil) })
}

func TestPairwiseMatrixErrors(t *testing.T) {
	ids := []string{"a", "b", "c"}
	cases := []struct {
		name  string
		j     map[string]map[string]float64
		kind  error
		a, b  string
		inMsg string
	}{
		{"doubled", map[string]map[string]float64{"a": {"b": 3, "c": 1}, "b": {"a": 1. / 3, "c": 2}}, weights.ErrDuplicatePair, "a", "b", "judged twice"},
		{"unknown inner", map[string]map[string]float64{"a": {"b": 3, "c": 1, "x": 2}, "b": {"c": 2}}, weights.ErrUnknownID, "a", "x", "want one of a, b, c"},
		{"unknown outer", map[string]map[string]float64{"a": {"b": 3, "c": 1}, "b": {"c": 2}, "zz": {"a": 2}}, weights.ErrUnknownID, "zz", "a", "unknown id"},
		{"self", map[string]map[string]float64{"a": {"a": 1, "b": 3, "c": 1}, "b": {"c": 2}}, weights.ErrSelfPair, "a", "a", "itself"},
		{"too large", map[string]map[string]float64{"a": {"b": 12, "c": 1}, "b": {"c": 2}}, weights.ErrJudgementRange, "a", "b", "12"},
		{"too small", map[string]map[string]float64{"a": {"b": 3, "c": 1}, "b": {"c": 0.1}}, weights.ErrJudgementRange, "b", "c", "0.1"},
		{"zero", map[string]map[string]float64{"a": {"b": 0, "c": 1}, "b": {"c": 2}}, weights.ErrJudgementNumber, "a", "b", "positive"},
		{"missing", map[string]map[string]float64{"a": {"b": 3}, "b": {"c": 2}}, weights.ErrMissingPair, "a", "c", "a, c"},
	}
	for _, c := range cases {
		_, err := weights.PairwiseMatrix(ids, c.j)
		var pe *weights.PairError
		if !errors.Is(err, c.kind) || !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.kind)
			continue
		}
		if pe.A != c.a || pe.B != c.b {
			t.Errorf("%s: pair %s, %s; want %s, %s", c.name, pe.A, pe.B, c.a, c.b)
		}
		if !strings.Contains(err.Error(), c.inMsg) || !strings.Contains(err.Error(), c.a) {
			t.Errorf("%s: message %q lacks %q", c.name, err, c.inMsg)
		}
		// A bad judgement is reported once, not also as a missing pair.
		if c.kind != weights.ErrMissingPair && errors.Is(err, weights.ErrMissingPair) {
			t.Errorf("%s: also reported a missing pair: %v", c.name, err)
		}
	}

	// Every problem is reported, in a fixed order.
	j := map[string]map[string]float64{"b": {"b": 1, "q": 2}, "a": {"b": 20}}
	_, err := weights.PairwiseMatrix(ids, j)
	want := "weights: pairwise: a: {b: 20}: judgement outside [1/9, 9]\n" +
		"weights: pairwise: b: {b: 1}: item compared with itself\n" +
		"weights: pairwise: b: {q: 2}: unknown id (want one of a, b, c)\n" +
		"weights: pairwise: no judgement for the pair a, c (want a: {c: v} or c: {a: v})\n" +
		"weights: pairwise: no judgement for the pair b, c (want b: {c: v} or c: {b: v})"
	if err == nil || err.Error() != want {
		t.Errorf("all problems:\n got %v\nwant %s", err, want)
	}
}
