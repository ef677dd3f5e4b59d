package charts

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/eqindex/eqindex/scoring"
)

// Block ids of the diagnosis sections. Each unit's profile is the
// subsection BlockDiagnosisUnit + "-" + its 1-based input position.
const (
	BlockDiagnosisSummary  = "diagnosis-summary"
	BlockDiagnosisGrades   = "diagnosis-grades"
	BlockDiagnosisProfiles = "diagnosis-profiles"
	BlockDiagnosisUnit     = "diagnosis-unit"
)

// maxProfileCharts is the most units whose profiles get charts; with more
// units only the flagged ones do (every unit keeps its tables), so the
// page stays light.
const maxProfileCharts = 30

// maxReportUnits is the largest region whose report shows every unit in
// the heatmap and the unit profiles; a larger one shows the lowest-ranked
// units there (and says so), and the CSV and JSON files have every unit.
const maxReportUnits = 100

// DiagnosisBlocks builds the report sections of the weak-area diagnosis
// (res.Diagnosis, set by scoring.Run):
//
//   - BlockDiagnosisSummary, for the top of the report: how many units are
//     flagged and why, in plain language, and the rules used;
//   - BlockDiagnosisGrades: the grade table, one row per unit (flagged
//     rows highlighted);
//   - BlockDiagnosisProfiles: a subsection per unit with a radar of its
//     top-level group scores against the region mean, a bar chart of the
//     indicators holding it back most (obstacle degree shares), its
//     findings and a table of gaps in the indicators' own units.
//
// A flagged unit is drawn in the weak-area colour (the one the ranking
// chart uses) in every chart, and its headings say it is flagged. Chart
// names are "diag-radar-K" and "diag-obstacle-K", K the unit's 1-based
// input position. With more than 30 units only flagged units get charts.
func DiagnosisBlocks(res *scoring.Result, opt Options) ([]Block, error) {
	v, err := newView(res, opt.Lang)
	if err != nil {
		return nil, err
	}
	dg := res.Diagnosis
	if dg == nil {
		return nil, errors.New("charts: Result has no Diagnosis (run scoring.Run)")
	}
	if len(dg.Units) != v.n {
		return nil, fmt.Errorf("charts: Diagnosis has %d units, want %d", len(dg.Units), v.n)
	}
	d := diagView{view: v, dg: dg}
	profiles := Block{
		ID:      BlockDiagnosisProfiles,
		Heading: tr(v.lang, "各单位诊断", "Unit profiles"),
		Reading: tr(v.lang,
			"每个单位一节：雷达图比较其各一级领域得分与区域均值；条形图为拖后腿最多的指标（障碍度占比）；差距表以指标本身的单位给出距目标、距区域基准和城乡差距。",
			"One section per unit: the radar compares its top-level group scores with the region mean; the bars show the indicators holding it back most (share of obstacle degree); the gap table gives the distance to the target, to the region benchmark and between urban and rural in each indicator's own unit."),
	}
	nflag := 0
	for _, u := range dg.Units {
		if u.Flagged {
			nflag++
		}
	}
	// A small region gets every unit's profile (charts for all up to
	// maxProfileCharts units, for the flagged ones above). A large one gets
	// the profiles of the lowest-ranked flagged units only, up to
	// maxProfileCharts: the page stays light, and diagnosis.csv has every
	// unit.
	large := v.n > maxReportUnits
	switch {
	case large:
		profiles.Paragraphs = append(profiles.Paragraphs, fmt.Sprintf(tr(v.lang,
			"单位较多（%d 个），为控制页面大小，这里只列出排名最低的 %d 个被标记单位（共标记 %d 个）的诊断；所有单位的完整诊断见 diagnosis.csv 和 diagnosis.json。",
			"With %d units, only the profiles of the %d lowest-ranked flagged units (of %d flagged) are shown to keep the page light; diagnosis.csv and diagnosis.json have every unit."), v.n, min(nflag, maxProfileCharts), nflag))
	case v.n > maxProfileCharts:
		profiles.Paragraphs = append(profiles.Paragraphs, fmt.Sprintf(tr(v.lang,
			"单位较多（%d 个），为控制页面大小，只为被标记的 %d 个单位绘图；其余单位只列表格。",
			"With %d units, charts are drawn only for the %d flagged units to keep the page light; the others have tables only."), v.n, nflag))
	}
	var shown []int
	for k := len(v.order) - 1; k >= 0 && large; k-- {
		if i := v.order[k]; dg.Units[i].Flagged && len(shown) < maxProfileCharts {
			shown = append(shown, i)
		}
	}
	if !large {
		shown = v.order
	}
	for _, i := range shown {
		b, err := d.profile(i, v.n <= maxProfileCharts || dg.Units[i].Flagged)
		if err != nil {
			return nil, err
		}
		profiles.Sub = append(profiles.Sub, b)
	}
	return []Block{d.summary(), d.grades(), profiles}, nil
}

