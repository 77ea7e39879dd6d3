package io.seiswork.core.geometry;

import java.util.List;

/**
 * One shot of a survey: where the source fires and which receivers record it.
 *
 * @param number shot number, 1-based (the FFID written to SEG-Y)
 * @param source source position in metres
 * @param receivers the recording receivers' positions in metres, a trace each, in trace order: a
 *     {@link FixedPositions} or an unmodifiable list ({@link List#of}, {@link List#copyOf}) is kept
 *     as it is, any other list is copied. A survey's shots hold 10^8 to 10^9 receivers in all, so
 *     a fixed spread's shots share the survey's list and a moving spread's pick from it
 *     ({@link SurveyGeometry#shot}).
 */
public record Shot(int number, Position source, List<Position> receivers) {

    public Shot {
        receivers = receivers instanceof FixedPositions ? receivers : List.copyOf(receivers);
    }
}
