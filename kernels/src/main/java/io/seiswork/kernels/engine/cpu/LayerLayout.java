package io.seiswork.kernels.engine.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the absorbing layers lie, as the single-pass update needs it: which x columns and y rows
 * are damped (and by which slab), the z layers, and the z range between them that the plain
 * interior stencil covers.
 *
 * <p>The single pass is used only when every z layer spans whole vectors and the widened top
 * and bottom ranges do not overlap (always so but for models a few cells deep); otherwise
 * {@link #fused()} is false and the propagator corrects the layer cells after the stencil.
 *
 * @param fused whether the single-pass update applies
 * @param xLow x slab at the low end, or null
 * @param xHigh x slab at the high end, or null
 * @param yLow y slab at the low end, or null
 * @param yHigh y slab at the high end, or null
 * @param zSlabs the z slabs (top unless under a free surface, bottom)
 * @param zMidFrom first z cell of the interior stencil's range in undamped columns
 * @param zMidTo end (exclusive) of that range
 * @param xWeights first-derivative weights along x, k = 0 .. 4
 * @param yWeights first-derivative weights along y, k = 0 .. 4
 * @param zWeights first-derivative weights along z per z slab, k = 0 .. 4
 */
record LayerLayout(boolean fused, CpmlSlab xLow, CpmlSlab xHigh, CpmlSlab yLow, CpmlSlab yHigh, CpmlSlab[] zSlabs,
        int zMidFrom, int zMidTo, float[] xWeights, float[] yWeights, float[][] zWeights) {

    /**
     * @param slabs the propagator's slabs (possibly none)
     * @param zFrom first computed z cell
     * @param zTo end (exclusive) of the computed z cells
     * @param vector whether the Vector API layer kernel is available
     */
    static LayerLayout of(CpmlSlab[] slabs, int zFrom, int zTo, boolean vector) {
        CpmlSlab xLow = null;
        CpmlSlab xHigh = null;
        CpmlSlab yLow = null;
        CpmlSlab yHigh = null;
        List<CpmlSlab> z = new ArrayList<>();
        int midFrom = zFrom;
        int midTo = zTo;
        boolean aligned = true;
        for (CpmlSlab s : slabs) {
            boolean low = s.lowSide();
            switch (s.axis()) {
                case CpmlSlab.X -> {
                    if (low) {
                        xLow = s;
                    } else {
                        xHigh = s;
                    }
                }
                case CpmlSlab.Y -> {
                    if (low) {
                        yLow = s;
                    } else {
                        yHigh = s;
                    }
                }
                default -> {
                    z.add(s);
                    aligned &= s.vectorAligned();
                    if (s.zFrom() == zFrom) {
                        midFrom = s.zTo();
                    } else {
                        midTo = s.zFrom();
                    }
                }
            }
        }
        boolean fused = vector && aligned && midFrom <= midTo;
        float[][] zw = new float[z.size()][];
        for (int k = 0; k < zw.length; k++) {
            zw[k] = z.get(k).d1Padded();
        }
        return new LayerLayout(fused, xLow, xHigh, yLow, yHigh, z.toArray(new CpmlSlab[0]), midFrom, midTo,
                xLow != null ? xLow.d1Padded() : xHigh != null ? xHigh.d1Padded() : null,
                yLow != null ? yLow.d1Padded() : yHigh != null ? yHigh.d1Padded() : null, zw);
    }

    /** First x column not in the low x layer. */
    int xInteriorFrom() {
        return xLow == null ? Integer.MIN_VALUE : xLow.layerEnd();
    }

    /** End (exclusive) of the x columns not in the high x layer. */
    int xInteriorTo() {
        return xHigh == null ? Integer.MAX_VALUE : xHigh.layerStart();
    }

    /** The x slab that damps column ix, or null. */
    CpmlSlab xSlabAt(int ix) {
        if (xLow != null && xLow.covers(ix)) {
            return xLow;
        }
        return xHigh != null && xHigh.covers(ix) ? xHigh : null;
    }

    /** The y slab that damps row iy, or null. */
    CpmlSlab ySlabAt(int iy) {
        if (yLow != null && yLow.covers(iy)) {
            return yLow;
        }
        return yHigh != null && yHigh.covers(iy) ? yHigh : null;
    }
}
