package scoring

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Urban-rural and regional equalization (issue 3).
//
// Per unit there are three components on a 0..100 scale, higher is more
// equal (or better served):
//
//   - L, the level index (Result.Index()).
//   - UR, urban-rural equalization: for each indicator j with urban value
//     u and rural value r in the unit, UR_j = 100 min(u, r) / max(u, r)
//     (the worse-served area as a share of the better-served one; it reads
//     the same for higher- and lower-is-better indicators), averaged with
//     the indicators' effective weights renormalised over the indicators
//     the unit has a UR_j for.
//   - RG, regional equalization: for each indicator with value x and
//     region benchmark b, RG_j = 100 min(1, x/b) (higher is better) or
//     100 min(1, b/x) (lower is better), averaged the same way.
//
// The equalization index is EI = (c_L L + c_UR UR + c_RG RG) / (sum of the
// c over the components the unit has), with c the framework's Components.

// Area names used for urban-rural cells and for the side that is behind.
const (
	AreaUrban = "urban"
	AreaRural = "rural"
)

// Subject kinds of the inequality statistics and decompositions.
const (
	SubjectIndex     = "index"     // the level index L (Subject is the root id)
	SubjectEI        = "ei"        // the equalization index EI
	SubjectUR        = "ur"        // the urban-rural component UR
	SubjectRG        = "rg"        // the regional component RG
	SubjectGroup     = "group"     // a group score (Subject is the group id)
	SubjectIndicator = "indicator" // an indicator's values on its natural scale
)

// Subject ids of the composite measures (indicators and groups use their
// framework ids).
const (
	SubjectIDEI = "ei"
	SubjectIDUR = "urban_rural"
	SubjectIDRG = "regional"
)

// Groupings of a decomposition.
const (
	ByArea  = "area"  // cells unit x {urban, rural} grouped by area: Between is the urban-rural gap
	ByUnit  = "unit"  // the same cells grouped by unit: Between is the regional gap
	ByGroup = "group" // units grouped by the data's group column
)

// Equalization holds the urban-rural and regional components, the
// composite equalization index EI, their ranks and the inequality
// statistics and decompositions of one scored year. Per-unit slices are
// indexed like Result.Unit; NaN marks a unit without a value.
type Equalization struct {
	// Components are the component weights actually used (relative; the
	// framework's, or DefaultComponents when the framework's sum to 0).
	Components Components
	// Benchmark is the framework's benchmark rule (mean, median, target).
	Benchmark string

	UR []float64 // urban-rural component per unit, 0..100
	RG []float64 // regional component per unit, 0..100
	EI []float64 // equalization index per unit, 0..100 when L is

	// Competition ranks ("1224"), 1 best, 0 where the value is missing.
	URRank []int
	RGRank []int
	EIRank []int

	// Indicators holds the per-indicator detail, in framework order.
	Indicators []IndicatorEqualization

	// Stats holds the inequality statistics: L, EI, UR, RG, then group
	// scores and indicators in framework order, each unweighted then
	// population-weighted (weighted rows only when some unit has a
	// population).
	Stats []StatsRow

	// Decompositions holds the Theil T and L decompositions: per indicator
	// with urban/rural data by area and by unit over the cells, then (when
	// the data has at least two groups) L, EI and every indicator by group.
	Decompositions []DecompositionRow

	// Dagum holds the Dagum Gini decompositions by group for L, EI and
	// every indicator (empty when the data has fewer than two groups).
	Dagum []DagumRow
}

