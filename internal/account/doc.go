// Package account is who may change the directory: editor and admin accounts with argon2id
// password hashes, sessions kept in the database (so every instance honours them and
// "sign out everywhere" is one delete), and lockout after repeated failed sign-ins.
//
// It imports only the domain's error codes; stores implement [Store].
package account
