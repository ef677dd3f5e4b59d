package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/scoring"
)

// The equalization outputs, written by gaps -o, score and report.
const (
	fileEqStats      = "equalization.csv"            // inequality statistics, one row per subject and weighting
	fileEqUnits      = "equalization_units.csv"      // L, UR, RG, EI and ranks per unit
	fileEqIndicators = "equalization_indicators.csv" // per unit and indicator: RG and urban-rural detail
	fileEqDecomp     = "decompositions.csv"          // Theil T and L decompositions, one row per part
	fileEqDagum      = "dagum.csv"                   // Dagum Gini decompositions by group
	fileEqJSON       = "equalization.json"           // all of the above
)

func gapsCommand() *cli.Command {
	return &cli.Command{
		Name:  "gaps",
		Usage: "measure urban-rural and regional gaps: inequality statistics and their decompositions",
		UsageText: `eqindex gaps --data counties.csv --framework fw.yaml
eqindex gaps --data counties.csv --framework fw.yaml --json > gaps.json
eqindex gaps --data counties.csv --framework fw.yaml -o out/`,
		Description: `Prints, for the index L, the equalization index EI, its urban-rural (UR) and
regional (RG) components, every group score and every indicator: n, mean, min,
max, max/min, CV, Gini, Theil T, Theil L, Atkinson (e = 0.5, 1, 2) and 1 - Gini,
unweighted and weighted by population; then the Theil decompositions into
within and between parts (by urban/rural area and by unit over the urban and
rural cells, and by the data's group column) and the Dagum Gini decomposition
by group.

--json writes everything as JSON on stdout at full precision; -o DIR writes
equalization.csv, equalization_units.csv, equalization_indicators.csv,
decompositions.csv, dagum.csv and equalization.json (score and report write
them too).`,
		Flags: []cli.Flag{dataFlag, fwFlag, setFlag, yearFlag, langFlag, encFlag, shtFlag,
			&cli.BoolFlag{Name: "json", Usage: "write the statistics as JSON on stdout (full precision)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "also write the equalization tables to `DIR`"},
		},
		Action: gapsAction,
	}
}

func gapsAction(c *cli.Context) error {
	in, res, err := loadAndScore(c)
	if err != nil {
		return err
	}
	if res.Equalization == nil {
		return dataErr(fmt.Errorf("no equalization results"))
	}
	if c.Bool("json") {
		b, err := equalizationJSON(res)
		if err != nil {
			return err
		}
		if _, err := c.App.Writer.Write(b); err != nil {
			return err
		}
	} else if err := writeGapsText(c.App.Writer, res, c.String("lang")); err != nil {
		return err
	}
	if dir := c.String("out"); dir != "" {
		out := newOutputSet(dir, in.inputs...)
		if err := addEqualizationTables(out, res); err != nil {
			return err
		}
		if err := out.commit(); err != nil {
			return dataErr(err)
		}
		// stdout may hold JSON: the file list goes to stderr.
		fmt.Fprintf(c.App.ErrWriter, "wrote %d files to %s: %s\n", len(out.files), out.dir, strings.Join(out.names(), ", "))
	}
	printWarnings(c, res.Warnings)
	return nil
}

// addEqualizationTables adds the equalization CSV files and
// equalization.json to out (nothing when res has no Equalization).
func addEqualizationTables(out *outputSet, res *scoring.Result) error {
	if res.Equalization == nil {
		return nil
	}
	for _, f := range []struct {
		name string
		fn   func(*scoring.Result) ([]byte, error)
	}{
		{fileEqStats, equalizationStatsCSV},
		{fileEqUnits, equalizationUnitsCSV},
		{fileEqIndicators, equalizationIndicatorsCSV},
		{fileEqDecomp, decompositionsCSV},
		{fileEqDagum, dagumCSV},
		{fileEqJSON, equalizationJSON},
	} {
		b, err := f.fn(res)
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		out.add(f.name, b)
	}
	return nil
}

// eqScoreHeader lists the columns scores.csv can append for the
// equalization index and its components (the level index and its rank are
// already there); eqScoreCells fills them.
var eqScoreHeader = []string{"urban_rural", "urban_rural_rank", "regional", "regional_rank", "ei", "ei_rank"}

// eqScoreCells returns unit i's cells for eqScoreHeader.
func eqScoreCells(eq *scoring.Equalization, i int) []string {
	return []string{
		formatNumber(eq.UR[i]), rankCell(eq.URRank[i]),
		formatNumber(eq.RG[i]), rankCell(eq.RGRank[i]),
		formatNumber(eq.EI[i]), rankCell(eq.EIRank[i]),
	}
}

// rankCell writes a rank, or an empty cell for an unranked unit (0).
func rankCell(r int) string {
	if r <= 0 {
		return ""
	}
	return strconv.Itoa(r)
}

// gapsSubject is a subject's label in the language.
func gapsSubject(res *scoring.Result, kind, id, lang string) string {
	switch kind {
	case scoring.SubjectIndex:
		return pick(lang, "综合指数 L", "Level index L")
	case scoring.SubjectEI:
		return pick(lang, "均等化指数 EI", "Equalization index EI")
	case scoring.SubjectUR:
		return pick(lang, "城乡均等化 UR", "Urban-rural equalization UR")
	case scoring.SubjectRG:
		return pick(lang, "区域均等化 RG", "Regional equalization RG")
	}
	if nr := res.Node(id); nr != nil {
		return nr.Node.Label(lang)
	}
	return id
}

func gapsCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	for _, r := range rows {
		for k := range r {
			r[k] = safeCell(r[k])
		}
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// equalizationStatsCSV renders equalization.csv: one row per subject and
// weighting with every inequality measure at full precision; empty cells
// are measures not defined for the data, explained in notes.
func equalizationStatsCSV(res *scoring.Result) ([]byte, error) {
	rows := [][]string{{"kind", "subject", "name", "weighted", "n", "mean", "min", "max", "max_min", "cv",
		"gini", "theil_t", "theil_l", "atkinson_05", "atkinson_1", "atkinson_2", "equalization", "notes"}}
	for _, r := range res.Equalization.Stats {
		s := r.Stats
		rows = append(rows, []string{r.Kind, r.Subject, gapsSubject(res, r.Kind, r.Subject, "zh"), strconv.FormatBool(r.Weighted),
			strconv.Itoa(s.N), formatNumber(s.Mean), formatNumber(s.Min), formatNumber(s.Max), formatNumber(s.MaxMin),
			formatNumber(s.CV), formatNumber(s.Gini), formatNumber(s.TheilT), formatNumber(s.TheilL),
			formatNumber(s.Atkinson05), formatNumber(s.Atkinson1), formatNumber(s.Atkinson2),
			formatNumber(s.Equalization), strings.Join(s.Notes, "; ")})
	}
	return gapsCSV(rows)
}

// equalizationUnitsCSV renders equalization_units.csv: per unit the level
// index, the urban-rural and regional components, EI, their ranks and the
// weak flag.
func equalizationUnitsCSV(res *scoring.Result) ([]byte, error) {
	header := []string{"code", "unit"}
	if res.Year != 0 {
		header = append(header, "year")
	}
	header = append(header, "group", "population", "level", "level_rank")
	header = append(header, eqScoreHeader...)
	header = append(header, "weak")
	rows := [][]string{header}
	eq, idx := res.Equalization, res.Index()
	for i, unit := range res.Unit {
		row := []string{res.Code[i], unit}
		if res.Year != 0 {
			row = append(row, strconv.Itoa(res.Year))
		}
		row = append(row, res.Group[i], formatNumber(res.Population[i]), formatNumber(idx[i]), rankCell(res.Rank[i]))
		row = append(row, eqScoreCells(eq, i)...)
		row = append(row, strconv.FormatBool(len(res.Weak) > i && res.Weak[i]))
		rows = append(rows, row)
	}
	return gapsCSV(rows)
}

// equalizationIndicatorsCSV renders equalization_indicators.csv, long
// format: per indicator and unit the value, the benchmark and regional
// score, and for indicators with urban/rural data the urban and rural
// values, u/r, the relative gap (u - r)/max(u, r), the side behind and the
// urban-rural score.
func equalizationIndicatorsCSV(res *scoring.Result) ([]byte, error) {
	rows := [][]string{{"indicator", "direction", "weight", "code", "unit", "value", "benchmark", "benchmark_rule",
		"regional", "urban", "rural", "ratio", "gap", "behind", "urban_rural"}}
	for _, ie := range res.Equalization.Indicators {
		raw := res.Node(ie.ID).Raw
		for i, unit := range res.Unit {
			row := []string{ie.ID, ie.Direction.String(), formatNumber(ie.Weight), res.Code[i], unit,
				formatNumber(gapsValueAt(raw, i)), formatNumber(ie.Benchmark), ie.BenchmarkRule, formatNumber(ie.RG[i])}
			if ie.HasUrbanRural {
				row = append(row, formatNumber(ie.Urban[i]), formatNumber(ie.Rural[i]), formatNumber(ie.Ratio[i]),
					formatNumber(ie.Gap[i]), ie.Behind[i], formatNumber(ie.UR[i]))
			} else {
				row = append(row, "", "", "", "", "", "")
			}
			rows = append(rows, row)
		}
	}
	return gapsCSV(rows)
}

func gapsValueAt(x []float64, i int) float64 {
	if i >= len(x) {
		return math.NaN()
	}
	return x[i]
}

// decompositionsCSV renders decompositions.csv: for each decomposition a
// row with group empty holding the total, within and between parts and
// shares, then one row per group with its n, population share, service
// share, mean, own index and contribution to the within part.
func decompositionsCSV(res *scoring.Result) ([]byte, error) {
	rows := [][]string{{"kind", "subject", "by", "measure", "weighted", "group", "total", "within", "between",
		"within_share", "between_share", "n", "pop_share", "income_share", "mean", "index", "contribution", "notes"}}
	for _, r := range res.Equalization.Decompositions {
		for _, d := range []scoring.Decomposition{r.TheilT, r.TheilL} {
			head := []string{r.Kind, r.Subject, r.By, d.Measure, strconv.FormatBool(r.Weighted)}
			rows = append(rows, append(append([]string(nil), head...), "", formatNumber(d.Total), formatNumber(d.Within),
				formatNumber(d.Between), formatNumber(d.WithinShare), formatNumber(d.BetweenShare),
				"", "", "", "", "", "", strings.Join(d.Notes, "; ")))
			for _, g := range d.Groups {
				rows = append(rows, append(append([]string(nil), head...), g.Name, "", "", "", "", "",
					strconv.Itoa(g.N), formatNumber(g.PopShare), formatNumber(g.IncomeShare), formatNumber(g.Mean),
					formatNumber(g.Index), formatNumber(g.Contribution), ""))
			}
		}
	}
	return gapsCSV(rows)
}

// dagumCSV renders dagum.csv: per subject a "total" row (G, Gw, Gnb, Gt,
// Gb and the shares), a "within" row per group (G_jj, its contribution)
// and a "between" row per pair of groups (G_jh, D_jh).
func dagumCSV(res *scoring.Result) ([]byte, error) {
	rows := [][]string{{"kind", "subject", "weighted", "part", "group", "group2", "g", "gw", "gnb", "gt", "gb",
		"within_share", "net_between_share", "transvariation_share", "n", "pop_share", "income_share", "mean",
		"g_jh", "d_jh", "contribution", "notes"}}
	for _, r := range res.Equalization.Dagum {
		d := r.Dagum
		head := func(part, g1, g2 string) []string {
			return []string{r.Kind, r.Subject, strconv.FormatBool(r.Weighted), part, g1, g2}
		}
		rows = append(rows, append(head("total", "", ""), formatNumber(d.G), formatNumber(d.Gw), formatNumber(d.Gnb),
			formatNumber(d.Gt), formatNumber(d.Gb), formatNumber(d.WithinShare), formatNumber(d.NetBetweenShare),
			formatNumber(d.TransvariationShare), "", "", "", "", "", "", "", strings.Join(d.Notes, "; ")))
		for j, g := range d.Groups {
			rows = append(rows, append(head("within", g.Name, ""), "", "", "", "", "", "", "", "",
				strconv.Itoa(g.N), formatNumber(g.PopShare), formatNumber(g.IncomeShare), formatNumber(g.Mean),
				formatNumber(d.Gjh[j][j]), "", formatNumber(g.Contribution), ""))
		}
		for j := range d.Groups {
			for h := j + 1; h < len(d.Groups); h++ {
				rows = append(rows, append(head("between", d.Groups[j].Name, d.Groups[h].Name), "", "", "", "", "", "", "", "",
					"", "", "", "", formatNumber(d.Gjh[j][h]), formatNumber(d.Djh[j][h]), "", ""))
			}
		}
	}
	return gapsCSV(rows)
}

// JSON form of equalization.json.

type jsonEqUnit struct {
	Unit           string `json:"unit"`
	Code           string `json:"code,omitempty"`
	Group          string `json:"group,omitempty"`
	Population     num    `json:"population"`
	Level          num    `json:"level"`
	LevelRank      int    `json:"level_rank"`
	UrbanRural     num    `json:"urban_rural"`
	UrbanRuralRank int    `json:"urban_rural_rank"`
	Regional       num    `json:"regional"`
	RegionalRank   int    `json:"regional_rank"`
	EI             num    `json:"ei"`
	EIRank         int    `json:"ei_rank"`
	Weak           bool   `json:"weak"`
}

// gapsNums is a column of numbers that marshals in one pass, NaN as null
// (a national run has millions of them).
type gapsNums []float64

func (s gapsNums) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 2+12*len(s))
	b = append(b, '[')
	for i, v := range s {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		}
	}
	return append(b, ']'), nil
}

