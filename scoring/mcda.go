package scoring

import "math"

// Multi-criteria kernels (methods.md section 3): TOPSIS closeness,
// coupling coordination and obstacle degree.

// TOPSIS normalisations accepted by TOPSISCloseness.
const (
	TOPSISVector = "vector" // r_ij = x_ij / sqrt(sum_i x_ij^2)
	TOPSISMinMax = "minmax" // r_ij = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)
)

// TOPSISCloseness returns the TOPSIS relative closeness C_i of each unit.
// cols[j][i] is the value of criterion j for unit i; every column must be
// oriented higher-is-better by the caller (negate a lower-is-better column,
// or pass 1/x, or its min-max complement). w[j] >= 0 is the weight of
// criterion j (nil: all 1; multiplying every weight by a constant does not
// change C). With r the normalised values:
//
//	v_ij = w_j r_ij
//	A+_j = max_i v_ij,   A-_j = min_i v_ij
//	D+_i = sqrt(sum_j (v_ij - A+_j)^2),   D-_i = sqrt(sum_j (v_ij - A-_j)^2)
//	C_i  = D-_i / (D+_i + D-_i)
//
// norm is TOPSISVector ("vector": r_ij = x_ij / sqrt(sum_i x_ij^2)) or
// TOPSISMinMax ("minmax": r_ij = (x_ij - min) / (max - min)); the choice
// can change rankings, so record it. Negating a column changes the signs of
// its vector-normalised values but not their distances, so passing -x for a
// lower-is-better criterion gives the same C as the textbook rule that
// takes its ideal at the column minimum (methods.md: X1 = 2, 5, 3 higher,
// X2 = 8, 1, 6 lower, w = 0.6, 0.4 gives C = 0, 1, 0.3111391 either way).
//
// Special cases: a constant column never affects distances (min-max and a
// column of zeros normalise it to 0 for every unit; vector normalisation
// of another constant gives every unit the same value). A unit
// with D+ + D- = 0 sits at the ideal and the anti-ideal at once, which
// happens only when every weighted column is constant (all units tie, or
// there are no criteria): its closeness is 1. A NaN value makes its
// column's results NaN for every unit: drop missing data first. C is in
// [0, 1]. TOPSISCloseness panics if the columns differ in length, if w is
// non-nil and len(w) != len(cols), or if norm is not one of the two names.
func TOPSISCloseness(cols [][]float64, w []float64, norm string) []float64 {
	if norm != TOPSISVector && norm != TOPSISMinMax {
		panic(`scoring: TOPSISCloseness: norm must be "vector" or "minmax", got "` + norm + `"`)
	}
	if w != nil && len(w) != len(cols) {
		panic(ineqBadLength)
	}
	if len(cols) == 0 {
		return nil
	}
	n := len(cols[0])
	for _, c := range cols {
		if len(c) != n {
			panic(ineqBadLength)
		}
	}
	dPlus := make([]float64, n)
	dMinus := make([]float64, n)
	v := make([]float64, n)
	for j, c := range cols {
		wj := 1.0
		if w != nil {
			wj = w[j]
		}
		topsisNormalise(v, c, norm)
		hi, lo := math.Inf(-1), math.Inf(1)
		for i := range v {
			v[i] *= wj
			hi = math.Max(hi, v[i])
			lo = math.Min(lo, v[i])
		}
		for i, vi := range v {
			dPlus[i] += (vi - hi) * (vi - hi)
			dMinus[i] += (vi - lo) * (vi - lo)
		}
	}
	out := make([]float64, n)
	for i := range out {
		dp, dm := math.Sqrt(dPlus[i]), math.Sqrt(dMinus[i])
		if dp+dm == 0 {
			out[i] = 1
			continue
		}
		out[i] = dm / (dp + dm)
	}
	return out
}

