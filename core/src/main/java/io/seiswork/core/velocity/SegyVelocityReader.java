package io.seiswork.core.velocity;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.SegyGeometry;
import io.seiswork.core.segy.SegyInfo;
import io.seiswork.core.segy.SegyReader;
import java.nio.file.Path;

/**
 * Reads a velocity model (m/s) stored as SEG-Y: one trace per (x, y) column, {@code nz} samples
 * per trace. A sorted inline/crossline cube is placed by its numbers (crossline → x, inline → y,
 * whichever order the traces come in); anything else is taken in file order with x fastest.
 * Traces are streamed one at a time into the model.
 */
public final class SegyVelocityReader {

    private SegyVelocityReader() {
    }

    /**
     * @throws IllegalArgumentException when the file's trace or sample count does not match the grid
     * @throws io.seiswork.core.segy.SegyException when the file is not readable SEG-Y
     */
    public static VelocityModel read(Path file, Grid grid) {
        try (SegyReader r = SegyReader.open(file)) {
            SegyInfo info = r.info();
            long columns = (long) grid.nx() * grid.ny();
            if (info.traces() != columns || info.samplesPerTrace() != grid.nz()) {
                throw new IllegalArgumentException("file " + file + " has " + info.traces() + " traces of "
                        + info.samplesPerTrace() + " samples but the grid needs " + columns + " traces (nx " + grid.nx()
                        + " x ny " + grid.ny() + ") of " + grid.nz() + " samples (nz)");
            }
            float[] v = new float[grid.points()];
            float[] trace = new float[grid.nz()];
            SegyGeometry geo = info.geometry();
            boolean placeByNumbers = geo != null && geo.isCube() && geo.offsetCount() == 1
                    && geo.crosslineCount() == grid.nx() && geo.inlineCount() == grid.ny();
            for (long t = 0; t < info.traces(); t++) {
                int ix;
                int iy;
                if (placeByNumbers) {
                    var h = r.readHeaderAndTrace(t, trace);
                    ix = lineIndex(h.getInt32(io.seiswork.core.segy.TraceHeader.CROSSLINE), geo.crosslineMin(),
                            geo.crosslineMax(), grid.nx());
                    iy = lineIndex(h.getInt32(io.seiswork.core.segy.TraceHeader.INLINE), geo.inlineMin(),
                            geo.inlineMax(), grid.ny());
                } else {
                    r.readTrace(t, trace);
                    ix = (int) (t % grid.nx());
                    iy = (int) (t / grid.nx());
                }
                System.arraycopy(trace, 0, v, grid.index(ix, iy, 0), grid.nz());
            }
            return new VelocityModel(grid, v);
        }
    }

    /** Index 0..n-1 of line number {@code value} on a regular axis from {@code min} to {@code max}. */
    private static int lineIndex(int value, int min, int max, int n) {
        return n == 1 ? 0 : (int) Math.round((double) (value - min) * (n - 1) / (max - min));
    }
}
