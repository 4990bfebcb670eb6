package initd

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/initramfs"
)

// The early init (nimbus-init as /init of an initramfs) reads what it needs from the
// kernel command line: which device is the root, how to mount it, what to run on it.
// This file is the pure part: parsing the command line and reading GPT partition GUIDs.

// The initramfs's layout, as the image build writes it (internal/initramfs): the file
// that makes nimbus-init the early init, the list of modules it loads, and where it
// mounts the root.
const (
	InitrdRelease    = initramfs.InitrdRelease
	EarlyModulesList = initramfs.EarlyModulesList
	NewRoot          = initramfs.NewRoot
)

// DefaultRootWait bounds the wait for the root device when the command line gives none
// (rootwait=SECONDS or rootdelay=SECONDS).
const DefaultRootWait = 60 * time.Second

// RootSpec is the kernel's root= value: a file-system UUID or label, a GPT partition
// GUID or name, or a device path.
type RootSpec struct {
	Kind  string // "UUID", "LABEL", "PARTUUID", "PARTLABEL" or "path"
	Value string
}

func (r RootSpec) String() string {
	if r.Kind == "path" {
		return r.Value
	}
	return r.Kind + "=" + r.Value
}

// ParseRootSpec parses root=: UUID=, LABEL=, PARTUUID=, PARTLABEL=, /dev/disk/by-*/X
// (turned into the equivalent KIND=X) or a /dev path. UUIDs compare case-insensitively
// and are kept in lower case.
func ParseRootSpec(s string) (RootSpec, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return RootSpec{}, errors.New("root= is missing from the kernel command line")
	}
	for _, d := range [][2]string{{"/dev/disk/by-uuid/", "UUID"}, {"/dev/disk/by-label/", "LABEL"},
		{"/dev/disk/by-partuuid/", "PARTUUID"}, {"/dev/disk/by-partlabel/", "PARTLABEL"}} {
		if v, ok := strings.CutPrefix(s, d[0]); ok {
			s = d[1] + "=" + v
		}
	}
	kind, v, ok := strings.Cut(s, "=")
	if !ok {
		if !strings.HasPrefix(s, "/dev/") || strings.Contains(s, "/../") || strings.HasSuffix(s, "/..") {
			return RootSpec{}, fmt.Errorf("root=%s: want UUID=, LABEL=, PARTUUID=, PARTLABEL= or a /dev path", s)
		}
		return RootSpec{Kind: "path", Value: s}, nil
	}
	if v == "" {
		return RootSpec{}, fmt.Errorf("root=%s: empty value", s)
	}
	switch kind {
	case "UUID", "PARTUUID":
		if strings.Contains(v, "/") {
			return RootSpec{}, fmt.Errorf("root=%s: PARTNROFF and other suffixes are not supported", s)
		}
		return RootSpec{Kind: kind, Value: strings.ToLower(v)}, nil
	case "LABEL", "PARTLABEL":
		return RootSpec{Kind: kind, Value: v}, nil
	}
	return RootSpec{}, fmt.Errorf("root=%s: unknown kind %q (want UUID, LABEL, PARTUUID or PARTLABEL)", s, kind)
}

// EarlyConfig is what the early init takes from the kernel command line.
type EarlyConfig struct {
	Root     RootSpec
	FSTypes  []string // rootfstype= (comma list); nil: probe the superblock
	Options  []string // rootflags= (comma list, fstab-style)
	ReadOnly bool     // "ro" (the kernel's default) unless a later "rw"
	Init     string   // init= or "" (try the usual paths)
	Wait     time.Duration
	// OnFailureReboot is nimbus.on_failure=reboot: reboot instead of staying up.
	OnFailureReboot bool
}

// ParseEarlyConfig reads root=, rootfstype=, rootflags=, ro/rw, init=, rootwait=/rootdelay=
// and nimbus.on_failure= from a kernel command line.
func ParseEarlyConfig(c Cmdline) (EarlyConfig, error) {
	cfg := EarlyConfig{ReadOnly: true, Wait: DefaultRootWait}
	for _, w := range strings.Fields(c.Raw) {
		switch w {
		case "ro":
			cfg.ReadOnly = true
		case "rw":
			cfg.ReadOnly = false
		}
	}
	var err error
	cfg.Root, err = ParseRootSpec(c.Params["root"])
	if err != nil {
		return cfg, err
	}
	if t := c.Params["rootfstype"]; t != "" {
		for _, f := range strings.Split(t, ",") {
			if f != "" {
				cfg.FSTypes = append(cfg.FSTypes, f)
			}
		}
	}
	if o := c.Params["rootflags"]; o != "" {
		cfg.Options = strings.Split(o, ",")
	}
	if i := c.Params["init"]; i != "" {
		if !strings.HasPrefix(i, "/") {
			return cfg, fmt.Errorf("init=%s: want an absolute path", i)
		}
		cfg.Init = i
	}
	for _, k := range []string{"rootdelay", "rootwait"} {
		if v := c.Params[k]; v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 3600 {
				return cfg, fmt.Errorf("%s=%s: want a number of seconds (1-3600)", k, v)
			}
			cfg.Wait = time.Duration(n) * time.Second
		}
	}
	cfg.OnFailureReboot = c.Params["nimbus.on_failure"] == "reboot"
	return cfg, nil
}

// GPTPartitions reads the GUID partition table of a disk with sectorSize-byte sectors and
// returns each used partition's unique GUID (lower case, as PARTUUID= spells it) and
// name, by 1-based partition number. The header's signature and CRC are checked; a disk
// without a GPT gives an error.
func GPTPartitions(r io.ReaderAt, sectorSize int) (map[int][2]string, error) {
	if sectorSize < 512 || sectorSize > 65536 || sectorSize&(sectorSize-1) != 0 {
		return nil, fmt.Errorf("gpt: sector size %d", sectorSize)
	}
	ss := int64(sectorSize)
	hdr := make([]byte, ss)
	if _, err := r.ReadAt(hdr, ss); err != nil {
		return nil, fmt.Errorf("gpt: reading header: %w", err)
	}
	if string(hdr[:8]) != "EFI PART" {
		return nil, &GPTError{"no GPT signature at LBA 1"}
	}
	le := binary.LittleEndian
	entLBA := le.Uint64(hdr[72:])
	n, esz := le.Uint32(hdr[80:]), le.Uint32(hdr[84:])
	if esz < 128 || esz > 4096 || esz%8 != 0 || n < 1 || n > 1024 || entLBA < 2 || entLBA > 1<<40 {
		return nil, &GPTError{fmt.Sprintf("%d entries of %d bytes at LBA %d", n, esz, entLBA)}
	}
	ents := make([]byte, int64(n)*int64(esz))
	if _, err := r.ReadAt(ents, int64(entLBA)*ss); err != nil {
		return nil, fmt.Errorf("gpt: reading entries: %w", err)
	}
	out := map[int][2]string{}
	for i := 0; i < int(n); i++ {
		e := ents[i*int(esz):]
		if allZero(e[:16]) {
			continue
		}
		out[i+1] = [2]string{guidString(e[16:32]), utf16Name(e[56:128])}
	}
	return out, nil
}

// guidString formats a GUID stored in the mixed-endian on-disk form.
func guidString(b []byte) string {
	le := binary.LittleEndian
	return fmt.Sprintf("%08x-%04x-%04x-%x-%x", le.Uint32(b[0:]), le.Uint16(b[4:]), le.Uint16(b[6:]), b[8:10], b[10:16])
}

func utf16Name(b []byte) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		if c >= 0xd800 && c < 0xe000 {
			c = '?' // no surrogate pairs in partition names we match
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