type diagView struct {
	*view
	dg *scoring.Diagnosis
}

func (d diagView) t(zh, en string) string { return tr(d.lang, zh, en) }

// unitColor is the colour a unit is drawn in: the weak-area colour when
// it is flagged.
func (d diagView) unitColor(i int) string {
	if d.dg.Units[i].Flagged {
		return colorWeak
	}
	return colorNormal
}

// unitName is the unit's name, marked when it is flagged.
func (d diagView) unitName(i int) string {
	if d.dg.Units[i].Flagged {
		return d.res.Unit[i] + d.t("（薄弱地区）", " (weak area)")
	}
	return d.res.Unit[i]
}

func (d diagView) nodeLabel(id string) string {
	if nr := d.res.Node(id); nr != nil && nr.Node != nil {
		return nr.Node.Label(d.lang)
	}
	return id
}

func (d diagView) indexName() string {
	if d.dg.Index == scoring.IndexEI {
		return d.t("均等化指数", "Equalization index")
	}
	return d.t("综合指数", "Index")
}

// DiagnosisRules describes the diagnosis rules of w in plain language: the
// unit-level rules that flag a weak area, then the profile rules that are
// reported without flagging. lang is "zh" or "en".
func DiagnosisRules(w scoring.WeakRules, lang string) (flagging, profile []string) {
	idx := tr(lang, "综合指数", "the index")
	if strings.EqualFold(w.Index, scoring.IndexEI) {
		idx = tr(lang, "均等化指数 EI", "the equalization index EI")
	}
	on := func(x float64) bool { return !isMissing(x) }
	if w.K > 0 {
		flagging = append(flagging, fmt.Sprintf(tr(lang, "%s低于各单位均值减 %s 个标准差", "%s below the mean of the units minus %s sd"), idx, fmtNum(w.K)))
	}
	if w.Quantile > 0 {
		flagging = append(flagging, fmt.Sprintf(tr(lang, "%s位于最低的 %s（至少 1 个单位）", "%s in the bottom %s (at least one unit)"), idx, fmtPct(w.Quantile)))
	}
	if on(w.Floor) {
		flagging = append(flagging, fmt.Sprintf(tr(lang, "%s低于 %s", "%s below %s"), idx, fmtNum(w.Floor)))
	}
	if on(w.URRatio) {
		flagging = append(flagging, fmt.Sprintf(tr(lang, "城乡均等化分量低于 %s", "the urban-rural component below %s"), fmtNum(w.URRatio)))
	}
	if on(w.Regional) {
		flagging = append(flagging, fmt.Sprintf(tr(lang, "区域均等化分量低于 %s", "the regional component below %s"), fmtNum(w.Regional)))
	}
	if w.GroupK > 0 {
		profile = append(profile, fmt.Sprintf(tr(lang, "一级领域得分低于该领域各单位均值减 %s 个标准差（短板）", "a top-level group score below that group's mean minus %s sd (weak domain)"), fmtNum(w.GroupK)))
	}
	if on(w.GroupFloor) {
		profile = append(profile, fmt.Sprintf(tr(lang, "一级领域得分低于 %s（短板）", "a top-level group score below %s (weak domain)"), fmtNum(w.GroupFloor)))
	}
	if w.Target {
		profile = append(profile, tr(lang, "指标未达到规划目标值", "an indicator short of its plan target"))
	}
	profile = append(profile, tr(lang, "指标缺少数据", "an indicator without data"))
	return flagging, profile
}

