package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// demoNote is shown on everything made from the embedded demo data.
const demoNote = "示例数据：数值为演示而构造，并非官方统计。 / Illustrative data: the values are made up for the example and are not official statistics."

var (
	dataFlag = &cli.StringFlag{Name: "data", Aliases: []string{"d"}, Usage: "county data `FILE` (.csv wide or long, .tsv, .xlsx)", Required: true}
	fwFlag   = &cli.StringFlag{Name: "framework", Aliases: []string{"f"}, Usage: "framework YAML `FILE`, or the name of a built-in framework (see eqindex frameworks)", Required: true}
	setFlag  = &cli.StringSliceFlag{Name: "set", Usage: "override a framework key for this run, e.g. --set weighting=entropy --set education.weight=2 (repeatable)"}
	yearFlag = &cli.IntFlag{Name: "year", Usage: "`YEAR` to score and report when the data has a year column (default: the latest)"}
	langFlag = &cli.StringFlag{Name: "lang", Value: "zh", Usage: "label language: zh or en"}
	encFlag  = &cli.StringFlag{Name: "encoding", Usage: "input encoding: utf-8, gb18030, gbk or utf-16 (default: detected)"}
	shtFlag  = &cli.StringFlag{Name: "sheet", Usage: "xlsx sheet `NAME` (default: the first sheet)"}
	outFlag  = &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `DIR` (created if missing)", Required: true}
	urlFlag  = &cli.StringFlag{Name: "echarts-url", Usage: "load ECharts from this `URL` or base URL instead of the default CDN (the file must be echarts@5.6.0 dist/echarts.min.js)"}
	ecFlag   = &cli.StringFlag{Name: "echarts", Usage: "inline this echarts.min.js `FILE` into the report, so it works offline as one file"}
	chFlag   = &cli.BoolFlag{Name: "charts", Usage: "also write charts/<name>.html (one chart per page, for an iframe) and charts/<name>.json (its ECharts option)"}
)

func commands() []*cli.Command {
	loadFlags := []cli.Flag{dataFlag, fwFlag, setFlag, yearFlag, langFlag, encFlag, shtFlag}
	reportFlags := []cli.Flag{urlFlag, ecFlag, chFlag}
	return []*cli.Command{
		{
			Name:  "demo",
			Usage: "score the embedded Panjin example (illustrative data) and write tables and report.html",
			Description: `Runs the whole assessment on the embedded example: the six units named by the
Panjin 13th five-year plan for basic public services (盘山县, 双台子区, 兴隆台区,
大洼区, 辽东湾新区, 辽河口生态经济区) with about 20 indicators over the eight domains.

The values are illustrative, not official statistics: they were made up to be
plausible in magnitude and consistent with the plan's own account of each unit.

The inputs used are written next to the outputs (data.csv, framework.yaml), so
you can edit them and rerun:
   eqindex report --data out/data.csv --framework out/framework.yaml -o out2/`,
			Flags:  append([]cli.Flag{&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "eqindex-demo", Usage: "output `DIR`"}, setFlag, yearFlag, langFlag, xlsxFlag}, reportFlags...),
			Action: demoAction,
		},
		{
			Name:      "validate",
			Usage:     "check a data file against a framework and report every problem",
			UsageText: "eqindex validate --data counties.csv --framework fw.yaml",
			Flags:     loadFlags,
			Action:    validateAction,
		},
		{
			Name:      "score",
			Usage:     "score the data and write scores.csv and scores.json",
			UsageText: "eqindex score --data counties.csv --framework fw.yaml -o out/",
			Flags:     append(loadFlags, outFlag, xlsxFlag),
			Action:    func(c *cli.Context) error { return scoreAction(c, false) },
		},
		{
			Name:      "report",
			Usage:     "score the data and write the tables and report.html",
			UsageText: "eqindex report --data counties.csv --framework fw.yaml -o out/",
			Flags:     append(append(loadFlags, outFlag, xlsxFlag), reportFlags...),
			Action:    func(c *cli.Context) error { return scoreAction(c, true) },
		},
		{
			Name:   "frameworks",
			Usage:  "list the built-in frameworks",
			Action: frameworksAction,
		},
		weightsCommand(),
		gapsCommand(),
		diagnoseCommand(),
		genCommand(),
		initCommand(),
	}
}

