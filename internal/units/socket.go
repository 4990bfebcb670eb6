package units

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Socket is the [Socket] section of a .socket unit: listening sockets created by the
// supervisor and passed to the service it triggers (sd_listen_fds(3)).
type Socket struct {
	Listen []Listen
	// Accept=yes (one service instance per connection) is refused at load time; Nimbus runs
	// the Accept=no model only, which is what daemons with sd_listen_fds support use.
	Service     string // Service=, default NAME.service
	SocketUser  string
	SocketGroup string
	SocketMode  uint32 // for unix sockets, default 0666
	// FDName is FileDescriptorName= (LISTEN_FDNAMES), default the socket unit's name.
	FDName string
}

// Listen is one Listen*= address.
type Listen struct {
	Kind string // "stream" (ListenStream=) or "datagram" (ListenDatagram=)
	// Network and Addr are for net.Listen/ListenPacket: "tcp"/"udp" with "host:port",
	// "unix"/"unixgram" with a path ("@name" for the abstract namespace).
	Network, Addr string
}

func newSocket(name string) *Socket {
	return &Socket{Service: strings.TrimSuffix(name, ".socket") + ".service", SocketMode: 0o666, FDName: name}
}

func (s *Socket) apply(k, v string) error {
	switch k {
	case "ListenStream", "ListenDatagram":
		if v == "" {
			s.Listen = nil
			return nil
		}
		kind := "stream"
		if k == "ListenDatagram" {
			kind = "datagram"
		}
		l, err := ParseListen(kind, v)
		if err != nil {
			return err
		}
		s.Listen = append(s.Listen, l)
	case "Accept":
		b, err := parseBool(v)
		if err != nil {
			return err
		}
		if b {
			return fmt.Errorf("Accept=yes (a service instance per connection) is not supported by nimbus-init; use Accept=no")
		}
	case "Service":
		if !strings.HasSuffix(v, ".service") {
			return fmt.Errorf("Service=%s is not a .service unit", v)
		}
		s.Service = v
	case "SocketUser":
		s.SocketUser = v
	case "SocketGroup":
		s.SocketGroup = v
	case "SocketMode":
		n, err := strconv.ParseUint(v, 8, 32)
		if err != nil || n > 0o7777 {
			return fmt.Errorf("bad mode %q", v)
		}
		s.SocketMode = uint32(n)
	case "FileDescriptorName":
		if v == "" || len(v) > 255 || strings.ContainsAny(v, ":") {
			return fmt.Errorf("bad file descriptor name %q", v)
		}
		s.FDName = v
	default:
		return errUnsupported
	}
	return nil
}

// ParseListen reads a ListenStream=/ListenDatagram= address as systemd.socket(5) does: an
// absolute path is a unix socket, "@name" an abstract one, a bare port number listens on
// all addresses (IPv6 and IPv4), "1.2.3.4:80" and "[::1]:80" on one address. Interface
// suffixes ("%eth0") and vsock/netlink addresses are refused.
func ParseListen(kind, v string) (Listen, error) {
	v = strings.TrimSpace(v)
	stream := kind == "stream"
	unixNet, ipNet := "unix", "tcp"
	if !stream {
		unixNet, ipNet = "unixgram", "udp"
	}
	switch {
	case v == "":
		return Listen{}, fmt.Errorf("empty listen address")
	case v[0] == '/':
		if len(v) > 107 {
			return Listen{}, fmt.Errorf("unix socket path %q is longer than 107 bytes", v)
		}
		return Listen{Kind: kind, Network: unixNet, Addr: v}, nil
	case v[0] == '@':
		if len(v) < 2 || len(v) > 107 {
			return Listen{}, fmt.Errorf("bad abstract socket name %q", v)
		}
		return Listen{Kind: kind, Network: unixNet, Addr: v}, nil
	}
	if port, err := strconv.ParseUint(v, 10, 16); err == nil {
		if port == 0 {
			return Listen{}, fmt.Errorf("port 0 in %q", v)
		}
		return Listen{Kind: kind, Network: ipNet, Addr: ":" + v}, nil
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return Listen{}, fmt.Errorf("listen address %q: %w", v, err)
	}
	if strings.Contains(host, "%") || net.ParseIP(host) == nil {
		return Listen{}, fmt.Errorf("listen address %q: %q is not an IP address", v, host)
	}
	if p, err := strconv.ParseUint(port, 10, 16); err != nil || p == 0 {
		return Listen{}, fmt.Errorf("listen address %q: bad port %q", v, port)
	}
	return Listen{Kind: kind, Network: ipNet, Addr: net.JoinHostPort(host, port)}, nil
}
