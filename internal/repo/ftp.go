package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ftpGet retrieves an ftp:// URL (RFC 959: anonymous unless the URL names a user; binary
// type; passive mode, EPSV then PASV) into w, starting at offset (REST) when it is not 0.
// It returns the bytes written. Only what a repository needs: one file by path.
func ftpGet(ctx context.Context, rawURL string, w io.Writer, offset int64, timeout time.Duration) (int64, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return 0, permanent{err}
	}
	if u.Path == "" || strings.HasSuffix(u.Path, "/") {
		return 0, permanent{fmt.Errorf("%s names no file", rawURL)}
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "21")
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	conn.SetDeadline(time.Now().Add(timeout))
	tp := textproto.NewConn(conn)
	cmd := func(expect int, format string, args ...any) (string, error) {
		conn.SetDeadline(time.Now().Add(timeout))
		if format != "" {
			if err := tp.PrintfLine(format, args...); err != nil {
				return "", err
			}
		}
		code, msg, err := tp.ReadResponse(expect)
		if err != nil {
			var te *textproto.Error
			if errors.As(err, &te) && (code == 550 || code == 530) {
				return msg, permanent{fmt.Errorf("FTP %d %s", code, msg)}
			}
			return msg, fmt.Errorf("FTP: %w", err)
		}
		return msg, nil
	}
	if _, err := cmd(2, ""); err != nil {
		return 0, err
	}
	user, pass := "anonymous", "anonymous@"
	if u.User != nil {
		user = u.User.Username()
		if p, ok := u.User.Password(); ok {
			pass = p
		}
	}
	if err := tp.PrintfLine("USER %s", user); err != nil {
		return 0, err
	}
	code, msg, err := tp.ReadResponse(0)
	if err != nil && code == 0 {
		return 0, err
	}
	switch {
	case code == 331:
		if _, err := cmd(2, "PASS %s", pass); err != nil {
			return 0, err
		}
	case code/100 != 2:
		return 0, permanent{fmt.Errorf("FTP login: %d %s", code, msg)}
	}
	if _, err := cmd(2, "TYPE I"); err != nil {
		return 0, err
	}
	dataAddr, err := ftpPassive(cmd, u.Hostname())
	if err != nil {
		return 0, err
	}
	data, err := d.DialContext(ctx, "tcp", dataAddr)
	if err != nil {
		return 0, err
	}
	defer data.Close()
	stopData := context.AfterFunc(ctx, func() { data.SetDeadline(time.Now()) })
	defer stopData()
	if offset > 0 {
		if _, err := cmd(3, "REST %d", offset); err != nil {
			return 0, err
		}
	}
	if _, err := cmd(1, "RETR %s", u.Path); err != nil {
		return 0, err
	}
	var n int64
	buf := make([]byte, 64<<10)
	for {
		data.SetDeadline(time.Now().Add(timeout))
		k, rerr := data.Read(buf)
		if k > 0 {
			if _, err := w.Write(buf[:k]); err != nil {
				return n, err
			}
			n += int64(k)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return n, rerr
		}
	}
	data.Close()
	if _, err := cmd(2, ""); err != nil {
		return n, err
	}
	tp.PrintfLine("QUIT")
	return n, nil
}

// ftpPassive opens passive mode: EPSV ("(|||port|)"), else PASV ("h1,h2,h3,h4,p1,p2"; the
// host is the control connection's, as curl does by default).
func ftpPassive(cmd func(int, string, ...any) (string, error), host string) (string, error) {
	if msg, err := cmd(2, "EPSV"); err == nil {
		i, j := strings.Index(msg, "(|||"), strings.LastIndex(msg, "|)")
		if i >= 0 && j > i+4 {
			if p, err := strconv.Atoi(msg[i+4 : j]); err == nil && p > 0 && p < 65536 {
				return net.JoinHostPort(host, strconv.Itoa(p)), nil
			}
		}
	}
	msg, err := cmd(2, "PASV")
	if err != nil {
		return "", err
	}
	i, j := strings.Index(msg, "("), strings.Index(msg, ")")
	if i < 0 || j < i {
		return "", fmt.Errorf("FTP: cannot read the PASV reply %q", msg)
	}
	f := strings.Split(msg[i+1:j], ",")
	if len(f) != 6 {
		return "", fmt.Errorf("FTP: cannot read the PASV reply %q", msg)
	}
	p1, e1 := strconv.Atoi(strings.TrimSpace(f[4]))
	p2, e2 := strconv.Atoi(strings.TrimSpace(f[5]))
	if e1 != nil || e2 != nil || p1 < 0 || p1 > 255 || p2 < 0 || p2 > 255 {
		return "", fmt.Errorf("FTP: cannot read the PASV reply %q", msg)
	}
	return net.JoinHostPort(host, strconv.Itoa(p1*256+p2)), nil
}

// FetchFTP downloads an ftp:// URL into w (RPM files given as ftp:// arguments).
func FetchFTP(ctx context.Context, rawURL string, w io.Writer) error {
	_, err := ftpGet(ctx, rawURL, w, 0, 0)
	return err
}

// boundedWriter fails a transfer that brings more than the expected bytes.
type boundedWriter struct {
	w    io.Writer
	left int64
	p    *Progress
}

func (b *boundedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > b.left {
		return 0, permanent{errors.New("more data than expected")}
	}
	n, err := b.w.Write(p)
	b.left -= int64(n)
	b.p.Add(int64(n))
	return n, err
}
