//go:build !unix

package sqlite

import (
	"io/fs"
	"os"
)

// keepOwnership gives path the permissions of old; owners are a Unix notion.
func keepOwnership(path string, old fs.FileInfo) {
	_ = os.Chmod(path, old.Mode().Perm())
}
