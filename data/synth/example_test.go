package synth_test

import (
	"fmt"
	"os"

	"github.com/eqindex/eqindex/data/synth"
)

// A tiny data set: two units, three indicators (one per area), two years, no urban/rural split.
func ExampleWriteCSV() {
	o := synth.Options{Units: 2, Indicators: 3, Years: 2, FirstYear: 2020, Seed: 1}
	if err := synth.WriteCSV(os.Stdout, o); err != nil {
		fmt.Println(err)
	}
	// Output:
	// unit,code,group,population,year,cc_nursery,ed_preschool,em_unemployment
	// 合成县0001,110101,东部,474543,2020,0.38,72.1,5.7
	// 合成县0001,110101,东部,475967,2021,0.46,75.1,5.2
	// 合成县0002,120101,东部,1082161,2020,0.85,74.0,4.0
	// 合成县0002,120101,东部,1085408,2021,0.99,75.5,4.0
}
