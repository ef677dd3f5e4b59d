package scoring

import (
	"math"
	"testing"
)

func TestTOPSISMethodsVector(t *testing.T) {
	// methods.md: vector norm, w = 0.6, 0.4, X1 = 2, 5, 3 (higher better),
	// X2 = 8, 1, 6 (lower better): C = 0, 1, 0.3111391. With the
	// higher-is-better convention X2 is passed negated; vector normalisation
	// flips the signs and the ideal becomes -min, so distances are unchanged.
	x1 := []float64{2, 5, 3}
	negX2 := []float64{-8, -1, -6}
	c := TOPSISCloseness([][]float64{x1, negX2}, []float64{0.6, 0.4}, TOPSISVector)
	want := []float64{0, 1, 0.3111391}
	for i := range want {
		ineqCheck(t, "vector C", c[i], want[i], 5e-8)
	}
	// Scaling all weights changes nothing.
	c2 := TOPSISCloseness([][]float64{x1, negX2}, []float64{6, 4}, TOPSISVector)
	for i := range c {
		ineqCheck(t, "scaled weights", c2[i], c[i], 1e-15)
	}
}

func TestTOPSISMinMaxByHand(t *testing.T) {
	// X1 = 2, 5, 3 -> r = 0, 1, 1/3; -X2 = -8, -1, -6 -> r = 0, 1, 2/7.
	// v = (0, 0), (0.6, 0.4), (0.2, 4/35); ideal (0.6, 0.4), anti (0, 0).
	// Unit 3: D+^2 = 0.4^2 + (0.4 - 4/35)^2 = 4/25 + 4/49,
	// D-^2 = 0.2^2 + (4/35)^2 = 1/25 + 16/1225.
	dp := math.Sqrt(4.0/25 + 4.0/49)
	dm := math.Sqrt(1.0/25 + 16.0/1225)
	c := TOPSISCloseness([][]float64{{2, 5, 3}, {-8, -1, -6}}, []float64{0.6, 0.4}, TOPSISMinMax)
	want := []float64{0, 1, dm / (dp + dm)}
	for i := range want {
		ineqCheck(t, "minmax C", c[i], want[i], 1e-15)
	}
}

func TestTOPSISSpecial(t *testing.T) {
	// All units tie: D+ = D- = 0, closeness 1 for every unit.
	for _, norm := range []string{TOPSISVector, TOPSISMinMax} {
		c := TOPSISCloseness([][]float64{{3, 3}, {0, 0}}, nil, norm)
		if c[0] != 1 || c[1] != 1 {
			t.Errorf("%s: tied units C = %v, want 1, 1", norm, c)
		}
		// A constant column does not change the result.
		a := TOPSISCloseness([][]float64{{1, 4, 2}}, nil, norm)
		b := TOPSISCloseness([][]float64{{1, 4, 2}, {7, 7, 7}}, nil, norm)
		for i := range a {
			ineqCheck(t, norm+" constant column", b[i], a[i], 1e-15)
			if b[i] < 0 || b[i] > 1 {
				t.Errorf("C %g outside [0, 1]", b[i])
			}
		}
	}
	// One criterion, min-max: C = r (D+ = 1 - r, D- = r).
	c := TOPSISCloseness([][]float64{{10, 20, 15}}, nil, TOPSISMinMax)
	for i, want := range []float64{0, 1, 0.5} {
		ineqCheck(t, "one criterion", c[i], want, 1e-15)
	}
	for name, f := range map[string]func(){
		"norm":    func() { TOPSISCloseness([][]float64{{1}}, nil, "zscore") },
		"ragged":  func() { TOPSISCloseness([][]float64{{1, 2}, {1}}, nil, TOPSISVector) },
		"weights": func() { TOPSISCloseness([][]float64{{1, 2}}, []float64{1, 1}, TOPSISVector) },
	} {
		if !ineqPanics(f) {
			t.Errorf("TOPSISCloseness %s: no panic", name)
		}
	}
}

