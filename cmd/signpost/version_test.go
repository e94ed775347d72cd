package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInformation(t *testing.T) {
	stamped := &debug.BuildInfo{
		Main: debug.Module{Path: "signpost", Version: "v0.0.0-20261207141135-5f621dee38ba"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "5f621dee38ba12e4c2cbae6214237b2dbf4bc6ce"},
			{Key: "vcs.time", Value: "2026-12-07T14:11:35Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	cases := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"stamped", stamped, "v0.0.0-20261207141135-5f621dee38ba (commit 5f621dee38ba, 2026-12-07T14:11:35Z, with uncommitted changes)"},
		{"tagged release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel (built without version control information: build with -buildvcs=true inside the git checkout)"},
		{"no build info", nil, "devel (no build information)"},
	}
	for _, c := range cases {
		if got := versionFrom(c.bi); got != c.want {
			t.Errorf("%s: versionFrom = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestVersionOfABuiltBinaryNamesItsCommit builds the command as a user would, inside this
// checkout, and holds `signpost version` to the commit git reports.
func TestVersionOfABuiltBinaryNamesItsCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v)", err)
	}
	if fi, err := os.Stat(filepath.Join(root, ".git")); err != nil || !fi.IsDir() {
		t.Skip("a git worktree: the go command stamps only a checkout whose .git is a directory")
	}
	bin := filepath.Join(t.TempDir(), "signpost")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/signpost")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "commit " + strings.TrimSpace(string(head))[:12]
	if !strings.Contains(string(out), want) {
		t.Errorf("signpost version = %q, want it to name %q", out, want)
	}
}
