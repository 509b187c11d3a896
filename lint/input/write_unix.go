//go:build unix

package input

import (
	"fmt"
	"os"
	"syscall"
)

// owner is who owns a file and how many names it has.
type owner struct {
	known    bool
	uid, gid int
	links    uint64
}

func ownerOf(info os.FileInfo) owner {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return owner{}
	}
	return owner{known: true, uid: int(st.Uid), gid: int(st.Gid), links: uint64(st.Nlink)} //nolint:unconvert // Nlink is uint32 on some platforms
}

// fileKey identifies the file behind info (device and inode), so that
// one file named twice, through "./", a symbolic or a hard link, is seen
// as one.
func fileKey(info os.FileInfo) (string, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino), true
}
