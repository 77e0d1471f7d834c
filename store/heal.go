package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// What Open repairs after a crash.
//
// A bolt store needs no repair of its content: every write is one bbolt
// transaction (boltjoin.go) and a bulk load replaces the file by a rename
// (boltbulk.go), so a crash leaves each document and the generation as
// they were before or after. What a crash leaves beside the file, a
// partial <db>.bulk, is removed here; a store written by a version of
// Resgraph before that (two transactions per replace) can hold documents
// with no generation, which Open reports with the command that repairs
// it. PostgreSQL's repairs (index builds left by a dead load) are in
// pg_heal.go.

// removeStaleBulk removes <path>.bulk, the file of a bolt bulk load that
// did not end. Callers hold the file's lock, so no load of another process
// is writing it: a bulk load renames its file over the store's before it
// releases the store's lock.
func (s *Store) removeStaleBulk() {
	tmp := s.cfg.Path + ".bulk"
	fi, err := os.Stat(tmp)
	if err != nil {
		return
	}
	if err := os.Remove(tmp); err != nil {
		s.log.Warn("could not remove the file of an interrupted bulk load", "file", tmp, "err", err)
		return
	}
	s.log.Info("removed the file of an interrupted bulk load; the store is as it was before that load",
		"file", tmp, "bytes", fi.Size())
}

// checkGeneration warns when a bolt store holds documents but no
// generation: a crash of a Resgraph that wrote a replace in two
// transactions left it so, maybe with documents that hold only the quads
// their two versions share.
func (s *Store) checkGeneration(ctx context.Context) error {
	unlock, err := s.readLock()
	if err != nil {
		return err
	}
	defer unlock()
	gen, _, err := s.generationQuad(ctx)
	if err != nil || gen > 0 {
		return err
	}
	has, err := s.boltHoldsDocuments()
	if err != nil || !has {
		return err
	}
	s.log.Warn("the store holds documents but no generation: an interrupted load of an older Resgraph may have left documents half replaced; "+
		"run `resgraph load` again with the same files and registry to repair them", "file", s.cfg.Path)
	return nil
}

// heal runs the bolt repairs after Open.
func (s *Store) heal(ctx context.Context) error {
	if s.cfg.Backend != BackendBolt {
		return nil
	}
	if !s.cfg.ReadOnly {
		s.removeStaleBulk()
	}
	if err := s.checkGeneration(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("checking the generation: %w", err)
	}
	return nil
}
