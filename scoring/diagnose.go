package scoring

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Diagnosis rule names, as they appear in Finding.Rule and diagnosis.csv.
// The first five are unit-level rules: when one fires the unit is flagged
// as a weak area (Result.Weak). The others describe a unit's weak domains
// (短板), missed targets and data gaps; they are reported in its profile
// but do not flag the unit by themselves, because nearly every unit
// misses some target somewhere and such a flag would say nothing.
const (
	RuleIndexSD    = "index-sd"       // index < mean - k sd (flags)
	RuleQuantile   = "index-quantile" // index among the bottom share of units (flags)
	RuleFloor      = "index-floor"    // index < floor (flags)
	RuleUrbanRural = "urban-rural"    // urban-rural component < threshold (flags)
	RuleRegional   = "regional"       // regional component < threshold (flags)
	RuleGroupSD    = "group-sd"       // top-level group < its mean - group_k sd (短板)
	RuleGroupFloor = "group-floor"    // top-level group < group_floor (短板)
	RuleTarget     = "target"         // indicator misses its plan target
	RuleMissing    = "missing"        // indicator has no data for the unit
)

// Indexes the weak-area rules can read (WeakRules.Index).
const (
	IndexLevel = "level" // the level index L (Result.Index)
	IndexEI    = "ei"    // the composite equalization index EI
)

// topObstacles is how many indicators a profile lists as holding a unit
// back most; profileSides is how many groups and indicators it lists as
// strengths and as weaknesses.
const (
	topObstacles = 5
	profileSides = 3
)

// Diagnosis is the weak-area diagnosis of one scored year: the rules that
// were applied, the region statistics they used and a profile per unit.
// Per-indicator slices are in framework order (Indicators); per-group
// slices follow Groups (the top-level groups in framework order).
type Diagnosis struct {
	// Rules are the weak-area rules applied.
	Rules WeakRules
	// Index is the index the unit-level rules, grades and peer ranks read:
	// IndexLevel, or IndexEI when the framework asks for it and the
	// equalization index is available.
	Index string
	// Values is that index per unit (NaN where the unit has none).
	Values []float64
	// Mean and SD are the mean and sample sd (n - 1) of Values over the
	// units with a value (SD is NaN with fewer than two).
	Mean, SD float64
	// QuantileCut is the highest index among the units in the bottom
	// Rules.Quantile share (NaN when the rule is off or flags nobody).
	QuantileCut float64

	// Groups are the ids of the top-level groups; GroupMean and GroupSD
	// are each group's mean and sample sd over the units with a score.
	Groups             []string
	GroupMean, GroupSD []float64

	// Indicators are the indicator ids; Benchmark is each indicator's
	// region benchmark on its natural scale (RegionBenchmark: the mean or
	// median of the units with data, or the plan target where there is
	// one), BenchmarkWeighted whether that mean or median is weighted by
	// population (PopulationWeighted), and ScoreMean the unweighted mean of
	// its normalised scores.
	Indicators        []string
	Benchmark         []float64
	BenchmarkWeighted []bool
	ScoreMean         []float64

	// ObstacleZ says how the normalised scores were turned into z in
	// [0, 1] for the obstacle degree, per indicator: "score/100", or
	// "minmax of scores" for z-score normalised indicators.
	ObstacleZ []string

	// Units holds the profile of each unit, in input order.
	Units []UnitDiagnosis
}

// UnitDiagnosis is one unit's profile.
type UnitDiagnosis struct {
	Unit  string
	Index float64 // the index the rules read (Diagnosis.Index); NaN if none
	Grade string  // grade band of Index ("" when Index is missing)
	// Flagged reports whether a unit-level rule fired (the unit is a weak
	// area).
	Flagged bool
	// Findings lists every rule that fired, unit-level rules first, then
	// weak domains, missed targets and missing data in framework order.
	Findings []Finding

	// Groups and Indicators compare the unit with the region on every
	// top-level group and indicator.
	Groups     []Deviation
	Indicators []Deviation
	// Strengths lists up to three top-level groups and then up to three
	// indicators where the unit is furthest above the region mean score,
	// largest difference first; Weaknesses those furthest below.
	Strengths, Weaknesses []Deviation

	// ObstacleDegree is O_j = w_j (1 - z_j) per indicator and Obstacle its
	// share O_j / sum_k O_k over the indicators the unit has data for
	// (NaN for the others). GroupObstacle sums the shares per top-level
	// group. TopObstacles indexes the up to five indicators with the
	// largest positive shares, largest first.
	ObstacleDegree []float64
	Obstacle       []float64
	GroupObstacle  []float64
	TopObstacles   []int

	// Gaps holds, per indicator, the gaps to the target, to the region
	// benchmark and between urban and rural, in the indicator's unit.
	Gaps []Gap

	// PeerGroup is the unit's region group (Dataset.Group); PeerRank is its
	// competition rank by Index among the PeerCount units of that group
	// with an index (0 when it has no group or no index).
	PeerGroup           string
	PeerRank, PeerCount int

	// Missing lists the indicators the unit has no data for.
	Missing []string

	// Summary and SummaryEN describe the unit in one line: its index, the
	// unit-level rules that fired and its weakest domains.
	Summary, SummaryEN string
}