func (d diagView) rulesText() string { return weakRulesText(d.dg.Rules, d.lang) }

// weakRulesText states the rules that flag a weak area, then the findings
// that are only listed in the unit profiles.
func weakRulesText(w scoring.WeakRules, lang string) string {
	flagging, profile := DiagnosisRules(w, lang)
	var s string
	if len(flagging) == 0 {
		s = tr(lang, "未设置标记薄弱地区的规则。", "No rule that flags a weak area is set.")
	} else {
		s = tr(lang, "满足以下任一条即标记为薄弱地区：", "A unit is flagged as a weak area when any of these holds: ") +
			strings.Join(flagging, tr(lang, "；", "; ")) + tr(lang, "。", ".")
	}
	return s + tr(lang, "以下情况只在单位诊断中列出，不单独构成标记（否则几乎每个单位都会因某项指标未达标而被标记）：",
		" Listed in the unit profiles without flagging the unit by themselves (otherwise nearly every unit would be flagged for some missed target): ") +
		strings.Join(profile, tr(lang, "；", "; ")) + tr(lang, "。", ".")
}

func (d diagView) summary() Block {
	b := Block{
		ID:         BlockDiagnosisSummary,
		Heading:    d.t("薄弱地区诊断", "Weak-area diagnosis"),
		Reading:    d.t("哪些单位落后、落后在哪里、差多少：由数据按下述规则得出。", "Which units are behind, in what and by how much, derived from the data by the rules below."),
		Paragraphs: []string{d.dg.Summary(d.lang)},
		Caption:    d.rulesText(),
	}
	for _, i := range d.order {
		u := d.dg.Units[i]
		if !u.Flagged {
			continue
		}
		var top []string
		for _, j := range u.TopObstacles {
			if len(top) == 3 {
				break
			}
			top = append(top, d.nodeLabel(d.dg.Indicators[j])+" "+fmtPct(round(u.Obstacle[j], 3)))
		}
		if len(top) > 0 {
			b.Items = append(b.Items, fmt.Sprintf(d.t("%s：拖后腿最多的指标（障碍度占比）为 %s", "%s: the indicators holding it back most (share of obstacle degree) are %s"),
				d.res.Unit[i], strings.Join(top, d.t("、", ", "))))
		}
	}
	return b
}

func (d diagView) grades() Block {
	hasGroup := nonEmpty(d.res.Group)
	t := &Table{}
	add := func(h string, num bool) {
		t.Header = append(t.Header, h)
		t.Numeric = append(t.Numeric, num)
	}
	add(d.t("单位", "Unit"), false)
	if hasGroup {
		add(d.t("分组", "Group"), false)
		add(d.t("组内排名", "Rank in group"), true)
	}
	add(d.indexName(), true)
	add(d.t("等级", "Grade"), false)
	add(d.t("薄弱地区", "Weak area"), false)
	add(d.t("标记规则", "Rules fired"), false)
	add(d.t("短板领域", "Weak domains"), false)
	add(d.t("未达标指标", "Targets missed"), true)
	add(d.t("最大障碍指标", "Largest obstacle"), false)
	for _, i := range d.order {
		u := d.dg.Units[i]
		row := []string{d.res.Unit[i]}
		if hasGroup {
			rank := missing
			if u.PeerRank > 0 {
				rank = fmt.Sprintf("%d/%d", u.PeerRank, u.PeerCount)
			}
			row = append(row, u.PeerGroup, rank)
		}
		grade := u.Grade
		if grade == "" {
			grade = missing
		}
		weak := ""
		if u.Flagged {
			weak = d.t("是", "yes")
		}
		var rules, domains []string
		targets := 0
		for _, f := range u.Findings {
			switch {
			case f.Flags:
				rules = append(rules, d.ruleName(f.Rule))
			case f.Rule == scoring.RuleGroupSD || f.Rule == scoring.RuleGroupFloor:
				if l := d.nodeLabel(f.Subject); !diagContains(domains, l) {
					domains = append(domains, l)
				}
			case f.Rule == scoring.RuleTarget:
				targets++
			}
		}
		top := missing
		if len(u.TopObstacles) > 0 {
			j := u.TopObstacles[0]
			top = d.nodeLabel(d.dg.Indicators[j]) + " " + fmtPct(round(u.Obstacle[j], 3))
		}
		row = append(row, fmtScore(u.Index), grade, weak, strings.Join(rules, d.t("；", "; ")),
			strings.Join(domains, d.t("、", ", ")), strconv.Itoa(targets), top)
		t.Rows = append(t.Rows, row)
		t.Flag = append(t.Flag, u.Flagged)
	}
	bands := gradeBands(d.dg.Rules.Grades, d.lang)
	reading := d.t("按指数从高到低排列；高亮行为薄弱地区。", "Units by index, highest first; highlighted rows are weak areas.")
	if len(bands) > 0 {
		reading += d.t("等级：", " Grades: ") + strings.Join(bands, d.t("；", "; ")) + d.t("。", ".")
	}
	return Block{
		ID:      BlockDiagnosisGrades,
		Heading: d.t("等级与标记", "Grades and flags"),
		Reading: reading,
		Table:   t,
	}
}

