package distbuild

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// The PAM stack: Debian's libpam-runtime postinst runs `pam-auth-update --package
// --force`, which writes /etc/pam.d/common-{auth,account,password,session,
// session-noninteractive} from the templates in /usr/share/pam and the profiles in
// /usr/share/pam-configs. Without those files every PAM service that includes them
// (sshd, sudo, login, su) fails. The result depends only on the package's own files, so
// the build computes it (pamStack) and ships the files as %config(noreplace).

// pamTypes are the files pam-auth-update writes, in its order.
var pamTypes = []string{"auth", "account", "password", "session", "session-noninteractive"}

// pamProfile is one /usr/share/pam-configs file, parsed as pam-auth-update's
// parse_pam_profile does: "Field: value" lines, continuation lines appended (trimmed).
type pamProfile struct {
	name   string // the file name (pam-auth-update's key)
	fields map[string]string
}

var pamFieldLine = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^(\S+):\s+(.*)$`) }}

func parsePAMProfile(name string, data []byte) pamProfile {
	p := pamProfile{name: name, fields: map[string]string{}}
	field := ""
	lines := strings.Split(strings.ReplaceAll(string(data), "\r", ""), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		// Perl's `\s+` after the colon also matches the line's own newline: "Auth:" on its
		// own line is the field with an empty value.
		if m := pamFieldLine.Get().FindStringSubmatch(l); m != nil || (strings.HasSuffix(l, ":") && !strings.ContainsAny(l, " \t") && i < len(lines)-1) {
			if m == nil {
				m = []string{l, strings.TrimSuffix(l, ":"), ""}
			}
			field = strings.TrimSuffix(m[1], "-Final")
			p.fields[field] = m[2]
			continue
		}
		l = strings.TrimSpace(l)
		if l != "" {
			p.fields[field] += "\n" + l
		}
		p.fields[field] = strings.TrimLeft(p.fields[field], "\n \t")
	}
	if _, ok := p.fields["Session-Interactive-Only"]; !ok {
		for _, k := range []string{"", "-Type", "-Initial"} {
			if v, ok := p.fields["Session"+k]; ok {
				p.fields["Session-noninteractive"+k] = v
			}
		}
	}
	return p
}

// pamEnabled is what a first `pam-auth-update --package` enables: the profiles with
// "Default: yes", by priority (highest first), then by name descending, as its sort does.
// Profiles using a module pam-auth-update refuses (pam_tally) are left out.
func pamEnabled(profiles []pamProfile) []pamProfile {
	var on []pamProfile
	for _, p := range profiles {
		if p.fields["Default"] != "yes" {
			continue
		}
		bad := false
		for _, v := range p.fields {
			if strings.Contains(v, "pam_tally") {
				bad = true
			}
		}
		if !bad {
			on = append(on, p)
		}
	}
	prio := func(p pamProfile) float64 {
		f, _ := strconv.ParseFloat(strings.TrimSpace(p.fields["Priority"]), 64)
		return f
	}
	sort.SliceStable(on, func(i, j int) bool {
		if a, b := prio(on[i]), prio(on[j]); a != b {
			return a > b
		}
		return on[i].name > on[j].name
	})
	return on
}

// linesFor is pam-auth-update's lines_for_module_and_type: the "-Initial" variant for
// the first module of a block.
func (p pamProfile) linesFor(uctype string, pos int) string {
	if pos == 0 && p.fields[uctype+"-Initial"] != "" {
		return p.fields[uctype+"-Initial"]
	}
	return p.fields[uctype]
}

var pamModLine = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^((\[[^]]+\]|\w+)\s+\S+)\s*(.*)`) }}

