package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileNames replace the demo's unit names: script injection through the
// page, ECharts/go-echarts function markers, and spreadsheet formulas.
var hostileNames = map[string]string{
	"盘山县":      "</script><script>alert(1)</script>",
	"双台子区":     "__f__alert(2)__f__",
	"兴隆台区":     "=HYPERLINK(\"http://x\",\"y\")",
	"大洼区":      "<img src=x onerror=alert(3)>",
	"辽东湾新区":    "+SUM(1,2)",
	"辽河口生态经济区": "@cmd",
}

func TestHostileUnitNames(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	src := string(readFile(t, dataPath))
	for from, to := range hostileNames {
		quoted := `"` + strings.ReplaceAll(to, `"`, `""`) + `"`
		src = strings.ReplaceAll(src, "\n"+from+",", "\n"+quoted+",")
	}
	hostile := filepath.Join(t.TempDir(), "hostile.csv")
	if err := os.WriteFile(hostile, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "report", "--data", hostile, "--framework", fwPath, "-o", dir, "--charts"); code != 0 {
		t.Fatalf("report failed: %s", stderr)
	}
	pages := []string{"report.html", "charts/ranking.html", "charts/radar.html", "charts/heatmap.html"}
	for _, page := range pages {
		html := string(readFile(t, filepath.Join(dir, page)))
		for _, raw := range []string{"</script><script>alert(1)", "<img src=x"} {
			if strings.Contains(html, raw) {
				t.Errorf("%s contains %q unescaped", page, raw)
			}
		}
		// go-echarts' own renderer would unwrap "__f__...__f__" into code;
		// here it must only ever appear as the whole (quoted) name.
		if n, m := strings.Count(html, "alert(2)"), strings.Count(html, "__f__alert(2)__f__"); n != m || n == 0 {
			t.Errorf("%s: alert(2) appears %d times, the whole name %d times: the marker was unwrapped or lost", page, n, m)
		}
		// The names are still there, escaped: the page shows them as text.
		if !strings.Contains(html, `\u003c/script\u003e\u003cscript\u003ealert(1)`) && !strings.Contains(html, "&lt;/script&gt;&lt;script&gt;alert(1)") {
			t.Errorf("%s lost the unit name (it should be shown, escaped)", page)
		}
	}
	// CSV: formula-looking names are neutralised with a leading apostrophe.
	f, err := os.Open(filepath.Join(dir, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, row := range rows[1:] {
		unit := row[1]
		switch {
		case strings.HasPrefix(unit, "'=HYPERLINK"), unit == "'+SUM(1,2)", unit == "'@cmd":
			seen++
		case strings.HasPrefix(unit, "=") || strings.HasPrefix(unit, "+") || strings.HasPrefix(unit, "@"):
			t.Errorf("scores.csv has a live formula cell %q", unit)
		}
	}
	if seen != 3 {
		t.Errorf("found %d neutralised formula names, want 3", seen)
	}
}
