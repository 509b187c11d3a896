//go:build !unix

package input

import "os"

// owner is who owns a file and how many names it has (not known here).
type owner struct {
	known    bool
	uid, gid int
	links    uint64
}

func ownerOf(os.FileInfo) owner { return owner{} }

// fileKey is not known here: FileKey falls back to the cleaned absolute path.
func fileKey(os.FileInfo) (string, bool) { return "", false }
