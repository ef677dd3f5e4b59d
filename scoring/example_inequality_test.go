package scoring_test

import (
	"fmt"

	"github.com/eqindex/eqindex/scoring"
)

func ExampleGini() {
	// Per-capita values of five units (mathmodels test vector), unweighted
	// and weighted by population.
	x := []float64{10, 20, 30, 40, 100}
	fmt.Printf("Gini: %.6f\n", scoring.Gini(x, nil))

	// Totals 10, 20, 30, 40, 100 for populations 100..300: pass per-capita
	// values and the populations as weights.
	pop := []float64{100, 150, 200, 250, 300}
	pc := make([]float64, len(x))
	for i := range x {
		pc[i] = x[i] / pop[i]
	}
	fmt.Printf("population-weighted Gini: %.6f\n", scoring.Gini(pc, pop))
	fmt.Println("x unchanged:", x)
	// Output:
	// Gini: 0.400000
	// population-weighted Gini: 0.225000
	// x unchanged: [10 20 30 40 100]
}

func ExampleTheilTDecompose() {
	// County x {urban, rural} cells (methods.md urban-rural toy): value per
	// capita and population of each cell.
	x := []float64{12, 6, 10, 7, 9, 3}
	pop := []float64{40, 60, 30, 50, 20, 80}
	area := []string{"urban", "rural", "urban", "rural", "urban", "rural"}

	// By hand, rural: mean (360+350+240)/190 = 5, r = 1.2, 1.4, 0.6,
	// T_rural = (60*1.2 ln 1.2 + 50*1.4 ln 1.4 + 80*0.6 ln 0.6)/190.
	d := scoring.TheilTDecompose(x, pop, area)
	fmt.Printf("Theil T %.6f = within %.6f + between %.6f (urban-rural gap %.1f%%)\n",
		d.Total, d.Within, d.Between, 100*d.BetweenShare)
	for _, g := range d.Groups {
		fmt.Printf("%-5s pop share %.6f  mean %.6f  T_k %.6f\n", g.Name, g.PopShare, g.Mean, g.Index)
	}
	// Output:
	// Theil T 0.105481 = within 0.035286 + between 0.070195 (urban-rural gap 66.5%)
	// rural pop share 0.678571  mean 5.000000  T_k 0.064003
	// urban pop share 0.321429  mean 10.666667  T_k 0.006867
}

func ExampleDescribe() {
	// mean 4/3; Gini: pairs 1 + 3 + 2, twice, over 2 * 3^2 * 4/3 = 12/24;
	// Theil T = [0.75 ln 0.75 + 2.25 ln 2.25] / 3.
	x := []float64{0, 1, 3}
	st := scoring.Describe(x, nil)
	fmt.Printf("mean %.6f, Gini %.6f, Theil T %.6f, Theil L %.6f\n", st.Mean, st.Gini, st.TheilT, st.TheilL)
	fmt.Println(st.Notes)
	// Output:
	// mean 1.333333, Gini 0.500000, Theil T 0.536277, Theil L NaN
	// [Theil L not defined: a value is 0 (so are Atkinson(1), Atkinson(2) and the max/min ratio)]
}

func ExampleCouplingCoordination() {
	C, T, D := scoring.CouplingCoordination([]float64{0.0162, 0.2720, 0.2655}, nil)
	fmt.Printf("C %.6f, T %.6f, D %.6f: %s\n", C, T, D, scoring.CoordinationGrade(D))
	// Output:
	// C 0.570904, T 0.184567, D 0.324607: 轻度失调
}
