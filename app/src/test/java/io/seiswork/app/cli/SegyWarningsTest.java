package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header inconsistencies are warned of on standard error by the commands that read samples (info,
 * scan, convert), which still do their work as the binary header says; a correct file gives none.
 */
class SegyWarningsTest {

    @TempDir
    Path tmp;

    private static Path refdata(String relative) {
        return CliRefData.file(relative);
    }

    /** F3's IBM floats labelled IEEE (format code 5 at bytes 3225–3226). */
    private Path ibmLabelledIeee() throws Exception {
        byte[] all = Files.readAllBytes(refdata("segyio/multiformats/Format1msb.sgy"));
        ByteBuffer.wrap(all).putShort(3224, (short) 5);
        return Files.write(tmp.resolve("relabelled.sgy"), all);
    }

    private static void assertFormatWarning(CliRun r, Path file) {
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("seiswork: warning: " + file + ": the samples look like IBM floats (format 1), not"
                + " IEEE floats (format 5) as the binary header says"), r.err());
    }

    @Test
    void infoScanAndConvertWarnButDoTheirWork() throws Exception {
        Path file = ibmLabelledIeee();
        CliRun info = run("segy", "info", file.toString());
        assertFormatWarning(info, file);
        assertTrue(info.out().contains("Format:           ieee32 (code 5)"), "read as the header says: " + info.out());
        CliRun json = run("segy", "info", file.toString(), "--json");
        assertFormatWarning(json, file);
        assertEquals("ieee32", new ObjectMapper().readTree(json.out()).get("format").asText(), "stdout stays JSON");
        assertFormatWarning(run("segy", "scan", file.toString()), file);
        Path out = tmp.resolve("out.sgy");
        assertFormatWarning(run("segy", "convert", file.toString(), out.toString()), file);
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void aCorrectFileGivesNoWarning() {
        CliRun r = run("segy", "info", refdata("segyio/small.sgy").toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
    }
}
