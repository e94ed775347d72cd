//go:build unix

package sqlite

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwnership gives path the permissions and, when allowed, the owner of old, so that a
// restore run as root leaves a file the service user can still write.
func keepOwnership(path string, old fs.FileInfo) {
	_ = os.Chmod(path, old.Mode().Perm())
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = os.Chown(path, int(st.Uid), int(st.Gid)) // only root may; otherwise the file stays ours
	}
}
