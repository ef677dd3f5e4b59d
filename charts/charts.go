package charts

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/eqindex/eqindex/scoring"
)

// Options control how a Result is rendered. The zero value renders a
// Chinese page that loads ECharts from DefaultEChartsURL.
type Options struct {
	// Lang is "zh" (the default) or "en"; it picks labels, headings and the
	// node names (Node.Label).
	Lang string
	// Title is the page title; empty means the framework name.
	Title string
	// Note is shown prominently under the title of every page, e.g.
	// "示例数据，非官方统计".
	Note string
	// Source names the data, e.g. a file name or a yearbook; shown in the
	// data summary when set.
	Source string
	// Method is methodology text written by the evaluator, embedded before
	// the generated methodology. It is plain text with light markdown: a
	// blank line separates paragraphs, a line starting with "#" is a
	// heading and lines starting with "- " are list items. It is escaped,
	// never interpreted as HTML.
	Method string
	// EChartsURL replaces DefaultEChartsURL. A value ending in ".js" is used
	// as is; any other value is a base URL to which "echarts.min.js" is
	// appended. The integrity attribute is kept, so the URL must serve a
	// file byte-identical to npm echarts@5.6.0 dist/echarts.min.js.
	EChartsURL string
	// EChartsJS, when not empty, is inlined into the page instead of a
	// script src; it must be echarts.min.js (5.x) and must not contain
	// "</script" or "<!--" (checked case-insensitively).
	EChartsJS []byte
	// RadarUnits is how many units the radar shows when the page opens
	// (the rest can be switched on in its legend); 0 means 3.
	RadarUnits int
}

// Chart is one ECharts chart: a name usable as a file name, a title for
// people, a suggested height and the ECharts option.
type Chart struct {
	// Name identifies the chart: "ranking", "radar", "heatmap". It is
	// ASCII ([a-z0-9_-]) and names the CLI's charts/<name>.html and .json.
	Name string
	// Title is a short heading in the Options' language.
	Title string
	// Height is the suggested height of the chart in CSS pixels.
	Height int
	// Option is the ECharts option as plain JSON values (maps, slices,
	// strings, float64, bool); it contains no NaN and no functions.
	Option map[string]any
}

// Chart names.
const (
	ChartRanking = "ranking"
	ChartRadar   = "radar"
	ChartHeatmap = "heatmap"
)

// narrowWidth is the chart width (CSS pixels) at and below which charts
// switch to their compact layout (an ECharts media query).
const narrowWidth = 560

// Colours used by the charts.
const (
	colorNormal = "#5470c6"
	colorWeak   = "#d9480f"
	colorMean   = "#333333"
)

var (
	chartNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	idRE        = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
)

// view is a checked Result with the orders the charts and tables use.
type view struct {
	res    *scoring.Result
	lang   string
	n      int
	order  []int // units by index descending, missing last, ties in input order
	groups []*scoring.NodeResult
	inds   []*scoring.NodeResult
}

// newView checks that res is complete enough to render and sorts the units.
func newView(res *scoring.Result, lang string) (*view, error) {
	if res == nil {
		return nil, errors.New("charts: nil Result")
	}
	if res.Framework == nil {
		return nil, errors.New("charts: Result has no Framework")
	}
	if len(res.Nodes) == 0 || res.Nodes[0] == nil || res.Nodes[0].Node == nil {
		return nil, errors.New("charts: Result has no root node")
	}
	n := len(res.Unit)
	if n == 0 {
		return nil, errors.New("charts: Result has no units")
	}
	check := func(name string, l int, optional bool) error {
		if optional && l == 0 {
			return nil
		}
		if l != n {
			return fmt.Errorf("charts: Result.%s has %d entries, want %d (one per unit)", name, l, n)
		}
		return nil
	}
	if err := errors.Join(
		check("Code", len(res.Code), true),
		check("Group", len(res.Group), true),
		check("Population", len(res.Population), true),
		check("Rank", len(res.Rank), true),
		check("Weak", len(res.Weak), true),
		check("WeakReasons", len(res.WeakReasons), true),
	); err != nil {
		return nil, err
	}
	for _, nr := range res.Nodes {
		if nr == nil || nr.Node == nil {
			return nil, errors.New("charts: Result has a nil node")
		}
		if err := check("Nodes["+nr.ID+"].Scores", len(nr.Scores), false); err != nil {
			return nil, err
		}
		if err := check("Nodes["+nr.ID+"].Raw", len(nr.Raw), true); err != nil {
			return nil, err
		}
	}
	v := &view{res: res, lang: lang, n: n, groups: res.TopGroups(), inds: res.IndicatorResults()}
	idx := res.Index()
	v.order = make([]int, n)
	for i := range v.order {
		v.order[i] = i
	}
	sort.SliceStable(v.order, func(a, b int) bool {
		xa, xb := idx[v.order[a]], idx[v.order[b]]
		if isMissing(xb) {
			return !isMissing(xa)
		}
		return !isMissing(xa) && xa > xb
	})
	return v, nil
}

