package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// initDir runs eqindex init for a built-in framework and returns the
// folder.
func initDir(t *testing.T, name string, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "assessment")
	code, stdout, stderr := runCLI(t, append([]string{"init", "--framework", name, "-o", dir}, args...)...)
	if code != 0 {
		t.Fatalf("init %s: exit %d\n%s%s", name, code, stdout, stderr)
	}
	return dir
}

// TestInitValidate: for every built-in framework, init writes the four
// files, framework.yaml is the embedded file byte for byte, and the
// untouched templates (CSV and xlsx, with and without urban/rural
// columns) validate with one row and only the example-row warning.
func TestInitValidate(t *testing.T) {
	for _, name := range frameworks.Names() {
		for _, ur := range []bool{false, true} {
			var args []string
			if ur {
				args = []string{"--urban-rural"}
			}
			dir := initDir(t, name, args...)
			src, _ := frameworks.Framework(name)
			if got := readFile(t, filepath.Join(dir, "framework.yaml")); !bytes.Equal(got, src) {
				t.Errorf("%s: framework.yaml is not the embedded file", name)
			}
			readme := string(readFile(t, filepath.Join(dir, "README.md")))
			for _, want := range []string{"@urban", "population@rural", "0.95", "eqindex validate --data data-template.xlsx --framework framework.yaml"} {
				if !strings.Contains(readme, want) {
					t.Errorf("%s: README.md does not mention %q", name, want)
				}
			}
			for _, tmpl := range []string{"data-template.csv", "data-template.xlsx"} {
				code, stdout, stderr := runCLI(t, "validate", "--data", filepath.Join(dir, tmpl), "--framework", filepath.Join(dir, "framework.yaml"))
				if code != 0 || !strings.HasPrefix(stdout, "ok: "+tmpl+": 1 units x ") {
					t.Errorf("%s %s (urban-rural %v): exit %d\n%s%s", name, tmpl, ur, code, stdout, stderr)
				}
				if !strings.Contains(stderr, "1 warning(s):") || !strings.Contains(stderr, "example row") {
					t.Errorf("%s %s: want only the example-row warning, got\n%s", name, tmpl, stderr)
				}
			}
		}
	}
}

// TestInitFiles: init refuses to overwrite without --force, overwrites
// with it, copies a framework file as is, never overwrites its input, and
// names the built-in frameworks when the argument is neither.
func TestInitFiles(t *testing.T) {
	dir := initDir(t, "panjin-demo")
	fwPath := filepath.Join(dir, "framework.yaml")
	if err := os.WriteFile(fwPath, []byte("name: edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "init", "--framework", "panjin-demo", "-o", dir)
	if code != exitUsage || !strings.Contains(stderr, "not overwriting (use --force") {
		t.Errorf("second init: exit %d, %s", code, stderr)
	}
	if got := string(readFile(t, fwPath)); got != "name: edited\n" {
		t.Errorf("framework.yaml was overwritten: %q", got)
	}
	// A framework file as input: copied unchanged, and never overwritten
	// even with --force.
	own := filepath.Join(t.TempDir(), "framework.yaml")
	src, _ := frameworks.Framework("national-13th")
	os.WriteFile(own, src, 0o644)
	code, _, stderr = runCLI(t, "init", "--framework", own, "-o", filepath.Dir(own), "--force")
	if code != exitData || !strings.Contains(stderr, "it is an input of this run") {
		t.Errorf("init over its own input: exit %d, %s", code, stderr)
	}
	if !bytes.Equal(readFile(t, own), src) {
		t.Error("the input framework was modified")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(own), "data-template.csv")); err == nil {
		t.Error("a refused init wrote files")
	}
	other := t.TempDir()
	if code, _, stderr := runCLI(t, "init", "--framework", own, "-o", other); code != 0 {
		t.Fatalf("init from a file: %s", stderr)
	}
	if !bytes.Equal(readFile(t, filepath.Join(other, "framework.yaml")), src) {
		t.Error("framework.yaml is not a copy of the given file")
	}
	code, _, stderr = runCLI(t, "init", "--framework", "national-15th", "-o", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "national-13th, national-14th, panjin-demo") {
		t.Errorf("unknown framework: exit %d, %s", code, stderr)
	}
	// A broken framework file is a data error with its line.
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("name: x\ngroups:\n  - id: a\n    weigth: 2\n"), 0o644)
	code, _, stderr = runCLI(t, "init", "--framework", bad, "-o", t.TempDir())
	if code != exitData || !strings.Contains(stderr, "bad.yaml:4") {
		t.Errorf("bad framework: exit %d, %s", code, stderr)
	}
}

