package main

import (
	"bytes"

	"github.com/urfave/cli/v2"

	"github.com/eqindex/eqindex/data/synth"
)

func genCommand() *cli.Command {
	return &cli.Command{
		Name:  "gen",
		Usage: "write deterministic synthetic data at national scale (for benchmarks and trying the tool)",
		Description: `Writes data.csv and framework.yaml into DIR: by default about 2,850 counties x
60 indicators x 10 years with urban/rural columns. The same flags and seed always
give byte-identical files. The data is synthetic: it has no meaning beyond its shape.`,
		UsageText: "eqindex gen -o bench/ [--units 2850 --indicators 60 --years 10 --seed 1]",
		Flags: []cli.Flag{
			outFlag,
			&cli.IntFlag{Name: "units", Value: 2850, Usage: "number of units"},
			&cli.IntFlag{Name: "indicators", Value: 60, Usage: "number of indicators"},
			&cli.IntFlag{Name: "years", Value: 10, Usage: "number of years"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.Float64Flag{Name: "missing", Value: 0.01, Usage: "share of indicator cells left empty (missing)"},
		},
		Action: func(c *cli.Context) error {
			opt := synth.Options{Units: c.Int("units"), Indicators: c.Int("indicators"), Years: c.Int("years"), Seed: c.Uint64("seed"), MissingShare: c.Float64("missing"), UrbanRural: true}
			opt = synth.WithDefaults(opt)
			if err := opt.Validate(); err != nil {
				return usageErrf("gen: %v", err)
			}
			var csvBuf bytes.Buffer
			if err := synth.WriteCSV(&csvBuf, opt); err != nil {
				return err
			}
			out := newOutputSet(c.String("out"))
			out.add("data.csv", csvBuf.Bytes())
			out.add("framework.yaml", synth.FrameworkYAML(opt))
			if err := out.commit(); err != nil {
				return dataErr(err)
			}
			c.App.Writer.Write([]byte("wrote data.csv and framework.yaml to " + out.dir + "\n"))
			return nil
		},
	}
}
