package charts

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
)

// Block ids of the equalization sections, in page order.
const (
	BlockEqIndex    = "eq-index"
	BlockUrbanRural = "eq-urban-rural"
	BlockRegional   = "eq-regional"
	BlockDecompose  = "eq-decomposition"
	BlockDagum      = "eq-dagum"
)

// Chart names of the equalization charts. The per-indicator dumbbell
// charts are named "ur-" plus the indicator id in lower case (or "ur-<k>",
// k the position among the indicators with urban/rural data, when the id
// does not make a valid or unique name).
const (
	ChartEqRanking   = "eq-ranking"
	ChartURRanking   = "ur-ranking"
	ChartLorenz      = "lorenz"
	ChartDecompArea  = "theil-area"
	ChartDecompUnit  = "theil-unit"
	ChartDecompGroup = "theil-group"
)

const (
	eqDumbbellMaxUnit = 100 // above this many units a dumbbell shows the lowest-UR units only
	eqDumbbellShow    = 50  // how many units it then shows
	eqLorenzIndicator = 3   // indicators drawn on the Lorenz chart besides L and EI

	colorLevel        = "#5470c6"
	colorUR           = "#91cc75"
	colorRG           = "#fac858"
	colorUrban        = "#5470c6"
	colorRural        = "#ee6666"
	colorWithin       = "#73c0de"
	colorBetween      = "#d9480f"
	colorDumbbellLine = "#bbbbbb"
)

// EqualizationBlocks builds the report sections for urban-rural and
// regional equalization from res.Equalization: the equalization index
// ranking with its three components stacked (weak units marked), the
// urban-rural section (UR ranking and one dumbbell chart of urban and
// rural values per indicator), the regional section (Lorenz curves with
// the Gini of L, EI and the most unequal indicators, and the statistics
// table), the Theil decompositions (stacked within/between shares) and the
// Dagum tables. Every section opens with a sentence generated from the
// numbers. Sections without data (no urban/rural columns, fewer than two
// groups) are left out.
func EqualizationBlocks(res *scoring.Result, opt Options) ([]Block, error) {
	v, err := newView(res, opt.Lang)
	if err != nil {
		return nil, err
	}
	eq := res.Equalization
	if eq == nil {
		return nil, errors.New("charts: Result has no Equalization (run scoring.Run)")
	}
	for _, c := range []struct {
		name string
		l    int
	}{{"UR", len(eq.UR)}, {"RG", len(eq.RG)}, {"EI", len(eq.EI)}, {"URRank", len(eq.URRank)}, {"RGRank", len(eq.RGRank)}, {"EIRank", len(eq.EIRank)}} {
		if c.l != v.n {
			return nil, fmt.Errorf("charts: Equalization.%s has %d entries, want %d (one per unit)", c.name, c.l, v.n)
		}
	}
	e := &eqView{view: v, eq: eq}
	var out []Block
	b, err := e.indexBlock()
	if err != nil {
		return nil, err
	}
	out = append(out, b)
	if b, ok, err := e.urbanRuralBlock(); err != nil {
		return nil, err
	} else if ok {
		out = append(out, b)
	}
	if b, err = e.regionalBlock(); err != nil {
		return nil, err
	}
	out = append(out, b)
	if b, ok, err := e.decompositionBlock(); err != nil {
		return nil, err
	} else if ok {
		out = append(out, b)
	}
	if b, ok := e.dagumBlock(); ok {
		out = append(out, b)
	}
	return out, nil
}

type eqView struct {
	*view
	eq *scoring.Equalization
}

// t is tr in the view's language.
func (e *eqView) t(zh, en string) string { return tr(e.lang, zh, en) }

// subjectLabel names a statistics subject.
func (e *eqView) subjectLabel(kind, id string) string {
	switch kind {
	case scoring.SubjectIndex:
		return e.t("综合指数 L", "Level index L")
	case scoring.SubjectEI:
		return e.t("均等化指数 EI", "Equalization index EI")
	case scoring.SubjectUR:
		return e.t("城乡均等化 UR", "Urban-rural equalization UR")
	case scoring.SubjectRG:
		return e.t("区域均等化 RG", "Regional equalization RG")
	}
	if nr := e.res.Node(id); nr != nil {
		return e.label(nr)
	}
	return id
}

// eqOrder returns the units sorted by x descending, missing last, ties in
// input order.
func eqOrder(x []float64) []int {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		xa, xb := x[idx[a]], x[idx[b]]
		if isMissing(xb) {
			return !isMissing(xa)
		}
		return !isMissing(xa) && xa > xb
	})
	return idx
}

func eqRank(r int) string {
	if r <= 0 {
		return missing
	}
	return strconv.Itoa(r)
}

// eqBarGrid is the grid of the horizontal bar charts.
func eqBarGrid() map[string]any {
	return map[string]any{"left": 8, "right": 48, "top": 32, "bottom": 24, "containLabel": true}
}

