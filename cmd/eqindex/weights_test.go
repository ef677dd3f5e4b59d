package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withHealthAHP returns the demo framework with AHP judgements on the
// health group's four children. The judgements are consistent up to
// rounding: doctors 3x beds, 2x infant mortality, 4x GPs...
func withHealthAHP(t *testing.T, fwPath string, extra string) string {
	t.Helper()
	src := string(readFile(t, fwPath))
	anchor := "  - id: health\n"
	i := strings.Index(src, anchor)
	if i < 0 {
		t.Fatal("the demo framework has no health group")
	}
	j := strings.Index(src[i:], "    children:\n")
	ahp := "    weighting: ahp\n" +
		"    pairwise:\n" +
		"      hl_doctors: {hl_beds: 3, hl_infant_mortality: 2, hl_gp: 4}\n" +
		"      hl_beds: {hl_infant_mortality: 1/2, hl_gp: 2}\n" +
		"      hl_infant_mortality: {hl_gp: 3}\n" + extra
	out := src[:i+j] + ahp + src[i+j:]
	path := filepath.Join(t.TempDir(), "fw-ahp.yaml")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type weightNode struct {
	ID              string   `json:"id"`
	LocalWeight     float64  `json:"local_weight"`
	EffectiveWeight float64  `json:"effective_weight"`
	Indicator       bool     `json:"indicator"`
	Weighting       *wInfo   `json:"weighting"`
	Children        []string `json:"-"`
}

type wInfo struct {
	Method      string             `json:"method"`
	Weights     []float64          `json:"weights"`
	Diagnostics map[string]float64 `json:"diagnostics"`
}

func weightsJSON(t *testing.T, args ...string) ([]weightNode, string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"weights", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("weights %v: exit %d: %s", args, code, stderr)
	}
	var nodes []weightNode
	if err := json.Unmarshal([]byte(stdout), &nodes); err != nil {
		t.Fatal(err)
	}
	return nodes, stdout
}

// Every weighting method on the demo: golden weights, weights summing to 1
// within every group, effective weights summing to 1 over the indicators.
func TestWeightsGoldenPerMethod(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	for _, method := range []string{"fixed", "equal", "entropy", "critic", "pca"} {
		t.Run(method, func(t *testing.T) {
			nodes, out := weightsJSON(t, "--data", dataPath, "--framework", fwPath, "--set", "*.weighting="+method)
			golden(t, "weights/"+method+".json", []byte(out))
			checkWeightSums(t, nodes)
			for _, n := range nodes {
				if n.Weighting != nil && n.Weighting.Method != method {
					t.Errorf("group %s used %s, want %s everywhere", n.ID, n.Weighting.Method, method)
				}
			}
		})
	}
	t.Run("ahp", func(t *testing.T) {
		nodes, out := weightsJSON(t, "--data", dataPath, "--framework", withHealthAHP(t, fwPath, ""))
		golden(t, "weights/ahp.json", []byte(out))
		checkWeightSums(t, nodes)
		for _, n := range nodes {
			if n.ID == "health" {
				if cr := n.Weighting.Diagnostics["cr"]; !(cr >= 0 && cr < 0.1) {
					t.Errorf("health CR = %g, want a consistent matrix (< 0.10)", cr)
				}
				if w := n.Weighting.Weights; !(w[0] > w[2] && w[2] > w[1] && w[1] > w[3]) {
					t.Errorf("health AHP weights %v, want doctors > infant mortality > beds > GPs as judged", w)
				}
			}
		}
	})
	t.Run("combined", func(t *testing.T) {
		extra := "    combine: {methods: [ahp, entropy], alpha: 0.5}\n"
		path := withHealthAHP(t, fwPath, extra)
		src := strings.Replace(string(readFile(t, path)), "    weighting: ahp\n", "    weighting: combined\n", 1)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		combined, _ := weightsJSON(t, "--data", dataPath, "--framework", path)
		ahp, _ := weightsJSON(t, "--data", dataPath, "--framework", withHealthAHP(t, fwPath, ""))
		ent, _ := weightsJSON(t, "--data", dataPath, "--framework", fwPath, "--set", "health.weighting=entropy")
		c, a, e := find(combined, "health"), find(ahp, "health"), find(ent, "health")
		for j := range c.Weighting.Weights {
			want := 0.5*a.Weighting.Weights[j] + 0.5*e.Weighting.Weights[j]
			if math.Abs(c.Weighting.Weights[j]-want) > 1e-12 {
				t.Errorf("combined weight %d = %g, want 0.5 ahp + 0.5 entropy = %g", j, c.Weighting.Weights[j], want)
			}
		}
	})
}

