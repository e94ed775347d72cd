package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"signpost/internal/mitdusp"
	"signpost/internal/synthetic"
)

func runGenSynthetic(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var n, words int
	var seed uint64
	var out string
	fs := newFlagSet("gen-synthetic", "[-n N] [-words W] [-seed S] [-o FILE]",
		"Write a synthetic directory of N resources (JSON, the format of the embedded defaults) for benchmarks and load tests.", stderr)
	fs.IntVar(&n, "n", 100000, "number of resources")
	fs.IntVar(&words, "words", 60, "words per description")
	fs.Uint64Var(&seed, "seed", 1, "random seed (the same seed gives the same directory)")
	fs.StringVar(&out, "o", "-", "output file, - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if n < 1 || n > 10_000_000 || words < 2 || words > 10_000 {
		return fmt.Errorf("-n must be from 1 to 10000000 and -words from 2 to 10000")
	}
	base, err := mitdusp.Load()
	if err != nil {
		return err
	}
	d := synthetic.Generate(base, n, words, seed)
	return writeOutput(out, stdout, func(w io.Writer) error { return json.NewEncoder(w).Encode(d) })
}