// indexBlock: EI ranking with the three components stacked.
func (e *eqView) indexBlock() (Block, error) {
	res, eq := e.res, e.eq
	c := eq.Components
	L := res.Index()
	order := eqOrder(eq.EI)
	cats := make([]any, len(order))
	parts := [3][]any{}
	for k := range parts {
		parts[k] = make([]any, len(order))
	}
	for k, i := range order {
		cats[k] = e.markWeak("value", res.Unit[i], i)
		comps := [3]float64{L[i], eq.UR[i], eq.RG[i]}
		ws := [3]float64{c.Level, c.UrbanRural, c.Regional}
		var sw float64
		for j := range comps {
			if ws[j] > 0 && !isMissing(comps[j]) {
				sw += ws[j]
			}
		}
		for j := range comps {
			if sw > 0 && ws[j] > 0 && !isMissing(comps[j]) {
				parts[j][k] = chartValue(ws[j] * comps[j] / sw)
			} else {
				parts[j][k] = missing
			}
		}
	}
	names := [3]string{
		e.t("水平 L", "Level L"), e.t("城乡均等 UR", "Urban-rural UR"), e.t("区域均等 RG", "Regional RG"),
	}
	colors := [3]string{colorLevel, colorUR, colorRG}
	var series []any
	for j := range names {
		series = append(series, map[string]any{
			"type": "bar", "name": names[j], "stack": "ei", "data": parts[j],
			"itemStyle": map[string]any{"color": colors[j]},
		})
	}
	legend := []any{names[0], names[1], names[2]}
	opt := map[string]any{
		"animation": false,
		"legend":    map[string]any{"data": legend, "top": 0},
		"tooltip":   map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"grid":      eqBarGrid(),
		"xAxis":     []any{map[string]any{"type": "value", "name": "EI", "min": 0, "max": 100}},
		"yAxis":     []any{map[string]any{"type": "category", "data": cats, "inverse": true}},
		"series":    series,
	}
	if mx := maxOf(eq.EI); mx > 100 {
		delete(firstAxis(opt, "xAxis"), "max")
	}
	ch := &Chart{Name: ChartEqRanking, Title: e.t("均等化指数排名", "Equalization index ranking"), Height: 70 + 26*e.n, Option: opt}

	t := &Table{
		Header: []string{e.t("排名", "Rank"), e.t("单位", "Unit"), e.t("均等化指数 EI", "EI"),
			e.t("水平 L", "Level L"), e.t("L 排名", "L rank"), e.t("城乡 UR", "Urban-rural UR"), e.t("UR 排名", "UR rank"),
			e.t("区域 RG", "Regional RG"), e.t("RG 排名", "RG rank"), e.t("薄弱", "Weak")},
		Numeric: []bool{true, false, true, true, true, true, true, true, true, false},
	}
	for _, i := range order {
		weak := ""
		if e.weak(i) {
			weak = e.t("是", "yes")
		}
		lr := 0
		if len(res.Rank) > i {
			lr = res.Rank[i]
		}
		t.Rows = append(t.Rows, []string{eqRank(eq.EIRank[i]), res.Unit[i], fmtScore(eq.EI[i]),
			fmtScore(L[i]), eqRank(lr), fmtScore(eq.UR[i]), eqRank(eq.URRank[i]),
			fmtScore(eq.RG[i]), eqRank(eq.RGRank[i]), weak})
		t.Flag = append(t.Flag, e.weak(i))
	}

	reading := e.t("均等化指数 EI 把服务水平 L、城乡均等化 UR 和区域均等化 RG 加权合成（0-100，越高越好）。",
		"The equalization index EI combines the service level L, urban-rural equalization UR and regional equalization RG (0-100, higher is better).")
	if len(order) > 0 && !isMissing(eq.EI[order[0]]) {
		last := order[0]
		for _, i := range order {
			if !isMissing(eq.EI[i]) {
				last = i
			}
		}
		reading += fmt.Sprintf(e.t("最高的是%s（%s），最低的是%s（%s）。", " %s is highest (%s) and %s lowest (%s)."),
			res.Unit[order[0]], fmtScore(eq.EI[order[0]]), res.Unit[last], fmtScore(eq.EI[last]))
		// The unit whose EI rank falls furthest below its L rank.
		worst, drop := -1, 0
		for i := range res.Unit {
			if len(res.Rank) > i && res.Rank[i] > 0 && eq.EIRank[i] > 0 && eq.EIRank[i]-res.Rank[i] > drop {
				worst, drop = i, eq.EIRank[i]-res.Rank[i]
			}
		}
		if worst >= 0 {
			reading += fmt.Sprintf(e.t("考虑城乡和区域差距后，%s的排名从第 %d 降到第 %d。", " Once urban-rural and regional gaps count, %s drops from rank %d to %d."),
				res.Unit[worst], res.Rank[worst], eq.EIRank[worst])
		}
	}
	caption := fmt.Sprintf(e.t("权重：水平 %g、城乡 %g、区域 %g（某单位缺少某分量时，其余分量权重重新归一）；条形各段为各分量对 EI 的贡献；标“薄弱”的为薄弱地区。",
		"Weights: level %g, urban-rural %g, regional %g (a component a unit lacks drops out and the others are renormalised); each bar segment is that component's contribution to EI; units marked weak are flagged weak areas."),
		c.Level, c.UrbanRural, c.Regional)
	return Block{
		ID: BlockEqIndex, Heading: ch.Title, Reading: reading, Chart: ch, Caption: caption,
		Table: t,
	}, nil
}