func (v *view) weak(i int) bool { return len(v.res.Weak) > 0 && v.res.Weak[i] }

// markWeak returns a unit's name as an ECharts legend or category item
// ({key: name}), in the weak-area colour and bold when the unit is
// flagged, so flagged units are marked the same way in every chart.
func (v *view) markWeak(key, name string, i int) any {
	if !v.weak(i) {
		return name
	}
	return map[string]any{key: name, "textStyle": map[string]any{"color": colorWeak, "fontWeight": "bold"}}
}

func (v *view) label(nr *scoring.NodeResult) string { return nr.Node.Label(v.lang) }

// Charts builds the report's charts in page order: the ranking bar, the
// radar of top-level group scores (only with at least three top-level
// groups) and the unit x indicator heatmap.
func Charts(res *scoring.Result, opt Options) ([]Chart, error) {
	v, err := newView(res, opt.Lang)
	if err != nil {
		return nil, err
	}
	return v.charts(opt)
}

func (v *view) charts(opt Options) ([]Chart, error) {
	var out []Chart
	c, err := v.rankingChart()
	if err != nil {
		return nil, err
	}
	out = append(out, c)
	if len(v.groups) >= 3 {
		c, err := v.radarChart(opt.RadarUnits)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	c, err = v.heatmapChart()
	if err != nil {
		return nil, err
	}
	return append(out, c), nil
}

// rawOption validates a go-echarts chart and turns its option into plain
// JSON values so that parts go-echarts cannot express (zero thresholds,
// axis minima of 0) can be set directly.
func rawOption(c interface {
	Validate()
	JSON() map[string]any
}) (map[string]any, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("charts: marshal option: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("charts: unmarshal option: %w", err)
	}
	m["animation"] = false
	// go-echarts always writes an empty toolbox; charts here have none.
	delete(m, "toolbox")
	return m, nil
}

// obj returns m[key] as a map, creating it when absent.
func obj(m map[string]any, key string) map[string]any {
	if o, ok := m[key].(map[string]any); ok {
		return o
	}
	o := map[string]any{}
	m[key] = o
	return o
}

// rankingChart is a horizontal bar of the level index, best unit on top.
// Flagged units form a second stacked series in a distinct colour, so the
// legend names the two colours.
func (v *view) rankingChart() (Chart, error) {
	lang := v.lang
	idx := v.res.Index()
	cats := make([]string, v.n)
	normal := make([]opts.BarData, v.n)
	weak := make([]opts.BarData, v.n)
	anyWeak := false
	for k, i := range v.order {
		cats[k] = v.res.Unit[i]
		normal[k] = opts.BarData{Value: chartValue(idx[i])}
		weak[k] = opts.BarData{Value: missing}
		if v.weak(i) {
			normal[k], weak[k] = weak[k], normal[k]
			anyWeak = true
		}
	}
	nameNormal := tr(lang, "综合指数", "Index")
	nameWeak := tr(lang, "薄弱地区", "Weak area")
	bar := ec.NewBar()
	bar.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + ChartRanking}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: tr(lang, "指数", "Index")}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category"}),
	)
	bar.SetXAxis(cats).XYReversal()
	label := opts.Label{Show: opts.Bool(true), Position: "right"}
	bar.AddSeries(nameNormal, normal,
		ec.WithBarChartOpts(opts.BarChart{Stack: "index"}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: colorNormal}),
		ec.WithLabelOpts(label))
	if anyWeak {
		bar.AddSeries(nameWeak, weak,
			ec.WithBarChartOpts(opts.BarChart{Stack: "index"}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: colorWeak}),
			ec.WithLabelOpts(label))
	}
	m, err := rawOption(bar)
	if err != nil {
		return Chart{}, err
	}
	legend := []any{nameNormal}
	if anyWeak {
		legend = append(legend, nameWeak)
	}
	m["legend"] = map[string]any{"data": legend, "top": 0, "selectedMode": false}
	m["tooltip"] = map[string]any{"trigger": "item"}
	m["grid"] = map[string]any{"left": 8, "right": 48, "top": 32, "bottom": 24, "containLabel": true}
	x := firstAxis(m, "xAxis")
	x["min"] = 0
	if mx := maxOf(idx); mx <= 100 {
		x["max"] = 100
	}
	y := firstAxis(m, "yAxis")
	y["inverse"] = true
	return Chart{
		Name:   ChartRanking,
		Title:  tr(lang, "综合指数排名", "Index ranking"),
		Height: 70 + 26*v.n,
		Option: m,
	}, nil
}