// jsonEqIndicator holds one indicator's detail as columns in the order of
// "units".
type jsonEqIndicator struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Direction     string   `json:"direction"`
	Weight        num      `json:"weight"`
	Benchmark     num      `json:"benchmark"`
	BenchmarkRule string   `json:"benchmark_rule"`
	HasUrbanRural bool     `json:"has_urban_rural"`
	UrbanMean     *num     `json:"urban_mean,omitempty"`
	RuralMean     *num     `json:"rural_mean,omitempty"`
	Value         gapsNums `json:"value"`
	Regional      gapsNums `json:"regional"`
	Urban         gapsNums `json:"urban,omitempty"`
	Rural         gapsNums `json:"rural,omitempty"`
	Ratio         gapsNums `json:"ratio,omitempty"`
	Gap           gapsNums `json:"gap,omitempty"`
	Behind        []string `json:"behind,omitempty"`
	UrbanRural    gapsNums `json:"urban_rural,omitempty"`
}

// jsonEqGroups holds the groups of a decomposition as columns.
type jsonEqGroups struct {
	Name         []string `json:"name"`
	N            []int    `json:"n"`
	PopShare     gapsNums `json:"pop_share"`
	IncomeShare  gapsNums `json:"income_share"`
	Mean         gapsNums `json:"mean"`
	Index        gapsNums `json:"index"`
	Contribution gapsNums `json:"contribution"`
}

