package charts

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
)

// MethodSection is one part of the methodology appendix generated from a
// Result: the settings that were actually used, in words, with a table.
type MethodSection struct {
	ID         string // ASCII id, e.g. "method-normalisation"
	Heading    string
	Paragraphs []string
	Table      *Table
}

// Methodology describes how res was computed, in lang ("zh" or "en"):
// framework and missing-data rule, the normalisation of each indicator
// (method, bounds actually used, direction, transform), the weighting and
// aggregation of each group, the effective weights, the weak-area rules
// and the rounding conventions. It reads only res, so the appendix always
// matches the numbers.
func Methodology(res *scoring.Result, lang string) []MethodSection {
	if res == nil || res.Framework == nil || len(res.Nodes) == 0 {
		return nil
	}
	m := methodWriter{res: res, lang: lang}
	secs := []MethodSection{
		m.overview(),
		m.normalisation(),
		m.weighting(),
		m.effective(),
		m.equalization(),
		m.weakRules(),
		m.diagnosis(),
		m.rounding(),
	}
	// Stages the run did not compute (scoring.Options.IndexOnly) have no
	// section.
	out := secs[:0]
	for _, sec := range secs {
		if sec.ID != "" {
			out = append(out, sec)
		}
	}
	return out
}

type methodWriter struct {
	res  *scoring.Result
	lang string
}

func (m methodWriter) t(zh, en string) string { return tr(m.lang, zh, en) }

// label returns the label of the node with the given id, or the id.
func (m methodWriter) label(id string) string {
	if nr := m.res.Node(id); nr != nil && nr.Node != nil {
		return nr.Node.Label(m.lang)
	}
	return id
}

func (m methodWriter) overview() MethodSection {
	f := m.res.Framework
	var groups, inds, depth int
	for _, nr := range m.res.Nodes {
		if nr.Depth > depth {
			depth = nr.Depth
		}
		if nr.Node.IsIndicator() {
			inds++
		} else if nr.Depth > 0 {
			groups++
		}
	}
	name := DefaultTitle(&scoring.Result{Framework: f}, m.lang)
	var ps []string
	src := ""
	if f.Source != "" {
		src = m.t("（来源："+f.Source+"）", " (source: "+f.Source+")")
	}
	ps = append(ps, fmt.Sprintf(m.t("评估框架：%s%s。共 %d 个指标，分属 %d 个分组，指标树 %d 层。",
		"Framework: %s%s. %d indicators in %d groups; the tree has %d levels."),
		name, src, inds, groups, depth))
	switch f.Missing {
	case scoring.MissingError:
		ps = append(ps, m.t("缺失数据规则（error）：任何缺失的指标值都视为错误，不予计算。",
			"Missing data (error): any missing indicator value stops the run."))
	default:
		ps = append(ps, fmt.Sprintf(m.t(
			"缺失数据规则（available）：某单位缺少某项指标或分组得分时，该项不参与这个单位的合成，同组其余有数据子项的权重按比例放大、重新归一为 1；缺失值从不按 0 计。若一个分组中有数据的子项权重之和低于 %s（最低覆盖率），该单位的这一分组得分记为缺失。",
			"Missing data (available): when a unit lacks an indicator or group score, that child is left out of the unit's aggregate and the weights of the siblings with data are rescaled to sum to 1; a missing value never counts as 0. When the children with data carry less than %s of the group's weight (minimum coverage), the unit's group score is missing."),
			fmtPct(f.MinCoverage)))
	}
	ps = append(ps, fmt.Sprintf(m.t("区域基准（%s）：%s。", "Regional benchmark (%s): %s."), f.Benchmark, benchmarkRule(m.res, f.Benchmark, m.lang)))
	return MethodSection{ID: "method-overview", Heading: m.t("框架与缺失数据", "Framework and missing data"), Paragraphs: ps}
}

