package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// xDemoResult scores the embedded demo in-process, as demo does.
func xDemoResult(t *testing.T) *scoring.Result {
	t.Helper()
	src, _ := frameworks.Framework(frameworks.DemoFramework)
	fw, err := data.ParseFramework("framework.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	ds, warns, err := data.ReadDataset("data.csv", bytes.NewReader(frameworks.DemoData()), fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Warnings = append(warns, res.Warnings...)
	return res
}

// xColumn returns the raw cells under the header cell named h (rows 2..).
func xColumn(t *testing.T, rows [][]string, h string) []string {
	t.Helper()
	for c, name := range rows[0] {
		if name == h {
			out := make([]string, len(rows)-1)
			for r := range out {
				if c < len(rows[r+1]) {
					out[r] = rows[r+1][c]
				}
			}
			return out
		}
	}
	t.Fatalf("no column %q in %q", h, rows[0])
	return nil
}

// xSameNumber compares a raw cell with v exactly; an empty cell is NaN.
func xSameNumber(cell string, v float64) bool {
	if cell == "" {
		return math.IsNaN(v)
	}
	x, err := strconv.ParseFloat(cell, 64)
	return err == nil && x == v
}

// TestResultsWorkbook checks the sheets against the Result they were made
// from: names and order, numbers at full precision stored as numbers,
// frozen bold headers, the weights identity and one row per warning.
func TestResultsWorkbook(t *testing.T) {
	res := xDemoResult(t)
	b, err := resultsWorkbook(res, "data.csv", "zh")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"得分", "均等化", "诊断", "权重", "提示", "方法"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows := func(sheet string) [][]string {
		r, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	scores := rows(sheetScores)
	if got := strings.Join(scores[0][:6], "|"); got != "代码 code|单位 unit|年份 year|分组 group|常住人口 population|综合指数 index" {
		t.Errorf("scores header starts %s", got)
	}
	if len(scores)-1 != len(res.Unit) {
		t.Fatalf("%d score rows for %d units", len(scores)-1, len(res.Unit))
	}
	idx, rank := xColumn(t, scores, "综合指数 index"), xColumn(t, scores, "排名 rank")
	edu := xColumn(t, scores, xNodeHeader(res.Node("education").Node))
	for i := range res.Unit {
		if !xSameNumber(idx[i], res.Index()[i]) || !xSameNumber(edu[i], res.Node("education").Scores[i]) || rank[i] != strconv.Itoa(res.Rank[i]) {
			t.Errorf("unit %s: index %s rank %s education %s, want %v %d %v", res.Unit[i], idx[i], rank[i], edu[i],
				res.Index()[i], res.Rank[i], res.Node("education").Scores[i])
		}
	}
	// F2 is the first index cell: a number, not text.
	if typ, _ := f.GetCellType(sheetScores, "F2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("the index is stored as text")
	}
	if p, _ := f.GetPanes(sheetScores); !p.Freeze || p.YSplit != 1 || p.XSplit != 2 {
		t.Errorf("scores panes %+v, want the header row and two columns frozen", p)
	}
	if id, _ := f.GetCellStyle(sheetEqualization, "A1"); true {
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("equalization header style %+v, want bold", st)
		}
	}

	eq := rows(sheetEqualization)
	ei, ur := xColumn(t, eq, "均等化指数 EI equalization index"), xColumn(t, eq, "城乡均等化 UR urban-rural")
	for i := range res.Unit {
		if !xSameNumber(ei[i], res.Equalization.EI[i]) || !xSameNumber(ur[i], res.Equalization.UR[i]) {
			t.Errorf("unit %s: EI %s UR %s, want %v %v", res.Unit[i], ei[i], ur[i], res.Equalization.EI[i], res.Equalization.UR[i])
		}
	}

	diag := rows(sheetDiagnosis)
	grade, weak := xColumn(t, diag, "等级 grade"), xColumn(t, diag, "薄弱地区 weak area")
	flagged := 0
	for i, u := range res.Diagnosis.Units {
		if grade[i] != u.Grade || weak[i] != map[bool]string{true: "1", false: "0"}[u.Flagged] {
			t.Errorf("unit %s: grade %q weak %q, want %q %v", u.Unit, grade[i], weak[i], u.Grade, u.Flagged)
		}
		if u.Flagged {
			flagged++
		}
	}
	if flagged == 0 {
		t.Error("the demo has no weak area: the diagnosis check tests nothing")
	}

	// Identity: the effective weights of the indicators sum to 1.
	w := rows(sheetWeights)
	kinds, eff := xColumn(t, w, "类型 type"), xColumn(t, w, "有效权重 effective weight")
	sum := 0.0
	for r := range kinds {
		if kinds[r] == "指标 indicator" {
			v, _ := strconv.ParseFloat(eff[r], 64)
			sum += v
		}
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("indicator effective weights sum to %v, want 1", sum)
	}

	if warn := rows(sheetWarnings); len(warn)-1 != len(res.Warnings) {
		t.Errorf("%d warning rows for %d warnings", len(warn)-1, len(res.Warnings))
	}
	method := rows(sheetMethod)
	if method[1][0] != "框架 framework" || method[1][1] != res.Framework.Name {
		t.Errorf("method sheet starts %q", method[1])
	}
}

// TestResultsWorkbookCLI: --xlsx on demo and report writes the workbook,
// byte-identical on a second run; without --xlsx there is none.
func TestResultsWorkbookCLI(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, stderr := runCLI(t, "demo", "-o", dir, "--xlsx"); code != 0 {
			t.Fatalf("demo --xlsx: %s", stderr)
		}
	}
	if !bytes.Equal(readFile(t, filepath.Join(a, fileResultsXLSX)), readFile(t, filepath.Join(b, fileResultsXLSX))) {
		t.Error("two demo runs wrote different workbooks")
	}
	out := t.TempDir()
	code, _, stderr := runCLI(t, "report", "--data", filepath.Join(a, "data.csv"), "--framework", filepath.Join(a, "framework.yaml"), "-o", out, "--xlsx", "--lang", "en")
	if code != 0 {
		t.Fatalf("report --xlsx: %s", stderr)
	}
	diag := xSheetText(t, readFile(t, filepath.Join(out, fileResultsXLSX)), sheetDiagnosis)
	if !bytes.Contains(diag, []byte("辽河口生态经济区")) {
		t.Error("diagnosis sheet lacks the weakest unit")
	}
	plain := t.TempDir()
	if code, _, stderr := runCLI(t, "score", "--data", filepath.Join(a, "data.csv"), "--framework", filepath.Join(a, "framework.yaml"), "-o", plain); code != 0 {
		t.Fatalf("score: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(plain, fileResultsXLSX)); err == nil {
		t.Error("score without --xlsx wrote a workbook")
	}
}

func BenchmarkResultsWorkbook(b *testing.B) {
	fw, ds, _ := nationalYear(b, 1)
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := resultsWorkbook(res, "data.csv", "zh"); err != nil {
			b.Fatal(err)
		}
	}
}
