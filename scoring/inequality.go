package scoring

import (
	"encoding/json"
	"math"
	"slices"
)

// Inequality measures (methods.md section 4).
//
// Every measure has the gonum shape Name(x, w []float64) float64: x holds one
// value per unit (a per-capita service level, never a total) and w the
// units' weights, normally resident population. A nil w means every weight
// is 1. Writing W = sum_i w_i, the population shares are f_i = w_i / W and
// the mean is mu = sum_i f_i x_i.
//
// Conventions shared by all measures:
//   - A unit with weight 0 is ignored entirely: its value is not inspected
//     and it is not counted.
//   - len(x) != len(w) (w non-nil) is a programmer error and panics with a
//     message starting "scoring: ".
//   - A measure that is not defined for the data returns NaN: no unit with
//     a positive weight, a negative, NaN or infinite weight, a NaN or
//     infinite value, a mean that is not positive, negative values (for
//     Gini, Theil, GE and Atkinson) or a zero value (for Theil L, GE(a<=0),
//     Atkinson(e>=1) and the max/min ratio). Describe reports which rule
//     applied, so the caller can turn it into a Warning.
//   - NaN never means "missing" here: drop missing units (or give them
//     weight 0) before calling.

const ineqBadLength = "scoring: slice length mismatch"

// ineqScan summarises x and w for the domain checks every measure makes.
type ineqScan struct {
	n        int     // units with a positive weight
	sumW     float64 // W
	mean     float64 // mu
	min, max float64 // over units with a positive weight
	badW     bool    // a weight is negative, NaN or infinite
	badX     bool    // a value (with positive weight) is NaN or infinite
}

func ineqScanData(x, w []float64) ineqScan {
	if w != nil && len(w) != len(x) {
		panic(ineqBadLength)
	}
	s := ineqScan{min: math.Inf(1), max: math.Inf(-1)}
	var sum float64
	for i, v := range x {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		if !(wi >= 0) || math.IsInf(wi, 1) {
			s.badW = true
			continue
		}
		if wi == 0 {
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.badX = true
			continue
		}
		s.n++
		s.sumW += wi
		sum += wi * v
		s.min = math.Min(s.min, v)
		s.max = math.Max(s.max, v)
	}
	switch {
	case s.n == 0:
		s.mean = math.NaN()
	case s.min == s.max:
		// Constant data: the mean is the value exactly, so every
		// inequality measure is exactly 0.
		s.mean = s.min
	default:
		s.mean = sum / s.sumW
	}
	return s
}

// usable reports whether the data admit any measure at all.
func (s ineqScan) usable() bool { return s.n > 0 && !s.badW && !s.badX }

// relative reports whether a measure needing x >= 0 and mu > 0 is defined.
func (s ineqScan) relative() bool { return s.usable() && s.min >= 0 && s.mean > 0 }

// positive reports whether a measure needing x > 0 is defined.
func (s ineqScan) positive() bool { return s.usable() && s.min > 0 }

// ineqWeight returns w[i], or 1 when w is nil.
func ineqWeight(w []float64, i int) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}

// Mean returns the weighted mean
//
//	mu = sum_i w_i x_i / sum_i w_i.
//
// Mean returns NaN when no unit has a positive weight, a weight is negative
// or not finite, or a value is not finite. When all values are equal the
// result is that value exactly.
func Mean(x, w []float64) float64 {
	s := ineqScanData(x, w)
	if !s.usable() {
		return math.NaN()
	}
	return s.mean
}

// CV returns the coefficient of variation in population form
//
//	CV = sqrt(sum_i f_i (x_i - mu)^2) / mu.
//
// Weighted by population it is Williamson's index (deviations are taken from
// the weighted mean, unlike R REAT's williamson() default). CV returns NaN
// when mu <= 0 or the data are unusable (see the package conventions).
// Negative values are allowed as long as mu > 0.
func CV(x, w []float64) float64 {
	return ineqScanData(x, w).cv(x, w)
}