// urbanRuralBlock: UR ranking and one dumbbell per indicator with
// urban/rural data.
func (e *eqView) urbanRuralBlock() (Block, bool, error) {
	res, eq := e.res, e.eq
	var inds []*scoring.IndicatorEqualization
	for k := range eq.Indicators {
		if eq.Indicators[k].HasUrbanRural {
			inds = append(inds, &eq.Indicators[k])
		}
	}
	if len(inds) == 0 {
		return Block{}, false, nil
	}
	b := Block{ID: BlockUrbanRural, Heading: e.t("城乡均等化", "Urban-rural equalization")}

	// The headline: the indicator where the urban-rural gap explains the
	// largest share of inequality.
	best, share := "", math.NaN()
	for _, ie := range inds {
		if d := eq.DecompositionFor(scoring.SubjectIndicator, ie.ID, scoring.ByArea); d != nil && !isMissing(d.TheilT.BetweenShare) {
			if isMissing(share) || d.TheilT.BetweenShare > share {
				best, share = ie.ID, d.TheilT.BetweenShare
			}
		}
	}
	b.Reading = e.t("城乡均等化 UR 是各指标农村与城镇中较差一方与较好一方之比（100 表示城乡相同）按权重的平均。",
		"Urban-rural equalization UR is the weighted mean, over indicators, of the worse-served area's value as a share of the better-served one's (100 means urban and rural are equal).")
	if best != "" {
		b.Reading += fmt.Sprintf(e.t("城乡之间的差距占“%[2]s”不平等的 %[1]s（泰尔 T 指数的城乡组间部分），在各指标中最高。",
			" The gap between urban and rural areas accounts for %s of the inequality in %s (the between-area part of Theil's T), more than for any other indicator."),
			fmtPct(share), e.subjectLabel(scoring.SubjectIndicator, best))
	}

	// UR ranking.
	order := eqOrder(eq.UR)
	cats := make([]any, len(order))
	data := make([]any, len(order))
	for k, i := range order {
		cats[k] = e.markWeak("value", res.Unit[i], i)
		data[k] = chartValue(eq.UR[i])
	}
	rk := &Chart{Name: ChartURRanking, Title: e.t("城乡均等化排名", "Urban-rural equalization ranking"), Height: 70 + 26*e.n,
		Option: map[string]any{
			"animation": false,
			"tooltip":   map[string]any{"trigger": "item"},
			"grid":      eqBarGrid(),
			"xAxis":     []any{map[string]any{"type": "value", "name": "UR", "min": 0, "max": 100}},
			"yAxis":     []any{map[string]any{"type": "category", "data": cats, "inverse": true}},
			"series": []any{map[string]any{"type": "bar", "name": "UR", "data": data,
				"itemStyle": map[string]any{"color": colorUR}, "label": map[string]any{"show": true, "position": "right"}}},
		}}
	low := order[0]
	for _, i := range order {
		if !isMissing(eq.UR[i]) {
			low = i
		}
	}
	rkReading := e.t("条形越长，城乡之间越均衡。", "Longer bars mean more even urban and rural provision.")
	if !isMissing(eq.UR[low]) {
		rkReading += fmt.Sprintf(e.t("%s的城乡均等化程度最低（UR %s）。", " %s has the least even urban and rural provision (UR %s)."), res.Unit[low], fmtScore(eq.UR[low]))
	}
	b.Sub = append(b.Sub, Block{ID: "eq-ur-ranking", Heading: rk.Title, Reading: rkReading, Chart: rk})

	// Summary table per indicator.
	t := &Table{
		Caption: e.t("各指标城乡差距", "Urban-rural gaps by indicator"),
		Header: []string{e.t("指标", "Indicator"), e.t("城镇均值", "Urban mean"), e.t("农村均值", "Rural mean"),
			e.t("城乡比", "Urban/rural"), e.t("农村落后的单位", "Units with rural behind"), e.t("泰尔 T", "Theil T"),
			e.t("城乡组间占比", "Between areas"), e.t("地区组间占比", "Between units")},
		Numeric: []bool{false, true, true, true, true, true, true, true},
	}
	used := map[string]bool{"ranking": true} // ur-ranking is taken
	for k, ie := range inds {
		name := e.subjectLabel(scoring.SubjectIndicator, ie.ID)
		area := eq.DecompositionFor(scoring.SubjectIndicator, ie.ID, scoring.ByArea)
		unit := eq.DecompositionFor(scoring.SubjectIndicator, ie.ID, scoring.ByUnit)
		rural, with := 0, 0
		for i := range res.Unit {
			if ie.Behind[i] == scoring.AreaRural {
				rural++
			}
			if !isMissing(ie.UR[i]) {
				with++
			}
		}
		ratio := math.NaN()
		if ie.RuralMean > 0 {
			ratio = ie.UrbanMean / ie.RuralMean
		}
		row := []string{name, fmtNum(ie.UrbanMean), fmtNum(ie.RuralMean), fmtNum(ratio), fmt.Sprintf("%d / %d", rural, with)}
		if area != nil {
			row = append(row, fmtNum(area.TheilT.Total), fmtPct(area.TheilT.BetweenShare))
		} else {
			row = append(row, missing, missing)
		}
		if unit != nil {
			row = append(row, fmtPct(unit.TheilT.BetweenShare))
		} else {
			row = append(row, missing)
		}
		t.Rows = append(t.Rows, row)

		sub, err := e.dumbbell(k, ie, name, area, used)
		if err != nil {
			return Block{}, false, err
		}
		b.Sub = append(b.Sub, sub)
	}
	b.Table = t
	return b, true, nil
}

