// Command testsvc is the payload service of the nimbus-init boot test: it fails on its
// first start (to exercise Restart=on-failure), then answers "info" with what first boot
// did and "poweroff" by running nimbusctl poweroff.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	if os.Getenv("LISTEN_FDS") != "" {
		socketActivated()
		return
	}
	const marker = "/run/testsvc.starts"
	prev, _ := os.ReadFile(marker)
	starts := strings.Count(string(prev), "\n") + 1
	_ = os.WriteFile(marker, append(prev, '\n'), 0o644)
	if starts == 1 {
		fmt.Println("testsvc: first start, failing on purpose")
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", ":8080")
	if err != nil {
		fmt.Println("testsvc:", err)
		os.Exit(1)
	}
	fmt.Printf("testsvc: listening on :8080 (start %d)\n", starts)
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		go serve(c, starts)
	}
}

func read(p string) string {
	b, _ := os.ReadFile(p)
	return string(b)
}

func serve(c net.Conn, starts int) {
	defer c.Close()
	line, _ := bufio.NewReader(c).ReadString('\n')
	switch strings.TrimSpace(line) {
	case "info":
		host, _ := os.Hostname()
		ctl, _ := exec.Command("/sbin/nimbusctl", "is-active", "testsvc").CombinedOutput()
		analyze, _ := exec.Command("/init", "analyze").CombinedOutput()
		analyzeJSON, _ := exec.Command("/init", "analyze", "--json").CombinedOutput()
		svgErr := exec.Command("/init", "analyze", "--svg", "/run/boot-chart.svg").Run()
		svg := read("/run/boot-chart.svg")
		if svgErr != nil {
			svg = "analyze --svg: " + svgErr.Error()
		}
		pg, _ := exec.Command("/sbin/nimbusctl", "is-active", "postgresql@15-main").CombinedOutput()
		// After the services stage (this service answers from inside it), what a cloud
		// user's script waits on; a failed unit of the boot shows as "degraded".
		sysState, _ := exec.Command("/sbin/nimbusctl", "is-system-running", "--wait").CombinedOutput()
		failed, _ := exec.Command("/sbin/nimbusctl", "list-units").CombinedOutput()
		info := map[string]any{
			"hostname":        host,
			"starts":          starts,
			"authorized_keys": read("/home/ec2-user/.ssh/authorized_keys"),
			"passwd":          read("/etc/passwd"),
			"sudoers":         read("/etc/sudoers.d/90-cloud-init-users"),
			"written":         read("/etc/nimbus-test.conf"),
			"script":          read("/run/userdata-script"),
			"runcmd":          read("/run/runcmd"),
			"is_active":       strings.TrimSpace(string(ctl)),
			"host_keys":       read("/etc/ssh/ssh_host_ed25519_key.pub"),
			"resolv":          read("/etc/resolv.conf"),
			"cgroup":          read("/proc/self/cgroup"),
			"analyze":         string(analyze),
			"analyze_json":    string(analyzeJSON),
			"analyze_svg":     svg,
			"modules":         read("/proc/modules"),
			"tmpfiles_dir":    stat("/run/tmpfiles-test"),
			"tmpfiles_file":   read("/run/tmpfiles-test/hello"),
			"var_lock":        stat("/var/lock/."),
			"generated":       read("/run/generated"),
			"pg_run":          stat("/run/postgresql"),
			"pg_args":         read("/run/pgctl.args"),
			"pg_active":       strings.TrimSpace(string(pg)),
			"system_state":    strings.TrimSpace(string(sysState)),
			"units":           string(failed),
		}
		_ = json.NewEncoder(c).Encode(info)
	case "poweroff":
		// Answer first: the shutdown stops this service before nimbusctl returns.
		fmt.Fprintln(c, "poweroff: requested")
		c.Close()
		out, err := exec.Command("/sbin/nimbusctl", "poweroff").CombinedOutput()
		fmt.Printf("testsvc: nimbusctl poweroff: %s %v\n", out, err)
	case "reboot":
		fmt.Fprintln(c, "reboot: requested")
		c.Close()
		out, err := exec.Command("/sbin/nimbusctl", "reboot").CombinedOutput()
		fmt.Printf("testsvc: nimbusctl reboot: %s %v\n", out, err)
	case "sigterm":
		fmt.Fprintln(c, "poweroff: SIGTERM to PID 1")
		c.Close()
		_ = syscall.Kill(1, syscall.SIGTERM)
	default:
		fmt.Fprintln(c, "unknown command")
	}
}

// socketActivated is testsvc started by sockact.socket: it checks the sd_listen_fds(3)
// contract and answers every connection on the passed socket with one line saying what
// it got.
func socketActivated() {
	n, _ := strconv.Atoi(os.Getenv("LISTEN_FDS"))
	pidOK := os.Getenv("LISTEN_PID") == strconv.Itoa(os.Getpid())
	var lim syscall.Rlimit
	_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	ln, err := net.FileListener(os.NewFile(3, "socket"))
	if err != nil || n != 1 {
		fmt.Println("testsvc: socket activation:", n, err)
		os.Exit(1)
	}
	line := fmt.Sprintf("activated fds=%d names=%s pid-ok=%v nofile-hard=%d uid=%d", n, os.Getenv("LISTEN_FDNAMES"), pidOK, lim.Max, os.Getuid())
	fmt.Println("testsvc:", line)
	for {
		c, err := ln.Accept()
		if err != nil {
			continue
		}
		fmt.Fprintln(c, line)
		c.Close()
	}
}

// stat describes a path as "MODE UID:GID" ("" when missing).
func stat(p string) string {
	var st syscall.Stat_t
	if err := syscall.Stat(p, &st); err != nil {
		return ""
	}
	return fmt.Sprintf("%o %d:%d", st.Mode&0o7777, st.Uid, st.Gid)
}
