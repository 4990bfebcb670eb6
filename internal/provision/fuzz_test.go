package provision

import "testing"

func FuzzSplitUserData(f *testing.F) {
	f.Add([]byte(mimeUserData))
	f.Add(gz(f, "#!/bin/sh\necho"))
	f.Add([]byte("#cloud-config\nruncmd: [ls]\n"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/mixed; boundary=y\n\n--y\n\n#!/bin/sh\n--y--\n--x--\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parts, err := SplitUserData(b)
		if err != nil {
			return
		}
		for _, p := range parts {
			if p.Kind == KindCloudConfig {
				_, _ = ParseCloudConfig(p.Body)
			}
		}
	})
}

func FuzzParseCloudConfig(f *testing.F) {
	f.Add([]byte(testUserData))
	f.Add([]byte("#cloud-config\nusers: default\nwrite_files: [{path: /x, permissions: 0644}]\n"))
	f.Add([]byte("mounts: [[a, b, c, d, e, f, g]]\ngrowpart: {mode: false}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCloudConfig(b)
		if err != nil {
			return
		}
		for _, w := range c.WriteFiles {
			if w.Permissions > 0o7777 {
				t.Fatalf("permissions %o", w.Permissions)
			}
			_, _ = DecodeContent(w.Content, w.Encoding)
		}
		_ = shellScript(c.RunCmd)
	})
}

func FuzzNoCloud(f *testing.F) {
	f.Add("ds=nocloud;i=a;h=b;s=file:///x/", []byte("instance-id: a\npublic-keys: [x]\n"))
	f.Fuzz(func(t *testing.T, cmdline string, meta []byte) {
		_, _ = ParseNoCloudCmdline(cmdline)
		_, _ = ParseNoCloudMeta(meta)
	})
}
