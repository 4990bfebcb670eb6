// Package fat writes FAT32 file systems (Microsoft's FAT specification, 2005) from a
// tree of files, as bytes: the EFI system partition of a Nimbus image. It writes only;
// the output is a pure function of the tree, the size, the volume ID and the time.
package fat

import (
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"
)

// Volume describes the file system to write.
type Volume struct {
	Size     int64  // bytes; a multiple of 512, at least 33 MiB (FAT32 needs 65525 clusters)
	Label    string // up to 11 characters, upper case ("ESP")
	ID       uint32 // volume serial number
	Time     time.Time
	Hidden   uint32 // sectors before the volume on its disk (the partition's first LBA)
	tree     *node
	clusters uint32 // next free cluster while laying out
}

type node struct {
	name     string
	dir      bool
	data     []byte
	children []*node
	cluster  uint32
	nclust   uint32
}

// AddFile adds a regular file at p ("EFI/BOOT/BOOTX64.EFI"); parent directories are implied.
func (v *Volume) AddFile(p string, data []byte) error {
	n, err := v.lookup(p, true)
	if err != nil {
		return err
	}
	if n.dir && len(n.children) > 0 {
		return fmt.Errorf("fat: %s is a directory", p)
	}
	n.dir, n.data = false, data
	return nil
}

// AddDir adds an empty directory.
func (v *Volume) AddDir(p string) error {
	n, err := v.lookup(p, true)
	if err != nil {
		return err
	}
	n.dir = true
	return nil
}

func (v *Volume) lookup(p string, create bool) (*node, error) {
	if v.tree == nil {
		v.tree = &node{dir: true}
	}
	cur := v.tree
	for _, part := range strings.Split(strings.Trim(path.Clean("/"+p), "/"), "/") {
		if part == "" {
			continue
		}
		if err := checkName(part); err != nil {
			return nil, err
		}
		var next *node
		for _, c := range cur.children {
			if strings.EqualFold(c.name, part) {
				next = c
			}
		}
		if next == nil {
			if !cur.dir {
				return nil, fmt.Errorf("fat: %s: a parent is a file", p)
			}
			next = &node{name: part, dir: true}
			cur.children = append(cur.children, next)
		}
		cur = next
	}
	return cur, nil
}

func checkName(s string) error {
	if len(s) > 255 || strings.ContainsAny(s, "\"*/:<>?\\|\x00") || s == "." || s == ".." {
		return fmt.Errorf("fat: invalid file name %q", s)
	}
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			return fmt.Errorf("fat: file name %q: only printable ASCII is supported", s)
		}
	}
	return nil
}

const (
	sectorSize = 512
	reserved   = 32
	numFATs    = 2
	minClust   = 65525
)

type geometry struct {
	totalSectors  uint32
	secPerClus    uint32
	fatSectors    uint32
	dataStart     uint32 // first sector of cluster 2
	totalClusters uint32
}

func (v *Volume) geometry() (geometry, error) {
	var g geometry
	if v.Size%sectorSize != 0 || v.Size/sectorSize > 0xFFFFFFFF {
		return g, fmt.Errorf("fat: size %d is not a multiple of %d or too big", v.Size, sectorSize)
	}
	g.totalSectors = uint32(v.Size / sectorSize)
	g.secPerClus = 1
	if v.Size > 260<<20 {
		g.secPerClus = 8
	}
	// The FAT must cover every data cluster; iterate to the fixed point.
	g.fatSectors = 1
	for {
		data := g.totalSectors - reserved - numFATs*g.fatSectors
		clusters := data / g.secPerClus
		need := ((clusters+2)*4 + sectorSize - 1) / sectorSize
		if need <= g.fatSectors {
			g.totalClusters = clusters
			break
		}
		g.fatSectors = need
	}
	g.dataStart = reserved + numFATs*g.fatSectors
	if g.totalClusters < minClust {
		return g, fmt.Errorf("fat: %d bytes give %d clusters; FAT32 needs at least %d (about 33 MiB)", v.Size, g.totalClusters, minClust)
	}
	return g, nil
}

// MinSize is a volume size that holds content bytes in files and dirs directories.
func MinSize(content int64, files int) int64 {
	s := content + int64(files)*4096 + 4<<20
	s += s / 16
	if s < 40<<20 {
		s = 40 << 20
	}
	return (s + 1<<20 - 1) &^ (1<<20 - 1)
}