// loaded is what a command read: the framework, the data and the loader's
// warnings.
type loaded struct {
	fw       *scoring.Framework
	ds       *scoring.Dataset
	warnings []scoring.Warning
	dataName string
	inputs   []string
}

// loadFramework reads a framework file, or a built-in framework by name.
func loadFramework(arg string, sets []string) (*scoring.Framework, error) {
	if _, err := os.Stat(arg); err == nil {
		fw, err := data.LoadFramework(arg, sets)
		return fw, dataErr(err)
	}
	if src, err := frameworks.Framework(arg); err == nil {
		fw, err := data.ParseFramework(arg, src, sets)
		return fw, dataErr(err)
	}
	return nil, usageErrf("--framework: %q is neither a file nor a built-in framework (built-in: %s)", arg, strings.Join(frameworks.Names(), ", "))
}

func load(c *cli.Context) (*loaded, error) {
	if err := checkLang(c); err != nil {
		return nil, err
	}
	fw, err := loadFramework(c.String("framework"), c.StringSlice("set"))
	if err != nil {
		return nil, err
	}
	path := c.String("data")
	if _, err := os.Stat(path); err != nil {
		return nil, usageErrf("--data: %v", err)
	}
	ds, warns, err := data.LoadDataset(path, fw, data.ReadOptions{Encoding: c.String("encoding"), Sheet: c.String("sheet")})
	if err != nil {
		return nil, dataErr(err)
	}
	warns = append(warns, data.ExampleRowWarnings(ds)...)
	return &loaded{fw: fw, ds: ds, warnings: warns, dataName: filepath.Base(path), inputs: []string{path, c.String("framework")}}, nil
}

func checkLang(c *cli.Context) error {
	if l := c.String("lang"); l != "zh" && l != "en" {
		return usageErrf("--lang: %q is not a language eqindex writes (want zh or en)", l)
	}
	return nil
}

// loadAndScore reads the inputs named by the flags and scores them.
func loadAndScore(c *cli.Context) (*loaded, *scoring.Result, error) {
	in, err := load(c)
	if err != nil {
		return nil, nil, err
	}
	res, err := score(c, in)
	return in, res, err
}

// score runs the scoring pipeline on what was loaded; loader warnings come
// first in the result's warnings.
func score(c *cli.Context, in *loaded) (*scoring.Result, error) {
	res, err := scoring.Run(in.fw, in.ds, scoring.Options{Year: c.Int("year")})
	if err != nil {
		return nil, dataErr(err)
	}
	res.Warnings = append(append([]scoring.Warning(nil), in.warnings...), res.Warnings...)
	return res, nil
}

func validateAction(c *cli.Context) error {
	in, err := load(c)
	if err != nil {
		return err
	}
	years := in.ds.Years()
	span := "no year column"
	if len(years) > 0 {
		span = fmt.Sprintf("years %d-%d", years[0], years[len(years)-1])
	}
	units := map[string]bool{}
	for _, u := range in.ds.Unit {
		units[u] = true
	}
	fmt.Fprintf(c.App.Writer, "ok: %s: %d units x %d indicators, %d rows, %s; framework %q\n",
		in.dataName, len(units), len(in.ds.Indicators), in.ds.Rows(), span, in.fw.Name)
	printWarnings(c, in.warnings)
	return nil
}

func printWarnings(c *cli.Context, ws []scoring.Warning) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(c.App.ErrWriter, "%d warning(s):\n", len(ws))
	for i, w := range ws {
		fmt.Fprintf(c.App.ErrWriter, "  [%d] %s\n", i+1, w.Msg)
	}
}

