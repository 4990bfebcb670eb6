package vm

import (
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/tools"
)

func TestArgsAlwaysRestricted(t *testing.T) {
	c := &Config{Arch: "arm64", Kernel: "k", Net: "169.254.169.0/24",
		GuestFwd: map[string]string{"169.254.169.254:80": "relay --to 127.0.0.1:1"}, HostFwd: map[int]int{2222: 22}}
	bin, args, err := c.Args()
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Join(args, " ")
	if bin != tools.QemuSystem("aarch64") || !strings.Contains(line, "user,id=n0,restrict=on,net=169.254.169.0/24") ||
		!strings.Contains(line, "hostfwd=tcp:127.0.0.1:2222-:22") || !strings.Contains(line, "-cpu cortex-a57") ||
		!strings.Contains(line, "console=ttyAMA0") {
		t.Fatalf("%s %s", bin, line)
	}
	c.GuestFwd = map[string]string{"1.2.3.4:80": "a,b"}
	if _, _, err := c.Args(); err == nil {
		t.Fatal("comma in guestfwd command accepted")
	}
	if _, _, err := (&Config{Arch: "mips"}).Args(); err == nil {
		t.Fatal("unknown arch accepted")
	}
}

// A guest reboot ends QEMU only when asked (the boot tests); `nimbus run` keeps it.
func TestArgsReboot(t *testing.T) {
	for _, reboot := range []bool{false, true} {
		_, args, err := (&Config{Arch: "amd64", Kernel: "k", Reboot: reboot}).Args()
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(strings.Join(args, " "), "-no-reboot"); has == reboot {
			t.Errorf("Reboot=%v: args %q", reboot, args)
		}
	}
}
