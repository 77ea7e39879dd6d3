package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

    @Test
    void parsesBucketAndKey() {
        S3Location l = S3Location.parse("s3://seiswork-data/jobs/j-42/image/image.swv");
        assertEquals("seiswork-data", l.bucket());
        assertEquals("jobs/j-42/image/image.swv", l.key());
        assertEquals("s3://seiswork-data/jobs/j-42/image/image.swv", l.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://Upper/key", "s3://ab/key", "s3://-bucket/key", "http://bucket/key", "s3://bucket/",
        "s3://bucket/jobs/../secrets", "s3://bucket/jobs//x", "s3://bucket/./x"})
    void rejectsMalformedAddresses(String uri) {
        var e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse(uri));
        assertTrue(e.getMessage().startsWith("S3 ") || e.getMessage().startsWith("expected s3://"), e.getMessage());
    }

    @Test
    void rejectsControlCharactersAndOverlongKeys() {
        assertThrows(IllegalArgumentException.class, () -> new S3Location("bucket", "a\nb"));
        var e = assertThrows(IllegalArgumentException.class, () -> new S3Location("bucket", "k".repeat(1025)));
        assertEquals("S3 key must be 1-1024 bytes, got 1025 characters", e.getMessage());
    }
}
