package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/scoring"
)

// smallGapsResult scores the urban-rural toy of methods.md (cells C1 U 12
// pop 40, R 6 pop 60; C2 U 10 30, R 7 50; C3 U 9 20, R 3 80) plus a
// lower-is-better indicator without an urban/rural split, with C1 and C2
// in group "district" and C3 in "county". A county name starting with "="
// checks the CSV injection guard.
func smallGapsResult(t *testing.T) *scoring.Result {
	t.Helper()
	ind := func(id string, dir scoring.Direction) *scoring.Node {
		return &scoring.Node{ID: id, Name: id, Weight: 1, Direction: dir, Normalisation: scoring.MinMax, Transform: "none"}
	}
	g := &scoring.Node{ID: "health", Name: "医疗卫生", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic,
		Children: []*scoring.Node{ind("doc", scoring.Higher), ind("imr", scoring.Lower)}}
	root := &scoring.Node{ID: "index", Name: "指数", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: []*scoring.Node{g}}
	fw := &scoring.Framework{Name: "toy", Root: root, Missing: scoring.MissingAvailable, MinCoverage: 0.5,
		Benchmark: scoring.BenchmarkMean, Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules()}
	d := &scoring.Dataset{
		Unit:       []string{"C1", "C2", "=C3"},
		Code:       []string{"1", "2", "3"},
		Group:      []string{"district", "district", "county"},
		Year:       []int{0, 0, 0},
		Population: []float64{100, 80, 100},
		PopUrban:   []float64{40, 30, 20},
		PopRural:   []float64{60, 50, 80},
		Indicators: []string{"doc", "imr"},
		Values:     [][]float64{{8.4, 8.125, 4.2}, {3, 4, 6}},
		Urban:      [][]float64{{12, 10, 9}, nil},
		Rural:      [][]float64{{6, 7, 3}, nil},
	}
	res, err := scoring.Run(fw, d, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestGapsTablesGolden(t *testing.T) {
	res := smallGapsResult(t)
	out := newOutputSet(t.TempDir())
	if err := addEqualizationTables(out, res); err != nil {
		t.Fatal(err)
	}
	want := []string{fileEqStats, fileEqUnits, fileEqIndicators, fileEqDecomp, fileEqDagum, fileEqJSON}
	if len(out.files) != len(want) {
		t.Errorf("wrote %v, want %v", out.names(), want)
	}
	for _, name := range want {
		b := out.files[name]
		golden(t, "gaps/"+name, b)
		if strings.HasSuffix(name, ".csv") {
			if !bytes.HasPrefix(b, []byte(utf8BOM)) {
				t.Errorf("%s has no BOM", name)
			}
			if bytes.Contains(b, []byte(",=C3")) {
				t.Errorf("%s writes the unit =C3 unguarded", name)
			}
		}
	}
	var text bytes.Buffer
	if err := writeGapsText(&text, res, "en"); err != nil {
		t.Fatal(err)
	}
	golden(t, "gaps/gaps.txt", text.Bytes())

	// The JSON carries the toy's numbers at full precision.
	var js struct {
		Decompositions []struct {
			Subject string `json:"subject"`
			By      string `json:"by"`
			TheilT  struct {
				Total   float64 `json:"total"`
				Between float64 `json:"between"`
			} `json:"theil_t"`
		} `json:"decompositions"`
		Indicators []struct {
			ID    string     `json:"id"`
			Ratio []*float64 `json:"ratio"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(out.files[fileEqJSON], &js); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range js.Decompositions {
		if d.Subject == "doc" && d.By == scoring.ByArea {
			found = true
			if math.Abs(d.TheilT.Total-0.10548084866720205) > 1e-15 {
				t.Errorf("Theil T %v, want 0.10548084866720205", d.TheilT.Total)
			}
			if math.Abs(d.TheilT.Between-0.07019531583472444) > 1e-15 {
				t.Errorf("between %v, want 0.07019531583472444", d.TheilT.Between)
			}
		}
	}
	if !found {
		t.Error("no urban/rural decomposition of doc in equalization.json")
	}
	if r := js.Indicators[0].Ratio; len(r) != 3 || r[2] == nil || *r[2] != 3 {
		t.Errorf("urban/rural ratios %v, want C3's to be 3", r)
	}
	if js.Indicators[1].Ratio != nil {
		t.Error("imr has no urban/rural split, yet ratios are written")
	}
	// gapsIndentJSON only adds whitespace.
	var compact bytes.Buffer
	if err := json.Compact(&compact, out.files[fileEqJSON]); err != nil {
		t.Fatal(err)
	}
	if again := gapsIndentJSON(compact.Bytes()); !bytes.Equal(append(again, '\n'), out.files[fileEqJSON]) {
		t.Error("gapsIndentJSON(compact(equalization.json)) differs from equalization.json")
	}
}

func TestIndentJSON(t *testing.T) {
	src := `{"a":[1,2,null],"b":[{"c":"x]{\"y"},[]],"d":{},"e":"[1,2]","f":[]}`
	want := `{
  "a": [1,2,null],
  "b": [
    {
      "c": "x]{\"y"
    },
    []
  ],
  "d": {},
  "e": "[1,2]",
  "f": []
}`
	if got := string(gapsIndentJSON([]byte(src))); got != want {
		t.Errorf("gapsIndentJSON:\n%s\nwant\n%s", got, want)
	}
	var a, b any
	if err := json.Unmarshal([]byte(src), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("indenting changed the value: %v vs %v", a, b)
	}
}

func TestGapsCommand(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	code, stdout, stderr := runCLI(t, "gaps", "--data", dataPath, "--framework", fwPath, "--json")
	if code != 0 {
		t.Fatalf("gaps --json exit %d: %s", code, stderr)
	}
	var js struct {
		Settings struct {
			Components struct{ Level, UrbanRural, Regional float64 } `json:"components"`
		} `json:"settings"`
		Units []struct {
			Unit       string   `json:"unit"`
			Level      *float64 `json:"level"`
			UrbanRural *float64 `json:"urban_rural"`
			Regional   *float64 `json:"regional"`
			EI         *float64 `json:"ei"`
			EIRank     int      `json:"ei_rank"`
		} `json:"units"`
		Statistics []struct {
			Kind     string `json:"kind"`
			Weighted bool   `json:"weighted"`
		} `json:"statistics"`
		Dagum []json.RawMessage `json:"dagum"`
	}
	if err := json.Unmarshal([]byte(stdout), &js); err != nil {
		t.Fatalf("gaps --json is not JSON: %v\n%s", err, stdout)
	}
	if len(js.Units) != 6 {
		t.Fatalf("%d units, want 6", len(js.Units))
	}
	ranks := map[int]bool{}
	for _, u := range js.Units {
		if u.Level == nil || u.UrbanRural == nil || u.Regional == nil || u.EI == nil {
			t.Fatalf("%s: a component is missing: %+v", u.Unit, u)
		}
		// Every demo unit has all three components: EI is the plain
		// weighted mean 0.5 L + 0.25 UR + 0.25 RG.
		want := 0.5**u.Level + 0.25**u.UrbanRural + 0.25**u.Regional
		if math.Abs(*u.EI-want) > 1e-9 {
			t.Errorf("%s: EI %v, want %v", u.Unit, *u.EI, want)
		}
		ranks[u.EIRank] = true
	}
	if len(ranks) != 6 {
		t.Errorf("EI ranks %v, want 1..6", ranks)
	}
	weighted := 0
	for _, s := range js.Statistics {
		if s.Weighted {
			weighted++
		}
	}
	if weighted == 0 || 2*weighted != len(js.Statistics) {
		t.Errorf("%d of %d statistics rows weighted, want half", weighted, len(js.Statistics))
	}
	if len(js.Dagum) == 0 {
		t.Error("the demo has groups, but there is no Dagum decomposition")
	}

	// Text on the terminal, files with -o.
	dir := filepath.Join(t.TempDir(), "gaps")
	code, stdout, stderr = runCLI(t, "gaps", "--data", dataPath, "--framework", fwPath, "-o", dir, "--lang", "en")
	if code != 0 {
		t.Fatalf("gaps -o exit %d: %s", code, stderr)
	}
	for _, s := range []string{"Gini", "Theil T", "Level index L", "Dagum"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("the terminal table lacks %q:\n%s", s, stdout)
		}
	}
	for _, name := range []string{fileEqStats, fileEqUnits, fileEqIndicators, fileEqDecomp, fileEqDagum, fileEqJSON} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("gaps -o did not write %s: %v", name, err)
		}
	}

	// score writes them too.
	dir = t.TempDir()
	if code, _, stderr := runCLI(t, "score", "--data", dataPath, "--framework", fwPath, "-o", dir); code != 0 {
		t.Fatalf("score: %s", stderr)
	}
	if b := readFile(t, filepath.Join(dir, fileEqStats)); !bytes.HasPrefix(b, []byte(utf8BOM+"kind,subject,name,weighted,n,mean")) {
		t.Errorf("score's equalization.csv starts %q", b[:40])
	}
}

// The equalization report sections build on the demo data; with
// EQINDEX_EQ_DEMO_PAGE set they are also written there as a page.
func TestGapsDemoReportBlocks(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	fw, err := loadFramework(fwPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := data.LoadDataset(dataPath, fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lang := os.Getenv("EQINDEX_EQ_DEMO_LANG")
	blocks, err := charts.EqualizationBlocks(res, charts.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 5 {
		t.Errorf("%d equalization sections on the demo, want 5 (it has urban/rural data and groups)", len(blocks))
	}
	var page bytes.Buffer
	opt := charts.Options{Title: "demo", Lang: lang}
	if js, err := os.ReadFile(os.Getenv("ECHARTS_JS")); err == nil {
		opt.EChartsJS = js
	}
	if err := charts.WritePage(&page, blocks, opt); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("EQINDEX_EQ_DEMO_PAGE"); out != "" {
		if err := os.WriteFile(out, page.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkEqualizationTables renders every equalization output for one
// year of national-scale synthetic data: 2,850 units x 60 indicators, a
// third with urban and rural values, in four groups.
func BenchmarkEqualizationTables(b *testing.B) {
	const n, m = 2850, 60
	rng := rand.New(rand.NewPCG(1, 1))
	var groups []*scoring.Node
	for g := 0; g < 6; g++ {
		var kids []*scoring.Node
		for k := 0; k < m/6; k++ {
			dir := scoring.Higher
			if k%4 == 3 {
				dir = scoring.Lower
			}
			kids = append(kids, &scoring.Node{ID: fmt.Sprintf("x%d_%d", g, k), Weight: 1, Direction: dir, Normalisation: scoring.MinMax, Transform: "none"})
		}
		groups = append(groups, &scoring.Node{ID: fmt.Sprintf("g%d", g), Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: kids})
	}
	root := &scoring.Node{ID: "index", Weight: 1, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic, Children: groups}
	fw := &scoring.Framework{Name: "national", Root: root, Missing: scoring.MissingAvailable, MinCoverage: 0.5,
		Benchmark: scoring.BenchmarkMean, Components: scoring.DefaultComponents, Weak: scoring.DefaultWeakRules()}
	d := &scoring.Dataset{Unit: make([]string, n), Code: make([]string, n), Group: make([]string, n), Year: make([]int, n),
		Population: make([]float64, n), PopUrban: make([]float64, n), PopRural: make([]float64, n)}
	for i := 0; i < n; i++ {
		d.Unit[i] = fmt.Sprintf("county%04d", i)
		d.Group[i] = []string{"district", "county", "city", "banner"}[i%4]
		p, share := 50000+900000*rng.Float64(), 0.2+0.7*rng.Float64()
		d.Population[i], d.PopUrban[i], d.PopRural[i] = p, p*share, p*(1-share)
	}
	for j, ind := range root.Indicators() {
		d.Indicators = append(d.Indicators, ind.ID)
		v := make([]float64, n)
		var u, r []float64
		if j%3 == 0 {
			u, r = make([]float64, n), make([]float64, n)
		}
		for i := range v {
			v[i] = 10 + 90*rng.Float64()
			if u != nil {
				u[i], r[i] = v[i]*(1+0.3*rng.Float64()), v[i]*(0.5+0.4*rng.Float64())
			}
		}
		d.Values, d.Urban, d.Rural = append(d.Values, v), append(d.Urban, u), append(d.Rural, r)
	}
	res, err := scoring.Run(fw, d, scoring.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		out := newOutputSet(b.TempDir())
		if err := addEqualizationTables(out, res); err != nil {
			b.Fatal(err)
		}
	}
}
