package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
	"github.com/xuri/excelize/v2"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/scoring"
)

// fileResultsXLSX is the workbook --xlsx writes.
const fileResultsXLSX = "eqindex-results.xlsx"

// xlsxFlag asks score, report and demo for the results workbook.
var xlsxFlag = &cli.BoolFlag{Name: "xlsx", Usage: "also write " + fileResultsXLSX + " (sheets 得分 scores, 均等化 equalization, 诊断 diagnosis, 权重 weights, 提示 warnings, 方法 method)"}

// Sheet names of the results workbook: Chinese, with the English in the
// flag's help and in the 方法 sheet; every header cell is Chinese followed
// by the English key.
const (
	sheetScores       = "得分"
	sheetEqualization = "均等化"
	sheetDiagnosis    = "诊断"
	sheetWeights      = "权重"
	sheetWarnings     = "提示"
	sheetMethod       = "方法"
)

// addWorkbook adds eqindex-results.xlsx to out when --xlsx is set.
func addWorkbook(c *cli.Context, out *outputSet, res *scoring.Result, dataName string) error {
	if !c.Bool("xlsx") {
		return nil
	}
	b, err := resultsWorkbook(res, dataName, c.String("lang"))
	if err != nil {
		return err
	}
	out.add(fileResultsXLSX, b)
	return nil
}

// xsheet is one sheet of the results workbook: a header and rows of
// cells, each a string, a float64 (NaN: empty), an int or a bool; nil is
// an empty cell.
type xsheet struct {
	name   string
	header []string
	rows   [][]any
	freeze int // columns frozen left of the data (rows: the header is always frozen)
	widths map[int]float64
}

// resultsWorkbook renders the results as an xlsx workbook with the sheets
// 得分 (scores), 均等化 (equalization), 诊断 (diagnosis), 权重 (weights), 提示
// (warnings) and 方法 (method). Numbers are stored as numbers at full
// precision, missing values as empty cells; the header row is bold and
// frozen. Text in the diagnosis sheet is in lang (zh or en). The document
// properties are fixed, so the same result gives the same bytes.
func resultsWorkbook(res *scoring.Result, dataName, lang string) ([]byte, error) {
	sheets := []xsheet{
		scoresSheet(res),
		equalizationSheet(res),
		diagnosisSheet(res, lang),
		weightsSheet(res),
		warningsSheet(res),
		methodSheet(res, dataName),
	}
	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return nil, err
		}
		if err := xWriteSheet(f, s, header); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if err := data.SetFixedDocProps(f, "eqindex results: "+res.Framework.Name); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xWriteSheet(f *excelize.File, s xsheet, headerStyle int) error {
	put := func(c, r int, v any) error {
		cell, err := excelize.CoordinatesToCellName(c+1, r+1)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case nil:
		case string:
			if v != "" {
				return f.SetCellStr(s.name, cell, v)
			}
		case float64:
			return data.SetCellNumber(f, s.name, cell, v)
		case int:
			return f.SetCellInt(s.name, cell, int64(v))
		case bool:
			return f.SetCellBool(s.name, cell, v)
		default:
			panic(fmt.Sprintf("eqindex: cell of type %T", v))
		}
		return nil
	}
	for c, h := range s.header {
		if err := put(c, 0, h); err != nil {
			return err
		}
	}
	if len(s.header) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(s.header), 1)
		if err := f.SetCellStyle(s.name, "A1", last, headerStyle); err != nil {
			return err
		}
	}
	for r, row := range s.rows {
		for c, v := range row {
			if err := put(c, r+1, v); err != nil {
				return err
			}
		}
	}
	for c := range s.header {
		w, ok := s.widths[c]
		if !ok {
			w = 14
		}
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(s.name, name, name, w); err != nil {
			return err
		}
	}
	topLeft, _ := excelize.CoordinatesToCellName(s.freeze+1, 2)
	pane := "bottomLeft"
	if s.freeze > 0 {
		pane = "bottomRight"
	}
	return f.SetPanes(s.name, &excelize.Panes{Freeze: true, XSplit: s.freeze, YSplit: 1, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}}})
}

// xNodeHeader is a column header for a group or indicator: its Chinese
// label and its id.
func xNodeHeader(n *scoring.Node) string {
	if l := n.Label("zh"); l != n.ID {
		return l + " " + n.ID
	}
	return n.ID
}

// xRank is a rank, or an empty cell for 0 (no score).
func xRank(r int) any {
	if r <= 0 {
		return nil
	}
	return r
}

