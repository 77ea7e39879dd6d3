package io.seiswork.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A large upload's log lines: one per tenth stored or per minute, whichever first, with its rate. */
class UploadProgressLogTest {

    private static final long GIB = 1L << 30;
    private static final long S = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    @Test
    void aLineAtEachTenthStoredWithItsRate() {
        UploadProgressLog log = new UploadProgressLog("job J: storing image.sgy", lines::add, now::get);
        long total = 10 * GIB;
        // 64 MiB parts at 0.5 s each (134.2 MB/s): a tenth (1 GiB) every 8 s.
        for (long done = 64L << 20; done <= total; done += 64L << 20) {
            now.addAndGet(S / 2);
            log.onBytes(done, total);
        }
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertEquals("job J: storing image.sgy: 1.0 GiB of 10.0 GiB (10 %), 134.2 MB/s", lines.get(0));
        assertEquals("job J: storing image.sgy: 10.0 GiB of 10.0 GiB (100 %), 134.2 MB/s", lines.get(9));
    }

    @Test
    void aSlowUploadSaysSomethingEveryMinute() {
        UploadProgressLog log = new UploadProgressLog("job J: storing image.sgy", lines::add, now::get);
        long total = 100 * GIB;
        // 64 MiB every 10 s (6.7 MB/s): a tenth would take 27 minutes.
        for (int i = 1; i <= 36; i++) {
            now.addAndGet(10 * S);
            log.onBytes(i * (64L << 20), total);
        }
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals("job J: storing image.sgy: 384.0 MiB of 100.0 GiB (0 %), 6.7 MB/s", lines.get(0));
    }

    /**
     * The last part lands 0.2 s after the 90 % line: the 100 % line is said all the same, once
     * (old behaviour: the 1 s least gap was checked first and dropped it; the log ended at 90 %).
     */
    @Test
    void theEndIsSaidEvenSoonAfterTheLastLine() {
        UploadProgressLog log = new UploadProgressLog("job J: storing image.sgy", lines::add, now::get);
        long total = 10 * GIB;
        for (int tenth = 1; tenth <= 9; tenth++) {
            now.addAndGet(2 * S);
            log.onBytes(tenth * GIB, total);
        }
        now.addAndGet(S / 5);
        log.onBytes(total, total);
        now.addAndGet(S / 5);
        log.onBytes(total, total);
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertEquals("job J: storing image.sgy: 10.0 GiB of 10.0 GiB (100 %), 5368.7 MB/s", lines.get(9));
    }

    @Test
    void aSmallFileSaysNothing() {
        UploadProgressLog log = new UploadProgressLog("x", lines::add, now::get);
        long total = UploadProgressLog.LARGE_BYTES - 1;
        for (int tenth = 1; tenth <= 10; tenth++) {
            now.addAndGet(60 * S);
            log.onBytes(total * tenth / 10, total);
        }
        assertEquals(List.of(), lines);
    }
}
