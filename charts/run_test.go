package charts_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/charts"
	"github.com/eqindex/eqindex/scoring"
)

// TestRealRun renders a Result made by scoring.Run from the fixture's
// framework and raw data, so the charts follow the real producer of
// Results and not only the hand-made one.
func TestRealRun(t *testing.T) {
	fx := fixture()
	ds := &scoring.Dataset{
		Source:     "fixture",
		Unit:       fx.Unit,
		Code:       fx.Code,
		Group:      fx.Group,
		Year:       make([]int, len(fx.Unit)),
		Population: fx.Population,
		PopUrban:   []float64{nan, nan, nan, nan, nan},
		PopRural:   []float64{nan, nan, nan, nan, nan},
	}
	for _, nr := range fx.IndicatorResults() {
		ds.Indicators = append(ds.Indicators, nr.ID)
		ds.Values = append(ds.Values, nr.Raw)
	}
	ds.Urban = make([][]float64, len(ds.Values))
	ds.Rural = make([][]float64, len(ds.Values))
	res, err := scoring.Run(fx.Framework, ds, scoring.Options{})
	if err != nil {
		t.Fatalf("scoring.Run: %v", err)
	}
	var b bytes.Buffer
	if err := charts.Report(&b, res, charts.Options{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, u := range fx.Unit {
		if !strings.Contains(page, "<td>"+u+"</td>") {
			t.Errorf("page lacks unit %s", u)
		}
	}
	if strings.Contains(page, "NaN") {
		t.Error("page contains NaN")
	}
	if n := len(scriptElements(t, page)); n != 2 {
		t.Errorf("%d script elements, want 2", n)
	}
}