// IndicatorEqualization is one indicator's share of the equalization
// components.
type IndicatorEqualization struct {
	ID        string
	Direction Direction
	// Weight is the indicator's effective weight (its share of the level
	// index); UR and RG renormalise it over the indicators a unit has.
	Weight float64

	// Benchmark is the region benchmark b the regional scores compare with:
	// the population-weighted mean or median of the units with a value
	// (units without a population count with weight 1, as in the ratio
	// normalisation), or the plan target. NaN when no unit has a value.
	Benchmark float64
	// BenchmarkRule is the rule actually used: "mean", "median" or "target"
	// ("mean" when target was asked for and the indicator has none).
	BenchmarkRule string
	// RG is 100 min(1, x/b) (higher is better) or 100 min(1, b/x) (lower
	// is better) per unit. Special cases: b = 0 gives 100 for higher (any
	// x >= 0 reaches it) and for lower gives 100 at x = 0 and 0 otherwise;
	// x = 0 for lower gives 100; a negative x or b gives NaN.
	RG []float64

	// HasUrbanRural reports whether the data has both an urban and a rural
	// column for the indicator; the fields below are nil (or NaN) if not.
	HasUrbanRural bool
	Urban         []float64 // urban value u per unit
	Rural         []float64 // rural value r per unit
	// Ratio is u/r (NaN when r = 0 or either is missing).
	Ratio []float64
	// Gap is the signed relative gap (u - r) / max(u, r): positive when the
	// urban value is higher; 0 when u = r (also when both are 0). Its size
	// is 1 - UR/100.
	Gap []float64
	// Behind is the side that is worse served: AreaRural or AreaUrban
	// (by Direction), "" when u = r or a value is missing.
	Behind []string
	// UR is 100 min(u, r) / max(u, r) per unit: 100 when u = r (also both
	// 0), 0 when one is 0 and the other positive, NaN when a value is
	// missing or negative.
	UR []float64
	// UrbanMean and RuralMean are the population-weighted means of the
	// urban and rural cells used in the area decomposition (NaN without
	// such cells).
	UrbanMean float64
	RuralMean float64
}

// StatsRow is the inequality statistics of one subject.
type StatsRow struct {
	Subject  string          `json:"subject"` // indicator or group id, root id, SubjectIDEI, ...
	Kind     string          `json:"kind"`    // SubjectIndex, SubjectEI, ..., SubjectIndicator
	Weighted bool            `json:"weighted"`
	Stats    InequalityStats `json:"stats"`
}

// DecompositionRow is a pair of Theil decompositions of one subject.
type DecompositionRow struct {
	Subject  string        `json:"subject"`
	Kind     string        `json:"kind"`
	By       string        `json:"by"`       // ByArea, ByUnit or ByGroup
	Weighted bool          `json:"weighted"` // population (cell population for ByArea, ByUnit)
	TheilT   Decomposition `json:"theil_t"`
	TheilL   Decomposition `json:"theil_l"`
}

// DagumRow is the Dagum Gini decomposition of one subject by group.
type DagumRow struct {
	Subject  string `json:"subject"`
	Kind     string `json:"kind"`
	Weighted bool   `json:"weighted"`
	Dagum    Dagum  `json:"dagum"`
}

// StatsFor returns the statistics row of a subject (by kind and id), or
// nil.
func (e *Equalization) StatsFor(kind, subject string, weighted bool) *StatsRow {
	for k := range e.Stats {
		r := &e.Stats[k]
		if r.Kind == kind && r.Subject == subject && r.Weighted == weighted {
			return r
		}
	}
	return nil
}

// DecompositionFor returns the decomposition row of a subject by a
// grouping, or nil.
func (e *Equalization) DecompositionFor(kind, subject, by string) *DecompositionRow {
	for k := range e.Decompositions {
		r := &e.Decompositions[k]
		if r.Kind == kind && r.Subject == subject && r.By == by {
			return r
		}
	}
	return nil
}

// DagumFor returns the Dagum row of a subject, or nil.
func (e *Equalization) DagumFor(kind, subject string) *DagumRow {
	for k := range e.Dagum {
		r := &e.Dagum[k]
		if r.Kind == kind && r.Subject == subject {
			return r
		}
	}
	return nil
}

