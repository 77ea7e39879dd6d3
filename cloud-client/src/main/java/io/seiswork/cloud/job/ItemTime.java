package io.seiswork.cloud.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The times the job table's items hold ({@code created}, {@code updated}, a shot's {@code sent},
 * the beats), as text of one fixed width: {@code 2025-05-01T12:00:05.000Z}, UTC, to the
 * millisecond, fraction always written. DynamoDB compares strings by their bytes, in conditions
 * and in an index's sort key, and that order is time order only at one width.
 *
 * <p>Items were written with {@link Instant#toString()} before, which drops a zero fraction and
 * writes 3, 6 or 9 digits of one: {@code …:05Z} sorts after {@code …:05.500Z}, half a second
 * later. Such items stay readable ({@link #parse} takes either form), and the conditions built
 * here match and compare them exactly ({@link #equal}, {@link #before}), so a table need not be
 * rewritten; only text order within one second differs for them, which a query by
 * {@link #keyBoundBefore} and a sort after the read set right.
 */
final class ItemTime {

    /** The one form written: 24 characters for the years 0000 to 9999. */
    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ItemTime() {
    }

    /** Now, to the millisecond: what a write records, and what equals its text read back. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code time} as it is written: fixed width, its fraction of a millisecond dropped. */
    static String text(Instant time) {
        return FORM.format(time);
    }

    /** {@link #text} as an attribute value. */
    static AttributeValue value(Instant time) {
        return AttributeValue.fromS(text(time));
    }

    /** A time read from an item: the fixed form, or the {@link Instant#toString()} form of older items. */
    static Instant parse(String text) {
        return Instant.parse(text);
    }

    /**
     * The condition that {@code attribute} still holds {@code time} as it was read from the item:
     * in the fixed form, or in the one {@link Instant#toString()} gave before (the read kept every
     * digit, so that form is the text exactly). Adds {@code placeholder} and
     * {@code placeholder + "Old"} to {@code values}.
     */
    static String equal(String attribute, String placeholder, Instant time, Map<String, AttributeValue> values) {
        values.put(placeholder, value(time));
        values.put(placeholder + "Old", AttributeValue.fromS(time.toString()));
        return "(" + attribute + " = " + placeholder + " OR " + attribute + " = " + placeholder + "Old)";
    }

    /**
     * The condition that {@code attribute} holds a time before {@code time} (taken to the
     * millisecond), in either form. The text comparison alone is right for the fixed form; for the
     * older one, a whole second ({@code …:05Z}) in {@code time}'s second is before it when
     * {@code time} has a fraction, and 6 or 9 digits in {@code time}'s millisecond
     * ({@code …:05.500123Z}) are not, whatever their text says. Adds {@code placeholder},
     * {@code placeholder + "Ms"} and, when {@code time} has a fraction, {@code placeholder + "Whole"}.
     */
    static String before(String attribute, String placeholder, Instant time, Map<String, AttributeValue> values) {
        String at = text(time);
        values.put(placeholder, AttributeValue.fromS(at));
        values.put(placeholder + "Ms", AttributeValue.fromS(at.substring(0, at.length() - 1)));
        String condition = "(" + attribute + " < " + placeholder + " AND NOT begins_with(" + attribute + ", " + placeholder
                + "Ms))";
        Instant second = time.truncatedTo(ChronoUnit.SECONDS);
        if (!second.equals(time.truncatedTo(ChronoUnit.MILLIS))) {
            values.put(placeholder + "Whole", AttributeValue.fromS(second.toString()));
            condition = "(" + condition + " OR " + attribute + " = " + placeholder + "Whole)";
        }
        return condition;
    }

    /**
     * A bound for a sort key's {@code <} that every time before {@code time} is below, in either
     * form: the start of the second after {@code time}'s. A key condition has no OR; the query's
     * items are then kept by {@link #parse}d time.
     */
    static AttributeValue keyBoundBefore(Instant time) {
        return value(time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }
}
