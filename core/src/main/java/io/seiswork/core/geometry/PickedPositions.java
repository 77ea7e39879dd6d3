package io.seiswork.core.geometry;

import java.util.List;
import java.util.Objects;

/**
 * Positions picked by index from a list that cannot change: the receivers a shot of a moving
 * spread records, out of the survey's, at 4 bytes each (the index) rather than a copy of each
 * position or a list of references to them.
 */
final class PickedPositions extends FixedPositions {

    private final List<Position> from;
    private final int[] picks;

    /**
     * @param from the positions picked from; an unmodifiable list ({@link List#copyOf})
     * @param picks indices into {@code from}, kept (not copied): the caller gives the array up
     */
    PickedPositions(List<Position> from, int[] picks) {
        this.from = List.copyOf(from);
        this.picks = picks;
        for (int i : picks) {
            Objects.checkIndex(i, this.from.size());
        }
    }

    @Override
    public Position get(int index) {
        return from.get(picks[Objects.checkIndex(index, picks.length)]);
    }

    @Override
    public int size() {
        return picks.length;
    }
}