// Indicator returns the detail of the indicator with the given id, or nil.
func (e *Equalization) Indicator(id string) *IndicatorEqualization {
	for k := range e.Indicators {
		if e.Indicators[k].ID == id {
			return &e.Indicators[k]
		}
	}
	return nil
}

// Equalize computes the equalization components, EI and its ranks, and
// the inequality statistics and decompositions for the scored year d
// (res must hold the level index and the nodes' effective weights, as
// Run leaves them). It appends its warnings to res.Warnings:
// "no-population" (a unit without population is left out of weighted
// statistics), "no-urban-rural-population" (a unit without urban and
// rural populations is left out of the urban-rural decompositions),
// "benchmark-no-target", "negative-value" (a UR or RG ratio, or a relative
// inequality measure, is not defined), "component-missing" (a component
// drops out of a unit's EI) and "components-default".
//
// Equalize returns an error only when d and res do not describe the same
// units.
func Equalize(fw *Framework, d *Dataset, res *Result) (*Equalization, error) {
	n := d.Rows()
	if len(res.Unit) != n || len(res.Nodes) == 0 || len(res.Nodes[0].Scores) != n {
		return nil, fmt.Errorf("scoring: Equalize: the result has %d units and the data %d rows", len(res.Unit), n)
	}
	e := &equalizer{fw: fw, d: d, res: res, n: n}
	return e.run(), nil
}

type equalizer struct {
	fw  *Framework
	d   *Dataset
	res *Result
	n   int
	eq  *Equalization

	pop       []float64 // population weight per unit, NaN -> 0
	anyPop    bool
	cellPopOK []bool // unit has positive-or-zero urban and rural populations
	groups    []string
	nGroups   int
}

func (e *equalizer) warn(code, unit, ind, format string, args ...any) {
	e.res.Warnings = append(e.res.Warnings, Warning{Code: code, Unit: unit, Indicator: ind, Msg: fmt.Sprintf(format, args...)})
}

func (e *equalizer) run() *Equalization {
	fw, res := e.fw, e.res
	bench := fw.Benchmark
	if bench == "" {
		bench = BenchmarkMean
	}
	e.eq = &Equalization{Components: fw.Components, Benchmark: bench}
	if c := fw.Components; !(c.Level+c.UrbanRural+c.Regional > 0) {
		e.eq.Components = DefaultComponents
		e.warn("components-default", "", "", "框架未设置有效的均等化指数权重，使用默认值 水平 0.5、城乡 0.25、区域 0.25 / the framework sets no usable component weights: the defaults level 0.5, urban-rural 0.25, regional 0.25 are used")
	}
	e.prepareWeights()

	inds := res.IndicatorResults()
	for _, nr := range inds {
		e.eq.Indicators = append(e.eq.Indicators, e.indicator(nr))
	}
	e.eq.UR = e.aggregate(inds, func(ie *IndicatorEqualization) []float64 { return ie.UR })
	e.eq.RG = e.aggregate(inds, func(ie *IndicatorEqualization) []float64 { return ie.RG })
	e.composite()
	e.eq.URRank = CompetitionRanks(e.eq.UR)
	e.eq.RGRank = CompetitionRanks(e.eq.RG)
	e.eq.EIRank = CompetitionRanks(e.eq.EI)
	e.statistics()
	e.decompositions()
	return e.eq
}