var normText = map[string][2]string{
	scoring.MinMax: {"极差标准化（minmax）：正向指标 100(x − min)/(max − min)，逆向指标 100(max − x)/(max − min)；min、max 为各单位的观测值（表中“最差端/最好端”）。各单位取值相同的指标不含区分信息，所有单位得同一分数，并列入提示。",
		"Min-max (minmax): higher-is-better 100(x − min)/(max − min), lower-is-better 100(max − x)/(max − min), with min and max observed over the units (worst/best end in the table). An indicator with the same value everywhere carries no information: every unit gets the same score and a warning is listed."},
	scoring.Goalposts: {"阈值法（goalposts）：100(x − 最差值)/(最好值 − 最差值)，阈值由框架给定，结果截断到 [0, 100]。",
		"Goalposts: 100(x − worst)/(best − worst) with goalposts fixed in the framework, clamped to [0, 100]."},
	scoring.ZScore: {"Z 分数（zscore）：(x − 均值)/标准差，标准差为样本标准差（分母 n − 1），逆向指标取相反数。",
		"Z-score (zscore): (x − mean)/sd with the sample sd (n − 1 denominator), sign flipped for lower-is-better."},
	scoring.Target: {"目标值法（target）：正向 100·min(1, x/目标值)，逆向 100·min(1, 目标值/x)。",
		"Distance to target (target): 100·min(1, x/target), or 100·min(1, target/x) for lower-is-better."},
	scoring.Rank: {"百分位排名（rank）：100(n − 名次)/(n − 1)，名次 1 为最好（并列取相同名次）。",
		"Percentile rank (rank): 100(n − rank)/(n − 1), rank 1 best (ties share a rank)."},
	scoring.Ratio: {"基准比值（ratio）：正向 100·min(1, x/b)，逆向 100·min(1, b/x)，b 为区域基准。",
		"Benchmark ratio (ratio): 100·min(1, x/b), or 100·min(1, b/x) for lower-is-better, b the regional benchmark."},
}

var weightText = map[string][2]string{
	scoring.Fixed: {"固定权重（fixed）：采用框架给定的相对权重，在同组内归一为和 1。",
		"Fixed: the relative weights given in the framework, normalised to sum to 1 within the group."},
	scoring.Equal: {"等权（equal）：同组各子项权重相同。", "Equal: every child of the group has the same weight."},
	scoring.Entropy: {"熵权法（entropy）：对极差标准化值 z，p_ij = z_ij/Σ_i z_ij，e_j = −(1/ln m) Σ_i p_ij ln p_ij（0·ln 0 = 0），w_j = (1 − e_j)/Σ_k (1 − e_k)。",
		"Entropy: on min-max scores z, p_ij = z_ij/Σ_i z_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij (0·ln 0 = 0), w_j = (1 − e_j)/Σ_k (1 − e_k)."},
	scoring.CRITIC: {"CRITIC 法：C_j = σ_j Σ_k (1 − r_jk)，σ_j 为标准化值的标准差，r_jk 为相关系数，w_j = C_j/Σ C。",
		"CRITIC: C_j = σ_j Σ_k (1 − r_jk) with σ_j the sd of the normalised column and r_jk Pearson correlations; w_j = C_j/Σ C."},
	scoring.AHP: {"层次分析法（ahp）：判断矩阵的主特征向量归一化为权重；一致性比率 CR = CI/RI，CI = (λmax − n)/(n − 1)，CR < 0.10 为可接受。",
		"AHP: the principal eigenvector of the pairwise matrix, normalised; consistency ratio CR = CI/RI with CI = (λmax − n)/(n − 1), acceptable when CR < 0.10."},
	scoring.PCA: {"主成分法（pca，OECD/JRC 手册）：对标准化数据的相关矩阵做主成分分析，保留特征值 > 1 的主成分并作方差最大化（varimax）旋转；旋转后载荷平方在各主成分内归一，每个子项归入其载荷平方最大的主成分，权重 = 该载荷平方 × 该主成分占保留解释方差的比例，再归一。",
		"PCA (OECD/JRC Handbook): principal components of the correlation matrix; components with eigenvalue > 1 are kept and varimax-rotated; squared rotated loadings are scaled to sum 1 within each component; each child is assigned to the component where its scaled squared loading is largest and weighted by that loading times the component's share of the retained variance, then normalised."},
	scoring.Combined: {"组合赋权（combined）：α·w₁ + (1 − α)·w₂，或两种权重的乘积再归一。",
		"Combined: α·w₁ + (1 − α)·w₂, or the normalised product of the two weightings."},
}