// eqSlug returns a chart name part for an indicator id: the id in lower
// case when it is valid and unused, else the position.
func eqSlug(id string, k int, used map[string]bool) string {
	s := strings.ToLower(id)
	if !chartNameRE.MatchString("ur-"+s) || used[s] {
		s = strconv.Itoa(k + 1)
	}
	used[s] = true
	return s
}

// dumbbell draws urban and rural values of one indicator for every unit
// (or, with many units, the units with the lowest UR) as two dots joined
// by a line: a transparent stacked bar up to the lower value, a thin bar
// spanning the gap, and a scatter series for each area.
func (e *eqView) dumbbell(k int, ie *scoring.IndicatorEqualization, name string, area *scoring.DecompositionRow, used map[string]bool) (Block, error) {
	res := e.res
	order := eqOrder(ie.UR)
	// Lowest UR first: reverse the descending order, keeping missing last.
	var have, miss []int
	for _, i := range order {
		if isMissing(ie.UR[i]) {
			miss = append(miss, i)
		} else {
			have = append([]int{i}, have...)
		}
	}
	order = append(have, miss...)
	caption := ""
	if len(order) > eqDumbbellMaxUnit {
		order = order[:eqDumbbellShow]
		caption = fmt.Sprintf(e.t("单位较多，只显示城乡差距最大的 %d 个。", "There are many units: the %d with the largest urban-rural gap are shown."), eqDumbbellShow)
	}
	cats := make([]any, len(order))
	base := make([]any, len(order))
	span := make([]any, len(order))
	urban := make([]any, len(order))
	rural := make([]any, len(order))
	for p, i := range order {
		cats[p] = e.markWeak("value", res.Unit[i], i)
		u, r := ie.Urban[i], ie.Rural[i]
		urban[p], rural[p] = chartValue(u), chartValue(r)
		if isMissing(u) || isMissing(r) {
			base[p], span[p] = missing, missing
			continue
		}
		lo, hi := math.Min(u, r), math.Max(u, r)
		base[p] = chartValue(lo)
		span[p] = chartValue(hi - lo)
	}
	urbanName, ruralName := e.t("城镇", "Urban"), e.t("农村", "Rural")
	opt := map[string]any{
		"animation": false,
		"legend":    map[string]any{"data": []any{urbanName, ruralName}, "top": 0},
		"tooltip":   map[string]any{"trigger": "item"},
		"grid":      eqBarGrid(),
		"xAxis":     []any{map[string]any{"type": "value", "min": 0, "name": ie.Direction.String()}},
		"yAxis":     []any{map[string]any{"type": "category", "data": cats, "inverse": true}},
		"series": []any{
			map[string]any{"type": "bar", "name": "base", "stack": "gap", "data": base, "silent": true,
				"barWidth": 3, "itemStyle": map[string]any{"color": "transparent"}, "tooltip": map[string]any{"show": false}},
			map[string]any{"type": "bar", "name": "gap", "stack": "gap", "data": span, "silent": true,
				"barWidth": 3, "itemStyle": map[string]any{"color": colorDumbbellLine}, "tooltip": map[string]any{"show": false}},
			map[string]any{"type": "scatter", "name": urbanName, "data": urban, "symbolSize": 11,
				"itemStyle": map[string]any{"color": colorUrban}},
			map[string]any{"type": "scatter", "name": ruralName, "data": rural, "symbolSize": 11,
				"itemStyle": map[string]any{"color": colorRural}},
		},
	}
	if nr := res.Node(ie.ID); nr != nil && nr.Node.Unit != "" {
		firstAxis(opt, "xAxis")["name"] = nr.Node.UnitLabel(e.lang)
	} else {
		delete(firstAxis(opt, "xAxis"), "name")
	}
	slug := eqSlug(ie.ID, k, used)
	ch := &Chart{Name: "ur-" + slug, Title: name, Height: 80 + 24*len(order), Option: opt}

	// Reading: who is behind, the largest ratio, the between share.
	ruralBehind, urbanBehind, with := 0, 0, 0
	worst := -1
	for i := range res.Unit {
		switch ie.Behind[i] {
		case scoring.AreaRural:
			ruralBehind++
		case scoring.AreaUrban:
			urbanBehind++
		}
		if !isMissing(ie.UR[i]) {
			with++
			if worst < 0 || ie.UR[i] < ie.UR[worst] {
				worst = i
			}
		}
	}
	reading := fmt.Sprintf(e.t("%d 个有城乡数据的单位中，%d 个农村落后于城镇，%d 个城镇落后于农村。",
		"Of %d units with urban and rural data, rural areas are behind in %d and urban areas in %d."), with, ruralBehind, urbanBehind)
	if worst >= 0 {
		reading += fmt.Sprintf(e.t("差距最大的是%s：城镇 %s、农村 %s（较差一方为较好一方的 %s）。",
			" The largest gap is in %s: urban %s, rural %s (the worse-served side at %s of the better)."),
			res.Unit[worst], fmtNum(ie.Urban[worst]), fmtNum(ie.Rural[worst]), fmtPct(ie.UR[worst]/100))
	}
	if area != nil && !isMissing(area.TheilT.BetweenShare) {
		reading += fmt.Sprintf(e.t("城乡之间的差距占该指标不平等的 %s。", " The gap between urban and rural areas accounts for %s of the inequality in this indicator."),
			fmtPct(area.TheilT.BetweenShare))
	}
	return Block{ID: "eq-urd-" + slug, Heading: name, Reading: reading, Chart: ch, Caption: caption}, nil
}

