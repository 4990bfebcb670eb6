//go:build linux

package initd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/units"
)

func TestMultiCall(t *testing.T) {
	ctx := context.Background()
	var out, errb bytes.Buffer
	// systemctl and poweroff talk to the control socket, which does not exist here.
	for _, argv := range [][]string{{"/bin/systemctl", "is-active", "sshd"}, {"/sbin/poweroff"}, {"nimbusctl", "status", "x"}} {
		err := Main(ctx, argv, nil, &out, &errb)
		var ee *units.ExitError
		if !errors.As(err, &ee) || !strings.Contains(err.Error(), "control.sock") {
			t.Errorf("%v: %v", argv, err)
		}
	}
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "run/nimbus"), 0o755)
	os.WriteFile(filepath.Join(root, TimingsPath), []byte(`{"init_start_ns":1000000000,"ready_ns":2000000000}`), 0o644)
	out.Reset()
	if err := Main(ctx, []string{"/sbin/nimbus-init", "analyze", "-root", root}, nil, &out, &errb); err != nil || !strings.Contains(out.String(), "Startup finished") {
		t.Fatalf("analyze: %v %q", err, out.String())
	}
	if err := Main(ctx, []string{"nimbus-init"}, nil, &out, &errb); err == nil {
		t.Fatal("no command accepted outside PID 1")
	}
	if err := Main(ctx, []string{"nimbus-init", "frobnicate"}, nil, &out, &errb); err == nil {
		t.Fatal("unknown command accepted")
	}
	if err := Main(ctx, []string{"modprobe"}, nil, &out, &errb); err == nil {
		t.Fatal("modprobe without a name accepted")
	}
}