// ruleName is a short name of a rule for table cells.
func (d diagView) ruleName(rule string) string {
	names := map[string][2]string{
		scoring.RuleIndexSD:    {"低于均值减标准差", "below mean − k sd"},
		scoring.RuleQuantile:   {"排名靠后", "bottom share"},
		scoring.RuleFloor:      {"低于最低线", "below floor"},
		scoring.RuleUrbanRural: {"城乡差距大", "urban-rural gap"},
		scoring.RuleRegional:   {"区域差距大", "regional gap"},
	}
	if n, ok := names[rule]; ok {
		return d.t(n[0], n[1])
	}
	return rule
}

// profile builds unit i's subsection.
func (d diagView) profile(i int, withCharts bool) (Block, error) {
	u := d.dg.Units[i]
	k := strconv.Itoa(i + 1)
	head := d.res.Unit[i]
	if u.Grade != "" {
		head += d.t(" · 等级 ", " · grade ") + u.Grade
	}
	if u.Flagged {
		head += d.t(" · 薄弱地区", " · weak area")
	}
	b := Block{ID: BlockDiagnosisUnit + "-" + k, Heading: head}
	b.Paragraphs = append(b.Paragraphs, d.t(u.Summary, u.SummaryEN))
	if u.PeerRank > 0 {
		b.Paragraphs = append(b.Paragraphs, fmt.Sprintf(d.t("在同组（%s）%d 个单位中排第 %d。", "Rank %[3]d of the %[2]d units in its group (%[1]s)."),
			u.PeerGroup, u.PeerCount, u.PeerRank))
	}
	if s := d.sideText(u.Strengths, true); s != "" {
		b.Paragraphs = append(b.Paragraphs, s)
	}
	if s := d.sideText(u.Weaknesses, false); s != "" {
		b.Paragraphs = append(b.Paragraphs, s)
	}
	for _, f := range u.Findings {
		if f.Rule != scoring.RuleTarget {
			zh, en := f.Text()
			b.Items = append(b.Items, d.t(zh, en))
		}
	}
	if withCharts && len(d.groups) >= 3 {
		c, err := d.radar(i)
		if err != nil {
			return Block{}, err
		}
		b.Chart = &c
		b.Caption = d.t("实线为本单位，虚线为区域均值（各单位简单平均）。", "Solid: this unit; dashed: the region mean (simple mean of the units).")
	}
	ob := Block{
		Reading: d.t("障碍度 O = w(1 − z)：指标权重乘以该单位与最好水平的差距（z 为标准化得分/100），再换算为占比。占比越大，越拖后腿。",
			"Obstacle degree O = w(1 − z): the indicator's weight times the unit's distance from the best level (z = normalised score / 100), shown as shares. The larger the share, the more it holds the unit back."),
	}
	if withCharts && len(u.TopObstacles) > 0 {
		c, err := d.obstacleChart(i)
		if err != nil {
			return Block{}, err
		}
		ob.Chart = &c
	}
	var doms []string
	for g, s := range u.GroupObstacle {
		if !isMissing(s) {
			doms = append(doms, d.nodeLabel(d.dg.Groups[g])+" "+fmtPct(round(s, 3)))
		}
	}
	if len(doms) > 0 {
		ob.Caption = d.t("按一级领域合计：", "By top-level group: ") + strings.Join(doms, d.t("，", ", "))
	}
	b.Sub = append(b.Sub, ob, d.gapBlock(i))
	return b, nil
}

