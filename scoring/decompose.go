package scoring

import (
	"encoding/json"
	"math"
	"sort"
)

// Decompositions of inequality by groups of units (methods.md section 4).
//
// Notation: W the total weight, groups k with W_k the weight of their units,
// v_k = W_k / W the population share, mu_k the group's weighted mean and
// s_k = v_k mu_k / mu its share of the total (the "income share" of the
// Theil literature; here a share of the service). Groups are identified by
// the strings in groups[i] and reported sorted by name in byte order
// (Unicode code point order, not pinyin), so the output does not depend on
// the order of the units. Units with weight 0 are ignored, as in the
// measures; a group whose units all have weight 0 is still listed, with
// N 0, PopShare 0, IncomeShare 0, Mean and Index NaN and Contribution 0.

// DecompositionGroup describes one group of a decomposition.
type DecompositionGroup struct {
	Name        string  `json:"name"`
	N           int     `json:"n"`            // units with a positive weight
	PopShare    float64 `json:"pop_share"`    // v_k = W_k / W
	IncomeShare float64 `json:"income_share"` // s_k = v_k mu_k / mu
	Mean        float64 `json:"mean"`         // mu_k
	// Index is the group's own inequality: T_k, L_k or the Dagum
	// within-group Gini G_kk. It is 0 for a group with one unit and NaN
	// for a group whose mean is 0 (or that has no units).
	Index float64 `json:"index"`
	// Contribution is the group's term in Within: s_k T_k, v_k L_k or
	// p_k s_k G_kk (Dagum). It is 0 when the group's weight in the sum is 0.
	Contribution float64 `json:"contribution"`
}

// Decomposition is an additive decomposition of a Theil index:
// Total = Within + Between (up to rounding; Total is computed directly).
type Decomposition struct {
	Measure      string               `json:"measure"` // "theil_t" or "theil_l"
	Total        float64              `json:"total"`
	Within       float64              `json:"within"`
	Between      float64              `json:"between"`
	WithinShare  float64              `json:"within_share"`  // Within / Total (NaN when Total is 0)
	BetweenShare float64              `json:"between_share"` // Between / Total (NaN when Total is 0)
	Groups       []DecompositionGroup `json:"groups"`        // sorted by name
	Notes        []string             `json:"notes,omitempty"`
}

const ineqNoteTotalZero = "total inequality is 0: within and between shares not defined"

// ineqGroups splits the units by group. It returns the distinct names in
// byte order and, per group, the indices of its units with a positive
// weight.
func ineqGroups(w []float64, groups []string) (names []string, members [][]int) {
	idx := make(map[string]int)
	for _, g := range groups {
		if _, ok := idx[g]; !ok {
			idx[g] = 0
			names = append(names, g)
		}
	}
	sort.Strings(names)
	for k, g := range names {
		idx[g] = k
	}
	members = make([][]int, len(names))
	for i, g := range groups {
		if ineqWeight(w, i) > 0 {
			k := idx[g]
			members[k] = append(members[k], i)
		}
	}
	return names, members
}

// ineqPick returns the values and weights of the given units.
func ineqPick(x, w []float64, rows []int) (xs, ws []float64) {
	xs = make([]float64, len(rows))
	ws = make([]float64, len(rows))
	for k, i := range rows {
		xs[k] = x[i]
		ws[k] = ineqWeight(w, i)
	}
	return xs, ws
}

// ineqBase fills the group names, counts, population shares and means of
// a decomposition and returns the overall scan, the groups' data and
// their scans.
func ineqBase(x, w []float64, groups []string) (s ineqScan, gs []DecompositionGroup, xs, ws [][]float64, ss []ineqScan) {
	if len(groups) != len(x) {
		panic(ineqBadLength)
	}
	s = ineqScanData(x, w)
	names, members := ineqGroups(w, groups)
	nan := math.NaN()
	gs = make([]DecompositionGroup, len(names))
	xs = make([][]float64, len(names))
	ws = make([][]float64, len(names))
	ss = make([]ineqScan, len(names))
	for k, name := range names {
		xs[k], ws[k] = ineqPick(x, w, members[k])
		ss[k] = ineqScanData(xs[k], ws[k])
		gs[k] = DecompositionGroup{
			Name: name, N: len(members[k]), PopShare: nan, IncomeShare: nan,
			Mean: nan, Index: nan, Contribution: nan,
		}
		if !s.usable() {
			continue
		}
		gs[k].PopShare = ss[k].sumW / s.sumW
		if ss[k].n > 0 {
			gs[k].Mean = ss[k].mean
		}
	}
	return s, gs, xs, ws, ss
}

