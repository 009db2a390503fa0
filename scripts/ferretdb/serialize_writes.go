// This file is ours, not FerretDB's: scripts/install-ferretdb.mjs copies it into the FerretDB
// v1.24.2 source it builds and calls serializeWrites() right after initCommands().
//
// Why: on the SQLite backend FerretDB runs an update as "query the documents, then replace
// them" with no transaction or lock around the two steps, so concurrent writers to one
// document overwrite each other (measured: 50 concurrent $inc on one document left n = 3, and
// 10 concurrent updates filtered on {_id, version: 1} were all "matched"). MongoDB guarantees
// that every single-document write is atomic, and the support desk's design rests on it. Running
// the mutating commands one at a time restores that guarantee; SQLite has a single writer
// anyway, so throughput barely changes, and reads are not held up.

package handler

import (
	"context"
	"sync"

	"github.com/FerretDB/wire"
)

var writeMu sync.Mutex

func (h *Handler) serializeWrites() {
	for _, name := range []string{
		"insert", "update", "delete", "findAndModify", "findandmodify",
		"create", "createIndexes", "drop", "dropDatabase", "dropIndexes", "renameCollection",
	} {
		cmd := h.commands[name]
		if cmd == nil || cmd.Handler == nil {
			continue
		}
		next := cmd.Handler
		cmd.Handler = func(ctx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {
			writeMu.Lock()
			defer writeMu.Unlock()
			return next(ctx, msg)
		}
	}
}
