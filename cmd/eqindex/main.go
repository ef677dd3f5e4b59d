// Command eqindex assesses how evenly basic public services reach people
// across the counties and districts of a city or province
// (基本公共服务均等化评估): it scores per-unit indicator data against an
// index framework, measures urban-rural and regional gaps, diagnoses weak
// areas and writes tables and an HTML report.
//
// Run `eqindex demo -o out/` for a worked example on embedded data, and
// `eqindex --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// version is the eqindex version recorded in every output.
const version = "0.1.0"

// Exit codes.
const (
	exitOK    = 0
	exitData  = 1 // a data or framework error
	exitUsage = 2 // a usage error
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run runs the command line args with the given writers and returns the
// exit code; tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(args)
	if err == nil {
		if app.Metadata["command-not-found"] == true {
			return exitUsage
		}
		return exitOK
	}
	var de *dataError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "eqindex: %v\n", de.err)
		return exitData
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "eqindex: %v\n", ue.err)
		return exitUsage
	}
	// Errors from flag parsing and unknown commands come from urfave/cli.
	fmt.Fprintf(stderr, "eqindex: %v\n", err)
	return exitUsage
}

// dataError marks a problem with the input data or framework (exit 1).
type dataError struct{ err error }

func (e *dataError) Error() string { return e.err.Error() }
func (e *dataError) Unwrap() error { return e.err }

// usageError marks a problem with the command line (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func dataErr(err error) error {
	if err == nil {
		return nil
	}
	return &dataError{err}
}

func usageErrf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "eqindex",
		Usage:   "assess the equalization of basic public services across counties (基本公共服务均等化评估)",
		Version: version,
		Description: `eqindex scores per-county indicator data against an index framework (YAML),
measures urban-rural and regional gaps, flags weak areas and writes tables
(CSV, JSON) and a self-explaining HTML report.

Start with the embedded Panjin example:
   eqindex demo -o out/
then start your own assessment from a built-in framework and score it:
   eqindex init     --framework national-14th -o assessment/
   eqindex validate --data counties.csv --framework fw.yaml
   eqindex report   --data counties.csv --framework fw.yaml -o out/

Exit status: 0 success, 1 data or framework error, 2 usage error.`,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(c.App.ErrWriter, "eqindex: unknown command %q (see eqindex --help)\n", name)
			c.App.Metadata["command-not-found"] = true
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return &usageError{err}
		},
		Commands: commands(),
		Metadata: map[string]any{},
	}
}
