// Package vm runs virtual machines with QEMU for tests and local runs (`nimbus run`):
// a small runner that starts qemu with user-mode networking that is always restricted,
// captures the serial console, waits for marker lines with a timeout and stops the VM by
// pid; and the cached test kernels (with their modules and busybox) to boot Go programs
// directly from an initramfs (internal/initramfs).
package vm
