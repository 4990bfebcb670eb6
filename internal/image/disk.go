package image

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/image/ext4"
	"github.com/nimbus-linux/nimbus/internal/image/fat"
	"github.com/nimbus-linux/nimbus/internal/image/gpt"
)

// deriveIdentity computes every identifier of the image from the seed.
func (b *Build) deriveIdentity() {
	s := b.Seed
	h := sha256.Sum256([]byte("nimbus-esp-volume-id\x00" + s))
	b.Identity = Identity{
		DiskGUID:    gpt.DeriveGUID(s, "disk").String(),
		ESPGUID:     gpt.DeriveGUID(s, "esp").String(),
		RootGUID:    gpt.DeriveGUID(s, "root").String(),
		RootFSUUID:  gpt.DeriveGUID(s, "rootfs").String(),
		HashSeed:    gpt.DeriveGUID(s, "rootfs-hash-seed").String(),
		ESPVolumeID: binary.LittleEndian.Uint32(h[:4]),
	}
}

// stageFilesystem sizes the disk and its partitions, creates the raw disk file (sparse)
// and makes the root file system from the staging tree, with normalized times and fixed
// identities, straight into the root partition's place in it: no separate ext4 file
// copied into the disk afterwards (a second pass over every byte of the root).
func stageFilesystem(ctx context.Context, b *Build) error {
	tools, err := b.Tools.ext4()
	if err != nil {
		return err
	}
	size, files, err := treeSize(b.Root)
	if err != nil {
		return err
	}
	// The root partition and file system are sized to the content; the disk has the
	// profile's size, and first boot grows both to the end of the disk (the first-boot
	// agent's growpart), as it does on a bigger cloud volume.
	b.rootSize = ext4.MinSize(size, files)
	b.espSize, _ = ParseSize(b.Profile.ESPSize) // the UKI (made beside this stage) is checked to fit in stageDisk
	b.diskSize, _ = ParseSize(b.Profile.Size)
	if room := b.diskSize - b.espSize - gpt.Overhead(512) - 1<<20; b.rootSize > room {
		return fmt.Errorf("the root needs %d MiB but a %s disk leaves %d MiB after the EFI system partition: raise size in %s",
			b.rootSize>>20, b.Profile.Size, room>>20, b.Profile.Path)
	}
	if err := b.layout(); err != nil {
		return err
	}
	b.rawPath, b.RawOnTmpfs = b.out(b.Name()+".raw"), false
	if b.tmpfs != "" {
		// The raw disk is assembled on the scratch tmpfs when the memory is there for
		// what mke2fs and the ESP write into it (at most the two partitions): mke2fs then
		// neither waits for its fsync to write 300 MiB to the disk nor pays a journaled
		// file system's block allocation for each of its 4 KiB writes, and the convert
		// stage writes the raw output (its data only, in 1 MiB writes) beside the hashing
		// and the qcow2, or not at all when no raw is asked for.
		if avail, err := memAvailable(); err == nil && avail >= b.rootSize+b.espSize+tmpfsExtra {
			b.created = b.created[:len(b.created)-1] // not an output
			b.rawPath, b.RawOnTmpfs = filepath.Join(b.tmpfs, "disk.raw"), true
		}
	}
	f, err := os.Create(b.rawPath)
	if err != nil {
		return err
	}
	err = f.Truncate(b.diskSize)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	root := b.table.Partitions[1]
	err = ext4.Make(ctx, b.Root, b.rawPath, ext4.Options{Size: b.rootSize, Offset: root.FirstLBA * 512,
		UUID: b.Identity.RootFSUUID, HashSeed: b.Identity.HashSeed, Label: "root", Time: b.Time, Tools: tools})
	if err != nil {
		return err
	}
	setNote(ctx, fmt.Sprintf("ext4 %d MiB for %.1f MiB in %d entries, at %d MiB of the raw disk", b.rootSize>>20, float64(size)/(1<<20), files, root.FirstLBA*512>>20))
	return nil
}

// layout plans the GPT: the ESP, then the root partition with the Discoverable
// Partitions root type of the architecture.
func (b *Build) layout() error {
	imageArch, _ := arch.ByRPM(b.Arch)
	rootType, err := gpt.RootType(b.Arch)
	if err != nil {
		return err
	}
	t := &gpt.Table{Sectors: b.diskSize / 512, DiskGUID: gpt.MustParseGUID(b.Identity.DiskGUID)}
	if _, err := t.Add(gpt.TypeESP, gpt.MustParseGUID(b.Identity.ESPGUID), "ESP", b.espSize); err != nil {
		return err
	}
	if _, err := t.Add(rootType, gpt.MustParseGUID(b.Identity.RootGUID), "root-"+imageArch.Systemd, b.rootSize); err != nil {
		return err
	}
	b.table = t
	return nil
}

// stageDisk completes the raw disk around the root file system: the GPT and the ESP
// (FAT32 with the UKI at the removable-media path).
func stageDisk(ctx context.Context, b *Build) error {
	if need := fat.MinSize(int64(len(b.uki)), 1); need > b.espSize {
		return fmt.Errorf("the unified kernel image (%d MiB) does not fit the %s EFI system partition: raise esp_size in %s",
			len(b.uki)>>20, b.Profile.ESPSize, b.Profile.Path)
	}
	imageArch, _ := arch.ByRPM(b.Arch)
	f, err := os.OpenFile(b.rawPath, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := b.table.WriteTo(f); err != nil {
		return err
	}
	esp, root := b.table.Partitions[0], b.table.Partitions[1]
	vol := &fat.Volume{Size: esp.Size(512), Label: "ESP", ID: b.Identity.ESPVolumeID, Time: b.Time, Hidden: uint32(esp.FirstLBA)}
	if err := vol.AddFile("EFI/BOOT/"+imageArch.BootFile(), b.uki); err != nil {
		return err
	}
	if err := vol.WriteTo(offsetWriter{f, esp.FirstLBA * 512}); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	setNote(ctx, fmt.Sprintf("%d MiB: ESP %d MiB, root %d MiB", b.diskSize>>20, esp.Size(512)>>20, root.Size(512)>>20))
	return nil
}

type offsetWriter struct {
	f   *os.File
	off int64
}

func (w offsetWriter) WriteAt(p []byte, off int64) (int, error) { return w.f.WriteAt(p, w.off+off) }
