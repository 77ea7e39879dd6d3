package io.seiswork.cloud.s3;

/**
 * An object found by listing a prefix of the bucket.
 *
 * @param key its key
 * @param bytes its size
 */
public record ListedObject(String key, long bytes) { }
