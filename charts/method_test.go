package charts_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/scoring"
)

func section(t *testing.T, secs []charts.MethodSection, id string) charts.MethodSection {
	t.Helper()
	for _, s := range secs {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %s", id)
	return charts.MethodSection{}
}

func rowOf(t *testing.T, tab *charts.Table, first string) []string {
	t.Helper()
	for _, r := range tab.Rows {
		if strings.TrimLeft(r[0], "\u3000") == first {
			return r
		}
	}
	t.Fatalf("no row %q", first)
	return nil
}

func TestMethodologyNumbers(t *testing.T) {
	secs := charts.Methodology(fixture(), "zh")
	eff := section(t, secs, "method-effective").Table
	// edu_teachers: 1/3 (education among 3 groups) x 2/3 (2:1 fixed) = 2/9 = 0.222.
	if r := rowOf(t, eff, "每千名学生专任教师数"); r[2] != "0.667" || r[3] != "0.222" {
		t.Errorf("edu_teachers weights %v, want local 0.667, effective 0.222", r)
	}
	// The indicators' effective weights sum to 1: 2/9 + 1/9 + 0.2 + 2/15 + 1/6 + 1/6.
	if r := eff.Rows[len(eff.Rows)-1]; r[3] != "1.000" {
		t.Errorf("sum row %v, want 1.000", r)
	}
	norm := section(t, secs, "method-normalisation").Table
	// Goalposts come from the framework; min-max ends from the data, and
	// for a lower-is-better indicator the worst end is the maximum.
	for _, c := range []struct {
		name, method, lo, hi string
	}{
		{"九年义务教育巩固率", "goalposts", "80", "98"},
		{"每千名学生专任教师数", "minmax", "55", "78"},
		{"婴儿死亡率", "minmax", "6.2", "3.1"},
		{"每千人医疗卫生机构床位数", "minmax", "1.335", "2.015"}, // ln 3.8, ln 7.5
	} {
		r := rowOf(t, norm, c.name)
		if r[4] != c.method || r[6] != c.lo || r[7] != c.hi {
			t.Errorf("%s: method %s lo %s hi %s, want %s %s %s", c.name, r[4], r[6], r[7], c.method, c.lo, c.hi)
		}
	}
	w := section(t, secs, "method-weighting").Table
	if r := rowOf(t, w, "基本医疗卫生"); r[1] != "entropy" || !strings.Contains(r[3], "婴儿死亡率 0.400") {
		t.Errorf("health weighting row %v", r)
	}
	if p := strings.Join(section(t, secs, "method-overview").Paragraphs, ""); !strings.Contains(p, "低于 50%（最低覆盖率）") {
		t.Errorf("overview lacks the coverage rule: %s", p)
	}
}

func TestMethodologyLanguages(t *testing.T) {
	zh := charts.Methodology(fixture(), "zh")
	en := charts.Methodology(fixture(), "en")
	if len(zh) != len(en) {
		t.Fatalf("zh has %d sections, en %d", len(zh), len(en))
	}
	for i := range zh {
		if zh[i].ID != en[i].ID || zh[i].Heading == en[i].Heading {
			t.Errorf("section %d: zh %s %q, en %s %q", i, zh[i].ID, zh[i].Heading, en[i].ID, en[i].Heading)
		}
	}
	r := rowOf(t, section(t, en, "method-normalisation").Table, "Infant mortality")
	if r[2] != "lower is better" {
		t.Errorf("en direction %q", r[2])
	}
}

func TestMethodologyRules(t *testing.T) {
	res := fixture()
	res.Framework.Missing = scoring.MissingError
	res.Framework.Weak = scoring.WeakRules{Floor: math.NaN(), GroupFloor: math.NaN(), URRatio: math.NaN(), Regional: math.NaN()}
	secs := charts.Methodology(res, "en")
	if p := strings.Join(section(t, secs, "method-overview").Paragraphs, " "); !strings.Contains(p, "any missing indicator value stops the run") {
		t.Errorf("missing=error not described: %s", p)
	}
	if p := section(t, secs, "method-weak").Paragraphs[0]; !strings.HasPrefix(p, "No rule that flags a weak area is set.") {
		t.Errorf("weak rules off: %q", p)
	}
	res.Framework.Weak.Floor = 60
	res.Framework.Weak.Quantile = 0.25
	if got, want := charts.WeakRuleSentence(res.Framework, "en"), "A unit is flagged as a weak area when any of these holds: the index in the bottom 25% (at least one unit); the index below 60. Listed in the unit profiles without flagging the unit by themselves (otherwise nearly every unit would be flagged for some missed target): an indicator without data."; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if charts.Methodology(nil, "zh") != nil {
		t.Error("Methodology(nil) not nil")
	}
}

func ExampleWeakRuleSentence() {
	f := &scoring.Framework{Weak: scoring.DefaultWeakRules()}
	fmt.Println(charts.WeakRuleSentence(f, "en"))
	fmt.Println(charts.WeakRuleSentence(f, "zh"))
	// Output:
	// A unit is flagged as a weak area when any of these holds: the index below the mean of the units minus 1 sd; the index in the bottom 20% (at least one unit). Listed in the unit profiles without flagging the unit by themselves (otherwise nearly every unit would be flagged for some missed target): a top-level group score below that group's mean minus 1 sd (weak domain); an indicator short of its plan target; an indicator without data.
	// 满足以下任一条即标记为薄弱地区：综合指数低于各单位均值减 1 个标准差；综合指数位于最低的 20%（至少 1 个单位）。以下情况只在单位诊断中列出，不单独构成标记（否则几乎每个单位都会因某项指标未达标而被标记）：一级领域得分低于该领域各单位均值减 1 个标准差（短板）；指标未达到规划目标值；指标缺少数据。
}

func ExampleWriteMethodology() {
	secs := []charts.MethodSection{{
		Heading:    "Weights",
		Paragraphs: []string{"Fixed weights."},
		Table:      &charts.Table{Header: []string{"Node", "Weight"}, Rows: [][]string{{"a|b", "0.500"}}, Numeric: []bool{false, true}},
	}}
	_ = charts.WriteMethodology(os.Stdout, secs)
	// Output:
	// ## Weights
	//
	// Fixed weights.
	//
	// | Node | Weight |
	// | --- | --: |
	// | a\|b | 0.500 |
}
