package charts_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/synth"
	"github.com/eqindex/eqindex/scoring"
)

// In a region of more than 100 units the report stays light: the heatmap
// shows the 50 lowest-ranked units and the profiles only the lowest-ranked
// flagged units (at most 30), and both say so.
func TestLargeRegionReport(t *testing.T) {
	opt := synth.Options{Units: 250, Indicators: 12, Years: 1, Seed: 3, UrbanRural: true}
	opt = synth.WithDefaults(opt)
	fw, err := data.ParseFramework("synth.yaml", synth.FrameworkYAML(opt), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.WriteCSV(&buf, opt); err != nil {
		t.Fatal(err)
	}
	ds, _, err := data.ReadDataset("synth.csv", &buf, fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := charts.Blocks(res, charts.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for _, w := range res.Weak {
		if w {
			flagged++
		}
	}
	if flagged <= 30 {
		t.Fatalf("the test needs more than 30 flagged units, got %d", flagged)
	}
	for _, b := range blocks {
		switch b.ID {
		case charts.BlockHeatmap:
			if n := len(b.Table.Header) - 1; n != 50 {
				t.Errorf("heatmap table has %d unit columns, want 50", n)
			}
			x := b.Chart.Option["xAxis"].([]any)[0].(map[string]any)
			if n := len(x["data"].([]any)); n != 50 {
				t.Errorf("heatmap chart has %d unit columns, want 50", n)
			}
			if !strings.Contains(b.Caption, "Of 250 units, the 50 lowest-ranked are shown") {
				t.Errorf("heatmap caption %q does not say it is cut", b.Caption)
			}
		case charts.BlockDiagnosisProfiles:
			if len(b.Sub) != 30 {
				t.Errorf("%d unit profiles, want 30 (the lowest-ranked flagged units)", len(b.Sub))
			}
			for _, p := range b.Sub {
				if !strings.Contains(p.Heading, "weak area") {
					t.Errorf("profile %q is not of a flagged unit", p.Heading)
				}
			}
			if !strings.Contains(strings.Join(b.Paragraphs, " "), "diagnosis.csv") {
				t.Errorf("profiles do not point to diagnosis.csv: %q", b.Paragraphs)
			}
		}
	}
}