// topsisNormalise writes the normalised column c into dst.
func topsisNormalise(dst, c []float64, norm string) {
	if norm == TOPSISVector {
		var ss float64
		for _, x := range c {
			ss += x * x
		}
		s := math.Sqrt(ss)
		for i, x := range c {
			if s == 0 {
				dst[i] = 0
			} else {
				dst[i] = x / s
			}
		}
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range c {
		if math.IsNaN(x) {
			lo, hi = math.NaN(), math.NaN()
			break
		}
		lo = math.Min(lo, x)
		hi = math.Max(hi, x)
	}
	for i, x := range c {
		if hi == lo {
			dst[i] = 0
		} else {
			dst[i] = (x - lo) / (hi - lo)
		}
	}
}

// CouplingCoordination returns the coupling degree C, the comprehensive
// development index T and the coupling coordination degree D (耦合协调度)
// of p subsystem scores u in [0, 1] with weights a (nil: all 1/p; weights
// are used as given and should sum to 1):
//
//	C = p (prod_k u_k)^(1/p) / sum_k u_k
//	T = sum_k a_k u_k
//	D = sqrt(C T)
//
// (the standard form; C = (prod u)^(1/p) / mean(u) is in [0, 1]).
// Special cases: when every u_k is 0, C is NaN (0/0) and T = D = 0; with a
// negative or NaN u_k, or no scores, all three are NaN. Use
// CoordinationGrade for the band name of D. It panics if a is non-nil and
// len(a) != len(u).
func CouplingCoordination(u []float64, a []float64) (C, T, D float64) {
	if a != nil && len(a) != len(u) {
		panic(ineqBadLength)
	}
	p := len(u)
	if p == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	var sum, logProd float64
	zero := false
	for k, x := range u {
		if !(x >= 0) {
			return math.NaN(), math.NaN(), math.NaN()
		}
		ak := 1 / float64(p)
		if a != nil {
			ak = a[k]
		}
		T += ak * x
		sum += x
		if x == 0 {
			zero = true
		} else {
			logProd += math.Log(x)
		}
	}
	switch {
	case sum == 0:
		return math.NaN(), 0, 0
	case zero:
		C = 0
	default:
		C = float64(p) * math.Exp(logProd/float64(p)) / sum
	}
	return C, T, math.Sqrt(C * T)
}

var (
	coordinationZH = [10]string{
		"极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
		"勉强协调", "初级协调", "中级协调", "良好协调", "优质协调",
	}
	coordinationEN = [10]string{
		"extreme imbalance", "severe imbalance", "moderate imbalance",
		"mild imbalance", "on the verge of imbalance", "barely coordinated",
		"primary coordination", "intermediate coordination",
		"good coordination", "high-quality coordination",
	}
)

// CoordinationBand returns the band 0..9 of a coupling coordination degree
// d: band k holds k/10 <= d < (k+1)/10, and band 9 holds [0.9, 1] (and
// anything above 1). It returns -1 for NaN or negative d. Boundaries are
// compared with the float64 nearest to k/10, so d = 0.3 is in band 3.
func CoordinationBand(d float64) int {
	if !(d >= 0) {
		return -1
	}
	for k := 9; k > 0; k-- {
		if d >= float64(k)/10 {
			return k
		}
	}
	return 0
}

// CoordinationGrade returns the standard Chinese name of the band of d
// (see CoordinationBand):
//
//	[0, 0.1) 极度失调, [0.1, 0.2) 严重失调, [0.2, 0.3) 中度失调,
//	[0.3, 0.4) 轻度失调, [0.4, 0.5) 濒临失调, [0.5, 0.6) 勉强协调,
//	[0.6, 0.7) 初级协调, [0.7, 0.8) 中级协调, [0.8, 0.9) 良好协调,
//	[0.9, 1] 优质协调.
//
// It returns "" for NaN or negative d.
func CoordinationGrade(d float64) string {
	if k := CoordinationBand(d); k >= 0 {
		return coordinationZH[k]
	}
	return ""
}

// CoordinationGradeEN returns the English name of the band of d: extreme,
// severe, moderate and mild imbalance, on the verge of imbalance, barely
// coordinated, then primary, intermediate, good and high-quality
// coordination. It returns "" for NaN or negative d.
func CoordinationGradeEN(d float64) string {
	if k := CoordinationBand(d); k >= 0 {
		return coordinationEN[k]
	}
	return ""
}

// ObstacleDegree returns the obstacle degree (障碍度) of each of a unit's
// m indicators,
//
//	O_j = w_j (1 - z_j),
//
// where z_j in [0, 1] is the unit's normalised score on indicator j
// (score / 100) and w_j its effective weight in the index (nil: all 1/m;
// weights are used as given and normally sum to 1). The indicators with
// the largest O_j hold the unit back most. A NaN z_j gives a NaN O_j.
// It panics if w is non-nil and len(w) != len(z).
func ObstacleDegree(z []float64, w []float64) []float64 {
	if w != nil && len(w) != len(z) {
		panic(ineqBadLength)
	}
	out := make([]float64, len(z))
	for j, zj := range z {
		wj := 1 / float64(len(z))
		if w != nil {
			wj = w[j]
		}
		out[j] = wj * (1 - zj)
	}
	return out
}

// ObstacleShares returns the row-scaled obstacle degrees
//
//	O_j / sum_k O_k
//
// (ObstacleDegree scaled to sum to 1). A unit with every O_j = 0 (at the
// best end of every weighted indicator) has nothing holding it back: all
// its shares are 0. A NaN z_j makes every share NaN: drop missing
// indicators first. Panics as ObstacleDegree.
func ObstacleShares(z []float64, w []float64) []float64 {
	o := ObstacleDegree(z, w)
	var sum float64
	for _, v := range o {
		sum += v
	}
	if sum == 0 {
		for j := range o {
			o[j] = 0
		}
		return o
	}
	for j := range o {
		o[j] /= sum
	}
	return o
}