// prepareWeights works out the population weights, which units have
// urban and rural populations and the groups.
func (e *equalizer) prepareWeights() {
	d, n := e.d, e.n
	e.pop = make([]float64, n)
	var missing []int
	for i := 0; i < n; i++ {
		p := eqAt(d.Population, i)
		if p >= 0 && !math.IsInf(p, 0) {
			e.pop[i] = p
			e.anyPop = true
		} else {
			missing = append(missing, i)
		}
	}
	switch {
	case !e.anyPop:
		e.warn("no-population", "", "", "数据没有常住人口，只计算不加权的不平等指标 / the data has no population: only unweighted inequality statistics are computed")
	default:
		for _, i := range missing {
			e.warn("no-population", d.Unit[i], "", "%s 没有常住人口，不参与人口加权的不平等指标 / %s has no population and is left out of the population-weighted inequality statistics", d.Unit[i], d.Unit[i])
		}
	}

	e.cellPopOK = make([]bool, n)
	hasUR := false
	for j := range d.Indicators {
		if eqCol(d.Urban, j) != nil && eqCol(d.Rural, j) != nil {
			hasUR = true
		}
	}
	if hasUR {
		var lack []int
		for i := 0; i < n; i++ {
			pu, pr := eqAt(d.PopUrban, i), eqAt(d.PopRural, i)
			if pu >= 0 && pr >= 0 && !math.IsInf(pu+pr, 0) && pu+pr > 0 {
				e.cellPopOK[i] = true
			} else {
				lack = append(lack, i)
			}
		}
		if len(lack) == n {
			e.warn("no-urban-rural-population", "", "", "数据没有城镇/乡村人口（population@urban、population@rural），不做城乡分解 / the data has no urban and rural populations (population@urban, population@rural): no urban-rural decompositions")
		} else {
			for _, i := range lack {
				e.warn("no-urban-rural-population", d.Unit[i], "", "%s 缺少城镇或乡村人口，不参与城乡分解 / %s lacks an urban or rural population and is left out of the urban-rural decompositions", d.Unit[i], d.Unit[i])
			}
		}
	}

	e.groups = make([]string, n)
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		g := ""
		if i < len(d.Group) {
			g = d.Group[i]
		}
		if g == "" {
			g = "(ungrouped)"
		}
		e.groups[i] = g
		seen[g] = true
	}
	e.nGroups = len(seen)
	if e.nGroups == 1 && seen["(ungrouped)"] {
		e.nGroups = 0
	}
}

// eqAt returns s[i], or NaN when s is nil.
func eqAt(s []float64, i int) float64 {
	if s == nil {
		return math.NaN()
	}
	return s[i]
}

// eqCol returns cols[j], or nil.
func eqCol(cols [][]float64, j int) []float64 {
	if j < 0 || j >= len(cols) {
		return nil
	}
	return cols[j]
}

func (e *equalizer) indexOf(id string) int {
	for j, ind := range e.d.Indicators {
		if ind == id {
			return j
		}
	}
	return -1
}

// indicator computes the regional and urban-rural detail of one indicator.
func (e *equalizer) indicator(nr *NodeResult) IndicatorEqualization {
	node, n := nr.Node, e.n
	ie := IndicatorEqualization{
		ID: nr.ID, Direction: node.Direction, Weight: nr.EffectiveWeight,
		UrbanMean: math.NaN(), RuralMean: math.NaN(),
	}
	raw := nr.Raw
	if raw == nil {
		raw = e.d.Column(nr.ID)
	}

	// Regional: distance to the benchmark.
	ie.BenchmarkRule = e.eq.Benchmark
	if ie.BenchmarkRule == BenchmarkTarget && node.Target == nil {
		ie.BenchmarkRule = BenchmarkMean
		e.warn("benchmark-no-target", "", nr.ID, "%s 没有规划目标值，区域基准改用人口加权平均 / %s has no plan target: the regional benchmark is the population-weighted mean", node.Label("zh"), node.Label("en"))
	}
	if ie.BenchmarkRule != BenchmarkTarget && ie.BenchmarkRule != BenchmarkMedian {
		ie.BenchmarkRule = BenchmarkMean
	}
	ie.Benchmark = RegionBenchmark(ie.BenchmarkRule, node, raw, e.d.Population)
	ie.RG = make([]float64, n)
	negative := false
	for i := 0; i < n; i++ {
		ie.RG[i] = eqRegionalScore(raw[i], ie.Benchmark, node.Direction)
		if raw[i] < 0 || ie.Benchmark < 0 {
			negative = true
		}
	}
	if negative {
		e.warn("negative-value", "", nr.ID, "%s 有负值，区域均等化得分 100·min(1, x/b) 无定义，该指标不计入区域分量 / %s has negative values: the regional score 100 min(1, x/b) is not defined and the indicator is left out of the regional component where negative", node.Label("zh"), node.Label("en"))
	}

	// Urban-rural.
	j := e.indexOf(nr.ID)
	u, r := eqCol(e.d.Urban, j), eqCol(e.d.Rural, j)
	if u == nil || r == nil {
		return ie
	}
	ie.HasUrbanRural = true
	ie.Urban, ie.Rural = u, r
	ie.Ratio = make([]float64, n)
	ie.Gap = make([]float64, n)
	ie.Behind = make([]string, n)
	ie.UR = make([]float64, n)
	negative = false
	for i := 0; i < n; i++ {
		ie.Ratio[i], ie.Gap[i], ie.Behind[i], ie.UR[i] = eqUrbanRural(u[i], r[i], node.Direction)
		if u[i] < 0 || r[i] < 0 {
			negative = true
		}
	}
	if negative {
		e.warn("negative-value", "", nr.ID, "%s 的城镇或乡村值为负，城乡比无定义 / %s has a negative urban or rural value: the urban-rural ratio is not defined there", node.Label("zh"), node.Label("en"))
	}
	return ie
}

