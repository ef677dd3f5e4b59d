package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

func builtin(t testing.TB, name string) *scoring.Framework {
	t.Helper()
	src, err := frameworks.Framework(name)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := ParseFramework(name+".yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// roundTrip writes ds as a CSV and as a workbook template and reads both
// back.
func roundTrip(t *testing.T, fw *scoring.Framework, ds *scoring.Dataset, opt TemplateOptions) (fromCSV, fromXLSX *scoring.Dataset, warnCSV, warnXLSX []scoring.Warning) {
	t.Helper()
	var c, x bytes.Buffer
	if err := WriteTemplateCSV(&c, fw, ds, opt); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplateWorkbook(&x, fw, ds, opt); err != nil {
		t.Fatal(err)
	}
	var err error
	fromCSV, warnCSV, err = ReadDataset("t.csv", &c, fw, ReadOptions{})
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	fromXLSX, warnXLSX, err = ReadDataset("t.xlsx", &x, fw, ReadOptions{})
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	return
}

// TestTemplateRoundTrip: for every built-in framework, the template (its
// example row) and synthetic data written as CSV and as xlsx read back to
// the same dataset, with no warnings.
func TestTemplateRoundTrip(t *testing.T) {
	for _, name := range frameworks.Names() {
		fw := builtin(t, name)
		for _, ur := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/urban=%v", name, ur), func(t *testing.T) {
				for _, ds := range []*scoring.Dataset{TemplateExample(fw, ur), ExampleData(fw, ExampleOptions{Units: 12, Seed: 7, UrbanRural: ur})} {
					c, x, wc, wx := roundTrip(t, fw, ds, TemplateOptions{UrbanRural: ur})
					if d := diffDatasets(ds, c); d != "" {
						t.Errorf("csv differs from the written data in %s", d)
					}
					if d := diffDatasets(ds, x); d != "" {
						t.Errorf("xlsx differs from the written data in %s", d)
					}
					if len(wc)+len(wx) > 0 {
						t.Errorf("warnings: csv %v xlsx %v", wc, wx)
					}
				}
			})
		}
	}
}