// sideText states the strengths or weaknesses of a unit in one sentence.
func (d diagView) sideText(ds []scoring.Deviation, strong bool) string {
	var parts []string
	for _, x := range ds {
		parts = append(parts, fmt.Sprintf("%s %s", d.nodeLabel(x.ID), signed(x.Diff)))
	}
	if len(parts) == 0 {
		return ""
	}
	if strong {
		return d.t("高于区域均值最多（得分差）：", "Furthest above the region mean (score points): ") + strings.Join(parts, d.t("，", ", ")) + d.t("。", ".")
	}
	return d.t("低于区域均值最多（得分差）：", "Furthest below the region mean (score points): ") + strings.Join(parts, d.t("，", ", ")) + d.t("。", ".")
}

// signed formats a score difference with its sign: "+12.3", "−4.0".
func signed(v float64) string {
	s := fmtScore(math.Abs(v))
	if round(v, 1) < 0 {
		return "−" + s
	}
	return "+" + s
}

// radar draws unit i's top-level group scores against the region mean.
func (d diagView) radar(i int) (Chart, error) {
	name := "diag-radar-" + strconv.Itoa(i+1)
	means := d.groupMeans()
	hi, lo := 100.0, 0.0
	ind := make([]*opts.Indicator, len(d.groups))
	vals := make([]any, len(d.groups))
	mvals := make([]any, len(d.groups))
	for g, nr := range d.groups {
		ind[g] = &opts.Indicator{Name: d.label(nr)}
		vals[g] = chartValue(nr.Scores[i])
		mvals[g] = chartValue(means[g])
		hi = math.Max(hi, maxOf(nr.Scores))
		lo = math.Min(lo, minOf(nr.Scores))
	}
	unit := d.unitName(i)
	meanName := d.t("区域均值", "Region mean")
	r := ec.NewRadar()
	r.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: chartElementID(name)}),
		ec.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, SplitNumber: 5}),
	)
	r.AddSeries(unit, []opts.RadarData{{Name: unit, Value: vals}},
		ec.WithLineStyleOpts(opts.LineStyle{Width: 2, Color: d.unitColor(i)}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: d.unitColor(i)}),
		ec.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.15)}))
	r.AddSeries(meanName, []opts.RadarData{{Name: meanName, Value: mvals}},
		ec.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: colorMean}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: colorMean}))
	m, err := rawOption(r)
	if err != nil {
		return Chart{}, err
	}
	m["legend"] = map[string]any{"data": []any{unit, meanName}, "top": 0, "selectedMode": false}
	m["tooltip"] = map[string]any{"trigger": "item"}
	ro := obj(m, "radar")
	ro["center"] = []any{"50%", "56%"}
	ro["radius"] = "62%"
	for _, it := range ro["indicator"].([]any) {
		o := it.(map[string]any)
		o["min"] = fixZero(round(lo, 2))
		o["max"] = fixZero(round(hi, 2))
	}
	return Chart{Name: name, Title: d.res.Unit[i] + d.t("：各领域得分与区域均值", ": group scores against the region mean"), Height: 360, Option: m}, nil
}

