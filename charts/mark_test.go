package charts_test

import (
	"testing"

	"github.com/eqindex/eqindex/charts"
)

// Flagged units are marked the same way in every chart: the weak-area
// colour on the ranking bar, the radar line and the heatmap's axis label.
func TestFlaggedUnitsMarkedInEveryChart(t *testing.T) {
	res := fixture()
	weak := res.Unit[3] // the fixture flags unit 3 only
	list, err := charts.Charts(res, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const colorWeak = "#d9480f"
	marked := map[string]bool{}
	for _, c := range list {
		switch c.Name {
		case charts.ChartRadar:
			for _, sr := range c.Option["series"].([]any) {
				o := sr.(map[string]any)
				data := o["data"].([]any)
				name := data[0].(map[string]any)["name"]
				ls, _ := o["lineStyle"].(map[string]any)
				isWeak := ls != nil && ls["color"] == colorWeak
				if isWeak != (name == weak) {
					t.Errorf("radar series %v: weak colour %v", name, isWeak)
				}
				marked[c.Name] = marked[c.Name] || isWeak
			}
		case charts.ChartHeatmap:
			x := c.Option["xAxis"].([]any)[0].(map[string]any)
			for _, item := range x["data"].([]any) {
				o, isObj := item.(map[string]any)
				if isObj != (isObj && o["value"] == weak) || (isObj && o["textStyle"].(map[string]any)["color"] != colorWeak) {
					t.Errorf("heatmap axis item %v is marked wrongly", item)
				}
				marked[c.Name] = marked[c.Name] || isObj
			}
		}
	}
	if !marked[charts.ChartRadar] || !marked[charts.ChartHeatmap] {
		t.Errorf("the flagged unit %s is not marked in radar and heatmap: %v", weak, marked)
	}
}