var aggText = map[string][2]string{
	scoring.Arithmetic: {"加权算术平均：Σ_j w_j s_j。", "Weighted arithmetic mean: Σ_j w_j s_j."},
	scoring.Geometric: {"加权几何平均：Π_j s_j^w_j（得分先平移到 [下限, 100]，避免 0 值）。",
		"Weighted geometric mean: Π_j s_j^w_j (scores first shifted into [floor, 100] so that zeros do not dominate)."},
	scoring.Harmonic: {"加权调和平均：1/Σ_j (w_j/s_j)。", "Weighted harmonic mean: 1/Σ_j (w_j/s_j)."},
	scoring.TOPSIS: {"TOPSIS：子项得分先作向量标准化 r_ij = s_ij/√(Σ_i s_ij²)，乘以权重；求与最优解、最劣解的欧氏距离 D⁺、D⁻，贴近度 C = D⁻/(D⁺ + D⁻)，乘以 100；只对全部子项有数据的单位计算，逐年计算。",
		"TOPSIS: children's scores vector-normalised r_ij = s_ij/√(Σ_i s_ij²) and weighted; Euclidean distances D⁺ and D⁻ to the ideal and anti-ideal; closeness C = D⁻/(D⁺ + D⁻), times 100; only units with every child present, year by year."},
}

// usedTexts returns the texts of the methods in used order of first use.
func (m methodWriter) usedTexts(names []string, texts map[string][2]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		if t, ok := texts[n]; ok {
			out = append(out, m.t(t[0], t[1]))
		} else if n != "" {
			out = append(out, n)
		}
	}
	return out
}

func (m methodWriter) direction(d scoring.Direction) string {
	switch d {
	case scoring.Higher:
		return m.t("正向（越高越好）", "higher is better")
	case scoring.Lower:
		return m.t("逆向（越低越好）", "lower is better")
	}
	return missing
}

func (m methodWriter) normalisation() MethodSection {
	var methods, sources []string
	logUsed, winsUsed := false, false
	t := &Table{
		Header: []string{m.t("指标", "Indicator"), m.t("代码", "ID"), m.t("方向", "Direction"), m.t("单位", "Unit"),
			m.t("方法", "Method"), m.t("变换", "Transform"), m.t("最差端", "Worst end"), m.t("最好端", "Best end"),
			m.t("目标值", "Target"), m.t("有效权重", "Effective weight"), m.t("备注", "Notes")},
		Numeric: []bool{false, false, false, false, false, false, true, true, true, true, false},
	}
	for _, nr := range m.res.IndicatorResults() {
		n := nr.Node
		method, transform := n.Normalisation, n.Transform
		lo, hi := math.NaN(), math.NaN()
		var notes []string
		if ni := nr.Norm; ni != nil {
			method = ni.Method
			if ni.Transform != "" {
				transform = ni.Transform
			}
			lo, hi = ni.Lo, ni.Hi
			if ni.Method == scoring.ZScore {
				notes = append(notes, m.t("均值 ", "mean ")+fmtNum(ni.Mean)+m.t("，标准差 ", ", sd ")+fmtNum(ni.SD))
			}
			if ni.Constant {
				notes = append(notes, m.t("各单位取值相同，无区分信息", "same value in every unit: no information"))
			}
			if ni.Clipped > 0 {
				notes = append(notes, fmt.Sprintf(m.t("缩尾 %d 个值", "%d values winsorised"), ni.Clipped))
			}
		}
		if n.Winsorise > 0 {
			winsUsed = true
			notes = append(notes, m.t("缩尾 k = ", "winsorise k = ")+fmtNum(n.Winsorise))
		}
		if transform == "" {
			transform = "none"
		}
		if transform == "log" {
			logUsed = true
			notes = append(notes, m.t("最差端/最好端为对数尺度", "ends on the log scale"))
		}
		methods = append(methods, method)
		target := missing
		if n.Target != nil {
			target = fmtNum(*n.Target)
		}
		t.Rows = append(t.Rows, []string{n.Label(m.lang), n.ID, m.direction(n.Direction), n.UnitLabel(m.lang), method, transform,
			fmtNum(lo), fmtNum(hi), target, fmtWeight(nr.EffectiveWeight), joinReasons(m.lang, notes)})
		sources = append(sources, n.Source)
	}
	if nonEmpty(sources) {
		t.Header = append(t.Header, m.t("来源", "Source"))
		for r := range t.Rows {
			t.Rows[r] = append(t.Rows[r], sources[r])
		}
	}
	ps := m.usedTexts(methods, normText)
	if logUsed {
		ps = append(ps, m.t("对数变换（log）：先取自然对数 ln x 再标准化，要求 x > 0。", "Log transform: natural log ln x before normalising; needs x > 0."))
	}
	if winsUsed {
		ps = append(ps, m.t("缩尾：标准化前把超出 均值 ± k·标准差 的值截到边界。", "Winsorising: values beyond mean ± k·sd are clipped to that bound before normalising."))
	}
	ps = append(ps, m.t("逆向指标已在标准化时翻转方向，因此所有得分都是越高越好。",
		"Lower-is-better indicators are flipped when normalised, so every score reads higher = better."))
	return MethodSection{ID: "method-normalisation", Heading: m.t("指标标准化", "Indicator normalisation"), Paragraphs: ps, Table: t}
}

