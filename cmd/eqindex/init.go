package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// Files written by init.
const (
	initFramework = "framework.yaml"
	initCSV       = "data-template.csv"
	initXLSX      = "data-template.xlsx"
	initReadme    = "README.md"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "start an assessment: write framework.yaml, a data template (xlsx and CSV) and a README",
		UsageText: `eqindex init --framework national-14th -o myassessment/
eqindex init --framework my-framework.yaml -o myassessment/ --urban-rural`,
		Description: `Writes into DIR:
   framework.yaml      a copy of the framework to edit (the built-in files are
                       commented in Chinese and English)
   data-template.xlsx  the data sheet: one column per indicator (header = its
                       name), units and directions in row 2, one example row
   data-template.csv   the same as CSV (UTF-8 with BOM, opens in Excel)
   README.md           how to fill it in, and the indicator list

The example row is valid data, so the untouched template validates; delete it
before scoring (validate warns while it is there). --urban-rural adds an
@urban and an @rural column after every indicator and population@urban and
population@rural; without it, add them by hand for the indicators you have
urban and rural figures for (see README.md).

Existing files are not overwritten unless --force is given.`,
		Flags: []cli.Flag{fwFlag, outFlag,
			&cli.BoolFlag{Name: "urban-rural", Usage: "add @urban and @rural columns for every indicator, and population@urban/@rural"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite files that already exist in DIR"},
		},
		Action: initAction,
	}
}

func initAction(c *cli.Context) error {
	arg := c.String("framework")
	var src []byte
	var inputs []string
	if _, err := os.Stat(arg); err == nil {
		if src, err = os.ReadFile(arg); err != nil {
			return usageErrf("--framework: %v", err)
		}
		inputs = append(inputs, arg)
	} else if src, err = frameworks.Framework(arg); err != nil {
		return usageErrf("--framework: %q is neither a file nor a built-in framework (built-in: %s)", arg, strings.Join(frameworks.Names(), ", "))
	}
	fw, err := data.ParseFramework(arg, src, nil)
	if err != nil {
		return dataErr(err)
	}
	ur := c.Bool("urban-rural")
	opt := data.TemplateOptions{UrbanRural: ur}
	example := data.TemplateExample(fw, ur)
	var csvBuf, xlsxBuf bytes.Buffer
	if err := data.WriteTemplateCSV(&csvBuf, fw, example, opt); err != nil {
		return err
	}
	if err := data.WriteTemplateWorkbook(&xlsxBuf, fw, example, opt); err != nil {
		return err
	}
	out := newOutputSet(c.String("out"), inputs...)
	out.add(initFramework, src)
	out.add(initCSV, csvBuf.Bytes())
	out.add(initXLSX, xlsxBuf.Bytes())
	out.add(initReadme, templateReadme(fw, arg, ur))
	if !c.Bool("force") {
		var exist []string
		for _, name := range out.names() {
			if _, err := os.Stat(filepath.Join(out.dir, name)); err == nil {
				exist = append(exist, name)
			}
		}
		if len(exist) > 0 {
			return usageErrf("%s already has %s: not overwriting (use --force, or choose another -o folder)", out.dir, strings.Join(exist, ", "))
		}
	}
	if err := out.commit(); err != nil {
		return dataErr(err)
	}
	fmt.Fprintf(c.App.Writer, "wrote %d files to %s: %s\n", len(out.files), out.dir, strings.Join(out.names(), ", "))
	fmt.Fprintf(c.App.Writer, "next: fill in %s (or %s), delete the example row, then\n   eqindex validate --data %s --framework %s\n",
		initXLSX, initCSV, filepath.Join(out.dir, initXLSX), filepath.Join(out.dir, initFramework))
	return nil
}

