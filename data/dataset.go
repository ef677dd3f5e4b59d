package data

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/eqindex/eqindex/scoring"
	"golang.org/x/text/width"
)

// ReadOptions controls how a data file is read.
type ReadOptions struct {
	// Encoding of a text file: "" detects it (BOM, else UTF-8 if valid,
	// else GB18030); "utf-8", "gb18030", "gbk" or "utf-16" force one.
	Encoding string
	// Sheet of an xlsx workbook to read; "" reads the first sheet.
	Sheet string
}

// LoadDataset reads the data file at path: .xlsx as a workbook, .tsv as
// tab-separated text, anything else (.csv, .txt) as text with the
// delimiter detected from the header. See ReadDataset.
func LoadDataset(path string, fw *scoring.Framework, opt ReadOptions) (*scoring.Dataset, []scoring.Warning, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadDataset(path, f, fw, opt)
}

// ReadDataset reads unit data for the framework fw from r; name is the
// file name used in messages and to pick the format by extension (an
// xlsx workbook is also recognised by its content).
//
// The layout is picked from the header: a file with "indicator" and
// "value" columns is long (one value per line: unit, indicator, value
// and optional code, year, area, group, population); any other file is
// wide (one row per unit and year, one column per indicator, named by its
// id or name, optionally with a unit suffix in parentheses; urban and
// rural values in "<id>@urban" and "<id>@rural" columns). Reserved column
// names and their Chinese aliases are documented in the framework schema;
// columns headed 序号 (row number) or 备注 (remarks) are ignored.
//
// The Dataset has one row per unit (and year) in input order, and the
// indicator columns in framework order (fw.Root.Indicators()). Missing
// cells are NaN. Every problem in the file is collected and returned as an
// ErrorList of *ParseError; warnings (constant columns, shares where
// percent is expected, numbers stored as text, partial population) come
// back with a successful read.
func ReadDataset(name string, r io.Reader, fw *scoring.Framework, opt ReadOptions) (*scoring.Dataset, []scoring.Warning, error) {
	ds, warns, err := readDataset(name, r, fw, opt)
	if pe, ok := err.(*ParseError); ok {
		err = ErrorList{pe}
	}
	return ds, warns, err
}

func readDataset(name string, r io.Reader, fw *scoring.Framework, opt ReadOptions) (*scoring.Dataset, []scoring.Warning, error) {
	if fw == nil || fw.Root == nil {
		panic("data: ReadDataset needs a resolved framework")
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, &ParseError{File: name, Err: err}
	}
	ext := strings.ToLower(filepath.Ext(name))
	var g *grid
	switch {
	case ext == ".xlsx" || ext == ".xlsm" || bytes.HasPrefix(b, []byte("PK\x03\x04")):
		g, err = sheetGrid(name, bytes.NewReader(b), opt.Sheet)
	case ext == ".xls":
		return nil, nil, &ParseError{File: name, Err: newProblem(ErrUnsupported, "old .xls workbooks are not supported: save as .xlsx or CSV UTF-8")}
	default:
		text, _, derr := decodeText(name, b, opt.Encoding)
		if derr != nil {
			return nil, nil, derr
		}
		var comma rune
		if ext == ".tsv" {
			comma = '\t'
		}
		g, err = textGrid(name, text, comma)
	}
	if err != nil {
		return nil, nil, err
	}
	return parseGrid(g, fw)
}

// Areas of a value: the unit as a whole, its urban or its rural part.
const (
	areaTotal = iota
	areaUrban
	areaRural
)

var areaNames = [3]string{"total", "urban", "rural"}

// column kinds of a wide header.
const (
	colSkip = iota
	colUnit
	colCode
	colGroup
	colYear
	colPop
	colInd
	colIndicator // long: indicator name
	colValue     // long: value
	colArea      // long: area
)

// reservedAliases maps header names (lower case, narrowed) to reserved
// column kinds.
var reservedAliases = map[string]int{
	"unit": colUnit, "单位": colUnit, "地区": colUnit, "区县": colUnit, "县区": colUnit, "单位名称": colUnit, "地区名称": colUnit,
	"code": colCode, "代码": colCode, "行政区划代码": colCode, "区划代码": colCode,
	"group": colGroup, "分组": colGroup, "类型": colGroup,
	"population": colPop, "人口": colPop, "常住人口": colPop,
	"year": colYear, "年份": colYear, "年度": colYear,
	// Ignored columns: row numbers and remarks that Chinese tables often carry.
	"序号": colSkip, "备注": colSkip,
}