// TheilTDecompose decomposes Theil's T index of x (weights w, nil: all 1)
// by the groups groups[i]:
//
//	T       = Within + Between,
//	Within  = sum_k s_k T_k,
//	Between = sum_k s_k ln(mu_k / mu),
//
// where T_k is TheilT over group k's units and Between is the Theil T of the
// group means weighted by W_k. With cells county x {urban, rural}, grouping
// by area gives the urban-rural gap as Between; grouping by county gives
// the regional gap.
//
// A group whose values are all 0 has T_k NaN but s_k = 0, so it adds 0 to
// both terms. When TheilT(x, w) is NaN every number is NaN (group names and
// counts are still filled, and PopShare and Mean where the weights allow)
// and Notes says why. It panics if len(groups) != len(x) or w is non-nil
// and len(w) != len(x). Time O(n log k) for the grouping plus O(n).
func TheilTDecompose(x, w []float64, groups []string) Decomposition {
	s, gs, xs, ws, ss := ineqBase(x, w, groups)
	d := Decomposition{Measure: "theil_t", Groups: gs}
	if !s.relative() {
		return ineqUndefined(d, s)
	}
	d.Total = s.theilT(x, w)
	for k := range gs {
		g := &gs[k]
		g.IncomeShare, g.Contribution = 0, 0
		if ss[k].n == 0 {
			continue
		}
		g.IncomeShare = g.PopShare * g.Mean / s.mean
		g.Index = ss[k].theilT(xs[k], ws[k])
		if g.IncomeShare == 0 {
			continue // 0 ln 0 = 0 and 0 * T_k = 0
		}
		g.Contribution = g.IncomeShare * g.Index
		d.Within += g.Contribution
		d.Between += g.IncomeShare * math.Log(g.Mean/s.mean)
	}
	return ineqShares(d)
}

// TheilLDecompose decomposes Theil's L index (mean log deviation) of x
// (weights w, nil: all 1) by the groups groups[i]:
//
//	L       = Within + Between,
//	Within  = sum_k v_k L_k,
//	Between = sum_k v_k ln(mu / mu_k),
//
// where L_k is TheilL over group k's units and Between is the Theil L of the
// group means weighted by W_k. Every value must be positive: otherwise
// every number is NaN and Notes says why. Panics and grouping as in
// TheilTDecompose.
func TheilLDecompose(x, w []float64, groups []string) Decomposition {
	s, gs, xs, ws, ss := ineqBase(x, w, groups)
	d := Decomposition{Measure: "theil_l", Groups: gs}
	if !s.positive() {
		return ineqUndefined(d, s)
	}
	d.Total = s.theilL(x, w)
	for k := range gs {
		g := &gs[k]
		g.IncomeShare, g.Contribution = 0, 0
		if ss[k].n == 0 {
			continue
		}
		g.IncomeShare = g.PopShare * g.Mean / s.mean
		g.Index = ss[k].theilL(xs[k], ws[k])
		g.Contribution = g.PopShare * g.Index
		d.Within += g.Contribution
		d.Between += g.PopShare * math.Log(s.mean/g.Mean)
	}
	return ineqShares(d)
}

// ineqUndefined marks every number of d NaN and explains why.
func ineqUndefined(d Decomposition, s ineqScan) Decomposition {
	nan := math.NaN()
	d.Total, d.Within, d.Between, d.WithinShare, d.BetweenShare = nan, nan, nan, nan, nan
	d.Notes = s.notes()
	return d
}

// ineqShares fills the within and between shares of d.
func ineqShares(d Decomposition) Decomposition {
	if d.Total == 0 {
		d.WithinShare, d.BetweenShare = math.NaN(), math.NaN()
		d.Notes = append(d.Notes, ineqNoteTotalZero)
		return d
	}
	d.WithinShare = d.Within / d.Total
	d.BetweenShare = d.Between / d.Total
	return d
}

