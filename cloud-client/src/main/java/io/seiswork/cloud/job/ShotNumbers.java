package io.seiswork.cloud.job;

import java.util.List;
import java.util.stream.Collectors;

/** Shot numbers in a line for people: a job of 20 000 shots must not print 20 000 numbers. */
public final class ShotNumbers {

    private ShotNumbers() {
    }

    /** {@code 3, 17, 418}, or the first {@code limit} of them and {@code , ...}. */
    public static String brief(List<Integer> shots, int limit) {
        return shots.stream().limit(limit).map(String::valueOf).collect(Collectors.joining(", "))
                + (shots.size() > limit ? ", ..." : "");
    }
}
