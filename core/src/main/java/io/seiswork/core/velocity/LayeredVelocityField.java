package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import java.util.Arrays;

/**
 * A velocity that varies with depth only (a constant, or horizontal layers): one column of
 * {@code nz} values in m/s, computed once, stands for every column of the grid, so a field over
 * billions of nodes holds {@code 4 · nz} bytes.
 */
public final class LayeredVelocityField extends ColumnVelocityField {

    /** A layer counts from its top when a node lies at most this far above it, metres (rounding of iz · dz). */
    private static final double TOP_TOLERANCE_M = 1e-9;

    private final float[] columnMps;

    /**
     * @param grid the job's grid
     * @param columnMps the velocity at each depth node, m/s, {@code grid.nz()} of them (copied)
     * @throws IllegalArgumentException when the column's length is not {@code nz}
     * @throws InvalidVelocityException when a value is not positive and finite
     */
    public LayeredVelocityField(Grid grid, float[] columnMps) {
        this(grid, columnMps.clone(), scan(grid, columnMps));
    }

    private LayeredVelocityField(Grid grid, float[] column, VelocityScan scan) {
        super(grid, scan.min(), scan.max());
        this.columnMps = column;
    }

    /** The column's range over the grid, every value checked. */
    private static VelocityScan scan(Grid grid, float[] columnMps) {
        if (columnMps.length != grid.nz()) {
            throw new IllegalArgumentException("velocity column has " + columnMps.length + " values but the grid has nz "
                    + grid.nz());
        }
        VelocityScan scan = new VelocityScan(grid);
        scan.addEveryColumn(columnMps);
        scan.requireValid();
        return scan;
    }

    /** The same velocity {@code vMps} (m/s, rounded to float) everywhere. */
    public static LayeredVelocityField constant(Grid grid, double vMps) {
        float[] column = new float[grid.nz()];
        Arrays.fill(column, (float) vMps);
        return new LayeredVelocityField(grid, column);
    }

    /**
     * Horizontal layers: the node at depth {@code iz · dz} takes the velocity of the last layer in
     * the list whose top lies at most 1 nm below it, else the first layer's.
     *
     * @param topsM each layer's top depth, metres
     * @param vMps each layer's velocity, m/s
     * @throws IllegalArgumentException when there are no layers or the two arrays differ in length
     */
    public static LayeredVelocityField layers(Grid grid, double[] topsM, double[] vMps) {
        if (topsM.length == 0 || topsM.length != vMps.length) {
            throw new IllegalArgumentException("layers need one top and one velocity each and at least one layer, got "
                    + topsM.length + " tops and " + vMps.length + " velocities");
        }
        float[] column = new float[grid.nz()];
        for (int iz = 0; iz < grid.nz(); iz++) {
            double z = iz * grid.dz();
            double vp = vMps[0];
            for (int k = 0; k < topsM.length; k++) {
                if (z >= topsM[k] - TOP_TOLERANCE_M) {
                    vp = vMps[k];
                }
            }
            column[iz] = (float) vp;
        }
        return new LayeredVelocityField(grid, column);
    }

    /** The velocity at each depth node, m/s (a copy). */
    public float[] column() {
        return columnMps.clone();
    }

    @Override
    void fill(int x0, int y0, Grid window, float[] out) {
        int nz = window.nz();
        for (int c = 0, columns = window.nx() * window.ny(); c < columns; c++) {
            System.arraycopy(columnMps, 0, out, c * nz, nz);
        }
    }
}