// TestTemplateExampleValues checks the example row by hand. national-14th
// edu_retention has goalposts [85, 100]: the middle is 92.5. With urban
// and rural values (share s = 0.6, a = 0): g = 0.1 * 15 = 1.5, urban
// 92.5 + 0.4*1.5 = 93.1, rural 92.5 - 0.6*1.5 = 91.6, total
// 0.6*93.1 + 0.4*91.6 = 92.5. cc_nursery_places [0, 6]: 3, urban 3.24,
// rural 2.64. Population 500000 = 300000 urban + 200000 rural.
func TestTemplateExampleValues(t *testing.T) {
	fw := builtin(t, "national-14th")
	ds := TemplateExample(fw, true)
	for _, c := range []struct {
		id                  string
		total, urban, rural float64
	}{{"edu_retention", 92.5, 93.1, 91.6}, {"cc_nursery_places", 3, 3.24, 2.64}} {
		j := indexOf(ds.Indicators, c.id)
		if got := [3]float64{ds.Values[j][0], ds.Urban[j][0], ds.Rural[j][0]}; got != [3]float64{c.total, c.urban, c.rural} {
			t.Errorf("%s: got %v, want %v", c.id, got, [3]float64{c.total, c.urban, c.rural})
		}
	}
	if ds.Unit[0] != ExampleUnit || ds.Population[0] != 500000 || ds.PopUrban[0] != 300000 || ds.PopRural[0] != 200000 {
		t.Errorf("example row %q %v %v %v", ds.Unit[0], ds.Population, ds.PopUrban, ds.PopRural)
	}
	if w := ExampleRowWarnings(ds); len(w) != 1 || w[0].Code != "example-row" {
		t.Errorf("ExampleRowWarnings = %v, want one example-row warning", w)
	}
	if w := ExampleRowWarnings(ExampleData(fw, ExampleOptions{})); w != nil {
		t.Errorf("ExampleRowWarnings on synthetic data = %v, want none", w)
	}
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

// TestExampleData checks the generator's invariants: deterministic by
// seed, percentages within [0, 100], every value >= 0, urban plus rural
// population = population, and the rural side worse than the urban side
// (rural <= urban for higher-is-better, >= for lower-is-better).
func TestExampleData(t *testing.T) {
	for _, name := range frameworks.Names() {
		fw := builtin(t, name)
		a := ExampleData(fw, ExampleOptions{Units: 30, Seed: 3, UrbanRural: true})
		b := ExampleData(fw, ExampleOptions{Units: 30, Seed: 3, UrbanRural: true})
		c := ExampleData(fw, ExampleOptions{Units: 30, Seed: 4, UrbanRural: true})
		if d := diffDatasets(a, b); d != "" {
			t.Errorf("%s: same seed, different data in %s", name, d)
		}
		if diffDatasets(a, c) == "" {
			t.Errorf("%s: seeds 3 and 4 gave the same data", name)
		}
		for i := range a.Unit {
			if a.PopUrban[i]+a.PopRural[i] != a.Population[i] {
				t.Errorf("%s %s: population %v != %v + %v", name, a.Unit[i], a.Population[i], a.PopUrban[i], a.PopRural[i])
			}
		}
		for j, ind := range fw.Root.Indicators() {
			for i := range a.Unit {
				x, u, r := a.Values[j][i], a.Urban[j][i], a.Rural[j][i]
				if x < 0 || (isPercent(ind) && (u > 100 || r > 100 || x > 100)) {
					t.Errorf("%s %s %s: %v (urban %v rural %v) out of range", name, ind.ID, a.Unit[i], x, u, r)
				}
				if (ind.Direction == scoring.Higher && r > u) || (ind.Direction == scoring.Lower && r < u) {
					t.Errorf("%s %s %s: rural %v is better than urban %v", name, ind.ID, a.Unit[i], r, u)
				}
			}
		}
	}
}

// TestTemplateHeaders: names become headers, except a name two indicators
// share, which falls back to the ids; the second row starts with the note
// marker and gives unit, direction and the percent hint.
func TestTemplateHeaders(t *testing.T) {
	src := `name: t
groups:
  - id: g
    children:
      - {id: a, name: 覆盖率, unit: "%", direction: higher, target: 95}
      - {id: b, name: 覆盖率, unit: "%", direction: lower}
      - {id: c, name: 每千人医生数, unit: 人/千人, direction: higher}
`
	fw, err := ParseFramework("t.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range TemplateColumns(fw, false, func(j int) bool { return j == 2 }) {
		got = append(got, c.Header+" | "+c.Note)
	}
	want := []string{
		"地区 | " + NoteMarker,
		"行政区划代码 | 可选, 6位代码 optional admin code",
		"分组 | 可选, 如 市辖区/县 optional group",
		"常住人口 | 人 resident population (persons)",
		"population@urban | 城镇常住人口 urban population",
		"population@rural | 乡村常住人口 rural population",
		"a | % · 越高越好 higher is better · 目标 target 95 · 填95不填0.95 type 95 not 0.95 · id a",
		"b | % · 越低越好 lower is better · 填95不填0.95 type 95 not 0.95 · id b",
		"每千人医生数 | 人/千人 · 越高越好 higher is better · id c",
		"每千人医生数@urban | 城镇值 urban value",
		"每千人医生数@rural | 乡村值 rural value",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("columns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A partial dataset: indicator b absent is left empty, and reads back
	// as missing.
	ds := &scoring.Dataset{Unit: []string{"甲", "乙"}, Indicators: []string{"a", "c"},
		Population: []float64{1, 2}, Values: [][]float64{{90, 95}, {2, 3}}}
	var buf bytes.Buffer
	if err := WriteTemplateCSV(&buf, fw, ds, TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	back, _, err := ReadDataset("t.csv", &buf, fw, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !sameFloats(back.Values[1], []float64{math.NaN(), math.NaN()}) || !sameFloats(back.Values[2], []float64{2, 3}) {
		t.Errorf("read back %v", back.Values)
	}
}

// TestTemplateMistakes seeds the common mistakes into a filled CSV
// template and checks that the reader explains each one.
func TestTemplateMistakes(t *testing.T) {
	fw := builtin(t, "national-14th")
	ds := ExampleData(fw, ExampleOptions{Units: 4, Seed: 1})
	j := indexOf(ds.Indicators, "edu_retention")
	for i := range ds.Unit {
		ds.Values[j][i] /= 100 // percent typed as a share
	}
	ds.Unit[3] = ds.Unit[1] // a unit typed twice
	var buf bytes.Buffer
	if err := WriteTemplateCSV(&buf, fw, ds, TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadDataset("filled.csv", bytes.NewReader(buf.Bytes()), fw, ReadOptions{})
	if !errors.Is(err, ErrDuplicateUnit) || !strings.Contains(err.Error(), "unit 合成县02 appears twice (line 10 and line 12)") {
		t.Errorf("duplicate unit: got %v", err)
	}
	ds.Unit[3] = "合成县04"
	buf.Reset()
	WriteTemplateCSV(&buf, fw, ds, TemplateOptions{})
	_, warns, err := ReadDataset("filled.csv", &buf, fw, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || warns[0].Code != "share-not-percent" || warns[0].Indicator != "edu_retention" {
		t.Errorf("warnings %v, want share-not-percent for edu_retention", warns)
	}
}

// TestTemplateWorkbookDeterministic: the same inputs give byte-identical
// workbooks (fixed document times, sorted parts).
func TestTemplateWorkbookDeterministic(t *testing.T) {
	fw := builtin(t, "panjin-demo")
	ds := TemplateExample(fw, true)
	var a, b bytes.Buffer
	if err := WriteTemplateWorkbook(&a, fw, ds, TemplateOptions{UrbanRural: true}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplateWorkbook(&b, fw, ds, TemplateOptions{UrbanRural: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same template workbook differ")
	}
	if !bytes.Contains(a.Bytes(), []byte("PK")) || a.Len() < 1000 {
		t.Errorf("workbook of %d bytes", a.Len())
	}
}

// ExampleWriteTemplateCSV shows the layout of a data template.
func ExampleWriteTemplateCSV() {
	fw, _ := ParseFramework("fw.yaml", []byte(`name: 示例
groups:
  - id: health
    name: 医疗卫生
    children:
      - {id: doctors, name: 每千人口执业医师数, unit: 人/千人, direction: higher, goalposts: [1, 4]}
      - {id: retention, name: 义务教育巩固率, unit: "%", direction: higher, target: 95}
`), nil)
	var buf bytes.Buffer
	WriteTemplateCSV(&buf, fw, TemplateExample(fw, false), TemplateOptions{})
	text := strings.TrimPrefix(buf.String(), "\ufeff")
	fmt.Print(text[strings.Index(text, "地区,"):]) // after the comment lines
	// Output:
	// 地区,行政区划代码,分组,常住人口,每千人口执业医师数,义务教育巩固率
	// # 单位·方向(本行跳过) unit·direction (row skipped),"可选, 6位代码 optional admin code","可选, 如 市辖区/县 optional group",人 resident population (persons),人/千人 · 越高越好 higher is better · id doctors,% · 越高越好 higher is better · 目标 target 95 · 填95不填0.95 type 95 not 0.95 · id retention
	// 示例县(请删除本行) Example county (delete this row),,县,500000,2.5,76
}