// eqRegionalScore is 100 min(1, x/b) for higher-is-better and 100 min(1, b/x)
// for lower-is-better, with the special cases documented on
// IndicatorEqualization.RG.
func eqRegionalScore(x, b float64, dir Direction) float64 {
	switch {
	case math.IsNaN(x) || math.IsNaN(b) || x < 0 || b < 0:
		return math.NaN()
	case dir == Lower:
		if x == 0 {
			return 100
		}
		return 100 * math.Min(1, b/x)
	default:
		if b == 0 {
			return 100
		}
		return 100 * math.Min(1, x/b)
	}
}

// eqUrbanRural returns u/r, (u - r)/max(u, r), the side behind and
// 100 min(u, r)/max(u, r) for one unit, with the special cases documented
// on IndicatorEqualization.
func eqUrbanRural(u, r float64, dir Direction) (ratio, gap float64, behind string, ur float64) {
	nan := math.NaN()
	if math.IsNaN(u) || math.IsNaN(r) || u < 0 || r < 0 {
		return nan, nan, "", nan
	}
	ratio = nan
	if r > 0 {
		ratio = u / r
	}
	hi, lo := math.Max(u, r), math.Min(u, r)
	if hi == 0 {
		return ratio, 0, "", 100
	}
	gap = (u - r) / hi
	ur = 100 * lo / hi
	switch {
	case u == r:
	case (u < r) == (dir != Lower):
		behind = AreaUrban
	default:
		behind = AreaRural
	}
	return ratio, gap, behind, ur
}

// aggregate averages per-indicator component scores with the indicators'
// effective weights, renormalised per unit over the indicators with a
// score: C_i = sum_j w_j c_ij / sum_j w_j.
func (e *equalizer) aggregate(inds []*NodeResult, pick func(*IndicatorEqualization) []float64) []float64 {
	out := make([]float64, e.n)
	for i := range out {
		var sw, sx float64
		for k := range e.eq.Indicators {
			c := pick(&e.eq.Indicators[k])
			if c == nil || math.IsNaN(c[i]) {
				continue
			}
			w := inds[k].EffectiveWeight
			sw += w
			sx += w * c[i]
		}
		if sw > 0 {
			out[i] = sx / sw
		} else {
			out[i] = math.NaN()
		}
	}
	return out
}

