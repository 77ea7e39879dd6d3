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
