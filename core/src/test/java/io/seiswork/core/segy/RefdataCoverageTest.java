package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SEG-Y and SU file under refdata's {@code segyio/}, {@code obspy/} and {@code segysak/}
 * folders is listed here with what Seiswork must do with it: read it (trace count asserted, every
 * trace decoded) or reject it with a message naming the problem. The folders are enumerated, so a
 * file added to refdata without a decision here fails the test.
 */
class RefdataCoverageTest {

    /** Trace count for files that must read; "reject: fragment" for files that must be refused. */
    private static final Map<String, Object> EXPECTED = new TreeMap<>();

    static {
        for (String s : List.of("small", "small-lsb", "text-embed-null", "normal-small", "acute-small", "right-small",
                "obtuse-small", "straight-small", "reflex-small", "left-small", "inv-acute-small", "rotated-small-rev2")) {
            EXPECTED.put("segyio/" + s + ".sgy", 25L);
        }
        EXPECTED.put("segyio/small.su", 25L);
        EXPECTED.put("segyio/small-lsb.su", 25L);
        EXPECTED.put("segyio/tiny.sgy", 6L);
        EXPECTED.put("segyio/f3.sgy", 414L);
        EXPECTED.put("segyio/f3-lsb.sgy", 414L);
        for (int code : new int[] {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16}) {
            EXPECTED.put("segyio/multiformats/Format" + code + "msb.sgy", 414L);
            EXPECTED.put("segyio/multiformats/Format" + code + "lsb.sgy", 414L);
        }
        // Format 4 (fixed point with gain) is obsolete; segyio 1.8.3 warns and decodes it as IBM float.
        EXPECTED.put("segyio/multiformats/Format4msb.sgy", "reject: format code 4");
        EXPECTED.put("segyio/multiformats/Format4lsb.sgy", "reject: format code 4");
        EXPECTED.put("segyio/long.sgy", 3L);
        EXPECTED.put("segyio/interval-neg-bin-neg-trace.sgy", 1L);
        EXPECTED.put("segyio/interval-neg-bin-pos-trace.sgy", 1L);
        EXPECTED.put("segyio/interval-pos-bin-neg-trace.sgy", 1L);
        EXPECTED.put("segyio/delay-scalar.sgy", 1L);
        EXPECTED.put("segyio/text.sgy", 0L);
        EXPECTED.put("segyio/multi-text.sgy", 1L);
        EXPECTED.put("segyio/stanzas-known-count.sgy", 6L);
        EXPECTED.put("segyio/stanzas-unknown-count.sgy", 6L);
        EXPECTED.put("segyio/broken.sgy", "reject: trace size mismatch");
        for (String s : List.of("decrement", "decrement-lsb", "increment", "increment-lsb")) {
            EXPECTED.put("segyio/" + s + ".sgy", 5L);
        }
        EXPECTED.put("segyio/small-ps.sgy", 24L);
        for (String s : List.of("dec-il-inc-xl-off", "dec-il-off-inc-xl", "dec-il-xl-inc-off", "dec-il-xl-off",
                "dec-off-inc-il-xl", "dec-xl-inc-il-off", "dec-xl-off-inc-il")) {
            EXPECTED.put("segyio/small-ps-" + s + ".sgy", 24L);
        }
        EXPECTED.put("segyio/1x1.sgy", 4L);
        EXPECTED.put("segyio/1xN.sgy", 24L);
        EXPECTED.put("segyio/Mx1.sgy", 24L);
        EXPECTED.put("segyio/shot-gather.sgy", 61L);
        EXPECTED.put("segyio/trace-header-extension1.sgy", 6L);
        EXPECTED.put("segyio/trace-header-extensions.sgy", 2L);
        // XML layout stanzas (rev 2.1) are parsed; invalid ones reject the file, as segyio does.
        for (String s : List.of("default", "multiple-stanzas", "shifted", "minimal")) {
            EXPECTED.put("segyio/mapping-" + s + ".sgy", 6L);
        }
        for (String s : List.of("unparsable", "invalid-root", "invalid-attribute", "invalid-value",
                "unsupported-type", "encoding-private")) {
            EXPECTED.put("segyio/mapping-" + s + ".sgy", "reject: error parsing trace header mappings");
        }
        for (String s : List.of("all-types", "all-types-lsb", "encoding-ext1", "mixed-order", "no-extension1")) {
            EXPECTED.put("segyio/mapping-" + s + ".sgy", 2L);
        }
        // An extended header the binary header does not announce: the size does not fit (segyio fails too).
        EXPECTED.put("segyio/mapping-empty.sgy", "reject: trace size mismatch");
        for (String s : List.of("00001034.sgy_first_trace", "1.sgy_first_trace", "example.y_first_trace",
                "ld0042_file_00018.sgy_first_trace", "planes.segy_first_trace", "one_trace_year_11.sgy",
                "one_trace_year_99.sgy", "1.su_first_trace", "one_trace_year_11.su", "one_trace_year_99.su")) {
            EXPECTED.put("obspy/" + s, 1L);
        }
        EXPECTED.put("segysak/f3-withdead.sgy", 239L);
        EXPECTED.put("segysak/f3-ebcidctest.sgy", 200L);
        EXPECTED.put("segysak/volve10r12-full-z-il10117sub.sgy", 202L);
        EXPECTED.put("segysak/volve10-migvel-depth-sub3d.sgy", 936L);
    }

    private static boolean isSeismicUnix(String relative) {
        return relative.endsWith(".su") || relative.endsWith(".su_first_trace");
    }

    @Test
    void everyReferenceFileIsReadOrRejectedAsDecided() throws IOException {
        Path dir = RefData.dir();
        List<String> found = new ArrayList<>();
        for (String folder : List.of("segyio", "obspy", "segysak")) {
            try (Stream<Path> s = Files.walk(dir.resolve(folder))) {
                s.filter(Files::isRegularFile)
                        .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !p.endsWith(".npy"))
                        .forEach(found::add);
            }
        }
        List<String> undecided = found.stream().filter(f -> !EXPECTED.containsKey(f)).sorted().toList();
        if (!undecided.isEmpty()) {
            fail("refdata files with no decision in RefdataCoverageTest: " + undecided);
        }
        List<String> missing = EXPECTED.keySet().stream().filter(f -> !found.contains(f)).toList();
        assertEquals(List.of(), missing, "files expected in refdata but not found");
        float[] buffer = new float[65536];
        for (String f : found) {
            Path p = dir.resolve(f);
            SegyReadOptions options = isSeismicUnix(f) ? SegyReadOptions.seismicUnixDefaults() : SegyReadOptions.defaults();
            Object expected = EXPECTED.get(f);
            if (expected instanceof String reject) {
                SegyException e = assertThrows(SegyException.class, () -> SegyReader.open(p, options).close(), f);
                String fragment = reject.substring("reject: ".length());
                assertTrue(e.getMessage().contains(fragment) && e.getMessage().contains(p.getFileName().toString()),
                        f + ": " + e.getMessage());
            } else {
                try (SegyReader r = SegyReader.open(p, options)) {
                    assertEquals(expected, r.traceCount(), f);
                    for (long t = 0; t < r.traceCount(); t++) {
                        r.readTrace(t, buffer);
                    }
                    assertEquals(r.traceCount(), r.info().traces(), f);
                }
            }
        }
    }
}
