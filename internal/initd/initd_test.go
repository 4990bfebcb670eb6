package initd

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseCmdline(t *testing.T) {
	c := ParseCmdline(`console=ttyS0 quiet nimbus.debug ds=nocloud;i=x msg="a b" console=hvc0` + "\n")
	if c.Get("console", "") != "hvc0" || !c.Has("quiet") || c.Has("loud") || c.Params["msg"] != "a b" || c.Get("nimbus.debug", "def") != "def" {
		t.Fatalf("%+v", c)
	}
}

func TestProbeFS(t *testing.T) {
	ext := make([]byte, 4096)
	sb := ext[1024:]
	binary.LittleEndian.PutUint16(sb[0x38:], 0xEF53)
	copy(sb[0x68:], []byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88})
	copy(sb[0x78:], "rootfs")
	info, ok := ProbeFS(bytes.NewReader(ext))
	if !ok || info.Type != "ext4" || info.Label != "rootfs" || info.UUID != "12345678-9abc-def0-1122-334455667788" {
		t.Fatalf("ext4: %+v %v", info, ok)
	}
	fat := make([]byte, 512)
	fat[510], fat[511] = 0x55, 0xAA
	copy(fat[0x52:], "FAT32   ")
	binary.LittleEndian.PutUint32(fat[0x43:], 0x1234ABCD)
	copy(fat[0x47:], "CIDATA     ")
	info, ok = ProbeFS(bytes.NewReader(fat))
	if !ok || info.Type != "vfat" || info.Label != "CIDATA" || info.UUID != "1234-ABCD" {
		t.Fatalf("vfat: %+v", info)
	}
	iso := make([]byte, 0x8800)
	iso[0x8000] = 1
	copy(iso[0x8001:], "CD001")
	copy(iso[0x8028:], "cidata                          ")
	info, ok = ProbeFS(bytes.NewReader(iso))
	if !ok || info.Type != "iso9660" || info.Label != "cidata" {
		t.Fatalf("iso: %+v", info)
	}
	if _, ok := ProbeFS(bytes.NewReader(make([]byte, 100))); ok {
		t.Fatal("zeros recognised")
	}
}

func TestAnalyze(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "run/nimbus"), 0o755)
	os.MkdirAll(filepath.Join(root, "var/lib/nimbus"), 0o755)
	os.WriteFile(filepath.Join(root, TimingsPath), []byte(`{"init_start_ns":1500000000,"ready_ns":2500000000,
"stages":[{"stage":"network","start_ns":1600000000,"duration_ns":100000000,"note":"eth0"}],
"units":[{"unit":"a.service","duration_ns":3000000},{"unit":"b.service","duration_ns":9000000}]}`), 0o644)
	os.WriteFile(filepath.Join(root, "var/lib/nimbus/provision.json"), []byte(`{"provider":"aws","instance_id":"i-1","stages":[{"name":"users","duration_ns":7000000}]}`), 0o644)
	var out bytes.Buffer
	if err := Analyze(root, false, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Startup finished in 1.500s (kernel) + 1.000s (userspace) = 2.500s", "network", "eth0", "users", "a.service"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("analyze lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := Analyze(root, true, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Index(out.String(), "b.service") > strings.Index(out.String(), "a.service") {
		t.Errorf("blame not sorted:\n%s", out.String())
	}
	if err := Analyze(t.TempDir(), false, &out); err == nil {
		t.Error("analyze without timings succeeded")
	}
	_ = time.Second
}

func TestResolvConf(t *testing.T) {
	l := &Lease{Interface: "eth0", Search: []string{"ec2.internal"}}
	if got := ResolvConf(l); !strings.Contains(got, "search ec2.internal\n") {
		t.Fatal(got)
	}
}

func FuzzProbeFS(f *testing.F) {
	f.Add(make([]byte, 2048))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ProbeFS(bytes.NewReader(b))
	})
}

func FuzzCmdline(f *testing.F) {
	f.Add(`console=ttyS0 quiet msg="a b" root=UUID=1`)
	f.Fuzz(func(t *testing.T, q string) {
		_ = ParseCmdline(q)
	})
}

func TestFstab(t *testing.T) {
	es := ParseFstab(strings.NewReader("# c\nLABEL=data /mnt/my\\040data ext4 defaults,noatime,nofail,x-systemd.device-timeout=5,commit=30 0 2\n/dev/vdb /data\nUUID=1 none swap sw 0 0\n"))
	if len(es) != 3 || es[0].Target != "/mnt/my data" || !es[0].Has("nofail") || es[0].Pass != 2 || es[1].Type != "auto" || es[1].Options[0] != "defaults" {
		t.Fatalf("%+v", es)
	}
	flags, data := MountArgs(es[0].Options)
	if flags != 1024 || data != "commit=30" {
		t.Fatalf("flags %d data %q", flags, data)
	}
	if flags, _ := MountArgs([]string{"ro", "nosuid", "rw"}); flags != 2 {
		t.Fatalf("ro then rw: %d", flags)
	}
}
