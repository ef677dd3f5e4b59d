package scoring

import (
	"fmt"
	"math"
)

// aggregateUnit combines one unit's child scores s with local weights w
// (both over the same children; NaN scores are missing) by the group's
// aggregation method. Weights are renormalised over the children present:
//
//	arithmetic: sum_j w_j s_j / sum_j w_j
//	geometric:  prod_j s_j^(w_j / sum w)           (needs s_j > 0)
//	harmonic:   sum_j w_j / sum_j (w_j / s_j)      (needs s_j > 0)
//
// For geometric and harmonic a positive floor f first maps each score from
// [0, 100] onto [f, 100]: s' = f + s (100 - f) / 100. Without a floor a
// score <= 0 is an error naming the child (the caller adds the unit).
// TOPSIS is computed for all units at once (see aggregateGroup), not here.
func aggregateUnit(method string, s, w []float64, floor float64, children []*Node) (float64, error) {
	var sw, acc float64
	for j, v := range s {
		if math.IsNaN(v) || w[j] == 0 {
			continue
		}
		if method == Geometric || method == Harmonic {
			if floor > 0 {
				v = floor + v*(100-floor)/100
			}
			if v <= 0 {
				return math.NaN(), fmt.Errorf("%s aggregation needs positive scores, but %s scores %g (set geometric_floor: 1 to shift scores into [1, 100])", method, children[j].ID, v)
			}
		}
		sw += w[j]
		switch method {
		case Geometric:
			acc += w[j] * math.Log(v)
		case Harmonic:
			acc += w[j] / v
		default:
			acc += w[j] * v
		}
	}
	if sw == 0 {
		return math.NaN(), nil
	}
	switch method {
	case Geometric:
		return math.Exp(acc / sw), nil
	case Harmonic:
		return sw / acc, nil
	}
	return acc / sw, nil
}

// coverage returns the share of the weight w held by children with a
// score: sum_{j present} w_j / sum_j w_j.
func coverage(s, w []float64) float64 {
	var have, all float64
	for j, v := range s {
		all += w[j]
		if !math.IsNaN(v) {
			have += w[j]
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}
