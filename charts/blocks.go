package charts

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
)

// Block ids of the standard report, in page order. Blocks added later
// (equalization, diagnosis) should use their own ids.
const (
	BlockSummary     = "summary"
	BlockRanking     = "ranking"
	BlockRadar       = "radar"
	BlockHeatmap     = "heatmap"
	BlockScores      = "scores"
	BlockWarnings    = "warnings"
	BlockNotes       = "notes"
	BlockMethodology = "methodology"
)

// Blocks builds the standard report sections for res: data summary,
// ranking, radar of top-level groups, indicator heatmap, score table,
// warnings, the evaluator's own notes (Options.Method, when set) and the
// generated methodology. Insert or append blocks and pass the slice to
// WritePage to extend the report.
func Blocks(res *scoring.Result, opt Options) ([]Block, error) {
	v, err := newView(res, opt.Lang)
	if err != nil {
		return nil, err
	}
	cs, err := v.charts(opt)
	if err != nil {
		return nil, err
	}
	byName := map[string]*Chart{}
	for i := range cs {
		byName[cs[i].Name] = &cs[i]
	}
	// The diagnosis (when the Result has one) gives the plain-language
	// summary at the top and the grades and unit profiles after the scores.
	var diag, eq []Block
	if res.Diagnosis != nil {
		if diag, err = DiagnosisBlocks(res, opt); err != nil {
			return nil, err
		}
	}
	if res.Equalization != nil {
		if eq, err = EqualizationBlocks(res, opt); err != nil {
			return nil, err
		}
	}
	var out []Block
	out = append(out, v.summaryBlock(opt))
	if len(diag) > 0 {
		out = append(out, diag[0])
	}
	out = append(out, v.rankingBlock(byName[ChartRanking]))
	if c := byName[ChartRadar]; c != nil {
		out = append(out, v.radarBlock(c, opt))
	}
	out = append(out, v.heatmapBlock(byName[ChartHeatmap]), v.scoresBlock())
	out = append(out, eq...)
	if len(diag) > 1 {
		out = append(out, diag[1:]...)
	}
	out = append(out, v.warningsBlock())
	if strings.TrimSpace(opt.Method) != "" {
		out = append(out, Block{ID: BlockNotes, Heading: tr(v.lang, "评估说明", "Notes"), Sub: textBlocks(opt.Method)})
	}
	out = append(out, MethodologyBlock(res, opt.Lang))
	return out, nil
}

// ReportCharts returns every chart of the report page in page order: the
// standard charts, the equalization charts and the diagnosis charts, for
// writing each one alone (charts/<name>.html and .json).
func ReportCharts(res *scoring.Result, opt Options) ([]Chart, error) {
	blocks, err := Blocks(res, opt)
	if err != nil {
		return nil, err
	}
	var out []Chart
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			if b.Chart != nil {
				out = append(out, *b.Chart)
			}
			walk(b.Sub)
		}
	}
	walk(blocks)
	return out, nil
}

// MethodologyBlock turns Methodology(res, lang) into a report block.
func MethodologyBlock(res *scoring.Result, lang string) Block {
	b := Block{
		ID:      BlockMethodology,
		Heading: tr(lang, "方法说明", "Methodology"),
		Reading: tr(lang, "以下内容由本次计算实际使用的设置自动生成，与上文数字一致。",
			"Generated from the settings this run actually used, so it matches the numbers above."),
	}
	for _, s := range Methodology(res, lang) {
		b.Sub = append(b.Sub, Block{ID: s.ID, Heading: s.Heading, Paragraphs: s.Paragraphs, Table: s.Table})
	}
	return b
}

// textBlocks splits light-markdown text into blocks: "#" lines start a
// heading, "- " or "* " lines are list items, other lines join into
// paragraphs separated by blank lines.
func textBlocks(text string) []Block {
	var out []Block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Paragraphs: []string{strings.Join(para, " ")}})
			para = nil
		}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(line)
		switch {
		case s == "":
			flush()
		case strings.HasPrefix(s, "#"):
			flush()
			out = append(out, Block{Heading: strings.TrimSpace(strings.TrimLeft(s, "#"))})
		case strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* "):
			flush()
			item := strings.TrimSpace(s[2:])
			if n := len(out); n > 0 && len(out[n-1].Items) > 0 {
				out[n-1].Items = append(out[n-1].Items, item)
			} else {
				out = append(out, Block{Items: []string{item}})
			}
		default:
			para = append(para, s)
		}
	}
	flush()
	return out
}

