package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"signpost/internal/account"
	"signpost/internal/directory"
)

const userUsage = `Usage: signpost user COMMAND [flags] NAME

Manage the accounts that may sign in at /admin. There is no default account and no default
password: create the first admin here.

Commands:
  add [-role editor|admin] [-email E] [-sso-only] NAME
                     create an account; the password is read from the terminal (asked twice)
                     or from the first line of standard input
  list               list accounts
  passwd NAME        set a new password (signs the account out everywhere)
  disable NAME       stop an account signing in (signs it out everywhere)
  enable NAME        allow a disabled account again
  signout NAME       end every session of an account

Every command takes -data DIR or -database URL (or SIGNPOST_DATA, SIGNPOST_DATABASE_URL).
`

// stdin is where passwords are read from; tests replace it.
var stdin io.Reader = os.Stdin

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, userUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var cfg Config
	var role, email string
	var ssoOnly bool
	fs := newFlagSet("user "+sub, "[flags] NAME", "See signpost user -h.", stderr)
	addDataFlag(fs, &cfg)
	if sub == "add" {
		fs.StringVar(&role, "role", "editor", "editor (content) or admin (content, accounts and settings)")
		fs.StringVar(&email, "email", "", "e-mail address that single sign-on vouches for")
		fs.BoolVar(&ssoOnly, "sso-only", false, "no password: the account signs in only through single sign-on (needs -email)")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if sub != "list" && fs.NArg() != 1 {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	switch sub {
	case "add", "list", "passwd", "disable", "enable", "signout":
	default:
		fmt.Fprintf(stderr, "signpost user: unknown command %q\n\n%s", sub, userUsage)
		return errUsage
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := account.NewService(st)
	name := fs.Arg(0)
	switch sub {
	case "add":
		var pw string
		if !ssoOnly {
			if pw, err = readNewPassword(stderr); err != nil {
				return err
			}
		}
		if err := svc.AddUser(ctx, "", name, account.Role(role), pw, email); err != nil {
			return errors.New(directory.ErrorMessage(err))
		}
		fmt.Fprintf(stdout, "added %s (%s)\n", name, role)
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tE-MAIL\tSIGN-IN\tSTATE")
		for _, u := range users {
			how := "password"
			if u.PasswordHash == "" {
				how = "single sign-on"
			}
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Email, how, state)
		}
		return tw.Flush()
	case "passwd":
		pw, err := readNewPassword(stderr)
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, name, pw); err != nil {
			return errors.New(directory.ErrorMessage(err))
		}
		fmt.Fprintf(stdout, "password of %s changed; its sessions ended\n", name)
	case "disable", "enable":
		if err := svc.SetDisabled(ctx, "", name, sub == "disable"); err != nil {
			return errors.New(directory.ErrorMessage(err))
		}
		fmt.Fprintf(stdout, "%sd %s\n", sub, name)
	case "signout":
		if _, err := st.User(ctx, name); err != nil {
			return errors.New(directory.ErrorMessage(err))
		}
		if err := st.DeleteUserSessions(ctx, name); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "every session of %s ended\n", name)
	}
	return nil
}

// readNewPassword asks twice on a terminal without echo, or reads one line from a pipe.
func readNewPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "New password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("no password on standard input: type it at a terminal, or pipe it as one line")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
