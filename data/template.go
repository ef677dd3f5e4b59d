package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
)

// ExampleUnit is the unit name of the example row that a data template
// carries (TemplateExample). The row is valid data, so an untouched
// template validates; ExampleRowWarnings reminds users to delete it.
const ExampleUnit = "示例县(请删除本行) Example county (delete this row)"

// TemplateOptions controls the layout of a data template.
type TemplateOptions struct {
	// UrbanRural adds "<indicator>@urban" and "<indicator>@rural" columns
	// after every indicator, and population@urban and population@rural
	// after population. Without it, urban and rural columns appear only
	// for the indicators whose urban or rural values the written Dataset
	// holds.
	UrbanRural bool
}

// Column kinds of a template.
const (
	TemplateUnit       = "unit"
	TemplateCode       = "code"
	TemplateGroup      = "group"
	TemplatePopulation = "population"
	TemplateYear       = "year"
	TemplateIndicator  = "indicator"
)

// TemplateColumn is one column of a data template.
type TemplateColumn struct {
	Kind string // TemplateUnit, TemplateCode, ..., TemplateIndicator
	// Area is "" for the total, "urban" or "rural".
	Area string
	// Header is the header cell: a reserved column name or the
	// indicator's name (its id when the name is ambiguous or unusable as
	// a header), with "@urban" / "@rural" for the areas.
	Header string
	// Note is the cell of the second header row: unit, direction and
	// hints, in Chinese and English.
	Note string
	// Indicator is the framework node of an indicator column, and Index
	// its position in fw.Root.Indicators().
	Indicator *scoring.Node
	Index     int
}

// NoteMarker starts the second header row of a template. The data reader
// skips rows whose unit cell starts with "#", so that row is never read
// as data.
const NoteMarker = "# 单位·方向(本行跳过) unit·direction (row skipped)"

// TemplateColumns returns the columns of the data template of fw: unit,
// code, group, population (and its urban and rural parts), year when
// withYear is set, then one column per indicator in framework order, each
// followed by its urban and rural columns when urban(j) reports true for
// indicator j (urban may be nil).
//
// An indicator's header is its name when the reader matches that name
// back to it alone; otherwise (a name shared with another indicator or a
// reserved column, or one holding "@") it is the indicator's id.
func TemplateColumns(fw *scoring.Framework, withYear bool, urban func(j int) bool) []TemplateColumn {
	inds := fw.Root.Indicators()
	anyUrban := false
	for j := range inds {
		anyUrban = anyUrban || (urban != nil && urban(j))
	}
	cols := []TemplateColumn{
		{Kind: TemplateUnit, Header: "地区", Note: NoteMarker},
		{Kind: TemplateCode, Header: "行政区划代码", Note: "可选, 6位代码 optional admin code"},
		{Kind: TemplateGroup, Header: "分组", Note: "可选, 如 市辖区/县 optional group"},
		{Kind: TemplatePopulation, Header: "常住人口", Note: "人 resident population (persons)"},
	}
	if anyUrban {
		cols = append(cols,
			TemplateColumn{Kind: TemplatePopulation, Area: "urban", Header: "population@urban", Note: "城镇常住人口 urban population"},
			TemplateColumn{Kind: TemplatePopulation, Area: "rural", Header: "population@rural", Note: "乡村常住人口 rural population"})
	}
	if withYear {
		cols = append(cols, TemplateColumn{Kind: TemplateYear, Header: "年份", Note: "如 2025 year"})
	}
	m := newMatcher(inds)
	for j, n := range inds {
		h := n.ID
		if n.Name != "" && !strings.Contains(n.Name, "@") && !strings.HasPrefix(n.Name, "#") && m.find(n.Name) == j {
			_, res := reservedAliases[normKey(n.Name)]
			_, long := longAliases[normKey(n.Name)]
			if !res && !long {
				h = n.Name
			}
		}
		cols = append(cols, TemplateColumn{Kind: TemplateIndicator, Header: h, Note: indicatorNote(n), Indicator: n, Index: j})
		if urban != nil && urban(j) {
			cols = append(cols,
				TemplateColumn{Kind: TemplateIndicator, Area: "urban", Header: h + "@urban", Note: "城镇值 urban value", Indicator: n, Index: j},
				TemplateColumn{Kind: TemplateIndicator, Area: "rural", Header: h + "@rural", Note: "乡村值 rural value", Indicator: n, Index: j})
		}
	}
	return cols
}

