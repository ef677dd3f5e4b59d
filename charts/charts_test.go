package charts_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/scoring"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting it under -update. On a
// mismatch it writes testdata/name.got (gitignored) and shows a diff.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gotPath := path + ".got"
		_ = os.WriteFile(gotPath, got, 0o644)
		diff, _ := exec.Command("diff", "-u", path, gotPath).CombinedOutput()
		if len(diff) > 4000 {
			diff = append(diff[:4000], "\n..."...)
		}
		t.Errorf("%s differs from golden file (got in %s):\n%s", path, gotPath, diff)
	}
}

func render(t *testing.T, res *scoring.Result, opt charts.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := charts.Report(&b, res, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func chartByName(t *testing.T, cs []charts.Chart, name string) charts.Chart {
	t.Helper()
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no chart %q", name)
	return charts.Chart{}
}

// roundTrip marshals and unmarshals an option, as a browser would see it.
func roundTrip(t *testing.T, c charts.Chart) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := charts.WriteChartJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGoldenReport(t *testing.T) {
	opt := charts.Options{Note: "示例数据，非官方统计", Source: "testdata/panjin.csv",
		Method: "# 评估目的\n本评估用于示例。\n\n- 数据为虚构\n- 仅供测试"}
	golden(t, "report.golden.html", []byte(render(t, fixture(), opt)))
	opt.Lang = "en"
	opt.Note = "Example data, not official statistics"
	opt.Method = ""
	golden(t, "report_en.golden.html", []byte(render(t, fixture(), opt)))
}

func TestGoldenCharts(t *testing.T) {
	cs, err := charts.Charts(fixture(), charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
		var b bytes.Buffer
		if err := charts.WriteChartJSON(&b, c); err != nil {
			t.Fatal(err)
		}
		golden(t, c.Name+".golden.json", b.Bytes())
	}
	if got := strings.Join(names, ","); got != "ranking,radar,heatmap" {
		t.Errorf("chart names %s, want ranking,radar,heatmap", got)
	}
	var b bytes.Buffer
	if err := charts.WriteChartPage(&b, cs[0], charts.Options{Note: "示例数据，非官方统计"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "ranking.golden.html", b.Bytes())
}

func TestGoldenMethodology(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		if err := charts.WriteMethodology(&b, charts.Methodology(fixture(), lang)); err != nil {
			t.Fatal(err)
		}
		golden(t, "method_"+lang+".golden.md", b.Bytes())
	}
}

func TestDeterministic(t *testing.T) {
	opt := charts.Options{Note: "n", Method: "m"}
	a := render(t, fixture(), opt)
	for range 5 {
		if b := render(t, fixture(), opt); a != b {
			t.Fatal("two renders of the same Result differ")
		}
	}
}

// TestRankingValues checks the bar values against hand computations and
// that only the weak unit is in the weak series.
func TestRankingValues(t *testing.T) {
	cs, err := charts.Charts(fixture(), charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := roundTrip(t, chartByName(t, cs, charts.ChartRanking))
	cats := m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	// 兴隆台区: education (2/3·100 + 1/3·100) = 100, health 100,
	//   social (100 + 100·(4.2−2.1)/(5.0−2.1))/2 = 86.2069; index 95.4023.
	// 辽东湾新区: education 2/3·100·(72−55)/(78−55) + 1/3·100·(97−80)/18
	//   = 49.2754 + 31.4815 = 80.7568; health missing (no data, coverage 0);
	//   social (100 + 100)/2 = 100; index (80.7568 + 100)/2 = 90.3784.
	// 盘山县: education 1/3·100·(88−80)/18 = 14.8148, health 0,
	//   social (100 + 0)/2 = 50; index 64.8148/3 = 21.6049.
	wantOrder := []string{"兴隆台区", "辽东湾新区", "双台子区", "大洼区", "盘山县"}
	for i, w := range wantOrder {
		if cats[i] != w {
			t.Fatalf("ranking order %v, want %v", cats, wantOrder)
		}
	}
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want 2 (normal, weak)", len(series))
	}
	val := func(s, i int) any {
		return series[s].(map[string]any)["data"].([]any)[i].(map[string]any)["value"]
	}
	for i, want := range []any{95.4, 90.38, nil, nil, "-"} {
		if want != nil && val(0, i) != want {
			t.Errorf("normal series[%d] = %v, want %v", i, val(0, i), want)
		}
	}
	for i := range 4 {
		if val(1, i) != "-" {
			t.Errorf("weak series[%d] = %v, want -", i, val(1, i))
		}
	}
	if val(1, 4) != 21.6 {
		t.Errorf("weak series[4] = %v, want 21.6", val(1, 4))
	}
	if m["animation"] != false {
		t.Error("animation not off")
	}
}

// TestMissingNeverZero checks that a missing score becomes "-" in the radar,
// no cell in the heatmap, and "-" in the score table.
func TestMissingNeverZero(t *testing.T) {
	res := fixture()
	cs, err := charts.Charts(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	radar := roundTrip(t, chartByName(t, cs, charts.ChartRadar))
	var lgw []any
	for _, s := range radar["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] == "辽东湾新区" {
			lgw = s["data"].([]any)[0].(map[string]any)["value"].([]any)
		}
	}
	if len(lgw) != 3 || lgw[1] != "-" {
		t.Errorf("辽东湾新区 radar values %v, want health \"-\"", lgw)
	}
	hm := roundTrip(t, chartByName(t, cs, charts.ChartHeatmap))
	data := hm["series"].([]any)[0].(map[string]any)["data"].([]any)
	// 6 indicators x 5 units, minus 3 missing: 大洼区 edu_retention,
	// 辽东湾新区 health_beds and health_infant.
	if len(data) != 27 {
		t.Errorf("heatmap has %d cells, want 27", len(data))
	}
	for _, d := range data {
		v := d.(map[string]any)["value"].([]any)
		if _, ok := v[2].(float64); !ok {
			t.Errorf("heatmap cell %v is not a number", v)
		}
	}
	// The visual map keeps its minimum of 0 (go-echarts would drop it).
	vm := hm["visualMap"].([]any)[0].(map[string]any)
	if vm["min"] != 0.0 || vm["max"] != 100.0 {
		t.Errorf("visualMap min/max %v/%v, want 0/100", vm["min"], vm["max"])
	}
	page := render(t, res, charts.Options{})
	if strings.Contains(page, "NaN") {
		t.Error("page contains NaN")
	}
	// The 辽东湾新区 score row shows health as "-".
	row := page[strings.Index(page, "<td>辽东湾新区</td>"):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, `<td class="num">-</td>`) {
		t.Errorf("辽东湾新区 row %q has no \"-\" cell", row)
	}
}

func TestRadarLegendSelection(t *testing.T) {
	cs, err := charts.Charts(fixture(), charts.Options{RadarUnits: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := roundTrip(t, chartByName(t, cs, charts.ChartRadar))
	lg := m["legend"].(map[string]any)
	if n := len(lg["data"].([]any)); n != 6 {
		t.Errorf("legend has %d entries, want 5 units + mean", n)
	}
	// Shown at first: the flagged unit (盘山县), then the best-ranked one,
	// two in all, and the region mean.
	want := map[string]any{"兴隆台区": true, "双台子区": false, "大洼区": false, "盘山县": true, "辽东湾新区": false, "区域均值": true}
	sel := lg["selected"].(map[string]any)
	for k, w := range want {
		if sel[k] != w {
			t.Errorf("legend selected[%s] = %v, want %v", k, sel[k], w)
		}
	}
	// Region mean of education: (100 + 73.1078 + 43.4783 + 14.8148 +
	// 80.7568)/5 = 62.4315.
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] == "区域均值" {
			if v := s["data"].([]any)[0].(map[string]any)["value"].([]any)[0]; v != 62.43 {
				t.Errorf("mean education %v, want 62.43", v)
			}
		}
	}
}

func TestNoRadarWithTwoGroups(t *testing.T) {
	res := fixture()
	// Drop the social group: two top-level groups make no radar.
	var keep []*scoring.NodeResult
	for _, nr := range res.Nodes {
		if nr.ID != "social" && nr.Parent != "social" {
			keep = append(keep, nr)
		}
	}
	res.Nodes = keep
	cs, err := charts.Charts(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Name != charts.ChartRanking || cs[1].Name != charts.ChartHeatmap {
		t.Errorf("got %d charts, want ranking and heatmap", len(cs))
	}
}

// scriptElements parses the page and returns the text of its script
// elements and how many there are.
func scriptElements(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				b.WriteString(c.Data)
			}
			out = append(out, b.String())
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func TestHostileNames(t *testing.T) {
	res := hostile()
	opt := charts.Options{Note: "</script><script>alert(4)</script>", Title: "", Method: "<script>alert(5)</script>"}
	for _, lang := range []string{"zh", "en"} {
		opt.Lang = lang
		page := render(t, res, opt)
		for _, bad := range []string{
			"</script><script>alert(1)", "<script>alert(", "<img src=x", "<b onmouseover",
			"</title><script>", `{{.}} "double"`,
		} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: page contains raw %q", lang, bad)
			}
		}
		scripts := scriptElements(t, page)
		if len(scripts) != 2 {
			t.Fatalf("%s: %d script elements, want 2 (ECharts, init)", lang, len(scripts))
		}
		// Inside the init script the names are JSON-escaped, never raw.
		init := scripts[1]
		for _, bad := range []string{"<", ">", "alert(1)</"} {
			if strings.Contains(init[strings.Index(init, "var charts"):strings.Index(init, "if (typeof")], bad) {
				t.Errorf("%s: chart data contains %q", lang, bad)
			}
		}
		if !strings.Contains(init, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
			t.Errorf("%s: escaped unit name missing from chart data", lang)
		}
		// The go-echarts function marker stays a plain JSON string.
		if !strings.Contains(init, `"__f__alert(1)__f__"`) {
			t.Errorf("%s: __f__ unit name is not a JSON string", lang)
		}
	}
	// The single-chart page and JSON are escaped too.
	cs, err := charts.Charts(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		var b bytes.Buffer
		if err := charts.WriteChartPage(&b, c, opt); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "</script><script>alert(") {
			t.Errorf("chart page %s contains a raw script break", c.Name)
		}
		if n := len(scriptElements(t, b.String())); n != 2 {
			t.Errorf("chart page %s has %d scripts, want 2", c.Name, n)
		}
		b.Reset()
		if err := charts.WriteChartJSON(&b, c); err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(b.Bytes(), "<>") {
			t.Errorf("chart JSON %s contains < or >", c.Name)
		}
	}
}

