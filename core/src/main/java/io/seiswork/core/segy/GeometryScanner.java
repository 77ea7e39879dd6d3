package io.seiswork.core.segy;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Infers {@link SegyGeometry} by streaming over the trace headers' inline, crossline and offset
 * words (one header read per trace and pass; memory grows with the number of lines, not traces).
 *
 * <p>Pass 1 takes the cube shape from the first traces, as segyio does (offsets until the
 * position changes; which key changes next gives the sorting; the fast key's run gives the line
 * length), then checks every trace against it. If any trace disagrees, pass 2 collects the
 * ranges and distinct counts of an unstructured file with bit sets (counted only while the
 * inline × crossline range is at most {@value #MAX_COUNTED_POSITIONS} positions).
 */
final class GeometryScanner {

    /** Largest inline-range × crossline-range for which distinct positions are counted (32 MiB of bits). */
    static final long MAX_COUNTED_POSITIONS = 1L << 28;

    /** Reads the keys of one trace: {@code out[0]} inline, {@code out[1]} crossline, {@code out[2]} offset. */
    interface KeySource {
        void keys(long trace, int[] out);
    }

    private GeometryScanner() {
    }

    /** The geometry of {@code traces} traces, or null when there are none. */
    static SegyGeometry scan(KeySource src, long traces) {
        if (traces == 0) {
            return null;
        }
        SegyGeometry cube = cube(src, traces);
        return cube != null ? cube : unstructured(src, traces);
    }

    private static SegyGeometry cube(KeySource src, long traces) {
        int[] k = new int[3];
        src.keys(0, k);
        int il0 = k[0];
        int xl0 = k[1];
        int[] offsets = new int[16];
        int nOff = 0;
        long t = 0;
        while (t < traces) {
            src.keys(t, k);
            if (k[0] != il0 || k[1] != xl0) {
                break;
            }
            if (nOff == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * nOff);
            }
            offsets[nOff++] = k[2];
            t++;
        }
        if (!strictlyMonotonic(offsets, nOff)) {
            return null;
        }
        boolean inlineSorted;
        if (t == traces) {
            inlineSorted = true; // one position only: a 1 x 1 cube
        } else if (k[0] == il0 && k[1] != xl0) {
            inlineSorted = true;
        } else if (k[1] == xl0 && k[0] != il0) {
            inlineSorted = false;
        } else {
            return null;
        }
        int fastIdx = inlineSorted ? 1 : 0;
        int slowIdx = 1 - fastIdx;
        int slow0 = inlineSorted ? il0 : xl0;
        int[] fast = new int[16];
        int nFast = 0;
        for (long u = 0; u < traces; u += nOff) {
            src.keys(u, k);
            if (k[slowIdx] != slow0) {
                break;
            }
            if (nFast == fast.length) {
                fast = Arrays.copyOf(fast, 2 * nFast);
            }
            fast[nFast++] = k[fastIdx];
        }
        long perSlow = (long) nFast * nOff;
        if (traces % perSlow != 0 || !strictlyMonotonic(fast, nFast) || traces / perSlow > Integer.MAX_VALUE) {
            return null;
        }
        int nSlow = (int) (traces / perSlow);
        int[] slow = new int[nSlow];
        for (long u = 0; u < traces; u++) {
            src.keys(u, k);
            int o = (int) (u % nOff);
            int f = (int) ((u / nOff) % nFast);
            int s = (int) (u / perSlow);
            if (o == 0 && f == 0) {
                slow[s] = k[slowIdx];
            }
            if (k[2] != offsets[o] || k[fastIdx] != fast[f] || k[slowIdx] != slow[s]) {
                return null;
            }
        }
        if (!strictlyMonotonic(slow, nSlow)) {
            return null;
        }
        int[] il = inlineSorted ? slow : fast;
        int[] xl = inlineSorted ? fast : slow;
        int nIl = inlineSorted ? nSlow : nFast;
        int nXl = inlineSorted ? nFast : nSlow;
        return new SegyGeometry(
                inlineSorted ? SegyGeometry.Sorting.INLINE_SORTED : SegyGeometry.Sorting.CROSSLINE_SORTED,
                Math.min(il[0], il[nIl - 1]), Math.max(il[0], il[nIl - 1]), nIl,
                Math.min(xl[0], xl[nXl - 1]), Math.max(xl[0], xl[nXl - 1]), nXl,
                nOff, (long) nIl * nXl);
    }

    private static SegyGeometry unstructured(KeySource src, long traces) {
        int[] k = new int[3];
        int ilMin = Integer.MAX_VALUE;
        int ilMax = Integer.MIN_VALUE;
        int xlMin = Integer.MAX_VALUE;
        int xlMax = Integer.MIN_VALUE;
        for (long t = 0; t < traces; t++) {
            src.keys(t, k);
            ilMin = Math.min(ilMin, k[0]);
            ilMax = Math.max(ilMax, k[0]);
            xlMin = Math.min(xlMin, k[1]);
            xlMax = Math.max(xlMax, k[1]);
        }
        long ilSpan = (long) ilMax - ilMin + 1;
        long xlSpan = (long) xlMax - xlMin + 1;
        int nIl = -1;
        int nXl = -1;
        long occupied = -1;
        if (ilSpan * xlSpan <= MAX_COUNTED_POSITIONS) {
            BitSet ils = new BitSet((int) ilSpan);
            BitSet xls = new BitSet((int) xlSpan);
            BitSet positions = new BitSet((int) (ilSpan * xlSpan));
            for (long t = 0; t < traces; t++) {
                src.keys(t, k);
                int i = k[0] - ilMin;
                int x = k[1] - xlMin;
                ils.set(i);
                xls.set(x);
                positions.set((int) (i * xlSpan + x));
            }
            nIl = ils.cardinality();
            nXl = xls.cardinality();
            occupied = positions.cardinality();
        }
        return new SegyGeometry(SegyGeometry.Sorting.UNSTRUCTURED, ilMin, ilMax, nIl, xlMin, xlMax, nXl, -1, occupied);
    }

    private static boolean strictlyMonotonic(int[] v, int n) {
        if (n < 2) {
            return true;
        }
        boolean up = v[1] > v[0];
        for (int i = 1; i < n; i++) {
            if (up ? v[i] <= v[i - 1] : v[i] >= v[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