// longAliases are the extra header names of the long layout.
var longAliases = map[string]int{
	"indicator": colIndicator, "指标": colIndicator, "指标名称": colIndicator, "指标代码": colIndicator,
	"value": colValue, "值": colValue, "数值": colValue, "指标值": colValue,
	"area": colArea, "城乡": colArea,
}

// longColumns are the canonical long-layout column names, for messages
// and did-you-mean.
var longColumns = []string{"unit", "indicator", "value", "code", "year", "area", "group", "population"}

var kindNames = map[int]string{colUnit: "unit", colCode: "code", colGroup: "group", colYear: "year",
	colPop: "population", colIndicator: "indicator", colValue: "value", colArea: "area"}

// normKey is the form in which header names are compared: trimmed,
// full-width narrowed, lower case.
func normKey(s string) string {
	return strings.ToLower(trimCell(width.Narrow.String(s)))
}

// stripParen removes a trailing parenthesised unit: "每千人口执业医师数(人)"
// -> "每千人口执业医师数". It returns "" when there is none.
func stripParen(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return ""
	}
	i := strings.LastIndex(s, "(")
	if i <= 0 {
		return ""
	}
	return strings.TrimSpace(s[:i])
}

// splitArea splits "x@urban" into "x" and areaUrban; without a known
// suffix it returns s and areaTotal, ok=false if there was an unknown one.
func splitArea(s string) (string, int, bool) {
	i := strings.LastIndex(s, "@")
	if i < 0 {
		return s, areaTotal, true
	}
	if a, ok := parseArea(s[i+1:]); ok {
		return strings.TrimSpace(s[:i]), a, true
	}
	return s, areaTotal, false
}

// parseArea reads an area name: total/urban/rural or 合计/城镇/农村.
func parseArea(s string) (int, bool) {
	switch normKey(s) {
	case "", "total", "合计", "总计", "全部":
		return areaTotal, true
	case "urban", "城镇", "城市":
		return areaUrban, true
	case "rural", "农村", "乡村":
		return areaRural, true
	}
	return 0, false
}

// matcher finds framework indicators by id or name.
type matcher struct {
	inds       []*scoring.Node
	byKey      map[string]int // -1: a name shared by several indicators
	candidates []string
}

func newMatcher(inds []*scoring.Node) *matcher {
	m := &matcher{inds: inds, byKey: map[string]int{}}
	for j, n := range inds {
		m.byKey[normKey(n.ID)] = j
		m.candidates = append(m.candidates, n.ID)
	}
	for j, n := range inds {
		if n.Name == "" {
			continue
		}
		k := normKey(n.Name)
		if old, ok := m.byKey[k]; ok && old != j {
			if normKey(inds[old].ID) != k {
				m.byKey[k] = -1
			}
			continue
		}
		m.byKey[k] = j
		m.candidates = append(m.candidates, n.Name)
	}
	return m
}

// find returns the indicator index for a header or indicator name, trying
// it as written and without a trailing "(unit)". -1 means ambiguous, -2
// unknown.
func (m *matcher) find(s string) int {
	if j, ok := m.byKey[normKey(s)]; ok {
		return j
	}
	if p := stripParen(width.Narrow.String(s)); p != "" {
		if j, ok := m.byKey[normKey(p)]; ok {
			return j
		}
	}
	return -2
}

// unknownMsg explains a name that matches no indicator.
func (m *matcher) unknownMsg(what, s string) string {
	if j := m.find(s); j == -1 {
		return fmt.Sprintf("%s %q is the name of several indicators: use the id", what, s)
	}
	base := s
	if p := stripParen(width.Narrow.String(s)); p != "" {
		base = p
	}
	if what == "" {
		return fmt.Sprintf("not an indicator id or name of the framework%s", didYouMean(base, m.candidates))
	}
	return fmt.Sprintf("unknown %s %q: not an indicator id or name of the framework%s", what, s, didYouMean(base, m.candidates))
}

func indLabel(n *scoring.Node) string {
	if n.Name != "" && n.Name != n.ID {
		return fmt.Sprintf("%s (%s)", n.ID, n.Name)
	}
	return n.ID
}