// obstacleChart is a horizontal bar of the obstacle shares (in %) of the
// indicators holding unit i back most, largest on top.
func (d diagView) obstacleChart(i int) (Chart, error) {
	u := d.dg.Units[i]
	name := "diag-obstacle-" + strconv.Itoa(i+1)
	cats := make([]string, len(u.TopObstacles))
	data := make([]opts.BarData, len(u.TopObstacles))
	for k, j := range u.TopObstacles {
		cats[k] = d.nodeLabel(d.dg.Indicators[j])
		data[k] = opts.BarData{Value: chartValue(100 * u.Obstacle[j])}
	}
	series := d.t("障碍度占比（%）", "Share of obstacle degree (%)")
	bar := ec.NewBar()
	bar.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: chartElementID(name)}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category"}),
	)
	bar.SetXAxis(cats).XYReversal()
	bar.AddSeries(series, data,
		ec.WithItemStyleOpts(opts.ItemStyle{Color: d.unitColor(i)}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	m, err := rawOption(bar)
	if err != nil {
		return Chart{}, err
	}
	m["legend"] = map[string]any{"data": []any{series}, "top": 0, "selectedMode": false}
	m["tooltip"] = map[string]any{"trigger": "item"}
	m["grid"] = map[string]any{"left": 8, "right": 56, "top": 32, "bottom": 24, "containLabel": true}
	x := firstAxis(m, "xAxis")
	x["min"] = 0
	y := firstAxis(m, "yAxis")
	y["inverse"] = true
	y["axisLabel"] = map[string]any{"interval": 0, "width": 260, "overflow": "break"}
	return Chart{
		Name:   name,
		Title:  d.unitName(i) + d.t("：拖后腿最多的指标", ": indicators holding it back most"),
		Height: 80 + 40*len(cats),
		Option: m,
	}, nil
}

// gapBlock is unit i's table of gaps in natural units.
func (d diagView) gapBlock(i int) Block {
	u := d.dg.Units[i]
	t := &Table{
		Caption: d.t("差距明细（指标本身的单位）", "Gaps in detail (each indicator's own unit)"),
		Header: []string{d.t("指标", "Indicator"), d.t("单位", "Unit"), d.t("本单位", "Value"), d.t("目标", "Target"),
			d.t("距目标", "To target"), d.t("区域基准", "Benchmark"), d.t("与基准比", "Against benchmark"),
			d.t("城镇", "Urban"), d.t("农村", "Rural"), d.t("农村与城镇比", "Rural against urban"), d.t("障碍度占比", "Obstacle share")},
		Numeric:   []bool{false, false, true, true, false, true, false, true, true, false, true},
		Collapsed: !u.Flagged,
	}
	for j, g := range u.Gaps {
		nr := d.res.Node(g.ID)
		unit := ""
		if nr != nil {
			unit = nr.Node.UnitLabel(d.lang)
		}
		if isMissing(g.Value) {
			t.Rows = append(t.Rows, []string{d.nodeLabel(g.ID), unit, d.t("缺失", "missing"), fmtNum(g.Target), missing,
				fmtNum(g.Benchmark), missing, fmtNum(g.Urban), fmtNum(g.Rural), d.behind(g.RuralBehind), missing})
			t.Flag = append(t.Flag, true)
			continue
		}
		toTarget := missing
		switch {
		case isMissing(g.ToTarget):
		case g.ToTarget > 0:
			toTarget = d.t("还差 ", "short by ") + fmtNum(g.ToTarget)
		default:
			toTarget = d.t("已达标", "met")
		}
		t.Rows = append(t.Rows, []string{d.nodeLabel(g.ID), unit, fmtNum(g.Value), fmtNum(g.Target), toTarget,
			fmtNum(g.Benchmark), d.behind(g.ToBenchmark), fmtNum(g.Urban), fmtNum(g.Rural), d.behind(g.RuralBehind),
			fmtPct(round(u.Obstacle[j], 3))})
		t.Flag = append(t.Flag, g.ToTarget > 0)
	}
	return Block{
		Reading: d.t("“距目标”为达到规划目标还需改善的量；“与基准比”为与区域基准（人口加权）的差距；“农村与城镇比”为农村落后（或领先）城镇的量。越低越好的指标已按方向换算。高亮行为未达标或缺失数据的指标。",
			"\"To target\" is the improvement still needed to reach the plan target; \"against benchmark\" the distance from the population-weighted region benchmark; \"rural against urban\" how far rural is behind (or ahead of) urban. Lower-is-better indicators are turned the right way. Highlighted rows miss their target or have no data."),
		Table: t,
	}
}

// behind formats a signed gap (positive: behind) as "behind x" / "ahead x".
func (d diagView) behind(v float64) string {
	switch {
	case isMissing(v):
		return missing
	case fmtNum(math.Abs(v)) == "0":
		return d.t("持平", "level")
	case v > 0:
		return d.t("落后 ", "behind by ") + fmtNum(v)
	default:
		return d.t("领先 ", "ahead by ") + fmtNum(-v)
	}
}

func diagContains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
