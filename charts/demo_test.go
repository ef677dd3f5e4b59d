package charts_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// demoResult scores the embedded demo data with the embedded demo
// framework, as `eqindex demo` does.
func demoResult(t *testing.T) *scoring.Result {
	t.Helper()
	src, err := frameworks.Framework(frameworks.DemoFramework)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := data.ParseFramework("framework.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := data.ReadDataset("data.csv", bytes.NewReader(frameworks.DemoData()), fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The methodology of a full run describes every stage it computed, with
// the settings actually used (here the default component weights).
func TestMethodologyCoversEveryStage(t *testing.T) {
	res := demoResult(t)
	ids := map[string]string{}
	for _, s := range charts.Methodology(res, "en") {
		ids[s.ID] = strings.Join(s.Paragraphs, " ")
	}
	for _, id := range []string{"method-normalisation", "method-weighting", "method-effective", "method-equalization", "method-weak", "method-diagnosis"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("methodology lacks %s", id)
		}
	}
	if p := ids["method-equalization"]; !strings.Contains(p, "EI = 0.5·L + 0.25·UR + 0.25·RG") {
		t.Errorf("equalization section does not state the component weights used: %q", p)
	}
	res.Equalization, res.Diagnosis = nil, nil
	for _, s := range charts.Methodology(res, "en") {
		if s.ID == "method-equalization" || s.ID == "method-diagnosis" {
			t.Errorf("an index-only run has a %s section", s.ID)
		}
	}
}