// dsRow is one unit (and year) being built.
type dsRow struct {
	unit, code, group string
	year              int
	pop               [3]float64
	popAt             [3]int // grid row where pop was set, -1 if not
	codeAt, groupAt   int
	vals              [][3]float64
	bad               map[[2]int]bool // (indicator, area) cells that did not parse
	gridRow           int
}

// builder collects rows and problems shared by the wide and long readers.
type builder struct {
	g    *grid
	fw   *scoring.Framework
	inds []*scoring.Node
	m    *matcher

	rows    []*dsRow
	index   map[unitYear]int
	hasArea [][3]bool
	hasPop  [3]bool

	// missingPos gives the cell of a missing value, for missing: error.
	missingPos func(row *dsRow, j, a int) (r, c int, header string)

	textNum map[string][]string // header -> cells holding numbers as text
	textOrd []string

	errs ErrorList
}

func newBuilder(g *grid, fw *scoring.Framework) *builder {
	inds := fw.Root.Indicators()
	return &builder{g: g, fw: fw, inds: inds, m: newMatcher(inds), index: map[unitYear]int{},
		hasArea: make([][3]bool, len(inds)), textNum: map[string][]string{}}
}

func (b *builder) add(r, c int, header, unit string, kind error, format string, args ...any) {
	b.errs = append(b.errs, b.g.errAt(r, c, header, unit, newProblem(kind, format, args...)))
}

func (b *builder) newRow(unit string, year, r int) *dsRow {
	row := &dsRow{unit: unit, year: year, gridRow: r, vals: make([][3]float64, len(b.inds)),
		codeAt: -1, groupAt: -1}
	for i := range row.pop {
		row.pop[i] = math.NaN()
		row.popAt[i] = -1
	}
	for j := range row.vals {
		row.vals[j] = [3]float64{math.NaN(), math.NaN(), math.NaN()}
	}
	return row
}

// unitYear identifies a Dataset row.
type unitYear struct {
	unit string
	year int
}

func rowKey(unit string, year int) unitYear { return unitYear{unit, year} }

// markBad notes that cell (j, a) of the row did not parse, so missing:
// error does not report it a second time.
func (row *dsRow) markBad(j, a int) {
	if row.bad == nil {
		row.bad = map[[2]int]bool{}
	}
	row.bad[[2]int{j, a}] = true
}

// number parses cell (r, c) with ParseNumber; see take.
func (b *builder) number(r, c int, header, unit string) (float64, bool) {
	v, missing, err := ParseNumber(b.g.cells[r][c])
	return b.take(r, c, header, unit, v, missing, err)
}

// take records the outcome of ParseNumber on cell (r, c): a bad number is
// a problem (NaN, false), a missing value is NaN, and a sheet cell that
// holds a number stored as text is noted for a warning.
func (b *builder) take(r, c int, header, unit string, v float64, missing bool, err error) (float64, bool) {
	if err != nil {
		b.errs = append(b.errs, b.g.errAt(r, c, header, unit, err))
		return math.NaN(), false
	}
	if missing {
		return math.NaN(), true
	}
	if b.g.textNum[[2]int{r, c}] {
		if _, ok := b.textNum[header]; !ok {
			b.textOrd = append(b.textOrd, header)
		}
		line, col := b.g.at(r, c)
		b.textNum[header] = append(b.textNum[header], columnName(col)+fmt.Sprint(line))
	}
	return v, true
}

// year checks a parsed year cell: a positive integer.
func (b *builder) year(r, c int, header, unit string, v float64, missing bool, err error) (int, bool) {
	switch {
	case err != nil:
		b.errs = append(b.errs, b.g.errAt(r, c, header, unit, err))
	case missing:
		b.add(r, c, header, unit, ErrMissingValue, "missing year")
	case v != math.Trunc(v) || v < 1 || v > 9999:
		b.add(r, c, header, unit, ErrBadValue, "year %s is not an integer year", trimCell(b.g.cells[r][c]))
	default:
		return int(v), true
	}
	return 0, false
}

// population checks a parsed population cell (>= 0).
func (b *builder) population(r, c int, header, unit string, v float64, missing bool, err error) float64 {
	v, ok := b.take(r, c, header, unit, v, missing, err)
	if ok && v < 0 {
		b.add(r, c, header, unit, ErrBadValue, "population %s must be >= 0", trimCell(b.g.cells[r][c]))
		return math.NaN()
	}
	return v
}