func (m methodWriter) weighting() MethodSection {
	var wm, am []string
	t := &Table{
		Header: []string{m.t("分组", "Group"), m.t("赋权方法", "Weighting"), m.t("合成方法", "Aggregation"),
			m.t("子项权重", "Child weights"), m.t("说明", "Notes")},
	}
	for _, nr := range m.res.Nodes {
		n := nr.Node
		if n.IsIndicator() {
			continue
		}
		method, agg := n.Weighting, n.Aggregation
		var kids []string
		var notes []string
		if wi := nr.Weighting; wi != nil {
			method, agg = wi.Method, wi.Aggregation
			for i, id := range wi.Children {
				w := math.NaN()
				if i < len(wi.Weights) {
					w = wi.Weights[i]
				}
				kids = append(kids, m.label(id)+" "+fmtWeight(w))
			}
			keys := make([]string, 0, len(wi.Diagnostics))
			for k := range wi.Diagnostics {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				notes = append(notes, k+" = "+fmtNum(wi.Diagnostics[k]))
			}
			if wi.Note != "" {
				notes = append(notes, pick(m.lang, wi.Note))
			}
		} else {
			for _, c := range m.res.Nodes {
				if c.Parent == nr.ID {
					kids = append(kids, c.Node.Label(m.lang)+" "+fmtWeight(c.LocalWeight))
				}
			}
		}
		if method == scoring.Combined {
			a := m.t("乘积", "product")
			if n.CombinedAlpha >= 0 {
				a = "α = " + fmtNum(n.CombinedAlpha)
			}
			notes = append(notes, n.CombinedOf[0]+" + "+n.CombinedOf[1]+", "+a)
		}
		if method == scoring.Entropy && n.EntropyShift {
			notes = append(notes, m.t("标准化值平移到 [0.002, 0.998]", "scores shifted into [0.002, 0.998]"))
		}
		if agg == scoring.Geometric {
			notes = append(notes, m.t("平移下限 ", "floor ")+fmtNum(n.GeometricFloor))
		}
		wm = append(wm, method)
		am = append(am, agg)
		name := n.Label(m.lang)
		if idx := m.t("综合指数", "Index"); nr.Depth == 0 && name != idx {
			name = idx + m.t("（", " (") + name + m.t("）", ")")
		}
		t.Rows = append(t.Rows, []string{name, method, agg, strings.Join(kids, m.t("；", "; ")), joinReasons(m.lang, notes)})
	}
	ps := append(m.usedTexts(wm, weightText), m.usedTexts(am, aggText)...)
	return MethodSection{ID: "method-weighting", Heading: m.t("赋权与合成", "Weighting and aggregation"), Paragraphs: ps, Table: t}
}

func (m methodWriter) effective() MethodSection {
	t := &Table{
		Header:  []string{m.t("节点", "Node"), m.t("层级", "Level"), m.t("组内权重", "Local weight"), m.t("有效权重", "Effective weight")},
		Numeric: []bool{false, true, true, true},
	}
	sum := 0.0
	for _, nr := range m.res.Nodes {
		if nr.Depth == 0 {
			continue
		}
		if nr.Node.IsIndicator() {
			sum += nr.EffectiveWeight
		}
		// U+3000 (ideographic space) is not collapsed by HTML.
		indent := strings.Repeat("\u3000", nr.Depth-1)
		t.Rows = append(t.Rows, []string{indent + nr.Node.Label(m.lang), strconv.Itoa(nr.Depth),
			fmtWeight(nr.LocalWeight), fmtWeight(nr.EffectiveWeight)})
	}
	t.Rows = append(t.Rows, []string{m.t("指标有效权重合计", "Sum over indicators"), "", "", fmtWeight(sum)})
	return MethodSection{
		ID:      "method-effective",
		Heading: m.t("有效权重", "Effective weights"),
		Paragraphs: []string{m.t(
			"有效权重是从综合指数到该节点各级组内权重的乘积，即该节点在综合指数中的份额；全部指标的有效权重之和为 1。某单位缺少数据时，按缺失数据规则在该单位内重新归一，实际份额会相应变化。",
			"The effective weight is the product of the local weights from the index down to the node: its share of the index. Over all indicators they sum to 1. Where a unit lacks data, weights are rescaled for that unit under the missing-data rule, so its actual shares differ.")},
		Table: t,
	}
}

