package main

import (
	"context"
	"errors"
)

func runLoad(ctx context.Context, e *env, args []string) error {
	return errors.New("load: not implemented yet")
}
