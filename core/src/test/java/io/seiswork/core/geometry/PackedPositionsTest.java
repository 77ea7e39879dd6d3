package io.seiswork.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packed positions read back bit for bit, are a list like any other, and are kept by a shot as they are. */
class PackedPositionsTest {

    private static List<Position> some(int n) {
        List<Position> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Values no float holds, and a negative zero: kept exactly.
            out.add(new Position(0.1 * i + 1e-9, -0.0 - i / 3.0, Math.PI * i));
        }
        return out;
    }

    @Test
    void positionsReadBackExactlyAfterTheArrayGrew() {
        List<Position> given = some(1000);
        PackedPositions.Builder b = new PackedPositions.Builder(1);
        given.forEach(b::add);
        PackedPositions packed = b.build();
        assertEquals(1000, packed.size());
        for (int i = 0; i < given.size(); i++) {
            assertEquals(given.get(i), packed.get(i));
            assertEquals(given.get(i).x(), packed.x(i));
            assertEquals(given.get(i).y(), packed.y(i));
        }
    }

    @Test
    void equalsAndHashCodeAreThoseOfAnyList() {
        List<Position> given = some(7);
        PackedPositions packed = PackedPositions.copyOf(given);
        assertEquals(given, packed);
        assertEquals(packed, given);
        assertEquals(given.hashCode(), packed.hashCode());
        assertEquals(List.copyOf(given.subList(2, 5)), packed.subList(2, 5));
    }

    @Test
    void itCannotBeChangedNorReadOutOfRange() {
        PackedPositions packed = PackedPositions.copyOf(some(3));
        assertThrows(UnsupportedOperationException.class, () -> packed.add(new Position(0, 0, 0)));
        assertThrows(UnsupportedOperationException.class, () -> packed.set(0, new Position(0, 0, 0)));
        assertThrows(IndexOutOfBoundsException.class, () -> packed.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> packed.x(-1));
        assertEquals(0, new PackedPositions.Builder().build().size());
    }

    @Test
    void aShotKeepsPackedReceiversAsTheyAreAndCopiesOtherLists() {
        PackedPositions packed = PackedPositions.copyOf(some(3));
        Position source = new Position(1, 2, 3);
        assertSame(packed, new Shot(1, source, packed).receivers());
        List<Position> plain = new ArrayList<>(some(3));
        Shot copied = new Shot(1, source, plain);
        plain.clear();
        assertEquals(some(3), copied.receivers(), "another list is copied, so later changes do not reach the shot");
        assertSame(packed, PackedPositions.copyOf(packed));
    }
}
