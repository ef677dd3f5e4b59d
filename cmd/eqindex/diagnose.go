package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/scoring"
)

func diagnoseCommand() *cli.Command {
	return &cli.Command{
		Name:  "diagnose",
		Usage: "find the weak areas and say, per unit, what holds it back and how far it is from its targets",
		UsageText: `eqindex diagnose --data counties.csv --framework fw.yaml              (all units)
eqindex diagnose --data counties.csv --framework fw.yaml --unit 盘山县  (one unit's profile)
eqindex diagnose --data counties.csv --framework fw.yaml -o out/       (also diagnosis.csv, diagnosis.json)`,
		Description: `Applies the framework's weak-area rules (key "weak") and prints the result in
plain language: which units are flagged and why, their grades, and for one unit
(--unit) its strengths and weaknesses against the region, the indicators holding
it back most (obstacle degree) and its gaps to the plan targets, to the region
benchmark and between urban and rural, in each indicator's own unit.
With -o it also writes diagnosis.csv (one row per unit, finding, obstacle and gap)
and diagnosis.json (the same, nested by unit).`,
		Flags: []cli.Flag{dataFlag, fwFlag, setFlag, yearFlag, langFlag, encFlag, shtFlag,
			&cli.StringFlag{Name: "unit", Aliases: []string{"u"}, Usage: "print the full profile of the unit with this `NAME` (or admin code)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "also write diagnosis.csv and diagnosis.json to `DIR` (created if missing)"},
		},
		Action: diagnoseAction,
	}
}

func diagnoseAction(c *cli.Context) error {
	in, res, err := loadAndScore(c)
	if err != nil {
		return err
	}
	if res.Diagnosis == nil {
		return dataErr(fmt.Errorf("the scoring run produced no diagnosis"))
	}
	lang := c.String("lang")
	w := c.App.Writer
	if name := c.String("unit"); name != "" {
		i := diagFindUnit(res, name)
		if i < 0 {
			return usageErrf("--unit: no unit %q in %s (units: %s)", name, in.dataName, strings.Join(res.Unit, ", "))
		}
		writeProfile(w, res, i, lang)
	} else {
		writeDiagnosisOverview(w, res, lang)
	}
	if dir := c.String("out"); dir != "" {
		out := newOutputSet(dir, in.inputs...)
		if err := addDiagnosisTables(out, res); err != nil {
			return err
		}
		return finish(c, out, res)
	}
	printWarnings(c, res.Warnings)
	return nil
}

// diagFindUnit returns the row of the unit with the given name or code, or -1.
func diagFindUnit(res *scoring.Result, name string) int {
	name = strings.TrimSpace(name)
	for i, u := range res.Unit {
		if u == name {
			return i
		}
	}
	for i, code := range res.Code {
		if code != "" && code == name {
			return i
		}
	}
	return -1
}

// diagScore1 formats an index or score with one decimal ("-" when missing).
func diagScore1(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// diagShare formats a share as a percentage with one decimal.
func diagShare(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

func diagLabel(res *scoring.Result, id, lang string) string {
	if nr := res.Node(id); nr != nil {
		return nr.Node.Label(lang)
	}
	return id
}

// writeDiagnosisOverview prints the summary sentence and one line per
// unit, in ranking order.
func writeDiagnosisOverview(w io.Writer, res *scoring.Result, lang string) {
	dg := res.Diagnosis
	fmt.Fprintln(w, dg.Summary(lang))
	fmt.Fprintln(w)
	order := make([]int, len(res.Unit))
	for i := range order {
		order[i] = i
	}
	idx := dg.Values
	slices.SortStableFunc(order, func(a, b int) int { // by index, missing last
		switch {
		case diagBetter(idx[a], idx[b]):
			return -1
		case diagBetter(idx[b], idx[a]):
			return 1
		}
		return 0
	})
	rows := [][]string{{pick(lang, "单位", "Unit"), pick(lang, "指数", "Index"), pick(lang, "等级", "Grade"),
		pick(lang, "组内排名", "In group"), pick(lang, "薄弱", "Weak"), pick(lang, "最弱领域 / 原因", "Weakest domains / reasons")}}
	for _, i := range order {
		u := dg.Units[i]
		peer := "-"
		if u.PeerRank > 0 {
			peer = fmt.Sprintf("%d/%d", u.PeerRank, u.PeerCount)
		}
		weak := ""
		if u.Flagged {
			weak = pick(lang, "是", "yes")
		}
		var why []string
		for _, d := range u.Weaknesses {
			if nr := res.Node(d.ID); nr != nil && nr.Depth == 1 && !nr.Node.IsIndicator() && len(why) < 2 {
				why = append(why, nr.Node.Label(lang))
			}
		}
		var rules []string
		for _, f := range u.Findings {
			if f.Flags {
				rules = append(rules, f.Rule)
			}
		}
		note := strings.Join(why, pick(lang, "、", ", "))
		if len(rules) > 0 {
			note += " [" + strings.Join(rules, ", ") + "]"
		}
		grade := u.Grade
		if grade == "" {
			grade = "-"
		}
		rows = append(rows, []string{res.Unit[i], diagScore1(u.Index), grade, peer, weak, note})
	}
	writeTextTable(w, rows, 1)
	fmt.Fprintln(w)
	fmt.Fprintln(w, pick(lang, "用 --unit 名称 查看单个单位的完整诊断。", "Use --unit NAME for one unit's full profile."))
}

// diagBetter orders index values: larger first, missing last.
func diagBetter(a, b float64) bool {
	if math.IsNaN(b) {
		return !math.IsNaN(a)
	}
	return !math.IsNaN(a) && a > b
}

// writeProfile prints unit i's profile.
func writeProfile(w io.Writer, res *scoring.Result, i int, lang string) {
	dg := res.Diagnosis
	u := dg.Units[i]
	fmt.Fprintln(w, pick(lang, u.Summary, u.SummaryEN))
	if u.Flagged {
		fmt.Fprintln(w, pick(lang, "结论：薄弱地区", "Verdict: weak area"))
	} else {
		fmt.Fprintln(w, pick(lang, "结论：未被标记为薄弱地区", "Verdict: not flagged as a weak area"))
	}
	if u.PeerRank > 0 {
		fmt.Fprintf(w, pick(lang, "同组（%s）%d 个单位中排第 %d\n", "Group %s: rank %[3]d of %[2]d\n"), u.PeerGroup, u.PeerCount, u.PeerRank)
	}
	section := func(title string) { fmt.Fprintf(w, "\n%s\n", title) }
	var flagging, domains, missing []string
	for _, f := range u.Findings {
		zh, en := f.Text()
		m := pick(lang, zh, en)
		switch {
		case f.Flags:
			flagging = append(flagging, m)
		case f.Rule == scoring.RuleGroupSD || f.Rule == scoring.RuleGroupFloor:
			domains = append(domains, m)
		case f.Rule == scoring.RuleMissing:
			missing = append(missing, m)
		}
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		section(title)
		for _, it := range items {
			fmt.Fprintf(w, "  - %s\n", it)
		}
	}
	list(pick(lang, "标记原因", "Why it is flagged"), flagging)
	list(pick(lang, "短板领域", "Weak domains"), domains)
	side := func(title string, ds []scoring.Deviation) {
		var items []string
		for _, d := range ds {
			item := fmt.Sprintf("%s %+.1f", diagLabel(res, d.ID, lang), d.Diff)
			if !math.IsNaN(d.Ahead) {
				item += pick(lang, "（", " (") + diagNaturalDiff(res, d.ID, d.Ahead, lang) + pick(lang, "）", ")")
			}
			items = append(items, item)
		}
		list(title, items)
	}
	side(pick(lang, "优势（与区域均值的得分差；括号内为与区域基准之差，原单位）", "Strengths (score points against the region mean; in brackets, against the region benchmark in the indicator's unit)"), u.Strengths)
	side(pick(lang, "劣势（同上）", "Weaknesses (as above)"), u.Weaknesses)
	if len(u.TopObstacles) > 0 {
		section(pick(lang, "拖后腿最多的指标（障碍度占比）", "Indicators holding it back most (share of obstacle degree)"))
		for k, j := range u.TopObstacles {
			fmt.Fprintf(w, "  %d. %s  %s\n", k+1, diagLabel(res, dg.Indicators[j], lang), diagShare(u.Obstacle[j]))
		}
		var doms []string
		for g, s := range u.GroupObstacle {
			if !math.IsNaN(s) {
				doms = append(doms, diagLabel(res, dg.Groups[g], lang)+" "+diagShare(s))
			}
		}
		fmt.Fprintf(w, "  %s%s\n", pick(lang, "按领域合计：", "By domain: "), strings.Join(doms, pick(lang, "，", ", ")))
	}
	var gaps []string
	for _, g := range u.Gaps {
		zh, en := g.Text()
		if m := pick(lang, zh, en); m != "" && !math.IsNaN(g.Value) {
			if g.TargetText()[0] == "" {
				m = diagLabel(res, g.ID, lang) + pick(lang, "：", ": ") + m
			}
			gaps = append(gaps, m)
		}
	}
	list(pick(lang, "差距（指标本身的单位）", "Gaps (in each indicator's own unit)"), gaps)
	list(pick(lang, "缺失数据", "Missing data"), missing)
}

// diagNaturalDiff formats a signed natural-scale difference (positive:
// better) with the indicator's unit.
func diagNaturalDiff(res *scoring.Result, id string, v float64, lang string) string {
	unit := ""
	if nr := res.Node(id); nr != nil {
		unit = nr.Node.UnitLabel(lang)
	}
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if v > 0 {
		s = "+" + s
	}
	switch unit {
	case "":
	case "%":
		s += pick(lang, " 个百分点", " percentage points")
	case "‰":
		s += pick(lang, " 个千分点", " per-mille points")
	default:
		s += " " + unit
	}
	return s
}

// diagnosisCSVHeader is the header of diagnosis.csv.
var diagnosisCSVHeader = []string{"code", "unit", "year", "record", "rule", "subject", "subject_name", "value", "reference", "gap", "measure_unit", "flags", "grade", "rank", "message", "message_en"}

// addDiagnosisTables adds diagnosis.csv and diagnosis.json.
func addDiagnosisTables(out *outputSet, res *scoring.Result) error {
	if res.Diagnosis == nil {
		return nil
	}
	b, err := diagnosisCSV(res)
	if err != nil {
		return err
	}
	out.add("diagnosis.csv", b)
	j, err := diagnosisJSON(res)
	if err != nil {
		return err
	}
	out.add("diagnosis.json", j)
	return nil
}

// diagnosisCSV renders diagnosis.csv: a long table, one row per record,
// units in input order. Records and their columns:
//
//	unit          value index, reference region mean, gap index - mean,
//	              flags flagged, grade, rank rank in group, message summary
//	finding       rule, subject, value, reference threshold, flags
//	              whether it flags the unit, message
//	strength,     subject group or indicator, value score, reference
//	weakness      region mean score, gap score - mean, rank order
//	obstacle      subject indicator, value share, reference obstacle
//	              degree w(1 - z), rank 1..5 for the top five
//	group-obstacle subject top-level group, value share
//	gap-target    value, reference target, gap improvement still needed
//	gap-benchmark value, reference region benchmark, gap as above
//	gap-rural     value rural, reference urban, gap how far rural is behind
//
// Numbers are at full precision; gaps are in the indicator's own unit
// (measure_unit), positive where an improvement is still needed.
func diagnosisCSV(res *scoring.Result) ([]byte, error) {
	dg := res.Diagnosis
	units := indicatorUnits(res)
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	if err := w.Write(diagnosisCSVHeader); err != nil {
		return nil, err
	}
	year := ""
	if res.Year != 0 {
		year = strconv.Itoa(res.Year)
	}
	fb := strconv.FormatBool
	for i, u := range dg.Units {
		var rows [][]string
		row := func(record, rule, subject, value, ref, gap, munit, flags, grade, rank, msg, msgEN string) {
			name := ""
			if subject != "" {
				name = diagLabel(res, subject, "zh")
			}
			rows = append(rows, []string{safeCell(res.Code[i]), safeCell(u.Unit), year, record, rule, subject, safeCell(name),
				value, ref, gap, safeCell(munit), flags, safeCell(grade), rank, safeCell(msg), safeCell(msgEN)})
		}
		peer := ""
		if u.PeerRank > 0 {
			peer = strconv.Itoa(u.PeerRank)
		}
		row("unit", "", "", formatNumber(u.Index), formatNumber(dg.Mean), formatNumber(u.Index-dg.Mean), "", fb(u.Flagged), u.Grade, peer, u.Summary, u.SummaryEN)
		for _, f := range u.Findings {
			munit := ""
			if f.Rule == scoring.RuleTarget {
				munit = diagUnitOf(res, f.Subject)
			}
			zh, en := findingText(dg, u, f)
			row("finding", f.Rule, f.Subject, formatNumber(f.Value), formatNumber(f.Threshold), "", munit, fb(f.Flags), "", "", zh, en)
		}
		for k, d := range u.Strengths {
			row("strength", "", d.ID, formatNumber(d.Score), formatNumber(d.Region), formatNumber(d.Diff), "", "", "", strconv.Itoa(k+1), "", "")
		}
		for k, d := range u.Weaknesses {
			row("weakness", "", d.ID, formatNumber(d.Score), formatNumber(d.Region), formatNumber(d.Diff), "", "", "", strconv.Itoa(k+1), "", "")
		}
		top := map[int]int{}
		for k, j := range u.TopObstacles {
			top[j] = k + 1
		}
		for j, id := range dg.Indicators {
			rank := ""
			if k, ok := top[j]; ok {
				rank = strconv.Itoa(k)
			}
			row("obstacle", "", id, formatNumber(u.Obstacle[j]), formatNumber(u.ObstacleDegree[j]), "", "", "", "", rank, "", "")
		}
		for g, id := range dg.Groups {
			row("group-obstacle", "", id, formatNumber(u.GroupObstacle[g]), "", "", "", "", "", "", "", "")
		}
		texts := withGapTexts(dg, u)
		for j, g := range u.Gaps {
			munit := units[j]
			var target, bench, rural [2]string
			if texts {
				target, bench, rural = g.TargetText(), g.BenchmarkText(), g.RuralText()
			}
			if !math.IsNaN(g.Target) {
				row("gap-target", "", g.ID, formatNumber(g.Value), formatNumber(g.Target), formatNumber(g.ToTarget), munit, "", "", "", target[0], target[1])
			}
			row("gap-benchmark", "", g.ID, formatNumber(g.Value), formatNumber(g.Benchmark), formatNumber(g.ToBenchmark), munit, "", "", "", bench[0], bench[1])
			if !math.IsNaN(g.Urban) || !math.IsNaN(g.Rural) {
				row("gap-rural", "", g.ID, formatNumber(g.Rural), formatNumber(g.Urban), formatNumber(g.RuralBehind), munit, "", "", "", rural[0], rural[1])
			}
		}
		if err := w.WriteAll(rows); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// withGapTexts reports whether unit u's gaps are written as sentences too.
func withGapTexts(dg *scoring.Diagnosis, u scoring.UnitDiagnosis) bool {
	return u.Flagged || len(dg.Units) <= maxReadableUnits
}

// findingText returns a finding's sentences; a missed target is a gap, so
// its sentence follows the rule for gaps (withGapTexts).
func findingText(dg *scoring.Diagnosis, u scoring.UnitDiagnosis, f scoring.Finding) (zh, en string) {
	if f.Rule == scoring.RuleTarget && !withGapTexts(dg, u) {
		return "", ""
	}
	return f.Text()
}

// indicatorUnits returns the measurement unit of each diagnosed indicator.
func indicatorUnits(res *scoring.Result) []string {
	out := make([]string, len(res.Diagnosis.Indicators))
	for j, id := range res.Diagnosis.Indicators {
		out[j] = diagUnitOf(res, id)
	}
	return out
}

func diagUnitOf(res *scoring.Result, id string) string {
	if nr := res.Node(id); nr != nil {
		return nr.Node.Unit
	}
	return ""
}

type jsonFinding struct {
	Rule      string `json:"rule"`
	Subject   string `json:"subject,omitempty"`
	Value     num    `json:"value"`
	Threshold num    `json:"threshold"`
	Flags     bool   `json:"flags"`
	Msg       string `json:"msg"`
	MsgEN     string `json:"msg_en"`
}

type jsonDeviation struct {
	ID        string `json:"id"`
	Score     num    `json:"score"`
	Region    num    `json:"region_mean_score"`
	Diff      num    `json:"diff"`
	Value     num    `json:"value"`
	Benchmark num    `json:"benchmark"`
	Ahead     num    `json:"ahead"`
}

type jsonObstacle struct {
	ID     string `json:"id"`
	Share  num    `json:"share"`
	Degree num    `json:"degree"`
}

type jsonGroupObstacle struct {
	ID    string `json:"id"`
	Share num    `json:"share"`
}

type jsonGap struct {
	ID          string `json:"id"`
	Unit        string `json:"unit,omitempty"`
	Value       num    `json:"value"`
	Target      num    `json:"target"`
	ToTarget    num    `json:"to_target"`
	Benchmark   num    `json:"benchmark"`
	ToBenchmark num    `json:"to_benchmark"`
	Urban       num    `json:"urban"`
	Rural       num    `json:"rural"`
	RuralBehind num    `json:"rural_behind"`
	Msg         string `json:"msg,omitempty"`
	MsgEN       string `json:"msg_en,omitempty"`
}

type jsonUnitDiagnosis struct {
	Unit           string              `json:"unit"`
	Code           string              `json:"code,omitempty"`
	Group          string              `json:"group,omitempty"`
	Index          num                 `json:"index"`
	Grade          string              `json:"grade"`
	Flagged        bool                `json:"flagged"`
	Reasons        []string            `json:"reasons"`
	Summary        string              `json:"summary"`
	SummaryEN      string              `json:"summary_en"`
	PeerRank       int                 `json:"peer_rank"`
	PeerCount      int                 `json:"peer_count"`
	Findings       []jsonFinding       `json:"findings"`
	Strengths      []jsonDeviation     `json:"strengths"`
	Weaknesses     []jsonDeviation     `json:"weaknesses"`
	Obstacles      []jsonObstacle      `json:"obstacles"`
	GroupObstacles []jsonGroupObstacle `json:"group_obstacles"`
	TopObstacles   []string            `json:"top_obstacles"`
	Gaps           []jsonGap           `json:"gaps"`
	Missing        []string            `json:"missing"`
}

type jsonDiagRules struct {
	Index      string   `json:"index"`
	K          num      `json:"k"`
	Quantile   num      `json:"quantile"`
	Floor      num      `json:"floor"`
	GroupK     num      `json:"group_k"`
	GroupFloor num      `json:"group_floor"`
	Target     bool     `json:"target"`
	URRatio    num      `json:"urban_rural_below"`
	Regional   num      `json:"regional_below"`
	Grades     []string `json:"grades"`
}

type jsonDiagnosis struct {
	Index       string              `json:"index"`
	Rules       jsonDiagRules       `json:"rules"`
	Mean        num                 `json:"mean"`
	SD          num                 `json:"sd"`
	QuantileCut num                 `json:"quantile_cut"`
	Benchmark   string              `json:"benchmark"`
	Summary     string              `json:"summary"`
	SummaryEN   string              `json:"summary_en"`
	Groups      []jsonDiagGroup     `json:"groups"`
	Indicators  []jsonDiagIndicator `json:"indicators"`
	Units       []jsonUnitDiagnosis `json:"units"`
	Warnings    []scoring.Warning   `json:"warnings"`
}

type jsonDiagGroup struct {
	ID   string `json:"id"`
	Mean num    `json:"mean"`
	SD   num    `json:"sd"`
}

type jsonDiagIndicator struct {
	ID        string `json:"id"`
	Unit      string `json:"unit,omitempty"`
	Direction string `json:"direction"`
	Benchmark num    `json:"benchmark"`
	ScoreMean num    `json:"score_mean"`
	ObstacleZ string `json:"obstacle_z"`
}

// diagnosisJSON renders diagnosis.json: the rules and region statistics,
// then every unit's profile at full precision (missing numbers are null).
func diagnosisJSON(res *scoring.Result) ([]byte, error) {
	dg := res.Diagnosis
	units := indicatorUnits(res)
	r := dg.Rules
	out := jsonDiagnosis{
		Index: dg.Index, Mean: num(dg.Mean), SD: num(dg.SD), QuantileCut: num(dg.QuantileCut),
		Benchmark: res.Framework.Benchmark, Summary: dg.Summary("zh"), SummaryEN: dg.Summary("en"),
		Rules: jsonDiagRules{Index: r.Index, K: num(r.K), Quantile: num(r.Quantile), Floor: num(r.Floor), GroupK: num(r.GroupK),
			GroupFloor: num(r.GroupFloor), Target: r.Target, URRatio: num(r.URRatio), Regional: num(r.Regional), Grades: []string{}},
		Warnings: res.Warnings,
	}
	if out.Warnings == nil {
		out.Warnings = []scoring.Warning{}
	}
	for _, g := range r.Grades {
		if math.IsInf(g.Min, -1) || math.IsNaN(g.Min) {
			out.Rules.Grades = append(out.Rules.Grades, g.Label)
		} else {
			out.Rules.Grades = append(out.Rules.Grades, g.Label+" >= "+formatNumber(g.Min))
		}
	}
	for g, id := range dg.Groups {
		out.Groups = append(out.Groups, jsonDiagGroup{ID: id, Mean: num(dg.GroupMean[g]), SD: num(dg.GroupSD[g])})
	}
	for j, id := range dg.Indicators {
		dir := ""
		if nr := res.Node(id); nr != nil {
			dir = nr.Node.Direction.String()
		}
		out.Indicators = append(out.Indicators, jsonDiagIndicator{ID: id, Unit: diagUnitOf(res, id), Direction: dir,
			Benchmark: num(dg.Benchmark[j]), ScoreMean: num(dg.ScoreMean[j]), ObstacleZ: dg.ObstacleZ[j]})
	}
	dev := func(ds []scoring.Deviation) []jsonDeviation {
		out := []jsonDeviation{}
		for _, d := range ds {
			out = append(out, jsonDeviation{ID: d.ID, Score: num(d.Score), Region: num(d.Region), Diff: num(d.Diff),
				Value: num(d.Value), Benchmark: num(d.Benchmark), Ahead: num(d.Ahead)})
		}
		return out
	}
	for i, u := range dg.Units {
		ju := jsonUnitDiagnosis{
			Unit: u.Unit, Code: res.Code[i], Group: u.PeerGroup, Index: num(u.Index), Grade: u.Grade, Flagged: u.Flagged,
			Reasons: append([]string{}, res.WeakReasons[i]...), Summary: u.Summary, SummaryEN: u.SummaryEN,
			PeerRank: u.PeerRank, PeerCount: u.PeerCount, Findings: []jsonFinding{},
			Strengths: dev(u.Strengths), Weaknesses: dev(u.Weaknesses), TopObstacles: []string{},
			Missing: append([]string{}, u.Missing...),
		}
		for _, f := range u.Findings {
			zh, en := findingText(dg, u, f)
			ju.Findings = append(ju.Findings, jsonFinding{Rule: f.Rule, Subject: f.Subject, Value: num(f.Value),
				Threshold: num(f.Threshold), Flags: f.Flags, Msg: zh, MsgEN: en})
		}
		for j, id := range dg.Indicators {
			ju.Obstacles = append(ju.Obstacles, jsonObstacle{ID: id, Share: num(u.Obstacle[j]), Degree: num(u.ObstacleDegree[j])})
		}
		for g, id := range dg.Groups {
			ju.GroupObstacles = append(ju.GroupObstacles, jsonGroupObstacle{ID: id, Share: num(u.GroupObstacle[g])})
		}
		for _, j := range u.TopObstacles {
			ju.TopObstacles = append(ju.TopObstacles, dg.Indicators[j])
		}
		texts := withGapTexts(dg, u)
		for j, g := range u.Gaps {
			var zh, en string
			if texts {
				zh, en = g.Text()
			}
			ju.Gaps = append(ju.Gaps, jsonGap{ID: g.ID, Unit: units[j], Value: num(g.Value), Target: num(g.Target),
				ToTarget: num(g.ToTarget), Benchmark: num(g.Benchmark), ToBenchmark: num(g.ToBenchmark), Urban: num(g.Urban),
				Rural: num(g.Rural), RuralBehind: num(g.RuralBehind), Msg: zh, MsgEN: en})
		}
		out.Units = append(out.Units, ju)
	}
	return marshalJSON(out, len(dg.Units))
}