// Finding is one rule that fired for a unit.
type Finding struct {
	Rule string // one of the Rule constants
	// Subject is what the rule looked at: "" for the index, a top-level
	// group id, an indicator id, or "urban_rural" / "regional" for the
	// equalization components.
	Subject string
	// Value is what the rule compared: the index (index rules, Threshold
	// being mean - k sd, the highest index in the bottom share, or the
	// floor), the component (urban-rural, regional), the group score
	// (weak domains) or the indicator's natural-scale value (targets,
	// Threshold being the target). Both are NaN for missing data.
	Value, Threshold float64
	// Flags reports whether the rule flags the unit as a weak area.
	Flags bool
	// Msg and MsgEN say what happened in plain language. They are empty
	// for target findings, whose text is made on demand from the gap:
	// call Text.
	Msg, MsgEN string

	gap *Gap // for target findings: the gap the text is made from
}

// Text returns the finding in plain language, Chinese and English.
// Sentences about missed targets are written only when asked for, since a
// national-scale run has hundreds of thousands of them.
func (f Finding) Text() (zh, en string) {
	if f.gap != nil && f.Msg == "" {
		return diagTargetText(f.gap.node, *f.gap)
	}
	return f.Msg, f.MsgEN
}

// Deviation compares a unit with the region on one group or indicator.
type Deviation struct {
	ID string
	// Score is the unit's normalised (or group) score, Region the
	// unweighted mean score of the units with one, Diff = Score - Region
	// (positive: better than the region, in score points).
	Score, Region, Diff float64
	// For indicators (NaN for groups): Value is the unit's value on the
	// natural scale, Benchmark the region benchmark, and Ahead =
	// d (Value - Benchmark) with d = +1 for higher-is-better and -1 for
	// lower-is-better indicators, so Ahead > 0 means better than the
	// benchmark, in the indicator's own unit.
	Value, Benchmark, Ahead float64
}

// Gap holds the gaps of one unit on one indicator, on the indicator's
// natural scale, signed so that a positive gap is an improvement still
// needed: with d = +1 (higher is better) or -1 (lower is better),
//
//	ToTarget    = d (Target - Value)
//	ToBenchmark = d (Benchmark - Value)
//	RuralBehind = d (Urban - Rural)
//
// A value <= 0 means the target is met, the unit is at or ahead of the
// benchmark, or rural is at or ahead of urban. Fields are NaN when the
// inputs are missing (no target, no urban/rural split, no value).
type Gap struct {
	ID          string
	Value       float64
	Target      float64
	ToTarget    float64
	Benchmark   float64
	ToBenchmark float64
	Urban       float64
	Rural       float64
	RuralBehind float64
	node        *Node  // the indicator, for the texts
	benchKind   string // the framework's benchmark, for the texts
	// benchWeighted: the benchmark is weighted by population, for the texts
	benchWeighted bool
}

// components are the per-unit equalization components the rules read.
type components struct {
	ur, rg, ei []float64
}

// equalizationComponents takes the urban-rural, regional and composite
// components from eq (nil slices when eq is nil).
func equalizationComponents(eq *Equalization) components {
	if eq == nil {
		return components{}
	}
	return components{ur: eq.UR, rg: eq.RG, ei: eq.EI}
}

// Diagnose applies the weak-area rules (fw.Weak) to a scored year d and
// builds each unit's profile: grade, findings, strengths and weaknesses,
// obstacle degrees, gaps and rank among peers. It runs after Equalize
// (res.Equalization supplies the urban-rural, regional and EI components)
// and is the authority on weak areas: it overwrites res.Weak and
// res.WeakReasons with the result of the full rule set. Problems (an
// equalization index asked for but not available) are added to
// res.Warnings. d is the dataset res was scored from; it supplies the urban and
// rural values and may be nil when there are none.
//
// Unit-level rules, each with the index I chosen by fw.Weak.Index (level
// index L or equalization index EI), mean m and sample sd s over the units
// with an index:
//
//	index-sd        I < m - k s                  (k > 0, s > 0)
//	index-quantile  rank of I > n - round(q n)   (q > 0; at least one unit)
//	index-floor     I < floor                    (floor not NaN)
//	urban-rural     UR < urban_rural_below       (threshold not NaN)
//	regional        RG < regional_below          (threshold not NaN)
//
// Profile findings (do not flag the unit): a top-level group score below
// its mean - group_k sd or below group_floor (短板), an indicator value that
// misses its plan target (fw.Weak.Target), an indicator without data.
func Diagnose(fw *Framework, d *Dataset, res *Result) (*Diagnosis, error) {
	return diagnose(fw, d, res, equalizationComponents(res.Equalization)), nil
}