func TestCouplingCoordination(t *testing.T) {
	// methods.md row A, equal weights, standard form.
	C, T, D := CouplingCoordination([]float64{0.0162, 0.2720, 0.2655}, nil)
	ineqCheck(t, "C", C, 0.5709037283259413, 1e-14)
	ineqCheck(t, "T", T, 0.18456666666666666, 1e-14)
	ineqCheck(t, "D", D, 0.324607144290897, 1e-14)
	if g := CoordinationGrade(D); g != "轻度失调" {
		t.Errorf("grade of %g = %s, want 轻度失调", D, g)
	}
	// Equal scores: C = 1; u = 0.5, 0.5 with a = 0.3, 0.7: T = 0.5,
	// D = sqrt(0.5).
	C, T, D = CouplingCoordination([]float64{0.5, 0.5}, []float64{0.3, 0.7})
	ineqCheck(t, "C equal", C, 1, 1e-15)
	ineqCheck(t, "T equal", T, 0.5, 1e-15)
	ineqCheck(t, "D equal", D, math.Sqrt(0.5), 1e-15)
	// u = 0.2, 0.8: C = 2 sqrt(0.16) / 1 = 0.8, T = 0.5, D = sqrt(0.4).
	C, _, D = CouplingCoordination([]float64{0.2, 0.8}, nil)
	ineqCheck(t, "C 0.2, 0.8", C, 0.8, 1e-15)
	ineqCheck(t, "D 0.2, 0.8", D, math.Sqrt(0.4), 1e-15)
	// A zero score: C = 0, D = 0.
	C, T, D = CouplingCoordination([]float64{0, 0.8}, nil)
	if C != 0 || D != 0 || T != 0.4 {
		t.Errorf("zero score: %g, %g, %g, want 0, 0.4, 0", C, T, D)
	}
	// All zero: C undefined, T = D = 0.
	C, T, D = CouplingCoordination([]float64{0, 0}, nil)
	if !math.IsNaN(C) || T != 0 || D != 0 {
		t.Errorf("all zero: %g, %g, %g, want NaN, 0, 0", C, T, D)
	}
	C, T, D = CouplingCoordination([]float64{-0.1, 0.5}, nil)
	if !math.IsNaN(C) || !math.IsNaN(T) || !math.IsNaN(D) {
		t.Errorf("negative: %g, %g, %g, want NaN", C, T, D)
	}
	if !ineqPanics(func() { CouplingCoordination([]float64{1, 2}, []float64{1}) }) {
		t.Error("no panic on length mismatch")
	}
}

func TestCoordinationGrade(t *testing.T) {
	cases := []struct {
		d    float64
		band int
		zh   string
		en   string
	}{
		{0, 0, "极度失调", "extreme imbalance"},
		{0.0999, 0, "极度失调", "extreme imbalance"},
		{0.1, 1, "严重失调", "severe imbalance"},
		{0.2, 2, "中度失调", "moderate imbalance"},
		{0.3, 3, "轻度失调", "mild imbalance"},
		{0.45, 4, "濒临失调", "on the verge of imbalance"},
		{0.5, 5, "勉强协调", "barely coordinated"},
		{0.6, 6, "初级协调", "primary coordination"},
		{0.7, 7, "中级协调", "intermediate coordination"},
		{0.8, 8, "良好协调", "good coordination"},
		{0.9, 9, "优质协调", "high-quality coordination"},
		{1, 9, "优质协调", "high-quality coordination"},
		{math.NaN(), -1, "", ""},
		{-0.1, -1, "", ""},
	}
	for _, c := range cases {
		if b, zh, en := CoordinationBand(c.d), CoordinationGrade(c.d), CoordinationGradeEN(c.d); b != c.band || zh != c.zh || en != c.en {
			t.Errorf("D = %g: %d %s %s, want %d %s %s", c.d, b, zh, en, c.band, c.zh, c.en)
		}
	}
}

func TestObstacleDegree(t *testing.T) {
	// methods.md row A, equal weights, unscaled: 0.328, 0.243, 0.245
	// (printed to 3 decimals); exactly (1 - z)/3.
	z := []float64{0.0162, 0.2720, 0.2655}
	o := ObstacleDegree(z, nil)
	for j, want := range []float64{0.328, 0.243, 0.245} {
		ineqCheck(t, "O", o[j], want, 5e-4)
		ineqCheck(t, "O exact", o[j], (1-z[j])/3, 1e-15)
	}
	// Shares: O / sum O; sum O = (3 - 0.5537)/3.
	s := ObstacleShares(z, nil)
	var sum float64
	for j := range s {
		ineqCheck(t, "share", s[j], (1-z[j])/(3-0.5537), 1e-14)
		sum += s[j]
	}
	ineqCheck(t, "shares sum", sum, 1, 1e-15)
	// Weights as given: w = 0.5, 0.25, 0.25, z = 0.2, 1, 0.6 ->
	// O = 0.4, 0, 0.1; shares 0.8, 0, 0.2.
	w := []float64{0.5, 0.25, 0.25}
	o = ObstacleDegree([]float64{0.2, 1, 0.6}, w)
	s = ObstacleShares([]float64{0.2, 1, 0.6}, w)
	for j, want := range []float64{0.4, 0, 0.1} {
		ineqCheck(t, "weighted O", o[j], want, 1e-15)
		ineqCheck(t, "weighted share", s[j], []float64{0.8, 0, 0.2}[j], 1e-15)
	}
	// A unit at the best end everywhere: all shares 0.
	for _, v := range ObstacleShares([]float64{1, 1}, nil) {
		if v != 0 {
			t.Errorf("all-best shares %v, want 0", v)
		}
	}
	if !ineqPanics(func() { ObstacleDegree([]float64{1, 2}, []float64{1}) }) {
		t.Error("no panic on length mismatch")
	}
}
