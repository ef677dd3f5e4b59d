package data

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
	"github.com/xuri/excelize/v2"
)

// Sheet names of a template workbook. The data sheet comes first, so the
// reader (which reads the first sheet by default) finds it.
const (
	TemplateDataSheet = "数据"
	TemplateHelpSheet = "说明"
)

// FixedDocTime is the creation and modification time written into every
// workbook eqindex makes, so that the same inputs give byte-identical
// files (excelize would otherwise keep its template's date; a clock time
// would change every run).
const FixedDocTime = "2000-01-01T00:00:00Z"

// SetFixedDocProps sets the document properties of f to fixed values:
// creator eqindex, the given title, created and modified FixedDocTime.
func SetFixedDocProps(f *excelize.File, title string) error {
	return f.SetDocProps(&excelize.DocProperties{
		Creator: "eqindex", LastModifiedBy: "eqindex", Title: title,
		Created: FixedDocTime, Modified: FixedDocTime,
	})
}

// WriteTemplateWorkbook writes the rows of ds as an xlsx data workbook for
// fw in the template layout of WriteTemplateCSV. Sheet 数据 holds the
// data: the header in row 1 (bold, with a comment on each indicator giving
// its name, unit, direction and source, and for percent indicators "type
// 95, not 0.95"), the unit and direction row 2 (its first cell starts
// with "#", so the reader skips it), the rows of ds from row 3; rows 1-2
// and column A are frozen; unit, code and group columns are formatted as
// text (admin codes keep their leading zeros), population as #,##0 and
// indicators as 0.0##; numbers are stored as numbers. Sheet 说明 holds the
// instructions and the indicator list. The document properties are fixed
// (SetFixedDocProps), so the same inputs give byte-identical files.
func WriteTemplateWorkbook(w io.Writer, fw *scoring.Framework, ds *scoring.Dataset, opt TemplateOptions) error {
	cols, rows := templateCells(fw, ds, opt)
	f := excelize.NewFile()
	defer f.Close()
	sh := TemplateDataSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	styles, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	for c, tc := range cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		width, style := 16.0, styles.number
		switch tc.Kind {
		case TemplateUnit:
			width, style = 30, styles.text
		case TemplateCode, TemplateGroup:
			width, style = 14, styles.text
		case TemplatePopulation:
			style = styles.integer
		case TemplateYear:
			width, style = 8, styles.plain
		}
		if err := f.SetColWidth(sh, name, name, width); err != nil {
			return err
		}
		if err := f.SetColStyle(sh, name, style); err != nil {
			return err
		}
		if err := setCell(f, sh, c, 0, textCell(tc.Header), styles.header); err != nil {
			return err
		}
		if err := setCell(f, sh, c, 1, textCell(tc.Note), styles.note); err != nil {
			return err
		}
		if tc.Kind == TemplateIndicator && isPercent(tc.Indicator) {
			if err := f.AddDataValidation(sh, percentValidation(name)); err != nil {
				return err
			}
		}
		if tc.Kind == TemplateIndicator && tc.Area == "" {
			cell, _ := excelize.CoordinatesToCellName(c+1, 1)
			if err := f.AddComment(sh, excelize.Comment{Author: "eqindex", Cell: cell, Text: indicatorComment(tc.Indicator), Width: 300, Height: 120}); err != nil {
				return err
			}
		}
	}
	for r, row := range rows {
		for c, v := range row {
			if err := setCell(f, sh, c, r+2, v, 0); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B3", ActiveCell: "B3", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := writeHelpSheet(f, fw, styles); err != nil {
		return err
	}
	if err := SetFixedDocProps(f, "eqindex 数据模板 data template: "+oneLine(fw.Name)); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// percentValidation is the data validation of a percent column: a
// prompt to type 95, not 0.95, and a warning (which the user may accept)
// for a number outside [1, 1000] or text; empty cells are allowed.
func percentValidation(col string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(col + "3:" + col + "10000")
	dv.SetRange(1, 1000, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	dv.SetInput("百分数 percent", "填95表示95%, 不要填0.95; 缺失留空。 Type 95 for 95%, not 0.95; leave missing cells empty.")
	dv.SetError(excelize.DataValidationErrorStyleWarning, "请检查 check",
		"百分比请填百分数(95而不是0.95); 缺失请留空。确实是这个值请点“是”。 Type percent (95, not 0.95); leave missing cells empty. Click Yes to keep the value.")
	return dv
}

// templateStyles are the style ids of a template workbook.
type templateStyles struct {
	header, note, text, integer, number, plain int
}

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var s templateStyles
	numFmt := "0.0##"
	specs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, NumFmt: 49}},
		{&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "666666", Size: 9}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, NumFmt: 49}},
		{&s.text, &excelize.Style{NumFmt: 49}},
		{&s.integer, &excelize.Style{NumFmt: 3}},
		{&s.number, &excelize.Style{CustomNumFmt: &numFmt}},
		{&s.plain, &excelize.Style{NumFmt: 1}},
	}
	for _, sp := range specs {
		id, err := f.NewStyle(sp.style)
		if err != nil {
			return s, err
		}
		*sp.dst = id
	}
	return s, nil
}

