package graph

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// deadlineCtx behaves as context.WithDeadline does, from the outside.
func TestDeadlineContext(t *testing.T) {
	closed := func(ch <-chan struct{}, within time.Duration) bool {
		select {
		case <-ch:
			return true
		default:
		}
		select {
		case <-ch:
			return true
		case <-time.After(within):
			return false
		}
	}
	t.Run("before the deadline", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(time.Hour))
		defer cancel()
		if err := ctx.Err(); err != nil {
			t.Fatalf("Err %v", err)
		}
		if d, ok := ctx.Deadline(); !ok || time.Until(d) < 59*time.Minute {
			t.Fatalf("Deadline %v %v", d, ok)
		}
		if closed(ctx.Done(), 10*time.Millisecond) {
			t.Fatal("Done closed before the deadline")
		}
	})
	t.Run("deadline passes, nobody waiting", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(5*time.Millisecond))
		defer cancel()
		time.Sleep(10 * time.Millisecond)
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Err %v", err)
		}
		if !closed(ctx.Done(), 0) {
			t.Fatal("Done made after the deadline is not closed")
		}
		cancel()
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Err changed to %v", err)
		}
	})
	t.Run("deadline passes, waiting on Done", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(20*time.Millisecond))
		defer cancel()
		done := ctx.Done()
		if !closed(done, 2*time.Second) {
			t.Fatal("Done not closed at the deadline")
		}
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Err %v", err)
		}
	})
	t.Run("parent cancelled", func(t *testing.T) {
		parent, stop := context.WithCancel(context.Background())
		ctx, cancel := withDeadline(parent, time.Now().Add(time.Hour))
		defer cancel()
		done := ctx.Done()
		stop()
		if !closed(done, 2*time.Second) {
			t.Fatal("Done not closed when the parent ends")
		}
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Err %v", err)
		}
	})
	t.Run("parent cancelled, nobody waiting", func(t *testing.T) {
		parent, stop := context.WithCancel(context.Background())
		ctx, cancel := withDeadline(parent, time.Now().Add(time.Hour))
		defer cancel()
		stop()
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Err %v", err)
		}
	})
	t.Run("parent's deadline is earlier", func(t *testing.T) {
		parent, stop := context.WithTimeout(context.Background(), time.Minute)
		defer stop()
		ctx, cancel := withDeadline(parent, time.Now().Add(time.Hour))
		defer cancel()
		if d, _ := ctx.Deadline(); time.Until(d) > time.Minute {
			t.Fatalf("Deadline %v, after the parent's", d)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(time.Hour))
		done := ctx.Done()
		cancel()
		if !closed(done, 0) {
			t.Fatal("Done not closed by cancel")
		}
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Err %v", err)
		}
		cancel()
	})
	t.Run("children end with it", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(20*time.Millisecond))
		defer cancel()
		child, stop := context.WithCancel(context.WithValue(ctx, struct{}{}, 1))
		defer stop()
		if !closed(child.Done(), 2*time.Second) {
			t.Fatal("child not ended at the deadline")
		}
		if err := child.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("child Err %v", err)
		}
	})
	t.Run("no timer unless Done", func(t *testing.T) {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(time.Hour))
		_ = ctx.Err()
		cancel()
		if ctx.timer != nil || ctx.done != nil {
			t.Fatal("made a timer or a channel without a Done call")
		}
	})
}

// Racing Err, Done, cancel and the deadline (go test -race).
func TestDeadlineContextConcurrent(t *testing.T) {
	for range 200 {
		ctx, cancel := withDeadline(context.Background(), time.Now().Add(time.Millisecond))
		ch := make(chan error, 3)
		for range 3 {
			go func() {
				for ctx.Err() == nil {
					runtime.Gosched()
				}
				<-ctx.Done()
				ch <- ctx.Err()
			}()
		}
		go func() { time.Sleep(time.Millisecond); cancel() }()
		first := <-ch
		for range 2 {
			if err := <-ch; err != first {
				t.Fatalf("Err %v then %v", first, err)
			}
		}
	}
}
