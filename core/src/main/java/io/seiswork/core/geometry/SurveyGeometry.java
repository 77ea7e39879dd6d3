package io.seiswork.core.geometry;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Sources and receivers of a survey, and which receivers record which shot: all of them (fixed
 * spread) or those within an offset range of the source (moving spread).
 */
public final class SurveyGeometry {

    private final List<Position> sources;
    private final List<Position> receivers;
    private final double minOffsetM;
    private final double maxOffsetM;
    /**
     * {@link #shots()} once made, held softly: a moving spread's shots hold 4 bytes a trace, kept
     * while a run or its checks use them, given back when memory is short (a desktop keeps its
     * project's job open for hours). A race makes the same list twice, harmlessly.
     */
    private volatile SoftReference<List<Shot>> shots = new SoftReference<>(null);

    private SurveyGeometry(List<Position> sources, List<Position> receivers, double minOffsetM, double maxOffsetM) {
        this.sources = List.copyOf(sources);
        this.receivers = List.copyOf(receivers);
        this.minOffsetM = minOffsetM;
        this.maxOffsetM = maxOffsetM;
    }

    /** Every receiver records every shot. */
    public static SurveyGeometry fixedSpread(List<Position> sources, List<Position> receivers) {
        return new SurveyGeometry(sources, receivers, 0, Double.POSITIVE_INFINITY);
    }

    /** Each shot records the receivers whose horizontal offset lies in [minOffsetM, maxOffsetM]. */
    public static SurveyGeometry movingSpread(List<Position> sources, List<Position> receivers,
                                              double minOffsetM, double maxOffsetM) {
        return new SurveyGeometry(sources, receivers, minOffsetM, maxOffsetM);
    }

    public int shotCount() {
        return sources.size();
    }

    public List<Position> sources() {
        return sources;
    }

    public List<Position> receivers() {
        return receivers;
    }

    /** Whether the shots may record different receivers (a moving spread). */
    public boolean spreadMoves() {
        return minOffsetM > 0 || maxOffsetM != Double.POSITIVE_INFINITY;
    }

    /**
     * The 0-based indices of the shots that record no receiver (a moving spread whose offsets miss
     * every receiver of those shots), in order. Each shot stops at its first receiver in range, and
     * looks only at receivers within {@code maxOffsetM} in x (receivers sorted by x once), so a
     * survey whose shots all record something costs about one sort of the receivers, not shots ×
     * receivers: the check runs each time a spec is resolved, the desktop's as-you-type check too.
     */
    public int[] shotsWithoutReceivers() {
        if (!spreadMoves()) {
            return receivers.isEmpty() ? java.util.stream.IntStream.range(0, sources.size()).toArray() : new int[0];
        }
        Position[] sorted = receivers.toArray(new Position[0]);
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble(Position::x));
        int n = sorted.length;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = sorted[i].x();
        }
        var empty = java.util.stream.IntStream.builder();
        for (int s = 0; s < sources.size(); s++) {
            Position src = sources.get(s);
            double reach = maxOffsetM + 1e-9;
            int from = Double.isInfinite(reach) ? 0 : lowerBound(xs, src.x() - reach);
            boolean found = false;
            for (int i = from; i < n && !found && xs[i] <= src.x() + reach; i++) {
                double offset = src.horizontalDistanceTo(sorted[i]);
                found = offset >= minOffsetM - 1e-9 && offset <= reach;
            }
            if (!found) {
                empty.add(s);
            }
        }
        return empty.build().toArray();
    }

    /** The first index of sorted {@code xs} whose value is at least {@code x}. */
    private static int lowerBound(double[] xs, double x) {
        int lo = 0;
        int hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many receivers shot {@code index} (0-based) records: {@code shot(index).receivers().size()}, counted without building it. */
    public int receiverCount(int index) {
        if (!spreadMoves()) {
            return receivers.size();
        }
        Position s = sources.get(index);
        int n = 0;
        for (Position r : receivers) {
            double offset = s.horizontalDistanceTo(r);
            if (offset >= minOffsetM - 1e-9 && offset <= maxOffsetM + 1e-9) {
                n++;
            }
        }
        return n;
    }

    /**
     * Shot {@code index} (0-based), numbered {@code index + 1}: a fixed spread's shot holds the
     * survey's receiver list itself, a moving spread's picks from it (4 bytes a receiver,
     * {@link PickedPositions}).
     */
    public Shot shot(int index) {
        Position s = sources.get(index);
        if (!spreadMoves()) {
            return new Shot(index + 1, s, receivers);
        }
        int[] ids = new int[receivers.size()];
        int n = 0;
        for (int i = 0; i < receivers.size(); i++) {
            double offset = s.horizontalDistanceTo(receivers.get(i));
            if (offset >= minOffsetM - 1e-9 && offset <= maxOffsetM + 1e-9) {
                ids[n++] = i;
            }
        }
        return new Shot(index + 1, s, new PickedPositions(receivers, java.util.Arrays.copyOf(ids, n)));
    }

    /**
     * All shots in order, made once and kept while memory allows: the resolver, the run and the
     * views all ask, and picking a moving spread's receivers visits every receiver for every shot.
     */
    public List<Shot> shots() {
        List<Shot> made = shots.get();
        if (made == null) {
            List<Shot> out = new ArrayList<>(sources.size());
            for (int i = 0; i < sources.size(); i++) {
                out.add(shot(i));
            }
            made = List.copyOf(out);
            shots = new SoftReference<>(made);
        }
        return made;
    }
}
