package scoring

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/eqindex/eqindex/weights"
)

// Options selects what a run scores.
type Options struct {
	// Year picks the year to score when the data has years; 0 means the
	// latest year.
	Year int
	// IndexOnly computes the index, the group scores and the ranks only,
	// without the equalization components and the diagnosis (Result's
	// Equalization and Diagnosis stay nil): for repeated runs such as a
	// sensitivity analysis that vary the method.
	IndexOnly bool
}

// minObjectiveUnits is the fewest complete units an objective weighting
// method (entropy, CRITIC, PCA) needs; with fewer, equal weights are used
// and a warning says so.
const minObjectiveUnits = 3

// Run scores one year of ds against fw: it normalises every indicator,
// weights and aggregates up the tree, ranks the units by the index, and
// computes the equalization components and the weak-area diagnosis. It
// returns an error for problems that make the scores meaningless (a log of
// a non-positive value, a geometric mean of a zero, an inconsistent AHP
// matrix that is not allowed); everything else is a Warning in the Result.
//
// With several years in ds, every year is normalised (and TOPSIS-aggregated)
// over its own units, while objective weights (entropy, CRITIC, PCA) are
// computed on the unit-years of all years pooled, so that the weights, and
// with them the scores, stay comparable from year to year. The Result holds
// the year opt.Year (default: the latest).
func Run(fw *Framework, ds *Dataset, opt Options) (*Result, error) {
	year := opt.Year
	if ds.HasYear() {
		years := ds.Years()
		if year == 0 {
			year = years[len(years)-1]
		} else if !containsInt(years, year) {
			return nil, fmt.Errorf("year %d is not in the data (years: %s)", year, joinInts(years))
		}
	} else if year != 0 {
		return nil, fmt.Errorf("the data has no year column, so --year %d cannot be used", year)
	}
	if ds.Rows() == 0 {
		return nil, errors.New("no units to score")
	}
	s := &run{fw: fw, d: ds, res: &Result{Framework: fw, Year: year}, byID: map[string]*NodeResult{}}
	s.stratify(year)
	if _, err := s.node(fw.Root, nil, 0); err != nil {
		return nil, err
	}
	res := s.res
	sort.SliceStable(res.Nodes, func(a, b int) bool { return s.order[res.Nodes[a].ID] < s.order[res.Nodes[b].ID] })
	// Effective weight: the product of local weights from the root down
	// (parents come before children in framework order).
	for _, nr := range res.Nodes {
		if nr.Depth == 0 {
			nr.LocalWeight, nr.EffectiveWeight = 1, 1
			continue
		}
		nr.EffectiveWeight = s.byID[nr.Parent].EffectiveWeight * nr.LocalWeight
	}

	// Keep the reported year's rows.
	rows := s.strata[s.sel]
	d := ds.SelectRows(rows)
	res.Unit, res.Code, res.Group, res.Population = d.Unit, d.Code, d.Group, d.Population
	for _, nr := range res.Nodes {
		nr.Scores = pickFloats(nr.Scores, rows)
		nr.Why = pickStrings(nr.Why, rows)
		if nr.Raw != nil {
			nr.Raw = pickFloats(nr.Raw, rows)
		}
	}
	res.Rank = CompetitionRanks(res.Index())
	res.Weak = make([]bool, len(rows))
	res.WeakReasons = make([][]string, len(rows))
	if opt.IndexOnly {
		return res, nil
	}
	eq, err := Equalize(fw, d, res)
	if err != nil {
		return nil, err
	}
	res.Equalization = eq
	diag, err := Diagnose(fw, d, res)
	if err != nil {
		return nil, err
	}
	res.Diagnosis = diag
	return res, nil
}

type run struct {
	fw    *Framework
	d     *Dataset // all years
	res   *Result
	byID  map[string]*NodeResult
	order map[string]int

	strata [][]int // rows of each year (one stratum without years)
	sel    int     // the stratum reported
	isSel  []bool  // whether a row belongs to the reported stratum
}

