package frameworks_test

import (
	"fmt"

	"github.com/eqindex/eqindex/data/frameworks"
)

func ExampleNames() {
	for _, n := range frameworks.Names() {
		fmt.Println(n)
	}
	_, err := frameworks.Framework("panjin")
	fmt.Println(err)
	// Output:
	// national-13th
	// national-14th
	// panjin-demo
	// frameworks: unknown built-in framework "panjin" (want one of: national-13th, national-14th, panjin-demo)
}