// setCell writes v into the 0-based cell (c, r): a number as a number, a
// missing number as nothing, text as a string; style 0 keeps the column's.
func setCell(f *excelize.File, sheet string, c, r int, v cellValue, style int) error {
	cell, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return err
	}
	switch {
	case v.isNum && math.IsNaN(v.num):
	case v.isNum:
		err = SetCellNumber(f, sheet, cell, v.num)
	case v.text != "":
		err = f.SetCellStr(sheet, cell, v.text)
	}
	if err == nil && style != 0 {
		err = f.SetCellStyle(sheet, cell, cell, style)
	}
	return err
}

// SetCellNumber stores v in cell as a number at full precision: the
// shortest decimal that reads back as the same float64, where excelize's
// SetCellFloat(v, -1, 64) rounds to 15 significant digits. NaN and
// infinities leave the cell untouched (a missing value is an empty cell).
func SetCellNumber(f *excelize.File, sheet, cell string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	prec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		prec = len(s) - i - 1
	}
	return f.SetCellFloat(sheet, cell, v, prec, 64)
}

// indicatorComment is the header comment of an indicator column.
func indicatorComment(n *scoring.Node) string {
	s := n.Label("zh")
	if n.NameEN != "" {
		s += "\n" + n.NameEN
	}
	s += "\nid: " + n.ID + "\n" + indicatorNote(n)
	if isPercent(n) {
		s += "\n请填百分数: 95 表示 95%, 不要填 0.95。\nType percent: 95 means 95%, not 0.95."
	}
	if n.Source != "" {
		s += "\n来源 source: " + n.Source
	}
	return s
}

// writeHelpSheet adds the 说明 sheet: the instructions, then one line per
// indicator.
func writeHelpSheet(f *excelize.File, fw *scoring.Framework, st templateStyles) error {
	sh := TemplateHelpSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	r := 0
	put := func(style int, cells ...cellValue) error {
		for c, v := range cells {
			if err := setCell(f, sh, c, r, v, style); err != nil {
				return err
			}
		}
		r++
		return nil
	}
	for _, l := range append(templateComments(fw)[:5:5], workbookHelp...) {
		if err := put(0, textCell(l)); err != nil {
			return err
		}
	}
	r++
	if err := put(st.header, textCell("id"), textCell("指标 indicator"), textCell("英文名 English name"), textCell("单位 unit"),
		textCell("方向 direction"), textCell("目标 target"), textCell("来源 source")); err != nil {
		return err
	}
	for _, n := range fw.Root.Indicators() {
		dir := "越高越好 higher"
		if n.Direction == scoring.Lower {
			dir = "越低越好 lower"
		}
		target := numCell(math.NaN())
		if n.Target != nil {
			target = numCell(*n.Target)
		}
		if err := put(0, textCell(n.ID), textCell(n.Name), textCell(n.NameEN), textCell(n.Unit), textCell(dir), target, textCell(n.Source)); err != nil {
			return err
		}
	}
	for c, w := range []float64{24, 40, 40, 14, 16, 10, 40} {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sh, name, name, w); err != nil {
			return err
		}
	}
	return nil
}

// workbookHelp are the workbook-specific instructions of the 说明 sheet.
var workbookHelp = []string{
	"在“数据”表中填写, 从第3行起每行一个县区; 第1行为表头, 第2行为单位和方向(以#开头, 读取时跳过)。 Fill in sheet 数据 from row 3, one row per unit; row 1 is the header, row 2 (starting with #) gives units and directions and is skipped.",
	"数字请存为数字(单元格左上角出现绿色三角表示“以文本形式存储的数字”)。 Store numbers as numbers (a green triangle in a cell means a number stored as text).",
	"行政区划代码列为文本格式, 以保留开头的0。 The code column is formatted as text, so codes keep their leading zeros.",
	"城乡数据: 在指标列后加“<表头>@urban”“<表头>@rural”两列, 并加 population@urban、population@rural 两列。 Urban/rural data: add <header>@urban and <header>@rural columns and population@urban, population@rural.",
	"多年数据: 加一列“年份”, 每个县区每年一行。 Several years: add a column 年份 (year), one row per unit and year.",
	"其他工作表不会被读取; 读取其他表请用 --sheet 名称。 Other sheets are not read; use --sheet NAME to read another one.",
}
