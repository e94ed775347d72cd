package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// Session is a signed-in browser. The cookie holds a random token; the store keeps only the
// token's SHA-256 (the session ID), so a copy of the database signs nobody in.
type Session struct {
	ID   string
	User string
	// CSRF is the token every form of this session must carry.
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// NewToken returns 32 random bytes, base64url-encoded.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand documents it)
	return base64.RawURLEncoding.EncodeToString(b)
}

// SessionID is the stored id of the session a cookie token names.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