// WeakRuleSentence states which rules of f flag a unit as a weak area and
// which findings are only listed in the unit profiles.
func WeakRuleSentence(f *scoring.Framework, lang string) string {
	if f == nil {
		return ""
	}
	return weakRulesText(f.Weak, lang)
}

// gradeBands states each grade band: "A ≥ 85", "A ≥ P80 (82.0)" for a
// quantile band (with its threshold once resolved), "D (rest)".
func gradeBands(grades []scoring.Grade, lang string) []string {
	var out []string
	for _, g := range grades {
		switch {
		case g.Quantile > 0:
			b := fmt.Sprintf(tr(lang, "%s ≥ 第 %s 百分位数", "%s ≥ P%s"), g.Label, fmtNum(100*g.Quantile))
			if !isMissing(g.Min) {
				b += "（" + fmtNum(round(g.Min, 1)) + "）"
				if lang == "en" {
					b = strings.Replace(b, "（", " (", 1)
					b = strings.Replace(b, "）", ")", 1)
				}
			}
			out = append(out, b)
		case isMissing(g.Min):
			out = append(out, g.Label+tr(lang, "（其余）", " (rest)"))
		default:
			out = append(out, g.Label+" ≥ "+fmtNum(g.Min))
		}
	}
	return out
}

func (m methodWriter) weakRules() MethodSection {
	w := m.res.Framework.Weak
	ps := []string{WeakRuleSentence(m.res.Framework, m.lang)}
	ps = append(ps, m.t("均值和标准差按有得分的单位简单计算；每个被标记单位的具体原因列在得分表中。这是初步筛查，需结合实地情况判断。",
		"Means and sds are taken over the units with a score; the reasons for each flagged unit are listed in the score table. This is a first screening, to be checked against local knowledge."))
	grades := w.Grades
	if dg := m.res.Diagnosis; dg != nil {
		grades = dg.Rules.Grades // quantile bands resolved on this run's index
	}
	if gs := gradeBands(grades, m.lang); len(gs) > 0 {
		ps = append(ps, m.t("等级划分：", "Grades: ")+strings.Join(gs, m.t("；", "; "))+m.t("。", "."))
	}
	return MethodSection{ID: "method-weak", Heading: m.t("薄弱地区识别", "Weak-area rules"), Paragraphs: ps}
}

// benchmarkRule states the region benchmark of rule in lang, saying
// whether it is weighted by population as the run did it: by population
// when every unit has one, else unweighted (scoring.RegionBenchmark).
func benchmarkRule(res *scoring.Result, rule, lang string) string {
	weighted := scoring.PopulationWeighted(make([]float64, len(res.Unit)), res.Population)
	avg := tr(lang, "各单位的均值（数据中有单位缺少人口，不加权）", "the unweighted mean of the units (some units have no population)")
	med := tr(lang, "各单位的中位数（不加权）", "the unweighted median of the units")
	if weighted {
		avg = tr(lang, "各单位按常住人口加权的均值", "the population-weighted mean of the units")
		med = tr(lang, "各单位按常住人口加权的中位数", "the population-weighted median of the units")
	}
	switch rule {
	case scoring.BenchmarkMedian:
		return med
	case scoring.BenchmarkTarget:
		return tr(lang, "指标的规划目标值；无目标值的指标用", "the indicator's plan target; where an indicator has none, ") + avg
	}
	return avg
}

