package s3store

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// Conditional-put modes.
const (
	CondAuto = "auto" // send If-None-Match: *; fall back to HEAD checks when the store refuses it
	CondOn   = "on"   // require conditional puts
	CondOff  = "off"  // HEAD checks only (stores that mishandle the header)
)

// Options say how to reach the store. Unset fields come from the standard AWS
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
// AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL read through Getenv) and
// then the SDK's default chain (AWS_PROFILE, ~/.aws/config and credentials, IMDS).
type Options struct {
	Endpoint string // e.g. http://127.0.0.1:7070 (path-style addressing is used)
	Region   string
	Getenv   func(string) string
	// Conditional is CondAuto (default), CondOn or CondOff.
	Conditional string
	// MaxAttempts bounds the tries of one request (default 10); MaxBackoff the wait
	// between two (default 20 s). Throttling (503 SlowDown) and 5xx are retried.
	MaxAttempts int
	MaxBackoff  time.Duration
	HTTPClient  *http.Client
	// Log receives one line when the store turns out not to support conditional puts.
	Log io.Writer
}

// Store is a bucket and key prefix of an S3-compatible store.
type Store struct {
	c      *s3.Client
	Bucket string
	Prefix string // "" or ending in "/"
	URL    string // s3://BUCKET/PREFIX
	cond   string
	noCond atomic.Bool // the store refused a conditional put: HEAD checks only
	log    io.Writer
	// Puts counts objects written (PutObject and CopyObject), for reports and tests.
	Puts, PutBytes atomic.Int64
}

// ErrNotFound is wrapped by errors about absent objects.
var ErrNotFound = fs.ErrNotExist

// ParseURL splits s3://BUCKET[/PREFIX] into the bucket and a prefix ending in "/" (or "").
func ParseURL(u string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(u, "s3://")
	if !ok {
		return "", "", fmt.Errorf("%q: want s3://BUCKET/PREFIX", u)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if !validBucket(bucket) {
		return "", "", fmt.Errorf("%q: bucket name %q: want 3-63 lower-case letters, digits, dots and hyphens", u, bucket)
	}
	prefix = strings.Trim(prefix, "/")
	for _, p := range strings.Split(prefix, "/") {
		if prefix != "" && (p == "" || p == "." || p == "..") {
			return "", "", fmt.Errorf("%q: bad prefix %q", u, prefix)
		}
	}
	if prefix != "" {
		prefix += "/"
	}
	return bucket, prefix, nil
}

func validBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return b[0] != '-' && b[0] != '.'
}

// IsS3 reports whether a location is an s3:// URL.
func IsS3(loc string) bool { return strings.HasPrefix(loc, "s3://") }

// Open connects to the bucket of url: it resolves credentials (a clear error when there
// are none) and checks that the bucket exists and is reachable.
func Open(ctx context.Context, u string, o Options) (*Store, error) {
	bucket, prefix, err := ParseURL(u)
	if err != nil {
		return nil, err
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if o.Endpoint == "" {
		o.Endpoint = firstNonEmpty(getenv("AWS_ENDPOINT_URL_S3"), getenv("AWS_ENDPOINT_URL"))
	}
	if o.Region == "" {
		o.Region = firstNonEmpty(getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 20 * time.Second
	}
	switch o.Conditional {
	case "":
		o.Conditional = CondAuto
	case CondAuto, CondOn, CondOff:
	default:
		return nil, fmt.Errorf("conditional puts %q: want auto, on or off", o.Conditional)
	}
	var opts []func(*config.LoadOptions) error
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.HTTPClient != nil {
		opts = append(opts, config.WithHTTPClient(o.HTTPClient))
	}
	opts = append(opts, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = o.MaxAttempts
			so.MaxBackoff = o.MaxBackoff
			so.RateLimiter = ratelimit.None // a long throttled publish must not run out of retry tokens
		})
	}))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: AWS configuration: %w", u, err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // S3-compatible stores rarely care; AWS redirects
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	_, err = cfg.Credentials.Retrieve(cctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("%s: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with ~/.aws/credentials, or run on an instance with a role (%v)", u, err)
	}
	c := s3.NewFromConfig(cfg, func(so *s3.Options) {
		if o.Endpoint != "" {
			so.BaseEndpoint = aws.String(o.Endpoint)
			so.UsePathStyle = true
		}
		so.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		so.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	s := &Store{c: c, Bucket: bucket, Prefix: prefix, URL: u, cond: o.Conditional, log: o.Log}
	if o.Conditional == CondOff {
		s.noCond.Store(true)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		switch code(err) {
		case "NotFound", "NoSuchBucket":
			return nil, fmt.Errorf("%s: bucket %s does not exist (at %s): create it, or check the name and --s3-endpoint", u, bucket, endpointName(o.Endpoint))
		case "Forbidden", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch":
			return nil, fmt.Errorf("%s: access to bucket %s denied: check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE) and the bucket's policy: %w", u, bucket, err)
		}
		return nil, fmt.Errorf("%s: bucket %s at %s: %w", u, bucket, endpointName(o.Endpoint), err)
	}
	return s, nil
}

func endpointName(ep string) string {
	if ep == "" {
		return "AWS S3"
	}
	return ep
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// code is the S3 error code of err ("" when it is not an API error).
func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// Where is the s3:// URL of rel, for messages.
func (s *Store) Where(rel string) string {
	return "s3://" + s.Bucket + "/" + s.Key(rel)
}

// Key is the object key of a path relative to the store's prefix.
func (s *Store) Key(rel string) string { return s.Prefix + strings.TrimPrefix(rel, "/") }

// Object is a listed or inspected object, its key relative to the prefix.
type Object struct {
	Key    string
	Size   int64
	SHA256 string // from the object's x-amz-meta-sha256, when written by this package
	ETag   string
}

// Head returns the object at rel, or an error wrapping ErrNotFound.
func (s *Store) Head(ctx context.Context, rel string) (*Object, error) {
	out, err := s.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.Bucket, Key: aws.String(s.Key(rel))})
	if err != nil {
		if c := code(err); c == "NotFound" || c == "NoSuchKey" {
			return nil, fmt.Errorf("%s: %w", s.Where(rel), ErrNotFound)
		}
		return nil, s.fail("HEAD", rel, err)
	}
	return &Object{Key: rel, Size: aws.ToInt64(out.ContentLength), SHA256: out.Metadata["sha256"], ETag: strings.Trim(aws.ToString(out.ETag), `"`)}, nil
}

