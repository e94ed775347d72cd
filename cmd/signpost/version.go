package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; otherwise it comes
// from the module's build information.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	bi, _ := debug.ReadBuildInfo()
	return versionFrom(bi)
}

// versionFrom names a build by what the go command stamped into it: the module version (a
// tag or a pseudo-version made from the commit), the commit and its time, and whether the
// tree had uncommitted changes. A build without version control information (GOFLAGS
// -buildvcs=false, or a source tree outside git) says so and how to get one, rather than
// printing a bare "devel" nobody can trace.
func versionFrom(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel (no build information)"
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var details []string
	if rev != "" {
		details = append(details, "commit "+rev)
	}
	if at != "" {
		details = append(details, at)
	}
	if modified {
		details = append(details, "with uncommitted changes")
	}
	if len(details) == 0 {
		if v == "devel" {
			return "devel (built without version control information: build with -buildvcs=true inside the git checkout)"
		}
		return v
	}
	return v + " (" + strings.Join(details, ", ") + ")"
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "", "Print the version of this signpost binary.", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "signpost", versionString())
	return nil
}
