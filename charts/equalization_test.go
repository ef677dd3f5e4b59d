package charts

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/scoring"
)

// eqResult scores a small region: four units in two groups, a
// higher-is-better indicator with urban and rural values (the
// urban-rural toy of methods.md for the first three units) and a
// lower-is-better one without. One unit is named like a script injection.
func eqResult(t *testing.T) *scoring.Result {
	t.Helper()
	ind := func(id, name string, dir scoring.Direction) *scoring.Node {
		return &scoring.Node{ID: id, Name: name, NameEN: id, Unit: "人/千人", Weight: 1, Direction: dir, Normalisation: scoring.MinMax, Transform: "none"}
	}
	g := &scoring.Node{ID: "health", Name: "医疗卫生", NameEN: "Health", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic,
		Children: []*scoring.Node{ind("doc", "每千人医师数", scoring.Higher), ind("imr", "婴儿死亡率", scoring.Lower)}}
	root := &scoring.Node{ID: "index", Name: "综合指数", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: []*scoring.Node{g}}
	fw := &scoring.Framework{Name: "toy", Root: root, Missing: scoring.MissingAvailable, MinCoverage: 0.5,
		Benchmark: scoring.BenchmarkMean, Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules()}
	d := &scoring.Dataset{
		Unit:       []string{"C1", "C2", "C3", "</script><script>alert(1)</script>"},
		Code:       []string{"1", "2", "3", "4"},
		Group:      []string{"区", "区", "县", "县"},
		Year:       []int{0, 0, 0, 0},
		Population: []float64{100, 80, 100, 50},
		PopUrban:   []float64{40, 30, 20, 10},
		PopRural:   []float64{60, 50, 80, 40},
		Indicators: []string{"doc", "imr"},
		Values:     [][]float64{{8.4, 8.125, 4.2, 5}, {3, 4, 6, 5}},
		Urban:      [][]float64{{12, 10, 9, 7}, nil},
		Rural:      [][]float64{{6, 7, 3, 4.5}, nil},
	}
	res, err := scoring.Run(fw, d, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestEqualizationBlocks(t *testing.T) {
	res := eqResult(t)
	for _, lang := range []string{"zh", "en"} {
		blocks, err := EqualizationBlocks(res, Options{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, b := range blocks {
			ids = append(ids, b.ID)
			if b.Reading == "" {
				t.Errorf("%s: block %s has no reading", lang, b.ID)
			}
		}
		if got, want := strings.Join(ids, ","), "eq-index,eq-urban-rural,eq-regional,eq-decomposition,eq-dagum"; got != want {
			t.Errorf("%s: blocks %s, want %s", lang, got, want)
		}
		var page bytes.Buffer
		if err := WritePage(&page, blocks, Options{Lang: lang, Title: "eq"}); err != nil {
			t.Fatal(err)
		}
		html := page.String()
		if strings.Contains(html, "<script>alert(1)") {
			t.Errorf("%s: a unit name reached the page unescaped", lang)
		}
		if lang == "en" {
			// The urban-rural headline names the share from the Theil T
			// decomposition by area (over the four units' cells).
			area := res.Equalization.DecompositionFor(scoring.SubjectIndicator, "doc", scoring.ByArea)
			want := "The gap between urban and rural areas accounts for " + fmtPct(area.TheilT.BetweenShare) + " of the inequality in doc"
			if !strings.Contains(blocks[1].Reading, want) {
				t.Errorf("urban-rural reading %q lacks %q", blocks[1].Reading, want)
			}
		}
		if out := os.Getenv("EQINDEX_EQ_PAGE"); out != "" && lang == eqOr(os.Getenv("EQINDEX_EQ_LANG"), "zh") {
			js, err := os.ReadFile("/tmp/npmecharts/package/dist/echarts.min.js")
			if err == nil {
				page.Reset()
				if err := WritePage(&page, blocks, Options{Lang: lang, Title: "eq", EChartsJS: js}); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(out, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			// One page per section too, for screenshots.
			for _, b := range blocks {
				page.Reset()
				if err := WritePage(&page, []Block{b}, Options{Lang: lang, Title: b.ID, EChartsJS: js}); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(strings.TrimSuffix(out, ".html")+"-"+b.ID+".html", page.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func eqOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The EI bar segments add up to EI, and weak units are marked.
func TestEqualizationIndexChart(t *testing.T) {
	res := eqResult(t)
	blocks, err := EqualizationBlocks(res, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ch := blocks[0].Chart
	if err := checkFinite(ch.Option, ch.Name); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(ch.Option)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		YAxis []struct {
			Data []any `json:"data"`
		} `json:"yAxis"`
		Series []struct {
			Data []any `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &opt); err != nil {
		t.Fatal(err)
	}
	eq := res.Equalization
	order := eqOrder(eq.EI)
	for k, i := range order {
		var sum float64
		for _, s := range opt.Series {
			if f, ok := s.Data[k].(float64); ok {
				sum += f
			}
		}
		// Each segment is rounded to 2 decimals.
		if d := sum - eq.EI[i]; d > 0.016 || d < -0.016 {
			t.Errorf("%s: segments sum to %g, EI %g", res.Unit[i], sum, eq.EI[i])
		}
		// Flagged units are styled items in the weak colour, as in every
		// chart; the others plain names.
		item := opt.YAxis[0].Data[k]
		_, styled := item.(map[string]any)
		if catName(item) != res.Unit[i] || styled != res.Weak[i] {
			t.Errorf("row %d: %v, want %q (styled: %v)", k, item, res.Unit[i], res.Weak[i])
		}
	}
	// Every chart option is finite and marshals.
	for _, bl := range blocks {
		for _, c := range append([]Block{bl}, bl.Sub...) {
			if c.Chart != nil {
				if err := checkFinite(c.Chart.Option, c.Chart.Name); err != nil {
					t.Error(err)
				}
			}
		}
	}
}

func TestEqualizationBlocksNeedsEqualization(t *testing.T) {
	res := eqResult(t)
	res.Equalization = nil
	if _, err := EqualizationBlocks(res, Options{}); err == nil {
		t.Error("no error for a Result without Equalization")
	}
}

// With many units a dumbbell shows the 50 with the largest urban-rural
// gap (lowest UR), largest gap first, and says so.
func TestEqualizationDumbbellCap(t *testing.T) {
	const n = 150
	ind := &scoring.Node{ID: "Doc", Name: "doc", Weight: 1, Direction: scoring.Higher, Normalisation: scoring.MinMax, Transform: "none"}
	root := &scoring.Node{ID: "index", Name: "index", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: []*scoring.Node{ind}}
	fw := &scoring.Framework{Name: "cap", Root: root, Missing: scoring.MissingAvailable, Benchmark: scoring.BenchmarkMean,
		Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules()}
	d := &scoring.Dataset{Unit: make([]string, n), Code: make([]string, n), Group: make([]string, n), Year: make([]int, n),
		Population: make([]float64, n), PopUrban: make([]float64, n), PopRural: make([]float64, n),
		Indicators: []string{"Doc"}, Values: [][]float64{make([]float64, n)}, Urban: [][]float64{make([]float64, n)}, Rural: [][]float64{make([]float64, n)}}
	for i := 0; i < n; i++ {
		d.Unit[i] = "u" + strconv.Itoa(i)
		d.Population[i], d.PopUrban[i], d.PopRural[i] = 2, 1, 1
		// UR = 100 r/u = 100 (i + 1)/(n + 1): unit 0 has the largest gap.
		d.Urban[0][i], d.Rural[0][i] = n+1, float64(i+1)
		d.Values[0][i] = (d.Urban[0][i] + d.Rural[0][i]) / 2
	}
	res, err := scoring.Run(fw, d, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := EqualizationBlocks(res, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var db *Block
	for k := range blocks[1].Sub {
		if blocks[1].Sub[k].ID == "eq-urd-doc" {
			db = &blocks[1].Sub[k]
		}
	}
	if db == nil || db.Chart == nil || db.Chart.Name != "ur-doc" {
		t.Fatalf("no dumbbell ur-doc in %+v", blocks[1].Sub)
	}
	cats := firstAxis(db.Chart.Option, "yAxis")["data"].([]any)
	if len(cats) != eqDumbbellShow || catName(cats[0]) != "u0" || catName(cats[eqDumbbellShow-1]) != "u49" {
		t.Errorf("dumbbell shows %d units from %v to %v, want %d from u0 to u49", len(cats), cats[0], cats[len(cats)-1], eqDumbbellShow)
	}
	if !strings.Contains(db.Caption, "50 with the largest urban-rural gap") {
		t.Errorf("caption %q does not say only 50 units are shown", db.Caption)
	}
}

// catName is the name of an ECharts category item: the string itself, or
// the value of a styled item {value, textStyle} (flagged units).
func catName(v any) string {
	if m, ok := v.(map[string]any); ok {
		s, _ := m["value"].(string)
		return s
	}
	s, _ := v.(string)
	return s
}
