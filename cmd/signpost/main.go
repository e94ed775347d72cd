// Command signpost serves and manages a directory of university support resources.
//
// Usage:
//
//	signpost serve [-addr ADDR] [-data DIR]   run the web site and JSON API
//	signpost list [-role R] [-topic T] [-json] list resources
//	signpost show [-at T] [-json] ID          show one resource
//	signpost match [-json] [-role R] "concern" find the resources for a concern
//	signpost eval [thresholds] FILE.jsonl     measure the navigator
//	signpost check [-offline] [-json]         list stale records, broken links and mail domains
//	signpost version                          print the version
//
// Every command takes -h. Settings come from flags or the environment (SIGNPOST_ADDR,
// SIGNPOST_DATA); flags win.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // resources name IANA zones; a minimal container has no zone files
)

// command is one subcommand: its name, a one-line summary and its run function.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "run the web site and JSON API", runServe},
		{"list", "list resources", runList},
		{"topics", "list the concern topics (ids and names) that -topic takes", runTopics},
		{"show", "show one resource", runShow},
		{"match", "find the resources for a concern", runMatch},
		{"eval", "measure the navigator on a set of concerns", runEval},
		{"gen-synthetic", "write a large synthetic directory for benchmarks", runGenSynthetic},
		{"import", "replace the directory with one from a file", runImport},
		{"export", "write the directory as Signpost JSON or HSDS 3.0", runExport},
		{"import-list", "turn a department's page (text, Markdown, HTML) into resources", runImportList},
		{"backup", "copy the SQLite database, online and consistent", runBackup},
		{"restore", "put a backup back in place (server stopped)", runRestore},
		{"check", "report records due for review, broken links and mail domains (cron)", runCheck},
		{"user", "manage editor and admin accounts", runUser},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and turns its error into one line on stderr and an exit code:
// 0 on success, 2 for a usage error, 1 otherwise (silently when the command has reported
// what it found, [errProblems]).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		case errors.Is(err, errProblems):
			return 1
		default:
			fmt.Fprintf(stderr, "signpost %s: %v\n", c.name, err)
			var exit exitError
			if errors.As(err, &exit) {
				return int(exit)
			}
			return 1
		}
	}
	fmt.Fprintf(stderr, "signpost: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Signpost finds the right support resource for a concern.\n\nUsage: signpost COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'signpost COMMAND -h' for a command's flags.")
}

// errUsage reports a usage error whose message the flag package has already printed.
var errUsage = errors.New("usage")

// errProblems reports that a command found problems and has already printed them: exit 1
// with nothing more on stderr.
var errProblems = errors.New("problems found")

// exitError carries a specific exit code (for example 3 when an evaluation misses a threshold).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// newFlagSet returns a flag set that reports errors instead of exiting, with a usage line.
func newFlagSet(name, args, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: signpost %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping a bad flag to errUsage (the flag package has printed why).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
