package scoring

import (
	"fmt"
	"math"
	"sort"
)

// NormaliseMinMax scores x on 0..100 against the observed range:
//
//	higher is better: 100 (x - min) / (max - min)
//	lower is better:  100 (max - x) / (max - min)
//
// NaN entries (missing) stay NaN and are ignored for min and max. A
// constant column (max == min) carries no information: every unit with
// data scores 100 and constant is true. It returns the scores and the
// range used.
func NormaliseMinMax(x []float64, dir Direction) (scores []float64, lo, hi float64, constant bool) {
	min, max := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		if math.IsNaN(v) {
			continue
		}
		min = math.Min(min, v)
		max = math.Max(max, v)
	}
	scores = make([]float64, len(x))
	constant = !(max > min)
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			scores[i] = math.NaN()
		case constant:
			scores[i] = 100
		case dir == Lower:
			scores[i] = 100 * (max - v) / (max - min)
		default:
			scores[i] = 100 * (v - min) / (max - min)
		}
	}
	if dir == Lower {
		return scores, max, min, constant
	}
	return scores, min, max, constant
}

// NormaliseGoalposts scores x on 0..100 against fixed goalposts
// [worst, best] on the natural scale (HDI style), clamped:
//
//	score = 100 clamp((x - worst) / (best - worst), 0, 1)
//
// The same formula serves both directions: for a lower-is-better
// indicator worst > best. NaN stays NaN. It panics if worst == best.
func NormaliseGoalposts(x []float64, worst, best float64) []float64 {
	if worst == best {
		panic("scoring: goalposts must differ")
	}
	scores := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			scores[i] = math.NaN()
			continue
		}
		scores[i] = 100 * clamp01((v-worst)/(best-worst))
	}
	return scores
}

// NormaliseZScore standardises x with the sample standard deviation
// (n - 1 denominator, as R sd() and Excel STDEV.S), sign flipped for
// lower-is-better:
//
//	z = dir (x - mean) / sd
//
// Scores stay on the z scale (mean 0, sd 1). With fewer than two values or
// sd = 0 every unit with data gets 0 and constant is true.
func NormaliseZScore(x []float64, dir Direction) (scores []float64, mean, sd float64, constant bool) {
	vals := present(x)
	mean, sd = meanSD(vals)
	constant = !(sd > 0)
	scores = make([]float64, len(x))
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			scores[i] = math.NaN()
		case constant:
			scores[i] = 0
		default:
			scores[i] = float64(dir) * (v - mean) / sd
		}
	}
	return scores, mean, sd, constant
}

// NormaliseDistance scores x by its distance to a reference value b (a plan
// target, or the region benchmark):
//
//	higher is better: 100 min(1, x / b)
//	lower is better:  100 min(1, b / x)   (x = 0 scores 100)
//
// Negative values score 0. NaN stays NaN. b must be positive.
func NormaliseDistance(x []float64, b float64, dir Direction) []float64 {
	scores := make([]float64, len(x))
	for i, v := range x {
		scores[i] = distanceScore(v, b, dir)
	}
	return scores
}

func distanceScore(v, b float64, dir Direction) float64 {
	switch {
	case math.IsNaN(v):
		return math.NaN()
	case dir == Lower && v <= 0:
		return 100
	case v <= 0:
		return 0
	case dir == Lower:
		return 100 * math.Min(1, b/v)
	default:
		return 100 * math.Min(1, v/b)
	}
}

// NormalisePercentileRank scores x by its competition rank among the units
// with data (rank 1 best, ties share the best rank):
//
//	score = 100 (n - rank) / (n - 1)
//
// so the best unit scores 100 and the worst 0. With one unit it scores 100.
func NormalisePercentileRank(x []float64, dir Direction) []float64 {
	key := make([]float64, len(x))
	for i, v := range x {
		key[i] = float64(dir) * v
	}
	ranks := CompetitionRanks(key)
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
		}
	}
	scores := make([]float64, len(x))
	for i, r := range ranks {
		switch {
		case r == 0:
			scores[i] = math.NaN()
		case n == 1:
			scores[i] = 100
		default:
			scores[i] = 100 * float64(n-r) / float64(n-1)
		}
	}
	return scores
}