// lorenzWeights returns population weights where x is present (1 each
// when no unit has a population), 0 elsewhere, and whether they are
// population weights.
func (e *eqView) lorenzWeights(x []float64) ([]float64, bool) {
	pop := e.res.Population
	hasPop := false
	for _, p := range pop {
		if p > 0 && !isMissing(p) {
			hasPop = true
			break
		}
	}
	w := make([]float64, len(x))
	for i, v := range x {
		if isMissing(v) {
			continue
		}
		switch {
		case !hasPop:
			w[i] = 1
		case pop[i] > 0 && !isMissing(pop[i]):
			w[i] = pop[i]
		}
	}
	return w, hasPop
}

// statsRow returns the weighted statistics row of a subject when there is
// one, else the unweighted.
func (e *eqView) statsRow(kind, id string) *scoring.StatsRow {
	if r := e.eq.StatsFor(kind, id, true); r != nil {
		return r
	}
	return e.eq.StatsFor(kind, id, false)
}

// regionalBlock: Lorenz curves and the statistics table.
func (e *eqView) regionalBlock() (Block, error) {
	res, eq := e.res, e.eq
	type subj struct {
		kind, id string
		x        []float64
	}
	subjects := []subj{{scoring.SubjectIndex, res.Nodes[0].ID, res.Index()}, {scoring.SubjectEI, scoring.SubjectIDEI, eq.EI}}
	// The most unequal indicators by (weighted) Gini.
	type ig struct {
		id   string
		gini float64
		x    []float64
	}
	var byGini []ig
	for _, nr := range e.inds {
		if r := e.statsRow(scoring.SubjectIndicator, nr.ID); r != nil && !isMissing(r.Stats.Gini) {
			byGini = append(byGini, ig{nr.ID, r.Stats.Gini, nr.Raw})
		}
	}
	sort.SliceStable(byGini, func(a, b int) bool { return byGini[a].gini > byGini[b].gini })
	for k := 0; k < len(byGini) && k < eqLorenzIndicator; k++ {
		if byGini[k].x != nil {
			subjects = append(subjects, subj{scoring.SubjectIndicator, byGini[k].id, byGini[k].x})
		}
	}
	var series []any
	var legend []any
	weighted := false
	for _, s := range subjects {
		w, pw := e.lorenzWeights(s.x)
		weighted = weighted || pw
		ps, vs := scoring.Lorenz(s.x, w)
		if ps == nil {
			continue
		}
		g := math.NaN()
		if r := e.statsRow(s.kind, s.id); r != nil {
			g = r.Stats.Gini
		}
		name := fmt.Sprintf("%s (G = %s)", e.subjectLabel(s.kind, s.id), fmtNum(g))
		pts := make([]any, len(ps))
		for k := range ps {
			pts[k] = []any{fixZero(round(ps[k], 4)), fixZero(round(vs[k], 4))}
		}
		series = append(series, map[string]any{"type": "line", "name": name, "data": pts, "showSymbol": false})
		legend = append(legend, name)
	}
	eqName := e.t("完全均等线", "Line of equality")
	series = append(series, map[string]any{"type": "line", "name": eqName, "data": []any{[]any{0, 0}, []any{1, 1}},
		"showSymbol": false, "lineStyle": map[string]any{"type": "dashed", "color": colorMean}, "itemStyle": map[string]any{"color": colorMean}})
	legend = append(legend, eqName)
	xName := e.t("单位数累计占比", "Cumulative share of units")
	if weighted {
		xName = e.t("人口累计占比", "Cumulative share of population")
	}
	lorenz := &Chart{Name: ChartLorenz, Title: e.t("洛伦兹曲线与基尼系数", "Lorenz curves and Gini coefficients"), Height: 480,
		Option: map[string]any{
			"animation": false,
			"legend":    map[string]any{"type": "scroll", "data": legend, "top": 0},
			"tooltip":   map[string]any{"trigger": "item"},
			"grid":      map[string]any{"left": 8, "right": 24, "top": 48, "bottom": 40, "containLabel": true},
			"xAxis":     []any{map[string]any{"type": "value", "min": 0, "max": 1, "name": xName, "nameLocation": "middle", "nameGap": 24}},
			"yAxis":     []any{map[string]any{"type": "value", "min": 0, "max": 1, "name": e.t("服务累计占比", "Cumulative share of the service")}},
			"series":    series,
		}}

	// Reading.
	reading := e.t("洛伦兹曲线越贴近对角线，分布越均衡；基尼系数 G 在 0（完全均等）到 1 之间，均等化程度记为 1 - G。",
		"The closer a Lorenz curve lies to the diagonal, the more even the distribution; the Gini coefficient G runs from 0 (perfect equality) to 1, and 1 - G is the equalization reading.")
	if r := e.statsRow(scoring.SubjectIndex, res.Nodes[0].ID); r != nil && !isMissing(r.Stats.Gini) {
		w := e.t("按人口加权，", "Weighted by population, the")
		if !r.Weighted {
			w = e.t("", "The")
		}
		reading += fmt.Sprintf(e.t("%s综合指数的基尼系数为 %s（均等化程度 %s）", " %s Gini of the level index is %s (equalization %s)"),
			w, fmtNum(r.Stats.Gini), fmtNum(r.Stats.Equalization))
		if !isMissing(r.Stats.MaxMin) {
			reading += fmt.Sprintf(e.t("，最高与最低之比为 %s", " and the highest is %s times the lowest"), fmtNum(r.Stats.MaxMin))
		}
		reading += e.t("。", ".")
	}
	if len(byGini) > 0 {
		reading += fmt.Sprintf(e.t("各指标中地区差距最大的是“%s”（G = %s）。", " Among the indicators, %s is the most unequal across units (G = %s)."),
			e.subjectLabel(scoring.SubjectIndicator, byGini[0].id), fmtNum(byGini[0].gini))
	}

	// Statistics table.
	t := &Table{
		Caption: e.t("不平等指标明细（w = 人口加权）", "Inequality statistics in detail (w = weighted by population)"),
		Header: []string{e.t("对象", "Subject"), "w", "n", e.t("均值", "Mean"), e.t("最小", "Min"), e.t("最大", "Max"),
			e.t("最大/最小", "Max/min"), "CV", "Gini", "Theil T", "Theil L", "A(0.5)", "A(1)", "A(2)", "1 - G", e.t("说明", "Notes")},
		Numeric:   []bool{false, false, true, true, true, true, true, true, true, true, true, true, true, true, true, false},
		Collapsed: true,
	}
	d4 := func(v float64) string {
		if isMissing(v) {
			return missing
		}
		return strconv.FormatFloat(fixZero(round(v, 4)), 'f', 4, 64)
	}
	for _, r := range eq.Stats {
		s := r.Stats
		wt := ""
		if r.Weighted {
			wt = "w"
		}
		t.Rows = append(t.Rows, []string{e.subjectLabel(r.Kind, r.Subject), wt, strconv.Itoa(s.N), fmtNum(s.Mean), fmtNum(s.Min), fmtNum(s.Max),
			fmtNum(s.MaxMin), d4(s.CV), d4(s.Gini), d4(s.TheilT), d4(s.TheilL), d4(s.Atkinson05), d4(s.Atkinson1), d4(s.Atkinson2),
			d4(s.Equalization), strings.Join(s.Notes, "; ")})
	}
	return Block{ID: BlockRegional, Heading: e.t("区域均等化", "Regional equalization"), Reading: reading, Chart: lorenz,
		Caption: fmt.Sprintf(e.t("区域均等化分量 RG 为各指标与全区域基准（%s）之比（封顶 100）按权重的平均，见上方均等化指数表。",
			"The regional component RG is the weighted mean of each indicator's ratio to the region's benchmark (%s), capped at 100; see the equalization index table above."), e.benchmarkText()),
		Table: t}, nil
}

