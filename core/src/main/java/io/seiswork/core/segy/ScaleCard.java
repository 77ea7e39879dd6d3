package io.seiswork.core.segy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The textual-header card that records a factor the samples were multiplied by ({@code seiswork
 * segy convert --scale}), such as {@code C39 SAMPLES SCALED BY 635512.34 (SEISWORK CONVERT --SCALE
 * AUTO)}: without it the amplitudes of a file scaled to fit an integer format lose their meaning,
 * since no binary or trace header field holds such a factor. Divide the samples by it for the
 * input's values. A file scaled again keeps one card with the product of the factors.
 *
 * <p>Where the card goes, in a 40-card header: over an earlier such card; else just above the END
 * card ({@code END TEXTUAL HEADER}, {@code END EBCDIC}, {@code END OF HEADER}, ...) in the blank
 * card there, or in its place with the END card moved down into a blank card below (renumbered
 * when its "Cnn" was its place's); else in the last blank card above the END card, else in the
 * last blank card anywhere (and so, without an END card, in the last blank card). Only when no
 * card is free is one overwritten — the last above the END card (or the last, without one), but
 * never the END card nor the revision card the standard puts on card 39 ({@code SEG Y REV1},
 * {@code SEG-Y_REV2.0}) — and {@link Written#replaced()} says what it held.
 */
public final class ScaleCard {

    private static final int CARD = 80;
    private static final int CARDS = 40;

    private static final Pattern CARD_TEXT = Pattern.compile(
            "SAMPLES SCALED BY (\\S+) \\(SEISWORK CONVERT(?: --SCALE [^),]*|, (\\d+) SCALINGS)\\)");
    /**
     * The END card: "END TEXTUAL HEADER", "END EBCDIC", "END OF HEADER", "END HEADER", "END TEXT",
     * "END OF EBCDIC HEADER", "END ASCII HEADER" and the like (on the card stripped and upper-cased).
     */
    private static final Pattern END = Pattern.compile("^C ?\\d{0,2}[\\s.:-]*END\\s*(OF\\s+)?(THE\\s+)?"
            + "((TEXTUAL|TEXT|EBCDIC|ASCII|ID|IDENTIFICATION|CARD IMAGE)\\s*)*(HEADER\\b|(?<=EBCDIC|TEXT|TEXTUAL|ASCII)\\b).*"
            + "|^C ?\\d{0,2}[\\s.:-]*END\\.?$");

    /** The SEG-Y revision card the standard asks for on card 39 ("SEG Y REV1", "SEG-Y_REV2.0"): never overwritten. */
    private static final Pattern REVISION = Pattern.compile("SEG.?Y.?REV");

    /** A card's "Cnn" number. */
    private static final Pattern NUMBER = Pattern.compile("^C ?(\\d{1,2})");

    private ScaleCard() {
    }

    /**
     * A header with the card written.
     *
     * @param text the whole header (3200 characters, 40 cards of 80)
     * @param card the card's number, 1 .. 40
     * @param factor the factor the card records (the product, when the file had been scaled before)
     * @param replaced the text of a non-blank card overwritten for want of a free one, else null
     */
    public record Written(String text, int card, double factor, String replaced) {
    }

    /**
     * The factor a header records (the product of every scaling), or NaN when it has no card.
     *
     * @param text a decoded textual header
     */
    public static double factor(String text) {
        int at = find(pad(text));
        if (at < 0) {
            return Double.NaN;
        }
        Matcher m = CARD_TEXT.matcher(card(pad(text), at));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The number (1 .. 40) of the card recording a scale factor, or -1 when none does. */
    public static int cardOf(String text) {
        int at = find(pad(text));
        return at < 0 ? -1 : at + 1;
    }

    /**
     * {@code text} with the card recording that its samples were multiplied by {@code factor}.
     *
     * @param text a decoded textual header (cut or padded to 40 cards)
     * @param factor the factor (finite, &gt; 0)
     * @param option how it was chosen, as given on the command line: {@code auto} or the factor
     */
    public static Written write(String text, double factor, String option) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite and > 0, got " + factor);
        }
        StringBuilder cards = new StringBuilder(pad(text));
        int earlier = find(cards.toString());
        if (earlier >= 0) {
            Matcher m = CARD_TEXT.matcher(card(cards.toString(), earlier));
            m.find();
            double total = Double.parseDouble(m.group(1)) * factor;
            int count = (m.group(2) == null ? 1 : Integer.parseInt(m.group(2))) + 1;
            put(cards, earlier, "SAMPLES SCALED BY " + number(total) + " (SEISWORK CONVERT, " + count + " SCALINGS)");
            return new Written(cards.toString(), earlier + 1, total, null);
        }
        String line = "SAMPLES SCALED BY " + number(factor) + " (SEISWORK CONVERT --SCALE "
                + option.toUpperCase(Locale.ROOT) + ")";
        String was = cards.toString();
        int end = endCard(was);
        int at = -1;
        String replaced = null;
        if (end >= 0) {
            if (end > 0 && blank(card(was, end - 1))) {
                at = end - 1;
            } else if (end < CARDS - 1 && blank(card(was, end + 1))) {
                cards.replace((end + 1) * CARD, (end + 2) * CARD, renumbered(card(was, end), end, end + 1));
                at = end;
            } else {
                at = lastBlank(was, end - 1);
                if (at < 0) {
                    at = lastBlank(was, CARDS - 1);
                }
            }
        } else {
            at = lastBlank(was, CARDS - 1);
        }
        if (at < 0) {
            // No card free: the last ordinary card above END (or the last, without one), never END or the revision card.
            at = lastOrdinary(was, end >= 0 ? end - 1 : CARDS - 1);
            if (at < 0) {
                at = lastOrdinary(was, CARDS - 1);
            }
            if (at < 0) {
                throw new IllegalArgumentException("no card of the text header can record the scale factor: every card"
                        + " is the END card or the SEG-Y revision card");
            }
            replaced = card(was, at).strip();
        }
        put(cards, at, line);
        return new Written(cards.toString(), at + 1, factor, replaced);
    }

    /** {@code v} to 9 significant digits without trailing zeros: 635512.3400 → 635512.34, 1e9 → 1E+09. */
    public static String number(double v) {
        String s = String.format(Locale.ROOT, "%.9G", v);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    private static void put(StringBuilder cards, int at, String text) {
        String c = String.format(Locale.ROOT, "C%2d %s", at + 1, text);
        if (c.length() > CARD) {
            throw new IllegalArgumentException("text header card \"" + c + "\" has " + c.length() + " characters, more"
                    + " than a card's " + CARD + ": not written cut short");
        }
        c = c + " ".repeat(CARD - c.length());
        cards.replace(at * CARD, (at + 1) * CARD, c);
    }

    private static String pad(String text) {
        int size = CARD * CARDS;
        return text.length() >= size ? text.substring(0, size) : text + " ".repeat(size - text.length());
    }

    private static String card(String text, int i) {
        return text.substring(i * CARD, (i + 1) * CARD);
    }

    /** Whether a card holds nothing but its "Cnn" number (or not even that), spaces and NULs. */
    private static boolean blank(String card) {
        String s = card.replace('\0', ' ').strip();
        return s.isEmpty() || s.matches("C ?\\d{0,2}");
    }

    /** The last blank card at or above {@code from} (0-based), or -1. */
    private static int lastBlank(String text, int from) {
        for (int i = from; i >= 0; i--) {
            if (blank(card(text, i))) {
                return i;
            }
        }
        return -1;
    }

    /** The last card at or above {@code from} that is neither the END card nor the SEG-Y revision card, or -1. */
    private static int lastOrdinary(String text, int from) {
        for (int i = from; i >= 0; i--) {
            String c = upper(card(text, i));
            if (!END.matcher(c).matches() && !REVISION.matcher(c).find()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The END card {@code endText}, moved from card {@code from} to {@code to} (0-based): its "Cnn"
     * number made {@code to}'s when it was {@code from}'s, so that no two cards have one number;
     * a card numbered otherwise (Seiswork's own "C40 END TEXTUAL HEADER" on its fourth card) kept.
     */
    static String renumbered(String endText, int from, int to) {
        Matcher m = NUMBER.matcher(endText);
        if (!m.find() || Integer.parseInt(m.group(1)) != from + 1) {
            return endText;
        }
        String c = String.format(Locale.ROOT, "C%2d", to + 1) + endText.substring(m.end());
        if (c.length() > CARD) {
            c = c.substring(0, CARD);  // "C9 END" to "C10 END": a trailing blank goes
        }
        return c + " ".repeat(CARD - c.length());
    }

    private static String upper(String card) {
        return card.replace('\0', ' ').strip().toUpperCase(Locale.ROOT);
    }

    private static int find(String text) {
        for (int i = 0; i < CARDS; i++) {
            if (CARD_TEXT.matcher(card(text, i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private static int endCard(String text) {
        for (int i = 0; i < CARDS; i++) {
            if (END.matcher(upper(card(text, i))).matches()) {
                return i;
            }
        }
        return -1;
    }
}