// Dagum is Dagum's (1997) decomposition of the Gini coefficient by groups:
// G = Gw + Gnb + Gt (up to rounding; G is computed directly by Gini).
type Dagum struct {
	G   float64 `json:"g"`   // Gini of all units
	Gw  float64 `json:"gw"`  // within-group contribution
	Gnb float64 `json:"gnb"` // net between-group contribution
	Gt  float64 `json:"gt"`  // transvariation (overlap) contribution
	Gb  float64 `json:"gb"`  // gross between-group contribution Gnb + Gt

	WithinShare         float64 `json:"within_share"`         // Gw / G
	NetBetweenShare     float64 `json:"net_between_share"`    // Gnb / G
	TransvariationShare float64 `json:"transvariation_share"` // Gt / G

	// Groups are sorted by name; Index is the within-group Gini G_jj and
	// Contribution is p_j s_j G_jj.
	Groups []DecompositionGroup `json:"groups"`

	// Gjh[j][h] is the between-group Gini of groups j and h (in Groups
	// order), symmetric, with G_jj on the diagonal.
	Gjh [][]float64 `json:"g_jh"`
	// Djh[j][h] is the relative economic affluence D_jh of the pair
	// (Dagum's D with the richer group first), symmetric, in [0, 1], with
	// 0 on the diagonal.
	Djh [][]float64 `json:"d_jh"`

	Notes []string `json:"notes,omitempty"`
}

// DagumDecompose decomposes the Gini coefficient of x (weights w, nil:
// all 1) by the groups groups[i] (Dagum 1997), weighted by population.
// With f_i = w_i / W, p_j = W_j / W, s_j = p_j mu_j / mu and
// Delta_jh = sum_{i in j} sum_{r in h} f_i f_r |x_i - x_r| / (p_j p_h)
// (the mean absolute difference between a unit of j and a unit of h):
//
//	G_jj = Delta_jj / (2 mu_j)
//	G_jh = Delta_jh / (mu_j + mu_h)
//	D_jh = (d_jh - p_jh) / (d_jh + p_jh) = |mu_j - mu_h| / Delta_jh
//	Gw   = sum_j G_jj p_j s_j
//	Gb   = sum_{j<h} G_jh (p_j s_h + p_h s_j)
//	Gnb  = sum_{j<h} G_jh (p_j s_h + p_h s_j) D_jh
//	Gt   = sum_{j<h} G_jh (p_j s_h + p_h s_j) (1 - D_jh)
//
// where, with j the group with the higher mean, d_jh is the mean of
// (x_j - x_h)^+ and p_jh the mean of (x_h - x_j)^+ over pairs, so that
// d_jh - p_jh = mu_j - mu_h and d_jh + p_jh = Delta_jh. D_jh is 0 when
// Delta_jh is 0 and is clamped to [0, 1] against rounding. Gnb equals the
// Gini of the group means weighted by W_j (an identity, not a coincidence).
//
// Cost: each group is sorted once and each pair of groups is merged, so
// time is O(n log n + k n) and memory O(n + k^2) for k groups, not O(n^2):
// grouping 5,700 cells by 2,850 counties needs two 2,850 x 2,850 matrices
// (about 130 MB). Special cases and panics as in TheilTDecompose: a group
// with mean 0 has G_jj NaN and contributes 0; with negative values, mean 0
// or unusable data every number is NaN and Notes says why.
func DagumDecompose(x, w []float64, groups []string) Dagum {
	s, gs, xs, ws, ss := ineqBase(x, w, groups)
	k := len(gs)
	nan := math.NaN()
	dg := Dagum{
		G: nan, Gw: nan, Gnb: nan, Gt: nan, Gb: nan,
		WithinShare: nan, NetBetweenShare: nan, TransvariationShare: nan,
		Groups: gs, Gjh: ineqNaNMatrix(k), Djh: ineqNaNMatrix(k),
	}
	if !s.relative() {
		dg.Notes = s.notes()
		return dg
	}
	dg.G = Gini(x, w)
	dg.Gw, dg.Gnb, dg.Gt = 0, 0, 0

	sorted := make([][]ineqPair, k)
	for j := range gs {
		sorted[j] = ineqSortedPairs(xs[j], ws[j])
		g := &gs[j]
		g.IncomeShare, g.Contribution = 0, 0
		if ss[j].n == 0 {
			continue
		}
		g.IncomeShare = g.PopShare * g.Mean / s.mean
		g.Index = Gini(xs[j], ws[j]) // NaN when mu_j = 0
		dg.Gjh[j][j] = g.Index
		dg.Djh[j][j] = 0
		if g.IncomeShare > 0 {
			g.Contribution = g.PopShare * g.IncomeShare * g.Index
			dg.Gw += g.Contribution
		}
	}
	for j := 0; j < k; j++ {
		if ss[j].n == 0 {
			continue
		}
		for h := j + 1; h < k; h++ {
			if ss[h].n == 0 {
				continue
			}
			gj, gh := &gs[j], &gs[h]
			delta := ineqCrossAbs(sorted[j], sorted[h]) / (ss[j].sumW * ss[h].sumW)
			gjh := delta / (gj.Mean + gh.Mean) // NaN when both means are 0
			djh := 0.0
			if delta > 0 {
				djh = math.Min(1, math.Abs(gj.Mean-gh.Mean)/delta)
			}
			dg.Gjh[j][h], dg.Gjh[h][j] = gjh, gjh
			dg.Djh[j][h], dg.Djh[h][j] = djh, djh
			weight := gj.PopShare*gh.IncomeShare + gh.PopShare*gj.IncomeShare
			if weight == 0 {
				continue
			}
			gb := gjh * weight
			dg.Gnb += gb * djh
			dg.Gt += gb * (1 - djh)
		}
	}
	dg.Gb = dg.Gnb + dg.Gt
	if dg.G == 0 {
		dg.Notes = append(dg.Notes, ineqNoteTotalZero)
	} else {
		dg.WithinShare = dg.Gw / dg.G
		dg.NetBetweenShare = dg.Gnb / dg.G
		dg.TransvariationShare = dg.Gt / dg.G
	}
	return dg
}