func (v *view) summaryBlock(opt Options) Block {
	lang, res, f := v.lang, v.res, v.res.Framework
	t := &Table{Header: []string{tr(lang, "项目", "Item"), tr(lang, "内容", "Value")}}
	add := func(k, val string) { t.Rows = append(t.Rows, []string{k, val}) }
	add(tr(lang, "评估框架", "Framework"), DefaultTitle(&scoring.Result{Framework: f}, lang))
	if f.Source != "" {
		add(tr(lang, "框架来源", "Framework source"), f.Source)
	}
	if opt.Source != "" {
		add(tr(lang, "数据来源", "Data source"), opt.Source)
	}
	if res.Year != 0 {
		add(tr(lang, "年份", "Year"), strconv.Itoa(res.Year))
	}
	scored := 0
	for _, x := range res.Index() {
		if !isMissing(x) {
			scored++
		}
	}
	add(tr(lang, "评估单位", "Units"), fmt.Sprintf(tr(lang, "%d 个（有综合得分 %d 个）", "%d (%d with an index score)"), v.n, scored))
	names := make([]string, len(v.groups))
	for g, nr := range v.groups {
		names[g] = v.label(nr)
	}
	add(tr(lang, "指标", "Indicators"), fmt.Sprintf(tr(lang, "%d 项，分属 %d 个一级领域：%s", "%d in %d top-level groups: %s"),
		len(v.inds), len(v.groups), strings.Join(names, tr(lang, "、", ", "))))
	cells, miss := 0, 0
	for _, nr := range v.inds {
		for _, x := range nr.Scores {
			cells++
			if isMissing(x) {
				miss++
			}
		}
	}
	add(tr(lang, "缺失得分", "Missing scores"), fmt.Sprintf(tr(lang, "%d / %d 个单位×指标", "%d of %d unit x indicator cells"), miss, cells))
	var weak []string
	for _, i := range v.order {
		if v.weak(i) {
			weak = append(weak, res.Unit[i])
		}
	}
	w := tr(lang, "无", "none")
	if len(weak) > 0 {
		w = strconv.Itoa(len(weak)) + tr(lang, " 个：", ": ") + strings.Join(weak, tr(lang, "、", ", "))
	}
	add(tr(lang, "薄弱地区", "Weak areas"), w)
	add(tr(lang, "提示", "Warnings"), strconv.Itoa(len(res.Warnings)))
	return Block{
		ID:      BlockSummary,
		Heading: tr(lang, "数据概况", "Data summary"),
		Reading: tr(lang, "本次评估覆盖的单位、指标和数据完整程度。", "What this assessment covers and how complete the data are."),
		Table:   t,
	}
}

func (v *view) rankingBlock(c *Chart) Block {
	lang := v.lang
	b := Block{
		ID:      BlockRanking,
		Heading: c.Title,
		Reading: tr(lang, "条形越长，基本公共服务综合水平越高；橙红色条形为按下述规则标记的薄弱地区。",
			"Longer bars mean better overall provision; orange-red bars are units flagged as weak areas by the rule below."),
		Chart:   c,
		Caption: WeakRuleSentence(v.res.Framework, lang),
	}
	for _, i := range v.order {
		if !v.weak(i) {
			continue
		}
		item := v.res.Unit[i]
		if len(v.res.WeakReasons) > 0 && len(v.res.WeakReasons[i]) > 0 {
			item += tr(lang, "：", ": ") + joinReasons(lang, v.res.WeakReasons[i])
		}
		b.Items = append(b.Items, item)
	}
	return b
}

func (v *view) radarBlock(c *Chart, opt Options) Block {
	show := opt.RadarUnits
	if show <= 0 {
		show = 3
	}
	lang := v.lang
	return Block{
		ID:      BlockRadar,
		Heading: c.Title,
		Reading: fmt.Sprintf(tr(lang,
			"每个多边形是一个单位在各一级领域的得分，越靠外越好；虚线为各单位简单平均。开始显示 %d 个单位（被标记的薄弱地区优先，其余按排名），点击图例可加入其他单位。",
			"Each polygon is one unit's top-level group scores (further out is better); the dashed line is the simple mean of the units. %d units are shown at first (flagged weak areas first, then by rank); click the legend to add others."), show),
		Chart: c,
	}
}

// heatmapUnits returns the units the heatmap shows, in rank order: all of
// them, or in a region of more than maxReportUnits the heatmapLargeUnits
// lowest-ranked (a heatmap of thousands of columns is unreadable and heavy).
func (v *view) heatmapUnits() []int {
	if v.n <= maxReportUnits {
		return v.order
	}
	return v.order[v.n-heatmapLargeUnits:]
}

// heatmapLargeUnits is how many units the heatmap of a large region shows.
const heatmapLargeUnits = 50

