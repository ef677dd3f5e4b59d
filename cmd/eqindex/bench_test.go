package main

import (
	"bytes"
	"testing"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/synth"
	"github.com/eqindex/eqindex/scoring"
)

// nationalYear returns the synthetic national-scale framework and one year
// of data (2,850 units x 60 indicators, a third with urban/rural columns),
// plus the CSV it was read from.
func nationalYear(b *testing.B, years int) (*scoring.Framework, *scoring.Dataset, []byte) {
	b.Helper()
	opt := synth.DefaultOptions()
	opt.Years = years
	fw, err := data.ParseFramework("synth.yaml", synth.FrameworkYAML(opt), nil)
	if err != nil {
		b.Fatal(err)
	}
	var csvBuf bytes.Buffer
	if err := synth.WriteCSV(&csvBuf, opt); err != nil {
		b.Fatal(err)
	}
	ds, _, err := data.ReadDataset("synth.csv", bytes.NewReader(csvBuf.Bytes()), fw, data.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return fw, ds, csvBuf.Bytes()
}

// BenchmarkScoreNationalYear measures scoring.Run (normalisation, weights,
// aggregation, ranking, equalization, diagnosis) on one year at national
// scale.
func BenchmarkScoreNationalYear(b *testing.B) {
	fw, ds, _ := nationalYear(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scoring.Run(fw, ds, scoring.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadNationalYear measures reading and validating one year of
// the national-scale CSV.
func BenchmarkReadNationalYear(b *testing.B) {
	fw, _, src := nationalYear(b, 1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := data.ReadDataset("synth.csv", bytes.NewReader(src), fw, data.ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTablesNationalYear measures writing scores.csv and scores.json
// for one scored year at national scale.
func BenchmarkTablesNationalYear(b *testing.B) {
	fw, ds, _ := nationalYear(b, 1)
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out := newOutputSet(b.TempDir())
		if err := addTables(out, res, "synth.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexNationalYear measures the index alone (normalisation,
// weights, aggregation, ranking; Options.IndexOnly) on one year at
// national scale: the cost of one replication in a sensitivity analysis.
func BenchmarkIndexNationalYear(b *testing.B) {
	fw, ds, _ := nationalYear(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scoring.Run(fw, ds, scoring.Options{IndexOnly: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexNationalTenYears measures the index of the latest year of
// ten years of national data: every year is normalised, objective weights
// pool all years.
func BenchmarkIndexNationalTenYears(b *testing.B) {
	fw, ds, _ := nationalYear(b, 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scoring.Run(fw, ds, scoring.Options{IndexOnly: true}); err != nil {
			b.Fatal(err)
		}
	}
}