func find(nodes []weightNode, id string) weightNode {
	for _, n := range nodes {
		if n.ID == id {
			return n
		}
	}
	return weightNode{}
}

func checkWeightSums(t *testing.T, nodes []weightNode) {
	t.Helper()
	var eff float64
	for _, n := range nodes {
		if n.Indicator {
			eff += n.EffectiveWeight
		}
		if n.Weighting != nil {
			var s float64
			for _, w := range n.Weighting.Weights {
				s += w
			}
			if math.Abs(s-1) > 1e-12 {
				t.Errorf("weights of %s's children sum to %g, want 1", n.ID, s)
			}
		}
	}
	if math.Abs(eff-1) > 1e-12 {
		t.Errorf("effective weights of the indicators sum to %g, want 1", eff)
	}
}

// Switching the weighting changes weights and aggregated scores only: every
// indicator's normalised score stays the same.
func TestSwitchingWeightingChangesOnlyWeights(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	type unitScores struct {
		Units []struct {
			Unit       string `json:"unit"`
			Indicators map[string]struct {
				Score *float64 `json:"score"`
			} `json:"indicators"`
			Index *float64 `json:"index"`
		} `json:"units"`
	}
	read := func(set string) unitScores {
		dir := t.TempDir()
		if code, _, stderr := runCLI(t, "score", "--data", dataPath, "--framework", fwPath, "--set", set, "-o", dir); code != 0 {
			t.Fatalf("score --set %s: %s", set, stderr)
		}
		var u unitScores
		if err := json.Unmarshal(readFile(t, filepath.Join(dir, "scores.json")), &u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	fixed, ent := read("*.weighting=fixed"), read("*.weighting=entropy")
	indexChanged := false
	for i, u := range fixed.Units {
		for id, s := range u.Indicators {
			e := ent.Units[i].Indicators[id]
			if (s.Score == nil) != (e.Score == nil) || (s.Score != nil && *s.Score != *e.Score) {
				t.Errorf("%s %s: score changed with the weighting", u.Unit, id)
			}
		}
		if u.Index != nil && ent.Units[i].Index != nil && *u.Index != *ent.Units[i].Index {
			indexChanged = true
		}
	}
	if !indexChanged {
		t.Error("entropy weights left every index unchanged: the override did not take effect")
	}
}

// An inconsistent AHP matrix is rejected, and accepted with a warning when
// the group allows it.
func TestInconsistentAHP(t *testing.T) {
	dataPath, fwPath := writeDemoInputs(t)
	path := withHealthAHP(t, fwPath, "")
	src := strings.Replace(string(readFile(t, path)), "hl_infant_mortality: {hl_gp: 3}", "hl_infant_mortality: {hl_gp: 1/9}", 1)
	src = strings.Replace(src, "hl_beds: {hl_infant_mortality: 1/2, hl_gp: 2}", "hl_beds: {hl_infant_mortality: 9, hl_gp: 1/9}", 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "weights", "--data", dataPath, "--framework", path)
	if code != 1 || !strings.Contains(stderr, "CR =") || !strings.Contains(stderr, "allow_inconsistent") {
		t.Fatalf("exit %d, stderr %q: want 1 and the CR with the way out", code, stderr)
	}
	allowed := strings.Replace(src, "    weighting: ahp\n", "    weighting: ahp\n    allow_inconsistent: true\n", 1)
	if err := os.WriteFile(path, []byte(allowed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "weights", "--data", dataPath, "--framework", path)
	if code != 0 || !strings.Contains(stderr, "CR =") {
		t.Errorf("allowed: exit %d, stderr %q: want 0 and a warning with the CR", code, stderr)
	}
}