// benchmarkText describes the benchmark rule in the view's language.
func (e *eqView) benchmarkText() string { return benchmarkRule(e.res, e.eq.Benchmark, e.lang) }

// decompositionBlock: within/between shares of Theil T, one stacked bar
// chart per grouping.
func (e *eqView) decompositionBlock() (Block, bool, error) {
	eq := e.eq
	if len(eq.Decompositions) == 0 {
		return Block{}, false, nil
	}
	b := Block{ID: BlockDecompose, Heading: e.t("不平等的来源：泰尔指数分解", "Where inequality comes from: Theil decompositions"),
		Reading: e.t("泰尔指数可分解为组内差距与组间差距之和；组间占比越高，说明差距主要来自城乡之间（或地区、分组之间）而非其内部。",
			"Theil's index splits into within-group and between-group parts; the larger the between share, the more the inequality comes from the gap between urban and rural areas (or units, or groups) rather than inside them.")}
	kinds := []struct {
		by, name, heading, lead string
	}{
		{scoring.ByArea, ChartDecompArea, e.t("按城乡分解（组间 = 城乡差距）", "By urban/rural area (between = the urban-rural gap)"),
			e.t("城乡差距", "The urban-rural gap")},
		{scoring.ByUnit, ChartDecompUnit, e.t("按地区分解城乡单元（组间 = 地区差距）", "By unit over urban and rural cells (between = the regional gap)"),
			e.t("地区之间的差距", "The gap between units")},
		{scoring.ByGroup, ChartDecompGroup, e.t("按分组分解（如市辖区与县）", "By group (e.g. districts vs counties)"),
			e.t("分组之间的差距", "The gap between groups")},
	}
	t := &Table{
		Caption: e.t("泰尔指数分解明细", "Theil decompositions in detail"),
		Header: []string{e.t("对象", "Subject"), e.t("分组方式", "By"), "T", e.t("T 组内", "T within"), e.t("T 组间", "T between"),
			e.t("T 组间占比", "T between share"), "L", e.t("L 组内", "L within"), e.t("L 组间", "L between"), e.t("L 组间占比", "L between share"), e.t("说明", "Notes")},
		Numeric:   []bool{false, false, true, true, true, true, true, true, true, true, false},
		Collapsed: true,
	}
	d4 := func(v float64) string {
		if isMissing(v) {
			return missing
		}
		return strconv.FormatFloat(fixZero(round(v, 4)), 'f', 4, 64)
	}
	for _, k := range kinds {
		var rows []*scoring.DecompositionRow
		for j := range eq.Decompositions {
			if eq.Decompositions[j].By == k.by {
				rows = append(rows, &eq.Decompositions[j])
			}
		}
		if len(rows) == 0 {
			continue
		}
		cats := make([]any, len(rows))
		within := make([]any, len(rows))
		between := make([]any, len(rows))
		best := -1
		for j, r := range rows {
			cats[j] = e.subjectLabel(r.Kind, r.Subject)
			within[j] = chartValue(100 * r.TheilT.WithinShare)
			between[j] = chartValue(100 * r.TheilT.BetweenShare)
			if !isMissing(r.TheilT.BetweenShare) && (best < 0 || r.TheilT.BetweenShare > rows[best].TheilT.BetweenShare) {
				best = j
			}
			t.Rows = append(t.Rows, []string{e.subjectLabel(r.Kind, r.Subject), k.heading, d4(r.TheilT.Total), d4(r.TheilT.Within),
				d4(r.TheilT.Between), fmtPct(r.TheilT.BetweenShare), d4(r.TheilL.Total), d4(r.TheilL.Within), d4(r.TheilL.Between),
				fmtPct(r.TheilL.BetweenShare), strings.Join(append(append([]string(nil), r.TheilT.Notes...), r.TheilL.Notes...), "; ")})
		}
		wName, bName := e.t("组内", "Within"), e.t("组间", "Between")
		ch := &Chart{Name: k.name, Title: k.heading, Height: 80 + 26*len(rows), Option: map[string]any{
			"animation": false,
			"legend":    map[string]any{"data": []any{wName, bName}, "top": 0},
			"tooltip":   map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
			"grid":      eqBarGrid(),
			"xAxis":     []any{map[string]any{"type": "value", "min": 0, "max": 100, "name": "%"}},
			"yAxis":     []any{map[string]any{"type": "category", "data": cats, "inverse": true}},
			"series": []any{
				map[string]any{"type": "bar", "name": bName, "stack": "t", "data": between, "barMaxWidth": 28, "itemStyle": map[string]any{"color": colorBetween}},
				map[string]any{"type": "bar", "name": wName, "stack": "t", "data": within, "barMaxWidth": 28, "itemStyle": map[string]any{"color": colorWithin}},
			},
		}}
		reading := e.t("每个条形是泰尔 T 指数中组间与组内部分的占比。", "Each bar shows the between and within shares of Theil's T.")
		if best >= 0 {
			r := rows[best]
			reading += fmt.Sprintf(e.t("%s在“%s”上占比最高，占其不平等的 %s。", " %s weighs most in %s, where it accounts for %s of the inequality."),
				k.lead, e.subjectLabel(r.Kind, r.Subject), fmtPct(r.TheilT.BetweenShare))
		}
		b.Sub = append(b.Sub, Block{ID: "eq-theil-" + k.by, Heading: k.heading, Reading: reading, Chart: ch})
	}
	b.Table = t
	return b, true, nil
}

