package convert

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// streamOptimized VMDK (VMware "Virtual Disk Format 5.0"), the subformat EC2 VM Import
// takes, written directly: sector 0 is the sparse extent header (little-endian: magic
// "KDMV", version 3, flags = valid-newline-test | compressed grains | markers, capacity and
// grain size in sectors, descriptor offset and size, 512 entries per grain table, the
// grain directory offset GD_AT_END, overhead, the newline test characters, compression 1 =
// deflate); the text descriptor follows; from sector 128 each non-zero 64 KiB grain is a
// marker (LBA, compressed size) and its zlib stream, padded to a sector; then each grain
// table behind a GT marker, the grain directory behind a GD marker, the footer (the
// header again, with the directory's real offset) behind a footer marker, and an
// end-of-stream marker. The output is a pure function of the raw disk and the CID.
const (
	vmdkGrainSectors = 128
	vmdkGrain        = vmdkGrainSectors * 512
	vmdkGTEntries    = 512
	vmdkOverhead     = 128 // sectors before the first grain
	vmdkGDAtEnd      = ^uint64(0)
	markerEOS        = 0
	markerGT         = 1
	markerGD         = 2
	markerFooter     = 3
)

func vmdkHeader(capacity, gdOffset uint64) []byte {
	h := make([]byte, 512)
	le := binary.LittleEndian
	copy(h, "KDMV")
	le.PutUint32(h[4:], 3)
	le.PutUint32(h[8:], 1|1<<16|1<<17)
	le.PutUint64(h[12:], capacity)
	le.PutUint64(h[20:], vmdkGrainSectors)
	le.PutUint64(h[28:], 1)  // descriptor at sector 1
	le.PutUint64(h[36:], 20) // descriptor sectors
	le.PutUint32(h[44:], vmdkGTEntries)
	le.PutUint64(h[56:], gdOffset)
	le.PutUint64(h[64:], vmdkOverhead)
	h[73], h[74], h[75], h[76] = '\n', ' ', '\r', '\n'
	le.PutUint16(h[77:], 1)
	return h
}

func vmdkMarker(numSectors uint64, typ uint32) []byte {
	m := make([]byte, 512)
	binary.LittleEndian.PutUint64(m, numSectors)
	binary.LittleEndian.PutUint32(m[12:], typ)
	return m
}