// diagnose is Diagnose with the equalization components given explicitly.
func diagnose(fw *Framework, d *Dataset, res *Result, comp components) *Diagnosis {
	rules := fw.Weak
	n := len(res.Unit)
	dg := &Diagnosis{Rules: rules, Index: IndexLevel, Values: res.Index(), QuantileCut: math.NaN()}
	if strings.EqualFold(rules.Index, IndexEI) {
		if len(comp.ei) == n && len(present(comp.ei)) > 0 {
			dg.Index, dg.Values = IndexEI, comp.ei
		} else {
			res.Warnings = append(res.Warnings, Warning{Code: "weak-index-fallback",
				Msg: "薄弱地区规则设定读取均等化指数 EI，但本次没有可用的 EI（缺少城乡或区域分量），改用综合水平指数 / the weak-area rules are set to read the equalization index EI, but no EI is available in this run (urban-rural or regional components missing): the level index is used instead"})
		}
	}
	dg.Mean, dg.SD = meanSD(present(dg.Values))
	// Quantile grade bands take their thresholds from this run's index.
	dg.Rules.Grades = resolveGrades(rules.Grades, dg.Values)
	rules = dg.Rules

	top := res.TopGroups()
	inds := res.IndicatorResults()
	for _, g := range top {
		m, s := meanSD(present(g.Scores))
		dg.Groups = append(dg.Groups, g.ID)
		dg.GroupMean = append(dg.GroupMean, m)
		dg.GroupSD = append(dg.GroupSD, s)
	}
	// topOf[j] is the position in top of the top-level group above
	// indicator j (-1 for an indicator directly under the root).
	topOf := make([]int, len(inds))
	for j, nr := range inds {
		dg.Indicators = append(dg.Indicators, nr.ID)
		dg.Benchmark = append(dg.Benchmark, RegionBenchmark(fw.Benchmark, nr.Node, nr.Raw, res.Population))
		dg.BenchmarkWeighted = append(dg.BenchmarkWeighted, PopulationWeighted(nr.Raw, res.Population))
		m, _ := meanSD(present(nr.Scores))
		dg.ScoreMean = append(dg.ScoreMean, m)
		topOf[j] = diagTopAncestor(res, nr, top)
		if nr.Norm != nil && nr.Norm.Method == ZScore {
			dg.ObstacleZ = append(dg.ObstacleZ, "minmax of scores")
		} else {
			dg.ObstacleZ = append(dg.ObstacleZ, "score/100")
		}
	}
	z := diagObstacleZ(inds)
	ew := make([]float64, len(inds))
	for j, nr := range inds {
		ew[j] = nr.EffectiveWeight
	}

	// Unit-level thresholds.
	scored := len(present(dg.Values))
	ranks := CompetitionRanks(dg.Values)
	bottom := 0
	// The bottom share needs others to be compared with: one unit alone is
	// never "in the bottom fifth".
	if rules.Quantile > 0 && scored > 1 {
		bottom = int(math.Floor(rules.Quantile*float64(scored) + 0.5))
		if bottom < 1 {
			bottom = 1
		}
	}
	if bottom > 0 {
		for i, v := range dg.Values {
			if !math.IsNaN(v) && ranks[i] > scored-bottom && !(v <= dg.QuantileCut) {
				dg.QuantileCut = v
			}
		}
	}
	peerRank, peerCount := diagPeerRanks(dg.Values, res.Group)
	urban, rural := diagUrbanRural(d, dg.Indicators)

	res.Weak = make([]bool, n)
	res.WeakReasons = make([][]string, n)
	for i := 0; i < n; i++ {
		u := UnitDiagnosis{Unit: res.Unit[i], Index: dg.Values[i], Grade: diagGrade(rules.Grades, dg.Values[i])}
		if i < len(res.Group) {
			u.PeerGroup = res.Group[i]
			u.PeerRank, u.PeerCount = peerRank[i], peerCount[i]
		}
		dg.unitRules(&u, i, ranks[i], scored, bottom, comp)
		u.Groups = make([]Deviation, len(top))
		for g, nr := range top {
			s := nr.Scores[i]
			u.Groups[g] = Deviation{ID: nr.ID, Score: s, Region: dg.GroupMean[g], Diff: s - dg.GroupMean[g],
				Value: math.NaN(), Benchmark: math.NaN(), Ahead: math.NaN()}
			dg.groupRules(&u, nr, g, s)
		}
		u.Indicators = make([]Deviation, len(inds))
		u.Gaps = make([]Gap, len(inds))
		for j, nr := range inds {
			node, x := nr.Node, nr.Raw[i]
			dir := float64(node.Direction)
			if dir == 0 {
				dir = 1
			}
			u.Indicators[j] = Deviation{ID: nr.ID, Score: nr.Scores[i], Region: dg.ScoreMean[j],
				Diff: nr.Scores[i] - dg.ScoreMean[j], Value: x, Benchmark: dg.Benchmark[j],
				Ahead: dir * (x - dg.Benchmark[j])}
			gap := diagGap(node, x, dg.Benchmark[j], diagAt(urban[j], i), diagAt(rural[j], i), fw.Benchmark, dg.BenchmarkWeighted[j])
			u.Gaps[j] = gap
			if math.IsNaN(x) {
				u.Missing = append(u.Missing, nr.ID)
			}
		}
		// Targets and missing data, in framework order.
		for j, nr := range inds {
			gap := u.Gaps[j]
			if math.IsNaN(gap.Value) {
				u.Findings = append(u.Findings, Finding{Rule: RuleMissing, Subject: nr.ID, Value: math.NaN(), Threshold: math.NaN(),
					Msg:   fmt.Sprintf("%s：无数据，未参与诊断（该项得分、障碍度和差距均缺失）", nr.Node.Label("zh")),
					MsgEN: fmt.Sprintf("%s: no data, left out of the diagnosis (no score, obstacle degree or gap)", nr.Node.Label("en"))})
				continue
			}
			if rules.Target && gap.ToTarget > 0 {
				u.Findings = append(u.Findings, Finding{Rule: RuleTarget, Subject: nr.ID, Value: gap.Value, Threshold: gap.Target, gap: &u.Gaps[j]})
			}
		}
		u.Strengths, u.Weaknesses = diagSides(u.Groups, u.Indicators)
		dg.obstacles(&u, i, z, ew, topOf, len(top))
		u.Summary, u.SummaryEN = dg.unitSummary(&u, res, top)
		if u.Flagged {
			res.Weak[i] = true
			for _, f := range u.Findings {
				if f.Flags {
					zh, en := f.Text()
					res.WeakReasons[i] = append(res.WeakReasons[i], zh+" / "+en)
				}
			}
			if zh, en := diagWeakestDomains(u.Weaknesses, res, "zh"), diagWeakestDomains(u.Weaknesses, res, "en"); zh != "" {
				res.WeakReasons[i] = append(res.WeakReasons[i], "最弱领域："+zh+" / weakest domains: "+en)
			}
		}
		dg.Units = append(dg.Units, u)
	}
	return dg
}

