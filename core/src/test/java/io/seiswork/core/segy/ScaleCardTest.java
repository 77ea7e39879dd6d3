package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** A rev 1 header: C1 .. C10 text, C11 .. C37 blank, C38 text, C39 SEG Y REV1, C40 END: the last blank card above END takes it. */
    @Test
    void theRevisionCardIsKeptAndTheLastBlankCardAboveEndTakesTheCard() {
        for (String rev : new String[] {"C39 SEG Y REV1", "C39 SEG-Y_REV2.0"}) {
            String[] lines = new String[40];
            for (int i = 0; i < 10; i++) {
                lines[i] = String.format("C%2d CLIENT LINE %d", i + 1, i + 1);
            }
            for (int i = 10; i < 37; i++) {
                lines[i] = String.format("C%2d", i + 1);
            }
            lines[37] = "C38 PROCESSED BY SOMEONE";
            lines[38] = rev;
            lines[39] = "C40 END TEXTUAL HEADER";
            String text = TextHeaderCodec.fromLines(lines);
            ScaleCard.Written w = ScaleCard.write(text, 2.5, "2.5");
            assertEquals(37, w.card(), rev);
            assertNull(w.replaced());
            assertEquals("C37 SAMPLES SCALED BY 2.5 (SEISWORK CONVERT --SCALE 2.5)", card(w.text(), 37));
            for (int n = 1; n <= 40; n++) {
                if (n != 37) {
                    assertEquals(card(text, n), card(w.text(), n), "card " + n + " kept");
                }
            }
        }
    }

    /** Every card filled but C6, with a revision card and END: C6 takes the card. */
    @Test
    void aLoneBlankCardFarFromEndIsUsed() {
        String[] lines = filled();
        lines[5] = "C 6";
        ScaleCard.Written w = ScaleCard.write(TextHeaderCodec.fromLines(lines), 3, "3");
        assertEquals(6, w.card());
        assertNull(w.replaced());
        assertEquals("C39 SEG Y REV1", card(w.text(), 39));
        assertEquals("C40 END EBCDIC", card(w.text(), 40));
    }

    /** No card free, revision card on C39 and END on C40: C38 is overwritten, never the revision card or END. */
    @Test
    void withNoFreeCardTheRevisionAndEndCardsAreKept() {
        ScaleCard.Written w = ScaleCard.write(TextHeaderCodec.fromLines(filled()), 3, "3");
        assertEquals(38, w.card());
        assertEquals("C38 PROCESSING STEP 38", w.replaced());
        assertEquals("C39 SEG Y REV1", card(w.text(), 39));
        assertEquals("C40 END EBCDIC", card(w.text(), 40));
    }

    /** An END card numbered as its place, moved down one, takes the number of its new place. */
    @Test
    void anEndCardMovedDownIsRenumbered() {
        ScaleCard.Written w = ScaleCard.write(TextHeaderCodec.fromLines("C 1 A LINE", "C 2 ANOTHER", "C 3 END OF HEADER"),
                10, "10");
        assertEquals(3, w.card());
        assertEquals("C 3 SAMPLES SCALED BY 10 (SEISWORK CONVERT --SCALE 10)", card(w.text(), 3));
        assertEquals("C 4 END OF HEADER", card(w.text(), 4));
        String nine = TextHeaderCodec.fromLines("C1 A", "C2 B", "C3 C", "C4 D", "C5 E", "C6 F", "C7 G", "C8 H",
                "C9 END TEXTUAL HEADER");
        ScaleCard.Written w9 = ScaleCard.write(nine, 10, "10");
        assertEquals(9, w9.card());
        assertEquals("C10 END TEXTUAL HEADER", card(w9.text(), 10));
        assertEquals(3200, w9.text().length());
    }

    /** The END card's many spellings are recognised: the card goes just above it, not far below. */
    @Test
    void endCardSpellings() {
        for (String end : new String[] {"END HEADER", "END OF HEADER", "END TEXTUAL HEADER", "END EBCDIC",
                "END OF TEXTUAL HEADER", "END EBCDIC HEADER", "END OF EBCDIC", "END TEXT HEADER", "END"}) {
            String[] lines = new String[40];
            for (int i = 0; i < 40; i++) {
                lines[i] = String.format("C%2d", i + 1);
            }
            lines[0] = "C 1 CLIENT";
            lines[19] = "C20 " + end;
            ScaleCard.Written w = ScaleCard.write(TextHeaderCodec.fromLines(lines), 2, "2");
            assertEquals(19, w.card(), end);
        }
        String[] lines = new String[40];
        for (int i = 0; i < 40; i++) {
            lines[i] = String.format("C%2d", i + 1);
        }
        lines[19] = "C20 END OF LINE 7";  // not an END card: the last blank card takes it
        assertEquals(40, ScaleCard.write(TextHeaderCodec.fromLines(lines), 2, "2").card());
    }

    /** A card longer than 80 columns is refused, not cut short (which would cut off the factor). */
    @Test
    void aCardTooLongIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScaleCard.write(SegyWriteOptions.DEFAULT_TEXT_HEADER, 2,
                "2 AND A LONG EXPLANATION OF WHY THE FACTOR WAS CHOSEN"));
    }

    /** Cards 1 .. 38 "PROCESSING STEP n", C39 SEG Y REV1, C40 END EBCDIC. */
    private static String[] filled() {
        String[] lines = new String[40];
        for (int i = 0; i < 38; i++) {
            lines[i] = String.format("C%2d PROCESSING STEP %d", i + 1, i + 1);
        }
        lines[38] = "C39 SEG Y REV1";
        lines[39] = "C40 END EBCDIC";
        return lines;
    }
}
