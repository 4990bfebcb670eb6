package convert

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// qcow2 version 3 (QEMU's docs/interop/qcow2.txt), written directly: 64 KiB clusters;
// cluster 0 holds the 104-byte header (magic "QFI\xfb", version 3, cluster_bits 16,
// virtual size, L1 size and offset, refcount table offset and size in clusters,
// refcount_order 4 = 16-bit refcounts, header_length 104) and the end-of-extensions
// marker; then the refcount table, the refcount blocks, the L1 table, the L2 tables and
// the data clusters, in that order. Only clusters of the raw disk that hold a non-zero
// byte are stored; every cluster has refcount 1, so L1 and L2 entries carry
// QCOW_OFLAG_COPIED (bit 63). The layout is a pure function of the raw disk.
const (
	qcowClusterBits = 16
	qcowCluster     = 1 << qcowClusterBits
	qcowL2Entries   = qcowCluster / 8 // 8192: one L2 table maps 512 MiB
	qcowRBEntries   = qcowCluster / 2 // 32768 16-bit refcounts per block
	qcowCopied      = uint64(1) << 63
)

// Qcow2 writes the raw disk src as a qcow2 (v3) file dst.
func Qcow2(src, dst string) error {
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	if err := Qcow2To(src, out); err != nil {
		return err
	}
	return out.Close()
}

// Qcow2To writes the raw disk src as a qcow2 (v3) stream to w: the layout puts every
// part at an ascending offset, so the file is written front to back in one pass and w
// may hash it on the way (no reading the output back).
func Qcow2To(src string, w io.Writer) error { return Qcow2Tee(src, w, nil) }

// Qcow2Tee is Qcow2To that also writes the whole raw disk src, byte for byte and in
// order (its holes as zeros), to raw, when raw is not nil: the scan for data clusters
// reads every data cluster anyway, so raw (a hash of the raw disk) gets them from that
// one read, on its own goroutine, instead of a pass of its own over the file. raw keeps
// consuming the disk's trailing hole while the qcow2 is written.
func Qcow2Tee(src string, w, raw io.Writer) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	var tee *rawTee
	if raw != nil {
		tee = newRawTee(raw, qcowCluster)
		defer func() {
			if terr := tee.close(); err == nil && terr != nil {
				err = fmt.Errorf("qcow2: %w", terr)
			}
		}()
	}
	data, err := dataClustersOf(in, size, qcowCluster, tee)
	if err != nil {
		return fmt.Errorf("qcow2: scanning %s: %w", src, err)
	}
	nl1 := (size + qcowCluster*qcowL2Entries - 1) / (qcowCluster * qcowL2Entries)
	l1Clusters := (nl1*8 + qcowCluster - 1) / qcowCluster
	var l2Tables []int64 // L1 indexes that need an L2 table, ascending
	for _, c := range data {
		if i := c / qcowL2Entries; len(l2Tables) == 0 || l2Tables[len(l2Tables)-1] != i {
			l2Tables = append(l2Tables, i)
		}
	}
	// Refcount blocks must cover every cluster of the file, themselves included.
	fixed := 2 + l1Clusters + int64(len(l2Tables)) + int64(len(data))
	nrb := int64(1)
	for (fixed+nrb+qcowRBEntries-1)/qcowRBEntries > nrb {
		nrb++
	}
	if nrb > qcowCluster/8 {
		return errors.New("qcow2: image too large for one refcount table cluster")
	}
	total := fixed + nrb
	rbStart, l1Start := int64(2), 2+nrb
	l2Start := l1Start + l1Clusters
	dataStart := l2Start + int64(len(l2Tables))

	be := binary.BigEndian
	hdr := make([]byte, qcowCluster)
	copy(hdr, "QFI\xfb")
	be.PutUint32(hdr[4:], 3)
	be.PutUint32(hdr[20:], qcowClusterBits)
	be.PutUint64(hdr[24:], uint64(size))
	be.PutUint32(hdr[36:], uint32(nl1))
	be.PutUint64(hdr[40:], uint64(l1Start*qcowCluster))
	be.PutUint64(hdr[48:], qcowCluster) // refcount table in cluster 1
	be.PutUint32(hdr[56:], 1)
	be.PutUint32(hdr[96:], 4)
	be.PutUint32(hdr[100:], 104)
	// Bytes 104-111 stay zero: the end-of-extensions marker.
	rt := make([]byte, qcowCluster)
	for i := int64(0); i < nrb; i++ {
		be.PutUint64(rt[i*8:], uint64((rbStart+i)*qcowCluster))
	}
	rb := make([]byte, nrb*qcowCluster)
	for c := int64(0); c < total; c++ {
		be.PutUint16(rb[c*2:], 1)
	}
	l1 := make([]byte, l1Clusters*qcowCluster)
	l2 := make([]byte, int64(len(l2Tables))*qcowCluster)
	for j, i := range l2Tables {
		be.PutUint64(l1[i*8:], uint64((l2Start+int64(j))*qcowCluster)|qcowCopied)
	}
	j := 0
	for k, c := range data {
		for l2Tables[j] != c/qcowL2Entries {
			j++
		}
		be.PutUint64(l2[int64(j)*qcowCluster+(c%qcowL2Entries)*8:], uint64((dataStart+int64(k))*qcowCluster)|qcowCopied)
	}
	// Header, refcount table, refcount blocks, L1, L2, data: each part starts where the
	// one before ends (the sizes are whole clusters), so they are written in sequence.
	for _, part := range [][]byte{hdr, rt, rb, l1, l2} {
		if _, err := w.Write(part); err != nil {
			return fmt.Errorf("qcow2: %w", err)
		}
	}
	buf := make([]byte, qcowCluster)
	for _, c := range data {
		n, err := in.ReadAt(buf, c*qcowCluster)
		if err != nil && !(errors.Is(err, io.EOF) && n > 0) {
			return fmt.Errorf("qcow2: reading %s: %w", src, err)
		}
		clear(buf[n:])
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("qcow2: %w", err)
		}
	}
	return nil
}

