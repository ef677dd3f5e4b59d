package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runCLI runs eqindex in-process and returns its exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"eqindex"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/eqindex -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gotPath := path + ".got"
		if err := os.WriteFile(gotPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		diff, _ := exec.Command("diff", "-u", path, gotPath).CombinedOutput()
		if len(diff) > 4000 {
			diff = append(diff[:4000], "\n..."...)
		}
		t.Errorf("%s differs from the golden file (go test ./cmd/eqindex -update accepts it):\n%s", path, diff)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDemoGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "demo", "-o", dir)
	if code != 0 {
		t.Fatalf("demo exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	for _, name := range []string{"scores.csv", "scores.json"} {
		golden(t, "demo/"+name, readFile(t, filepath.Join(dir, name)))
	}
	for _, name := range []string{"data.csv", "framework.yaml", "report.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("demo did not write %s: %v", name, err)
		}
	}
	// The CSV opens in Chinese Excel: UTF-8 with a BOM.
	if b := readFile(t, filepath.Join(dir, "scores.csv")); !bytes.HasPrefix(b, []byte("\ufeffcode,unit,year,index,rank,weak,")) {
		t.Errorf("scores.csv starts %q, want a BOM and the documented header", b[:40])
	}
	// The report says the data is illustrative.
	if !strings.Contains(string(readFile(t, filepath.Join(dir, "report.html"))), "并非官方统计") {
		t.Error("the demo report does not say its data is illustrative")
	}
}

// The demo flags Liaohekou, from the data alone.
func TestDemoFlagsLiaohekou(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "demo", "-o", dir); code != 0 {
		t.Fatalf("demo failed: %s", stderr)
	}
	var out struct {
		Units []struct {
			Unit string `json:"unit"`
			Rank int    `json:"rank"`
			Weak bool   `json:"weak"`
		} `json:"units"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "scores.json")), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Units) != 6 {
		t.Fatalf("demo has %d units, want the 6 units of the Panjin plan", len(out.Units))
	}
	for _, u := range out.Units {
		if u.Unit == "辽河口生态经济区" {
			if !u.Weak || u.Rank != 6 {
				t.Errorf("Liaohekou: weak %v rank %d, want flagged and last", u.Weak, u.Rank)
			}
			return
		}
	}
	t.Error("Liaohekou is not in the demo output")
}

// Same inputs and flags give byte-identical outputs.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, stderr := runCLI(t, "demo", "-o", dir, "--charts"); code != 0 {
			t.Fatalf("demo failed: %s", stderr)
		}
	}
	err := filepath.Walk(a, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		if !bytes.Equal(readFile(t, path), readFile(t, filepath.Join(b, rel))) {
			t.Errorf("%s differs between two identical runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(a, "charts", "ranking.json")); err != nil {
		t.Errorf("--charts did not write charts/ranking.json: %v", err)
	}
}

// writeDemoInputs writes the demo's data.csv and framework.yaml to a new
// folder and returns their paths.
func writeDemoInputs(t *testing.T) (dataPath, fwPath string) {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "demo", "-o", dir); code != 0 {
		t.Fatalf("demo failed: %s", stderr)
	}
	return filepath.Join(dir, "data.csv"), filepath.Join(dir, "framework.yaml")
}

func TestExitCodes(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	src := strings.Replace(string(readFile(t, dataPath)), "盘山县,211122", "盘山县,211122", 1)
	// Corrupt one number in the first data row.
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "盘山县,") {
			cells := strings.Split(l, ",")
			cells[7] = "2.1.3"
			lines[i] = strings.Join(cells, ",")
			break
		}
	}
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"ok", []string{"validate", "--data", dataPath, "--framework", fwPath}, 0, ""},
		{"builtin framework", []string{"validate", "--data", dataPath, "--framework", "panjin-demo"}, 0, ""},
		{"bad number", []string{"validate", "--data", bad, "--framework", fwPath}, 1, `"2.1.3" is not a number`},
		{"missing flag", []string{"score", "--data", dataPath}, 2, "framework"},
		{"unknown framework", []string{"validate", "--data", dataPath, "--framework", "nosuch"}, 2, "built-in"},
		{"bad lang", []string{"validate", "--data", dataPath, "--framework", fwPath, "--lang", "fr"}, 2, "--lang"},
		{"unknown flag", []string{"score", "--bogus"}, 2, "bogus"},
		{"bad set", []string{"validate", "--data", dataPath, "--framework", fwPath, "--set", "weighting=entrpy"}, 1, "entrpy"},
		{"missing year", []string{"score", "--data", dataPath, "--framework", fwPath, "--year", "2001", "-o", t.TempDir()}, 1, "2019, 2020"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, stdout, stderr)
			}
			if c.msg != "" && !strings.Contains(stderr, c.msg) {
				t.Errorf("stderr %q does not mention %q", stderr, c.msg)
			}
		})
	}
}

// A failed run writes nothing; an output that would overwrite an input is
// refused.
func TestNoPartialOutput(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runCLI(t, "report", "--data", dataPath, "--framework", fwPath, "-o", out, "--echarts", "/nonexistent/echarts.min.js"); code == 0 {
		t.Fatal("a missing --echarts file should fail")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind", out)
	}
	// -o the folder holding the data: data.csv is not an output name of
	// score, but the demo writes data.csv, so run demo into the input folder.
	before := readFile(t, dataPath)
	code, _, stderr := runCLI(t, "score", "--data", dataPath, "--framework", fwPath, "-o", filepath.Dir(dataPath))
	if code != 0 {
		t.Fatalf("score next to its inputs should work (it writes other names): %s", stderr)
	}
	if !bytes.Equal(before, readFile(t, dataPath)) {
		t.Error("the input was modified")
	}
}

func TestRefuseOverwritingInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "scores.csv")
	dataPath, fwPath := writeDemoInputs(t)
	if err := os.WriteFile(in, readFile(t, dataPath), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "score", "--data", in, "--framework", fwPath, "-o", dir)
	if code != 1 || !strings.Contains(stderr, "input") {
		t.Errorf("exit %d, stderr %q: want 1 and a refusal to overwrite the input", code, stderr)
	}
	if !bytes.Equal(readFile(t, in), readFile(t, dataPath)) {
		t.Error("the input was overwritten")
	}
}