// indexName names the index the rules read.
func (dg *Diagnosis) indexName(lang string) string {
	if dg.Index == IndexEI {
		return diagTr(lang, "均等化指数", "equalization index")
	}
	return diagTr(lang, "综合指数", "index")
}

func diagTr(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// unitRules applies the unit-level rules to unit i.
func (dg *Diagnosis) unitRules(u *UnitDiagnosis, i, rank, scored, bottom int, comp components) {
	rules, v := dg.Rules, dg.Values[i]
	add := func(f Finding) {
		f.Flags = true
		u.Flagged = true
		u.Findings = append(u.Findings, f)
	}
	if !math.IsNaN(v) {
		if rules.K > 0 && dg.SD > 0 {
			if t := dg.Mean - rules.K*dg.SD; v < t {
				below := (dg.Mean - v) / dg.SD
				add(Finding{Rule: RuleIndexSD, Value: v, Threshold: t,
					Msg: fmt.Sprintf("%s %s，低于均值 %s 个标准差（阈值：均值 %s − %s×标准差 %s = %s）",
						dg.indexName("zh"), diagF1(v), diagF1(below), diagF1(dg.Mean), diagHuman(rules.K), diagF1(dg.SD), diagF1(t)),
					MsgEN: fmt.Sprintf("%s %s, %s sd below the mean (threshold: mean %s − %s × sd %s = %s)",
						dg.indexName("en"), diagF1(v), diagF1(below), diagF1(dg.Mean), diagHuman(rules.K), diagF1(dg.SD), diagF1(t))})
			}
		}
		if bottom > 0 && rank > scored-bottom {
			lowest := fmt.Sprintf("the lowest %d units", bottom)
			if bottom == 1 {
				lowest = "the lowest unit"
			}
			add(Finding{Rule: RuleQuantile, Value: v, Threshold: dg.QuantileCut,
				Msg: fmt.Sprintf("%s %s，排名 %d/%d，位于后 %s（最低的 %d 个单位）",
					dg.indexName("zh"), diagF1(v), rank, scored, diagPct(rules.Quantile), bottom),
				MsgEN: fmt.Sprintf("%s %s, rank %d of %d, in the bottom %s (%s)",
					dg.indexName("en"), diagF1(v), rank, scored, diagPct(rules.Quantile), lowest)})
		}
		if !math.IsNaN(rules.Floor) && v < rules.Floor {
			add(Finding{Rule: RuleFloor, Value: v, Threshold: rules.Floor,
				Msg:   fmt.Sprintf("%s %s，低于最低线 %s", dg.indexName("zh"), diagF1(v), diagHuman(rules.Floor)),
				MsgEN: fmt.Sprintf("%s %s, below the floor of %s", dg.indexName("en"), diagF1(v), diagHuman(rules.Floor))})
		}
	}
	if x := diagAt(comp.ur, i); !math.IsNaN(rules.URRatio) && x < rules.URRatio {
		add(Finding{Rule: RuleUrbanRural, Subject: "urban_rural", Value: x, Threshold: rules.URRatio,
			Msg:   fmt.Sprintf("城乡均等化分量 %s，低于阈值 %s（城乡差距大）", diagF1(x), diagHuman(rules.URRatio)),
			MsgEN: fmt.Sprintf("urban-rural component %s, below the threshold of %s (a wide urban-rural gap)", diagF1(x), diagHuman(rules.URRatio))})
	}
	if x := diagAt(comp.rg, i); !math.IsNaN(rules.Regional) && x < rules.Regional {
		add(Finding{Rule: RuleRegional, Subject: "regional", Value: x, Threshold: rules.Regional,
			Msg:   fmt.Sprintf("区域均等化分量 %s，低于阈值 %s（与区域基准差距大）", diagF1(x), diagHuman(rules.Regional)),
			MsgEN: fmt.Sprintf("regional component %s, below the threshold of %s (far from the region benchmark)", diagF1(x), diagHuman(rules.Regional))})
	}
}

// groupRules applies the weak-domain (短板) rules to top-level group g with
// score s.
func (dg *Diagnosis) groupRules(u *UnitDiagnosis, nr *NodeResult, g int, s float64) {
	if math.IsNaN(s) {
		return
	}
	rules := dg.Rules
	m, sd := dg.GroupMean[g], dg.GroupSD[g]
	zh, en := nr.Node.Label("zh"), nr.Node.Label("en")
	if rules.GroupK > 0 && sd > 0 {
		if t := m - rules.GroupK*sd; s < t {
			below := (m - s) / sd
			u.Findings = append(u.Findings, Finding{Rule: RuleGroupSD, Subject: nr.ID, Value: s, Threshold: t,
				Msg:   fmt.Sprintf("短板：%s 得分 %s，低于该领域均值 %s 个标准差（阈值 %s）", zh, diagF1(s), diagF1(below), diagF1(t)),
				MsgEN: fmt.Sprintf("weak domain: %s scores %s, %s sd below the domain mean (threshold %s)", en, diagF1(s), diagF1(below), diagF1(t))})
		}
	}
	if !math.IsNaN(rules.GroupFloor) && s < rules.GroupFloor {
		u.Findings = append(u.Findings, Finding{Rule: RuleGroupFloor, Subject: nr.ID, Value: s, Threshold: rules.GroupFloor,
			Msg:   fmt.Sprintf("短板：%s 得分 %s，低于最低线 %s", zh, diagF1(s), diagHuman(rules.GroupFloor)),
			MsgEN: fmt.Sprintf("weak domain: %s scores %s, below the floor of %s", en, diagF1(s), diagHuman(rules.GroupFloor))})
	}
}

// obstacles fills the obstacle degrees of unit i over the indicators it
// has data for.
func (dg *Diagnosis) obstacles(u *UnitDiagnosis, i int, z [][]float64, ew []float64, topOf []int, ngroups int) {
	m := len(z)
	u.ObstacleDegree = make([]float64, m)
	u.Obstacle = make([]float64, m)
	u.GroupObstacle = make([]float64, ngroups)
	var zs, ws []float64
	var idx []int
	for j := range z {
		u.ObstacleDegree[j], u.Obstacle[j] = math.NaN(), math.NaN()
		if !math.IsNaN(z[j][i]) {
			zs = append(zs, z[j][i])
			ws = append(ws, ew[j])
			idx = append(idx, j)
		}
	}
	if len(idx) == 0 {
		for g := range u.GroupObstacle {
			u.GroupObstacle[g] = math.NaN()
		}
		return
	}
	deg := ObstacleDegree(zs, ws)
	share := ObstacleShares(zs, ws)
	for k, j := range idx {
		u.ObstacleDegree[j], u.Obstacle[j] = deg[k], share[k]
		if g := topOf[j]; g >= 0 {
			u.GroupObstacle[g] += share[k]
		}
	}
	u.TopObstacles = topK(idx, topObstacles,
		func(j int) bool { return u.Obstacle[j] > 0 },
		func(a, b int) bool { return u.Obstacle[a] > u.Obstacle[b] })
}

// topK returns up to k of the items that pass keep, best first by better,
// ties in input order (as a stable sort would give). It is a bounded
// insertion, O(n k), for the per-unit lists of the diagnosis.
func topK[T any](items []T, k int, keep func(T) bool, better func(a, b T) bool) []T {
	top := make([]T, 0, k+1)
	for _, it := range items {
		if !keep(it) {
			continue
		}
		pos := len(top)
		for pos > 0 && better(it, top[pos-1]) {
			pos--
		}
		if pos >= k {
			continue
		}
		top = append(top, it)
		copy(top[pos+1:], top[pos:])
		top[pos] = it
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// unitSummary describes unit u in one line per language.
func (dg *Diagnosis) unitSummary(u *UnitDiagnosis, res *Result, top []*NodeResult) (string, string) {
	var zh, en []string
	if math.IsNaN(u.Index) {
		zh = append(zh, dg.indexName("zh")+"缺失")
		en = append(en, dg.indexName("en")+" missing")
	} else {
		zh = append(zh, fmt.Sprintf("%s %s", dg.indexName("zh"), diagF1(u.Index)))
		en = append(en, fmt.Sprintf("%s %s", dg.indexName("en"), diagF1(u.Index)))
		if u.Grade != "" {
			zh[0] += "，等级 " + u.Grade
			en[0] += ", grade " + u.Grade
		}
	}
	for _, f := range u.Findings {
		if !f.Flags {
			continue
		}
		switch f.Rule {
		case RuleIndexSD:
			b := (dg.Mean - f.Value) / dg.SD
			zh = append(zh, fmt.Sprintf("低于均值 %s 个标准差", diagF1(b)))
			en = append(en, fmt.Sprintf("%s sd below the mean", diagF1(b)))
		case RuleQuantile:
			zh = append(zh, "位于后 "+diagPct(dg.Rules.Quantile))
			en = append(en, "in the bottom "+diagPct(dg.Rules.Quantile))
		case RuleFloor:
			zh = append(zh, "低于最低线 "+diagHuman(f.Threshold))
			en = append(en, "below the floor of "+diagHuman(f.Threshold))
		case RuleUrbanRural:
			zh = append(zh, fmt.Sprintf("城乡分量 %s 低于 %s", diagF1(f.Value), diagHuman(f.Threshold)))
			en = append(en, fmt.Sprintf("urban-rural component %s below %s", diagF1(f.Value), diagHuman(f.Threshold)))
		case RuleRegional:
			zh = append(zh, fmt.Sprintf("区域分量 %s 低于 %s", diagF1(f.Value), diagHuman(f.Threshold)))
			en = append(en, fmt.Sprintf("regional component %s below %s", diagF1(f.Value), diagHuman(f.Threshold)))
		}
	}
	if w := diagWeakestDomains(u.Weaknesses, res, "zh"); w != "" {
		zh = append(zh, "最弱领域："+w)
		en = append(en, "weakest: "+diagWeakestDomains(u.Weaknesses, res, "en"))
	}
	return u.Unit + "（" + strings.Join(zh, "；") + "）", u.Unit + " (" + strings.Join(en, "; ") + ")"
}

// diagWeakestDomains names the (up to two) top-level groups furthest below
// the region among ws, with their scores.
func diagWeakestDomains(ws []Deviation, res *Result, lang string) string {
	var names []string
	for _, w := range ws {
		nr := res.Node(w.ID)
		if nr == nil || nr.Depth != 1 || nr.Node.IsIndicator() {
			continue
		}
		names = append(names, nr.Node.Label(lang)+" "+diagF1(w.Score))
		if len(names) == 2 {
			break
		}
	}
	return strings.Join(names, diagTr(lang, "、", ", "))
}

// Summary returns the plain-language summary of the diagnosis in lang
// ("zh" or "en"): how many units are flagged and, for each flagged unit
// in input order, its one-line summary.
func (dg *Diagnosis) Summary(lang string) string {
	var flagged []string
	for _, u := range dg.Units {
		if u.Flagged {
			flagged = append(flagged, diagTr(lang, u.Summary, u.SummaryEN))
		}
	}
	n := len(dg.Units)
	if len(flagged) == 0 {
		return fmt.Sprintf(diagTr(lang, "%d 个单位中没有被标记为薄弱地区的单位。", "None of the %d units is flagged as a weak area."), n)
	}
	list := strings.Join(flagged, diagTr(lang, "；", "; "))
	if lang == "en" {
		return fmt.Sprintf("%d of %d units are flagged: %s.", len(flagged), n, list)
	}
	return fmt.Sprintf("%d 个单位中有 %d 个被标记为薄弱地区：%s。", n, len(flagged), list)
}

// diagSides returns the strengths and weaknesses among groups and indicators.
func diagSides(groups, inds []Deviation) (strengths, weaknesses []Deviation) {
	pickSide := func(ds []Deviation, above bool) []Deviation {
		return topK(ds, profileSides,
			func(d Deviation) bool { return (above && d.Diff > 0) || (!above && d.Diff < 0) },
			func(a, b Deviation) bool { return (above && a.Diff > b.Diff) || (!above && a.Diff < b.Diff) })
	}
	strengths = append(pickSide(groups, true), pickSide(inds, true)...)
	weaknesses = append(pickSide(groups, false), pickSide(inds, false)...)
	return strengths, weaknesses
}

// diagObstacleZ returns z in [0, 1] per indicator and unit for the obstacle
// degree: score / 100, clamped; for z-score normalised indicators, whose
// scores are not on 0..100, the min-max of the scores over the units
// (a constant column gives z = 1: it holds no unit back). NaN stays NaN.
func diagObstacleZ(inds []*NodeResult) [][]float64 {
	out := make([][]float64, len(inds))
	for j, nr := range inds {
		z := make([]float64, len(nr.Scores))
		if nr.Norm != nil && nr.Norm.Method == ZScore {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, s := range nr.Scores {
				if !math.IsNaN(s) {
					lo, hi = math.Min(lo, s), math.Max(hi, s)
				}
			}
			for i, s := range nr.Scores {
				switch {
				case math.IsNaN(s):
					z[i] = math.NaN()
				case hi > lo:
					z[i] = (s - lo) / (hi - lo)
				default:
					z[i] = 1
				}
			}
		} else {
			for i, s := range nr.Scores {
				if math.IsNaN(s) {
					z[i] = math.NaN()
				} else {
					z[i] = clamp01(s / 100)
				}
				// Scores at the best end come out of the normalisation
				// as 99.99999999999999 at times: that holds nobody back.
				if 1-z[i] < 1e-12 {
					z[i] = 1
				}
			}
		}
		out[j] = z
	}
	return out
}

// diagTopAncestor returns the position in top of the top-level group above nr
// (-1 when nr is itself at depth 1 or has none).
func diagTopAncestor(res *Result, nr *NodeResult, top []*NodeResult) int {
	cur := nr
	for cur != nil && cur.Depth > 1 {
		cur = res.Node(cur.Parent)
	}
	if cur == nil || cur.Node.IsIndicator() {
		return -1
	}
	for g, t := range top {
		if t == cur {
			return g
		}
	}
	return -1
}

// diagPeerRanks returns each unit's competition rank by x among the units of
// its group with a value, and the number of such units (0, 0 for units
// without a group or a value).
func diagPeerRanks(x []float64, group []string) (rank, count []int) {
	rank, count = make([]int, len(x)), make([]int, len(x))
	if len(group) != len(x) {
		return rank, count
	}
	members := map[string][]int{}
	var order []string
	for i, g := range group {
		if g == "" || math.IsNaN(x[i]) {
			continue
		}
		if _, ok := members[g]; !ok {
			order = append(order, g)
		}
		members[g] = append(members[g], i)
	}
	for _, g := range order {
		rows := members[g]
		vals := make([]float64, len(rows))
		for k, i := range rows {
			vals[k] = x[i]
		}
		r := CompetitionRanks(vals)
		for k, i := range rows {
			rank[i], count[i] = r[k], len(rows)
		}
	}
	return rank, count
}

// diagUrbanRural returns the urban and rural columns of each indicator
// (nil where the data has no split).
func diagUrbanRural(d *Dataset, ids []string) (urban, rural [][]float64) {
	urban, rural = make([][]float64, len(ids)), make([][]float64, len(ids))
	if d == nil {
		return urban, rural
	}
	for j, id := range ids {
		for k, did := range d.Indicators {
			if did != id {
				continue
			}
			if k < len(d.Urban) {
				urban[j] = d.Urban[k]
			}
			if k < len(d.Rural) {
				rural[j] = d.Rural[k]
			}
		}
	}
	return urban, rural
}

// diagAt returns x[i], or NaN when x is too short.
func diagAt(x []float64, i int) float64 {
	if i < len(x) {
		return x[i]
	}
	return math.NaN()
}

// resolveGrades returns the grade bands with each quantile band's Min set
// to that quantile of the values present (type 7); fixed bands are copied.
func resolveGrades(grades []Grade, values []float64) []Grade {
	out := append([]Grade(nil), grades...)
	sorted := present(values)
	slices.Sort(sorted)
	for k, g := range out {
		if g.Quantile > 0 {
			out[k].Min = quantile7(sorted, g.Quantile)
		}
	}
	return out
}

// quantile7 returns the q-quantile of the sorted values x by linear
// interpolation between order statistics: h = (n - 1) q,
// Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). NaN for no
// values.
func quantile7(x []float64, q float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	h := float64(len(x)-1) * q
	lo := int(math.Floor(h))
	if lo+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}

// diagGrade returns the label of the first band (best first) whose Min v
// reaches; "" when v is NaN or below every band.
func diagGrade(grades []Grade, v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	for _, g := range grades {
		if math.IsNaN(g.Min) || v >= g.Min {
			return g.Label
		}
	}
	return ""
}

// diagGap computes the gaps of one unit on indicator n.
func diagGap(n *Node, x, bench, urban, rural float64, benchKind string, weighted bool) Gap {
	dir := float64(n.Direction)
	if dir == 0 {
		dir = 1
	}
	g := Gap{ID: n.ID, Value: x, Target: math.NaN(), ToTarget: math.NaN(), Benchmark: bench,
		ToBenchmark: dir * (bench - x), Urban: urban, Rural: rural, RuralBehind: dir * (urban - rural)}
	if n.Target != nil {
		g.Target = *n.Target
		g.ToTarget = dir * (g.Target - x)
	}
	g.node, g.benchKind, g.benchWeighted = n, benchKind, weighted
	return g
}

// TargetText states the gap to the target in plain language with units,
// Chinese and English ("" where there is no target or value).
func (g Gap) TargetText() [2]string {
	if g.node == nil || math.IsNaN(g.ToTarget) {
		return [2]string{}
	}
	zh, en := diagTargetText(g.node, g)
	return [2]string{zh, en}
}

// BenchmarkText states the gap to the region benchmark ("" where NaN).
func (g Gap) BenchmarkText() [2]string {
	if g.node == nil || math.IsNaN(g.ToBenchmark) {
		return [2]string{}
	}
	zh, en := diagBenchText(g.node, g, g.benchKind)
	return [2]string{zh, en}
}

// RuralText states how far rural is behind urban ("" where NaN).
func (g Gap) RuralText() [2]string {
	if g.node == nil || math.IsNaN(g.RuralBehind) {
		return [2]string{}
	}
	zh, en := diagRuralText(g.node, g)
	return [2]string{zh, en}
}

// Text joins the target, benchmark and urban-rural sentences, in Chinese
// and in English.
func (g Gap) Text() (zh, en string) {
	var zhs, ens []string
	for _, m := range [][2]string{g.TargetText(), g.BenchmarkText(), g.RuralText()} {
		if m[0] != "" {
			zhs, ens = append(zhs, m[0]), append(ens, m[1])
		}
	}
	return strings.Join(zhs, "；"), strings.Join(ens, "; ")
}

// diagTargetText states the gap to the target.
func diagTargetText(n *Node, g Gap) (zh, en string) {
	nzh, nen := n.Label("zh"), n.Label("en")
	v, t, d := diagWithUnit(g.Value, n.Unit), diagWithUnit(g.Target, n.Unit), diagDiffUnit(g.ToTarget, n.Unit, "zh")
	ue := n.UnitLabel("en")
	ve, te, de := diagWithUnit(g.Value, ue), diagWithUnit(g.Target, ue), diagDiffUnit(g.ToTarget, ue, "en")
	switch {
	case g.ToTarget <= 0:
		return fmt.Sprintf("%s %s，已达到目标 %s", nzh, v, t), fmt.Sprintf("%s is %s, meeting the target of %s", nen, ve, te)
	case n.Direction == Lower:
		return fmt.Sprintf("%s %s，需降低 %s才能达到目标 %s", nzh, v, d, t),
			fmt.Sprintf("%s is %s: needs to fall by %s to reach the target of %s", nen, ve, de, te)
	default:
		return fmt.Sprintf("%s %s，距目标 %s还差 %s", nzh, v, t, d),
			fmt.Sprintf("%s is %s: needs %s more to reach the target of %s", nen, ve, de, te)
	}
}

// diagBenchText states the gap to the region benchmark.
func diagBenchText(n *Node, g Gap, kind string) (zh, en string) {
	bzh, ben := "区域基准（人口加权均值）", "the region benchmark (population-weighted mean)"
	switch {
	case kind == BenchmarkMedian:
		bzh, ben = "区域基准（人口加权中位数）", "the region benchmark (population-weighted median)"
	case kind == BenchmarkTarget && n.Target != nil:
		bzh, ben = "区域基准（规划目标）", "the region benchmark (plan target)"
	}
	if !g.benchWeighted { // no population for every unit: not weighted
		bzh = strings.Replace(bzh, "人口加权", "", 1)
		ben = strings.Replace(ben, "population-weighted ", "", 1)
	}
	b, be := diagWithUnit(g.Benchmark, n.Unit), diagWithUnit(g.Benchmark, n.UnitLabel("en"))
	d, de := diagDiffUnit(math.Abs(g.ToBenchmark), n.Unit, "zh"), diagDiffUnit(math.Abs(g.ToBenchmark), n.UnitLabel("en"), "en")
	switch {
	case g.ToBenchmark == 0 || d == diagDiffUnit(0, n.Unit, "zh"):
		return fmt.Sprintf("与%s%s持平", bzh, b), fmt.Sprintf("level with %s of %s", ben, be)
	case g.ToBenchmark < 0:
		return fmt.Sprintf("优于%s%s，领先 %s", bzh, b, d), fmt.Sprintf("%s better than %s of %s", de, ben, be)
	case n.Direction == Lower:
		return fmt.Sprintf("高于%s%s，差 %s（越低越好）", bzh, b, d), fmt.Sprintf("%s above %s of %s (lower is better)", de, ben, be)
	default:
		return fmt.Sprintf("低于%s%s，差 %s", bzh, b, d), fmt.Sprintf("%s below %s of %s", de, ben, be)
	}
}

// diagRuralText states how far rural is behind (or ahead of) urban.
func diagRuralText(n *Node, g Gap) (zh, en string) {
	r, u := diagWithUnit(g.Rural, n.Unit), diagWithUnit(g.Urban, n.Unit)
	re, ue := diagWithUnit(g.Rural, n.UnitLabel("en")), diagWithUnit(g.Urban, n.UnitLabel("en"))
	d, de := diagDiffUnit(math.Abs(g.RuralBehind), n.Unit, "zh"), diagDiffUnit(math.Abs(g.RuralBehind), n.UnitLabel("en"), "en")
	switch {
	case g.RuralBehind > 0 && d != diagDiffUnit(0, n.Unit, "zh"):
		return fmt.Sprintf("农村 %s，落后城镇（%s）%s", r, u, d), fmt.Sprintf("rural %s is %s behind urban (%s)", re, de, ue)
	case g.RuralBehind < 0 && d != diagDiffUnit(0, n.Unit, "zh"):
		return fmt.Sprintf("农村 %s，优于城镇（%s）%s", r, u, d), fmt.Sprintf("rural %s is %s ahead of urban (%s)", re, de, ue)
	default:
		return fmt.Sprintf("农村 %s 与城镇 %s 持平", r, u), fmt.Sprintf("rural %s is level with urban (%s)", re, ue)
	}
}

// diagWithUnit formats a natural-scale value with its unit for people:
// "96.2%", "6.9‰", "1.23 人/千人".
func diagWithUnit(v float64, unit string) string {
	s := diagHuman(v)
	switch unit {
	case "":
		return s
	case "%", "‰":
		return s + unit
	}
	return s + " " + unit
}

// diagDiffUnit formats a difference of natural-scale values: percentages
// differ by percentage points.
func diagDiffUnit(v float64, unit, lang string) string {
	s := diagHuman(v)
	switch unit {
	case "":
		return s
	case "%":
		return s + diagTr(lang, " 个百分点", " percentage points")
	case "‰":
		return s + diagTr(lang, " 个千分点", " per-mille points")
	}
	return s + " " + unit
}

// diagHuman rounds v for people: two decimals at or above 1 in magnitude,
// three significant digits below; trailing zeros are dropped.
func diagHuman(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	a := math.Abs(v)
	dec := 2
	if a > 0 && a < 1 {
		dec = 2 - int(math.Floor(math.Log10(a)))
	}
	p := math.Pow(10, float64(dec))
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// diagF1 formats an index or score with one decimal.
func diagF1(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

// diagPct formats a share as a percentage: 0.2 -> "20%".
func diagPct(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/10, 'f', -1, 64) + "%"
}
