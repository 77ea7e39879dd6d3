package io.seiswork.cloud.s3;

/**
 * An input file in the bucket.
 *
 * @param key its content address, {@code inputs/sha256/<hash>}
 * @param bytes its size
 * @param uploaded whether this call uploaded it (false: it was stored already)
 */
public record StoredInput(String key, long bytes, boolean uploaded) { }
