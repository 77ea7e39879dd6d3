package io.seiswork.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which receivers a shot records, and what that costs a trace: a fixed spread's shots share the
 * survey's receiver list, a moving spread's pick theirs from it by index, and no shot's receivers
 * can be changed through it.
 */
class SurveyGeometryTest {

    private static List<Position> line(int n, double dx) {
        List<Position> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(new Position(i * dx, 0, 10));
        }
        return p;
    }

    @Test
    void aFixedSpreadsShotsShareTheSurveysReceivers() {
        SurveyGeometry g = SurveyGeometry.fixedSpread(line(3, 500), line(101, 10));
        List<Shot> shots = g.shots();
        assertEquals(3, shots.size());
        for (Shot s : shots) {
            assertSame(g.receivers(), s.receivers(), "shot " + s.number() + " holds the survey's list, not a copy");
        }
        assertSame(shots, g.shots(), "made once");
        assertEquals(101, g.receiverCount(1));
    }

    @Test
    void aMovingSpreadsShotPicksTheReceiversWithinItsOffsets() {
        List<Position> receivers = line(101, 10);
        SurveyGeometry g = SurveyGeometry.movingSpread(line(3, 500), receivers, 100, 300);
        for (int i = 0; i < 3; i++) {
            Shot s = g.shot(i);
            List<Position> expected = new ArrayList<>();
            for (Position r : receivers) {
                double offset = Math.abs(r.x() - s.source().x());
                if (offset >= 100 && offset <= 300) {
                    expected.add(r);
                }
            }
            assertEquals(expected, s.receivers(), "shot " + s.number());
            assertEquals(expected.size(), g.receiverCount(i));
            assertEquals(PickedPositions.class, s.receivers().getClass(), "picked by index, 4 bytes a receiver");
            assertSame(s.receivers(), new Shot(1, s.source(), s.receivers()).receivers(), "kept as it is");
            assertThrows(UnsupportedOperationException.class, () -> s.receivers().set(0, s.source()));
            assertThrows(UnsupportedOperationException.class, () -> s.receivers().add(s.source()));
        }
        // Shot 2 at 500 m: 200 .. 400 and 600 .. 800 m, 21 receivers each side.
        assertEquals(42, g.shot(1).receivers().size());
        assertThrows(IndexOutOfBoundsException.class, () -> g.shot(1).receivers().get(42));
    }

    @Test
    void cornersStandInForReceiversKnownByTheirExtent() {
        Position low = new Position(0, 0, 5);
        Position high = new Position(900, 40, 5);
        List<Position> c = FixedPositions.corners(low, high, 5);
        assertEquals(List.of(low, high, low, low, low), c);
        assertSame(c, new Shot(7, low, c).receivers());
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(5));
        assertEquals(0, FixedPositions.corners(low, high, 0).size());
    }

    /**
     * The shots without a receiver, found by the sorted, first-hit search, are exactly those whose
     * full count is zero, on scattered 3D layouts where offset windows (annuli) miss some shots.
     */
    @Test
    void theShotsWithoutReceiversAreThoseWhoseCountIsZero() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 40; trial++) {
            List<Position> sources = new ArrayList<>();
            List<Position> receivers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sources.add(new Position(random.nextDouble() * 2000, random.nextDouble() * 2000, 5));
            }
            int nr = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(60);
            for (int i = 0; i < nr; i++) {
                receivers.add(new Position(random.nextDouble() * 2000, random.nextDouble() * 2000, 10));
            }
            double min = random.nextDouble() * 1500;
            double max = random.nextBoolean() ? Double.POSITIVE_INFINITY : min + random.nextDouble() * 600;
            SurveyGeometry g = SurveyGeometry.movingSpread(sources, receivers, min, max);
            List<Integer> expected = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                if (g.receiverCount(s) == 0) {
                    expected.add(s);
                }
            }
            List<Integer> found = java.util.Arrays.stream(g.shotsWithoutReceivers()).boxed().toList();
            assertEquals(expected, found, "trial " + trial + ": offsets " + min + ".." + max + ", " + nr + " receivers");
        }
        assertEquals(0, SurveyGeometry.fixedSpread(line(3, 500), line(5, 10)).shotsWithoutReceivers().length);
        assertEquals(3, SurveyGeometry.fixedSpread(line(3, 500), List.of()).shotsWithoutReceivers().length);
    }
}