// WriteTo writes the whole volume to w at offset 0 (w must accept Size bytes; regions
// left unwritten must read as zeros, as in a new or sparse file).
func (v *Volume) WriteTo(w io.WriterAt) error {
	g, err := v.geometry()
	if err != nil {
		return err
	}
	if v.tree == nil {
		v.tree = &node{dir: true}
	}
	clusterBytes := g.secPerClus * sectorSize
	v.clusters = 2
	v.layout(v.tree, clusterBytes)
	used := v.clusters - 2
	if used > g.totalClusters {
		return fmt.Errorf("fat: the files need %d clusters of %d bytes; the volume has %d", used, clusterBytes, g.totalClusters)
	}
	fat := make([]byte, g.fatSectors*sectorSize)
	le := binary.LittleEndian
	le.PutUint32(fat[0:], 0x0FFFFFF8)
	le.PutUint32(fat[4:], 0x0FFFFFFF)
	var walkErr error
	var write func(n, parent *node)
	write = func(n, parent *node) {
		for i := uint32(0); i < n.nclust; i++ {
			next := n.cluster + i + 1
			if i == n.nclust-1 {
				next = 0x0FFFFFFF
			}
			le.PutUint32(fat[(n.cluster+i)*4:], next)
		}
		var body []byte
		if n.dir {
			body = v.dirBytes(n, parent)
		} else {
			body = n.data
		}
		if len(body) > 0 {
			off := int64(g.dataStart+(n.cluster-2)*g.secPerClus) * sectorSize
			if _, err := w.WriteAt(body, off); err != nil && walkErr == nil {
				walkErr = err
			}
		}
		for _, c := range n.children {
			write(c, n)
		}
	}
	write(v.tree, nil)
	if walkErr != nil {
		return fmt.Errorf("fat: writing data: %w", walkErr)
	}
	for i := uint32(0); i < numFATs; i++ {
		if _, err := w.WriteAt(fat, int64(reserved+i*g.fatSectors)*sectorSize); err != nil {
			return fmt.Errorf("fat: writing FAT: %w", err)
		}
	}
	boot, info := v.bootSector(g), fsInfo(g.totalClusters-used, v.clusters)
	for _, base := range []int64{0, 6} {
		if _, err := w.WriteAt(boot, base*sectorSize); err != nil {
			return err
		}
		if _, err := w.WriteAt(info, (base+1)*sectorSize); err != nil {
			return err
		}
	}
	return nil
}

// layout sorts children and gives every node a contiguous run of clusters, depth first.
func (v *Volume) layout(n *node, clusterBytes uint32) {
	sort.Slice(n.children, func(i, j int) bool { return n.children[i].name < n.children[j].name })
	var size uint32
	if n.dir {
		size = uint32(len(v.dirBytes(n, nil)))
	} else {
		size = uint32(len(n.data))
	}
	n.nclust = (size + clusterBytes - 1) / clusterBytes
	if n.dir && n.nclust == 0 {
		n.nclust = 1
	}
	if n.nclust > 0 {
		n.cluster = v.clusters
		v.clusters += n.nclust
	}
	for _, c := range n.children {
		v.layout(c, clusterBytes)
	}
}

func (v *Volume) bootSector(g geometry) []byte {
	b := make([]byte, sectorSize)
	le := binary.LittleEndian
	copy(b, []byte{0xEB, 0x58, 0x90})
	copy(b[3:], "NIMBUS  ")
	le.PutUint16(b[11:], sectorSize)
	b[13] = byte(g.secPerClus)
	le.PutUint16(b[14:], reserved)
	b[16] = numFATs
	b[21] = 0xF8
	le.PutUint16(b[24:], 32) // sectors per track
	le.PutUint16(b[26:], 64) // heads
	le.PutUint32(b[28:], v.Hidden)
	le.PutUint32(b[32:], g.totalSectors)
	le.PutUint32(b[36:], g.fatSectors)
	le.PutUint32(b[44:], 2) // root directory cluster
	le.PutUint16(b[48:], 1) // FSInfo sector
	le.PutUint16(b[50:], 6) // backup boot sector
	b[64] = 0x80
	b[66] = 0x29
	le.PutUint32(b[67:], v.ID)
	copy(b[71:82], v.label())
	copy(b[82:90], "FAT32   ")
	b[510], b[511] = 0x55, 0xAA
	return b
}

func fsInfo(free, next uint32) []byte {
	b := make([]byte, sectorSize)
	le := binary.LittleEndian
	le.PutUint32(b[0:], 0x41615252)
	le.PutUint32(b[484:], 0x61417272)
	le.PutUint32(b[488:], free)
	le.PutUint32(b[492:], next)
	le.PutUint32(b[508:], 0xAA550000)
	return b
}

func (v *Volume) label() []byte {
	l := []byte(strings.ToUpper(v.Label))
	if len(l) == 0 {
		l = []byte("NO NAME")
	}
	out := []byte("           ")
	copy(out, l)
	return out[:11]
}
