package io.seiswork.app.run;

/**
 * When a migration on the heap saves its stack to its checkpoint ({@link RunCheckpoint}): after a
 * shot, once at least {@code max(minimum, 10 × the last save's time)} has passed since the last
 * save ended (or the run began). A 3D stack is GB, written at disk speed, so saving after every
 * shot of a few minutes could cost as much as the shots; this way saving costs at most a tenth of
 * the run (a save of s seconds is followed by at least 10 s of work), and a crash loses at most the
 * shots of one interval. Cancelling and failing save regardless, so only a crash loses shots.
 */
final class CheckpointSchedule {

    /** The interval by default, seconds: a crash loses at most a minute and the shot running. */
    static final double DEFAULT_MINIMUM_S = 60;
    /**
     * System property that sets the minimum interval in seconds instead ({@code
     * SEISWORK_JAVA_OPTS=-Dseiswork.checkpoint.minimumS=600} for a run of many short shots).
     */
    static final String PROPERTY = "seiswork.checkpoint.minimumS";

    /** Work between saves per second of saving. */
    static final double WORK_PER_SAVE = 10;

    private final double minimumS;
    private long lastEndNs;
    private double lastSaveS;

    /**
     * @param minimumS the shortest interval between saves in seconds (0: after every shot)
     * @param startNs when the run began ({@link System#nanoTime()})
     */
    CheckpointSchedule(double minimumS, long startNs) {
        this.minimumS = minimumS;
        this.lastEndNs = startNs;
    }

    /**
     * The minimum interval {@value #PROPERTY} sets, else {@value #DEFAULT_MINIMUM_S} s.
     *
     * @throws IllegalArgumentException naming the property when it is not a number of seconds >= 0
     */
    static double minimumFromProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            return DEFAULT_MINIMUM_S;
        }
        try {
            double s = Double.parseDouble(v.strip());
            if (s >= 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a number of seconds >= 0, got \"" + v + "\"");
    }

    /** Whether a save is due at {@code nowNs}: always with a minimum of 0 (a save after every shot). */
    boolean due(long nowNs) {
        return minimumS == 0 || (nowNs - lastEndNs) / 1e9 >= Math.max(minimumS, WORK_PER_SAVE * lastSaveS);
    }

    /** A save ran from {@code startNs} to {@code endNs}. */
    void saved(long startNs, long endNs) {
        lastSaveS = (endNs - startNs) / 1e9;
        lastEndNs = endNs;
    }
}
