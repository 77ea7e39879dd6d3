package io.seiswork.cloud.dispatch;

import io.seiswork.cloud.job.ShotAttempts;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The attempts that failed since a followed job was last read, one line each, for
 * {@code --wait} and the desktop: otherwise a shot goes from running to queued and runs again with
 * no word that its attempt failed. Each failure is told once (by its shot, attempt and error).
 * Not thread-safe: one follower reads it.
 */
public final class FailedAttempts {

    private final Set<String> told = new HashSet<>();

    /** Lines for the failures in {@code view} not told before, by shot. */
    public List<String> newLines(JobView view) {
        List<String> lines = new ArrayList<>();
        for (ShotRecord s : view.shots()) {
            if (s.error() == null || !told.add(s.shot() + "/" + s.errorAttempt() + "/" + s.error())) {
                continue;
            }
            String attempt = s.errorAttempt() > 0 ? "attempt " + s.errorAttempt() + " of " + ShotAttempts.MAX : "an attempt";
            if (s.state() == ShotState.FAILED) {
                lines.add("shot " + s.shot() + " failed for good (" + attempt + "): " + s.error());
            } else if (view.job().status().isFinal()) {
                lines.add("shot " + s.shot() + ": " + attempt + " failed: " + s.error());
            } else {
                lines.add("shot " + s.shot() + ": " + attempt + " failed, it runs again: " + s.error());
            }
        }
        return lines;
    }
}
