package charts_test

import (
	"math"

	"github.com/eqindex/eqindex/scoring"
)

var nan = math.NaN()

// fixtureUnits are the units of the fixture, in input order.
var fixtureUnits = []string{"兴隆台区", "双台子区", "大洼区", "盘山县", "辽东湾新区"}

// fixture builds a small hand-made Result: 5 units, 3 top-level groups of
// 2 indicators each (a 2-level tree), with
//   - a missing value (大洼区 has no edu_retention),
//   - a unit below coverage in one group (辽东湾新区 has no health data,
//     so its health score and part of its index come from the other groups),
//   - a constant indicator (soc_pension is 95 everywhere),
//   - a weak unit (盘山县).
//
// Scores follow the rules in methods.md: min-max and goalposts
// normalisation, arithmetic means with weights renormalised over the
// children with data, min coverage 0.5.
func fixture() *scoring.Result {
	target := 98.0
	ind := func(id, name, nameEN, unit string, dir scoring.Direction, norm string, w float64) *scoring.Node {
		return &scoring.Node{ID: id, Name: name, NameEN: nameEN, Unit: unit, Direction: dir, Normalisation: norm, Transform: "none", Weight: w}
	}
	teachers := ind("edu_teachers", "每千名学生专任教师数", "Full-time teachers per 1000 pupils", "人/千人", scoring.Higher, scoring.MinMax, 2)
	retention := ind("edu_retention", "九年义务教育巩固率", "Nine-year compulsory education retention rate", "%", scoring.Higher, scoring.Goalposts, 1)
	retention.Goalposts = &[2]float64{80, 98}
	retention.Target = &target
	retention.Source = "盘锦市“十三五”基本公共服务均等化规划 主要指标表"
	beds := ind("health_beds", "每千人医疗卫生机构床位数", "Hospital beds per 1000 residents", "张/千人", scoring.Higher, scoring.MinMax, 1)
	beds.Transform = "log"
	infant := ind("health_infant", "婴儿死亡率", "Infant mortality", "‰", scoring.Lower, scoring.MinMax, 1)
	pension := ind("soc_pension", "城乡居民养老保险参保率", "Pension insurance coverage", "%", scoring.Higher, scoring.MinMax, 1)
	care := ind("soc_care", "每百名老人养老床位数", "Elderly care beds per 100 elderly", "张/百人", scoring.Higher, scoring.MinMax, 1)
	group := func(id, name, nameEN, weighting string, kids ...*scoring.Node) *scoring.Node {
		return &scoring.Node{ID: id, Name: name, NameEN: nameEN, Weight: 1, Weighting: weighting, Aggregation: scoring.Arithmetic, Children: kids}
	}
	edu := group("education", "基本公共教育", "Public education", scoring.Fixed, teachers, retention)
	health := group("health", "基本医疗卫生", "Basic health care", scoring.Entropy, beds, infant)
	social := group("social", "社会保障与养老", "Social security and elderly care", scoring.Equal, pension, care)
	root := group("index", "综合指数", "Index", scoring.Fixed, edu, health, social)
	fw := &scoring.Framework{
		Name:        "盘锦市基本公共服务均等化评估(示例)",
		NameEN:      "Panjin basic public service equalization assessment (example)",
		Source:      "testdata/panjin.yaml",
		Root:        root,
		Missing:     scoring.MissingAvailable,
		MinCoverage: 0.5,
		Benchmark:   scoring.BenchmarkMean,
		Components:  scoring.DefaultComponents,
		Weak:        scoring.DefaultWeakRules(),
	}

	raw := map[string][]float64{
		"edu_teachers":  {78, 70, 65, 55, 72},
		"edu_retention": {99, 96, nan, 88, 97},
		"health_beds":   {7.5, 6.0, 5.2, 3.8, nan},
		"health_infant": {3.1, 4.0, 4.5, 6.2, nan},
		"soc_pension":   {95, 95, 95, 95, 95},
		"soc_care":      {4.2, 3.5, 3.0, 2.1, 5.0},
	}
	res := &scoring.Result{
		Framework:  fw,
		Year:       2020,
		Unit:       append([]string(nil), fixtureUnits...),
		Code:       []string{"211103", "211102", "211104", "211122", ""},
		Group:      []string{"市辖区", "市辖区", "市辖区", "县", "功能区"},
		Population: []float64{52, 24, 38, 29, 6},
	}
	// Local weights: edu fixed 2:1, health (entropy, made up) 0.6/0.4,
	// social equal, root fixed 1:1:1.
	local := map[string]float64{
		"education": 1.0 / 3, "health": 1.0 / 3, "social": 1.0 / 3,
		"edu_teachers": 2.0 / 3, "edu_retention": 1.0 / 3,
		"health_beds": 0.6, "health_infant": 0.4,
		"soc_pension": 0.5, "soc_care": 0.5,
	}
	scores := map[string][]float64{}
	norms := map[string]*scoring.NormInfo{}
	for _, n := range root.Indicators() {
		x := raw[n.ID]
		s := make([]float64, len(x))
		info := &scoring.NormInfo{Method: n.Normalisation, Transform: n.Transform}
		t := func(v float64) float64 {
			if n.Transform == "log" {
				return math.Log(v)
			}
			return v
		}
		switch n.Normalisation {
		case scoring.Goalposts:
			info.Lo, info.Hi = n.Goalposts[0], n.Goalposts[1]
			for i, v := range x {
				s[i] = math.Max(0, math.Min(100, 100*(v-info.Lo)/(info.Hi-info.Lo)))
			}
		default: // min-max
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, v := range x {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, t(v)), math.Max(hi, t(v))
				}
			}
			if n.Direction == scoring.Lower {
				info.Lo, info.Hi = hi, lo
			} else {
				info.Lo, info.Hi = lo, hi
			}
			for i, v := range x {
				switch {
				case math.IsNaN(v):
					s[i] = nan
				case hi == lo:
					s[i] = 100
					info.Constant = true
				default:
					s[i] = 100 * (t(v) - info.Lo) / (info.Hi - info.Lo)
				}
			}
		}
		scores[n.ID], norms[n.ID] = s, info
	}
	// agg is the weighted arithmetic mean over children with data, missing
	// below coverage 0.5.
	agg := func(kids []*scoring.Node) []float64 {
		out := make([]float64, len(res.Unit))
		for i := range out {
			sw, sx := 0.0, 0.0
			for _, k := range kids {
				if v := scores[k.ID][i]; !math.IsNaN(v) {
					sw += local[k.ID]
					sx += local[k.ID] * v
				}
			}
			if sw < 0.5-1e-12 {
				out[i] = nan
			} else {
				out[i] = sx / sw
			}
		}
		return out
	}
	for _, g := range root.Children {
		scores[g.ID] = agg(g.Children)
	}
	scores["index"] = agg(root.Children)

	var walk func(n, parent *scoring.Node, depth int, eff float64)
	walk = func(n, parent *scoring.Node, depth int, eff float64) {
		nr := &scoring.NodeResult{Node: n, ID: n.ID, Depth: depth, Scores: scores[n.ID], LocalWeight: 1, EffectiveWeight: 1}
		if parent != nil {
			nr.Parent = parent.ID
			nr.LocalWeight = local[n.ID]
			nr.EffectiveWeight = eff * local[n.ID]
		}
		nr.Why = make([]string, len(res.Unit))
		for i, v := range nr.Scores {
			if math.IsNaN(v) {
				nr.Why[i] = "no data"
			}
		}
		if n.IsIndicator() {
			nr.Raw = raw[n.ID]
			nr.Norm = norms[n.ID]
		} else {
			wi := &scoring.WeightInfo{Method: n.Weighting, Aggregation: n.Aggregation}
			for _, k := range n.Children {
				wi.Children = append(wi.Children, k.ID)
				wi.Weights = append(wi.Weights, local[k.ID])
			}
			if n.Weighting == scoring.Entropy {
				wi.Diagnostics = map[string]float64{"units": 4}
				wi.Note = "entropy on the 4 units with complete data"
			}
			nr.Weighting = wi
		}
		res.Nodes = append(res.Nodes, nr)
		for _, k := range n.Children {
			walk(k, n, depth+1, nr.EffectiveWeight)
		}
	}
	walk(root, nil, 0, 1)

	// Competition ranks of the index (all units have one here).
	idx := scores["index"]
	res.Rank = make([]int, len(idx))
	for i := range idx {
		res.Rank[i] = 1
		for j := range idx {
			if idx[j] > idx[i] {
				res.Rank[i]++
			}
		}
	}
	res.Weak = []bool{false, false, false, true, false}
	// Reasons and messages are bilingual "中文 / English", as scoring.Run
	// writes them; the page shows one language.
	res.WeakReasons = [][]string{nil, nil, nil, {
		"综合指数 21.6，低于均值减 1 个标准差 / index 21.6, below the mean minus 1 sd",
		"排名 5/5，位于后 20% / rank 5 of 5, in the bottom 20%"}, nil}
	res.Warnings = []scoring.Warning{
		{Code: "constant-column", Indicator: "soc_pension",
			Msg: "城乡居民养老保险参保率：各单位取值相同（95），不区分单位 / Pension insurance coverage: the same value (95) in every unit, so it does not discriminate"},
		{Code: "low-coverage", Unit: "辽东湾新区", Indicator: "health",
			Msg: "辽东湾新区 在 基本医疗卫生 的数据覆盖率为 0%，低于 50%，该组无得分 / 辽东湾新区 has data for 0% of the weight of Basic health care, below 50%: no group score"},
	}
	return res
}

// hostile returns the fixture with names that try to break out of the
// page: a unit closing the script element, a unit in go-echarts' function
// marker, an HTML indicator name and a framework name with template
// syntax and quotes.
func hostile() *scoring.Result {
	res := fixture()
	res.Unit[0] = "</script><script>alert(1)</script>"
	res.Unit[1] = "__f__alert(1)__f__"
	res.Node("edu_teachers").Node.Name = "<img src=x onerror=alert(1)>"
	res.Node("edu_teachers").Node.NameEN = "<img src=x onerror=alert(1)>"
	res.Framework.Name = `{{.}} "double" 'single' </title><script>alert(2)</script>`
	res.Framework.NameEN = res.Framework.Name
	res.Warnings = append(res.Warnings, scoring.Warning{Code: "x", Unit: res.Unit[0], Msg: res.Unit[0] + " <b onmouseover=alert(3)>bold</b>"})
	return res
}
