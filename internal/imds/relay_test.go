package imds

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRelay(t *testing.T) {
	in := &Instance{}
	_ = in.fill()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: NewServer(in, nil)}
	go hs.Serve(ln)
	defer hs.Close()
	var out bytes.Buffer
	req := "PUT /latest/api/token HTTP/1.1\r\nHost: 169.254.169.254\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\nConnection: close\r\n\r\n"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Relay(ctx, ln.Addr().String(), strings.NewReader(req), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "HTTP/1.1 200 OK") || !strings.Contains(strings.ToLower(out.String()), strings.ToLower(HeaderTTL)+": 60") {
		t.Fatalf("answer %q", out.String())
	}
	if err := Relay(ctx, "10.0.0.1:80", strings.NewReader(""), &out); err == nil {
		t.Fatal("relay to a non-loopback address allowed")
	}
}
