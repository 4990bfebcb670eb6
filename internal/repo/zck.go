package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

// ZckStats reports one delta download of a zchunk metadata file.
type ZckStats struct {
	Header   int64 // bytes of the header fetched
	Chunks   int64 // bytes of chunks fetched
	Reused   int64 // bytes taken from the previous file
	Requests int   // HTTP requests made
}

// maxRangesPerRequest bounds a multi-range request (its Range header stays
// a few KiB long, well under servers' header limits).
const maxRangesPerRequest = 64

// errNoMultiRange: the server answered a multi-range request with something
// else than multipart/byteranges; the rest goes one range per request.
var errNoMultiRange = errors.New("server does not answer multi-range requests")

// FetchZck builds r.Dest, the zchunk file described by d, from the previous
// file old and the chunks it lacks, as librepo does: it fetches the header
// (header-size bytes, checked against header-checksum), plans which chunks
// the old file lacks, fetches only those with HTTP Range requests (several
// ranges per request when the server answers multipart/byteranges, else one
// per run of chunks), verifies each chunk's checksum and the data checksum,
// and checks the whole file against r's size and checksum. Any mismatch is an
// error: the caller then downloads the whole file.
func (f *Fetcher) FetchZck(ctx context.Context, r Request, d *repomd.Data, old string) (ZckStats, error) {
	var st ZckStats
	if d.HeaderSize <= 0 || d.HeaderChecksum.Value == "" {
		return st, fmt.Errorf("%s: repomd.xml gives no header-size/header-checksum", r.Path)
	}
	if d.HeaderSize > zchunk.MaxHeader {
		return st, fmt.Errorf("%s: header-size %d is larger than the limit of %d", r.Path, d.HeaderSize, zchunk.MaxHeader)
	}
	of, err := os.Open(old)
	if err != nil {
		return st, err
	}
	defer of.Close()
	oldH, err := zchunk.ReadHeader(of)
	if err != nil {
		return st, fmt.Errorf("previous %s: %w", old, err)
	}
	var errs []string
	for _, m := range r.Mirrors {
		u, err := joinURL(m, r.Path)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", m, err))
			continue
		}
		if strings.HasPrefix(u, "file://") {
			return st, fmt.Errorf("%s: local repository, no delta needed", r.Path)
		}
		err = f.fetchZckFrom(ctx, u, r, d, oldH, of, &st)
		if err == nil {
			return st, nil
		}
		if ctx.Err() != nil {
			return st, ctx.Err()
		}
		errs = append(errs, fmt.Sprintf("%s: %v", u, err))
		f.logf("%s: zchunk delta from %s failed: %v", r.Repo, u, err)
	}
	return st, fmt.Errorf("repository %s: zchunk delta of %s failed: %s", r.Repo, r.Path, strings.Join(errs, "; "))
}

func (f *Fetcher) fetchZckFrom(ctx context.Context, u string, r Request, d *repomd.Data, oldH *zchunk.Header, old io.ReaderAt, st *ZckStats) error {
	hdr, err := f.getRanges(ctx, u, []zchunk.Range{{Start: 0, End: d.HeaderSize}}, st)
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	st.Header += d.HeaderSize
	h, err := zchunk.ParseHeader(hdr[0])
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	if h.Size != d.HeaderSize || zchunk.HashName(h.HashType) != d.HeaderChecksum.Type || h.HeaderChecksumHex() != strings.ToLower(d.HeaderChecksum.Value) {
		return fmt.Errorf("header does not match repomd.xml's header-checksum %s", d.HeaderChecksum.Value)
	}
	if r.Size >= 0 && h.Size+h.DataSize() != r.Size {
		return fmt.Errorf("header describes %d bytes, repomd.xml says %d", h.Size+h.DataSize(), r.Size)
	}
	plan := zchunk.NewPlan(oldH, h, 0)
	got := map[int64][]byte{}
	need := plan.Need
	multi := true
	for len(need) > 0 {
		n := 1
		if multi {
			n = min(len(need), maxRangesPerRequest)
		}
		parts, err := f.getRanges(ctx, u, need[:n], st)
		if errors.Is(err, errNoMultiRange) && n > 1 {
			multi = false
			continue
		}
		if err != nil {
			return err
		}
		for i, p := range parts {
			got[need[i].Start] = p
			st.Chunks += int64(len(p))
		}
		need = need[n:]
	}
	// Chunks are served out of the fetched ranges.
	fetched := func(off, n int64) ([]byte, error) {
		for _, rg := range plan.Need {
			if off >= rg.Start && off+n <= rg.End {
				b := got[rg.Start]
				return b[off-rg.Start : off-rg.Start+n], nil
			}
		}
		return nil, fmt.Errorf("bytes %d-%d were not fetched", off, off+n-1)
	}
	part := r.Dest + ".part"
	out, err := openPart(part, os.O_TRUNC)
	if err != nil {
		return err
	}
	if err := plan.Assemble(out, old, fetched); err != nil {
		out.Close()
		os.Remove(part)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(part)
		return err
	}
	if err := verifyFile(part, r); err != nil {
		os.Remove(part)
		return err
	}
	st.Reused = h.DataSize() - plan.Bytes()
	return os.Rename(part, r.Dest)
}