// finish checks missing values, computes warnings and builds the Dataset.
func (b *builder) finish() (*scoring.Dataset, []scoring.Warning, error) {
	if b.fw.Missing == scoring.MissingError && b.missingPos != nil {
		for _, row := range b.rows {
			for j, n := range b.inds {
				for a := range 3 {
					if (a == areaTotal || b.hasArea[j][a]) && math.IsNaN(row.vals[j][a]) && !row.bad[[2]int{j, a}] {
						r, c, h := b.missingPos(row, j, a)
						what := "value"
						if a != areaTotal {
							what = areaNames[a] + " value"
						}
						b.add(r, c, h, row.unit, ErrMissingValue, "missing %s of indicator %s (the framework sets missing: error)", what, indLabel(n))
					}
				}
			}
		}
	}
	if err := b.errs.err(); err != nil {
		return nil, nil, err
	}
	n := len(b.rows)
	ds := &scoring.Dataset{Source: b.g.file,
		Unit: make([]string, n), Code: make([]string, n), Group: make([]string, n), Year: make([]int, n),
		Population: make([]float64, n), PopUrban: make([]float64, n), PopRural: make([]float64, n),
		Values: make([][]float64, len(b.inds)), Urban: make([][]float64, len(b.inds)), Rural: make([][]float64, len(b.inds))}
	for i, row := range b.rows {
		ds.Unit[i], ds.Code[i], ds.Group[i], ds.Year[i] = row.unit, row.code, row.group, row.year
		ds.Population[i], ds.PopUrban[i], ds.PopRural[i] = row.pop[0], row.pop[1], row.pop[2]
	}
	for j, ind := range b.inds {
		ds.Indicators = append(ds.Indicators, ind.ID)
		for a, dst := range [3][][]float64{ds.Values, ds.Urban, ds.Rural} {
			if a != areaTotal && !b.hasArea[j][a] {
				continue
			}
			col := make([]float64, n)
			for i, row := range b.rows {
				col[i] = row.vals[j][a]
			}
			dst[j] = col
		}
	}
	return ds, b.warnings(ds), nil
}

// warnings finds problems that do not stop a run.
func (b *builder) warnings(ds *scoring.Dataset) []scoring.Warning {
	var ws []scoring.Warning
	for _, h := range b.textOrd {
		cells := b.textNum[h]
		list := cells
		if len(list) > 5 {
			list = append(list[:5:5], "...")
		}
		ws = append(ws, scoring.Warning{Code: "number-as-text", Indicator: h,
			Msg: fmt.Sprintf("%s: column %s has %d numbers stored as text (%s); they were read as numbers",
				b.g.file, h, len(cells), strings.Join(list, ", "))})
	}
	for j, ind := range b.inds {
		col := ds.Values[j]
		var first float64
		count, inUnit, constant := 0, true, true
		for _, v := range col {
			if math.IsNaN(v) {
				continue
			}
			if count == 0 {
				first = v
			}
			count++
			inUnit = inUnit && v >= 0 && v <= 1
			constant = constant && v == first
		}
		switch {
		case count == 0:
			ws = append(ws, scoring.Warning{Code: "no-data", Indicator: ind.ID,
				Msg: fmt.Sprintf("indicator %s has no values", indLabel(ind))})
			continue
		case count >= 2 && constant:
			ws = append(ws, scoring.Warning{Code: "constant-column", Indicator: ind.ID,
				Msg: fmt.Sprintf("indicator %s has the same value (%g) for every unit: it cannot tell units apart", indLabel(ind), first)})
		}
		if (ind.Unit == "%" || ind.Unit == "％") && inUnit && !constant {
			ex := first
			for _, v := range col {
				if !math.IsNaN(v) && v > 0 {
					ex = v
					break
				}
			}
			ws = append(ws, scoring.Warning{Code: "share-not-percent", Indicator: ind.ID,
				Msg: fmt.Sprintf("indicator %s: values look like shares (%g); the framework expects percent (%g)", indLabel(ind), ex, ex*100)})
		}
	}
	for a, pop := range [3][]float64{ds.Population, ds.PopUrban, ds.PopRural} {
		if !b.hasPop[a] {
			continue
		}
		var miss []string
		for i, v := range pop {
			if math.IsNaN(v) {
				miss = append(miss, ds.Unit[i])
			}
		}
		if len(miss) == 0 || len(miss) == len(pop) {
			continue
		}
		what := "population"
		if a != areaTotal {
			what = "population@" + areaNames[a]
		}
		list := miss
		if len(list) > 10 {
			list = append(list[:10:10], "...")
		}
		ws = append(ws, scoring.Warning{Code: "population-missing",
			Msg: fmt.Sprintf("%d of %d rows have no %s (%s): population-weighted results leave them out or fail",
				len(miss), len(pop), what, strings.Join(list, ", "))})
	}
	return ws
}

