package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The units a {@code .swv} header may carry are the ones docs/formats/swv.md names. */
class SwvWriteOptionsTest {

    @Test
    void zUnitIsMetresOrSeconds() {
        assertEquals("s", SwvWriteOptions.defaults().withZUnit("s").zUnit());
        assertEquals("m", SwvWriteOptions.defaults().withZUnit("m").zUnit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SwvWriteOptions.defaults().withZUnit("ft"));
        assertEquals("z unit must be m (depth) or s (time), got \"ft\"", e.getMessage());
    }
}
