package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/lib/pq"
)

// COPY without database/sql. Through database/sql, lib/pq takes one Exec
// per row, and each converts, hex-encodes and escapes every value: for
// 3.2M quads that was 9 of the bulk load's 24 CPU seconds. lib/pq's COPY
// statement also takes raw COPY text (CopyData), which we write ourselves,
// many rows per call, with each node hash hex-encoded once.

// copyDataStmt is lib/pq's COPY statement.
type copyDataStmt interface {
	driver.Stmt
	CopyData(ctx context.Context, line string) (driver.Result, error)
}

// pgCopy is a COPY in progress on a connection in a transaction.
type pgCopy struct {
	ctx  context.Context
	stmt copyDataStmt
	buf  []byte // whole rows, each ending in '\n'
	rows int
}

// copyFlushSize is how much COPY text is handed to lib/pq at a time.
const copyFlushSize = 256 << 10

// pgCopyIn runs a COPY into table's columns on conn (in the transaction
// conn is in): fill writes the rows with the pgCopy methods.
func pgCopyIn(ctx context.Context, conn *sql.Conn, table string, columns []string, fill func(c *pgCopy) error) error {
	return conn.Raw(func(dc any) error {
		st, err := dc.(driver.Conn).Prepare(pq.CopyIn(table, columns...))
		if err != nil {
			return err
		}
		cd, ok := st.(copyDataStmt)
		if !ok {
			st.Close()
			return errors.New("lib/pq's COPY statement has no CopyData")
		}
		c := &pgCopy{ctx: ctx, stmt: cd, buf: make([]byte, 0, copyFlushSize+4096)}
		if err := fill(c); err != nil {
			st.Close()
			return err
		}
		if err := c.flush(); err != nil {
			st.Close()
			return err
		}
		if _, err := st.Exec(nil); err != nil { // ends the COPY, reports its errors
			st.Close()
			return err
		}
		return st.Close()
	})
}

// end ends a row: the row's last field is written.
func (c *pgCopy) end() error {
	c.buf[len(c.buf)-1] = '\n' // the tab after the last field
	c.rows++
	if len(c.buf) >= copyFlushSize {
		return c.flush()
	}
	return nil
}

func (c *pgCopy) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	_, err := c.stmt.CopyData(c.ctx, string(c.buf[:len(c.buf)-1])) // CopyData adds the last '\n'
	c.buf = c.buf[:0]
	return err
}

// raw appends a field already in COPY text form.
func (c *pgCopy) raw(s string) {
	c.buf = append(c.buf, s...)
	c.buf = append(c.buf, '\t')
}

// value appends a field of one of the types Cayley's NodeValues gives.
func (c *pgCopy) value(v any) error {
	switch v := v.(type) {
	case nil:
		c.buf = append(c.buf, `\N`...)
	case []byte:
		if v == nil {
			c.buf = append(c.buf, `\N`...)
			break
		}
		c.buf = appendByteaField(c.buf, v)
	case string:
		c.buf = appendTextField(c.buf, v)
	case bool:
		if v {
			c.buf = append(c.buf, 't')
		} else {
			c.buf = append(c.buf, 'f')
		}
	case int:
		c.buf = strconv.AppendInt(c.buf, int64(v), 10)
	case int64:
		c.buf = strconv.AppendInt(c.buf, v, 10)
	case float64:
		c.buf = strconv.AppendFloat(c.buf, v, 'g', -1, 64)
	case time.Time:
		c.buf = append(c.buf, pq.FormatTimestamp(v)...)
	default:
		return fmt.Errorf("COPY of a %T value", v)
	}
	c.buf = append(c.buf, '\t')
	return nil
}

// appendByteaField appends b as a bytea field of COPY text: hex, with the
// backslash escaped.
func appendByteaField(buf, b []byte) []byte {
	buf = append(buf, `\\x`...)
	return hex.AppendEncode(buf, b)
}

// byteaField is appendByteaField as a string.
func byteaField(b []byte) string { return string(appendByteaField(nil, b)) }

// appendTextField appends s as a text field of COPY text.
func appendTextField(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			buf = append(buf, `\\`...)
		case '\n':
			buf = append(buf, `\n`...)
		case '\r':
			buf = append(buf, `\r`...)
		case '\t':
			buf = append(buf, `\t`...)
		default:
			buf = append(buf, ch)
		}
	}
	return buf
}

// pgTx is a transaction on a connection of its own, begun and ended with
// SQL statements so that COPY can go through the driver (pgCopyIn).
type pgTx struct {
	*sql.Conn
	done bool
}

// beginPgTx takes a connection and begins a transaction on it.
func (s *Store) beginPgTx(ctx context.Context) (*pgTx, error) {
	conn, err := s.pg.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		return nil, err
	}
	return &pgTx{Conn: conn}, nil
}

// commit commits and gives the connection back.
func (tx *pgTx) commit(ctx context.Context) error {
	tx.done = true
	_, err := tx.ExecContext(ctx, `COMMIT`)
	if err != nil {
		tx.Raw(func(any) error { return driver.ErrBadConn }) // state unknown: not back to the pool
	}
	tx.Close()
	return err
}

// rollback rolls back (when commit has not run) and gives the connection
// back; a connection that cannot roll back is discarded.
func (tx *pgTx) rollback() {
	if tx.done {
		return
	}
	tx.done = true
	if _, err := tx.ExecContext(context.Background(), `ROLLBACK`); err != nil {
		tx.Raw(func(any) error { return driver.ErrBadConn })
	}
	tx.Close()
}