// firstAxis returns the first axis object of m[key] (go-echarts writes axes
// as lists).
func firstAxis(m map[string]any, key string) map[string]any {
	switch a := m[key].(type) {
	case []any:
		if len(a) > 0 {
			if o, ok := a[0].(map[string]any); ok {
				return o
			}
		}
	case map[string]any:
		return a
	}
	o := map[string]any{}
	m[key] = []any{o}
	return o
}

// maxOf returns the largest non-missing value (-Inf if none).
func maxOf(x []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range x {
		if !isMissing(v) && v > mx {
			mx = v
		}
	}
	return mx
}

// minOf returns the smallest non-missing value (+Inf if none).
func minOf(x []float64) float64 {
	mn := math.Inf(1)
	for _, v := range x {
		if !isMissing(v) && v < mn {
			mn = v
		}
	}
	return mn
}

// groupMeans returns the unweighted mean of each top-level group's scores
// over the units that have one.
func (v *view) groupMeans() []float64 {
	out := make([]float64, len(v.groups))
	for g, nr := range v.groups {
		out[g], _ = mean(nr.Scores)
	}
	return out
}

// radarChart overlays the top-level group scores of every unit and of the
// region mean; the legend lists all units, the first few (input order)
// and the mean are switched on.
func (v *view) radarChart(show int) (Chart, error) {
	lang := v.lang
	if show <= 0 {
		show = 3
	}
	hi := 100.0
	lo := 0.0
	for _, g := range v.groups {
		hi = math.Max(hi, maxOf(g.Scores))
		lo = math.Min(lo, minOf(g.Scores))
	}
	ind := make([]*opts.Indicator, len(v.groups))
	for g, nr := range v.groups {
		ind[g] = &opts.Indicator{Name: wrapLabel(v.label(nr), 14)}
	}
	radar := ec.NewRadar()
	radar.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + ChartRadar}),
		ec.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, SplitNumber: 5}),
	)
	// Shown at first: the flagged units, then the best-ranked ones, up to
	// show units (plus the region mean); the legend switches on the rest.
	initial := map[int]bool{}
	for pass := 0; pass < 2; pass++ {
		for _, i := range v.order {
			if len(initial) < show && (pass == 1 || v.weak(i)) {
				initial[i] = true
			}
		}
	}
	selected := map[string]bool{}
	for i := 0; i < v.n; i++ {
		vals := make([]any, len(v.groups))
		for g, nr := range v.groups {
			vals[g] = chartValue(nr.Scores[i])
		}
		name := v.res.Unit[i]
		radar.AddSeries(name, []opts.RadarData{{Name: name, Value: vals}})
		selected[name] = initial[i]
	}
	meanName := tr(lang, "区域均值", "Region mean")
	mvals := make([]any, len(v.groups))
	for g, m := range v.groupMeans() {
		mvals[g] = chartValue(m)
	}
	radar.AddSeries(meanName, []opts.RadarData{{Name: meanName, Value: mvals}},
		ec.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: colorMean}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: colorMean}))
	selected[meanName] = true
	m, err := rawOption(radar)
	if err != nil {
		return Chart{}, err
	}
	legend := make([]any, 0, v.n+1)
	for i, u := range v.res.Unit {
		legend = append(legend, v.markWeak("name", u, i))
	}
	legend = append(legend, meanName)
	// Flagged units are drawn in the weak-area colour, as in the ranking.
	for i, sr := range m["series"].([]any) {
		if i < v.n && v.weak(i) {
			o := sr.(map[string]any)
			o["lineStyle"] = map[string]any{"color": colorWeak, "width": 3}
			o["itemStyle"] = map[string]any{"color": colorWeak}
		}
	}
	sel := map[string]any{}
	for k, b := range selected {
		sel[k] = b
	}
	m["legend"] = map[string]any{"type": "scroll", "data": legend, "selected": sel, "top": 0}
	// On narrow screens a smaller radar leaves room for the axis names.
	m["media"] = []any{map[string]any{
		"query": map[string]any{"maxWidth": narrowWidth},
		"option": map[string]any{"radar": map[string]any{"radius": "55%", "center": []any{"50%", "52%"},
			"axisName": map[string]any{"fontSize": 11}}},
	}}
	m["tooltip"] = map[string]any{"trigger": "item"}
	r := obj(m, "radar")
	r["center"] = []any{"50%", "55%"}
	r["radius"] = "68%"
	r["axisName"] = map[string]any{"color": "#1f2328", "fontSize": 13}
	r["splitArea"] = map[string]any{"show": true, "areaStyle": map[string]any{"color": []any{"#fbfcfd", "#f3f6f9"}}}
	for _, it := range r["indicator"].([]any) {
		o := it.(map[string]any)
		o["min"] = fixZero(round(lo, 2))
		o["max"] = fixZero(round(hi, 2))
	}
	return Chart{
		Name:   ChartRadar,
		Title:  tr(lang, "一级领域得分雷达图", "Top-level group scores"),
		Height: 440,
		Option: m,
	}, nil
}