// VMDK writes the raw disk src as a streamOptimized VMDK dst with content ID cid.
func VMDK(src, dst string, cid uint32) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	if st.Size()%512 != 0 {
		return fmt.Errorf("vmdk: %s is not a whole number of sectors", src)
	}
	capacity := uint64(st.Size() / 512)
	grains, err := dataClustersOf(in, st.Size(), vmdkGrain, nil)
	if err != nil {
		return fmt.Errorf("vmdk: scanning %s: %w", src, err)
	}
	cyl := capacity / (16 * 63)
	if cyl > 16383 {
		cyl = 16383
	}
	desc := fmt.Sprintf("# Disk DescriptorFile\nversion=1\nCID=%08x\nparentCID=ffffffff\ncreateType=\"streamOptimized\"\n\n"+
		"# Extent description\nRW %d SPARSE \"%s\"\n\n# The Disk Data Base\n#DDB\n\n"+
		"ddb.virtualHWVersion = \"4\"\nddb.geometry.cylinders = \"%d\"\nddb.geometry.heads = \"16\"\nddb.geometry.sectors = \"63\"\n"+
		"ddb.adapterType = \"lsilogic\"\nddb.toolsVersion = \"2147483647\"\n", cid, capacity, filepath.Base(dst), cyl)
	if len(desc) > 20*512 {
		return fmt.Errorf("vmdk: descriptor too long")
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	head := make([]byte, vmdkOverhead*512)
	copy(head, vmdkHeader(capacity, vmdkGDAtEnd))
	copy(head[512:], desc)
	w := &sectorWriter{f: out}
	if err := w.write(head); err != nil {
		return err
	}
	// Grains, compressed side by side, written in order.
	numGT := ((capacity+vmdkGrainSectors-1)/vmdkGrainSectors + vmdkGTEntries - 1) / vmdkGTEntries
	gts := make([][]uint32, numGT)
	comp := compressGrains(in, grains)
	for _, g := range grains {
		r := <-comp
		if r.err != nil {
			return fmt.Errorf("vmdk: %w", r.err)
		}
		lba := uint64(g) * vmdkGrainSectors
		t, i := lba/vmdkGrainSectors/vmdkGTEntries, lba/vmdkGrainSectors%vmdkGTEntries
		if gts[t] == nil {
			gts[t] = make([]uint32, vmdkGTEntries)
		}
		gts[t][i] = uint32(w.sector())
		m := make([]byte, 12, 12+len(r.data))
		binary.LittleEndian.PutUint64(m, lba)
		binary.LittleEndian.PutUint32(m[8:], uint32(len(r.data)))
		if err := w.write(append(m, r.data...)); err != nil {
			return err
		}
	}
	gd := make([]byte, numGT*4)
	for t, gt := range gts {
		if gt == nil {
			continue // no grain in this table: directory entry 0
		}
		if err := w.write(vmdkMarker(vmdkGTEntries*4/512, markerGT)); err != nil {
			return err
		}
		binary.LittleEndian.PutUint32(gd[t*4:], uint32(w.sector()))
		b := make([]byte, vmdkGTEntries*4)
		for i, v := range gt {
			binary.LittleEndian.PutUint32(b[i*4:], v)
		}
		if err := w.write(b); err != nil {
			return err
		}
	}
	if err := w.write(vmdkMarker(uint64((len(gd)+511)/512), markerGD)); err != nil {
		return err
	}
	gdSector := w.sector()
	for _, b := range [][]byte{gd, vmdkMarker(1, markerFooter), vmdkHeader(capacity, gdSector), vmdkMarker(0, markerEOS)} {
		if err := w.write(b); err != nil {
			return err
		}
	}
	return out.Close()
}

// sectorWriter appends, padding every write to whole sectors.
type sectorWriter struct {
	f   *os.File
	off int64
}

func (w *sectorWriter) sector() uint64 { return uint64(w.off / 512) }

func (w *sectorWriter) write(b []byte) error {
	if r := len(b) % 512; r != 0 {
		b = append(b, make([]byte, 512-r)...)
	}
	if _, err := w.f.WriteAt(b, w.off); err != nil {
		return fmt.Errorf("vmdk: %w", err)
	}
	w.off += int64(len(b))
	return nil
}

type compressed struct {
	data []byte
	err  error
}

// compressGrains zlib-compresses the grains on every CPU and delivers them in order
// (each grain is its own stream, so the bytes do not depend on the scheduling; klauspost's
// deflate at its default level is about twice as fast as compress/flate here).
func compressGrains(f *os.File, grains []int64) <-chan compressed {
	out := make(chan compressed, 16)
	workers := runtime.NumCPU()
	slots := make([]chan compressed, len(grains))
	for i := range slots {
		slots[i] = make(chan compressed, 1)
	}
	var next int
	var mu sync.Mutex
	for w := 0; w < workers; w++ {
		go func() {
			buf := make([]byte, vmdkGrain)
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(grains) {
					return
				}
				n, err := f.ReadAt(buf, grains[i]*vmdkGrain)
				if n > 0 {
					err = nil
				}
				clear(buf[n:])
				var b bytes.Buffer
				zw, _ := zlib.NewWriterLevel(&b, zlib.DefaultCompression)
				zw.Write(buf)
				zw.Close()
				slots[i] <- compressed{b.Bytes(), err}
			}
		}()
	}
	go func() {
		for _, s := range slots {
			out <- <-s
		}
		close(out)
	}()
	return out
}
