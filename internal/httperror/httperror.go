// Package httperror maps [directory.Error] codes to HTTP statuses. It is the one place that
// mapping lives; the API and the web pages both use it.
package httperror

import (
	"net/http"

	"signpost/internal/directory"
)

// Status returns the HTTP status for err's code: invalid 400, unauthorized 401, forbidden 403,
// not_found 404, conflict 409, too_large 413, unavailable 503, anything else 500.
func Status(err error) int {
	switch directory.ErrorCode(err) {
	case directory.EInvalid:
		return http.StatusBadRequest
	case directory.EUnauthorized:
		return http.StatusUnauthorized
	case directory.EForbidden:
		return http.StatusForbidden
	case directory.ENotFound:
		return http.StatusNotFound
	case directory.EConflict:
		return http.StatusConflict
	case directory.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case directory.EUnsupported:
		return http.StatusUnsupportedMediaType
	case directory.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
