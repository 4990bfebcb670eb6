package gpt

import "fmt"

// AlignBytes is where partitions start: on 1 MiB boundaries (2048 sectors of 512 bytes),
// as sgdisk and sfdisk place them.
const AlignBytes = 1 << 20

// Add appends a partition of size bytes (0: the rest of the disk) starting at the next
// 1 MiB boundary after the previous partition, and returns it.
func (t *Table) Add(typ, guid GUID, name string, size int64) (Partition, error) {
	ss := t.ss()
	align := AlignBytes / ss
	first := t.FirstUsable()
	if n := len(t.Partitions); n > 0 {
		first = t.Partitions[n-1].LastLBA + 1
	}
	first = (first + align - 1) / align * align
	last := t.LastUsable()
	if size > 0 {
		last = first + (size+ss-1)/ss - 1
	}
	if last > t.LastUsable() || last < first {
		return Partition{}, fmt.Errorf("gpt: partition %q of %d bytes does not fit on a disk of %d bytes", name, size, t.Sectors*ss)
	}
	p := Partition{Type: typ, GUID: guid, Name: name, FirstLBA: first, LastLBA: last}
	t.Partitions = append(t.Partitions, p)
	return p, nil
}

// Overhead is the room a GPT needs on a disk besides the partitions, in bytes, with the
// 1 MiB alignment of Add: the first MiB and the backup table at the end.
func Overhead(sectorSize int) int64 { return AlignBytes + 33*int64(sectorSize) }