// xAt returns s[i], or the zero value when s is too short (a Result built
// in code may leave Code, Group or a rank slice nil).
func xAt[T any](s []T, i int) (v T) {
	if i < len(s) {
		return s[i]
	}
	return v
}

// scoresSheet: per unit the index, rank, weak flag, grade, every group
// score (top level first) and every indicator score.
func scoresSheet(res *scoring.Result) xsheet {
	s := xsheet{name: sheetScores, freeze: 2, widths: map[int]float64{1: 20}}
	s.header = []string{"代码 code", "单位 unit"}
	if res.Year != 0 {
		s.header = append(s.header, "年份 year")
	}
	s.header = append(s.header, "分组 group", "常住人口 population", "综合指数 index", "排名 rank", "薄弱地区 weak", "等级 grade")
	groups := scoreGroups(res)
	inds := res.IndicatorResults()
	for _, g := range groups {
		s.header = append(s.header, xNodeHeader(g.Node))
	}
	for _, n := range inds {
		s.header = append(s.header, "得分 score: "+xNodeHeader(n.Node))
	}
	idx := res.Index()
	for i, unit := range res.Unit {
		row := []any{xAt(res.Code, i), unit}
		if res.Year != 0 {
			row = append(row, res.Year)
		}
		grade := ""
		if res.Diagnosis != nil && i < len(res.Diagnosis.Units) {
			grade = res.Diagnosis.Units[i].Grade
		}
		row = append(row, xAt(res.Group, i), xAt(res.Population, i), idx[i], xRank(xAt(res.Rank, i)), xAt(res.Weak, i), grade)
		for _, g := range groups {
			row = append(row, g.Scores[i])
		}
		for _, n := range inds {
			row = append(row, n.Scores[i])
		}
		s.rows = append(s.rows, row)
	}
	return s
}

// equalizationSheet: per unit the level index L, the urban-rural and
// regional components and the equalization index EI with their ranks.
func equalizationSheet(res *scoring.Result) xsheet {
	s := xsheet{name: sheetEqualization, freeze: 2, widths: map[int]float64{1: 20}}
	eq := res.Equalization
	if eq == nil {
		s.header = []string{"说明 note"}
		s.rows = [][]any{{"本次运行未计算均等化指标 / equalization was not computed in this run"}}
		return s
	}
	s.header = []string{"代码 code", "单位 unit", "水平指数 L level index", "城乡均等化 UR urban-rural", "UR排名 rank",
		"区域均等化 RG regional", "RG排名 rank", "均等化指数 EI equalization index", "EI排名 rank"}
	idx := res.Index()
	for i, unit := range res.Unit {
		s.rows = append(s.rows, []any{xAt(res.Code, i), unit, idx[i],
			xAt(eq.UR, i), xRank(xAt(eq.URRank, i)), xAt(eq.RG, i), xRank(xAt(eq.RGRank, i)), xAt(eq.EI, i), xRank(xAt(eq.EIRank, i))})
	}
	return s
}

// diagnosisSheet: per unit the index the rules read, its grade, whether
// it is a weak area, its peer rank, the rules that flagged it, its weakest
// domains and largest obstacles, and the one-line summary.
func diagnosisSheet(res *scoring.Result, lang string) xsheet {
	s := xsheet{name: sheetDiagnosis, freeze: 1, widths: map[int]float64{0: 20, 6: 50, 7: 30, 8: 40, 9: 60}}
	d := res.Diagnosis
	if d == nil {
		s.header = []string{"说明 note"}
		s.rows = [][]any{{"本次运行未做薄弱地区诊断 / no weak-area diagnosis in this run"}}
		return s
	}
	s.header = []string{"单位 unit", "诊断指数 index (" + d.Index + ")", "等级 grade", "薄弱地区 weak area",
		"组内排名 peer rank", "组内单位数 peers", "预警规则 rules fired", "短板领域 weakest domains", "主要障碍指标 top obstacles", "小结 summary"}
	nodeLabel := func(id string) string {
		if n := res.Node(id); n != nil {
			return n.Node.Label(lang)
		}
		return id
	}
	for _, u := range d.Units {
		var rules, weak, obst []string
		for _, f := range u.Findings {
			if !f.Flags {
				continue
			}
			zh, en := f.Text()
			rules = append(rules, pick(lang, zh, en))
		}
		for _, w := range u.Weaknesses {
			if n := res.Node(w.ID); n != nil && n.Depth == 1 {
				weak = append(weak, nodeLabel(w.ID))
			}
		}
		for _, j := range u.TopObstacles {
			if j < len(d.Indicators) {
				obst = append(obst, nodeLabel(d.Indicators[j]))
			}
		}
		peer, peers := any(nil), any(nil)
		if u.PeerRank > 0 {
			peer, peers = u.PeerRank, u.PeerCount
		}
		s.rows = append(s.rows, []any{u.Unit, u.Index, u.Grade, u.Flagged, peer, peers,
			strings.Join(rules, "; "), strings.Join(weak, "、"), strings.Join(obst, "、"), pick(lang, u.Summary, u.SummaryEN)})
	}
	return s
}

