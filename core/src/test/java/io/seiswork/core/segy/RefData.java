package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the third-party reference data (system property {@code seiswork.refdata}, set by the
 * parent pom) and reads its NumPy {@code .npy} known answers.
 */
final class RefData {

    private RefData() {
    }

    /** The refdata folder; aborts the calling test (with a message, not silently) when it is missing. */
    static Path dir() {
        String prop = System.getProperty("seiswork.refdata", "../../shared/refdata");
        Path dir = Path.of(prop).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("segyio")),
                "refdata not found at " + dir + " (set -Dseiswork.refdata=...); SEG-Y reference tests not run");
        return dir;
    }

    /** A file under the refdata folder, for example {@code "segyio/small.sgy"}. */
    static Path file(String relative) {
        return dir().resolve(relative);
    }

    /** Reads a little-endian float32 NumPy v1/v2 array (the obspy known answers) as a flat array. */
    static float[] npy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all[0] != (byte) 0x93 || !new String(all, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IOException(file + " is not a .npy file");
        }
        int major = all[6];
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLen;
        String header = new String(all, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": only little-endian float32 in C order is supported, header " + header);
        }
        Matcher m = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in header " + header);
        }
        long n = 1;
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                n *= Long.parseLong(s.trim());
            }
        }
        float[] out = new float[(int) n];
        b.position(dataStart);
        b.asFloatBuffer().get(out);
        return out;
    }
}
