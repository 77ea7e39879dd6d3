package io.seiswork.core.volume;

/**
 * An in-memory {@link VolumeSource} over one float array per level, for volumes that fit in
 * memory (a freshly computed image, tests). Level 0 is the caller's array, indexed
 * {@code (iy · nx + ix) · nz + iz} like {@link io.seiswork.core.grid.Grid}; coarser levels are
 * built at construction with the same rule as {@code .swv} ({@link Decimation}) until the largest
 * dimension is at most {@code coarsestMax}, so the views treat both sources alike.
 */
public final class ArrayVolume implements VolumeSource {

    private final String name;
    private final VolumeAxes[] axes;
    private final float[][] data;
    private final Histogram histogram;
    private final String zUnit;
    private final String valueUnit;

    /**
     * Wraps {@code level0} (not copied) with these axes.
     *
     * @param coarsestMax pyramid levels are added while a dimension exceeds this (64 matches .swv)
     * @throws IllegalArgumentException when the array length is not nx · ny · nz
     */
    public ArrayVolume(String name, VolumeAxes axes0, float[] level0, String zUnit, String valueUnit, int coarsestMax) {
        if (level0.length != axes0.samples()) {
            throw new IllegalArgumentException(name + ": array of " + level0.length + " samples for a volume of "
                    + axes0.samples());
        }
        BrickLayout layout = BrickLayout.of(axes0.x().count(), axes0.y().count(), axes0.z().count(),
                Integer.highestOneBit(Math.max(BrickLayout.MIN_BRICK, coarsestMax)), 0);
        int levels = layout.levels().size();
        this.name = name;
        this.axes = new VolumeAxes[levels];
        this.data = new float[levels][];
        axes[0] = axes0;
        data[0] = level0;
        for (int l = 1; l < levels; l++) {
            VolumeAxes a = axes[l - 1];
            axes[l] = a.decimated();
            data[l] = new float[(int) axes[l].samples()];
            Decimation.decimate(data[l - 1], a.y().count(), a.x().count(), a.z().count(), data[l], 0);
        }
        HistogramBuilder hb = new HistogramBuilder();
        hb.add(level0, 0, level0.length);
        this.histogram = hb.build(SwvFormat.HISTOGRAM_BINS);
        this.zUnit = zUnit;
        this.valueUnit = valueUnit;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int levels() {
        return axes.length;
    }

    @Override
    public VolumeAxes axes(int level) {
        return axes[level];
    }

    @Override
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public String zUnit() {
        return zUnit;
    }

    @Override
    public String valueUnit() {
        return valueUnit;
    }

    @Override
    public Slice slice(SliceOrientation o, int index, int level) {
        VolumeSource.checkSlice(this, o, index, level);
        VolumeAxes a = axes[level];
        float[] d = data[level];
        int nx = a.x().count();
        int nz = a.z().count();
        int w = a.across(o).count();
        int h = a.down(o).count();
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int at = switch (o) {
                    case INLINE -> (index * nx + c) * nz + r;
                    case CROSSLINE -> (c * nx + index) * nz + r;
                    case DEPTH -> (r * nx + c) * nz + index;
                };
                out[r * w + c] = d[at];
            }
        }
        return new Slice(o, level, index, a.across(o), a.down(o), out);
    }

    @Override
    public void close() {
        // Nothing to release: the arrays go with the object.
    }
}
