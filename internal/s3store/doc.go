// Package s3store reads and writes a Nimbus releases tree on S3-compatible object
// storage with the AWS SDK for Go v2: endpoint, region and credentials from the standard
// AWS environment and config files (plus an explicit endpoint for S3-compatible stores),
// objects written only when absent (a conditional put `If-None-Match: *` where the store
// supports it, a HEAD check otherwise), throttling (503 SlowDown) retried with backoff,
// and clear errors for missing credentials and buckets.
package s3store