// stratify splits the rows by year and marks the reported year's rows.
func (s *run) stratify(year int) {
	s.isSel = make([]bool, s.d.Rows())
	if !s.d.HasYear() {
		all := make([]int, s.d.Rows())
		for i := range all {
			all[i] = i
			s.isSel[i] = true
		}
		s.strata = [][]int{all}
		return
	}
	for k, y := range s.d.Years() {
		var rows []int
		for i, ry := range s.d.Year {
			if ry == y {
				rows = append(rows, i)
				s.isSel[i] = y == year
			}
		}
		if y == year {
			s.sel = k
		}
		s.strata = append(s.strata, rows)
	}
}

// warnRow records a warning about row i, if it is in the reported year.
func (s *run) warnRow(i int, code, ind, format string, args ...any) {
	if s.isSel[i] {
		s.warn(code, s.d.Unit[i], ind, format, args...)
	}
}

func (s *run) warn(code, unit, ind, format string, args ...any) {
	s.res.Warnings = append(s.res.Warnings, Warning{Code: code, Unit: unit, Indicator: ind, Msg: fmt.Sprintf(format, args...)})
}

// node scores n and everything below it and returns n's scores.
func (s *run) node(n *Node, parent *Node, depth int) (*NodeResult, error) {
	if s.order == nil {
		s.order = map[string]int{}
		k := 0
		s.fw.Root.Walk(func(m *Node, _ int) { s.order[m.ID] = k; k++ })
	}
	nr := &NodeResult{Node: n, ID: n.ID, Depth: depth}
	if parent != nil {
		nr.Parent = parent.ID
	}
	s.res.Nodes = append(s.res.Nodes, nr)
	s.byID[n.ID] = nr
	rows := s.d.Rows()
	nr.Why = make([]string, rows)
	if n.IsIndicator() {
		return nr, s.indicator(n, nr)
	}

	// Children first: objective weighting methods need their scores.
	kids := make([]*NodeResult, len(n.Children))
	for j, c := range n.Children {
		kr, err := s.node(c, n, depth+1)
		if err != nil {
			return nil, err
		}
		kids[j] = kr
	}
	info, err := s.groupWeights(n, kids)
	if err != nil {
		return nil, err
	}
	nr.Weighting = info
	for j, kr := range kids {
		kr.LocalWeight = info.Weights[j]
	}

	nr.Scores = make([]float64, rows)
	if err := s.aggregate(n, nr, kids, info.Weights); err != nil {
		return nil, err
	}
	return nr, nil
}

func (s *run) indicator(n *Node, nr *NodeResult) error {
	raw := s.d.Column(n.ID)
	if raw == nil {
		return fmt.Errorf("indicator %s (%s) has no data column", n.ID, n.Label("zh"))
	}
	nr.Raw = raw
	nr.Scores = make([]float64, len(raw))
	for k, rows := range s.strata {
		x := pickFloats(raw, rows)
		bench := math.NaN()
		if n.Normalisation == Ratio {
			bench = RegionBenchmark(s.fw.Benchmark, n, x, pickFloats(s.d.Population, rows))
		}
		scores, info, err := normaliseIndicator(n, x, bench)
		if err != nil {
			return err
		}
		for r, i := range rows {
			nr.Scores[i] = scores[r]
		}
		if k != s.sel {
			continue
		}
		nr.Norm = info
		if info.Constant {
			s.warn("constant-column", "", n.ID, "%s：所有单位取值相同，不提供区分信息（每个单位得同一分数） / %s: every unit has the same value, so it does not discriminate (all units get the same score)", n.Label("zh"), n.Label("en"))
		}
		if info.Clipped > 0 {
			s.warn("winsorised", "", n.ID, "%s：%d 个值按均值±%g 倍标准差截尾 / %s: %d values winsorised at mean ± %g sd", n.Label("zh"), info.Clipped, n.Winsorise, n.Label("en"), info.Clipped, n.Winsorise)
		}
	}
	for i, v := range raw {
		if math.IsNaN(v) {
			nr.Why[i] = "缺失 / missing"
		}
	}
	return nil
}

