package weights_test

import (
	"fmt"

	"github.com/eqindex/eqindex/weights"
)

func ExampleEntropy() {
	// mathmodels example: x1 higher is better, x2 lower is better, so x2
	// is passed negated.
	x1 := []float64{3, 5, 2, 7}
	x2 := []float64{10, 20, 15, 25}
	neg := make([]float64, len(x2))
	for i, v := range x2 {
		neg[i] = -v
	}
	r := weights.Entropy([][]float64{x1, neg}, true)
	for j := range r.W {
		fmt.Printf("x%d: e=%.6f d=%.6f w=%.6f\n", j+1, r.E[j], r.D[j], r.W[j])
	}
	fmt.Println("x2 unchanged:", x2)
	// Output:
	// x1: e=0.682180 d=0.317820 w=0.545262
	// x2: e=0.734944 d=0.265056 w=0.454738
	// x2 unchanged: [10 20 15 25]
}

func ExampleAHP() {
	ids := []string{"schools", "clinics", "pensions"}
	a, err := weights.PairwiseMatrix(ids, map[string]map[string]float64{
		"schools": {"clinics": 3, "pensions": 5},
		"clinics": {"pensions": 3},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := weights.AHP(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, id := range ids {
		fmt.Printf("%-8s %.6f\n", id, r.W[j])
	}
	fmt.Printf("lambda_max %.6f CI %.6f CR %.6f acceptable %v\n", r.LambdaMax, r.CI, r.CR, r.Acceptable)
	// Output:
	// schools  0.636986
	// clinics  0.258285
	// pensions 0.104729
	// lambda_max 3.038511 CI 0.019256 CR 0.033199 acceptable true
}

func ExamplePairwiseMatrix_error() {
	_, err := weights.PairwiseMatrix([]string{"a", "b", "c"}, map[string]map[string]float64{
		"a": {"b": 3},
		"b": {"a": 1.0 / 3, "c": 12},
	})
	fmt.Println(err)
	// Output:
	// weights: pairwise: b: {c: 12}: judgement outside [1/9, 9]
	// weights: pairwise: the pair a, b is judged twice (a: {b: ...} and b: {a: ...}); give each unordered pair once
	// weights: pairwise: no judgement for the pair a, c (want a: {c: v} or c: {a: v})
}

func ExampleCRITIC() {
	r := weights.CRITIC([][]float64{{3, 5, 2, 7}, {-10, -20, -15, -25}})
	fmt.Printf("w %.6f sd %.6f conflict %.6f\n", r.W, r.SD, r.Conflict)
	// Output:
	// w [0.507519 0.492481] sd [0.443471 0.430331] conflict [1.873334 1.873334]
}

func ExampleLinear() {
	ws := []float64{0.4, 0.3, 0.2, 0.1}   // e.g. AHP
	wo := []float64{0.25, 0.2, 0.3, 0.25} // e.g. entropy
	fmt.Printf("linear  %.6f\n", weights.Linear(ws, wo, 0.6))
	fmt.Printf("product %.6f\n", weights.Product(ws, wo))
	// Output:
	// linear  [0.340000 0.260000 0.240000 0.160000]
	// product [0.408163 0.244898 0.244898 0.102041]
}
