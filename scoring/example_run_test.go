package scoring_test

import (
	"fmt"
	"math"

	"github.com/eqindex/eqindex/scoring"
)

// Score three counties on two indicators: doctors per 1000 (higher is
// better) and infant mortality (lower is better), equally weighted, each
// normalised by min-max over the counties.
func ExampleRun() {
	ind := func(id string, dir scoring.Direction) *scoring.Node {
		return &scoring.Node{ID: id, Name: id, Weight: 1, Direction: dir, Normalisation: scoring.MinMax, Transform: "none"}
	}
	fw := &scoring.Framework{
		Name: "example",
		Root: &scoring.Node{ID: "index", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic,
			Children: []*scoring.Node{ind("doctors", scoring.Higher), ind("infant", scoring.Lower)}},
		Missing: scoring.MissingAvailable, MinCoverage: 0.5, Benchmark: scoring.BenchmarkMean,
		Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules(),
	}
	nan := math.NaN()
	ds := &scoring.Dataset{
		Unit:       []string{"甲县", "乙县", "丙县"},
		Code:       []string{"", "", ""},
		Group:      []string{"", "", ""},
		Year:       []int{0, 0, 0},
		Population: []float64{30, 50, 20},
		PopUrban:   []float64{nan, nan, nan},
		PopRural:   []float64{nan, nan, nan},
		Indicators: []string{"doctors", "infant"},
		Values:     [][]float64{{2.0, 3.0, 1.5}, {6, 5, 9}},
	}
	res, err := scoring.Run(fw, ds, scoring.Options{IndexOnly: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, u := range res.Unit {
		fmt.Printf("%s index %.2f rank %d\n", u, res.Index()[i], res.Rank[i])
	}
	// 甲县: doctors (2 - 1.5)/(3 - 1.5) = 33.3, infant (9 - 6)/(9 - 5) = 75,
	// index (33.3 + 75)/2 = 54.17.

	// Output:
	// 甲县 index 54.17 rank 2
	// 乙县 index 100.00 rank 1
	// 丙县 index 0.00 rank 3
}
