package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"signpost/internal/directory"
	"signpost/internal/evaluation"
	"signpost/internal/navigator"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var th evaluation.Thresholds
	var asJSON bool
	fs := newFlagSet("eval", "[flags] FILE.jsonl", "Measure the navigator on a set of concerns with expected resources (format: testdata/eval/README.md). Exits 3 when a threshold is missed.", stderr)
	addDataFlag(fs, &cfg)
	fs.Float64Var(&th.HitAt3, "min-hit3", 0, "minimum hit@3")
	fs.Float64Var(&th.EmergencyTop1, "min-emergency-top1", 0, "minimum share of emergencies with the right first result")
	fs.Float64Var(&th.EmergencyRecall, "min-emergency-recall", 0, "minimum share of emergencies flagged")
	fs.IntVar(&th.MaxFalseAlarms, "max-false-alarms", 1<<30, "most false emergency alarms allowed")
	fs.IntVar(&th.MaxConfViolation, "max-confidentiality-violations", 1<<30, "most confidentiality violations allowed")
	fs.IntVar(&th.MaxAudience, "max-audience-violations", 1<<30, "most audience violations allowed")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	cases, err := evaluation.ReadCases(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	serves := func(id string, role directory.Role) bool {
		r, err := c.Resource(id)
		return err == nil && r.Serves(role)
	}
	rep := evaluation.Run(cases, func(req navigator.Request) (*navigator.Answer, error) { return c.Match(req) }, serves, evaluation.DefaultAt)
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		rep.Print(stdout)
	}
	if fails := rep.Failures(th); len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintln(stderr, "below threshold:", f)
		}
		return exitError(3)
	}
	return nil
}
