// Command ukify writes a unified kernel image for the benchmarks' Debian peer disk:
// systemd's EFI stub + os-release + command line + initrd + kernel, with the same PE
// section writer the image build uses (internal/image/pe).
//
//	go run ./bench/ukify STUB KERNEL INITRD OSRELEASE CMDLINE OUT
package main

import (
	"fmt"
	"os"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/image/pe"
)

func main() {
	if len(os.Args) != 7 {
		fmt.Fprintln(os.Stderr, "usage: ukify STUB KERNEL INITRD OSRELEASE CMDLINE OUT")
		os.Exit(2)
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ukify:", err)
			os.Exit(1)
		}
		return b
	}
	stub, kernel, initrd, osrel := read(os.Args[1]), read(os.Args[2]), read(os.Args[3]), read(os.Args[4])
	uki, err := pe.AddSections(stub, []pe.Section{
		{Name: ".osrel", Data: osrel},
		{Name: ".cmdline", Data: []byte(os.Args[5] + "\x00")},
		{Name: ".initrd", Data: initrd},
		{Name: ".linux", Data: kernel},
	})
	if err == nil {
		err = fsutil.WriteFileAtomic(os.Args[6], 0o644, func(f *os.File) error { _, err := f.Write(uki); return err })
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ukify:", err)
		os.Exit(1)
	}
}