// parseGrid finds the header, picks the layout and reads the rows.
func parseGrid(g *grid, fw *scoring.Framework) (*scoring.Dataset, []scoring.Warning, error) {
	hr := -1
	for r := range g.cells {
		if g.blankRow(r) {
			continue
		}
		if g.sheet != "" && strings.HasPrefix(g.cell(r, 0), "#") {
			continue
		}
		hr = r
		break
	}
	if hr < 0 {
		return nil, nil, &ParseError{File: g.file, Sheet: g.sheet, Err: newProblem(ErrEmpty, "no header row: the file is empty")}
	}
	header := make([]string, len(g.cells[hr]))
	for c := range header {
		header[c] = g.cell(hr, c)
	}
	// Pad ragged sheet rows to the header width.
	if g.sheet != "" {
		for r := range g.cells {
			for len(g.cells[r]) < len(header) {
				g.cells[r] = append(g.cells[r], "")
			}
		}
	}
	long := false
	hasInd, hasVal := false, false
	unitCol := -1
	for c, h := range header {
		k := normKey(h)
		if p := stripParen(width.Narrow.String(h)); p != "" {
			if _, ok := reservedAliases[normKey(p)]; ok {
				k = normKey(p)
			}
		}
		hasInd = hasInd || longAliases[k] == colIndicator
		hasVal = hasVal || longAliases[k] == colValue
		if reservedAliases[k] == colUnit && unitCol < 0 {
			unitCol = c
		}
	}
	long = hasInd && hasVal
	b := newBuilder(g, fw)
	var data []int
	for r := hr + 1; r < len(g.cells); r++ {
		if g.blankRow(r) || (unitCol >= 0 && strings.HasPrefix(g.cell(r, unitCol), "#")) {
			continue
		}
		if len(g.cells[r]) != len(header) {
			if g.sheet == "" {
				b.add(r, -1, "", "", ErrFieldCount, "row has %d fields, the header has %d", len(g.cells[r]), len(header))
				continue
			}
			extra := false
			for c := len(header); c < len(g.cells[r]); c++ {
				if g.cell(r, c) != "" {
					b.add(r, c, "", "", ErrFieldCount, "cell %q is outside the header (the header has %d columns)", g.cell(r, c), len(header))
					extra = true
					break
				}
			}
			if extra {
				continue
			}
			g.cells[r] = g.cells[r][:len(header)]
		}
		data = append(data, r)
	}
	if len(data) == 0 && len(b.errs) == 0 {
		return nil, nil, g.errAt(hr, -1, "", "", newProblem(ErrEmpty, "a header and no data rows"))
	}
	if long {
		b.readLong(hr, header, data)
	} else {
		b.readWide(hr, header, data)
	}
	return b.finish()
}

// wideCol is a classified wide header column.
type wideCol struct {
	kind int
	ind  int
	area int
}

// readWide reads one row per unit (and year).
// checkHeaderless reports a column with an empty header cell (hr is the
// header row, c the column) if any data row has a value in it; an empty
// column without a header is fine.
func (b *builder) checkHeaderless(hr, c int, data []int) {
	for _, r := range data {
		if v := b.g.cell(r, c); v != "" {
			b.add(hr, c, "", "", ErrUnknownColumn, "has no header but holds data (%q on %s)", v, b.g.lineWord(r))
			return
		}
	}
}