// weightsSheet: every node of the tree with its weights and the methods
// actually used.
func weightsSheet(res *scoring.Result) xsheet {
	s := xsheet{name: sheetWeights, freeze: 1, widths: map[int]float64{0: 22, 1: 36, 2: 36}}
	s.header = []string{"id", "名称 name", "英文名 name_en", "上级 parent", "层级 depth", "类型 type", "方向 direction", "单位 unit",
		"局部权重 local weight", "有效权重 effective weight", "标准化 normalisation", "赋权 weighting", "聚合 aggregation", "目标 target", "来源 source"}
	for _, n := range res.Nodes {
		kind, norm, weighting, agg := "分组 group", "", "", ""
		if n.Node.IsIndicator() {
			kind = "指标 indicator"
		}
		if n.Norm != nil {
			norm = n.Norm.Method
		}
		if n.Weighting != nil {
			weighting, agg = n.Weighting.Method, n.Weighting.Aggregation
		}
		target := any(nil)
		if n.Node.Target != nil {
			target = *n.Node.Target
		}
		s.rows = append(s.rows, []any{n.ID, n.Node.Name, n.Node.NameEN, n.Parent, n.Depth, kind, n.Node.Direction.String(), n.Node.Unit,
			n.LocalWeight, n.EffectiveWeight, norm, weighting, agg, target, n.Node.Source})
	}
	return s
}

// warningsSheet: every warning of the run, loader warnings first.
func warningsSheet(res *scoring.Result) xsheet {
	s := xsheet{name: sheetWarnings, widths: map[int]float64{0: 20, 1: 16, 2: 20, 3: 100}}
	s.header = []string{"类别 code", "单位 unit", "指标 indicator", "说明 message"}
	for _, w := range res.Warnings {
		s.rows = append(s.rows, []any{w.Code, w.Unit, w.Indicator, w.Msg})
	}
	return s
}

// methodSheet: the settings actually used, one per row.
func methodSheet(res *scoring.Result, dataName string) xsheet {
	fw := res.Framework
	s := xsheet{name: sheetMethod, widths: map[int]float64{0: 40, 1: 60}}
	s.header = []string{"项目 item", "值 value"}
	year := any(nil)
	if res.Year != 0 {
		year = res.Year
	}
	w := fw.Weak
	add := func(k string, v any) { s.rows = append(s.rows, []any{k, v}) }
	add("框架 framework", fw.Name)
	add("框架英文名 framework (English)", fw.NameEN)
	add("框架文件 framework source", fw.Source)
	add("数据文件 data", dataName)
	add("年份 year", year)
	add("单位数 units", len(res.Unit))
	add("指标数 indicators", len(res.IndicatorResults()))
	add("缺失值规则 missing", fw.Missing)
	add("最低覆盖率 min_coverage", fw.MinCoverage)
	add("区域基准 benchmark", fw.Benchmark)
	add("综合均等化权重: 水平 components.level", fw.Components.Level)
	add("综合均等化权重: 城乡 components.urban_rural", fw.Components.UrbanRural)
	add("综合均等化权重: 区域 components.regional", fw.Components.Regional)
	add("薄弱规则: 指数 weak.index", w.Index)
	add("薄弱规则: 均值减k倍标准差 weak.k", w.K)
	add("薄弱规则: 末位比例 weak.quantile", w.Quantile)
	add("薄弱规则: 下限 weak.floor", w.Floor)
	add("eqindex 版本 version", version)
	add("工作表 sheets", "得分 scores, 均等化 equalization, 诊断 diagnosis, 权重 weights, 提示 warnings, 方法 method")
	add("说明 note", "得分为 0-100, 越高越好; 数值为全精度, 空单元格表示缺失。完整方法见 report.html 和 scores.json。 Scores are 0-100, higher is better, at full precision; an empty cell is missing. See report.html and scores.json for the full method.")
	return s
}