func (s ineqScan) cv(x, w []float64) float64 {
	if !s.usable() || !(s.mean > 0) {
		return math.NaN()
	}
	if s.min == s.max {
		return 0
	}
	var ss float64
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 {
			continue
		}
		d := v - s.mean
		ss += wi * d * d
	}
	return math.Sqrt(ss/s.sumW) / s.mean
}

// ineqPair is one unit's value and weight.
type ineqPair struct{ x, w float64 }

// ineqSortedPairs returns the units with a positive weight as (value, weight)
// pairs sorted by value.
func ineqSortedPairs(x, w []float64) []ineqPair {
	p := make([]ineqPair, 0, len(x))
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 {
			continue
		}
		p = append(p, ineqPair{v, wi})
	}
	// Values are finite here (the scan rejected NaN), so a plain
	// comparison orders them.
	slices.SortFunc(p, func(a, b ineqPair) int {
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	return p
}

// Gini returns the Gini coefficient
//
//	G = sum_i sum_j f_i f_j |x_i - x_j| / (2 mu).
//
// It is computed in O(n log n) from the values sorted ascending, with F_i
// the population share of the units before unit i in that order:
//
//	G = sum_i f_i x_i (2 F_i + f_i - 1) / mu,
//
// which equals the pairwise form exactly in exact arithmetic (ties may be
// in any order). Sort by the per-capita value: pass per-capita values, not
// totals, with population as the weights.
//
// Gini returns NaN when a value is negative, mu <= 0 or the data are
// unusable (see the package conventions). Constant data give exactly 0.
func Gini(x, w []float64) float64 {
	return ineqScanData(x, w).gini(x, w)
}

func (s ineqScan) gini(x, w []float64) float64 {
	if !s.relative() {
		return math.NaN()
	}
	if s.min == s.max {
		return 0
	}
	p := ineqSortedPairs(x, w)
	var g, cum float64 // cum: weight before the current unit
	for _, u := range p {
		f := u.w / s.sumW
		g += f * u.x * (2*cum + f - 1)
		cum += f
	}
	return g / s.mean
}

// TheilT returns Theil's T index, GE(1):
//
//	T = sum_i f_i (x_i/mu) ln(x_i/mu),
//
// with 0 ln 0 = 0, so zero values are allowed. TheilT returns NaN when a
// value is negative, mu <= 0 or the data are unusable. Constant data give
// exactly 0.
func TheilT(x, w []float64) float64 {
	return ineqScanData(x, w).theilT(x, w)
}

func (s ineqScan) theilT(x, w []float64) float64 {
	if !s.relative() {
		return math.NaN()
	}
	if s.min == s.max {
		return 0
	}
	var t float64
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 || v == 0 {
			continue
		}
		r := v / s.mean
		t += wi * r * math.Log(r)
	}
	return t / s.sumW
}

// TheilL returns Theil's L index (mean log deviation, MLD), GE(0):
//
//	L = sum_i f_i ln(mu/x_i).
//
// It needs every value to be positive: TheilL returns NaN when a value is
// 0 or negative, or the data are unusable. Constant data give exactly 0.
func TheilL(x, w []float64) float64 {
	return ineqScanData(x, w).theilL(x, w)
}

func (s ineqScan) theilL(x, w []float64) float64 {
	if !s.positive() {
		return math.NaN()
	}
	if s.min == s.max {
		return 0
	}
	var l float64
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 {
			continue
		}
		l += wi * math.Log(s.mean/v)
	}
	return l / s.sumW
}

