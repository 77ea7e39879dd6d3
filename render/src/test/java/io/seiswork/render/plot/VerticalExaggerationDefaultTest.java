package io.seiswork.render.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default exaggeration from a section's shape: none up to 3:1, then 2, 5, 10, 20, 50, ... */
class VerticalExaggerationDefaultTest {

    @Test
    void aSectionUpToThreeTimesWiderThanDeepKeepsItsTrueShape() {
        assertEquals(VerticalExaggeration.TRUE, VerticalExaggeration.forSection(4000, 2000));
        assertEquals(VerticalExaggeration.TRUE, VerticalExaggeration.forSection(30_000, 10_000));
        assertEquals(VerticalExaggeration.TRUE, VerticalExaggeration.forSection(1000, 5000), "deeper than wide");
        assertEquals(VerticalExaggeration.TRUE, VerticalExaggeration.forSection(0, 5000), "no extent: no exaggeration");
    }

    @Test
    void aWideSectionGetsTheSmallestRoundFactorThatBringsItToThreeToOne() {
        assertEquals(new VerticalExaggeration(2), VerticalExaggeration.forSection(31_000, 10_000));
        assertEquals(new VerticalExaggeration(10), VerticalExaggeration.forSection(100_000, 5000), "a 20:1 2D line");
        assertEquals(new VerticalExaggeration(5), VerticalExaggeration.forSection(75_000, 5000), "15:1");
        assertEquals(new VerticalExaggeration(50), VerticalExaggeration.forSection(300_000, 2500), "120:1");
        assertEquals("VE 10:1", VerticalExaggeration.label(VerticalExaggeration.forSection(100_000, 5000).factor()));
    }
}
