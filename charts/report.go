package charts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/eqindex/eqindex/scoring"
)

// DefaultEChartsURL is where pages load ECharts from unless Options say
// otherwise: npm echarts@5.6.0 dist/echarts.min.js on jsDelivr.
const DefaultEChartsURL = "https://cdn.jsdelivr.net/npm/echarts@5.6.0/dist/echarts.min.js"

// EChartsIntegrity is the Subresource Integrity hash of npm echarts@5.6.0
// dist/echarts.min.js (sha384, base64). Every script src the package
// writes carries it, so a browser refuses any other file.
const EChartsIntegrity = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"

// Block is one section of the report page. The page is a list of blocks,
// so later stages (equalization, diagnosis) add theirs by appending to the
// slice Blocks returns before WritePage.
type Block struct {
	// ID is the section's HTML id and anchor (ASCII: letters, digits, '-'
	// and '_'); it must be unique on the page.
	ID string
	// Heading is the section title.
	Heading string
	// Reading is one plain-language sentence saying what the section shows
	// and how to read it.
	Reading string
	// Paragraphs are shown after the reading.
	Paragraphs []string
	// Chart is drawn when not nil. Chart names must be unique on the page.
	Chart *Chart
	// Caption is shown under the chart (e.g. the rule that colours bars).
	Caption string
	// Items are shown as a bulleted list.
	Items []string
	// Table is shown when not nil.
	Table *Table
	// Sub are subsections, shown with smaller headings.
	Sub []Block
}

// Table is a table of already formatted cells.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
	// Numeric marks right-aligned columns (index = column); may be short.
	Numeric []bool
	// Flag marks highlighted rows (index = row), e.g. weak areas; may be
	// short or nil.
	Flag []bool
	// Collapsed shows the table folded under its caption (a details
	// element), for long detail tables.
	Collapsed bool
}

func (t *Table) numeric(c int) bool { return c < len(t.Numeric) && t.Numeric[c] }
func (t *Table) flag(r int) bool    { return r < len(t.Flag) && t.Flag[r] }

//go:embed templates/*.html
var templateFS embed.FS

var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"numeric": func(t *Table, c int) bool { return t.numeric(c) },
	"flag":    func(t *Table, r int) bool { return t.flag(r) },
	// long marks cells that may wrap; shorter cells keep to one line.
	"long": func(s string) bool { return utf8.RuneCountInString(s) > 16 },
}).ParseFS(templateFS, "templates/*.html"))

// Report writes the whole report page for res: Blocks followed by
// WritePage.
func Report(w io.Writer, res *scoring.Result, opt Options) error {
	blocks, err := Blocks(res, opt)
	if err != nil {
		return err
	}
	if opt.Title == "" {
		opt.Title = DefaultTitle(res, opt.Lang)
	}
	return WritePage(w, blocks, opt)
}

// DefaultTitle is the page title used when Options.Title is empty: the
// framework name in the language, with the year when there is one.
func DefaultTitle(res *scoring.Result, lang string) string {
	t := "eqindex"
	if res != nil && res.Framework != nil {
		f := res.Framework
		switch {
		case lang == "en" && f.NameEN != "":
			t = f.NameEN
		case f.Name != "":
			t = f.Name
		case f.NameEN != "":
			t = f.NameEN
		}
		if res.Year != 0 {
			t += tr(lang, "（"+strconv.Itoa(res.Year)+"年）", " ("+strconv.Itoa(res.Year)+")")
		}
	}
	return t
}

// pageData is what the page templates see.
type pageData struct {
	Lang      string
	HTMLLang  string
	Title     string
	Note      string
	Script    scriptTag
	Missing   string // the notice shown while ECharts is not available
	Nav       []navItem
	Blocks    []Block
	Charts    []chartData
	ChartPage *Chart // set for a single-chart page
}

type navItem struct{ ID, Heading string }

type scriptTag struct {
	Src string
	// Integrity is the attribute integrity="EChartsIntegrity", built only
	// from that constant (html/template would write its '+' as &#43;).
	Integrity template.HTMLAttr
	Inline    template.JS // the ECharts library itself, never user text
}

// chartData is handed to the page script as a JSON value (html/template
// escapes it for the script context).
type chartData struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
}

func chartElementID(name string) string { return "chart-" + name }