// Get reads the object at rel (an error wrapping ErrNotFound when it is absent).
func (s *Store) Get(ctx context.Context, rel string) ([]byte, error) {
	out, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.Bucket, Key: aws.String(s.Key(rel))})
	if err != nil {
		if c := code(err); c == "NotFound" || c == "NoSuchKey" {
			return nil, fmt.Errorf("%s: %w", s.Where(rel), ErrNotFound)
		}
		return nil, s.fail("GET", rel, err)
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

// List returns the objects under rel (a directory-like prefix relative to the store's).
func (s *Store) List(ctx context.Context, rel string) ([]Object, error) {
	var objs []Object
	p := s3.NewListObjectsV2Paginator(s.c, &s3.ListObjectsV2Input{Bucket: &s.Bucket, Prefix: aws.String(s.Key(rel))})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, s.fail("listing", rel, err)
		}
		for _, o := range page.Contents {
			objs = append(objs, Object{Key: strings.TrimPrefix(aws.ToString(o.Key), s.Prefix), Size: aws.ToInt64(o.Size), ETag: strings.Trim(aws.ToString(o.ETag), `"`)})
		}
	}
	return objs, nil
}

// Put writes data at rel whether or not an object is there: only for the mutable
// pointers (index.json and its signature); everything else goes through PutNew.
func (s *Store) Put(ctx context.Context, rel string, data []byte, contentType string) error {
	sum := sha256.Sum256(data)
	_, err := s.c.PutObject(ctx, &s3.PutObjectInput{Bucket: &s.Bucket, Key: aws.String(s.Key(rel)), Body: bytes.NewReader(data),
		ContentLength: aws.Int64(int64(len(data))), ContentType: aws.String(contentType),
		Metadata: map[string]string{"sha256": hex.EncodeToString(sum[:])}})
	if err != nil {
		return s.fail("PUT", rel, err)
	}
	s.Puts.Add(1)
	s.PutBytes.Add(int64(len(data)))
	return nil
}

// ErrConflict is wrapped when an object exists with other content than the one to write.
var ErrConflict = errors.New("exists with different content (objects are never overwritten)")