// indicatorNote is the second-row cell of an indicator: unit, direction,
// target and, for percentages, how to type them.
func indicatorNote(n *scoring.Node) string {
	unit := n.Unit
	if unit == "" {
		unit = "无单位 no unit"
	}
	parts := []string{unit}
	if n.Direction == scoring.Lower {
		parts = append(parts, "越低越好 lower is better")
	} else {
		parts = append(parts, "越高越好 higher is better")
	}
	if n.Target != nil {
		parts = append(parts, "目标 target "+strconv.FormatFloat(*n.Target, 'g', -1, 64))
	}
	if isPercent(n) {
		parts = append(parts, "填95不填0.95 type 95 not 0.95")
	}
	parts = append(parts, "id "+n.ID)
	return strings.Join(parts, " · ")
}

func isPercent(n *scoring.Node) bool { return n.Unit == "%" || n.Unit == "％" }

// templateCells returns the columns and the cells of the rows of ds laid
// out as the template of fw: numbers at full precision, missing as "".
func templateCells(fw *scoring.Framework, ds *scoring.Dataset, opt TemplateOptions) ([]TemplateColumn, [][]cellValue) {
	inds := fw.Root.Indicators()
	col := make([]int, len(inds)) // dataset column of each indicator, -1 if none
	for j, n := range inds {
		col[j] = -1
		for k, id := range ds.Indicators {
			if id == n.ID {
				col[j] = k
			}
		}
	}
	urban := func(j int) bool {
		if opt.UrbanRural {
			return true
		}
		k := col[j]
		return k >= 0 && ((ds.Urban != nil && ds.Urban[k] != nil) || (ds.Rural != nil && ds.Rural[k] != nil))
	}
	cols := TemplateColumns(fw, ds.HasYear(), urban)
	rows := make([][]cellValue, ds.Rows())
	for i := range rows {
		row := make([]cellValue, len(cols))
		for c, tc := range cols {
			switch tc.Kind {
			case TemplateUnit:
				row[c] = textCell(ds.Unit[i])
			case TemplateCode:
				row[c] = textCell(at(ds.Code, i))
			case TemplateGroup:
				row[c] = textCell(at(ds.Group, i))
			case TemplateYear:
				row[c] = numCell(float64(ds.Year[i]))
			case TemplatePopulation:
				row[c] = numCell(pick(areaSlice(tc.Area, ds.Population, ds.PopUrban, ds.PopRural), i))
			case TemplateIndicator:
				k := col[tc.Index]
				if k < 0 {
					row[c] = numCell(math.NaN())
					continue
				}
				var u, r []float64
				if ds.Urban != nil {
					u = ds.Urban[k]
				}
				if ds.Rural != nil {
					r = ds.Rural[k]
				}
				row[c] = numCell(pick(areaSlice(tc.Area, ds.Values[k], u, r), i))
			}
		}
		rows[i] = row
	}
	return cols, rows
}

// cellValue is a template cell: text, or a number (NaN for missing).
type cellValue struct {
	text  string
	num   float64
	isNum bool
}

func textCell(s string) cellValue { return cellValue{text: s} }
func numCell(v float64) cellValue { return cellValue{num: v, isNum: true} }

// at returns s[i], or "" when s is too short (a Dataset built in code may
// leave Code or Group nil).
func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// String renders the cell as CSV text.
func (v cellValue) String() string {
	if !v.isNum {
		return v.text
	}
	if math.IsNaN(v.num) {
		return ""
	}
	return strconv.FormatFloat(v.num, 'g', -1, 64)
}

func areaSlice(area string, total, urban, rural []float64) []float64 {
	switch area {
	case "urban":
		return urban
	case "rural":
		return rural
	}
	return total
}

func pick(s []float64, i int) float64 {
	if i < len(s) {
		return s[i]
	}
	return math.NaN()
}

