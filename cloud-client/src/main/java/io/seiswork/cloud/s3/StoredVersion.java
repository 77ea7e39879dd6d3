package io.seiswork.cloud.s3;

/**
 * One version of a stored object, as a HEAD request gives it.
 *
 * @param size bytes
 * @param eTag S3's version tag (quoted; for a multipart upload not an MD5 of the bytes, but still
 *     a different tag for different contents)
 */
public record StoredVersion(long size, String eTag) {
}