// pamFill is pam-auth-update's create_from_template for one type: the template's lines
// with the Primary and Additional blocks replaced by the enabled profiles' lines, "end"
// in a control field turned into the number of lines left to jump over.
func pamFill(template []byte, enabled []pamProfile, typ string) ([]byte, error) {
	uctype := strings.ToUpper(typ[:1]) + typ[1:]
	short := strings.TrimSuffix(typ, "-noninteractive")
	var out bytes.Buffer
	state := 0
	lines := strings.SplitAfter(string(template), "\n")
	for _, l := range lines {
		if l == "" {
			continue
		}
		switch state {
		case 1:
			if strings.HasPrefix(l, "# here's the fallback if no module succeeds") {
				out.WriteString(l)
				state++
			}
			continue
		case 3:
			if strings.HasPrefix(l, "# end of pam-auth-update config") {
				out.WriteString(l)
				state++
			}
			continue
		}
		out.WriteString(l)
		var marker, val string
		switch state {
		case 0:
			marker, val = `# here are the per-package modules (the "Primary" block)`, "Primary"
		case 2:
			marker, val = `# and here are more per-package modules (the "Additional" block)`, "Additional"
		default:
			continue
		}
		if !strings.HasPrefix(l, marker) {
			continue
		}
		var blocks []string
		for _, p := range enabled {
			if p.fields[uctype+"-Type"] != val {
				continue
			}
			blocks = append(blocks, p.linesFor(uctype, len(blocks)))
		}
		count := 0
		for _, b := range blocks {
			for _, x := range strings.Split(b, "\n") {
				if x != "" {
					count++
				}
			}
		}
		if val == "Additional" {
			count--
		}
		if val == "Primary" && count == 0 {
			out.WriteString(short + "\t[default=1]\t\t\tpam_permit.so\n")
		}
		for _, b := range blocks {
			for _, x := range strings.Split(b, "\n") {
				m := pamModLine.Get().FindStringSubmatch(x)
				if m == nil {
					return nil, fmt.Errorf("pam profile line %q: want CONTROL MODULE [ARGS]", x)
				}
				mod := strings.ReplaceAll(m[1], "end", strconv.Itoa(count))
				out.WriteString(short + "\t" + mod + " " + strings.Join(strings.Fields(m[3]), " ") + "\n")
				count--
			}
		}
		state++
	}
	if state < 4 {
		return nil, fmt.Errorf("pam template for %s lacks pam-auth-update's block markers", typ)
	}
	return out.Bytes(), nil
}

// pamStack computes /etc/pam.d/common-* from a package's /usr/share/pam/common-*
// templates and /usr/share/pam-configs profiles (libpam-runtime's), as the first
// `pam-auth-update --package --force` writes them.
func pamStack(templates map[string][]byte, profiles map[string][]byte) (map[string][]byte, error) {
	names := make([]string, 0, len(profiles))
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	var ps []pamProfile
	for _, n := range names {
		ps = append(ps, parsePAMProfile(n, profiles[n]))
	}
	enabled := pamEnabled(ps)
	out := map[string][]byte{}
	for _, t := range pamTypes {
		tpl, ok := templates[t]
		if !ok {
			return nil, fmt.Errorf("no template /usr/share/pam/common-%s", t)
		}
		b, err := pamFill(tpl, enabled, t)
		if err != nil {
			return nil, err
		}
		out[t] = b
	}
	return out, nil
}

// pamHook is libpam-runtime's package hook: the common-* files, %config(noreplace).
// If the package's templates do not have pam-auth-update's shape, nothing is added
// (and the image's SSH test says so) rather than a wrong PAM stack.
func pamHook(nodes []*node) []*node {
	templates, profiles := map[string][]byte{}, map[string][]byte{}
	for _, n := range nodes {
		if !n.isRegular() {
			continue
		}
		if t, ok := strings.CutPrefix(n.Path, "/usr/share/pam/common-"); ok && !strings.Contains(t, ".") {
			templates[t] = n.Data
		}
		if path.Dir(n.Path) == "/usr/share/pam-configs" {
			profiles[path.Base(n.Path)] = n.Data
		}
	}
	files, err := pamStack(templates, profiles)
	if err != nil {
		return nodes
	}
	for _, t := range pamTypes {
		nodes = append(nodes, &node{Path: "/etc/pam.d/common-" + t, Mode: modeRegular | 0o644, User: "root", Group: "root", Data: files[t], Config: true})
	}
	return nodes
}

// sshdConfigHook is openssh-server's package hook: on a first install Debian's postinst
// copies /usr/share/openssh/sshd_config to /etc/ssh/sshd_config (through ucf, with the
// debconf defaults, which change nothing). Nimbus ships that copy as %config(noreplace);
// the openssh-server recipe adds its cloud policy as a drop-in in sshd_config.d.
func sshdConfigHook(nodes []*node) []*node {
	for _, n := range nodes {
		if n.Path == "/usr/share/openssh/sshd_config" && n.isRegular() {
			return append(nodes, &node{Path: "/etc/ssh/sshd_config", Mode: modeRegular | 0o644, User: "root", Group: "root", Data: n.Data, Config: true})
		}
	}
	return nodes
}