// getRanges fetches byte ranges of u and returns their bodies in order. A
// request for several ranges that is not answered with multipart/byteranges
// returns errNoMultiRange (the body is not read).
func (f *Fetcher) getRanges(ctx context.Context, u string, rs []zchunk.Range, st *ZckStats) ([][]byte, error) {
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var spec strings.Builder
	var total int64
	for i, rg := range rs {
		if i > 0 {
			spec.WriteByte(',')
		}
		fmt.Fprintf(&spec, "%d-%d", rg.Start, rg.End-1)
		total += rg.End - rg.Start
	}
	req.Header.Set("Range", "bytes="+spec.String())
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	// dnf's timeout/minrate apply to range requests as to whole files.
	guard := newSpeedGuard(f.Timeout, f.MinRate, cancel)
	defer guard.stop()
	resp, err := client.Do(req)
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			return nil, guard.err(0)
		}
		return nil, err
	}
	defer resp.Body.Close()
	st.Requests++
	if resp.StatusCode != http.StatusPartialContent {
		if len(rs) > 1 {
			return nil, errNoMultiRange
		}
		return nil, fmt.Errorf("range request answered with %s", resp.Status)
	}
	body := &guardedReader{r: resp.Body, g: guard}
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if len(rs) == 1 && mt != "multipart/byteranges" {
		start, end, err := contentRange(resp.Header.Get("Content-Range"))
		if err != nil || start != rs[0].Start || end != rs[0].End {
			return nil, fmt.Errorf("asked for bytes %s, got Content-Range %q", spec.String(), resp.Header.Get("Content-Range"))
		}
		b, err := io.ReadAll(io.LimitReader(body, total+1))
		if err != nil {
			return nil, err
		}
		if int64(len(b)) != total {
			return nil, fmt.Errorf("range %s: %d bytes, want %d", spec.String(), len(b), total)
		}
		return [][]byte{b}, nil
	}
	if mt != "multipart/byteranges" {
		return nil, errNoMultiRange
	}
	mr := multipart.NewReader(body, params["boundary"])
	out := make([][]byte, len(rs))
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("multipart/byteranges: %w", err)
		}
		start, end, err := contentRange(p.Header.Get("Content-Range"))
		if err != nil {
			return nil, err
		}
		i := -1
		for j, rg := range rs {
			if rg.Start == start && rg.End == end {
				i = j
			}
		}
		if i < 0 || out[i] != nil {
			return nil, fmt.Errorf("unexpected part %d-%d", start, end-1)
		}
		b, err := io.ReadAll(io.LimitReader(p, end-start+1))
		if err != nil {
			return nil, err
		}
		if int64(len(b)) != end-start {
			return nil, fmt.Errorf("part %d-%d: %d bytes", start, end-1, len(b))
		}
		out[i] = b
	}
	for i, b := range out {
		if b == nil {
			return nil, fmt.Errorf("range %d-%d missing from the answer", rs[i].Start, rs[i].End-1)
		}
	}
	return out, nil
}

// contentRange parses "bytes START-END/SIZE" into [start, end+1).
func contentRange(v string) (int64, int64, error) {
	s, ok := strings.CutPrefix(v, "bytes ")
	if !ok {
		return 0, 0, fmt.Errorf("bad Content-Range %q", v)
	}
	s, _, _ = strings.Cut(s, "/")
	a, b, ok := strings.Cut(s, "-")
	start, err1 := strconv.ParseInt(a, 10, 64)
	end, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || end < start {
		return 0, 0, fmt.Errorf("bad Content-Range %q", v)
	}
	return start, end + 1, nil
}

// guardedReader feeds the speed guard with every byte read.
type guardedReader struct {
	r io.Reader
	g *speedGuard
}

func (s *guardedReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.g.add(n)
	return n, err
}