// composite computes EI and warns about components that drop out.
func (e *equalizer) composite() {
	c := e.eq.Components
	L := e.res.Index()
	e.eq.EI = make([]float64, e.n)
	type comp struct {
		w        float64
		x        []float64
		zh, en   string
		anyValue bool
	}
	comps := []comp{
		{w: c.Level, x: L, zh: "水平指数", en: "level index"},
		{w: c.UrbanRural, x: e.eq.UR, zh: "城乡均等化分量", en: "urban-rural component"},
		{w: c.Regional, x: e.eq.RG, zh: "区域均等化分量", en: "regional component"},
	}
	for k := range comps {
		for _, v := range comps[k].x {
			if !math.IsNaN(v) {
				comps[k].anyValue = true
				break
			}
		}
		if comps[k].w > 0 && !comps[k].anyValue {
			e.warn("component-missing", "", "", "所有单位都没有%s（例如数据没有城镇/乡村分列），均等化指数按其余分量重新归一权重计算 / no unit has the %s (e.g. the data has no urban/rural columns): the equalization index uses the other components with renormalised weights", comps[k].zh, comps[k].en)
		}
	}
	for i := 0; i < e.n; i++ {
		var sw, sx float64
		var dropped []int
		for k, cp := range comps {
			if !(cp.w > 0) {
				continue
			}
			if math.IsNaN(cp.x[i]) {
				if cp.anyValue {
					dropped = append(dropped, k)
				}
				continue
			}
			sw += cp.w
			sx += cp.w * cp.x[i]
		}
		if sw > 0 {
			e.eq.EI[i] = sx / sw
		} else {
			e.eq.EI[i] = math.NaN()
		}
		for _, k := range dropped {
			unit := e.d.Unit[i]
			e.warn("component-missing", unit, "", "%s 没有%s，其均等化指数按其余分量重新归一权重计算 / %s has no %s: its equalization index uses the other components with renormalised weights", unit, comps[k].zh, unit, comps[k].en)
		}
	}
}

// eqSubject is one series the statistics and decompositions describe.
type eqSubject struct {
	id, kind string
	x        []float64
}

func (e *equalizer) subjects(withComponents, withGroups bool) []eqSubject {
	res := e.res
	out := []eqSubject{{res.Nodes[0].ID, SubjectIndex, res.Index()}, {SubjectIDEI, SubjectEI, e.eq.EI}}
	if withComponents {
		out = append(out, eqSubject{SubjectIDUR, SubjectUR, e.eq.UR}, eqSubject{SubjectIDRG, SubjectRG, e.eq.RG})
	}
	if withGroups {
		for _, nr := range res.Nodes[1:] {
			if !nr.Node.IsIndicator() {
				out = append(out, eqSubject{nr.ID, SubjectGroup, nr.Scores})
			}
		}
	}
	for _, nr := range res.IndicatorResults() {
		raw := nr.Raw
		if raw == nil {
			raw = e.d.Column(nr.ID)
		}
		out = append(out, eqSubject{nr.ID, SubjectIndicator, raw})
	}
	return out
}

// eqWeights returns weights for x: base[i] (1 when base is nil) where x
// is present, 0 where it is missing, so that the kernels skip missing
// units without copying.
func eqWeights(x, base []float64) []float64 {
	w := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if base == nil {
			w[i] = 1
		} else {
			w[i] = base[i]
		}
	}
	return w
}

// statistics fills Stats. Subjects are described in parallel into fixed
// slots, so the order (and every number) is the same as a serial run.
func (e *equalizer) statistics() {
	subs := e.subjects(true, true)
	per := 1
	if e.anyPop {
		per = 2
	}
	rows := make([]StatsRow, per*len(subs))
	eqParallel(len(subs), func(k int) {
		s := subs[k]
		rows[per*k] = StatsRow{Subject: s.id, Kind: s.kind, Stats: Describe(s.x, eqWeights(s.x, nil))}
		if e.anyPop {
			rows[per*k+1] = StatsRow{Subject: s.id, Kind: s.kind, Weighted: true, Stats: Describe(s.x, eqWeights(s.x, e.pop))}
		}
	})
	for k, s := range subs {
		if rows[per*k].Stats.Min < 0 {
			e.warn("negative-value", "", s.id, "%s 有负值，基尼系数、泰尔指数和阿特金森指数无定义 / %s has negative values: Gini, Theil and Atkinson are not defined", s.id, s.id)
		}
	}
	e.eq.Stats = rows
}

