package io.seiswork.core.geometry;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list of positions that cannot change, made only in this package, so that {@link Shot} keeps
 * it as it is rather than copying it: a survey has 10^8 to 10^9 traces, and a copy costs a
 * reference (4 bytes) a trace on top of whatever holds the positions.
 *
 * <p>The kinds: {@link PackedPositions} (a recorded file's receivers, 24 bytes each),
 * {@link PickedPositions} (a moving spread's receivers picked from the survey's, 4 bytes each) and
 * {@link #corners} (a planning stand-in, nothing a trace).
 */
public abstract class FixedPositions extends AbstractList<Position> implements RandomAccess {

    FixedPositions() {
    }

    /**
     * {@code count} positions, the second at {@code high} and every other at {@code low}: a shot's
     * receivers known only by their extent and number, to plan on (its window and its receiver
     * count are those of the real receivers).
     */
    public static FixedPositions corners(Position low, Position high, int count) {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return new FixedPositions() {
            @Override
            public Position get(int i) {
                Objects.checkIndex(i, count);
                return i == 1 ? high : low;
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
