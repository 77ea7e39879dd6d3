package io.seiswork.app.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy this machine was when a run-time estimate measured its engine: the operating system's
 * load average over the last minute (threads running or waiting for a core, the measurement's own
 * included) against the cores, and the lowest and highest of its 1-, 5- and 15-minute averages.
 * Above the cores, other programs take turns with the run, which then goes as fast as they let it;
 * their load comes and goes, and the last quarter of an hour's averages show by how much it has
 * lately: the estimate's range scales the measured speed by them ({@link #timeFactor}).
 *
 * @param average the one-minute load average; negative where the system does not give one
 * @param lowest the lowest of the 1-, 5- and 15-minute load averages (the one-minute one where the
 *     system gives no others)
 * @param highest the highest of them
 * @param cores the processors the JVM may use
 */
public record MachineLoad(double average, double lowest, double highest, int cores) {

    /** Where Linux gives the 1-, 5- and 15-minute load averages. */
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    /** A load whose recent averages were all {@code average}. */
    public MachineLoad(double average, int cores) {
        this(average, average, average, cores);
    }

    /** The load now. */
    public static MachineLoad now() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        int cores = os.getAvailableProcessors();
        try {
            String[] f = Files.readString(LOADAVG, StandardCharsets.US_ASCII).trim().split("\\s+");
            double one = Double.parseDouble(f[0]);
            double five = Double.parseDouble(f[1]);
            double fifteen = Double.parseDouble(f[2]);
            return new MachineLoad(one, Math.min(one, Math.min(five, fifteen)), Math.max(one, Math.max(five, fifteen)),
                    cores);
        } catch (IOException | RuntimeException notLinux) {
            return new MachineLoad(os.getSystemLoadAverage(), cores);
        }
    }

    /** More threads want a core than there are cores (unknown: not busy). */
    public boolean busy() {
        return average > cores;
    }

    /**
     * How many times as long a run takes at load {@code load} as at the load it was measured at
     * ({@link #average}): a run on every core gets cores / max(cores, load) of the machine, so
     * max(cores, load) / max(cores, average); 1 when either load is unknown (negative). For
     * example 2 on 2 cores measured at a load of 10 and run at 20.
     */
    public double timeFactor(double load) {
        if (load < 0 || average < 0 || cores < 1) {
            return 1;
        }
        return Math.max(cores, load) / Math.max(cores, average);
    }

    /** "load 9.8 on 2 cores". */
    public String describe() {
        return String.format(Locale.ROOT, "load %.1f on %d %s", average, cores, cores == 1 ? "core" : "cores");
    }

    /** "load 9.8 on 2 cores, 5.4 to 14.2 over the last 15 minutes", the range left out when it is one figure. */
    public String describeRecent() {
        String recent = String.format(Locale.ROOT, "%.1f to %.1f", lowest, highest);
        String one = String.format(Locale.ROOT, "%.1f to %.1f", average, average);
        return recent.equals(one) || average < 0 ? describe() : describe() + ", " + recent + " over the last 15 minutes";
    }
}