// dataClustersOf lists the clusters of cs bytes of f that hold a non-zero byte,
// skipping holes without reading them. When tee is not nil, it gets the whole file in
// order: the clusters read, and the holes skipped as runs of zeros.
func dataClustersOf(f *os.File, size, cs int64, tee *rawTee) ([]int64, error) {
	var out []int64
	buf := make([]byte, cs)
	for c := int64(0); c*cs < size; c++ {
		off := c * cs
		d, err := unix.Seek(int(f.Fd()), off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			tee.zeros(size - off)
			break
		}
		if err == nil && d >= off+cs {
			c = d/cs - 1
			tee.zeros(d/cs*cs - off)
			continue
		}
		if tee != nil {
			buf = tee.buffer()
		}
		n, err := f.ReadAt(buf, off)
		if err != nil && !(errors.Is(err, io.EOF) && n > 0) {
			return nil, err
		}
		if !allZero(buf[:n]) {
			out = append(out, c)
		}
		tee.data(buf[:n])
	}
	return out, nil
}

// rawTee writes a file's bytes, handed over as buffers read and as runs of zeros, to a
// writer on its own goroutine; buffers go back to the reader through a free list.
type rawTee struct {
	w    io.Writer
	work chan teeItem
	free chan []byte
	done chan error
}

type teeItem struct {
	buf   []byte // data, or nil for a run of zeros
	zeros int64
}

func newRawTee(w io.Writer, cs int64) *rawTee {
	t := &rawTee{w: w, work: make(chan teeItem, 64), free: make(chan []byte, 64), done: make(chan error, 1)}
	for range 64 {
		t.free <- make([]byte, cs)
	}
	go func() {
		zero := make([]byte, 1<<20)
		var err error
		for it := range t.work {
			if err != nil {
				if it.buf != nil {
					t.free <- it.buf[:cap(it.buf)]
				}
				continue
			}
			if it.buf != nil {
				_, err = t.w.Write(it.buf)
				t.free <- it.buf[:cap(it.buf)]
				continue
			}
			for n := it.zeros; n > 0 && err == nil; {
				k := min(n, int64(len(zero)))
				_, err = t.w.Write(zero[:k])
				n -= k
			}
		}
		t.done <- err
	}()
	return t
}

func (t *rawTee) buffer() []byte { return <-t.free }

func (t *rawTee) data(b []byte) {
	if t != nil {
		t.work <- teeItem{buf: b}
	}
}

func (t *rawTee) zeros(n int64) {
	if t != nil && n > 0 {
		t.work <- teeItem{zeros: n}
	}
}

// close waits until everything handed over is written, and returns the first error.
func (t *rawTee) close() error {
	close(t.work)
	return <-t.done
}
