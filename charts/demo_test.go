package charts_test

import (
	"bytes"
	"testing"

	"github.com/eqindex/eqindex/data"
	"github.com/eqindex/eqindex/data/frameworks"
	"github.com/eqindex/eqindex/scoring"
)

// demoResult scores the embedded demo data with the embedded demo
// framework, as `eqindex demo` does.
func demoResult(t *testing.T) *scoring.Result {
	t.Helper()
	src, err := frameworks.Framework(frameworks.DemoFramework)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := data.ParseFramework("framework.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := data.ReadDataset("data.csv", bytes.NewReader(frameworks.DemoData()), fw, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Run(fw, ds, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
