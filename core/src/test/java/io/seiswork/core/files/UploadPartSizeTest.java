package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The part size of uploads against S3's limits: at most 10 000 parts of at most 5 GiB, 5 TiB an object. */
class UploadPartSizeTest {

    private static final int MIB = 1 << 20;
    private static final int LEAST = UploadPartSize.LEAST_PART_BYTES;
    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private static int part(long size) {
        return UploadPartSize.of(size, LEAST, UploadPartSize.MAX_PARTS);
    }

    @Test
    void upTo625GibTheLeastPartIsKept() {
        assertEquals(64 * MIB, part(1));
        assertEquals(64 * MIB, part(64L * MIB));
        assertEquals(64 * MIB, part(64L * MIB + 1));
        assertEquals(64 * MIB, part(100 * GIB));
        // 625 GiB is exactly 10 000 parts of 64 MiB: the most S3 takes.
        assertEquals(64 * MIB, part(625 * GIB));
        assertEquals(10_000, UploadPartSize.count(625 * GIB, part(625 * GIB)));
    }

    @Test
    void aboveIt_partsGrowByWholeMibToStayWithinTenThousand() {
        // One byte more than 625 GiB at 64 MiB would be part 10 001, which S3 refuses.
        assertEquals(65 * MIB, part(625 * GIB + 1));
        assertEquals(9_847, UploadPartSize.count(625 * GIB + 1, part(625 * GIB + 1)));
        // 1 TiB (the largest output, FetchCommand.MAX_OUTPUT_BYTES): 14 902 parts of 64 MiB before.
        assertEquals(105 * MIB, part(TIB));
        assertEquals(9_987, UploadPartSize.count(TIB, part(TIB)));
        // 5 TiB, S3's largest object: parts of 525 MiB, far below S3's 5 GiB a part.
        assertEquals(525 * MIB, part(5 * TIB));
        assertEquals(9_987, UploadPartSize.count(5 * TIB, part(5 * TIB)));
        assertTrue(part(5 * TIB) <= 5 * GIB);
    }

    @Test
    void everySizeUpTo5TibFitsS3sLimits() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long size = 1 + (long) (r.nextDouble() * 5 * TIB);
            int p = part(size);
            int count = UploadPartSize.count(size, p);
            assertTrue(count <= UploadPartSize.MAX_PARTS, size + " bytes in " + count + " parts of " + p);
            assertTrue(p >= LEAST && p % MIB == 0 && p <= 5 * GIB, size + " bytes: part " + p);
            // The least whole MiB that fits: one MiB less would take more than 10 000 parts (or be below the least).
            assertTrue(p == LEAST || UploadPartSize.count(size, p - MIB) > UploadPartSize.MAX_PARTS, size + " bytes: part " + p);
        }
    }

    @Test
    void aFileAbove5TibIsRefusedInOneLineNamingItsSizeAndTheLimit() {
        assertDoesNotThrow(() -> UploadPartSize.checkStorable("shots.sgy", 5 * TIB));
        var e = assertThrows(IllegalArgumentException.class, () -> UploadPartSize.checkStorable("shots.sgy", 6 * TIB));
        assertEquals("shots.sgy is 6.0 TiB (6,597,069,766,656 bytes), more than the 5 TiB S3 stores in one object: "
                + "split it into files of at most 5 TiB (a survey's data into several jobs)", e.getMessage());
    }
}
