package data

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetRows is a sheet as a test writes it: float64 cells are stored as
// numbers, strings as text (so "15" is a number stored as text), nil cells
// are left out (so trailing nils make a ragged row).
var sheetRows = [][]any{
	{"# 示例数据, 数值仅供演示"},
	{"地区", "代码", "分组", "常住人口", "edu_retention", "生师比", "每千人口执业医师数(人)", "infant_mortality", "infant_mortality@urban", "infant_mortality@rural", "population@urban", "population@rural"},
	{"#单位", nil, nil, "万人", "%", nil, "人", "‰"},
	{"大洼区", "211104", "市辖区", 1234.0, 95.0, "15", 2.1, 5.5, 4.0, 6.0, 34.0, 60.0},
	{},
	{"双台子区", "211102", "市辖区", 18.0, 96.5, "—", 2.4, 6.0, 5.0, nil, 10.0, 8.0},
	{"盘山县", "211122", "县", 30.0, "NA", 13.0, 1.9, 7.0},
}

func writeWorkbook(t *testing.T, sheets map[string][][]any, order []string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case string:
					err = f.SetCellStr(name, cell, v)
				default:
					err = f.SetCellValue(name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// asCSV renders the same rows as CSV text, padding every row to the
// header width.
func asCSV(rows [][]any, width int) string {
	var b strings.Builder
	for _, row := range rows {
		if len(row) == 0 {
			b.WriteString("\n")
			continue
		}
		for c := range width {
			if c > 0 {
				b.WriteByte(',')
			}
			if c < len(row) {
				switch v := row[c].(type) {
				case string:
					b.WriteString(v)
				case float64:
					b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
				}
			}
			if len(row) == 1 && strings.HasPrefix(row[0].(string), "#") {
				break
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestXLSXRoundTrip(t *testing.T) {
	fw := loadSmall(t)
	book := writeWorkbook(t, map[string][][]any{"Sheet1": sheetRows}, []string{"Sheet1"})
	fromSheet, warns, err := ReadDataset("t.xlsx", bytes.NewReader(book), fw, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	csvText := asCSV(sheetRows, 12)
	fromCSV, _, err := readString(t, "t.csv", csvText, fw)
	if err != nil {
		t.Fatalf("%v\n%s", err, csvText)
	}
	if d := diffDatasets(fromCSV, fromSheet); d != "" {
		t.Errorf("xlsx and csv differ in %s", d)
	}
	// Spot checks: the number stored as text, the missing markers and the
	// ragged last row (its trailing cells are missing, not 0).
	nan := math.NaN()
	if !sameFloats(fromSheet.Values[1], []float64{15, nan, 13}) || !sameFloats(fromSheet.Values[0], []float64{95, 96.5, nan}) ||
		!sameFloats(fromSheet.PopUrban, []float64{34, 10, nan}) || !sameFloats(fromSheet.Urban[3], []float64{4, 5, nan}) ||
		!sameFloats(fromSheet.Population, []float64{1234, 18, 30}) {
		t.Errorf("values %v %v %v %v", fromSheet.Values[1], fromSheet.Values[0], fromSheet.PopUrban, fromSheet.Urban[3])
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Code+": "+w.Msg)
	}
	want := []string{
		"number-as-text: t.xlsx: column 生师比 has 1 numbers stored as text (F4); they were read as numbers",
		"population-missing: 1 of 3 rows have no population@urban (盘山县): population-weighted results leave them out or fail",
		"population-missing: 1 of 3 rows have no population@rural (盘山县): population-weighted results leave them out or fail",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestXLSXFaults(t *testing.T) {
	fw := loadSmall(t)
	sheets := map[string][][]any{
		"说明": {{"本表为测试"}},
		"数据": {
			{"unit", "edu_retention", "edu_teachers", "doctors", "infant_mortality"},
			{"A", 90.0, 15.0, 2.0, 5.0},
			{"B", 91.0, 14.0, 2.0, 5.0},
			{"C", 92.0, 13.0, 2.0, 5.0, nil, "stray"},
			{"D", 93.0, 12.0, 2.0},
			{"A", 94.0, 11.0, 2.0, 5.0},
			{"E", 95.0, "2.1.3", 2.0, 5.0},
		},
	}
	book := writeWorkbook(t, sheets, []string{"说明", "数据"})
	_, _, err := ReadDataset("t.xlsx", bytes.NewReader(book), fw, ReadOptions{Sheet: "数据"})
	checkErrs(t, err, []wantErr{
		{4, 7, "", "", ErrFieldCount, `cell "stray" is outside the header (the header has 5 columns)`},
		{6, 1, "unit", "A", ErrDuplicateUnit, "unit A appears twice (row 2 and row 6)"},
		{7, 3, "edu_teachers", "E", ErrBadNumber, `"2.1.3" is not a number`},
	})
	if !strings.Contains(err.Error(), `t.xlsx[数据]!C7: column edu_teachers (unit E): "2.1.3" is not a number`) {
		t.Errorf("message:\n%v", err)
	}
	// The first sheet is read by default: it has no indicator columns.
	_, _, err = ReadDataset("t.xlsx", bytes.NewReader(book), fw, ReadOptions{})
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("first sheet: %v", err)
	}
	_, _, err = ReadDataset("t.xlsx", bytes.NewReader(book), fw, ReadOptions{Sheet: "Data"})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), `no sheet "Data" (sheets: 说明, 数据)`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestXLSXLong(t *testing.T) {
	fw := loadSmall(t)
	var rows [][]any
	for _, line := range strings.Split(strings.TrimSpace(longGood), "\n") {
		var row []any
		if line != "" {
			for _, cell := range splitCSVLine(line) {
				if cell == "" {
					row = append(row, nil)
				} else {
					row = append(row, cell)
				}
			}
		}
		rows = append(rows, row)
	}
	book := writeWorkbook(t, map[string][][]any{"long": rows}, []string{"long"})
	fromSheet, _, err := ReadDataset("long.xlsx", bytes.NewReader(book), fw, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wide, _, _ := readString(t, "w.csv", wideGood, fw)
	if d := diffDatasets(wide, fromSheet); d != "" {
		t.Errorf("long xlsx and wide csv differ in %s", d)
	}
}

// splitCSVLine splits a line of longGood (only "1,234" is quoted).
func splitCSVLine(s string) []string {
	s = strings.ReplaceAll(s, `"1,234"`, "1234")
	return strings.Split(s, ",")
}
