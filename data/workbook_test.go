package data

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSetCellNumber: numbers read back bit for bit, including those that
// need 16 or 17 significant digits (excelize's own formatting keeps 15).
func TestSetCellNumber(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	vals := []float64{0.1 + 0.2, 91.75925925925927, 1e-7, -2.5, 123456789.12345679, 3, 0}
	for i, v := range vals {
		if err := SetCellNumber(f, "Sheet1", "A"+strconv.Itoa(i+1), v); err != nil {
			t.Fatal(err)
		}
	}
	for i, v := range vals {
		cell := "A" + strconv.Itoa(i+1)
		raw, err := f.GetCellValue("Sheet1", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := strconv.ParseFloat(raw, 64); err != nil || got != v {
			t.Errorf("%s: stored %q, want %v", cell, raw, v)
		}
		if typ, _ := f.GetCellType("Sheet1", cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s stored as text", cell)
		}
	}
}

// TestTemplateWorkbookLayout opens a template workbook and checks what a
// user sees: the data sheet first, header and unit rows frozen, a bold
// header, the percent hint in the comment of a percent indicator, text
// format on the code column, and the 说明 sheet listing every indicator.
func TestTemplateWorkbookLayout(t *testing.T) {
	fw := builtin(t, "national-14th")
	var buf bytes.Buffer
	if err := WriteTemplateWorkbook(&buf, fw, TemplateExample(fw, false), TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "数据,说明" {
		t.Errorf("sheets %s", got)
	}
	if p, _ := f.GetPanes(TemplateDataSheet); !p.Freeze || p.YSplit != 2 || p.XSplit != 1 {
		t.Errorf("panes %+v, want rows 1-2 and column A frozen", p)
	}
	id, _ := f.GetCellStyle(TemplateDataSheet, "E1")
	if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style %+v, want bold", st)
	}
	if a2, _ := f.GetCellValue(TemplateDataSheet, "A2"); a2 != NoteMarker {
		t.Errorf("A2 = %q, want the note marker", a2)
	}
	// F is cc_orphan_coverage, a percent indicator.
	comments, err := f.GetComments(TemplateDataSheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range comments {
		if c.Cell == "F1" {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			found = strings.Contains(text, "不要填 0.95") && strings.Contains(text, "cc_orphan_coverage")
		}
	}
	if !found {
		t.Errorf("no percent hint in the comment of F1: %+v", comments)
	}
	dvs, err := f.GetDataValidations(TemplateDataSheet)
	if err != nil {
		t.Fatal(err)
	}
	var sqrefs []string
	for _, dv := range dvs {
		sqrefs = append(sqrefs, dv.Sqref)
	}
	if len(sqrefs) == 0 || sqrefs[0] != "F3:F10000" || strings.Contains(strings.Join(sqrefs, " "), "E3:") {
		t.Errorf("percent validations on %v, want F3:F10000 first and none on E (a per-1000 rate)", sqrefs)
	}
	id, _ = f.GetCellStyle(TemplateDataSheet, "B10")
	if st, _ := f.GetStyle(id); st == nil || st.NumFmt != 49 {
		t.Errorf("code column style %+v, want text format (49)", st)
	}
	help, _ := f.GetRows(TemplateHelpSheet)
	n := 0
	for _, r := range help {
		for _, ind := range fw.Root.Indicators() {
			if len(r) > 1 && r[0] == ind.ID && r[1] == ind.Name {
				n++
			}
		}
	}
	if n != len(fw.Root.Indicators()) {
		t.Errorf("说明 lists %d of %d indicators", n, len(fw.Root.Indicators()))
	}
}
