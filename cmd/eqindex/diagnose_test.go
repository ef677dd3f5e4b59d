package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/data/frameworks"
)

// diagDemoDataFile writes the embedded demo data to a temporary file.
func diagDemoDataFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "panjin.csv")
	if err := os.WriteFile(path, frameworks.DemoData(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// diagRunCLI runs eqindex in-process and returns the exit code, stdout and
// stderr.
func diagRunCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(append([]string{"eqindex"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// diagReadCSV parses diagnosis.csv (after its BOM).
func diagReadCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Fatal("diagnosis.csv has no UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestDiagnoseDemoGolden runs the demo data through `eqindex diagnose -o`
// and compares diagnosis.csv with testdata/diagnosis-demo.csv (refresh
// with go test ./cmd/eqindex -run DiagnoseDemoGolden -update-diagnosis).
// Whatever the golden says, the Liaohekou zone must be flagged, by the
// unit-level rules, and no other unit.
func TestDiagnoseDemoGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := diagRunCLI("diagnose", "--data", diagDemoDataFile(t), "--framework", frameworks.DemoFramework, "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, "diagnosis.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := diagReadCSV(t, got)
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	flagged := map[string]bool{}
	reasons := map[string][]string{}
	for _, r := range rows[1:] {
		if r[col["record"]] == "unit" && r[col["flags"]] == "true" {
			flagged[r[col["unit"]]] = true
		}
		if r[col["record"]] == "finding" && r[col["flags"]] == "true" {
			reasons[r[col["unit"]]] = append(reasons[r[col["unit"]]], r[col["rule"]])
		}
	}
	const lhk = "辽河口生态经济区"
	if len(flagged) != 1 || !flagged[lhk] {
		t.Errorf("flagged %v, want only %s", flagged, lhk)
	}
	if len(reasons[lhk]) == 0 || len(reasons) != 1 {
		t.Errorf("flagging findings %v", reasons)
	}
	if !strings.Contains(stdout, "6 个单位中有 1 个被标记为薄弱地区："+lhk) {
		t.Errorf("stdout lacks the summary:\n%s", stdout)
	}

	golden(t, "diagnosis-demo.csv", got)
}

// The gap rows of the demo match hand computation from the data file:
// 辽河口生态经济区 2020 has 1.23 physicians per 1000 (target 2.25: 1.02
// short), infant mortality 6.9 per mille (lower is better, target 5: must
// fall by 1.9), rural physicians 0.9 against urban 2.2 (1.3 behind).
func TestDiagnoseDemoGaps(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := diagRunCLI("diagnose", "--data", diagDemoDataFile(t), "--framework", frameworks.DemoFramework, "-o", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "diagnosis.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Units []struct {
			Unit      string   `json:"unit"`
			Flagged   bool     `json:"flagged"`
			Reasons   []string `json:"reasons"`
			Obstacles []struct {
				Share *float64 `json:"share"`
			} `json:"obstacles"`
			Gaps []struct {
				ID          string   `json:"id"`
				ToTarget    *float64 `json:"to_target"`
				RuralBehind *float64 `json:"rural_behind"`
				Msg         string   `json:"msg"`
			} `json:"gaps"`
		} `json:"units"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	near := func(p *float64, want float64) bool { return p != nil && *p > want-1e-9 && *p < want+1e-9 }
	for _, u := range doc.Units {
		sum := 0.0
		for _, o := range u.Obstacles {
			if o.Share != nil {
				sum += *o.Share
			}
		}
		if sum < 1-1e-9 || sum > 1+1e-9 {
			t.Errorf("%s: obstacle shares sum to %g", u.Unit, sum)
		}
		if u.Flagged != (len(u.Reasons) > 0) {
			t.Errorf("%s: flagged %v with reasons %q", u.Unit, u.Flagged, u.Reasons)
		}
		if u.Unit != "辽河口生态经济区" {
			continue
		}
		for _, g := range u.Gaps {
			switch g.ID {
			case "hl_doctors":
				if !near(g.ToTarget, 2.25-1.23) || !near(g.RuralBehind, 2.2-0.9) || !strings.Contains(g.Msg, "还差 1.02 人/千人") {
					t.Errorf("doctors gap %+v", g)
				}
			case "hl_infant_mortality":
				if !near(g.ToTarget, 6.9-5) || !strings.Contains(g.Msg, "需降低 1.9 个千分点") {
					t.Errorf("infant mortality gap %+v", g)
				}
			}
		}
	}
}

func TestDiagnoseUnitProfile(t *testing.T) {
	data := diagDemoDataFile(t)
	code, stdout, stderr := diagRunCLI("diagnose", "--data", data, "--framework", frameworks.DemoFramework, "--unit", "辽河口生态经济区", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Verdict: weak area", "Why it is flagged", "sd below the mean",
		"Indicators holding it back most", "needs 1.02 per 1,000 residents more to reach the target of 2.25 per 1,000 residents", "Group 功能区: rank 2 of 2"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("profile lacks %q:\n%s", want, stdout)
		}
	}
	// 2019: the zone has no GP data; it is diagnosed on what it has and the
	// missing indicator is named.
	code, stdout, stderr = diagRunCLI("diagnose", "--data", data, "--framework", frameworks.DemoFramework, "--unit", "辽河口生态经济区", "--year", "2019")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "缺失数据") || !strings.Contains(stdout, "每万居民合格全科医生数：无数据") {
		t.Errorf("2019 profile does not name the missing indicator:\n%s", stdout)
	}
	// By admin code.
	if code, stdout, _ := diagRunCLI("diagnose", "--data", data, "--framework", frameworks.DemoFramework, "--unit", "211122"); code != 0 || !strings.HasPrefix(stdout, "盘山县") {
		t.Errorf("by code: exit %d, %q", code, stdout)
	}
	code, _, stderr = diagRunCLI("diagnose", "--data", data, "--framework", frameworks.DemoFramework, "--unit", "no such place")
	if code != exitUsage || !strings.Contains(stderr, `--unit: no unit "no such place"`) {
		t.Errorf("unknown unit: exit %d, %s", code, stderr)
	}
}