type jsonEqDecomposition struct {
	Measure      string       `json:"measure"`
	Total        num          `json:"total"`
	Within       num          `json:"within"`
	Between      num          `json:"between"`
	WithinShare  num          `json:"within_share"`
	BetweenShare num          `json:"between_share"`
	Groups       jsonEqGroups `json:"groups"`
	Notes        []string     `json:"notes,omitempty"`
}

type jsonEqDecompositionRow struct {
	Subject  string              `json:"subject"`
	Kind     string              `json:"kind"`
	By       string              `json:"by"`
	Weighted bool                `json:"weighted"`
	TheilT   jsonEqDecomposition `json:"theil_t"`
	TheilL   jsonEqDecomposition `json:"theil_l"`
}

func eqDecompositionJSON(d scoring.Decomposition) jsonEqDecomposition {
	out := jsonEqDecomposition{Measure: d.Measure, Total: num(d.Total), Within: num(d.Within), Between: num(d.Between),
		WithinShare: num(d.WithinShare), BetweenShare: num(d.BetweenShare), Notes: d.Notes}
	g := &out.Groups
	k := len(d.Groups)
	g.Name, g.N = make([]string, k), make([]int, k)
	g.PopShare, g.IncomeShare, g.Mean = make(gapsNums, k), make(gapsNums, k), make(gapsNums, k)
	g.Index, g.Contribution = make(gapsNums, k), make(gapsNums, k)
	for j, x := range d.Groups {
		g.Name[j], g.N[j] = x.Name, x.N
		g.PopShare[j], g.IncomeShare[j], g.Mean[j] = x.PopShare, x.IncomeShare, x.Mean
		g.Index[j], g.Contribution[j] = x.Index, x.Contribution
	}
	return out
}