// heatmapChart shows the normalised score of every indicator (rows,
// framework order) for every unit (columns, ranking order). Missing scores
// are left out, so they show as empty cells, never as 0.
func (v *view) heatmapChart() (Chart, error) {
	lang := v.lang
	shown := v.heatmapUnits()
	units := make([]string, len(shown))
	for k, i := range shown {
		units[k] = v.res.Unit[i]
	}
	rows := make([]string, len(v.inds))
	var data []opts.HeatMapData
	lo, hi := 0.0, 100.0
	for r, nr := range v.inds {
		rows[r] = v.label(nr)
		for k, i := range shown {
			s := nr.Scores[i]
			if isMissing(s) {
				continue
			}
			lo, hi = math.Min(lo, s), math.Max(hi, s)
			data = append(data, opts.HeatMapData{Value: []any{k, r, chartValue(s)}})
		}
	}
	hm := ec.NewHeatMap()
	hm.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + ChartHeatmap}),
		ec.WithXAxisOpts(opts.XAxis{Type: "category", Data: units, Position: "top"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows}),
	)
	showLabel := len(data) <= 400
	hm.AddSeries(tr(lang, "标准化得分", "Normalised score"), data,
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(showLabel)}),
		ec.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}))
	m, err := rawOption(hm)
	if err != nil {
		return Chart{}, err
	}
	// Built here rather than with opts.VisualMap: its float32 Min has
	// omitempty, so a minimum of 0 would vanish.
	m["visualMap"] = []any{map[string]any{
		"type":       "continuous",
		"min":        fixZero(round(lo, 2)),
		"max":        fixZero(round(hi, 2)),
		"calculable": true,
		"orient":     "horizontal",
		"left":       "center",
		"bottom":     0,
		"text":       []any{tr(lang, "高", "high"), tr(lang, "低", "low")},
		"inRange":    map[string]any{"color": []any{"#c9402c", "#f6d55c", "#3caea3"}},
	}}
	m["tooltip"] = map[string]any{"trigger": "item"}
	m["legend"] = map[string]any{"show": false}
	m["grid"] = map[string]any{"left": 8, "right": 16, "top": 40, "bottom": 56, "containLabel": true}
	x := firstAxis(m, "xAxis")
	x["splitArea"] = map[string]any{"show": false}
	marked := make([]any, len(shown))
	for k, i := range shown {
		marked[k] = v.markWeak("value", units[k], i)
	}
	x["data"] = marked
	x["axisLabel"] = map[string]any{"interval": 0, "rotate": rotateFor(units)}
	y := firstAxis(m, "yAxis")
	y["inverse"] = true
	y["axisLabel"] = map[string]any{"interval": 0}
	// On narrow screens: shorter indicator names (the detail table has them
	// whole), tilted unit names, no numbers in the cells.
	m["media"] = []any{map[string]any{
		"query": map[string]any{"maxWidth": narrowWidth},
		"option": map[string]any{
			"xAxis":  map[string]any{"axisLabel": map[string]any{"interval": 0, "rotate": 60, "fontSize": 10}},
			"yAxis":  map[string]any{"axisLabel": map[string]any{"interval": 0, "width": 96, "overflow": "truncate", "fontSize": 10}},
			"series": []any{map[string]any{"label": map[string]any{"show": false}}},
		},
	}}
	return Chart{
		Name:   ChartHeatmap,
		Title:  tr(lang, "各指标标准化得分", "Normalised indicator scores"),
		Height: 130 + 28*len(v.inds),
		Option: m,
	}, nil
}

// rotateFor tilts the unit labels when there are many or long ones.
func rotateFor(labels []string) int {
	total := 0
	for _, l := range labels {
		total += len([]rune(l))
	}
	if len(labels) > 8 || total > 40 {
		return 45
	}
	return 0
}

// wrapLabel breaks a long axis name into lines about max columns wide
// (a CJK character counts two), at spaces when it has any, so radar names
// fit beside the chart.
func wrapLabel(s string, max int) string {
	if textWidth(s) <= max {
		return s
	}
	var lines []string
	line := ""
	if strings.Contains(s, " ") {
		for _, w := range strings.Fields(s) {
			switch {
			case line == "":
				line = w
			case textWidth(line)+1+textWidth(w) > max:
				lines = append(lines, line)
				line = w
			default:
				line += " " + w
			}
		}
	} else {
		for _, r := range s {
			if line != "" && textWidth(line)+textWidth(string(r)) > max {
				lines = append(lines, line)
				line = ""
			}
			line += string(r)
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// textWidth counts columns: two for wide (CJK, full-width) runes, one for
// others.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}
