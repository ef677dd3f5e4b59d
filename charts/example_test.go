package charts_test

import (
	"fmt"
	"os"

	"github.com/eqindex/eqindex/charts"
)

func ExampleCharts() {
	cs, err := charts.Charts(fixture(), charts.Options{Lang: "en"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%s: %s (%dpx)\n", c.Name, c.Title, c.Height)
	}
	// Output:
	// ranking: Index ranking (200px)
	// radar: Top-level group scores (440px)
	// heatmap: Normalised indicator scores (298px)
}

// A later stage adds its own section: build the standard blocks, insert
// one, and write the page.
func ExampleWritePage() {
	res := fixture()
	opt := charts.Options{Note: "示例数据，非官方统计"}
	blocks, err := charts.Blocks(res, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	eq := charts.Block{
		ID:      "equalization",
		Heading: "均等化程度",
		Reading: "区域差距越小，均等化程度越高。",
		Table:   &charts.Table{Header: []string{"指标", "值"}, Rows: [][]string{{"基尼系数", "0.12"}}, Numeric: []bool{false, true}},
	}
	blocks = append(blocks[:len(blocks)-1], eq, blocks[len(blocks)-1]) // before the methodology
	opt.Title = charts.DefaultTitle(res, opt.Lang)
	if err := charts.WritePage(os.Stdout, blocks, opt); err != nil {
		fmt.Println(err)
	}
}