// WriteTemplateCSV writes the rows of ds as a wide CSV data file for fw in
// the template layout: a UTF-8 BOM (so Chinese Excel opens it), "#"
// comment lines that say how to fill it in, the header (TemplateColumns),
// a second header row with each column's unit and direction that starts
// with NoteMarker (the reader skips it), then one row per row of ds.
// Numbers are written at full precision, missing values as empty cells.
// ReadDataset reads the file back into ds (indicators in framework order).
//
// ds may hold only some of fw's indicators; the others are left empty.
func WriteTemplateCSV(w io.Writer, fw *scoring.Framework, ds *scoring.Dataset, opt TemplateOptions) error {
	cols, rows := templateCells(fw, ds, opt)
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	for _, l := range templateComments(fw) {
		buf.WriteString("# " + l + "\n")
	}
	cw := csv.NewWriter(&buf)
	header := make([]string, len(cols))
	notes := make([]string, len(cols))
	for c, tc := range cols {
		header[c], notes[c] = tc.Header, tc.Note
	}
	cw.Write(header)
	cw.Write(notes)
	for _, row := range rows {
		rec := make([]string, len(row))
		for c, v := range row {
			rec[c] = v.String()
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// templateComments are the instructions at the top of a CSV template.
func templateComments(fw *scoring.Framework) []string {
	return []string{
		"eqindex 数据模板 data template: " + oneLine(fw.Name),
		"每行一个县区(及年份); 以#开头的行是说明, 读取时跳过。 One row per county/district (and year); rows starting with # are skipped.",
		"第2行给出每列的单位和方向。 The row under the header gives each column's unit and direction.",
		"百分比填百分数: 95 表示 95%, 不要填 0.95。 Type percentages as percent: 95 means 95%, not 0.95.",
		"缺失值留空(或填 - 或 NA), 不要填 0。 Leave a missing value empty (or -, NA); never 0.",
		"示例行填好后请删除; 城乡列和年份列见 README.md。 Delete the example row; see README.md for urban/rural and year columns.",
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// TemplateExample returns the one-row dataset of a template's example
// row: unit ExampleUnit, group 县, population 500000, and for each
// indicator the middle of its range (see ExampleData), with urban and
// rural values when urbanRural is set.
func TemplateExample(fw *scoring.Framework, urbanRural bool) *scoring.Dataset {
	ds := exampleData(fw, ExampleOptions{Units: 1, UrbanRural: urbanRural}, true)
	ds.Unit[0] = ExampleUnit
	ds.Code[0] = ""
	ds.Group[0] = "县"
	return ds
}

// ExampleOptions configures ExampleData.
type ExampleOptions struct {
	Units      int    // number of units; 0 means 8
	Seed       uint64 // seed of the random stream
	UrbanRural bool   // also urban and rural values and populations
}

// ExampleData returns a synthetic dataset that fits fw: opt.Units units
// named 合成县01, 合成县02, ... (synthetic, not real places) with made-up
// 6-digit codes starting 99, the first third in group 市辖区 and the rest
// in 县, populations around 400000, and a value for every indicator. The
// same framework and options always give the same dataset.
//
// Each indicator gets a range [worst, best]: its goalposts, else from its
// target (best = target, worst = 0.6 target for higher-is-better and
// 1.6 target for lower-is-better), else [20, 80] (percent, higher),
// [20, 2] (percent, lower), [0.5, 3] or [3, 0.5] (other units). A unit's
// value is
//
//	x = worst + p (best - worst),  p = 0.5 + 0.2 (0.6 a_u + 0.8 e_uj)
//
// with a_u ~ N(0,1) the unit's standing and e_uj ~ N(0,1) noise, clamped
// to >= 0 (and <= 100 for percent) and rounded to 2 decimals. With
// UrbanRural, s ~ U(0.3, 0.9) is the unit's urban population share and
// the urban and rural values are x + (1-s) g and x - s g with
// g = 0.1 (best - worst) (1 + 0.5 |a_u|), so rural is the worse side; the
// total is then s u + (1-s) r of the clamped, rounded parts.
func ExampleData(fw *scoring.Framework, opt ExampleOptions) *scoring.Dataset {
	return exampleData(fw, opt, false)
}

func exampleData(fw *scoring.Framework, opt ExampleOptions, middle bool) *scoring.Dataset {
	if opt.Units <= 0 {
		opt.Units = 8
	}
	inds := fw.Root.Indicators()
	n := opt.Units
	ds := &scoring.Dataset{Source: "synthetic",
		Unit: make([]string, n), Code: make([]string, n), Group: make([]string, n), Year: make([]int, n),
		Population: make([]float64, n), PopUrban: make([]float64, n), PopRural: make([]float64, n),
		Values: make([][]float64, len(inds)), Urban: make([][]float64, len(inds)), Rural: make([][]float64, len(inds))}
	for j, ind := range inds {
		ds.Indicators = append(ds.Indicators, ind.ID)
		ds.Values[j] = make([]float64, n)
		if opt.UrbanRural {
			ds.Urban[j] = make([]float64, n)
			ds.Rural[j] = make([]float64, n)
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6571696e646578)) // "eqindex"
	for i := range n {
		ds.Unit[i] = fmt.Sprintf("合成县%02d", i+1)
		ds.Code[i] = fmt.Sprintf("99%04d", i+1)
		ds.Group[i] = "县"
		if i < (n+2)/3 {
			ds.Group[i] = "市辖区"
		}
		a := rng.NormFloat64()
		share := 0.3 + 0.6*rng.Float64()
		pop := math.Round(400000 * math.Exp(0.4*rng.NormFloat64()))
		if middle {
			a, share, pop = 0, 0.6, 500000
		}
		ds.Population[i] = pop
		if opt.UrbanRural {
			ds.PopUrban[i] = math.Round(share * pop)
			ds.PopRural[i] = pop - ds.PopUrban[i]
		} else {
			ds.PopUrban[i], ds.PopRural[i] = math.NaN(), math.NaN()
		}
		for j, ind := range inds {
			worst, best := exampleRange(ind)
			e := rng.NormFloat64()
			if middle {
				e = 0
			}
			p := 0.5 + 0.2*(0.6*a+0.8*e)
			x := worst + p*(best-worst)
			if !opt.UrbanRural {
				ds.Values[j][i] = exampleClamp(ind, x)
				continue
			}
			g := 0.1 * (best - worst) * (1 + 0.5*math.Abs(a))
			u := exampleClamp(ind, x+(1-share)*g)
			r := exampleClamp(ind, x-share*g)
			ds.Urban[j][i], ds.Rural[j][i] = u, r
			ds.Values[j][i] = math.Round((share*u+(1-share)*r)*100) / 100
		}
	}
	return ds
}

// exampleRange returns the [worst, best] range ExampleData draws from.
func exampleRange(n *scoring.Node) (worst, best float64) {
	switch {
	case n.Goalposts != nil:
		return n.Goalposts[0], n.Goalposts[1]
	case n.Target != nil && n.Direction == scoring.Lower:
		return 1.6 * *n.Target, *n.Target
	case n.Target != nil:
		return 0.6 * *n.Target, *n.Target
	case isPercent(n) && n.Direction == scoring.Lower:
		return 20, 2
	case isPercent(n):
		return 20, 80
	case n.Direction == scoring.Lower:
		return 3, 0.5
	}
	return 0.5, 3
}

// exampleClamp keeps x >= 0 (and <= 100 for percent) and rounds it to 2
// decimals.
func exampleClamp(n *scoring.Node, x float64) float64 {
	x = math.Max(x, 0)
	if isPercent(n) {
		x = math.Min(x, 100)
	}
	return math.Round(x*100) / 100
}

// ExampleRowWarnings returns a warning when ds still holds the example
// row of a template (a unit named ExampleUnit): it is valid data, so it
// would be scored with the real units.
func ExampleRowWarnings(ds *scoring.Dataset) []scoring.Warning {
	for _, u := range ds.Unit {
		if u == ExampleUnit {
			return []scoring.Warning{{Code: "example-row", Unit: u,
				Msg: fmt.Sprintf("%s: the data still hold the template's example row %q: delete it before scoring (它是模板的示例行, 评估前请删除)", ds.Source, u)}}
		}
	}
	return nil
}