type jsonEqComponents struct {
	Level      float64 `json:"level"`
	UrbanRural float64 `json:"urban_rural"`
	Regional   float64 `json:"regional"`
}

type jsonEqSettings struct {
	Year       int              `json:"year,omitempty"`
	Benchmark  string           `json:"benchmark"`
	Components jsonEqComponents `json:"components"`
	Version    string           `json:"eqindex_version"`
}

type jsonEqualization struct {
	Settings       jsonEqSettings           `json:"settings"`
	Units          []jsonEqUnit             `json:"units"`
	Indicators     []jsonEqIndicator        `json:"indicators"`
	Statistics     []scoring.StatsRow       `json:"statistics"`
	Decompositions []jsonEqDecompositionRow `json:"decompositions"`
	Dagum          []scoring.DagumRow       `json:"dagum"`
	Warnings       []scoring.Warning        `json:"warnings"`
}

func gapsNumPtr(v float64) *num { n := num(v); return &n }

// equalizationJSON renders equalization.json: settings, per unit L, UR,
// RG, EI and ranks, per indicator the benchmark and the per-unit detail as
// columns in the order of "units", the statistics, the decompositions
// (groups as columns), the Dagum tables and every warning. Numbers are at
// full precision; NaN is null.
func equalizationJSON(res *scoring.Result) ([]byte, error) {
	eq := res.Equalization
	out := jsonEqualization{
		Settings: jsonEqSettings{Year: res.Year, Benchmark: eq.Benchmark, Version: version,
			Components: jsonEqComponents{eq.Components.Level, eq.Components.UrbanRural, eq.Components.Regional}},
		Statistics: eq.Stats, Decompositions: []jsonEqDecompositionRow{}, Dagum: eq.Dagum, Warnings: res.Warnings,
	}
	if out.Warnings == nil {
		out.Warnings = []scoring.Warning{}
	}
	if out.Statistics == nil {
		out.Statistics = []scoring.StatsRow{}
	}
	for _, r := range eq.Decompositions {
		out.Decompositions = append(out.Decompositions, jsonEqDecompositionRow{Subject: r.Subject, Kind: r.Kind, By: r.By,
			Weighted: r.Weighted, TheilT: eqDecompositionJSON(r.TheilT), TheilL: eqDecompositionJSON(r.TheilL)})
	}
	if out.Dagum == nil {
		out.Dagum = []scoring.DagumRow{}
	}
	idx := res.Index()
	for i, unit := range res.Unit {
		out.Units = append(out.Units, jsonEqUnit{
			Unit: unit, Code: res.Code[i], Group: res.Group[i], Population: num(res.Population[i]),
			Level: num(idx[i]), LevelRank: res.Rank[i],
			UrbanRural: num(eq.UR[i]), UrbanRuralRank: eq.URRank[i],
			Regional: num(eq.RG[i]), RegionalRank: eq.RGRank[i],
			EI: num(eq.EI[i]), EIRank: eq.EIRank[i], Weak: len(res.Weak) > i && res.Weak[i],
		})
	}
	for _, ie := range eq.Indicators {
		nr := res.Node(ie.ID)
		ji := jsonEqIndicator{ID: ie.ID, Name: nr.Node.Label("zh"), Direction: ie.Direction.String(),
			Weight: num(ie.Weight), Benchmark: num(ie.Benchmark), BenchmarkRule: ie.BenchmarkRule,
			HasUrbanRural: ie.HasUrbanRural}
		ji.Value, ji.Regional = make(gapsNums, len(res.Unit)), gapsNums(ie.RG)
		for i := range res.Unit {
			ji.Value[i] = gapsValueAt(nr.Raw, i)
		}
		if ie.HasUrbanRural {
			ji.UrbanMean, ji.RuralMean = gapsNumPtr(ie.UrbanMean), gapsNumPtr(ie.RuralMean)
			ji.Urban, ji.Rural, ji.Ratio, ji.Gap = gapsNums(ie.Urban), gapsNums(ie.Rural), gapsNums(ie.Ratio), gapsNums(ie.Gap)
			ji.Behind, ji.UrbanRural = ie.Behind, gapsNums(ie.UR)
		}
		out.Indicators = append(out.Indicators, ji)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return append(gapsIndentJSON(b), '\n'), nil
}

// gapsIndentJSON indents compact JSON by two spaces per level like
// json.Indent, except that an array holding no object or array stays on
// one line: the per-unit columns of a national run would otherwise take
// millions of lines.
func gapsIndentJSON(src []byte) []byte {
	dst := make([]byte, 0, len(src)+len(src)/4)
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for k := 0; k < depth; k++ {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := gapsSkipString(src, i)
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '[':
			if j, flat := gapsFlatArray(src, i); flat {
				dst = append(dst, src[i:j]...)
				i = j - 1
				continue
			}
			fallthrough
		case '{':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1])
				i++
				continue
			}
			dst = append(dst, c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// gapsSkipString returns the index just past the JSON string starting at
// src[i] == '"'.
func gapsSkipString(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// gapsFlatArray reports whether the array starting at src[i] == '[' holds no
// object or array, and returns the index just past it.
func gapsFlatArray(src []byte, i int) (int, bool) {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = gapsSkipString(src, j) - 1
		case '[', '{':
			return 0, false
		case ']':
			return j + 1, true
		}
	}
	return 0, false
}