// PutNew writes the file or data at rel unless an object is there already. An existing
// object with the same content (its sha256 metadata, or its size and MD5 ETag) is left
// alone (uploaded = false); one with other content is an error wrapping ErrConflict.
// With conditional puts the write carries If-None-Match: * so that a concurrent writer
// cannot be overwritten; without them (the store refuses the header, or CondOff) the HEAD
// check before the write is the only guard, and two publishers racing on one key can
// overwrite each other's (content-addressed, so for blobs identical) object.
func (s *Store) PutNew(ctx context.Context, rel string, body io.ReadSeeker, contentType string) (uploaded bool, err error) {
	size, sha, md, err := digest(body)
	if err != nil {
		return false, fmt.Errorf("%s: %w", rel, err)
	}
	if ok, err := s.same(ctx, rel, size, sha, md); err != nil || ok {
		return false, err
	}
	in := &s3.PutObjectInput{Bucket: &s.Bucket, Key: aws.String(s.Key(rel)), Body: body, ContentLength: aws.Int64(size),
		ContentType: aws.String(contentType), Metadata: map[string]string{"sha256": sha}}
	if !s.noCond.Load() {
		in.IfNoneMatch = aws.String("*")
	}
	for {
		if _, err := body.Seek(0, io.SeekStart); err != nil {
			return false, err
		}
		_, err = s.c.PutObject(ctx, in)
		if err == nil {
			s.Puts.Add(1)
			s.PutBytes.Add(size)
			return true, nil
		}
		c := code(err)
		switch {
		case in.IfNoneMatch != nil && (c == "PreconditionFailed" || c == "ConditionalRequestConflict"):
			// someone wrote it between our HEAD and PUT
			if ok, err := s.same(ctx, rel, size, sha, md); err != nil || ok {
				return false, err
			}
			return false, fmt.Errorf("%s: %w", s.Where(rel), ErrConflict)
		case in.IfNoneMatch != nil && (c == "NotImplemented" || isStatus(err, http.StatusNotImplemented)):
			if s.cond == CondOn {
				return false, fmt.Errorf("%s: the store does not support conditional puts (If-None-Match: *), and they are required (--s3-conditional=on): %w", s.URL, err)
			}
			if !s.noCond.Swap(true) && s.log != nil {
				fmt.Fprintf(s.log, "%s: the store does not support conditional puts (If-None-Match: *): falling back to a HEAD check before each write\n", s.URL)
			}
			in.IfNoneMatch = nil
			continue
		}
		return false, s.fail("PUT", rel, err)
	}
}

// CopyNew copies the object src to dst (both relative to this store's prefix, or src
// relative to from's prefix when from is another store on the same endpoint) unless dst
// exists with the same content. The copy keeps src's sha256 metadata.
func (s *Store) CopyNew(ctx context.Context, from *Store, src, dst string) (uploaded bool, err error) {
	if from == nil {
		from = s
	}
	obj, err := from.Head(ctx, src)
	if err != nil {
		return false, err
	}
	if cur, err := s.Head(ctx, dst); err == nil {
		if sameObject(cur, obj.Size, obj.SHA256, "") || (obj.SHA256 == "" && cur.ETag == obj.ETag && cur.Size == obj.Size) {
			return false, nil
		}
		return false, fmt.Errorf("%s: %w", s.Where(dst), ErrConflict)
	} else if !errors.Is(err, ErrNotFound) {
		return false, err
	}
	in := &s3.CopyObjectInput{Bucket: &s.Bucket, Key: aws.String(s.Key(dst)),
		CopySource: aws.String(url.PathEscape(from.Bucket) + "/" + escapeKey(from.Key(src))), MetadataDirective: types.MetadataDirectiveCopy}
	if _, err := s.c.CopyObject(ctx, in); err != nil {
		return false, fmt.Errorf("%s: copying %s to %s: %w", s.URL, src, dst, err)
	}
	s.Puts.Add(1)
	return true, nil
}

func escapeKey(k string) string {
	parts := strings.Split(k, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// same reports whether rel exists with this content; an error when it exists with other.
func (s *Store) same(ctx context.Context, rel string, size int64, sha, md string) (bool, error) {
	cur, err := s.Head(ctx, rel)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if sameObject(cur, size, sha, md) {
		return true, nil
	}
	return false, fmt.Errorf("%s: %w", s.Where(rel), ErrConflict)
}

func sameObject(cur *Object, size int64, sha, md string) bool {
	if cur.Size != size {
		return false
	}
	if cur.SHA256 != "" && sha != "" {
		return cur.SHA256 == sha
	}
	return md != "" && cur.ETag == md
}

func digest(r io.ReadSeeker) (size int64, sha, md string, err error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, "", "", err
	}
	h, m := sha256.New(), md5.New()
	size, err = io.Copy(io.MultiWriter(h, m), r)
	if err != nil {
		return 0, "", "", err
	}
	return size, hex.EncodeToString(h.Sum(nil)), hex.EncodeToString(m.Sum(nil)), nil
}

// fail names the operation and object, and says what to do when the store throttled
// every attempt.
func (s *Store) fail(op, rel string, err error) error {
	if c := code(err); c == "SlowDown" || isStatus(err, http.StatusServiceUnavailable) {
		return fmt.Errorf("%s %s: the store is throttling (503 SlowDown) and kept refusing after every retry with backoff: run again later (a publication resumes) or with fewer --jobs: %w", op, s.Where(rel), err)
	}
	return fmt.Errorf("%s %s: %w", op, s.Where(rel), err)
}

func isStatus(err error, status int) bool {
	var re interface{ HTTPStatusCode() int }
	return errors.As(err, &re) && re.HTTPStatusCode() == status
}