// GE returns the generalised entropy index of order a:
//
//	GE(a) = [sum_i f_i (x_i/mu)^a - 1] / (a (a - 1)),   a != 0, 1,
//	GE(1) = TheilT(x, w),
//	GE(0) = TheilL(x, w).
//
// For a > 0 zero values are allowed (0^a = 0); for a <= 0 every value must
// be positive. GE returns NaN when a value is negative, when a <= 0 and a
// value is 0, when mu <= 0, when the data are unusable, or when a is NaN.
// Constant data give exactly 0.
func GE(x, w []float64, a float64) float64 {
	switch {
	case math.IsNaN(a):
		return math.NaN()
	case a == 1:
		return TheilT(x, w)
	case a == 0:
		return TheilL(x, w)
	}
	s := ineqScanData(x, w)
	if !s.relative() || (a < 0 && !s.positive()) {
		return math.NaN()
	}
	if s.min == s.max {
		return 0
	}
	var sum float64
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 {
			continue
		}
		sum += wi * math.Pow(v/s.mean, a)
	}
	return (sum/s.sumW - 1) / (a * (a - 1))
}

// Atkinson returns the Atkinson index with inequality aversion e >= 0:
//
//	A(e) = 1 - [sum_i f_i (x_i/mu)^(1-e)]^(1/(1-e)),   e != 1,
//	A(1) = 1 - exp(sum_i f_i ln x_i) / mu.
//
// A(0) = 0. For e < 1 zero values are allowed; for e >= 1 every value must
// be positive. Atkinson returns NaN when a value is negative, when e >= 1
// and a value is 0, when mu <= 0 or the data are unusable. Constant data
// give exactly 0. It panics if e is negative or NaN (a programmer error:
// the aversion is a setting, not data).
func Atkinson(x, w []float64, e float64) float64 {
	if !(e >= 0) {
		panic("scoring: Atkinson: inequality aversion e must be >= 0")
	}
	return ineqScanData(x, w).atkinson(x, w, e)
}

func (s ineqScan) atkinson(x, w []float64, e float64) float64 {
	if !s.relative() || (e >= 1 && !s.positive()) {
		return math.NaN()
	}
	if s.min == s.max || e == 0 {
		return 0
	}
	var sum float64
	if e == 1 {
		for i, v := range x {
			wi := ineqWeight(w, i)
			if wi == 0 {
				continue
			}
			sum += wi * math.Log(v/s.mean)
		}
		return 1 - math.Exp(sum/s.sumW)
	}
	q := 1 - e
	for i, v := range x {
		wi := ineqWeight(w, i)
		if wi == 0 {
			continue
		}
		r := v / s.mean
		switch q {
		case 0.5:
			sum += wi * math.Sqrt(r)
		case -1:
			sum += wi / r
		default:
			sum += wi * math.Pow(r, q)
		}
	}
	return 1 - math.Pow(sum/s.sumW, 1/q)
}

// MaxMinRatio returns max_i x_i / min_i x_i over the units with a positive
// weight (the weights play no other part). It returns NaN when the minimum
// is 0 or negative, or the data are unusable.
func MaxMinRatio(x, w []float64) float64 {
	return ineqScanData(x, w).maxMin(x, w)
}

func (s ineqScan) maxMin(x, w []float64) float64 {
	if !s.positive() {
		return math.NaN()
	}
	return s.max / s.min
}

// Lorenz returns the points of the Lorenz curve: units with a positive
// weight sorted by value ascending, popShare[k] the population share and
// valueShare[k] the share of the total sum_i w_i x_i held by the first k of
// them. Both slices have one more element than there are such units; the
// first point is (0, 0) and the last is exactly (1, 1). Units with equal
// values give collinear points.
//
// Lorenz returns nil, nil when Gini would be NaN (negative values, mu <= 0,
// unusable data).
func Lorenz(x, w []float64) (popShare, valueShare []float64) {
	s := ineqScanData(x, w)
	if !s.relative() {
		return nil, nil
	}
	p := ineqSortedPairs(x, w)
	popShare = make([]float64, len(p)+1)
	valueShare = make([]float64, len(p)+1)
	var cw, cv float64
	for k, u := range p {
		cw += u.w
		cv += u.w * u.x
		popShare[k+1] = cw
		valueShare[k+1] = cv
	}
	for k := 1; k <= len(p); k++ {
		popShare[k] /= cw
		valueShare[k] /= cv
	}
	return popShare, valueShare
}