func scoreAction(c *cli.Context, withReport bool) error {
	in, res, err := loadAndScore(c)
	if err != nil {
		return err
	}
	out := newOutputSet(c.String("out"), in.inputs...)
	if err := addTables(out, res, in.dataName); err != nil {
		return err
	}
	if withReport {
		if err := addReport(c, out, res, in.dataName, ""); err != nil {
			return err
		}
	}
	if err := addWorkbook(c, out, res, in.dataName); err != nil {
		return err
	}
	return finish(c, out, res)
}

// finish writes the outputs and tells the user what was written.
func finish(c *cli.Context, out *outputSet, res *scoring.Result) error {
	if err := out.commit(); err != nil {
		return dataErr(err)
	}
	printWarnings(c, res.Warnings)
	fmt.Fprintf(c.App.Writer, "wrote %d files to %s: %s\n", len(out.files), out.dir, out.summary())
	return nil
}

func addTables(out *outputSet, res *scoring.Result, dataName string) error {
	csvBytes, err := scoresCSV(res)
	if err != nil {
		return err
	}
	out.add("scores.csv", csvBytes)
	js, err := scoresJSON(res, dataName)
	if err != nil {
		return err
	}
	out.add("scores.json", js)
	if err := addEqualizationTables(out, res); err != nil {
		return err
	}
	return addDiagnosisTables(out, res)
}

// chartOptions builds the charts.Options from the flags.
func chartOptions(c *cli.Context, source, note string) (charts.Options, error) {
	opt := charts.Options{Lang: c.String("lang"), Source: source, Note: note, EChartsURL: c.String("echarts-url")}
	if path := c.String("echarts"); path != "" {
		js, err := os.ReadFile(path)
		if err != nil {
			return opt, usageErrf("--echarts: %v", err)
		}
		opt.EChartsJS = js
	}
	return opt, nil
}

func addReport(c *cli.Context, out *outputSet, res *scoring.Result, source, note string) error {
	opt, err := chartOptions(c, source, note)
	if err != nil {
		return err
	}
	var page bytes.Buffer
	if err := charts.Report(&page, res, opt); err != nil {
		return err
	}
	out.add("report.html", page.Bytes())
	if !c.Bool("charts") {
		return nil
	}
	list, err := charts.ReportCharts(res, opt)
	if err != nil {
		return err
	}
	for _, ch := range list {
		var h, j bytes.Buffer
		if err := charts.WriteChartPage(&h, ch, opt); err != nil {
			return err
		}
		if err := charts.WriteChartJSON(&j, ch); err != nil {
			return err
		}
		out.add("charts/"+ch.Name+".html", h.Bytes())
		out.add("charts/"+ch.Name+".json", j.Bytes())
	}
	return nil
}

func demoAction(c *cli.Context) error {
	if err := checkLang(c); err != nil {
		return err
	}
	fwSrc, err := frameworks.Framework(frameworks.DemoFramework)
	if err != nil {
		return err
	}
	fw, err := data.ParseFramework("framework.yaml", fwSrc, c.StringSlice("set"))
	if err != nil {
		return dataErr(err)
	}
	csvSrc := frameworks.DemoData()
	ds, warns, err := data.ReadDataset("data.csv", bytes.NewReader(csvSrc), fw, data.ReadOptions{})
	if err != nil {
		return dataErr(err)
	}
	in := &loaded{fw: fw, ds: ds, warnings: warns, dataName: "data.csv"}
	res, err := score(c, in)
	if err != nil {
		return err
	}
	out := newOutputSet(c.String("out"))
	out.add("data.csv", csvSrc)
	out.add("framework.yaml", fwSrc)
	if err := addTables(out, res, in.dataName); err != nil {
		return err
	}
	if err := addReport(c, out, res, in.dataName, demoNote); err != nil {
		return err
	}
	if err := addWorkbook(c, out, res, in.dataName); err != nil {
		return err
	}
	return finish(c, out, res)
}

func frameworksAction(c *cli.Context) error {
	for _, name := range frameworks.Names() {
		fmt.Fprintf(c.App.Writer, "%-16s %s\n", name, frameworks.Describe(name))
	}
	return nil
}