// gapsNum formats a number for the terminal: "-" when not defined, one
// decimal from 100 up, four below, three significant digits below 0.001.
func gapsNum(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "-"
	case math.Abs(math.Round(v*1e4)/1e4) >= 100: // 99.99999999999999 too
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v == 0 || math.Abs(v) >= 0.001:
		return strconv.FormatFloat(v, 'f', 4, 64)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

func gapsPct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

// writeGapsText prints the statistics, decompositions and Dagum tables for
// people, rounded; the CSV and JSON keep full precision.
func writeGapsText(w io.Writer, res *scoring.Result, lang string) error {
	eq := res.Equalization
	t := func(zh, en string) string { return pick(lang, zh, en) }
	// upTo lists the column numbers 0..n-1: the numeric, right-aligned ones.
	upTo := func(n int) []int {
		cols := make([]int, n)
		for i := range cols {
			cols[i] = i
		}
		return cols
	}
	var buf bytes.Buffer
	fmt.Fprintln(&buf, t("不平等指标（人口加权行标 w）", "Inequality statistics (w: weighted by population)"))
	rows := [][]string{{"w", "n", "mean", "min", "max", "max/min", "CV", "Gini",
		"Theil T", "Theil L", "A(0.5)", "A(1)", "A(2)", "1-Gini", t("对象", "subject")}}
	for _, r := range eq.Stats {
		s := r.Stats
		wt := ""
		if r.Weighted {
			wt = "w"
		}
		rows = append(rows, []string{wt, strconv.Itoa(s.N),
			gapsNum(s.Mean), gapsNum(s.Min), gapsNum(s.Max), gapsNum(s.MaxMin), gapsNum(s.CV), gapsNum(s.Gini),
			gapsNum(s.TheilT), gapsNum(s.TheilL), gapsNum(s.Atkinson05), gapsNum(s.Atkinson1), gapsNum(s.Atkinson2),
			gapsNum(s.Equalization), gapsSubject(res, r.Kind, r.Subject, lang)})
	}
	writeTextTable(&buf, rows, upTo(14)...)
	if len(eq.Decompositions) > 0 {
		fmt.Fprintln(&buf)
		fmt.Fprintln(&buf, t("泰尔指数分解（组内 + 组间）", "Theil decompositions (within + between)"))
		by := map[string]string{
			scoring.ByArea:  t("城乡", "urban/rural"),
			scoring.ByUnit:  t("地区(城乡单元)", "unit (cells)"),
			scoring.ByGroup: t("分组", "group"),
		}
		rows := [][]string{{t("分组", "by"), "T", t("T组间占比", "T between"), "L", t("L组间占比", "L between"), t("对象", "subject")}}
		for _, r := range eq.Decompositions {
			rows = append(rows, []string{by[r.By],
				gapsNum(r.TheilT.Total), gapsPct(r.TheilT.BetweenShare), gapsNum(r.TheilL.Total), gapsPct(r.TheilL.BetweenShare),
				gapsSubject(res, r.Kind, r.Subject, lang)})
		}
		writeTextTable(&buf, rows, 1, 2, 3, 4)
	}
	if len(eq.Dagum) > 0 {
		fmt.Fprintln(&buf)
		fmt.Fprintln(&buf, t("Dagum 基尼系数分解（按分组）：G = 组内 Gw + 净组间 Gnb + 超变密度 Gt", "Dagum Gini decomposition by group: G = within Gw + net between Gnb + transvariation Gt"))
		rows := [][]string{{"G", "Gw", "Gnb", "Gt", "Gw%", "Gnb%", "Gt%", t("对象", "subject")}}
		for _, r := range eq.Dagum {
			d := r.Dagum
			rows = append(rows, []string{gapsNum(d.G), gapsNum(d.Gw), gapsNum(d.Gnb), gapsNum(d.Gt),
				gapsPct(d.WithinShare), gapsPct(d.NetBetweenShare), gapsPct(d.TransvariationShare),
				gapsSubject(res, r.Kind, r.Subject, lang)})
		}
		writeTextTable(&buf, rows, upTo(7)...)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