// templateReadme is the README.md that init writes next to the templates.
func templateReadme(fw *scoring.Framework, from string, urbanRural bool) []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# %s", mdText(fw.Name))
	if fw.NameEN != "" {
		p("%s", mdText(fw.NameEN))
	}
	p("")
	p("数据填写说明 / How to fill in the data. Framework: `%s` (copied to framework.yaml).", from)
	p("")
	p("## 文件 Files")
	p("")
	p("- `framework.yaml`: 指标体系, 可以编辑(权重、目标值、阈值等, 文件内有中英文注释)。 The index framework; edit weights, targets and goalposts there (it is commented).")
	p("- `data-template.xlsx`: 在 Excel 中填写“数据”表; “说明”表列出全部指标。 Fill in sheet 数据; sheet 说明 lists the indicators.")
	p("- `data-template.csv`: 同样的表格, CSV 格式 (UTF-8)。 The same table as CSV (UTF-8 with BOM, opens in Excel).")
	p("")
	p("## 怎么填 How to fill in")
	p("")
	p("1. 每行一个县区(单位)。第1行是表头, 不要改; 第2行以 # 开头, 给出各列的单位和方向, 读取时跳过。")
	p("   One row per county or district. Row 1 is the header: keep it. Row 2 starts with # and gives each column's unit and direction; it is skipped when the file is read.")
	p("2. 示例行“%s”是合法数据, 所以未修改的模板也能通过检查; 填好数据后请删除它(否则会被当作一个县区评分, validate 会提示)。", data.ExampleUnit)
	p("   The example row is valid data, so the untouched template validates; delete it once your rows are in (otherwise it is scored as a county; validate warns).")
	p("3. 百分比填百分数: 95 表示 95%%, 不要填 0.95(整列都在 0 到 1 之间时会警告)。也可以填“95%%”。")
	p("   Type percentages as percent: 95 means 95%%, not 0.95 (a whole column in [0, 1] gives a warning). \"95%%\" also works.")
	p("4. 只填数字, 不要在单元格里写单位(“2.1人”会报错)。缺失值留空, 或填 -、NA、无; 不要填 0(0 是一个真实的值)。")
	p("   Numbers only, no units in the cells (\"2.1人\" is an error). Leave a missing value empty (or -, NA, 无); never 0, which is a real value.")
	p("5. Excel 中数字要存为数字: 单元格左上角有绿色三角(“以文本形式存储的数字”)时, 选中后“转换为数字”。这种单元格仍会按数字读取, 但会有提示。")
	p("   In Excel, store numbers as numbers (a green triangle marks a number stored as text); such cells are still read as numbers, with a warning.")
	p("6. 常住人口: 每行同一计量单位(人或万人)。人口用于按人口加权的区域基准和不平等指标; 不知道可以留空(整列留空则不加权)。")
	p("   Population: resident population, in the same unit (persons or 10,000 persons) on every row. It weights the regional benchmark and the inequality measures; leave the whole column empty if unknown.")
	p("7. 行政区划代码、分组可选。分组(如 市辖区 / 县 / 功能区)用于分组比较和分解。同一县区不要出现两次(多年数据除外)。")
	p("   Code and group are optional; the group (e.g. 市辖区 / 县 / 功能区) is used for group comparisons and decompositions. A county may appear only once (once per year with a year column).")
	p("8. 表头可以用指标名称或指标 id; 名称后面加“(单位)”也能识别。")
	p("   Headers may be the indicator's name or its id; a unit suffix in parentheses is accepted.")
	p("")
	p("## 城乡数据 Urban and rural values")
	p("")
	if urbanRural {
		p("本模板已为每个指标加了“@urban”(城镇)和“@rural”(乡村)两列, 以及 population@urban、population@rural。没有城乡数据的指标, 删掉它的两列即可(总值列必须保留)。")
		p("This template has an @urban and an @rural column after every indicator, and population@urban and population@rural. Delete both columns of an indicator you have no urban/rural figures for (keep its total column).")
	} else {
		p("框架没有规定哪些指标分城乡, 县区统计中通常只有少数指标有城乡数据, 所以本模板默认不含城乡列。需要时, 在指标列后加两列“<表头>@urban”(城镇)和“<表头>@rural”(乡村), 并加 population@urban、population@rural 两列(城镇、乡村常住人口); 或者用 `eqindex init --urban-rural` 重新生成带全部城乡列的模板。总值列必须保留。")
		p("The framework does not say which indicators have urban and rural values, and county statistics usually have them for only a few, so this template has no urban/rural columns. To add them, put `<header>@urban` and `<header>@rural` columns after an indicator and add population@urban and population@rural (urban and rural resident population); or rerun `eqindex init --urban-rural` for a template with them for every indicator. The total column stays required.")
	}
	p("")
	p("## 多年数据 Several years")
	p("")
	p("加一列“年份”(year), 每个县区每年一行; 评分默认用最近一年, 用 --year 选择。")
	p("Add a column 年份 (year), one row per county and year; scoring uses the latest year unless --year says otherwise.")
	p("")
	p("## 检查和评分 Check and score")
	p("")
	p("```")
	p("eqindex validate --data data-template.xlsx --framework framework.yaml")
	p("eqindex report   --data data-template.xlsx --framework framework.yaml -o out/ --xlsx")
	p("```")
	p("")
	p("validate 会列出所有问题的位置(表、行、列)。report 写出 report.html、scores.csv 等; --xlsx 另写 eqindex-results.xlsx。")
	p("validate lists every problem with its sheet, row and column; report writes report.html, scores.csv and the other tables; --xlsx adds eqindex-results.xlsx.")
	p("")
	p("## 指标 Indicators")
	p("")
	p("| id | 指标 indicator | 单位 unit | 方向 direction | 目标 target |")
	p("|---|---|---|---|---|")
	for _, n := range fw.Root.Indicators() {
		dir := "越高越好 higher"
		if n.Direction == scoring.Lower {
			dir = "越低越好 lower"
		}
		target := ""
		if n.Target != nil {
			target = strconv.FormatFloat(*n.Target, 'g', -1, 64)
		}
		p("| %s | %s | %s | %s | %s |", n.ID, mdText(n.Name), mdText(n.Unit), dir, target)
	}
	return []byte(b.String())
}

// mdText keeps user text on one line and out of Markdown table syntax.
func mdText(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", "\\|")
}