func TestEChartsScriptTag(t *testing.T) {
	def := `<script src="https://cdn.jsdelivr.net/npm/echarts@5.6.0/dist/echarts.min.js" integrity="sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss" crossorigin="anonymous"></script>`
	if page := render(t, fixture(), charts.Options{}); !strings.Contains(page, def) {
		t.Error("default page lacks the jsDelivr script tag with integrity")
	}
	mirror := `<script src="https://mirror.example.gov.cn/js/echarts.min.js" integrity="` + charts.EChartsIntegrity + `" crossorigin="anonymous"></script>`
	for _, u := range []string{"https://mirror.example.gov.cn/js", "https://mirror.example.gov.cn/js/", "https://mirror.example.gov.cn/js/echarts.min.js"} {
		if page := render(t, fixture(), charts.Options{EChartsURL: u}); !strings.Contains(page, mirror) {
			t.Errorf("EChartsURL %q: page lacks %s", u, mirror)
		}
	}
	// A javascript: URL is neutralised by html/template.
	if page := render(t, fixture(), charts.Options{EChartsURL: "javascript:alert(1)//x.js"}); strings.Contains(page, "javascript:alert") {
		t.Error("javascript: URL reached the page")
	}
	js := []byte("/* fake echarts */ var echarts = {init: function () {}};")
	page := render(t, fixture(), charts.Options{EChartsJS: js})
	scripts := scriptElements(t, page)
	if len(scripts) != 2 || scripts[0] != string(js) {
		t.Errorf("inline script not the given bytes: %q", scripts[0])
	}
	if strings.Contains(page, "cdn.jsdelivr.net") {
		t.Error("inlined page still references the CDN")
	}
	for _, bad := range []string{"x = '</SCRIPT>'", "x = '<!--'"} {
		var b bytes.Buffer
		err := charts.Report(&b, fixture(), charts.Options{EChartsJS: []byte(bad)})
		if err == nil {
			t.Errorf("EChartsJS %q: no error", bad)
		}
		if b.Len() != 0 {
			t.Errorf("EChartsJS %q: wrote %d bytes despite the error", bad, b.Len())
		}
	}
}

