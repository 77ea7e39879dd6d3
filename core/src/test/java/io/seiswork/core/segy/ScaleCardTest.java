package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the card recording a scale factor goes in a textual header, and that it reads back. */
class ScaleCardTest {

    private static String card(String text, int n) {
        return text.substring((n - 1) * 80, n * 80).strip();
    }

    /** Cards 5 .. 39 blank, END on 40: the card goes on 39, just above END; nothing else changes. */
    @Test
    void theCardGoesInTheBlankCardAboveTheEndCard() {
        String[] lines = new String[40];
        for (int i = 0; i < 4; i++) {
            lines[i] = "C" + (i + 1) + " CLIENT LINE " + i;
        }
        for (int i = 4; i < 39; i++) {
            lines[i] = String.format("C%2d", i + 1);
        }
        lines[39] = "C40 END EBCDIC";
        String text = TextHeaderCodec.fromLines(lines);
        ScaleCard.Written w = ScaleCard.write(text, 635512.34, "auto");
        assertEquals(39, w.card());
        assertNull(w.replaced());
        assertEquals("C39 SAMPLES SCALED BY 635512.34 (SEISWORK CONVERT --SCALE AUTO)", card(w.text(), 39));
        for (int n = 1; n <= 40; n++) {
            if (n != 39) {
                assertEquals(card(text, n), card(w.text(), n), "card " + n + " kept");
            }
        }
        assertEquals(635512.34, ScaleCard.factor(w.text()), 0.0);
        assertEquals(39, ScaleCard.cardOf(w.text()));
    }

    /** Seiswork's default header (C 1 .. C 3, then END on the fourth card): the card takes END's place, END moves down. */
    @Test
    void anEndCardRightAfterTheTextMovesDownOne() {
        ScaleCard.Written w = ScaleCard.write(SegyWriteOptions.DEFAULT_TEXT_HEADER, 1000, "1000");
        assertEquals(4, w.card());
        assertEquals("C 4 SAMPLES SCALED BY 1000 (SEISWORK CONVERT --SCALE 1000)", card(w.text(), 4));
        assertEquals("C40 END TEXTUAL HEADER", card(w.text(), 5));
        assertEquals(card(SegyWriteOptions.DEFAULT_TEXT_HEADER, 3), card(w.text(), 3));
        assertEquals(3200, w.text().length());
    }

    /** A file scaled twice keeps one card, with the product of the factors. */
    @Test
    void aSecondScalingRecordsTheProduct() {
        String once = ScaleCard.write(SegyWriteOptions.DEFAULT_TEXT_HEADER, 1000, "1000").text();
        ScaleCard.Written twice = ScaleCard.write(once, 2.5, "2.5");
        assertEquals(4, twice.card());
        assertEquals("C 4 SAMPLES SCALED BY 2500 (SEISWORK CONVERT, 2 SCALINGS)", card(twice.text(), 4));
        assertEquals(2500, ScaleCard.factor(twice.text()), 0.0);
        assertEquals(7500, ScaleCard.factor(ScaleCard.write(twice.text(), 3, "3").text()), 0.0);
    }

    /** Every card filled and no END card: the last is overwritten, and what it held is said. */
    @Test
    void withNoFreeCardTheLastIsReplacedAndSaid() {
        String[] lines = new String[40];
        for (int i = 0; i < 40; i++) {
            lines[i] = String.format("C%2d PROCESSING STEP %d", i + 1, i + 1);
        }
        ScaleCard.Written w = ScaleCard.write(TextHeaderCodec.fromLines(lines), 1e-3, "0.001");
        assertEquals(40, w.card());
        assertEquals("C40 PROCESSING STEP 40", w.replaced());
        assertTrue(card(w.text(), 40).startsWith("C40 SAMPLES SCALED BY 0.001 "), card(w.text(), 40));
    }

    @Test
    void aHeaderWithoutTheCardHasNoFactor() {
        assertTrue(Double.isNaN(ScaleCard.factor(SegyWriteOptions.DEFAULT_TEXT_HEADER)));
        assertEquals(-1, ScaleCard.cardOf(SegyWriteOptions.DEFAULT_TEXT_HEADER));
    }
}
