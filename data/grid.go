package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// grid is a table of cells from a text file or a sheet, with the position
// of each cell for messages. Both the wide and the long reader work on a
// grid, so the parsing logic exists once for CSV, TSV and xlsx.
type grid struct {
	file  string
	sheet string // "" for text files

	cells [][]string
	lines [][]int // text: physical line of each field
	rows  []int   // sheet: row number of each grid row

	// textNum marks sheet cells that hold a number stored as text.
	textNum map[[2]int]bool
}

// at returns the line (or sheet row) and 1-based column of cell (r, c).
// c < 0 asks for the row only.
func (g *grid) at(r, c int) (line, col int) {
	if g.sheet != "" {
		return g.rows[r], c + 1
	}
	l := g.lines[r]
	switch {
	case c >= 0 && c < len(l):
		return l[c], c + 1
	case len(l) > 0:
		return l[0], c + 1
	}
	return 0, c + 1
}

// errAt builds a *ParseError for cell (r, c).
func (g *grid) errAt(r, c int, header, unit string, err error) *ParseError {
	line, col := g.at(r, c)
	return &ParseError{File: g.file, Sheet: g.sheet, Line: line, Column: col, Header: header, Unit: unit, Err: err}
}

// lineWord names a row position: "line 7" for text, "row 7" for sheets.
func (g *grid) lineWord(r int) string {
	line, _ := g.at(r, -1)
	if g.sheet != "" {
		return fmt.Sprintf("row %d", line)
	}
	return fmt.Sprintf("line %d", line)
}

// cell returns the trimmed cell (r, c), "" outside the row.
func (g *grid) cell(r, c int) string {
	if c < 0 || c >= len(g.cells[r]) {
		return ""
	}
	return trimCell(g.cells[r][c])
}

// trimCell removes surrounding white space, including a stray BOM, no-break
// and ideographic spaces.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u00a0' || r == '\u3000' || r == '\ufeff'
	})
}

// blankRow reports whether every cell of row r is empty after trimming.
func (g *grid) blankRow(r int) bool {
	for _, s := range g.cells[r] {
		if trimCell(s) != "" {
			return false
		}
	}
	return true
}

// textGrid splits decoded text into a grid. comma 0 detects the delimiter
// from the first line that is not a comment: a tab if that line has tabs
// and no commas, a semicolon if it has semicolons and neither, else a
// comma. Lines starting with "#" before the header are comments; they are
// blanked (keeping line numbers) before the CSV reader sees them, so quotes
// in a comment do not matter.
func textGrid(file, text string, comma rune) (*grid, error) {
	lines := strings.SplitAfter(text, "\n")
	header := ""
	for i, l := range lines {
		t := trimCell(l)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "#") {
			lines[i] = "\n"
			continue
		}
		header = l
		break
	}
	if comma == 0 {
		switch {
		case strings.Contains(header, "\t") && !strings.Contains(header, ","):
			comma = '\t'
		case strings.Contains(header, ";") && !strings.Contains(header, ","):
			comma = ';'
		default:
			comma = ','
		}
	}
	r := csv.NewReader(strings.NewReader(strings.Join(lines, "")))
	r.Comma = comma
	r.FieldsPerRecord = -1
	g := &grid{file: file}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return g, &ParseError{File: file, Line: pe.Line, Err: newProblem(ErrSyntax, "%v", pe.Err)}
			}
			return g, &ParseError{File: file, Err: newProblem(ErrSyntax, "%v", err)}
		}
		pos := make([]int, len(rec))
		for i := range rec {
			pos[i], _ = r.FieldPos(i)
		}
		g.cells = append(g.cells, rec)
		g.lines = append(g.lines, pos)
	}
	return g, nil
}

// sheetGrid reads one sheet of an xlsx workbook (the first if sheet is "")
// with raw cell values (0.953, not the displayed "95.3%"), and notes the
// cells that hold numbers stored as text.
func sheetGrid(file string, r io.Reader, sheet string) (*grid, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, &ParseError{File: file, Err: newProblem(ErrUnsupported, "not a readable xlsx workbook: %v", err)}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &ParseError{File: file, Err: newProblem(ErrEmpty, "workbook has no sheets")}
	}
	if sheet == "" {
		sheet = sheets[0]
	} else {
		found := false
		for _, s := range sheets {
			found = found || s == sheet
		}
		if !found {
			return nil, &ParseError{File: file, Err: newProblem(ErrUnsupported, "no sheet %q (sheets: %s)%s",
				sheet, strings.Join(sheets, ", "), didYouMean(sheet, sheets))}
		}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &ParseError{File: file, Sheet: sheet, Err: newProblem(ErrUnsupported, "%v", err)}
	}
	g := &grid{file: file, sheet: sheet, cells: rows, rows: make([]int, len(rows)), textNum: map[[2]int]bool{}}
	for i, row := range rows {
		g.rows[i] = i + 1
		for c, v := range row {
			if _, missing, err := ParseNumber(v); err != nil || missing {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, i+1)
			if t, err := f.GetCellType(sheet, name); err == nil &&
				(t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString) {
				g.textNum[[2]int{i, c}] = true
			}
		}
	}
	return g, nil
}
