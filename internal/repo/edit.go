package repo

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
)

// SetOptions sets options of one section of an INI file (a .repo file, dnf.conf) the way
// dnf's config-manager saves them (libdnf's ConfigParser setValue and write): a key the
// section has gets "key=value" in its line's place, a new one is added after the
// section's last option; comments, blank lines and the other sections stay as they are.
// The file is replaced atomically, keeping its mode, and every access resolves inside
// root (file is relative to it). keys gives the order of new keys.
func SetOptions(root *os.Root, file, section string, keys []string, values map[string]string) error {
	data, err := root.ReadFile(file)
	if err != nil {
		return err
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	start, end := -1, len(lines) // the section's header line and the line after its last option
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			if start >= 0 {
				end = i
				break
			}
			if strings.TrimSpace(t[1:len(t)-1]) == section {
				start = i
			}
		}
	}
	if start < 0 {
		return fmt.Errorf("%s: no section [%s]", file, section)
	}
	last := start // the section's last option line
	done := map[string]bool{}
	for i := start + 1; i < end; i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		last = i
		k, _, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		if v, set := values[k]; set && !done[k] {
			lines[i] = k + "=" + v
			done[k] = true
		}
	}
	var add []string
	for _, k := range keys {
		if !done[k] {
			add = append(add, k+"="+values[k])
			done[k] = true
		}
	}
	lines = append(lines[:last+1], append(add, lines[last+1:]...)...)
	fi, err := root.Stat(file)
	if err != nil {
		return err
	}
	return WriteFileIn(root, file, fi.Mode().Perm(), []byte(strings.Join(lines, "\n")+"\n"))
}

// WriteFileIn writes a file inside root atomically: a temporary file beside it, synced,
// renamed over it.
func WriteFileIn(root *os.Root, file string, perm os.FileMode, data []byte) error {
	dir, base := path.Split(file)
	tmp := path.Join(dir, "."+base+".tmp-"+strconv.Itoa(os.Getpid()))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, file)
	}
	if err != nil {
		root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}