// eqParallel calls fn(0) ... fn(n-1) on up to GOMAXPROCS goroutines and
// returns when all have returned. fn must only write its own slot.
func eqParallel(n int, fn func(k int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for k := 0; k < n; k++ {
			fn(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				fn(k)
			}
		}()
	}
	wg.Wait()
}

// decompositions fills Decompositions and Dagum (computed in parallel
// into fixed slots).
func (e *equalizer) decompositions() {
	// Urban-rural cells: unit x {urban, rural}, weighted by the cell
	// populations.
	var urInds []*IndicatorEqualization
	for k := range e.eq.Indicators {
		if ie := &e.eq.Indicators[k]; ie.HasUrbanRural {
			urInds = append(urInds, ie)
		}
	}
	urRows := make([][]DecompositionRow, len(urInds))
	eqParallel(len(urInds), func(k int) {
		ie := urInds[k]
		x, w, area, unit := e.cells(ie)
		if len(x) == 0 {
			return
		}
		byArea := DecompositionRow{Subject: ie.ID, Kind: SubjectIndicator, By: ByArea, Weighted: true,
			TheilT: TheilTDecompose(x, w, area), TheilL: TheilLDecompose(x, w, area)}
		for _, g := range byArea.TheilT.Groups {
			if g.N == 0 {
				continue
			}
			switch g.Name {
			case AreaUrban:
				ie.UrbanMean = g.Mean
			case AreaRural:
				ie.RuralMean = g.Mean
			}
		}
		byUnit := DecompositionRow{Subject: ie.ID, Kind: SubjectIndicator, By: ByUnit, Weighted: true,
			TheilT: TheilTDecompose(x, w, unit), TheilL: TheilLDecompose(x, w, unit)}
		urRows[k] = []DecompositionRow{byArea, byUnit}
	})
	for _, r := range urRows {
		e.eq.Decompositions = append(e.eq.Decompositions, r...)
	}
	if e.nGroups < 2 {
		return
	}
	var base []float64
	if e.anyPop {
		base = e.pop
	}
	subs := e.subjects(false, false)
	dec := make([]DecompositionRow, len(subs))
	dag := make([]DagumRow, len(subs))
	eqParallel(len(subs), func(k int) {
		s := subs[k]
		w := eqWeights(s.x, base)
		dec[k] = DecompositionRow{Subject: s.id, Kind: s.kind, By: ByGroup, Weighted: e.anyPop,
			TheilT: TheilTDecompose(s.x, w, e.groups), TheilL: TheilLDecompose(s.x, w, e.groups)}
		dag[k] = DagumRow{Subject: s.id, Kind: s.kind, Weighted: e.anyPop, Dagum: DagumDecompose(s.x, w, e.groups)}
	})
	e.eq.Decompositions = append(e.eq.Decompositions, dec...)
	e.eq.Dagum = dag
}

// cells returns the urban and rural cells of an indicator for the units
// with both values and both populations: values, cell populations, area
// and unit names.
func (e *equalizer) cells(ie *IndicatorEqualization) (x, w []float64, area, unit []string) {
	d := e.d
	for i := 0; i < e.n; i++ {
		u, r := ie.Urban[i], ie.Rural[i]
		if !e.cellPopOK[i] || math.IsNaN(u) || math.IsNaN(r) {
			continue
		}
		x = append(x, u, r)
		w = append(w, d.PopUrban[i], d.PopRural[i])
		area = append(area, AreaUrban, AreaRural)
		unit = append(unit, d.Unit[i], d.Unit[i])
	}
	return x, w, area, unit
}
