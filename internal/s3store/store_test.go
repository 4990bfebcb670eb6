package s3store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/nimbus-linux/nimbus/internal/s3store"
	"github.com/nimbus-linux/nimbus/internal/s3store/s3test"
)

// TestPutNew: an absent object is written, the same content again is skipped, other
// content is refused (ErrConflict) and the object keeps its first content; versitygw
// itself refuses If-None-Match: * on an existing key (the guard against a concurrent
// writer between our HEAD and PUT); a throttled store is retried.
func TestPutNew(t *testing.T) {
	srv := s3test.Start(t, "b-one")
	env := srv.Env()
	ctx := context.Background()
	st, err := s3store.Open(ctx, "s3://b-one/p/q/", s3store.Options{Endpoint: srv.URL, Getenv: func(k string) string { return env[k] }, MaxBackoff: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if st.Prefix != "p/q/" || st.Where("x") != "s3://b-one/p/q/x" {
		t.Errorf("prefix %q, where %q", st.Prefix, st.Where("x"))
	}
	for i, c := range []struct {
		body    string
		written bool
		err     error
	}{{"one", true, nil}, {"one", false, nil}, {"two", false, s3store.ErrConflict}, {"ONE", false, s3store.ErrConflict}} {
		w, err := st.PutNew(ctx, "k", strings.NewReader(c.body), "text/plain")
		if w != c.written || !errors.Is(err, c.err) {
			t.Errorf("put %d (%q): written %v, err %v; want %v, %v", i, c.body, w, err, c.written, c.err)
		}
	}
	if b, err := st.Get(ctx, "k"); err != nil || string(b) != "one" {
		t.Errorf("k = %q, %v after refused overwrites", b, err)
	}
	// The store's own conditional put.
	_, err = srv.Client().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("b-one"), Key: aws.String("p/q/k"), Body: strings.NewReader("three"), IfNoneMatch: aws.String("*")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "PreconditionFailed" {
		t.Errorf("versitygw: If-None-Match: * on an existing key: %v (want PreconditionFailed)", err)
	}
	if _, err := st.Get(ctx, "missing"); !errors.Is(err, s3store.ErrNotFound) {
		t.Errorf("missing object: %v", err)
	}
	srv.Proxy.Throttle(3)
	if w, err := st.PutNew(ctx, "k2", strings.NewReader("x"), "text/plain"); err != nil || !w {
		t.Errorf("throttled put: %v %v", w, err)
	}
	if srv.Proxy.Throttled() != 3 {
		t.Errorf("%d throttled", srv.Proxy.Throttled())
	}
	// Throttled beyond the retry budget: a clear error, nothing written.
	few, err := s3store.Open(ctx, "s3://b-one/p", s3store.Options{Endpoint: srv.URL, Getenv: func(k string) string { return env[k] }, MaxAttempts: 2, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv.Proxy.Throttle(10)
	if _, err := few.PutNew(ctx, "k3", strings.NewReader("x"), "text/plain"); err == nil || !strings.Contains(err.Error(), "throttling (503 SlowDown)") {
		t.Errorf("persistently throttled: %v", err)
	}
	srv.Proxy.Reset()
	if objs, err := st.List(ctx, ""); err != nil || len(objs) != 2 {
		t.Errorf("listing: %v %v", objs, err)
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"s3://bucket/prefix/x", "s3://b", "s3://bucket/../x", "http://x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, p, err := s3store.ParseURL(s)
		if err != nil {
			return
		}
		if strings.Contains(p, "..") && strings.Contains("/"+p, "/../") || (p != "" && !strings.HasSuffix(p, "/")) || b == "" {
			t.Fatalf("ParseURL(%q) = %q, %q", s, b, p)
		}
	})
}
