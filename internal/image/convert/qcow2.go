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
func Qcow2To(src string, w io.Writer) error {
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
	data, err := dataClustersOf(in, size, qcowCluster)
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
// skipping holes without reading them.
func dataClustersOf(f *os.File, size, cs int64) ([]int64, error) {
	var out []int64
	buf := make([]byte, cs)
	for c := int64(0); c*cs < size; c++ {
		off := c * cs
		d, err := unix.Seek(int(f.Fd()), off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			break
		}
		if err == nil && d >= off+cs {
			c = d/cs - 1
			continue
		}
		n, err := f.ReadAt(buf, off)
		if err != nil && !(errors.Is(err, io.EOF) && n > 0) {
			return nil, err
		}
		if !allZero(buf[:n]) {
			out = append(out, c)
		}
	}
	return out, nil
}