// RegionBenchmark returns the region benchmark of an indicator on its
// natural scale, the reference of the ratio normalisation, the regional
// component RG and the gaps to the benchmark:
//
//	rule "target" and a target set: the plan target
//	rule "median":                  the weighted median of the units with a value
//	otherwise ("mean"):             the weighted mean  sum_i P_i x_i / sum_i P_i
//
// The weights P_i are the units' populations when every unit with a value
// has a positive population, and 1 otherwise (a mix of populations and
// ones would let a unit without a population count as one person).
func RegionBenchmark(rule string, n *Node, x, pop []float64) float64 {
	if rule == BenchmarkTarget && n.Target != nil {
		return *n.Target
	}
	vals, w := presentWeighted(x, pop)
	if rule == BenchmarkMedian {
		return weightedMedian(vals, w)
	}
	return weightedMean(vals, w)
}

// aggregate fills nr.Scores from the children's scores.
//
// A geometric or harmonic mean of a score <= 0 is an error: dropping the
// child would silently raise the unit's score, and the mean of a zero is
// zero (geometric) or undefined (harmonic). geometric_floor is the way out.
func (s *run) aggregate(n *Node, nr *NodeResult, kids []*NodeResult, w []float64) error {
	rows := s.d.Rows()
	if n.Aggregation == TOPSIS {
		s.aggregateTOPSIS(nr, kids, w)
		return nil
	}
	sc := make([]float64, len(kids))
	for i := 0; i < rows; i++ {
		for j, kr := range kids {
			sc[j] = kr.Scores[i]
		}
		if cov := coverage(sc, w); cov < s.fw.MinCoverage || cov == 0 {
			nr.Scores[i] = math.NaN()
			nr.Why[i] = fmt.Sprintf("数据覆盖率 %.0f%% 低于要求 %.0f%% / data coverage %.0f%% below the required %.0f%%", 100*cov, 100*s.fw.MinCoverage, 100*cov, 100*s.fw.MinCoverage)
			s.warnRow(i, "low-coverage", n.ID, "%s 在 %s 的数据覆盖率为 %.0f%%，低于 %.0f%%，该组无得分 / %s has data for %.0f%% of the weight of %s, below %.0f%%: no group score", s.d.Unit[i], n.Label("zh"), 100*cov, 100*s.fw.MinCoverage, s.d.Unit[i], 100*cov, n.Label("en"), 100*s.fw.MinCoverage)
			continue
		}
		v, err := aggregateUnit(n.Aggregation, sc, w, n.GeometricFloor, n.Children)
		if err != nil {
			year := ""
			if s.d.Year[i] != 0 {
				year = fmt.Sprintf(" (%d)", s.d.Year[i])
			}
			return fmt.Errorf("group %s, unit %s%s: %w", n.ID, s.d.Unit[i], year, err)
		}
		nr.Scores[i] = v
	}
	return nil
}

// aggregateTOPSIS scores, year by year, the units with every child present
// by TOPSIS closeness (x 100) over the children's scores with vector
// normalisation.
func (s *run) aggregateTOPSIS(nr *NodeResult, kids []*NodeResult, w []float64) {
	for i := range nr.Scores {
		nr.Scores[i] = math.NaN()
		nr.Why[i] = "TOPSIS 需要全部下级指标有数据 / TOPSIS needs every child to have data"
	}
	for _, stratum := range s.strata {
		rows := completeRows(kids, stratum)
		c := TOPSISCloseness(columnsAt(kids, rows), w, TOPSISVector)
		for k, i := range rows {
			nr.Scores[i] = 100 * c[k]
			nr.Why[i] = ""
		}
	}
}

