package io.seiswork.app.run;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * How busy this machine was when a run-time estimate measured its engine: the operating system's
 * load average over the last minute (threads running or waiting for a core, the measurement's own
 * included) against the cores. Above the cores, other programs take turns with the run, which
 * then goes as fast as they let it, and their load may come and go: the estimate says so and gives
 * a range rather than one figure.
 *
 * @param average the one-minute load average; negative where the system does not give one
 * @param cores the processors the JVM may use
 */
public record MachineLoad(double average, int cores) {

    /** The load now. */
    public static MachineLoad now() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return new MachineLoad(os.getSystemLoadAverage(), os.getAvailableProcessors());
    }

    /** More threads want a core than there are cores (unknown: not busy). */
    public boolean busy() {
        return average > cores;
    }

    /** "load 9.8 on 2 cores". */
    public String describe() {
        return String.format(Locale.ROOT, "load %.1f on %d %s", average, cores, cores == 1 ? "core" : "cores");
    }
}