// equalization describes the equalization components and inequality
// statistics, when the run computed them.
func (m methodWriter) equalization() MethodSection {
	eq := m.res.Equalization
	if eq == nil {
		return MethodSection{}
	}
	c := eq.Components
	sum := c.Level + c.UrbanRural + c.Regional
	share := func(x float64) string { return fmtNum(round(x/sum, 3)) }
	return MethodSection{
		ID:      "method-equalization",
		Heading: m.t("城乡与区域均等化", "Urban-rural and regional equalization"),
		Paragraphs: []string{
			m.t("城乡均等化 UR：对每项同时有城镇值 u、农村值 r 的指标，UR_j = 100·min(u, r)/max(u, r)（较差一方相当于较好一方的百分比，正向逆向指标读法相同）；单位的 UR 为各 UR_j 按指标有效权重的加权平均，权重在该单位有城乡数据的指标间重新归一。",
				"Urban-rural equalization UR: for each indicator with an urban value u and a rural value r, UR_j = 100·min(u, r)/max(u, r) (the worse-served side as a percentage of the better-served, read the same way for both directions); a unit's UR is the mean of its UR_j weighted by the indicators' effective weights, renormalised over the indicators it has urban and rural values for."),
			m.t("区域均等化 RG：RG_j = 100·min(1, x/b)（正向）或 100·min(1, b/x)（逆向），b 为区域基准：", "Regional equalization RG: RG_j = 100·min(1, x/b) (higher is better) or 100·min(1, b/x) (lower is better), with the region benchmark b ") +
				benchmarkRule(m.res, eq.Benchmark, m.lang) + m.t("；单位的 RG 为各 RG_j 按有效权重的加权平均。",
				"; a unit's RG is the mean of its RG_j weighted by effective weights."),
			fmt.Sprintf(m.t("均等化指数 EI = %s·L + %s·UR + %s·RG（L 为综合指数）；某单位缺少某一分量时，其余分量的权重重新归一。EI 与 L 一样按竞争排名。",
				"Equalization index EI = %s·L + %s·UR + %s·RG (L the level index); where a unit lacks a component the others' weights are renormalised. EI is ranked like L."), share(c.Level), share(c.UrbanRural), share(c.Regional)),
			m.t("区域不平等：对每项指标、各级得分、L、EI、UR、RG，分别不加权和按常住人口加权（f_i 为人口占比，μ 为均值）计算：变异系数 CV = √(Σ f_i (x_i − μ)²)/μ；基尼系数 G = Σ_i Σ_j f_i f_j |x_i − x_j|/(2μ)（由排序后的数值计算）；泰尔 T = Σ f_i (x_i/μ) ln(x_i/μ)（0·ln 0 = 0）；泰尔 L = Σ f_i ln(μ/x_i)；阿特金森 A(e) = 1 − [Σ f_i (x_i/μ)^(1−e)]^(1/(1−e))，A(1) = 1 − exp(Σ f_i ln x_i)/μ；均等化程度 1 − G。泰尔 L 与 e ≥ 1 的阿特金森指数需要全部数值 > 0，否则注明不适用。",
				"Inequality across the region, for every indicator, group score, L, EI, UR and RG, unweighted and weighted by resident population (f_i population shares, μ the mean): CV = √(Σ f_i (x_i − μ)²)/μ; Gini G = Σ_i Σ_j f_i f_j |x_i − x_j|/(2μ) (computed from the sorted values); Theil T = Σ f_i (x_i/μ) ln(x_i/μ) (0·ln 0 = 0); Theil L = Σ f_i ln(μ/x_i); Atkinson A(e) = 1 − [Σ f_i (x_i/μ)^(1−e)]^(1/(1−e)), A(1) = 1 − exp(Σ f_i ln x_i)/μ; equalization reading 1 − G. Theil L and Atkinson with e ≥ 1 need every value > 0 and are marked not defined otherwise."),
			m.t("分解：泰尔 T = Σ_k s_k T_k（组内）+ Σ_k s_k ln(μ_k/μ)（组间），泰尔 L = Σ_k v_k L_k + Σ_k v_k ln(μ/μ_k)，v_k 为人口占比、s_k = v_k μ_k/μ；按城乡分组时（单元为 单位×城/乡，按城乡人口加权）组间项即城乡差距，按单位分组时组间项即地区差距，也按数据的 group 列分组。Dagum 基尼分解 G = Gw（组内）+ Gnb（组间净差）+ Gt（超变密度）。",
				"Decompositions: Theil T = Σ_k s_k T_k (within) + Σ_k s_k ln(μ_k/μ) (between), Theil L = Σ_k v_k L_k + Σ_k v_k ln(μ/μ_k), with v_k the population share and s_k = v_k μ_k/μ; grouped by urban/rural over the cells unit × {urban, rural} (weighted by urban and rural population) the between term is the urban-rural gap, grouped by unit it is the regional gap; also by the data's group column. Dagum's Gini decomposition G = Gw (within) + Gnb (net between) + Gt (transvariation)."),
		},
	}
}

