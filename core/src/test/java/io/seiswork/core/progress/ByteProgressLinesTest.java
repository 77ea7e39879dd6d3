package io.seiswork.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long pass says where it is at most once an interval and when it ends; a short one says nothing. */
class ByteProgressLinesTest {

    private static final long GIB = 1L << 30;

    @Test
    void linesAtMostOnceAnIntervalAndAtTheEnd() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        ByteProgressLines p = new ByteProgressLines("reading a.sgy", lines::add, 10, () -> now[0]);
        for (int i = 1; i <= 40; i++) {
            now[0] = i;  // a block every time unit: a line every 10
            p.onBytes(i * GIB / 10, 4 * GIB);
        }
        assertEquals(List.of("reading a.sgy: 102.4 MiB of 4.0 GiB (2 %)", "reading a.sgy: 1.1 GiB of 4.0 GiB (27 %)",
                "reading a.sgy: 2.1 GiB of 4.0 GiB (52 %)", "reading a.sgy: 3.1 GiB of 4.0 GiB (77 %)",
                "reading a.sgy: 4.0 GiB of 4.0 GiB (100 %)"), lines);
    }

    @Test
    void aSmallPassSaysNothing() {
        List<String> lines = new ArrayList<>();
        ByteProgressLines p = ByteProgressLines.every2s("uploading", lines::add);
        p.onBytes(ByteProgressLines.QUIET_BYTES, ByteProgressLines.QUIET_BYTES);
        assertEquals(List.of(), lines);
    }
}
