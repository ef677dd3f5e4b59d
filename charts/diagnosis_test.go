package charts_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/scoring"
)

// diagResult scores n units on a three-domain framework; the last unit is
// behind on everything, so the default rules flag it. Units get names
// from names when given.
func diagResult(t *testing.T, n int, names ...string) *scoring.Result {
	t.Helper()
	target := 2.25
	ind := func(id, name, unit string, dir scoring.Direction) *scoring.Node {
		return &scoring.Node{ID: id, Name: name, NameEN: id, Unit: unit, Weight: 1, Direction: dir, Normalisation: scoring.MinMax, Transform: "none"}
	}
	doctors := ind("doctors", "每千人口执业医师数", "人/千人", scoring.Higher)
	doctors.Target = &target
	grp := func(id, name string, kids ...*scoring.Node) *scoring.Node {
		return &scoring.Node{ID: id, Name: name, NameEN: id, Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: kids}
	}
	root := grp("index", "指数",
		grp("health", "医疗卫生", doctors, ind("infant", "婴儿死亡率", "‰", scoring.Lower)),
		grp("education", "教育", ind("kinder", "幼儿园覆盖率", "%", scoring.Higher)),
		grp("social", "社会服务", ind("beds", "养老床位", "张/千名老人", scoring.Higher)))
	fw := &scoring.Framework{Name: "诊断测试", Root: root, Missing: scoring.MissingAvailable, MinCoverage: 0.5,
		Benchmark: scoring.BenchmarkMean, Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules()}
	d := &scoring.Dataset{Indicators: []string{"doctors", "infant", "kinder", "beds"}, Values: make([][]float64, 4)}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("县%02d", i+1)
		if i < len(names) {
			name = names[i]
		}
		d.Unit = append(d.Unit, name)
		d.Code = append(d.Code, "")
		d.Group = append(d.Group, []string{"市辖区", "县"}[i%2])
		d.Year = append(d.Year, 0)
		d.Population = append(d.Population, float64(10+i))
		d.PopUrban = append(d.PopUrban, nan)
		d.PopRural = append(d.PopRural, nan)
		x := float64(i % 7)
		if i == n-1 {
			x = -10 // the laggard
		}
		d.Values[0] = append(d.Values[0], 2.5+0.1*x)
		d.Values[1] = append(d.Values[1], 4-0.2*x)
		d.Values[2] = append(d.Values[2], 85+2*x)
		d.Values[3] = append(d.Values[3], 30+float64((i*3)%5)+x)
	}
	d.Urban = make([][]float64, 4)
	d.Rural = make([][]float64, 4)
	res, err := scoring.Run(fw, d, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func findBlock(bs []charts.Block, id string) *charts.Block {
	for k := range bs {
		if bs[k].ID == id {
			return &bs[k]
		}
		if b := findBlock(bs[k].Sub, id); b != nil {
			return b
		}
	}
	return nil
}

// allCharts collects the charts of the blocks, depth first.
func allCharts(bs []charts.Block) []*charts.Chart {
	var out []*charts.Chart
	for k := range bs {
		if bs[k].Chart != nil {
			out = append(out, bs[k].Chart)
		}
		out = append(out, allCharts(bs[k].Sub)...)
	}
	return out
}

// seriesColor returns the colour of series s of a chart as the browser
// sees it (item style, else line style).
func seriesColor(t *testing.T, c charts.Chart, s int) string {
	t.Helper()
	m := roundTrip(t, c)
	series := m["series"].([]any)[s].(map[string]any)
	if is, ok := series["itemStyle"].(map[string]any); ok {
		if col, ok := is["color"].(string); ok {
			return col
		}
	}
	return series["lineStyle"].(map[string]any)["color"].(string)
}

func TestDiagnosisBlocks(t *testing.T) {
	res := diagResult(t, 6)
	dg := res.Diagnosis
	if !res.Weak[5] || !dg.Units[5].Flagged {
		t.Fatalf("the laggard is not flagged: %v", res.Weak)
	}
	for _, lang := range []string{"zh", "en"} {
		bs, err := charts.DiagnosisBlocks(res, charts.Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 3 || bs[0].ID != charts.BlockDiagnosisSummary || bs[1].ID != charts.BlockDiagnosisGrades || bs[2].ID != charts.BlockDiagnosisProfiles {
			t.Fatalf("blocks %v", bs)
		}
		if got, want := bs[0].Paragraphs[0], dg.Summary(lang); got != want {
			t.Errorf("%s summary %q, want %q", lang, got, want)
		}
		// The grade table lists units by index, flagged rows highlighted
		// exactly where res.Weak is set.
		tab := bs[1].Table
		if len(tab.Rows) != 6 {
			t.Fatalf("grade table has %d rows", len(tab.Rows))
		}
		for r, row := range tab.Rows {
			i := indexOf(res.Unit, row[0])
			if tab.Flag[r] != res.Weak[i] {
				t.Errorf("row %s flag %v, weak %v", row[0], tab.Flag[r], res.Weak[i])
			}
		}
		if last := tab.Rows[5][0]; last != res.Unit[5] {
			t.Errorf("last row %s, want the laggard %s", last, res.Unit[5])
		}
		if len(bs[2].Sub) != 6 {
			t.Fatalf("%d profiles, want 6", len(bs[2].Sub))
		}
		// Each unit has a radar and an obstacle chart, drawn in the
		// weak-area colour exactly when the unit is flagged.
		for i := range res.Unit {
			p := findBlock(bs, fmt.Sprintf("%s-%d", charts.BlockDiagnosisUnit, i+1))
			if p == nil || p.Chart == nil || len(p.Sub) != 2 || p.Sub[0].Chart == nil || p.Sub[1].Table == nil {
				t.Fatalf("profile of %s incomplete: %+v", res.Unit[i], p)
			}
			want := "#5470c6"
			if res.Weak[i] {
				want = "#d9480f"
			}
			if got := seriesColor(t, *p.Chart, 0); got != want {
				t.Errorf("%s radar colour %s, want %s", res.Unit[i], got, want)
			}
			if got := seriesColor(t, *p.Sub[0].Chart, 0); got != want {
				t.Errorf("%s obstacle colour %s, want %s", res.Unit[i], got, want)
			}
			if res.Weak[i] != strings.Contains(p.Heading, map[string]string{"zh": "薄弱地区", "en": "weak area"}[lang]) {
				t.Errorf("heading %q does not mark the flag (%v)", p.Heading, res.Weak[i])
			}
			// Bars are the top obstacle shares in %, largest first.
			m := roundTrip(t, *p.Sub[0].Chart)
			data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
			u := dg.Units[i]
			if len(data) != len(u.TopObstacles) {
				t.Fatalf("%s: %d bars, %d top obstacles", res.Unit[i], len(data), len(u.TopObstacles))
			}
			for k, j := range u.TopObstacles {
				got := data[k].(map[string]any)["value"].(float64)
				if want := 100 * u.Obstacle[j]; got < want-0.005 || got > want+0.005 {
					t.Errorf("%s bar %d = %g, want %g", res.Unit[i], k, got, want)
				}
			}
			// The gap table has a row per indicator, the doctor row in
			// natural units.
			gt := p.Sub[1].Table
			if len(gt.Rows) != 4 || gt.Rows[0][1] != "人/千人" {
				t.Errorf("%s gap table %v", res.Unit[i], gt.Rows)
			}
		}
		// The whole page renders, with the diagnosis blocks among the
		// standard ones, unique ids and chart names and no NaN.
		page, err := charts.Blocks(res, charts.Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, b := range page {
			ids[b.ID] = true
		}
		for _, b := range bs {
			if !ids[b.ID] {
				t.Errorf("the report lacks the diagnosis block %s", b.ID)
			}
		}
		var buf bytes.Buffer
		if err := charts.WritePage(&buf, page, charts.Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		if os.Getenv("EQINDEX_DIAG_PAGE") != "" && lang == "zh" {
			_ = os.WriteFile(os.Getenv("EQINDEX_DIAG_PAGE"), buf.Bytes(), 0o644)
		}
	}
}

// The laggard's gap to the doctor target is hand-computable: 2.5 - 1 =
// 1.5 per 1000, target 2.25: short by 0.75.
func TestDiagnosisGapTable(t *testing.T) {
	res := diagResult(t, 6)
	bs, err := charts.DiagnosisBlocks(res, charts.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	gt := findBlock(bs, charts.BlockDiagnosisUnit+"-6").Sub[1].Table
	row := gt.Rows[0]
	if row[2] != "1.5" || row[3] != "2.25" || row[4] != "short by 0.75" || !gt.Flag[0] {
		t.Errorf("doctor row %q flag %v", row, gt.Flag[0])
	}
	if gt.Collapsed {
		t.Error("a flagged unit's gap table is collapsed")
	}
	// Infant mortality (lower is better) 4 + 2 = 6 per mille.
	if infant := gt.Rows[1]; infant[2] != "6" || !strings.HasPrefix(infant[6], "behind by ") {
		t.Errorf("infant row %q", infant)
	}
}

func TestDiagnosisManyUnits(t *testing.T) {
	res := diagResult(t, 40)
	bs, err := charts.DiagnosisBlocks(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for _, w := range res.Weak {
		if w {
			flagged++
		}
	}
	// Two charts per flagged unit only.
	if got := len(allCharts(bs)); got != 2*flagged || flagged == 0 {
		t.Errorf("%d charts for %d flagged of 40 units, want %d", got, flagged, 2*flagged)
	}
	if len(bs[2].Sub) != 40 {
		t.Errorf("%d profiles, want 40", len(bs[2].Sub))
	}
}

func TestDiagnosisHostileNames(t *testing.T) {
	bad := "</script><script>alert(1)</script>"
	res := diagResult(t, 6, bad, "__f__alert(1)__f__")
	bs, err := charts.DiagnosisBlocks(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := charts.WritePage(&buf, bs, charts.Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), bad) || strings.Contains(buf.String(), "<script>alert") {
		t.Error("a unit name reached the page unescaped")
	}
}

func TestDiagnosisNeedsDiagnosis(t *testing.T) {
	res := diagResult(t, 6)
	res.Diagnosis = nil
	if _, err := charts.DiagnosisBlocks(res, charts.Options{}); err == nil {
		t.Error("no error for a Result without a Diagnosis")
	}
}

func TestDiagnosisRules(t *testing.T) {
	w := scoring.DefaultWeakRules()
	w.URRatio = 70
	flagging, profile := charts.DiagnosisRules(w, "en")
	want := []string{"the index below the mean of the units minus 1 sd", "the index in the bottom 20% (at least one unit)", "the urban-rural component below 70"}
	if strings.Join(flagging, "|") != strings.Join(want, "|") {
		t.Errorf("flagging rules %q, want %q", flagging, want)
	}
	if len(profile) != 3 || !strings.Contains(profile[0], "weak domain") {
		t.Errorf("profile rules %q", profile)
	}
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}
