package graph

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadlineCtx is context.WithDeadline without its timer, until someone
// needs one. The request timeout is checked by resolvers and the compiled
// executor through Err, which compares the clock with the deadline; nothing
// on the way of a query waits on Done. context.WithTimeout made a timer and
// a cancel context for every request and stopped the timer after it: 3 % of
// the CPU of a request for a page of obligations, and half a kilobyte.
//
// It keeps the context contract: Err is nil until the deadline passes or
// the parent ends, and the same error after; Done, made on the first call,
// is closed when Err becomes non-nil (by a timer and context.AfterFunc, or
// by the Err call that first sees it, or by cancel).
type deadlineCtx struct {
	context.Context // the parent
	deadline        time.Time

	err atomic.Pointer[error] // set once, under mu

	mu         sync.Mutex
	done       chan struct{} // made by the first Done
	timer      *time.Timer
	stopParent func() bool
}

// withDeadline is context.WithDeadline(parent, d): the child ends at d,
// or when the parent does, or when cancel is called (then with
// context.Canceled), whichever comes first.
func withDeadline(parent context.Context, d time.Time) (_ *deadlineCtx, cancel func()) {
	if pd, ok := parent.Deadline(); ok && pd.Before(d) {
		d = pd
	}
	c := &deadlineCtx{Context: parent, deadline: d}
	return c, c.cancel
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *deadlineCtx) Err() error {
	if e := c.err.Load(); e != nil {
		return *e
	}
	if c.Context.Err() == nil && time.Now().Before(c.deadline) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.endLocked()
}

// endLocked records the context's error, once, and closes Done if it was
// made. It returns the error, nil if the context has not ended.
func (c *deadlineCtx) endLocked() error {
	if e := c.err.Load(); e != nil {
		return *e
	}
	err := c.Context.Err()
	if err == nil && !time.Now().Before(c.deadline) {
		err = context.DeadlineExceeded
	}
	if err == nil {
		return nil
	}
	c.setLocked(err)
	return err
}

// The errors a deadlineCtx usually ends with, to point at without
// allocating.
var (
	errCanceled         = context.Canceled
	errDeadlineExceeded = context.DeadlineExceeded
)

func (c *deadlineCtx) setLocked(err error) {
	switch err {
	case context.Canceled:
		c.err.Store(&errCanceled)
	case context.DeadlineExceeded:
		c.err.Store(&errDeadlineExceeded)
	default:
		c.err.Store(&err)
	}
	if c.done != nil {
		close(c.done)
	}
	if c.timer != nil {
		c.timer.Stop()
		c.stopParent()
		c.timer, c.stopParent = nil, nil
	}
}

func (c *deadlineCtx) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endLocked()
}

func (c *deadlineCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.err.Load() != nil {
			close(c.done)
		} else if c.endLocked() == nil {
			c.timer = time.AfterFunc(time.Until(c.deadline), c.end)
			c.stopParent = context.AfterFunc(c.Context, c.end)
		}
	}
	return c.done
}

// cancel ends the context with context.Canceled, unless it has ended.
func (c *deadlineCtx) cancel() {
	if c.err.Load() != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.endLocked() == nil {
		c.setLocked(context.Canceled)
	}
}

func (c *deadlineCtx) String() string { return "graph.deadlineCtx" }