// CompetitionRanks ranks x from the largest value down with competition
// ranking ("1224"): ties share the best rank and the next rank skips.
// NaN gets rank 0 (unranked). Ranks are computed on the unrounded values.
func CompetitionRanks(x []float64) []int {
	idx := make([]int, 0, len(x))
	for i, v := range x {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] > x[idx[b]] })
	ranks := make([]int, len(x))
	for k, i := range idx {
		if k > 0 && x[i] == x[idx[k-1]] {
			ranks[i] = ranks[idx[k-1]]
		} else {
			ranks[i] = k + 1
		}
	}
	return ranks
}

// Winsorise clips x at mean +- k sd (sample sd over the values present) and
// returns the clipped copy and the number of values changed. k <= 0 or
// fewer than three values leave x unchanged.
func Winsorise(x []float64, k float64) ([]float64, int) {
	out := append([]float64(nil), x...)
	vals := present(x)
	if k <= 0 || len(vals) < 3 {
		return out, 0
	}
	mean, sd := meanSD(vals)
	lo, hi := mean-k*sd, mean+k*sd
	clipped := 0
	for i, v := range out {
		if math.IsNaN(v) {
			continue
		}
		if v < lo {
			out[i], clipped = lo, clipped+1
		} else if v > hi {
			out[i], clipped = hi, clipped+1
		}
	}
	return out, clipped
}

// normaliseIndicator applies the node's transform, winsorising and
// normalisation to the raw column x. bench is the region benchmark for the
// ratio method (NaN if not needed).
func normaliseIndicator(n *Node, x []float64, bench float64) ([]float64, *NormInfo, error) {
	info := &NormInfo{Method: n.Normalisation, Transform: n.Transform}
	if info.Transform == "none" {
		info.Transform = ""
	}
	x = append([]float64(nil), x...)
	if n.Transform == "log" {
		for i, v := range x {
			if math.IsNaN(v) {
				continue
			}
			if v <= 0 {
				return nil, nil, fmt.Errorf("indicator %s: log transform needs positive values, got %g", n.ID, v)
			}
			x[i] = math.Log(v)
		}
	}
	if n.Winsorise > 0 {
		x, info.Clipped = Winsorise(x, n.Winsorise)
	}
	logged := func(v float64) float64 {
		if n.Transform == "log" {
			return math.Log(v)
		}
		return v
	}
	var scores []float64
	switch n.Normalisation {
	case MinMax:
		scores, info.Lo, info.Hi, info.Constant = NormaliseMinMax(x, n.Direction)
	case Goalposts:
		if n.Goalposts == nil {
			return nil, nil, fmt.Errorf("indicator %s: goalposts normalisation needs goalposts", n.ID)
		}
		info.Lo, info.Hi = n.Goalposts[0], n.Goalposts[1]
		scores = NormaliseGoalposts(x, logged(info.Lo), logged(info.Hi))
	case ZScore:
		scores, info.Mean, info.SD, info.Constant = NormaliseZScore(x, n.Direction)
	case Target:
		if n.Target == nil || *n.Target <= 0 {
			return nil, nil, fmt.Errorf("indicator %s: target normalisation needs a positive target", n.ID)
		}
		info.Hi = *n.Target
		scores = NormaliseDistance(x, logged(*n.Target), n.Direction)
	case Ratio:
		if !(bench > 0) {
			return nil, nil, fmt.Errorf("indicator %s: ratio normalisation needs a positive benchmark, got %g", n.ID, bench)
		}
		info.Hi = bench
		scores = NormaliseDistance(x, logged(bench), n.Direction)
	case Rank:
		scores = NormalisePercentileRank(x, n.Direction)
		info.Lo, info.Hi = 0, 100
	default:
		return nil, nil, fmt.Errorf("indicator %s: unknown normalisation %q", n.ID, n.Normalisation)
	}
	return scores, info, nil
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// present returns the non-NaN values of x.
func present(x []float64) []float64 {
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}

// meanSD returns the mean and the sample standard deviation (n - 1) of x;
// sd is NaN for fewer than two values.
func meanSD(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}
