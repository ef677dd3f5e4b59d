package weights_test

import (
	"testing"

	"github.com/eqindex/eqindex/weights"
)

// benchCols is a province-sized problem: 2,850 units (roughly the number
// of county-level divisions in China) by 60 indicators, from a fixed seed.
func benchCols() [][]float64 { return randomCols(2024, 2850, 60) }

func BenchmarkEntropy(b *testing.B) {
	cols := benchCols()
	for b.Loop() {
		weights.Entropy(cols, false)
	}
}

func BenchmarkCRITIC(b *testing.B) {
	cols := benchCols()
	for b.Loop() {
		weights.CRITIC(cols)
	}
}

func BenchmarkPCA(b *testing.B) {
	cols := benchCols()
	for b.Loop() {
		if _, err := weights.PCA(cols); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAHP9(b *testing.B) {
	a := make([][]float64, 9)
	for i := range a {
		a[i] = make([]float64, 9)
		for j := range a[i] {
			a[i][j] = float64(j+1) / float64(i+1)
		}
	}
	for b.Loop() {
		if _, err := weights.AHP(a); err != nil {
			b.Fatal(err)
		}
	}
}
