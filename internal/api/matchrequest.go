package api

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// maxMatchBody bounds a POST body; the concern itself is bounded by navigator.MaxConcernBytes.
const maxMatchBody = 16 << 10

// readMatchFields reads a match request's fields from the query (GET) or from the body (POST:
// a JSON object or a URL-encoded form). This is the HTTP half; what the fields mean, and their
// errors, are [navigator.Fields]'.
func readMatchFields(w http.ResponseWriter, r *http.Request) (navigator.Fields, error) {
	if r.Method == http.MethodGet {
		return navigator.FieldsFromValues(r.URL.Query())
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxMatchBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			if tooLarge(err) {
				return navigator.Fields{}, errBodyTooLarge()
			}
			return navigator.Fields{}, navigator.ErrFieldsJSON // cut off, so not a whole object
		}
		return navigator.DecodeFields(body)
	case "multipart/form-data":
		return navigator.Fields{}, directory.Errorf(directory.EUnsupported, "Send the concern as JSON (Content-Type: application/json) or as a URL-encoded form, not multipart.")
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			if tooLarge(err) {
				return navigator.Fields{}, errBodyTooLarge()
			}
			return navigator.Fields{}, directory.Errorf(directory.EInvalid, "The form could not be read.")
		}
		return navigator.FieldsFromValues(r.PostForm)
	}
	return navigator.Fields{}, directory.Errorf(directory.EInvalid, "Send the concern as JSON (Content-Type: application/json) or as a form.")
}

func tooLarge(err error) bool {
	var tooBig *http.MaxBytesError
	return errors.As(err, &tooBig)
}

func errBodyTooLarge() error {
	return directory.Errorf(directory.ETooLarge, "The request body is over %d bytes.", maxMatchBody)
}
