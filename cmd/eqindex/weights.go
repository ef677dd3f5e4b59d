package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/scoring"
)

func weightsCommand() *cli.Command {
	return &cli.Command{
		Name:  "weights",
		Usage: "show the weights actually used at every level and their diagnostics",
		Description: `Prints every node of the index tree with the method that weighted its children,
its local weight (among its siblings, summing to 1) and its effective weight (its
share of the final index: the product of local weights from the root down), and
the diagnostics of each method: AHP lambda_max, CI and CR; entropy e_j and d_j;
CRITIC sd and conflict; PCA eigenvalues and explained variance.

Compare methods without editing the framework:
   eqindex weights --data d.csv --framework fw.yaml --set '*.weighting=entropy'`,
		UsageText: "eqindex weights --data counties.csv --framework fw.yaml [--json]",
		Flags:     []cli.Flag{dataFlag, fwFlag, setFlag, yearFlag, langFlag, encFlag, shtFlag, &cli.BoolFlag{Name: "json", Usage: "print JSON (full precision) instead of a table"}},
		Action: func(c *cli.Context) error {
			_, res, err := loadAndScore(c)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				b, err := json.MarshalIndent(weightNodes(res), "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(c.App.Writer, "%s\n", b)
				return err
			}
			writeWeightsTable(c.App.Writer, res, c.String("lang"))
			printWarnings(c, res.Warnings)
			return nil
		},
	}
}

// weightNodes returns the nodes with their weights and weighting details,
// as scores.json has them.
func weightNodes(res *scoring.Result) []jsonNode {
	out := make([]jsonNode, len(res.Nodes))
	for i, n := range res.Nodes {
		out[i] = nodeJSON(n)
	}
	return out
}

// writeWeightsTable prints the tree with local and effective weights, then
// each group's diagnostics.
func writeWeightsTable(w io.Writer, res *scoring.Result, lang string) {
	rows := [][]string{{"节点", "下级赋权 / 汇总", "局部权重", "有效权重"}}
	if lang == "en" {
		rows[0] = []string{"node", "children weighted / aggregated", "local", "effective"}
	}
	for _, n := range res.Nodes {
		method := ""
		if n.Weighting != nil {
			method = n.Weighting.Method + " / " + n.Weighting.Aggregation
		}
		rows = append(rows, []string{strings.Repeat("  ", n.Depth) + n.ID + " " + n.Node.Label(lang), method,
			fmt.Sprintf("%.4f", n.LocalWeight), fmt.Sprintf("%.4f", n.EffectiveWeight)})
	}
	writeTextTable(w, rows, 2, 3)
	for _, n := range res.Nodes {
		wi := n.Weighting
		if wi == nil || (len(wi.Diagnostics) == 0 && len(wi.PerChild) == 0 && wi.Note == "") {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s):", n.Node.Label(lang), wi.Method)
		if wi.Note != "" {
			fmt.Fprintf(w, " %s", wi.Note)
		}
		for _, k := range sortedKeys(wi.Diagnostics) {
			fmt.Fprintf(w, " %s=%.6g", k, wi.Diagnostics[k])
		}
		fmt.Fprintln(w)
		if len(wi.PerChild) == 0 {
			continue
		}
		keys := sortedKeys(wi.PerChild)
		rows := [][]string{append([]string{"  child", "weight"}, keys...)}
		right := []int{1}
		for k := range keys {
			right = append(right, k+2)
		}
		for j, id := range wi.Children {
			row := []string{"  " + id, fmt.Sprintf("%.4f", wi.Weights[j])}
			for _, k := range keys {
				cell := ""
				if v := wi.PerChild[k]; j < len(v) {
					cell = fmt.Sprintf("%.4f", v[j])
				}
				row = append(row, cell)
			}
			rows = append(rows, row)
		}
		writeTextTable(w, rows, right...)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