func (v *view) heatmapBlock(c *Chart) Block {
	lang := v.lang
	t := &Table{
		Caption:   tr(lang, "标准化得分明细", "Normalised scores in detail"),
		Header:    []string{tr(lang, "指标", "Indicator")},
		Numeric:   []bool{false},
		Collapsed: true,
	}
	shown := v.heatmapUnits()
	for _, i := range shown {
		t.Header = append(t.Header, v.res.Unit[i])
		t.Numeric = append(t.Numeric, true)
	}
	for _, nr := range v.inds {
		row := []string{v.label(nr)}
		for _, i := range shown {
			row = append(row, fmtScore(nr.Scores[i]))
		}
		t.Rows = append(t.Rows, row)
	}
	b := Block{
		ID:      BlockHeatmap,
		Heading: c.Title,
		Reading: tr(lang,
			"每格是一个单位（列，按排名）在一项指标（行）上的标准化得分，已统一为越高越好；空白格表示数据缺失，不按 0 计。",
			"Each cell is a unit's (column, in rank order) normalised score on an indicator (row), turned so that higher is better; empty cells are missing data, not zeros."),
		Chart: c,
		Table: t,
	}
	if len(shown) < v.n {
		b.Caption = fmt.Sprintf(tr(lang, "共 %d 个单位，图表只显示排名最低的 %d 个；所有单位的得分见 scores.csv 和 scores.json。",
			"Of %d units, the %d lowest-ranked are shown; scores.csv and scores.json have every unit."), v.n, len(shown))
	}
	return b
}

func (v *view) scoresBlock() Block {
	lang, res := v.lang, v.res
	hasCode, hasGroup := nonEmpty(res.Code), nonEmpty(res.Group)
	t := &Table{}
	t.Header = append(t.Header, tr(lang, "排名", "Rank"), tr(lang, "单位", "Unit"))
	t.Numeric = append(t.Numeric, true, false)
	if hasCode {
		t.Header = append(t.Header, tr(lang, "代码", "Code"))
		t.Numeric = append(t.Numeric, false)
	}
	if hasGroup {
		t.Header = append(t.Header, tr(lang, "分组", "Group"))
		t.Numeric = append(t.Numeric, false)
	}
	t.Header = append(t.Header, tr(lang, "综合指数", "Index"))
	t.Numeric = append(t.Numeric, true)
	for _, g := range v.groups {
		t.Header = append(t.Header, v.label(g))
		t.Numeric = append(t.Numeric, true)
	}
	t.Header = append(t.Header, tr(lang, "薄弱", "Weak"), tr(lang, "原因", "Reasons"))
	t.Numeric = append(t.Numeric, false, false)
	for _, i := range v.order {
		rank := missing
		if len(res.Rank) > 0 && res.Rank[i] > 0 {
			rank = strconv.Itoa(res.Rank[i])
		}
		row := []string{rank, res.Unit[i]}
		if hasCode {
			row = append(row, res.Code[i])
		}
		if hasGroup {
			row = append(row, res.Group[i])
		}
		row = append(row, fmtScore(res.Index()[i]))
		for _, g := range v.groups {
			row = append(row, fmtScore(g.Scores[i]))
		}
		weak, reasons := "", ""
		if v.weak(i) {
			weak = tr(lang, "是", "yes")
		}
		if len(res.WeakReasons) > 0 {
			reasons = joinReasons(lang, res.WeakReasons[i])
		}
		if why := res.Nodes[0].Why; isMissing(res.Index()[i]) && len(why) > i && why[i] != "" {
			reasons = strings.TrimPrefix(reasons+tr(lang, "；", "; ")+pick(lang, why[i]), tr(lang, "；", "; "))
		}
		t.Rows = append(t.Rows, append(row, weak, reasons))
		t.Flag = append(t.Flag, v.weak(i))
	}
	return Block{
		ID:      BlockScores,
		Heading: tr(lang, "得分表", "Score table"),
		Reading: tr(lang, "按综合指数从高到低排列，得分保留 1 位小数；高亮行为薄弱地区，“-”表示缺失。",
			"Units by index, highest first, scores to 1 decimal; highlighted rows are weak areas, \"-\" is missing."),
		Table: t,
	}
}

func nonEmpty(s []string) bool {
	for _, x := range s {
		if x != "" {
			return true
		}
	}
	return false
}

func (v *view) warningsBlock() Block {
	lang := v.lang
	b := Block{
		ID:      BlockWarnings,
		Heading: tr(lang, "提示", "Warnings"),
		Reading: tr(lang, "计算中发现、但不影响出结果的问题；解读相关数字时请留意。",
			"Problems found during the run that did not stop it; keep them in mind when reading the numbers."),
	}
	if len(v.res.Warnings) == 0 {
		b.Paragraphs = []string{tr(lang, "无。", "None.")}
		return b
	}
	for _, w := range v.res.Warnings {
		// Msg is a whole sentence naming the unit and indicator itself.
		item := pick(lang, w.Msg)
		if w.Code != "" {
			item += " [" + w.Code + "]"
		}
		b.Items = append(b.Items, item)
	}
	return b
}