// groupWeights works out the local weights of n's children.
func (s *run) groupWeights(n *Node, kids []*NodeResult) (*WeightInfo, error) {
	info := &WeightInfo{Method: n.Weighting, Aggregation: n.Aggregation}
	for _, c := range n.Children {
		info.Children = append(info.Children, c.ID)
	}
	if n.Weighting == Combined {
		a, err := s.methodWeights(n, n.CombinedOf[0], kids, info)
		if err != nil {
			return nil, err
		}
		b, err := s.methodWeights(n, n.CombinedOf[1], kids, info)
		if err != nil {
			return nil, err
		}
		if n.CombinedAlpha < 0 {
			if !overlap(a, b) {
				return nil, fmt.Errorf("group %s: the product of %s and %s weights is zero for every child (no child has a positive weight under both)", n.ID, n.CombinedOf[0], n.CombinedOf[1])
			}
			info.Weights = weights.Product(a, b)
			info.Note = fmt.Sprintf("product of %s and %s weights, renormalised", n.CombinedOf[0], n.CombinedOf[1])
		} else {
			info.Weights = weights.Linear(a, b, n.CombinedAlpha)
			info.Note = fmt.Sprintf("%g × %s + %g × %s", n.CombinedAlpha, n.CombinedOf[0], 1-n.CombinedAlpha, n.CombinedOf[1])
		}
		if info.PerChild == nil {
			info.PerChild = map[string][]float64{}
		}
		info.PerChild["w_"+n.CombinedOf[0]] = a
		info.PerChild["w_"+n.CombinedOf[1]] = b
		return info, nil
	}
	w, err := s.methodWeights(n, n.Weighting, kids, info)
	if err != nil {
		return nil, err
	}
	info.Weights = w
	return info, nil
}

// methodWeights computes the weights of one (non-combined) method and
// records its diagnostics in info.
func (s *run) methodWeights(n *Node, method string, kids []*NodeResult, info *WeightInfo) ([]float64, error) {
	k := len(n.Children)
	per := func(name string, v []float64) {
		if info.PerChild == nil {
			info.PerChild = map[string][]float64{}
		}
		info.PerChild[name] = v
	}
	diag := func(name string, v float64) {
		if info.Diagnostics == nil {
			info.Diagnostics = map[string]float64{}
		}
		info.Diagnostics[name] = v
	}
	switch method {
	case Fixed:
		raw := make([]float64, k)
		for j, c := range n.Children {
			raw[j] = c.Weight
		}
		return weights.Normalize(raw), nil
	case Equal:
		return weights.Equal(k), nil
	case AHP:
		m, err := weights.PairwiseMatrix(info.Children, n.Pairwise)
		if err != nil {
			return nil, fmt.Errorf("group %s: %w", n.ID, err)
		}
		r, err := weights.AHP(m)
		if err != nil {
			return nil, fmt.Errorf("group %s: %w", n.ID, err)
		}
		diag("lambda_max", r.LambdaMax)
		diag("ci", r.CI)
		diag("ri", r.RI)
		diag("cr", r.CR)
		if !r.Acceptable {
			if !n.AllowInconsistent {
				return nil, fmt.Errorf("group %s: AHP judgements are inconsistent: CR = %.4f >= 0.10 (revise the pairwise judgements, or set allow_inconsistent: true to use them with a warning)", n.ID, r.CR)
			}
			s.warn("ahp-inconsistent", "", n.ID, "%s：AHP 一致性比率 CR = %.4f ≥ 0.10，按 allow_inconsistent 继续使用 / %s: AHP consistency ratio CR = %.4f >= 0.10, used because allow_inconsistent is set", n.Label("zh"), r.CR, n.Label("en"), r.CR)
		}
		return r.W, nil
	case Entropy, CRITIC, PCA:
		rows := completeRows(kids, allRows(s.d.Rows()))
		if len(rows) < minObjectiveUnits {
			s.warn("objective-fallback", "", n.ID, "%s：只有 %d 个单位数据完整，%s 赋权至少需要 %d 个，改用等权 / %s: only %d units have complete data, %s weighting needs %d: equal weights used", n.Label("zh"), len(rows), method, minObjectiveUnits, n.Label("en"), len(rows), method, minObjectiveUnits)
			return weights.Equal(k), nil
		}
		cols := columnsAt(kids, rows)
		diag("units", float64(len(rows)))
		if len(s.strata) > 1 {
			diag("years", float64(len(s.strata)))
			info.Note = fmt.Sprintf("computed on %d unit-years pooled over %d years", len(rows), len(s.strata))
		}
		switch method {
		case Entropy:
			r := weights.Entropy(cols, n.EntropyShift)
			per("e", r.E)
			per("d", r.D)
			if r.Fallback {
				s.warn("objective-fallback", "", n.ID, "%s：各指标均无差异，熵权法退化为等权 / %s: no child varies, entropy weights fall back to equal", n.Label("zh"), n.Label("en"))
			}
			return r.W, nil
		case CRITIC:
			r := weights.CRITIC(cols)
			per("sd", r.SD)
			per("conflict", r.Conflict)
			per("information", r.Info)
			if r.Fallback {
				s.warn("objective-fallback", "", n.ID, "%s：CRITIC 信息量全为 0，改用等权 / %s: CRITIC information is zero for every child, equal weights used", n.Label("zh"), n.Label("en"))
			}
			return r.W, nil
		default:
			r, err := weights.PCA(cols)
			if err != nil {
				return nil, fmt.Errorf("group %s: %w", n.ID, err)
			}
			// The retained components' eigenvalues and shares of variance.
			for c := 0; c < r.Retained && c < len(r.Eigenvalues); c++ {
				diag(fmt.Sprintf("eigenvalue_%d", c+1), r.Eigenvalues[c])
				diag(fmt.Sprintf("explained_%d", c+1), r.ExplainedShare[c])
			}
			diag("retained", float64(r.Retained))
			component := make([]float64, len(r.Assigned))
			for j, a := range r.Assigned {
				component[j] = float64(a + 1)
			}
			per("component", component)
			return r.W, nil
		}
	}
	return nil, fmt.Errorf("group %s: unknown weighting %q", n.ID, method)
}