func (b *builder) readWide(hr int, header []string, data []int) {
	g := b.g
	cols := make([]wideCol, len(header))
	seen := map[wideCol]int{}
	indCol := make([][3]int, len(b.inds))
	for j := range indCol {
		indCol[j] = [3]int{-1, -1, -1}
	}
	for c, h := range header {
		if h == "" {
			b.checkHeaderless(hr, c, data)
			continue
		}
		base, area, known := splitArea(h)
		k := normKey(base)
		kind, isRes := reservedAliases[k]
		if !isRes {
			if p := stripParen(width.Narrow.String(base)); p != "" {
				kind, isRes = reservedAliases[normKey(p)]
			}
		}
		if k == "城镇人口" || k == "农村人口" {
			kind, isRes, known = colPop, true, true
			area = map[string]int{"城镇人口": areaUrban, "农村人口": areaRural}[k]
		}
		var wc wideCol
		switch {
		case isRes && kind == colSkip && area == areaTotal:
			continue
		case isRes && known && (area == areaTotal || kind == colPop):
			wc = wideCol{kind: kind, area: area}
		case isRes:
			b.add(hr, c, h, "", ErrUnknownColumn, "only indicators and population have @urban/@rural columns")
			continue
		default:
			j := b.m.find(base)
			if !known {
				if i := strings.LastIndex(h, "@"); i > 0 && b.m.find(h[:i]) >= 0 {
					b.add(hr, c, h, "", ErrUnknownColumn, "unknown area suffix %q (want @urban or @rural)", h[i:])
					continue
				}
			}
			if !known || j < 0 {
				b.add(hr, c, h, "", ErrUnknownColumn, "%s", b.m.unknownMsg("", h))
				continue
			}
			wc = wideCol{kind: colInd, ind: j, area: area}
			indCol[j][area] = c
			b.hasArea[j][area] = area != areaTotal
		}
		if prev, ok := seen[wc]; ok {
			b.add(hr, c, h, "", ErrDuplicateColumn, "duplicates column %d (%s)", prev+1, header[prev])
			cols[c] = wideCol{kind: colSkip}
			continue
		}
		seen[wc] = c
		cols[c] = wc
		if wc.kind == colPop {
			b.hasPop[wc.area] = true
		}
	}
	unitCol, yearCol := -1, -1
	for c, wc := range cols {
		switch wc.kind {
		case colUnit:
			unitCol = c
		case colYear:
			yearCol = c
		}
	}
	if unitCol < 0 {
		b.add(hr, -1, "", "", ErrMissingColumn, "no unit column (want a column named unit, 单位 or 地区)")
	}
	for j, n := range b.inds {
		if indCol[j][areaTotal] < 0 {
			extra := ""
			if indCol[j][areaUrban] >= 0 || indCol[j][areaRural] >= 0 {
				extra = " (it has @urban/@rural columns; the total column is required too)"
			}
			want := n.ID
			if n.Name != "" {
				want += " or " + n.Name
			}
			b.add(hr, -1, "", "", ErrMissingColumn, "indicator %s has no column (want a column named %s)%s", indLabel(n), want, extra)
		}
	}
	b.missingPos = func(row *dsRow, j, a int) (int, int, string) {
		c := indCol[j][a]
		return row.gridRow, c, header[c]
	}
	if unitCol < 0 {
		return
	}
	for _, r := range data {
		unit := g.cell(r, unitCol)
		if unit == "" {
			b.add(r, unitCol, header[unitCol], "", ErrMissingValue, "missing unit name")
		}
		year, okYear := 0, true
		if yearCol >= 0 {
			v, missing, err := ParseNumber(g.cells[r][yearCol])
			year, okYear = b.year(r, yearCol, header[yearCol], unit, v, missing, err)
		}
		row := b.newRow(unit, year, r)
		for c, wc := range cols {
			switch wc.kind {
			case colCode:
				row.code = g.cell(r, c)
			case colGroup:
				row.group = g.cell(r, c)
			case colPop:
				v, missing, err := ParseNumber(g.cells[r][c])
				row.pop[wc.area] = b.population(r, c, header[c], unit, v, missing, err)
			case colInd:
				v, ok := b.number(r, c, header[c], unit)
				row.vals[wc.ind][wc.area] = v
				if !ok {
					row.markBad(wc.ind, wc.area)
				}
			}
		}
		if unit == "" || !okYear {
			continue
		}
		key := rowKey(unit, year)
		if prev, ok := b.index[key]; ok {
			what := "unit " + unit
			if yearCol >= 0 {
				what += fmt.Sprintf(" (year %d)", year)
			}
			b.add(r, unitCol, header[unitCol], unit, ErrDuplicateUnit, "%s appears twice (%s and %s)", what, g.lineWord(b.rows[prev].gridRow), g.lineWord(r))
			continue
		}
		b.index[key] = len(b.rows)
		b.rows = append(b.rows, row)
	}
}
