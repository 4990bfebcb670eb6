package imds

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"
)

// Relay copies r to a TCP connection to addr (which must be a loopback address) and the
// answers back to w, until the server closes or ctx ends (which is not an error: an idle
// keep-alive connection simply ends). Nothing is ever written to w but the server's bytes,
// since under QEMU w (and stderr) is the guest's connection. QEMU's
// guestfwd=...-cmd:PROGRAM starts one relay per guest connection on stdin/stdout.
func Relay(ctx context.Context, addr string, r io.Reader, w io.Writer) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("relay: %s is not a loopback address", addr)
	}
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	defer conn.Close()
	up := make(chan error, 1)
	go func() {
		_, err := io.Copy(conn, r)
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
		up <- err
	}()
	down := make(chan error, 1)
	go func() {
		_, err := io.Copy(w, conn)
		down <- err
	}()
	select {
	case err = <-down:
	case <-ctx.Done():
		return nil
	}
	return err
}
