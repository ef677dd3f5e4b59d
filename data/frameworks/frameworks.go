// Package frameworks holds eqindex's built-in indicator frameworks and the demo data set, embedded
// in the binary.
//
// The frameworks are YAML files in the framework schema that the data package loads:
//
//	panjin-demo    the demo: Panjin's 13th five-year plan, eight domains, 21 per-population
//	               indicators, with illustrative data (DemoData)
//	national-13th  the eight domains of the national 13th five-year plan, main-table indicators
//	               measurable per county, 2020 targets
//	national-14th  the nine areas of the National Basic Public Service Standard (2021), 14th
//	               five-year plan 2025 targets
//
// Each file is commented in Chinese and English so an evaluator can copy it and edit it. Every
// indicator names its source (plan, table, line). The demo data are made up for illustration and
// are not official statistics; the CSV says so in its comment lines.
package frameworks

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

// DemoFramework is the name of the framework that goes with DemoData.
const DemoFramework = "panjin-demo"

//go:embed panjin-demo.yaml national-13th.yaml national-14th.yaml panjin-demo.csv
var files embed.FS

// descriptions gives the one-line description of each built-in framework; its keys are the
// framework names, each embedded as NAME.yaml.
var descriptions = map[string]string{
	"panjin-demo":   "盘锦市“十三五”八大领域示例框架(21项人均指标, 配示意数据) / Panjin 13th FYP demo, eight domains, 21 indicators, illustrative data",
	"national-13th": "国家“十三五”基本公共服务八大领域, 县区可比的主要指标, 2020年目标 / National 13th FYP, eight domains, per-county main indicators, 2020 targets",
	"national-14th": "国家基本公共服务标准(2021)九个方面, “十四五”2025年目标 / National Basic Public Service Standard (2021), nine areas, 2025 targets",
}

// Names returns the names of the built-in frameworks in sorted order.
func Names() []string {
	names := make([]string, 0, len(descriptions))
	for n := range descriptions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Framework returns the YAML bytes of the built-in framework called name (as listed by Names).
// An unknown name gives an error that lists the known names. The returned slice is a fresh copy
// that the caller may modify.
func Framework(name string) ([]byte, error) {
	if _, ok := descriptions[name]; !ok {
		return nil, fmt.Errorf("frameworks: unknown built-in framework %q (want one of: %s)", name, strings.Join(Names(), ", "))
	}
	b, err := files.ReadFile(name + ".yaml")
	if err != nil {
		// Every name in descriptions is embedded; a failure here is a build mistake.
		panic("frameworks: " + err.Error())
	}
	return b, nil
}

// Describe returns a one-line description (Chinese / English) of the built-in framework called
// name, or "" when there is no such framework.
func Describe(name string) string {
	return descriptions[name]
}

// DemoData returns the demo data set that goes with the DemoFramework: a wide CSV (UTF-8, no BOM)
// with '#' comment lines first, six units of Panjin (four districts and counties with their admin
// codes, two functional zones without), the years 2019 and 2020, one column per indicator and
// @urban/@rural columns for six of them. The values are illustrative, not official statistics.
// The returned slice is a fresh copy.
func DemoData() []byte {
	b, err := files.ReadFile("panjin-demo.csv")
	if err != nil {
		panic("frameworks: " + err.Error())
	}
	return b
}
