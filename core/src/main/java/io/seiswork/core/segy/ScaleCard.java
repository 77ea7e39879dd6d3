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
 * card ({@code END TEXTUAL HEADER}, {@code END EBCDIC}, ...) in the blank card there, or in its
 * place with the END card moved down into a blank card below; else, without an END card, in the
 * last blank card. Only when no card is free is one overwritten (the one above the END card, or
 * the last), and {@link Written#replaced()} says what it held.
 */
public final class ScaleCard {

    private static final int CARD = 80;
    private static final int CARDS = 40;

    private static final Pattern CARD_TEXT = Pattern.compile(
            "SAMPLES SCALED BY (\\S+) \\(SEISWORK CONVERT(?: --SCALE [^),]*|, (\\d+) SCALINGS)\\)");
    private static final Pattern END = Pattern.compile("^C ?\\d{0,2}\\s*END( OF)? (TEXTUAL HEADER|EBCDIC|TEXT)\\b.*");

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
        int end = endCard(cards.toString());
        int at;
        String replaced = null;
        if (end >= 0) {
            if (end > 0 && blank(card(cards.toString(), end - 1))) {
                at = end - 1;
            } else if (end < CARDS - 1 && blank(card(cards.toString(), end + 1))) {
                String endText = card(cards.toString(), end);
                cards.replace((end + 1) * CARD, (end + 2) * CARD, endText);
                at = end;
            } else {
                at = Math.max(0, end - 1);
                replaced = card(cards.toString(), at).strip();
            }
        } else {
            at = -1;
            for (int i = CARDS - 1; i >= 0 && at < 0; i--) {
                if (blank(card(cards.toString(), i))) {
                    at = i;
                }
            }
            if (at < 0) {
                at = CARDS - 1;
                replaced = card(cards.toString(), at).strip();
            }
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
        c = c.length() > CARD ? c.substring(0, CARD) : c + " ".repeat(CARD - c.length());
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
            if (END.matcher(card(text, i).replace('\0', ' ').strip().toUpperCase(Locale.ROOT)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
