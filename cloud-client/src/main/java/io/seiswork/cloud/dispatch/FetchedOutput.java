package io.seiswork.cloud.dispatch;

import java.nio.file.Path;

/**
 * One output of a fetch.
 *
 * @param file where it lies
 * @param bytes its size
 * @param alreadyThere whether the folder held this version of it from an earlier fetch, so that
 *     nothing was downloaded
 */
public record FetchedOutput(Path file, long bytes, boolean alreadyThere) {
}
