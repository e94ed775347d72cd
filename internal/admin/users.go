package admin

import (
	"log/slog"
	"net/http"
	"strings"

	"signpost/internal/account"
	"signpost/internal/directory"
)

type usersContent struct {
	Users []account.User
	Name  string
	Email string
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request, v *visit) {
	s.usersPage(w, r, v, http.StatusOK, "")
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, v *visit, status int, msg string) {
	users, err := s.cfg.Accounts.Store.Users(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	c := usersContent{Users: users}
	if msg != "" {
		c.Name, c.Email = r.PostFormValue("name"), r.PostFormValue("email")
	}
	s.render(w, r, v, status, "users", page{Title: "Accounts", Nav: "users", Error: msg, Content: c})
}

// userAdd creates an account with a password the admin sets (and passes on out of band).
func (s *Server) userAdd(w http.ResponseWriter, r *http.Request, v *visit) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	err := s.cfg.Accounts.AddUser(r.Context(), v.User.Name, name, account.Role(r.PostFormValue("role")), r.PostFormValue("password"), r.PostFormValue("email"))
	if s.refused(w, r, v, err, refusedAdd) {
		return
	}
	s.cfg.Logger.Info("admin: account added", slog.String("by", v.User.Name), slog.String("user", name))
	http.Redirect(w, r, "/admin/users?done=user", http.StatusSeeOther)
}

// userChange disables, enables or signs out an account, or changes its role.
func (s *Server) userChange(w http.ResponseWriter, r *http.Request, v *visit) {
	name := r.PathValue("name")
	ctx := r.Context()
	var err error
	switch op := r.PostFormValue("op"); op {
	case "disable", "enable":
		if name == v.User.Name && op == "disable" {
			s.usersPage(w, r, v, http.StatusUnprocessableEntity, "You cannot disable your own account.")
			return
		}
		err = s.cfg.Accounts.SetDisabled(ctx, v.User.Name, name, op == "disable")
	case "signout":
		err = s.cfg.Accounts.SignOut(ctx, v.User.Name, name)
	case "role":
		if name == v.User.Name {
			s.usersPage(w, r, v, http.StatusUnprocessableEntity, "You cannot change your own role; ask another admin.")
			return
		}
		err = s.cfg.Accounts.SetRole(ctx, v.User.Name, name, account.Role(r.PostFormValue("role")))
	default:
		err = directory.Errorf(directory.EInvalid, "Unknown change %q.", op)
	}
	if s.refused(w, r, v, err, refusedChange) {
		return
	}
	s.cfg.Logger.Info("admin: account changed", slog.String("by", v.User.Name), slog.String("user", name))
	http.Redirect(w, r, "/admin/users?done=user", http.StatusSeeOther)
}

// refusedAdd and refusedChange map the errors of an account addition or change that the
// admin can act on to the status the accounts page is shown again with, the message above
// the list.
var (
	refusedAdd = map[string]int{
		directory.EInvalid:  http.StatusUnprocessableEntity,
		directory.EConflict: http.StatusUnprocessableEntity, // the name or e-mail is taken
	}
	refusedChange = map[string]int{
		directory.EInvalid:  http.StatusUnprocessableEntity,
		directory.ENotFound: http.StatusUnprocessableEntity,
		directory.EConflict: http.StatusConflict, // the last enabled admin
	}
)

// refused answers err, if there is one, and reports whether it did: a visitor who stopped
// being an enabled admin after the request was let in gets a message, not the accounts list
// they may no longer see; the errors in statuses show the accounts page again; others fail.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, v *visit, err error, statuses map[string]int) bool {
	if err == nil {
		return false
	}
	code := directory.ErrorCode(err)
	if status, ok := statuses[code]; ok {
		s.usersPage(w, r, v, status, directory.ErrorMessage(err))
	} else if code == directory.EForbidden {
		s.message(w, r, v, http.StatusForbidden, "Not saved", directory.ErrorMessage(err))
	} else {
		s.fail(w, r, v, err)
	}
	return true
}