// dagumBlock: the Dagum decomposition of L (and EI) by group in detail,
// and a summary for every subject.
func (e *eqView) dagumBlock() (Block, bool) {
	eq := e.eq
	if len(eq.Dagum) == 0 {
		return Block{}, false
	}
	d4 := func(v float64) string {
		if isMissing(v) {
			return missing
		}
		return strconv.FormatFloat(fixZero(round(v, 4)), 'f', 4, 64)
	}
	b := Block{ID: BlockDagum, Heading: e.t("Dagum 基尼系数分解（按分组）", "Dagum Gini decomposition by group")}
	b.Reading = e.t("基尼系数 G 分解为组内差距 Gw、组间净差距 Gnb 和组间超变密度 Gt（各组分布交叠的部分），G = Gw + Gnb + Gt。",
		"The Gini G splits into the within-group part Gw, the net between-group part Gnb and the transvariation Gt (where the groups' distributions overlap): G = Gw + Gnb + Gt.")
	if r := eq.DagumFor(scoring.SubjectIndex, e.res.Nodes[0].ID); r != nil && !isMissing(r.Dagum.G) {
		d := r.Dagum
		b.Reading += fmt.Sprintf(e.t("综合指数的 G = %s 中，组内占 %s，组间净差距占 %s，超变密度占 %s。",
			" Of the level index's G = %s, %s is within groups, %s net between groups and %s transvariation."),
			fmtNum(d.G), fmtPct(d.WithinShare), fmtPct(d.NetBetweenShare), fmtPct(d.TransvariationShare))
	}
	for _, s := range []struct{ kind, id string }{{scoring.SubjectIndex, e.res.Nodes[0].ID}, {scoring.SubjectEI, scoring.SubjectIDEI}} {
		r := eq.DagumFor(s.kind, s.id)
		if r == nil {
			continue
		}
		d := r.Dagum
		t := &Table{
			Header: []string{e.t("组", "Group"), "n", e.t("人口占比", "Population share"), e.t("均值", "Mean"),
				e.t("组内基尼 G_jj", "Within Gini G_jj")},
			Numeric: []bool{false, true, true, true, true},
		}
		for _, g := range d.Groups {
			t.Header = append(t.Header, "G_j,"+g.Name)
			t.Numeric = append(t.Numeric, true)
		}
		for _, g := range d.Groups {
			t.Header = append(t.Header, "D_j,"+g.Name)
			t.Numeric = append(t.Numeric, true)
		}
		for j, g := range d.Groups {
			row := []string{g.Name, strconv.Itoa(g.N), fmtPct(g.PopShare), fmtNum(g.Mean), d4(d.Gjh[j][j])}
			for h := range d.Groups {
				if h == j {
					row = append(row, missing)
				} else {
					row = append(row, d4(d.Gjh[j][h]))
				}
			}
			for h := range d.Groups {
				if h == j {
					row = append(row, missing)
				} else {
					row = append(row, d4(d.Djh[j][h]))
				}
			}
			t.Rows = append(t.Rows, row)
		}
		b.Sub = append(b.Sub, Block{Heading: e.subjectLabel(s.kind, s.id),
			Paragraphs: []string{fmt.Sprintf(e.t("G = %s = Gw %s + Gnb %s + Gt %s（占比 %s / %s / %s）", "G = %s = Gw %s + Gnb %s + Gt %s (shares %s / %s / %s)"), d4(d.G), d4(d.Gw), d4(d.Gnb), d4(d.Gt),
				fmtPct(d.WithinShare), fmtPct(d.NetBetweenShare), fmtPct(d.TransvariationShare))},
			Table: t})
	}
	all := &Table{
		Caption: e.t("各对象的 Dagum 分解", "Dagum decomposition of every subject"),
		Header: []string{e.t("对象", "Subject"), "G", "Gw", "Gnb", "Gt", e.t("组内占比", "Within share"),
			e.t("组间净差距占比", "Net between share"), e.t("超变密度占比", "Transvariation share")},
		Numeric:   []bool{false, true, true, true, true, true, true, true},
		Collapsed: true,
	}
	for _, r := range eq.Dagum {
		d := r.Dagum
		all.Rows = append(all.Rows, []string{e.subjectLabel(r.Kind, r.Subject), d4(d.G), d4(d.Gw), d4(d.Gnb), d4(d.Gt),
			fmtPct(d.WithinShare), fmtPct(d.NetBetweenShare), fmtPct(d.TransvariationShare)})
	}
	b.Table = all
	return b, true
}