// script works out how the page loads ECharts.
func script(opt Options) (scriptTag, error) {
	if len(opt.EChartsJS) > 0 {
		low := bytes.ToLower(opt.EChartsJS)
		for _, bad := range []string{"</script", "<!--"} {
			if bytes.Contains(low, []byte(bad)) {
				return scriptTag{}, fmt.Errorf("charts: Options.EChartsJS contains %q and cannot be inlined in a script element", bad)
			}
		}
		// The library is trusted code chosen by the user of the program
		// (like the template itself), checked above for sequences that
		// would end the script element.
		return scriptTag{Inline: template.JS(opt.EChartsJS)}, nil
	}
	src := DefaultEChartsURL
	if u := strings.TrimSpace(opt.EChartsURL); u != "" {
		if strings.HasSuffix(strings.ToLower(u), ".js") {
			src = u
		} else {
			src = strings.TrimRight(u, "/") + "/echarts.min.js"
		}
	}
	return scriptTag{Src: src, Integrity: template.HTMLAttr(`integrity="` + EChartsIntegrity + `"`)}, nil
}

// WritePage writes an HTML page with the given blocks. The title is
// opt.Title ("eqindex" when empty); opt.Note is shown under it.
func WritePage(w io.Writer, blocks []Block, opt Options) error {
	d, err := newPage(opt)
	if err != nil {
		return err
	}
	ids := map[string]bool{}
	var walk func(bs []Block, top bool) error
	walk = func(bs []Block, top bool) error {
		for _, b := range bs {
			if b.ID != "" {
				if !idRE.MatchString(b.ID) {
					return fmt.Errorf("charts: block id %q: want letters, digits, '-' or '_'", b.ID)
				}
				if ids[b.ID] {
					return fmt.Errorf("charts: duplicate block id %q", b.ID)
				}
				ids[b.ID] = true
			}
			if top && b.ID != "" && b.Heading != "" {
				d.Nav = append(d.Nav, navItem{b.ID, b.Heading})
			}
			if b.Chart != nil {
				if err := d.addChart(*b.Chart); err != nil {
					return err
				}
			}
			if err := walk(b.Sub, false); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(blocks, true); err != nil {
		return err
	}
	d.Blocks = blocks
	return execute(w, "report.html", d)
}

func newPage(opt Options) (*pageData, error) {
	s, err := script(opt)
	if err != nil {
		return nil, err
	}
	title := opt.Title
	if title == "" {
		title = "eqindex"
	}
	return &pageData{
		Lang:     opt.Lang,
		HTMLLang: tr(opt.Lang, "zh-CN", "en"),
		Title:    title,
		Note:     opt.Note,
		Script:   s,
		Missing: tr(opt.Lang,
			"图表需要 ECharts 脚本，当前未能加载（可能处于离线环境）。下方表格内容完整，不受影响。",
			"The charts need the ECharts script, which did not load (perhaps you are offline). The tables below are complete."),
	}, nil
}

func (d *pageData) addChart(c Chart) error {
	if !chartNameRE.MatchString(c.Name) {
		return fmt.Errorf("charts: chart name %q: want lower-case letters, digits, '-' or '_'", c.Name)
	}
	// html/template does not fail on NaN: it writes a comment and null.
	if err := checkFinite(c.Option, c.Name); err != nil {
		return err
	}
	for _, o := range d.Charts {
		if o.ID == chartElementID(c.Name) {
			return fmt.Errorf("charts: duplicate chart name %q", c.Name)
		}
	}
	d.Charts = append(d.Charts, chartData{ID: chartElementID(c.Name), Option: c.Option})
	return nil
}

// execute renders into a buffer first so that a failing template (for
// example a NaN in an option, which encoding/json rejects) writes nothing.
func execute(w io.Writer, name string, d *pageData) error {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, d); err != nil {
		return fmt.Errorf("charts: render %s: %w", name, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteChartPage writes a page holding one chart alone, filling the
// window, for use in an iframe. opt.Title defaults to the chart's title.
func WriteChartPage(w io.Writer, c Chart, opt Options) error {
	if opt.Title == "" {
		opt.Title = c.Title
	}
	d, err := newPage(opt)
	if err != nil {
		return err
	}
	if err := d.addChart(c); err != nil {
		return err
	}
	d.ChartPage = &c
	return execute(w, "chart.html", d)
}

// WriteChartJSON writes the chart's ECharts option as indented JSON, for a
// site that runs ECharts itself (echarts.init(el).setOption(option)).
// Keys are sorted; <, > and & are escaped as \u003c, \u003e and \u0026, so
// the text is also safe to paste into a script element.
func WriteChartJSON(w io.Writer, c Chart) error {
	if err := checkFinite(c.Option, c.Name); err != nil {
		return err
	}
	b, err := json.MarshalIndent(c.Option, "", "  ")
	if err != nil {
		return fmt.Errorf("charts: chart %s: %w", c.Name, err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// checkFinite reports a NaN or Inf anywhere in an option.
func checkFinite(v any, path string) error {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("charts: %s is %v; use \"-\" for missing values", path, x)
		}
	case float32:
		return checkFinite(float64(x), path)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := checkFinite(x[k], path+"."+k); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if err := checkFinite(e, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	}
	return nil
}
