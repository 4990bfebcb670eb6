package provision

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// DecodeContent decodes write_files content per its encoding (b64, gzip, gz+b64, plain).
func DecodeContent(content, encoding string) ([]byte, error) {
	enc := strings.ToLower(encoding)
	b := []byte(content)
	if strings.Contains(enc, "b64") || strings.Contains(enc, "base64") {
		d, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(content), ""))
		if err != nil {
			return nil, fmt.Errorf("base64: %w", err)
		}
		b = d
	}
	if strings.HasPrefix(enc, "gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		d, err := io.ReadAll(io.LimitReader(zr, MaxUserData+1))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		if len(d) > MaxUserData {
			return nil, fmt.Errorf("gzip: content exceeds 16 MiB")
		}
		b = d
	}
	return b, nil
}

func (r *run) writeFiles(deferred bool) error {
	var ac *accounts
	for _, w := range r.cfg.WriteFiles {
		if w.Defer != deferred {
			continue
		}
		if !filepath.IsAbs(w.Path) || strings.Contains(w.Path, "/../") || strings.HasSuffix(w.Path, "/..") {
			return fmt.Errorf("write_files: path %q must be absolute and clean", w.Path)
		}
		data, err := DecodeContent(w.Content, w.Encoding)
		if err != nil {
			return fmt.Errorf("write_files %s: %w", w.Path, err)
		}
		p := r.a.path(w.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if w.Append {
			flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		f, err := os.OpenFile(p, flag, os.FileMode(w.Permissions))
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if !w.Append {
			if err := os.Chmod(p, fsutil.ModeFromUnix(w.Permissions)); err != nil {
				return err
			}
		}
		owner := w.Owner
		if owner == "" {
			owner = "root:root"
		}
		if ac == nil {
			if ac, err = r.a.loadAccounts(); err != nil {
				return err
			}
		}
		uid, gid, err := ac.lookupOwner(owner)
		if err != nil {
			return fmt.Errorf("write_files %s: owner: %w", w.Path, err)
		}
		if err := r.a.Sys.Chown(p, uid, gid); err != nil {
			return err
		}
		r.a.logf("wrote %s (%d bytes, mode %04o, owner %s)", w.Path, len(data), w.Permissions, owner)
	}
	return nil
}

// shellScript turns bootcmd/runcmd entries into one script, like cloud-init does.
func shellScript(cmds []Cmd) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	for _, c := range cmds {
		if c.Argv != nil {
			q := make([]string, len(c.Argv))
			for i, a := range c.Argv {
				q[i] = shellQuote(a)
			}
			b.WriteString(strings.Join(q, " ") + "\n")
		} else {
			b.WriteString(c.Shell + "\n")
		}
	}
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// runScript writes body under the instance's scripts directory and runs it.
func (r *run) runScript(ctx context.Context, name string, body []byte) error {
	dir := r.a.path(filepath.Join(r.instDir, "scripts"))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, body, 0o700); err != nil {
		return err
	}
	r.a.logf("running %s", name)
	env := []string{"INSTANCE_ID=" + r.data.InstanceID}
	if err := r.a.Sys.Run(ctx, []string{p}, env, r.a.Log); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// bootcmd runs every boot, before the per-instance stages (boothooks too).
func (r *run) bootcmd(ctx context.Context) error {
	for i, p := range r.boothook {
		body := bytes.TrimPrefix(p.Body, []byte("#cloud-boothook"))
		if !bytes.HasPrefix(bytes.TrimLeft(body, "\n"), []byte("#!")) {
			body = append([]byte("#!/bin/sh\n"), body...)
		}
		if err := r.runScript(ctx, fmt.Sprintf("boothook-%03d", i), bytes.TrimLeft(body, "\n")); err != nil {
			return err
		}
	}
	if len(r.cfg.BootCmd) == 0 {
		return nil
	}
	return r.runScript(ctx, "bootcmd", []byte(shellScript(r.cfg.BootCmd)))
}

func (r *run) runcmd(ctx context.Context) error {
	if len(r.cfg.RunCmd) == 0 {
		return nil
	}
	return r.runScript(ctx, "runcmd", []byte(shellScript(r.cfg.RunCmd)))
}

// scriptsUser runs the user-data #! scripts in order, each even if an earlier one failed.
func (r *run) scriptsUser(ctx context.Context) error {
	var errs []string
	names := make([]string, len(r.scripts))
	for i, s := range r.scripts {
		names[i] = fmt.Sprintf("part-%03d", i+1)
		if s.Filename != "" && !strings.ContainsAny(s.Filename, "/ ") && !strings.HasPrefix(s.Filename, ".") {
			names[i] = fmt.Sprintf("part-%03d-%s", i+1, s.Filename)
		}
	}
	for i, s := range r.scripts {
		if err := r.runScript(ctx, names[i], s.Body); err != nil {
			errs = append(errs, err.Error())
		}
	}
	sort.Strings(errs)
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}
