package charts_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/scoring"
)

// The browser tests open rendered pages in headless Chromium. They are
// skipped when Chromium is missing, unless EQINDEX_REQUIRE_BROWSER=1.
//
//	CHROMIUM             path of the browser (default /usr/bin/chromium, then $PATH)
//	ECHARTS_JS           path of echarts.min.js 5.6.0 to inline (required with
//	                     EQINDEX_REQUIRE_BROWSER=1; otherwise falls back to
//	                     /tmp/npmecharts/package/dist/echarts.min.js for developers)
//	EQINDEX_SCREENSHOT   write a full-page PNG of the report there

func requireBrowser() bool { return os.Getenv("EQINDEX_REQUIRE_BROWSER") == "1" }

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if requireBrowser() {
		t.Fatal("EQINDEX_REQUIRE_BROWSER=1 but no Chromium found (set CHROMIUM)")
	}
	t.Skip("no Chromium found; set CHROMIUM or install chromium")
	return ""
}

func echartsJS(t *testing.T) []byte {
	t.Helper()
	path := os.Getenv("ECHARTS_JS")
	if path == "" {
		if requireBrowser() {
			t.Fatal("EQINDEX_REQUIRE_BROWSER=1 needs ECHARTS_JS (path of echarts.min.js 5.6.0)")
		}
		path = "/tmp/npmecharts/package/dist/echarts.min.js" // developer convenience
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if requireBrowser() || os.Getenv("ECHARTS_JS") != "" {
			t.Fatalf("ECHARTS_JS: %v", err)
		}
		t.Skipf("no echarts.min.js to inline (%v); set ECHARTS_JS", err)
	}
	return b
}

// chartState is what the page reports about one .chart element.
type chartState struct {
	ID       string  `json:"id"`
	Instance bool    `json:"instance"`
	Canvas   bool    `json:"canvas"`
	W        float64 `json:"w"`
	H        float64 `json:"h"`
}

// pageState is what the test reads from the rendered page.
type pageState struct {
	Charts      []chartState `json:"charts"`
	NoticeShown bool         `json:"noticeShown"`
	Scripts     int          `json:"scripts"`
	Title       string       `json:"title"`
	Cells       []string     `json:"cells"` // first column after the rank in the score table
	Heading     string       `json:"heading"`
}

const stateJS = `(function () {
  var cs = Array.prototype.map.call(document.querySelectorAll('.chart'), function (el) {
    var cv = el.querySelector('canvas');
    return {id: el.id, instance: echarts.getInstanceByDom(el) != null, canvas: cv != null,
      w: cv ? cv.width : 0, h: cv ? cv.height : 0};
  });
  var cells = Array.prototype.map.call(document.querySelectorAll('#scores tbody tr td:nth-child(2)'),
    function (td) { return td.textContent; });
  return {charts: cs, noticeShown: getComputedStyle(document.getElementById('eq-nojs')).display !== 'none',
    scripts: document.scripts.length, title: document.title, cells: cells,
    heading: document.querySelector('h1').textContent};
})()`

// openPage loads the HTML file in a fresh headless browser and returns
// its state, the console messages and any dialogs that tried to open.
func openPage(t *testing.T, exe, file, screenshot string) (pageState, []chromedp.ConsoleMessage, []string) {
	t.Helper()
	parent, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(parent, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)...)
	defer acancel()
	ctx, ccancel := chromedp.NewContext(actx)
	defer ccancel()

	var mu sync.Mutex
	var dialogs []string
	if err := chromedp.Listen(ctx, func(ev any) {
		d, ok := ev.(*page.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		mu.Lock()
		dialogs = append(dialogs, string(d.Type)+": "+d.Message)
		mu.Unlock()
		// Dismiss it from another goroutine so the page does not stall.
		go func() {
			_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
				return err
			}))
		}()
	}); err != nil {
		t.Fatalf("start browser: %v", err)
	}
	messages := chromedp.Console(ctx)
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate("file://"+file),
	); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatalf("read page state: %v", err)
	}
	if screenshot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`console.log("eqindex-done")`)); err != nil {
		t.Fatalf("console marker: %v", err)
	}
	var got []chromedp.ConsoleMessage
	for m, err := range messages {
		if err != nil {
			t.Fatalf("console: %v", err)
		}
		if m.Text == "eqindex-done" {
			break
		}
		got = append(got, m)
	}
	mu.Lock()
	defer mu.Unlock()
	return st, got, append([]string(nil), dialogs...)
}

