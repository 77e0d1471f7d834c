package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/resgraph/resgraph/store"
)

func main() {
	// Cayley logs through a package-global logger: route it to slog once, here.
	store.SetCayleyLogger(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errReported) && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "resgraph:", err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// errReported is returned by a subcommand that has already told the user
// what went wrong and only needs a non-zero exit status.
var errReported = errors.New("errors reported")

// env is what a subcommand gets from main: its streams and the logger.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	getenv func(string) string
}

const usage = `Resgraph: UN Security Council resolutions as a knowledge graph.

usage: resgraph COMMAND [flags] [args]

commands:
  extract   read documents and print the document model and extraction
  load      load documents into the graph store
  serve     serve GraphQL, the explorer and exports over the graph store
  export    write a view of the graph for network tools
  mandates  list mandates through time: periods in force, renewals, ends
  calendar  list the reports due between two days (table, CSV, JSON, iCalendar)
  diff      what changed between two documents (renewals, a draft and its text)

Run 'resgraph COMMAND -h' for the flags of a command.
`

// run is the whole program, minus os.Exit, so tests can call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{
		stdin:  stdin,
		stdout: stdout,
		stderr: stderr,
		log:    slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
		getenv: os.Getenv,
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return runExtract(ctx, e, rest)
	case "load":
		return runLoad(ctx, e, rest)
	case "serve":
		return runServe(ctx, e, rest)
	case "export":
		return runExport(ctx, e, rest)
	case "mandates":
		return runMandates(ctx, e, rest)
	case "calendar":
		return runCalendar(ctx, e, rest)
	case "diff":
		return runDiff(ctx, e, rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