// InequalityStats summarises the distribution of one indicator (or index)
// over units. Fields that are not defined for the data are NaN and Notes
// says why; JSON writes NaN as null (and reads null back as NaN), so the
// struct always marshals.
type InequalityStats struct {
	N    int     `json:"n"`    // units with a positive weight
	Mean float64 `json:"mean"` // weighted mean mu
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`

	MaxMin     float64 `json:"max_min"`     // MaxMinRatio
	CV         float64 `json:"cv"`          // CV (population form, weighted)
	Gini       float64 `json:"gini"`        // Gini
	TheilT     float64 `json:"theil_t"`     // TheilT, GE(1)
	TheilL     float64 `json:"theil_l"`     // TheilL (MLD), GE(0)
	Atkinson05 float64 `json:"atkinson_05"` // Atkinson(x, w, 0.5)
	Atkinson1  float64 `json:"atkinson_1"`  // Atkinson(x, w, 1)
	Atkinson2  float64 `json:"atkinson_2"`  // Atkinson(x, w, 2)

	// Equalization is 1 - Gini: 1 when every unit has the same value.
	Equalization float64 `json:"equalization"`

	// Notes lists, in English sentences, why measures are NaN.
	Notes []string `json:"notes,omitempty"`
}

// Notes written by Describe and the decompositions.
const (
	ineqNoteNoUnits    = "no units with a positive weight: no measure is defined"
	ineqNoteBadWeight  = "a weight is negative, NaN or infinite: no measure is defined"
	ineqNoteBadValue   = "a value is NaN or infinite (drop missing values first): no measure is defined"
	ineqNoteNegative   = "negative values: Gini, Theil T, Theil L, Atkinson and max/min ratio not defined"
	ineqNoteMeanNotPos = "mean is not positive: CV and relative measures not defined"
	ineqNoteAllZero    = "all values are 0: CV, Gini, Theil and Atkinson not defined"
	ineqNoteZero       = "Theil L not defined: a value is 0 (so are Atkinson(1), Atkinson(2) and the max/min ratio)"
)

// notes explains which measures are undefined for the scanned data.
func (s ineqScan) notes() []string {
	switch {
	case s.badW:
		return []string{ineqNoteBadWeight}
	case s.badX:
		return []string{ineqNoteBadValue}
	case s.n == 0:
		return []string{ineqNoteNoUnits}
	}
	var out []string
	if s.min < 0 {
		out = append(out, ineqNoteNegative)
		if !(s.mean > 0) {
			out = append(out, ineqNoteMeanNotPos)
		}
		return out
	}
	if s.max == 0 {
		return []string{ineqNoteAllZero}
	}
	if s.min == 0 {
		out = append(out, ineqNoteZero)
	}
	return out
}

// Describe computes every measure of InequalityStats for x weighted by w
// (nil: all weights 1). It drops nothing: the caller removes missing units
// first. Min and Max are over units with a positive weight; a NaN field
// is explained in Notes (e.g. "Theil L not defined: a value is 0"), and
// when the data are unusable (no units, bad weights, NaN values) every
// float field is NaN. Describe panics if w is non-nil and
// len(w) != len(x).
func Describe(x, w []float64) InequalityStats {
	s := ineqScanData(x, w)
	nan := math.NaN()
	st := InequalityStats{
		N: s.n, Mean: nan, Min: nan, Max: nan, MaxMin: nan, CV: nan, Gini: nan,
		TheilT: nan, TheilL: nan, Atkinson05: nan, Atkinson1: nan, Atkinson2: nan,
		Equalization: nan, Notes: s.notes(),
	}
	if !s.usable() {
		return st
	}
	st.Mean, st.Min, st.Max = s.mean, s.min, s.max
	// One scan serves every measure.
	st.MaxMin = s.maxMin(x, w)
	st.CV = s.cv(x, w)
	st.Gini = s.gini(x, w)
	st.TheilT = s.theilT(x, w)
	st.TheilL = s.theilL(x, w)
	st.Atkinson05 = s.atkinson(x, w, 0.5)
	st.Atkinson1 = s.atkinson(x, w, 1)
	st.Atkinson2 = s.atkinson(x, w, 2)
	st.Equalization = 1 - st.Gini
	return st
}

// ineqNum is a float64 that JSON writes as null when it is NaN or
// infinite and reads null back as NaN.
type ineqNum float64

func (v ineqNum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func (v *ineqNum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = ineqNum(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*v = ineqNum(f)
	return nil
}

func ineqToNums(x []float64) []ineqNum {
	if x == nil {
		return nil
	}
	out := make([]ineqNum, len(x))
	for i, v := range x {
		out[i] = ineqNum(v)
	}
	return out
}

func ineqFromNums(x []ineqNum) []float64 {
	if x == nil {
		return nil
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

type inequalityStatsJSON struct {
	N            int      `json:"n"`
	Mean         ineqNum  `json:"mean"`
	Min          ineqNum  `json:"min"`
	Max          ineqNum  `json:"max"`
	MaxMin       ineqNum  `json:"max_min"`
	CV           ineqNum  `json:"cv"`
	Gini         ineqNum  `json:"gini"`
	TheilT       ineqNum  `json:"theil_t"`
	TheilL       ineqNum  `json:"theil_l"`
	Atkinson05   ineqNum  `json:"atkinson_05"`
	Atkinson1    ineqNum  `json:"atkinson_1"`
	Atkinson2    ineqNum  `json:"atkinson_2"`
	Equalization ineqNum  `json:"equalization"`
	Notes        []string `json:"notes,omitempty"`
}

// MarshalJSON writes s with snake_case keys; NaN fields become null.
func (s InequalityStats) MarshalJSON() ([]byte, error) {
	return json.Marshal(inequalityStatsJSON{
		N: s.N, Mean: ineqNum(s.Mean), Min: ineqNum(s.Min), Max: ineqNum(s.Max),
		MaxMin: ineqNum(s.MaxMin), CV: ineqNum(s.CV), Gini: ineqNum(s.Gini),
		TheilT: ineqNum(s.TheilT), TheilL: ineqNum(s.TheilL),
		Atkinson05: ineqNum(s.Atkinson05), Atkinson1: ineqNum(s.Atkinson1),
		Atkinson2: ineqNum(s.Atkinson2), Equalization: ineqNum(s.Equalization),
		Notes: s.Notes,
	})
}

// UnmarshalJSON reads what MarshalJSON writes; null and missing numeric
// fields become NaN.
func (s *InequalityStats) UnmarshalJSON(b []byte) error {
	nan := ineqNum(math.NaN())
	j := inequalityStatsJSON{
		Mean: nan, Min: nan, Max: nan, MaxMin: nan, CV: nan, Gini: nan, TheilT: nan,
		TheilL: nan, Atkinson05: nan, Atkinson1: nan, Atkinson2: nan, Equalization: nan,
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = InequalityStats{
		N: j.N, Mean: float64(j.Mean), Min: float64(j.Min), Max: float64(j.Max),
		MaxMin: float64(j.MaxMin), CV: float64(j.CV), Gini: float64(j.Gini),
		TheilT: float64(j.TheilT), TheilL: float64(j.TheilL),
		Atkinson05: float64(j.Atkinson05), Atkinson1: float64(j.Atkinson1),
		Atkinson2: float64(j.Atkinson2), Equalization: float64(j.Equalization),
		Notes: j.Notes,
	}
	return nil
}
