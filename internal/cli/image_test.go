package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestImageValidate(t *testing.T) {
	var out, errb bytes.Buffer
	err := Run(context.Background(), []string{"nimbus", "image", "validate", "--dist", "../../dist", "minimal", "standard", "container"}, nil, &out, &errb)
	if err != nil || strings.Count(out.String(), ": ok") != 3 {
		t.Fatalf("%v\n%s%s", err, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	err = Run(context.Background(), []string{"nimbus", "image", "validate", "--dist", "../../dist", "no-such-profile"}, nil, &out, &errb)
	if ExitCode(err) != 1 || !strings.Contains(errb.String(), "no-such-profile.yaml") {
		t.Errorf("missing profile: %v %q", err, errb.String())
	}
}

func TestImageBuildErrors(t *testing.T) {
	var out, errb bytes.Buffer
	dir := t.TempDir()
	err := Run(context.Background(), []string{"nimbus", "image", "build", "--dist", "../../dist", "minimal", "--arch", "sparc", "-o", dir}, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "sparc") {
		t.Errorf("bad arch: %v", err)
	}
	err = Run(context.Background(), []string{"nimbus", "image", "build", "--dist", "../../dist", "container", "--format", "qcow2", "-o", dir}, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "qcow2") {
		t.Errorf("bad format: %v", err)
	}
	err = Run(context.Background(), []string{"nimbus", "run", dir + "/nothing.qcow2"}, nil, &out, &errb)
	if err == nil {
		t.Error("run of a missing image succeeded")
	}
}
