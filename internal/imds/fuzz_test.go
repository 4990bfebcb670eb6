package imds

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func FuzzParseIdentity(f *testing.F) {
	f.Add([]byte(`{"instanceId":"i-1","region":"us-east-1"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := ParseIdentity(b)
		if err == nil && id.InstanceID == "" {
			t.Fatal("accepted a document without instanceId")
		}
	})
}

func FuzzParseKeyList(f *testing.F) {
	f.Add([]byte("0=mykey\n1=other"))
	f.Add([]byte("0/"))
	f.Add([]byte("0\r\n1/\n2=a=b"))
	f.Add([]byte("x=y\n0=ok"))
	f.Add([]byte("01=x\n-1=y\n99999999999999999999=z"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, _ := ParseKeyList(b) // entries come back even with an error
		seen := map[int]bool{}
		for _, k := range keys {
			if k.Index < 0 || k.Index >= maxKeys || seen[k.Index] || strings.ContainsAny(k.Name, "/\x00\n") {
				t.Fatalf("bad entry %+v", k)
			}
			seen[k.Index] = true
		}
	})
}

// FuzzServer feeds arbitrary paths and headers to the server: it must never panic and
// never answer 200 to a metadata GET without a valid token.
func FuzzServer(f *testing.F) {
	f.Add("GET", "/latest/meta-data/public-keys/", "", "")
	f.Add("PUT", "/latest/api/token", "60", "")
	f.Add("GET", "/latest/meta-data/../user-data", "", "tok")
	f.Fuzz(func(t *testing.T, method, path, ttl, tok string) {
		in := &Instance{}
		_ = in.fill()
		s := NewServer(in, nil)
		req, err := http.NewRequest(method, "http://x"+path, nil)
		if err != nil {
			return
		}
		req.Header.Set(HeaderTTL, ttl)
		req.Header.Set(HeaderToken, tok)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code == 200 && req.URL.Path != "/latest/api/token" && req.URL.Path != "/" {
			t.Fatalf("%s %s answered 200 without a token", method, path)
		}
	})
}
