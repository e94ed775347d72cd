package main

import (
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	withStdin := func(s string) { stdin = strings.NewReader(s) }
	t.Cleanup(func() { withStdin("") })

	withStdin("a long enough passphrase\n")
	if code, out, errOut := runCLI(t, dir, "user", "add", "-role", "admin", "robin"); code != 0 || !strings.Contains(out, "added robin (admin)") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	withStdin("a long enough passphrase\n")
	if code, _, errOut := runCLI(t, dir, "user", "add", "robin"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("adding robin twice: %d %q", code, errOut)
	}
	withStdin("short\n")
	if code, _, errOut := runCLI(t, dir, "user", "add", "sam"); code != 1 || !strings.Contains(errOut, "at least 12 characters") {
		t.Fatalf("short password: %d %q", code, errOut)
	}
	withStdin("")
	if code, _, errOut := runCLI(t, dir, "user", "add", "sam"); code != 1 || !strings.Contains(errOut, "no password") {
		t.Fatalf("no password: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, dir, "user", "add", "-role", "owner", "-sso-only", "-email", "sam@example.edu", "sam"); code != 1 || !strings.Contains(errOut, "role") {
		t.Fatalf("bad role: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, dir, "user", "add", "-sso-only", "-email", "sam@example.edu", "sam"); code != 0 {
		t.Fatalf("sso-only account: exit %d", code)
	}
	if code, _, _ := runCLI(t, dir, "user", "disable", "sam"); code != 0 {
		t.Fatalf("disable: exit %d", code)
	}
	code, out, _ := runCLI(t, dir, "user", "list")
	if code != 0 || !strings.Contains(out, "robin") || !strings.Contains(out, "single sign-on") || !strings.Contains(out, "disabled") {
		t.Fatalf("user list: %d\n%s", code, out)
	}
	if strings.Contains(out, "argon2") {
		t.Fatal("user list shows a password hash")
	}
	// robin is the only enabled admin: disabling robin would leave nobody to manage accounts.
	if code, _, errOut := runCLI(t, dir, "user", "disable", "robin"); code != 1 || !strings.Contains(errOut, "last enabled admin") {
		t.Fatalf("disabling the last enabled admin: %d %q, want exit 1 and why", code, errOut)
	}
	if code, _, _ := runCLI(t, dir, "user", "frobnicate", "x"); code != 2 {
		t.Fatalf("unknown subcommand: exit %d, want 2", code)
	}
	if code, _, errOut := runCLI(t, dir, "user", "passwd", "nobody"); code != 1 {
		t.Fatalf("passwd of a missing account: %d %q", code, errOut)
	}
}
