package io.seiswork.cloud.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The job table's times as text: one width, so that text order is time order. */
class ItemTimeTest {

    private static final Instant WHOLE = Instant.parse("2025-05-01T12:00:05Z");
    private static final Instant HALF = Instant.parse("2025-05-01T12:00:05.500Z");

    @Test
    void timesInOneSecondSortAsTextAsTheyDoInTime() {
        // As Instant.toString() wrote them, the whole second sorted after the half: "...05Z" > "...05.500Z".
        assertTrue(WHOLE.toString().compareTo(HALF.toString()) > 0, "the order this replaces");
        assertEquals("2025-05-01T12:00:05.000Z", ItemTime.text(WHOLE));
        assertEquals("2025-05-01T12:00:05.500Z", ItemTime.text(HALF));
        assertTrue(ItemTime.text(WHOLE).compareTo(ItemTime.text(HALF)) < 0);
        // Microseconds are dropped, never rounded up past a later time.
        assertEquals("2025-05-01T12:00:05.500Z", ItemTime.text(Instant.parse("2025-05-01T12:00:05.500999Z")));
        assertEquals(24, ItemTime.text(Instant.parse("0001-01-01T00:00:00Z")).length());
        assertEquals(24, ItemTime.text(Instant.parse("9999-12-31T23:59:59.999999999Z")).length());
    }

    @Test
    void bothFormsAreRead() {
        assertEquals(WHOLE, ItemTime.parse("2025-05-01T12:00:05Z"));
        assertEquals(WHOLE, ItemTime.parse("2025-05-01T12:00:05.000Z"));
        assertEquals(Instant.parse("2025-05-01T12:00:05.500123Z"), ItemTime.parse("2025-05-01T12:00:05.500123Z"));
        assertEquals(ItemTime.now(), ItemTime.parse(ItemTime.text(ItemTime.now())), "a time written reads back equal");
    }

    @Test
    void conditionsNameEveryFormTheyMatch() {
        Map<String, AttributeValue> values = new HashMap<>();
        Instant beat = Instant.parse("2025-05-01T12:00:05.123456Z");
        assertEquals("(#beat = :b OR #beat = :bOld)", ItemTime.equal("#beat", ":b", beat, values));
        assertEquals("2025-05-01T12:00:05.123Z", values.get(":b").s());
        assertEquals("2025-05-01T12:00:05.123456Z", values.get(":bOld").s(), "an older item's text exactly");

        values.clear();
        assertEquals("((#sent < :t AND NOT begins_with(#sent, :tMs)) OR #sent = :tWhole)",
                ItemTime.before("#sent", ":t", HALF, values));
        assertEquals(Map.of(":t", "2025-05-01T12:00:05.500Z", ":tMs", "2025-05-01T12:00:05.500",
                ":tWhole", "2025-05-01T12:00:05Z"), texts(values));
        values.clear();
        // On a whole second, an older item's "...05Z" is that very time: not before it.
        assertEquals("(#sent < :t AND NOT begins_with(#sent, :tMs))", ItemTime.before("#sent", ":t", WHOLE, values));
        assertEquals("2025-05-01T12:00:06.000Z", ItemTime.keyBoundBefore(HALF).s());
    }

    private static Map<String, String> texts(Map<String, AttributeValue> values) {
        Map<String, String> texts = new HashMap<>();
        values.forEach((k, v) -> texts.put(k, v.s()));
        return texts;
    }
}