// initFillTemplate opens the xlsx template of dir, replaces the example row
// (row 3) with rows and saves it as data.xlsx. Cells: float64 as numbers,
// strings as text, nil left empty.
func initFillTemplate(t *testing.T, dir string, rows [][]any) string {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(dir, "data-template.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.RemoveRow(data.TemplateDataSheet, 3); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
			switch v := v.(type) {
			case string:
				err = f.SetCellStr(data.TemplateDataSheet, cell, v)
			case float64:
				err = f.SetCellFloat(data.TemplateDataSheet, cell, v, -1, 64)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, "data.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestInitMistakes fills the panjin-demo template with the common
// mistakes and checks what validate says: errors name the sheet, row and
// column letter; shares where percent is expected and numbers stored as
// text are warnings.
func TestInitMistakes(t *testing.T) {
	dir := initDir(t, "panjin-demo")
	fwPath := filepath.Join(dir, "framework.yaml")
	fw, err := data.LoadFramework(fwPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Good rows from the generator, laid out as the template: unit, code,
	// group, population, then the indicators.
	ds := data.ExampleData(fw, data.ExampleOptions{Units: 4, Seed: 2})
	rows := make([][]any, ds.Rows())
	for i := range rows {
		rows[i] = []any{ds.Unit[i], ds.Code[i], ds.Group[i], ds.Population[i]}
		for j := range ds.Indicators {
			rows[i] = append(rows[i], ds.Values[j][i])
		}
	}
	if code, stdout, stderr := runCLI(t, "validate", "--data", initFillTemplate(t, dir, rows), "--framework", fwPath); code != 0 || stderr != "" {
		t.Fatalf("good rows: exit %d\n%s%s", code, stdout, stderr)
	}

	// Errors: a unit typed twice (row 6 repeats row 4), a value typed with
	// its unit (F5: the second indicator, edu_retention).
	bad := initCloneRows(rows)
	bad[3][0] = bad[1][0]
	bad[2][5] = "2.1人"
	code, _, stderr := runCLI(t, "validate", "--data", initFillTemplate(t, dir, bad), "--framework", fwPath)
	want := []string{
		`data.xlsx[数据]!F5: column 义务教育巩固率 (unit 合成县03): "2.1人" is not a number`,
		`data.xlsx[数据]!A6: column 地区 (unit 合成县02): unit 合成县02 appears twice (row 4 and row 6)`,
	}
	stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
	if code != exitData || strings.TrimSpace(stderr) != "eqindex: "+strings.Join(want, "\n") {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, strings.Join(want, "\n"))
	}

	// Warnings: edu_retention typed as shares (0.95), and hl_doctors (the
	// 8th indicator, column L) stored as text in two cells.
	warn := initCloneRows(rows)
	for i := range warn {
		warn[i][5] = warn[i][5].(float64) / 100
	}
	warn[0][11] = "2.5"
	warn[2][11] = "3"
	code, _, stderr = runCLI(t, "validate", "--data", initFillTemplate(t, dir, warn), "--framework", fwPath)
	if code != 0 {
		t.Fatalf("warnings: exit %d: %s", code, stderr)
	}
	for _, w := range []string{
		"column 每千人口执业(助理)医师数 has 2 numbers stored as text (L3, L5); they were read as numbers",
		"indicator edu_retention (义务教育巩固率): values look like shares",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
}

func initCloneRows(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = append([]any(nil), r...)
	}
	return out
}

// TestBuiltinsScoreSynthetic: for every built-in framework, synthetic
// data written as a CSV and as an xlsx template validates without
// warnings and scores through the CLI, and both give the same tables
// (the xlsx path equals the CSV path).
func TestBuiltinsScoreSynthetic(t *testing.T) {
	for _, name := range frameworks.Names() {
		t.Run(name, func(t *testing.T) {
			src, _ := frameworks.Framework(name)
			fw, err := data.ParseFramework(name, src, nil)
			if err != nil {
				t.Fatal(err)
			}
			ds := data.ExampleData(fw, data.ExampleOptions{Units: 15, Seed: 11, UrbanRural: true})
			dir := t.TempDir()
			var c, x bytes.Buffer
			if err := data.WriteTemplateCSV(&c, fw, ds, data.TemplateOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := data.WriteTemplateWorkbook(&x, fw, ds, data.TemplateOptions{}); err != nil {
				t.Fatal(err)
			}
			csvPath, xlsxPath := filepath.Join(dir, "d.csv"), filepath.Join(dir, "d.xlsx")
			os.WriteFile(csvPath, c.Bytes(), 0o644)
			os.WriteFile(xlsxPath, x.Bytes(), 0o644)
			outs := map[string]string{}
			for _, in := range []string{csvPath, xlsxPath} {
				code, stdout, stderr := runCLI(t, "validate", "--data", in, "--framework", name)
				if code != 0 || stderr != "" || !strings.Contains(stdout, ": 15 units x ") {
					t.Fatalf("validate %s: exit %d\n%s%s", in, code, stdout, stderr)
				}
				out := filepath.Join(dir, "out-"+filepath.Ext(in)[1:])
				code, stdout, stderr = runCLI(t, "score", "--data", in, "--framework", name, "-o", out, "--xlsx")
				if code != 0 {
					t.Fatalf("score %s: exit %d\n%s%s", in, code, stdout, stderr)
				}
				outs[in] = out
			}
			for _, f := range []string{"scores.csv", "equalization_units.csv", fileResultsXLSX} {
				a, b := readFile(t, filepath.Join(outs[csvPath], f)), readFile(t, filepath.Join(outs[xlsxPath], f))
				if f == fileResultsXLSX {
					// The method sheet names the data file: compare the
					// scores sheet instead.
					a, b = xSheetText(t, a, sheetScores), xSheetText(t, b, sheetScores)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between the CSV and the xlsx input", f)
				}
			}
			// Every unit has an index and the UR component exists (the data
			// have urban and rural values).
			res := initScoreFile(t, fw, csvPath)
			for i, v := range res.Index() {
				if v != v {
					t.Errorf("unit %s has no index", res.Unit[i])
				}
			}
			if res.Equalization == nil || res.Equalization.UR[0] != res.Equalization.UR[0] {
				t.Error("no urban-rural component")
			}
		})
	}
}

func initScoreFile(t *testing.T, fw *scoring.Framework, path string) *scoring.Result {
	t.Helper()
	ds, _, err := data.LoadDataset(path, fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// xSheetText returns the raw cells of a sheet, tab-separated, one row a
// line.
func xSheetText(t *testing.T, book []byte, sheet string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.Bytes()
}

// TestXLSXInputSheet: --sheet picks a sheet that is not the first, and an
// unknown sheet is an error that lists the sheets.
func TestXLSXInputSheet(t *testing.T) {
	dir := initDir(t, "national-13th")
	f, err := excelize.OpenFile(filepath.Join(dir, "data-template.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	// Put a cover sheet first: the data sheet is now the second.
	if _, err := f.NewSheet("封面"); err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("封面", "A1", "某市基本公共服务均等化评估")
	if err := f.MoveSheet("封面", data.TemplateDataSheet); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fwPath := filepath.Join(dir, "framework.yaml")
	if code, stdout, stderr := runCLI(t, "validate", "--data", path, "--framework", fwPath, "--sheet", data.TemplateDataSheet); code != 0 || !strings.Contains(stdout, "1 units") {
		t.Errorf("--sheet 数据: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr := runCLI(t, "validate", "--data", path, "--framework", fwPath, "--sheet", "数椐")
	if code != exitData || !strings.Contains(stderr, `no sheet "数椐" (sheets: 封面, 数据, 说明)`) {
		t.Errorf("unknown sheet: exit %d, %s", code, stderr)
	}
	// Without --sheet the cover sheet is read, and the error says why.
	code, _, stderr = runCLI(t, "validate", "--data", path, "--framework", fwPath)
	if code != exitData || !strings.Contains(stderr, "book.xlsx[封面]") {
		t.Errorf("first sheet: exit %d, %s", code, stderr)
	}
}