// overlap reports whether some child has a positive weight in both a and b.
func overlap(a, b []float64) bool {
	for j := range a {
		if a[j] > 0 && b[j] > 0 {
			return true
		}
	}
	return false
}

// allRows returns 0, 1, ..., n-1.
func allRows(n int) []int {
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}

// completeRows returns those of rows where every child has a score.
func completeRows(kids []*NodeResult, rows []int) []int {
	var out []int
	for _, i := range rows {
		ok := true
		for _, kr := range kids {
			if math.IsNaN(kr.Scores[i]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// columnsAt returns the children's scores at the given rows, one column per
// child (higher is better: scores are direction aware).
func columnsAt(kids []*NodeResult, rows []int) [][]float64 {
	cols := make([][]float64, len(kids))
	for j, kr := range kids {
		cols[j] = make([]float64, len(rows))
		for k, i := range rows {
			cols[j][k] = kr.Scores[i]
		}
	}
	return cols
}

func containsInt(a []int, v int) bool {
	for _, x := range a {
		if x == v {
			return true
		}
	}
	return false
}

func joinInts(a []int) string {
	parts := make([]string, len(a))
	for i, v := range a {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}

// PopulationWeighted reports whether every unit with a value of x has a
// positive population in pop: then RegionBenchmark weights by population,
// otherwise it does not weight at all.
func PopulationWeighted(x, pop []float64) bool {
	if pop == nil {
		return false
	}
	for i, v := range x {
		if !math.IsNaN(v) && !(pop[i] > 0) {
			return false
		}
	}
	return true
}

// presentWeighted returns the values of x present (non-NaN) and their
// weights: w where every present value has a positive weight, else all 1
// (also when w is nil).
func presentWeighted(x, w []float64) (vals, wts []float64) {
	useW := PopulationWeighted(x, w)
	for _, v := range x {
		if !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	wts = make([]float64, 0, len(vals))
	for i, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if useW {
			wts = append(wts, w[i])
		} else {
			wts = append(wts, 1)
		}
	}
	return vals, wts
}

func weightedMean(x, w []float64) float64 {
	var sw, sx float64
	for i, v := range x {
		sw += w[i]
		sx += w[i] * v
	}
	if sw == 0 {
		return math.NaN()
	}
	return sx / sw
}

// weightedMedian returns the smallest x at which the cumulative weight
// reaches half the total (the lower weighted median).
func weightedMedian(x, w []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	idx := make([]int, len(x))
	var total float64
	for i := range idx {
		idx[i] = i
		total += w[i]
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	var cum float64
	for _, i := range idx {
		cum += w[i]
		if cum >= total/2 {
			return x[i]
		}
	}
	return x[idx[len(idx)-1]]
}
