package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyReader;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a velocity model (m/s) stored as SEG-Y, whole: one trace per (x, y) column, {@code nz}
 * samples per trace, placed as {@link SegyColumnPlacement} says (by inline/crossline numbers for a
 * sorted cube, else file order with x fastest). Traces are streamed one at a time into the model.
 * {@link SegyVelocityField} reads the same files a window at a time.
 */
public final class SegyVelocityReader {

    private static final Logger LOG = LoggerFactory.getLogger(SegyVelocityReader.class);

    private SegyVelocityReader() {
    }

    /**
     * @throws IllegalArgumentException when the file's trace or sample count or its cube's shape does not match
     *     the grid (a depth step other than grid.dz is logged as a warning, and the model read at grid.dz)
     * @throws io.seiswork.core.segy.SegyException when the file is not readable SEG-Y
     */
    public static VelocityModel read(Path file, Grid grid) {
        try (SegyReader r = SegyReader.open(file)) {
            SegyColumnPlacement placement = SegyColumnPlacement.of(file, r, grid);
            if (placement.depthStepNote() != null) {
                LOG.warn("{}: {}", file, placement.depthStepNote());
            }
            float[] v = new float[grid.points()];
            float[] trace = new float[grid.nz()];
            for (long t = 0; t < r.traceCount(); t++) {
                long column;
                if (placement.byNumbers()) {
                    column = placement.column(t, r.readHeaderAndTrace(t, trace));
                } else {
                    r.readTrace(t, trace);
                    column = t;
                }
                System.arraycopy(trace, 0, v, (int) column * grid.nz(), grid.nz());
            }
            return new VelocityModel(grid, v);
        }
    }
}
