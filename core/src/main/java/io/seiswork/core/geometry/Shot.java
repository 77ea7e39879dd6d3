package io.seiswork.core.geometry;

import java.util.List;

/**
 * One shot of a survey: where the source fires and which receivers record it.
 *
 * @param number shot number, 1-based (the FFID written to SEG-Y)
 * @param source source position in metres
 * @param receiverIds indices (0-based) of the recording receivers in the survey's receiver list
 * @param receivers their positions in metres, in the same order: a {@link PackedPositions} is kept
 *     as it is (immutable, 24 bytes a receiver: a recorded survey's shots hold 10^8 to 10^9), any
 *     other list is copied
 */
public record Shot(int number, Position source, int[] receiverIds, List<Position> receivers) {

    public Shot {
        if (receiverIds.length != receivers.size()) {
            throw new IllegalArgumentException("receiverIds and receivers differ in length");
        }
        receivers = receivers instanceof PackedPositions ? receivers : List.copyOf(receivers);
    }
}