// diagnosis describes the per-unit diagnosis, when the run computed it.
func (m methodWriter) diagnosis() MethodSection {
	if m.res.Diagnosis == nil {
		return MethodSection{}
	}
	return MethodSection{
		ID:      "method-diagnosis",
		Heading: m.t("单位诊断", "Unit diagnosis"),
		Paragraphs: []string{
			m.t("障碍度：O_ij = w_j (1 − z_ij)，w_j 为指标的有效权重，z_ij 为标准化得分/100（z 分数法的指标先在各单位间作极差变换）；按单位归一为占比（和为 100%），只计该单位有数据的指标；列出占比最大的 5 项，并按一级领域合计。",
				"Obstacle degree: O_ij = w_j (1 − z_ij), w_j the indicator's effective weight, z_ij its normalised score / 100 (z-score indicators are first min-max scaled over the units); shown as shares of the unit's total (summing to 100%) over the indicators it has data for; the five largest are listed, and the totals per top-level group."),
			m.t("差距（指标本身的单位，d = +1 正向、−1 逆向，正值表示仍需改进）：距目标 = d·(目标 − 值)；距区域基准 = d·(基准 − 值)；农村落后城镇 = d·(城镇值 − 农村值)。百分比之差以百分点计。",
				"Gaps, in each indicator's own unit, with d = +1 (higher is better) or −1 (lower is better), positive where improvement is still needed: to the target d·(target − value); to the region benchmark d·(benchmark − value); rural behind urban d·(urban − rural). Differences of percentages are in percentage points."),
			m.t("优势与短板：各一级领域和指标得分与各单位简单平均分之差，列出高出和低出最多的各 3 项；同组排名：与数据 group 列相同的单位按指数竞争排名。",
				"Strengths and weaknesses: each group's and indicator's score minus the simple mean of the units' scores; the three furthest above and below are listed. Rank among peers: competition rank by the index among units of the same group in the data."),
		},
	}
}

func (m methodWriter) rounding() MethodSection {
	return MethodSection{
		ID:      "method-rounding",
		Heading: m.t("数值与舍入", "Numbers and rounding"),
		Paragraphs: []string{m.t(
			"排名和薄弱地区识别都基于未经舍入的得分（并列按竞争排名，如 1、2、2、4）。表中得分保留 1 位小数、权重保留 3 位，图表数值保留 2 位；“-”表示缺失，不按 0 计。",
			"Ranks and weak-area flags use unrounded scores (ties share a competition rank: 1, 2, 2, 4). Tables show scores with 1 decimal and weights with 3; charts keep 2 decimals. \"-\" marks a missing value, never counted as 0.")},
	}
}

// WriteMethodology writes sections as Markdown (headings, paragraphs and
// pipe tables), for the CLI and for pasting into a report.
func WriteMethodology(w io.Writer, secs []MethodSection) error {
	var chunks []string
	for _, s := range secs {
		chunks = append(chunks, "## "+s.Heading)
		chunks = append(chunks, s.Paragraphs...)
		if s.Table != nil && len(s.Table.Header) > 0 {
			var b strings.Builder
			row := func(cells []string) {
				b.WriteString("|")
				for _, c := range cells {
					c = strings.ReplaceAll(c, "|", `\|`)
					c = strings.ReplaceAll(c, "\n", " ")
					b.WriteString(" " + c + " |")
				}
				b.WriteString("\n")
			}
			row(s.Table.Header)
			sep := make([]string, len(s.Table.Header))
			for c := range sep {
				sep[c] = "---"
				if s.Table.numeric(c) {
					sep[c] = "--:"
				}
			}
			row(sep)
			for _, r := range s.Table.Rows {
				row(r)
			}
			chunks = append(chunks, strings.TrimSuffix(b.String(), "\n"))
		}
	}
	if len(chunks) == 0 {
		return nil
	}
	_, err := io.WriteString(w, strings.Join(chunks, "\n\n")+"\n")
	return err
}
