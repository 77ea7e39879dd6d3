package io.seiswork.core.volume;

/**
 * A volume the viewers can slice: in memory ({@link ArrayVolume}), a local {@code .swv} file or a
 * remote one ({@link SwvReader} over any {@link ByteRangeReader}). Views take only this, so they
 * never know where samples come from.
 *
 * <p>Implementations are safe to slice from several threads at once.
 */
public interface VolumeSource extends AutoCloseable {

    /** A name for titles and messages (a file name or URI). */
    String name();

    /** Number of pyramid levels; level 0 is full resolution, each next level halves every axis. */
    int levels();

    /** The axes of level {@code level}. */
    VolumeAxes axes(int level);

    /** Value histogram of level 0 (for clipping by percentile). */
    Histogram histogram();

    /** Unit of z: "m" (depth) or "s" (time). */
    String zUnit();

    /** Unit of the samples, for example "amplitude" or "m/s". */
    String valueUnit();

    /**
     * The slice of orientation {@code o} at {@code index} (in samples of that level along the
     * slice's normal axis) of level {@code level}.
     *
     * @throws IndexOutOfBoundsException when level or index is out of range
     */
    Slice slice(SliceOrientation o, int index, int level);

    /**
     * As {@link #slice(SliceOrientation, int, int)}, giving up as soon as {@code superseded}
     * answers true: a viewer whose user has moved on (the slider dragged further) stops reading
     * a slice nobody will see instead of finishing it. A file-backed volume asks between bricks,
     * so a level-0 depth slice of thousands of bricks stops within one brick (or one run of
     * bricks) of being superseded; an in-memory volume, quick anyway, does not ask.
     *
     * @throws java.util.concurrent.CancellationException when {@code superseded} answered true
     */
    default Slice slice(SliceOrientation o, int index, int level, java.util.function.BooleanSupplier superseded) {
        return slice(o, index, level);
    }

    /**
     * The survey's inline and crossline numbers of the grid, when the volume came from a SEG-Y
     * cube that had them (a {@code .swv} converted from one keeps them); null when it has none,
     * and sections are then named by position alone.
     */
    default SegyGrid segyGrid() {
        return null;
    }

    /** Releases files and caches. */
    @Override
    void close();

    /**
     * {@code v} under another name, closed with it: a volume converted to a temporary file for
     * viewing keeps the name of the file the user gave.
     */
    static VolumeSource renamed(VolumeSource v, String name) {
        return renamed(v, name, () -> { });
    }

    /**
     * As {@link #renamed(VolumeSource, String)}, running {@code afterClose} once {@code v} is
     * closed: a temporary volume deletes its file then, rather than holding the disk until the JVM
     * exits (a viewer session may open several cubes of 100 GB).
     */
    static VolumeSource renamed(VolumeSource v, String name, Runnable afterClose) {
        return new VolumeSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int levels() {
                return v.levels();
            }

            @Override
            public VolumeAxes axes(int level) {
                return v.axes(level);
            }

            @Override
            public Histogram histogram() {
                return v.histogram();
            }

            @Override
            public String zUnit() {
                return v.zUnit();
            }

            @Override
            public String valueUnit() {
                return v.valueUnit();
            }

            @Override
            public Slice slice(SliceOrientation o, int index, int level) {
                return v.slice(o, index, level);
            }

            @Override
            public Slice slice(SliceOrientation o, int index, int level,
                    java.util.function.BooleanSupplier superseded) {
                return v.slice(o, index, level, superseded);
            }

            @Override
            public SegyGrid segyGrid() {
                return v.segyGrid();
            }

            @Override
            public void close() {
                try {
                    v.close();
                } finally {
                    afterClose.run();
                }
            }
        };
    }

    /** Checks a slice request against the axes; shared by the implementations. */
    static void checkSlice(VolumeSource v, SliceOrientation o, int index, int level) {
        if (level < 0 || level >= v.levels()) {
            throw new IndexOutOfBoundsException("level " + level + " is outside 0.." + (v.levels() - 1) + " of " + v.name());
        }
        int n = v.axes(level).normal(o).count();
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(o + " index " + index + " is outside 0.." + (n - 1) + " at level "
                    + level + " of " + v.name());
        }
    }
}