func TestFallbackNotice(t *testing.T) {
	page := render(t, fixture(), charts.Options{})
	if !strings.Contains(page, `<p class="notice" id="eq-nojs">图表需要 ECharts 脚本`) {
		t.Error("page lacks the ECharts-missing notice")
	}
	if !strings.Contains(page, `.echarts-ok #eq-nojs{display:none}`) {
		t.Error("notice is not hidden once ECharts loads")
	}
}

func TestBadResults(t *testing.T) {
	cases := map[string]func(r *scoring.Result){
		"nil framework": func(r *scoring.Result) { r.Framework = nil },
		"no nodes":      func(r *scoring.Result) { r.Nodes = nil },
		"no units":      func(r *scoring.Result) { r.Unit = nil },
		"short weak":    func(r *scoring.Result) { r.Weak = r.Weak[:2] },
		"short scores":  func(r *scoring.Result) { r.Nodes[3].Scores = r.Nodes[3].Scores[:1] },
	}
	for name, mutate := range cases {
		res := fixture()
		mutate(res)
		if _, err := charts.Charts(res, charts.Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
		var b bytes.Buffer
		if err := charts.Report(&b, res, charts.Options{}); err == nil || b.Len() != 0 {
			t.Errorf("%s: err %v, wrote %d bytes", name, err, b.Len())
		}
	}
	if _, err := charts.Charts(nil, charts.Options{}); err == nil {
		t.Error("nil Result: no error")
	}
}

// TestOptionalSlices checks that a Result without ranks, weak flags, codes
// and groups (an early stage of scoring.Run) still renders.
func TestOptionalSlices(t *testing.T) {
	res := fixture()
	res.Rank, res.Weak, res.WeakReasons, res.Code, res.Group, res.Population = nil, nil, nil, nil, nil, nil
	page := render(t, res, charts.Options{})
	scores := page[strings.Index(page, `<section id="scores">`):]
	scores = scores[:strings.Index(scores, "</section>")]
	if strings.Contains(scores, "<th>代码</th>") || strings.Contains(scores, "<th>分组</th>") {
		t.Error("empty code/group columns shown")
	}
	cs, _ := charts.Charts(res, charts.Options{})
	if n := len(roundTrip(t, cs[0])["series"].([]any)); n != 1 {
		t.Errorf("ranking without weak units has %d series, want 1", n)
	}
}

func TestWriteChartJSONRejectsNaN(t *testing.T) {
	c := charts.Chart{Name: "x", Option: map[string]any{"series": []any{map[string]any{"data": []any{1.0, math.NaN()}}}}}
	var b bytes.Buffer
	err := charts.WriteChartJSON(&b, c)
	if err == nil || !strings.Contains(err.Error(), "x.series[0].data[1]") {
		t.Errorf("err = %v, want one naming x.series[0].data[1]", err)
	}
	b.Reset()
	if err := charts.WritePage(&b, []charts.Block{{ID: "a", Chart: &c}}, charts.Options{}); err == nil || b.Len() != 0 {
		t.Errorf("WritePage with NaN: err %v, wrote %d bytes", err, b.Len())
	}
}

func TestWritePageChecks(t *testing.T) {
	c := charts.Chart{Name: "a", Option: map[string]any{}}
	for name, blocks := range map[string][]charts.Block{
		"duplicate id":    {{ID: "x"}, {ID: "x"}},
		"bad id":          {{ID: "x y"}},
		"duplicate chart": {{ID: "a", Chart: &c}, {ID: "b", Sub: []charts.Block{{Chart: &c}}}},
		"bad chart name":  {{ID: "a", Chart: &charts.Chart{Name: "../x"}}},
	} {
		if err := charts.WritePage(&bytes.Buffer{}, blocks, charts.Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestExtraBlock shows how a later stage adds a section.
func TestExtraBlock(t *testing.T) {
	res := fixture()
	blocks, err := charts.Blocks(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	extra := charts.Block{ID: "equalization", Heading: "均等化", Reading: "r",
		Table: &charts.Table{Header: []string{"a"}, Rows: [][]string{{"<1>"}}}}
	blocks = append(blocks[:3], append([]charts.Block{extra}, blocks[3:]...)...)
	var b bytes.Buffer
	if err := charts.WritePage(&b, blocks, charts.Options{Title: "t"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, `<li><a href="#equalization">均等化</a></li>`) || !strings.Contains(page, "<td>&lt;1&gt;</td>") {
		t.Error("extra block missing from page or navigation")
	}
	if strings.Index(page, `id="equalization"`) > strings.Index(page, `id="heatmap"`) {
		t.Error("extra block not placed before the heatmap")
	}
}

// TestBilingualText checks that "中文 / English" reasons and warnings from
// scoring.Run show in the page's language only.
func TestBilingualText(t *testing.T) {
	zh := render(t, fixture(), charts.Options{})
	en := render(t, fixture(), charts.Options{Lang: "en"})
	for _, c := range []struct {
		page, want, not string
	}{
		{zh, "盘山县：综合指数 21.6，低于均值减 1 个标准差；排名 5/5，位于后 20%", "index 21.6"},
		{en, "盘山县: index 21.6, below the mean minus 1 sd; rank 5 of 5, in the bottom 20%", "综合指数 21.6"},
		{zh, "<li>城乡居民养老保险参保率：各单位取值相同（95），不区分单位 [constant-column]</li>", "does not discriminate"},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("page lacks %q", c.want)
		}
		if strings.Contains(c.page, c.not) {
			t.Errorf("page contains the other language: %q", c.not)
		}
	}
}
