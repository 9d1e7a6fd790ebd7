// Command gen rebuilds the embedded default frameworks from the seed
// documents in ../sources: run it with `go generate ./framework/defaults`.
package main

import (
	"fmt"
	"os"

	"github.com/rolepack/rolepack/framework/defaults"
)

func main() {
	for _, s := range defaults.Sources {
		out, err := defaults.Build("sources", s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(s.YAML, out, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", s.YAML)
	}
}