// ineqNaNMatrix returns a k x k matrix of NaN.
func ineqNaNMatrix(k int) [][]float64 {
	m := make([][]float64, k)
	for j := range m {
		m[j] = make([]float64, k)
		for h := range m[j] {
			m[j][h] = math.NaN()
		}
	}
	return m
}

// ineqCrossAbs returns sum_{u in a} sum_{v in b} w_u w_v |x_u - x_v| for
// two value-sorted sets of units in O(len(a) + len(b)): for each u, with
// F and S the weight and weighted sum of the units of b at or below x_u,
// sum_v w_v |x_u - x_v| = x_u F - S + (S_b - S) - x_u (W_b - F).
func ineqCrossAbs(a, b []ineqPair) float64 {
	var wb, sb float64
	for _, v := range b {
		wb += v.w
		sb += v.w * v.x
	}
	var sum, f, s float64
	r := 0
	for _, u := range a {
		for r < len(b) && b[r].x <= u.x {
			f += b[r].w
			s += b[r].w * b[r].x
			r++
		}
		below := u.x*f - s
		above := (sb - s) - u.x*(wb-f)
		sum += u.w * (math.Max(0, below) + math.Max(0, above))
	}
	return sum
}

// JSON: NaN (and infinite) numbers are written as null and read back as NaN.

type decompositionGroupJSON struct {
	Name         string  `json:"name"`
	N            int     `json:"n"`
	PopShare     ineqNum `json:"pop_share"`
	IncomeShare  ineqNum `json:"income_share"`
	Mean         ineqNum `json:"mean"`
	Index        ineqNum `json:"index"`
	Contribution ineqNum `json:"contribution"`
}

// MarshalJSON writes g with snake_case keys; NaN fields become null.
func (g DecompositionGroup) MarshalJSON() ([]byte, error) {
	return json.Marshal(decompositionGroupJSON{
		Name: g.Name, N: g.N, PopShare: ineqNum(g.PopShare),
		IncomeShare: ineqNum(g.IncomeShare), Mean: ineqNum(g.Mean),
		Index: ineqNum(g.Index), Contribution: ineqNum(g.Contribution),
	})
}

// UnmarshalJSON reads what MarshalJSON writes; null and missing numeric
// fields become NaN.
func (g *DecompositionGroup) UnmarshalJSON(b []byte) error {
	nan := ineqNum(math.NaN())
	j := decompositionGroupJSON{PopShare: nan, IncomeShare: nan, Mean: nan, Index: nan, Contribution: nan}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*g = DecompositionGroup{
		Name: j.Name, N: j.N, PopShare: float64(j.PopShare),
		IncomeShare: float64(j.IncomeShare), Mean: float64(j.Mean),
		Index: float64(j.Index), Contribution: float64(j.Contribution),
	}
	return nil
}

