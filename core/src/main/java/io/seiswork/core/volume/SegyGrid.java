package io.seiswork.core.volume;

import io.seiswork.core.segy.TraceHeader;

/**
 * How a volume's (x, y) grid maps to SEG-Y trace headers, kept in the {@code .swv} header so that
 * converting back to SEG-Y writes the same inline (189), crossline (193), CDP X/Y (181/185),
 * coordinate scalar (71) and sample interval (117) as the file it came from. The map is affine,
 * as it is for any regular survey grid.
 *
 * @param inlineFirst inline number of y index 0
 * @param inlineStep inline increment per y index
 * @param crosslineFirst crossline number of x index 0
 * @param crosslineStep crossline increment per x index
 * @param cdpX0 CDP X of (0, 0) in metres
 * @param cdpXPerX CDP X increment per x index (metres)
 * @param cdpXPerY CDP X increment per y index (metres)
 * @param cdpY0 CDP Y of (0, 0) in metres
 * @param cdpYPerX CDP Y increment per x index (metres)
 * @param cdpYPerY CDP Y increment per y index (metres)
 * @param coordinateScalar SEG-Y coordinate scalar (byte 71) to write
 * @param sampleIntervalUs SEG-Y sample interval in µs (for depth data, the depth step × 1000)
 */
public record SegyGrid(int inlineFirst, int inlineStep, int crosslineFirst, int crosslineStep,
        double cdpX0, double cdpXPerX, double cdpXPerY, double cdpY0, double cdpYPerX, double cdpYPerY,
        int coordinateScalar, int sampleIntervalUs) {

    /**
     * Seiswork's own convention for a grid without survey coordinates: inline = y index + 1,
     * crossline = x index + 1, CDP X/Y = the grid position in metres (ARCHITECTURE.md).
     */
    public static SegyGrid ofAxes(VolumeAxes axes, int sampleIntervalUs) {
        double maxAbs = Math.max(Math.abs(axes.x().first()) + Math.abs(axes.x().last()),
                Math.abs(axes.y().first()) + Math.abs(axes.y().last()));
        return new SegyGrid(1, 1, 1, 1, axes.x().first(), axes.x().delta(), 0, axes.y().first(), 0, axes.y().delta(),
                TraceHeader.coordinateScalarFor(maxAbs), sampleIntervalUs);
    }

    /** Inline number of y index {@code iy}. */
    public int inline(int iy) {
        return inlineFirst + iy * inlineStep;
    }

    /** Crossline number of x index {@code ix}. */
    public int crossline(int ix) {
        return crosslineFirst + ix * crosslineStep;
    }

    /** CDP X in metres of (ix, iy). */
    public double cdpX(int ix, int iy) {
        return cdpX0 + ix * cdpXPerX + iy * cdpXPerY;
    }

    /** CDP Y in metres of (ix, iy). */
    public double cdpY(int ix, int iy) {
        return cdpY0 + ix * cdpYPerX + iy * cdpYPerY;
    }
}