func TestBrowserReport(t *testing.T) {
	exe := chromiumPath(t)
	js := echartsJS(t)
	cases := []struct {
		name string
		res  *scoring.Result
		opt  charts.Options
	}{
		{"zh", fixture(), charts.Options{Note: "示例数据，非官方统计", EChartsJS: js}},
		{"en", fixture(), charts.Options{Lang: "en", Note: "Example data, not official statistics", EChartsJS: js}},
		{"hostile", hostile(), charts.Options{Note: "</script><script>alert(4)</script>", EChartsJS: js}},
		// The embedded demo through the whole pipeline: every section the
		// report has (diagnosis, equalization) renders.
		{"demo", demoResult(t), charts.Options{Note: "示例数据，非官方统计", EChartsJS: js}},
		{"demo-en", demoResult(t), charts.Options{Lang: "en", EChartsJS: js}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "report.html")
			f, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := charts.Report(f, c.res, c.opt); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			shot := ""
			if p := os.Getenv("EQINDEX_SCREENSHOT"); p != "" && c.name == "demo" {
				shot = p
			}
			st, msgs, dialogs := openPage(t, exe, file, shot)
			for _, m := range msgs {
				if m.Type == chromedp.ConsoleError || m.IsException() {
					t.Errorf("console %s", m)
				}
			}
			if len(dialogs) > 0 {
				t.Errorf("dialogs opened: %q", dialogs)
			}
			// Every chart of the blocks, including ranking, radar (3
			// top-level groups) and heatmap, has a rendered element.
			blocks, err := charts.Blocks(c.res, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := chartIDs(blocks)
			var got []string
			for _, ch := range st.Charts {
				got = append(got, ch.ID)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("chart elements %v, want %v", got, want)
			}
			for _, id := range []string{"chart-ranking", "chart-radar", "chart-heatmap"} {
				if !containsString(got, id) {
					t.Errorf("no %s element", id)
				}
			}
			for _, ch := range st.Charts {
				if !ch.Instance || !ch.Canvas || ch.W <= 0 || ch.H <= 0 {
					t.Errorf("chart %s not rendered: %+v", ch.ID, ch)
				}
			}
			if st.NoticeShown {
				t.Error("the ECharts-missing notice is visible although ECharts loaded")
			}
			if st.Scripts != 2 {
				t.Errorf("page has %d script elements, want 2", st.Scripts)
			}
			if len(st.Cells) != len(c.res.Unit) {
				t.Errorf("score table has %d rows, want %d", len(st.Cells), len(c.res.Unit))
			}
			if c.name == "hostile" {
				// The names arrive as text, whole.
				if want := c.res.Framework.Name + "（2020年）"; st.Title != want || st.Heading != want {
					t.Errorf("title %q, heading %q; want %q", st.Title, st.Heading, want)
				}
				if !containsString(st.Cells, c.res.Unit[0]) || !containsString(st.Cells, c.res.Unit[1]) {
					t.Errorf("score table units %q lack the hostile names", st.Cells)
				}
			}
		})
	}
}

// TestBrowserChartPages opens each single-chart page (as used in an
// iframe) and checks that its chart renders without console errors.
func TestBrowserChartPages(t *testing.T) {
	exe := chromiumPath(t)
	js := echartsJS(t)
	opt := charts.Options{Note: "示例数据，非官方统计", EChartsJS: js}
	cs, err := charts.Charts(hostile(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		t.Run(c.Name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), c.Name+".html")
			var b strings.Builder
			if err := charts.WriteChartPage(&b, c, opt); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			shot := ""
			if p := os.Getenv("EQINDEX_SCREENSHOT"); p != "" {
				shot = strings.TrimSuffix(p, ".png") + "-" + c.Name + ".png"
			}
			st, msgs, dialogs := openPage(t, exe, file, shot)
			for _, m := range msgs {
				if m.Type == chromedp.ConsoleError || m.IsException() {
					t.Errorf("console %s", m)
				}
			}
			if len(dialogs) > 0 {
				t.Errorf("dialogs opened: %q", dialogs)
			}
			if len(st.Charts) != 1 || !st.Charts[0].Instance || !st.Charts[0].Canvas || st.Charts[0].W <= 0 || st.Charts[0].H <= 0 {
				t.Errorf("chart not rendered: %+v", st.Charts)
			}
			if st.NoticeShown || st.Scripts != 2 {
				t.Errorf("notice shown %v, %d scripts; want hidden, 2", st.NoticeShown, st.Scripts)
			}
		})
	}
}

// TestBrowserNoECharts checks the fallback: with an ECharts URL that cannot
// load, the notice shows and the tables are still there, without errors
// from the page's own script.
func TestBrowserNoECharts(t *testing.T) {
	exe := chromiumPath(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	var b strings.Builder
	// A relative URL to a file that does not exist: no network needed.
	if err := charts.Report(&b, fixture(), charts.Options{EChartsURL: "missing/"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	parent, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(parent, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true))...)
	defer acancel()
	ctx, ccancel := chromedp.NewContext(actx)
	defer ccancel()
	messages := chromedp.Console(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Notice bool `json:"notice"`
		Rows   int  `json:"rows"`
		Charts int  `json:"charts"`
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`({
		notice: getComputedStyle(document.getElementById('eq-nojs')).display !== 'none',
		rows: document.querySelectorAll('#scores tbody tr').length,
		charts: Array.prototype.filter.call(document.querySelectorAll('.chart'),
			function (el) { return getComputedStyle(el).display !== 'none'; }).length})`))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Notice || st.Rows != len(fixtureUnits) || st.Charts != 0 {
		t.Errorf("without ECharts: %+v; want notice shown, %d table rows, no visible chart boxes", st, len(fixtureUnits))
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`console.log("eqindex-done")`)); err != nil {
		t.Fatal(err)
	}
	for m, err := range messages {
		if err != nil || m.Text == "eqindex-done" {
			break
		}
		// The failed script load is expected (a network-source log entry);
		// an exception from the page's own script is not.
		if m.IsException() {
			t.Errorf("console %s", m)
		}
	}
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// chartIDs lists the element ids of the charts in blocks, in page order.
func chartIDs(blocks []charts.Block) []string {
	var out []string
	for _, b := range blocks {
		if b.Chart != nil {
			out = append(out, "chart-"+b.Chart.Name)
		}
		out = append(out, chartIDs(b.Sub)...)
	}
	return out
}
