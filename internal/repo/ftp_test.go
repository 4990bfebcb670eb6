package repo

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
)

// fakeFTP is a minimal FTP server: anonymous login, TYPE, EPSV or PASV (epsv false), REST,
// RETR of the files given; it serves one control connection at a time.
func fakeFTP(t *testing.T, files map[string]string, epsv bool) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serveFakeFTP(c, files, epsv)
		}
	}()
	return "ftp://" + l.Addr().String() + "/"
}

func serveFakeFTP(c net.Conn, files map[string]string, epsv bool) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { fmt.Fprintf(c, "%s\r\n", s) }
	say("220 fake")
	var data net.Listener
	var rest int
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		f := strings.Fields(strings.TrimSpace(line))
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "USER":
			say("331 password please")
		case "PASS":
			say("230 in")
		case "TYPE":
			say("200 binary")
		case "EPSV":
			if !epsv {
				say("500 no EPSV")
				continue
			}
			data, _ = net.Listen("tcp", "127.0.0.1:0")
			say(fmt.Sprintf("229 Entering Extended Passive Mode (|||%d|)", data.Addr().(*net.TCPAddr).Port))
		case "PASV":
			data, _ = net.Listen("tcp", "127.0.0.1:0")
			p := data.Addr().(*net.TCPAddr).Port
			say(fmt.Sprintf("227 Entering Passive Mode (127,0,0,1,%d,%d).", p/256, p%256))
		case "REST":
			fmt.Sscan(f[1], &rest)
			say("350 ok")
		case "RETR":
			body, ok := files[f[1]]
			if !ok {
				say("550 No such file")
				data.Close()
				continue
			}
			say("150 sending")
			dc, err := data.Accept()
			if err == nil {
				dc.Write([]byte(body[rest:]))
				dc.Close()
			}
			data.Close()
			say("226 done")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

func TestFTPGet(t *testing.T) {
	for _, epsv := range []bool{true, false} {
		base := fakeFTP(t, map[string]string{"/repo/a.rpm": "0123456789"}, epsv)
		var b bytes.Buffer
		n, err := ftpGet(context.Background(), base+"repo/a.rpm", &b, 0, 0)
		if err != nil || n != 10 || b.String() != "0123456789" {
			t.Errorf("epsv=%v: %d %q %v", epsv, n, b.String(), err)
		}
		b.Reset()
		if _, err := ftpGet(context.Background(), base+"repo/a.rpm", &b, 4, 0); err != nil || b.String() != "456789" {
			t.Errorf("epsv=%v resumed: %q %v", epsv, b.String(), err)
		}
		_, err = ftpGet(context.Background(), base+"repo/missing.rpm", &b, 0, 0)
		var p permanent
		if err == nil || !strings.Contains(err.Error(), "550") || !errorsAs(err, &p) {
			t.Errorf("epsv=%v missing file: %v, want a permanent 550 error", epsv, err)
		}
	}
}

func TestFetcherFTP(t *testing.T) {
	base := fakeFTP(t, map[string]string{"/repodata/repomd.xml": "<repomd/>"}, true)
	dest := t.TempDir() + "/repomd.xml"
	f := NewFetcher(DefaultMain())
	if err := f.Fetch(context.Background(), Request{Repo: "r", Mirrors: []string{base}, Path: "repodata/repomd.xml", Dest: dest, Size: -1}); err != nil {
		t.Fatal(err)
	}
}

func FuzzFTPPassive(f *testing.F) {
	f.Add("229 Entering Extended Passive Mode (|||2121|)", "227 Entering Passive Mode (127,0,0,1,8,73).")
	f.Add("(|||", "(1,2,3,4,5,6)")
	f.Fuzz(func(t *testing.T, epsv, pasv string) {
		cmd := func(_ int, format string, _ ...any) (string, error) {
			if format == "EPSV" {
				return epsv, nil
			}
			return pasv, nil
		}
		ftpPassive(cmd, "127.0.0.1")
	})
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