type decompositionJSON struct {
	Measure      string               `json:"measure"`
	Total        ineqNum              `json:"total"`
	Within       ineqNum              `json:"within"`
	Between      ineqNum              `json:"between"`
	WithinShare  ineqNum              `json:"within_share"`
	BetweenShare ineqNum              `json:"between_share"`
	Groups       []DecompositionGroup `json:"groups"`
	Notes        []string             `json:"notes,omitempty"`
}

// MarshalJSON writes d with snake_case keys; NaN fields become null.
func (d Decomposition) MarshalJSON() ([]byte, error) {
	return json.Marshal(decompositionJSON{
		Measure: d.Measure, Total: ineqNum(d.Total), Within: ineqNum(d.Within),
		Between: ineqNum(d.Between), WithinShare: ineqNum(d.WithinShare),
		BetweenShare: ineqNum(d.BetweenShare), Groups: d.Groups, Notes: d.Notes,
	})
}

// UnmarshalJSON reads what MarshalJSON writes; null and missing numeric
// fields become NaN.
func (d *Decomposition) UnmarshalJSON(b []byte) error {
	nan := ineqNum(math.NaN())
	j := decompositionJSON{Total: nan, Within: nan, Between: nan, WithinShare: nan, BetweenShare: nan}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = Decomposition{
		Measure: j.Measure, Total: float64(j.Total), Within: float64(j.Within),
		Between: float64(j.Between), WithinShare: float64(j.WithinShare),
		BetweenShare: float64(j.BetweenShare), Groups: j.Groups, Notes: j.Notes,
	}
	return nil
}

type dagumJSON struct {
	G                   ineqNum              `json:"g"`
	Gw                  ineqNum              `json:"gw"`
	Gnb                 ineqNum              `json:"gnb"`
	Gt                  ineqNum              `json:"gt"`
	Gb                  ineqNum              `json:"gb"`
	WithinShare         ineqNum              `json:"within_share"`
	NetBetweenShare     ineqNum              `json:"net_between_share"`
	TransvariationShare ineqNum              `json:"transvariation_share"`
	Groups              []DecompositionGroup `json:"groups"`
	Gjh                 [][]ineqNum          `json:"g_jh"`
	Djh                 [][]ineqNum          `json:"d_jh"`
	Notes               []string             `json:"notes,omitempty"`
}

func ineqToMatrix(m [][]float64) [][]ineqNum {
	if m == nil {
		return nil
	}
	out := make([][]ineqNum, len(m))
	for i := range m {
		out[i] = ineqToNums(m[i])
	}
	return out
}

func ineqFromMatrix(m [][]ineqNum) [][]float64 {
	if m == nil {
		return nil
	}
	out := make([][]float64, len(m))
	for i := range m {
		out[i] = ineqFromNums(m[i])
	}
	return out
}

// MarshalJSON writes d with snake_case keys; NaN numbers (also inside the
// matrices) become null.
func (d Dagum) MarshalJSON() ([]byte, error) {
	return json.Marshal(dagumJSON{
		G: ineqNum(d.G), Gw: ineqNum(d.Gw), Gnb: ineqNum(d.Gnb), Gt: ineqNum(d.Gt),
		Gb: ineqNum(d.Gb), WithinShare: ineqNum(d.WithinShare),
		NetBetweenShare:     ineqNum(d.NetBetweenShare),
		TransvariationShare: ineqNum(d.TransvariationShare),
		Groups:              d.Groups, Gjh: ineqToMatrix(d.Gjh), Djh: ineqToMatrix(d.Djh),
		Notes: d.Notes,
	})
}

// UnmarshalJSON reads what MarshalJSON writes; null and missing numeric
// fields become NaN.
func (d *Dagum) UnmarshalJSON(b []byte) error {
	nan := ineqNum(math.NaN())
	j := dagumJSON{
		G: nan, Gw: nan, Gnb: nan, Gt: nan, Gb: nan,
		WithinShare: nan, NetBetweenShare: nan, TransvariationShare: nan,
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = Dagum{
		G: float64(j.G), Gw: float64(j.Gw), Gnb: float64(j.Gnb), Gt: float64(j.Gt),
		Gb: float64(j.Gb), WithinShare: float64(j.WithinShare),
		NetBetweenShare:     float64(j.NetBetweenShare),
		TransvariationShare: float64(j.TransvariationShare),
		Groups:              j.Groups, Gjh: ineqFromMatrix(j.Gjh), Djh: ineqFromMatrix(j.Djh),
		Notes: j.Notes,
	}
	return nil
}
