package io.seiswork.cloud.s3;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A validated S3 object address, {@code s3://bucket/key}. Bucket names and keys come from users
 * and job specs, so they are checked before any request is built: a malformed name never reaches
 * the SDK, and keys that would escape a job's prefix ({@code ..} segments) or carry control
 * characters are refused.
 *
 * @param bucket bucket name: 3–63 characters of lower-case letters, digits, dots and hyphens,
 *     starting and ending with a letter or digit
 * @param key object key: 1–1024 UTF-8 bytes, no control characters, no empty, {@code .} or
 *     {@code ..} path segments, not starting with {@code /}
 */
public record S3Location(String bucket, String key) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("S3 bucket name must be 3-63 lower-case letters, digits, dots or hyphens, "
                    + "starting and ending with a letter or digit, got \"" + bucket + "\"");
        }
        if (key == null || key.isEmpty() || key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("S3 key must be 1-" + MAX_KEY_BYTES + " bytes, got "
                    + (key == null ? "none" : key.length() + " characters"));
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("S3 key must not contain control characters: \"" + key.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("S3 key must not have empty, \".\" or \"..\" segments, got \"" + key + "\"");
            }
        }
    }

    /** Parses {@code s3://bucket/key}. */
    public static S3Location parse(String uri) {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an s3:// address: \"" + uri + "\"", e);
        }
        if (!"s3".equals(u.getScheme()) || u.getHost() == null || u.getRawPath() == null || u.getRawPath().length() < 2) {
            throw new IllegalArgumentException("expected s3://bucket/key, got \"" + uri + "\"");
        }
        return new S3Location(u.getHost(), u.getPath().substring(1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
