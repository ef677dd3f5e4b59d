package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
)

// utf8BOM makes Chinese Excel open a UTF-8 CSV correctly.
const utf8BOM = "\ufeff"

// formatNumber writes v at full precision (the shortest text that reads
// back as the same float64); NaN (missing) is an empty cell.
func formatNumber(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// safeCell neutralises text that a spreadsheet would run as a formula
// (CSV injection): a cell starting with = + - @ (or a tab or carriage
// return) gets a leading apostrophe.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// scoreGroups returns the group nodes below the root, top level first,
// then deeper levels, each level in framework order.
func scoreGroups(res *scoring.Result) []*scoring.NodeResult {
	var out []*scoring.NodeResult
	for depth := 1; ; depth++ {
		found := false
		for _, n := range res.Nodes {
			if n.Depth == depth && !n.Node.IsIndicator() {
				out = append(out, n)
				found = true
			}
		}
		if !found {
			return out
		}
	}
}

// scoresCSV renders scores.csv: code, unit, [year], index, rank, weak,
// the equalization components and index with their ranks, then one column
// per group id, top level first.
func scoresCSV(res *scoring.Result) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	groups := scoreGroups(res)
	header := []string{"code", "unit"}
	if res.Year != 0 {
		header = append(header, "year")
	}
	header = append(header, "index", "rank", "weak")
	eq := res.Equalization
	if eq != nil {
		header = append(header, eqScoreHeader...)
	}
	for _, g := range groups {
		header = append(header, g.ID)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	idx := res.Index()
	for i, unit := range res.Unit {
		row := []string{safeCell(res.Code[i]), safeCell(unit)}
		if res.Year != 0 {
			row = append(row, strconv.Itoa(res.Year))
		}
		row = append(row, formatNumber(idx[i]), rankCell(res.Rank[i]), strconv.FormatBool(res.Weak[i]))
		if eq != nil {
			row = append(row, eqScoreCells(eq, i)...)
		}
		for _, g := range groups {
			row = append(row, formatNumber(g.Scores[i]))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// num is a float64 that marshals NaN (missing) as JSON null.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(n), 'g', -1, 64)), nil
}

type jsonIndicatorValue struct {
	Raw   num `json:"raw"`
	Score num `json:"score"`
}

type jsonUnit struct {
	Unit        string                        `json:"unit"`
	Code        string                        `json:"code,omitempty"`
	Group       string                        `json:"group,omitempty"`
	Population  num                           `json:"population"`
	Index       num                           `json:"index"`
	Rank        int                           `json:"rank"`
	UrbanRural  *num                          `json:"urban_rural,omitempty"`
	URRank      int                           `json:"urban_rural_rank,omitempty"`
	Regional    *num                          `json:"regional,omitempty"`
	RGRank      int                           `json:"regional_rank,omitempty"`
	EI          *num                          `json:"ei,omitempty"`
	EIRank      int                           `json:"ei_rank,omitempty"`
	Grade       string                        `json:"grade,omitempty"`
	Weak        bool                          `json:"weak"`
	WeakReasons []string                      `json:"weak_reasons,omitempty"`
	Groups      map[string]num                `json:"groups"`
	Indicators  map[string]jsonIndicatorValue `json:"indicators"`
	Missing     map[string]string             `json:"missing,omitempty"`
}

type jsonNode struct {
	ID              string              `json:"id"`
	Name            string              `json:"name"`
	NameEN          string              `json:"name_en,omitempty"`
	Parent          string              `json:"parent,omitempty"`
	Depth           int                 `json:"depth"`
	Indicator       bool                `json:"indicator"`
	Direction       string              `json:"direction,omitempty"`
	Unit            string              `json:"unit,omitempty"`
	UnitEN          string              `json:"unit_en,omitempty"`
	Source          string              `json:"source,omitempty"`
	Target          *float64            `json:"target,omitempty"`
	LocalWeight     num                 `json:"local_weight"`
	EffectiveWeight num                 `json:"effective_weight"`
	Normalisation   *scoring.NormInfo   `json:"normalisation,omitempty"`
	Weighting       *scoring.WeightInfo `json:"weighting,omitempty"`
}

type jsonSettings struct {
	Framework   string             `json:"framework"`
	Source      string             `json:"framework_source,omitempty"`
	Data        string             `json:"data,omitempty"`
	Year        int                `json:"year,omitempty"`
	Missing     string             `json:"missing"`
	MinCoverage float64            `json:"min_coverage"`
	Benchmark   string             `json:"benchmark"`
	Components  scoring.Components `json:"components"`
	Weak        jsonWeakRules      `json:"weak"`
	Version     string             `json:"eqindex_version"`
}

type jsonWeakRules struct {
	Index    string  `json:"index"`
	K        float64 `json:"k"`
	Quantile float64 `json:"quantile"`
}

type jsonScores struct {
	Settings jsonSettings      `json:"settings"`
	Units    []jsonUnit        `json:"units"`
	Nodes    []jsonNode        `json:"nodes"`
	Warnings []scoring.Warning `json:"warnings"`
}

// nodeJSON describes one node with the weights and methods actually used.
func nodeJSON(n *scoring.NodeResult) jsonNode {
	return jsonNode{
		ID: n.ID, Name: n.Node.Name, NameEN: n.Node.NameEN, Parent: n.Parent, Depth: n.Depth,
		Indicator: n.Node.IsIndicator(), Direction: n.Node.Direction.String(), Unit: n.Node.Unit, UnitEN: n.Node.UnitEN,
		Source: n.Node.Source, Target: n.Node.Target,
		LocalWeight: num(n.LocalWeight), EffectiveWeight: num(n.EffectiveWeight),
		Normalisation: n.Norm, Weighting: n.Weighting,
	}
}

// scoresJSON renders scores.json: per unit the raw values, normalised
// scores, group scores, index, rank and flags; the nodes with their
// effective weights and the normalisation and weighting actually used; the
// settings; every warning.
func scoresJSON(res *scoring.Result, dataName string) ([]byte, error) {
	fw := res.Framework
	out := jsonScores{
		Settings: jsonSettings{
			Framework: fw.Name, Source: fw.Source, Data: dataName, Year: res.Year,
			Missing: fw.Missing, MinCoverage: fw.MinCoverage, Benchmark: fw.Benchmark,
			Components: fw.Components, Version: version,
			Weak: jsonWeakRules{Index: fw.Weak.Index, K: fw.Weak.K, Quantile: fw.Weak.Quantile},
		},
		Warnings: res.Warnings,
	}
	if out.Warnings == nil {
		out.Warnings = []scoring.Warning{}
	}
	idx := res.Index()
	for i, unit := range res.Unit {
		u := jsonUnit{
			Unit: unit, Code: res.Code[i], Group: res.Group[i], Population: num(res.Population[i]),
			Index: num(idx[i]), Rank: res.Rank[i], Weak: res.Weak[i], WeakReasons: res.WeakReasons[i],
			Groups: map[string]num{}, Indicators: map[string]jsonIndicatorValue{},
		}
		if eq := res.Equalization; eq != nil {
			ur, rg, ei := num(eq.UR[i]), num(eq.RG[i]), num(eq.EI[i])
			u.UrbanRural, u.URRank, u.Regional, u.RGRank, u.EI, u.EIRank = &ur, eq.URRank[i], &rg, eq.RGRank[i], &ei, eq.EIRank[i]
		}
		if res.Diagnosis != nil {
			u.Grade = res.Diagnosis.Units[i].Grade
		}
		for _, n := range res.Nodes[1:] {
			if n.Why[i] != "" {
				if u.Missing == nil {
					u.Missing = map[string]string{}
				}
				u.Missing[n.ID] = n.Why[i]
			}
			if n.Node.IsIndicator() {
				u.Indicators[n.ID] = jsonIndicatorValue{Raw: num(n.Raw[i]), Score: num(n.Scores[i])}
			} else {
				u.Groups[n.ID] = num(n.Scores[i])
			}
		}
		out.Units = append(out.Units, u)
	}
	out.Nodes = weightNodes(res)
	return marshalJSON(out, len(res.Unit))
}

// maxReadableUnits is the largest region whose outputs are written for
// reading as well as for machines: JSON indented, and every unit's gaps
// also stated in sentences in diagnosis.csv/json. Above it JSON is compact
// and only the flagged units' gaps get sentences (sentences for 2,850
// counties x 60 indicators would run to hundreds of megabytes).
const maxReadableUnits = 100

// marshalJSON writes v as JSON with a final newline: indented for a region
// of at most maxReadableUnits units, compact for a larger one.
func marshalJSON(v any, units int) ([]byte, error) {
	var b []byte
	var err error
	if units <= maxReadableUnits {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
