package io.seiswork.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwvCorruptFileTest {

    @TempDir
    Path dir;

    Path file;
    long size;

    @BeforeEach
    void writeGoodFile() throws IOException {
        file = VolumeFixtures.writeSwv(dir.resolve("v.swv"), VolumeFixtures.axes(20, 10, 12),
                VolumeFixtures.random(20, 10, 12, 1), 8);
        size = Files.size(file);
    }

    private String openError() {
        return assertThrows(SwvException.class, () -> SwvReader.open(file).close()).getMessage();
    }

    @Test
    void goodFileOpens() {
        try (SwvReader r = SwvReader.open(file)) {
            assertEquals(20, r.axes(0).x().count());
        }
    }

    @Test
    void truncatedFileIsRejectedWithExpectedAndFoundSizes() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 100);
        }
        assertEquals(file + ": file is truncated (size in bytes for 20 x 10 x 12 samples in 8³ bricks, 3 levels):"
                + " expected " + size + ", found " + (size - 100), openError());
    }

    @Test
    void fileCutInsideTheHeaderIsRejected() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1000);
        }
        assertEquals(file + ": file too short for a .swv header (bytes): expected >= 65536, found 1000", openError());
    }

    @Test
    void wrongMagicIsRejectedAsNotAVolume() throws IOException {
        poke(0, "GARBAGE!".getBytes(StandardCharsets.US_ASCII));
        String m = openError();
        assertTrue(m.startsWith(file + ": not a .swv volume (magic bytes 0-7): expected 89535756"), m);
    }

    @Test
    void flippedByteInTheHeaderFailsTheChecksum() throws IOException {
        byte[] b = Files.readAllBytes(file);
        poke(SwvFormat.JSON_OFFSET + 5, new byte[] {(byte) (b[SwvFormat.JSON_OFFSET + 5] ^ 0x20)});
        String m = openError();
        assertTrue(m.contains("header is corrupted (CRC-32 of the JSON header, bytes 16-19): expected "), m);
    }

    @Test
    void headerWithInconsistentLevelsIsRejectedByField() throws IOException {
        String json = new String(header(), StandardCharsets.UTF_8).replace("\"nx\":10,", "\"nx\":11,");
        rewriteHeader(json);
        String m = openError();
        assertTrue(m.contains("header levels[1]: expected 10 x 5 x 6 at byte"), m);
        assertTrue(m.contains("found 11 x 5 x 6"), m);
    }

    @Test
    void headerWithMissingFieldNamesTheField() throws IOException {
        rewriteHeader(new String(header(), StandardCharsets.UTF_8).replace("\"dz\":", "\"dzz\":"));
        assertEquals(file + ": header field \"spacing.dz\" is missing", openError());
    }

    @Test
    void headerThatIsNotJsonIsRejected() throws IOException {
        rewriteHeader("{\"format\": \"seiswork-volume\", ");
        String m = openError();
        assertTrue(m.contains("header is not valid JSON at line 1, column "), m);
        assertTrue(!m.contains("Source") && !m.contains("REDACTED"), m);
    }

    /** A parser limit, which Jackson may give with no place, still reads after a colon. */
    @Test
    void headerPastTheParsersLimitSaysSoAfterAColon() {
        byte[] deep = ("[".repeat(1001) + "]".repeat(1001)).getBytes(StandardCharsets.UTF_8);
        SwvException e = assertThrows(SwvException.class, () -> SwvHeaderJson.read("deep.swv", deep));
        assertTrue(e.getMessage().matches("deep\\.swv: header is not valid JSON(: | at line 1, column \\d+: )nested"
                + " deeper than 1000 levels of objects and arrays"), e.getMessage());
    }

    @Test
    void writerClosedEarlyLeavesAFileThatDoesNotOpen() {
        Path partial = dir.resolve("partial.swv");
        SwvWriter w = SwvWriter.create(partial, VolumeFixtures.axes(4, 4, 4), SwvWriteOptions.defaults().withBrickSize(4));
        w.writeColumn(new float[4]);
        var e = assertThrows(SwvException.class, w::close);
        assertEquals(partial + ": volume closed before all columns were written (columns): expected 16, found 1",
                e.getMessage());
        var open = assertThrows(SwvException.class, () -> SwvReader.open(partial));
        assertTrue(open.getMessage().contains("not a .swv volume") || open.getMessage().contains("too short"),
                open.getMessage());
    }

    private byte[] header() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] json = new byte[b.getInt(12)];
        b.get(SwvFormat.JSON_OFFSET, json);
        return json;
    }

    /** Replaces the JSON header with {@code json} and a matching length and CRC, so only its content is wrong. */
    private void rewriteHeader(String json) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(j);
        ByteBuffer b = ByteBuffer.allocate(8 + j.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(j.length).putInt((int) crc.getValue()).put(j);
        poke(12, b.array());
    }

    private void poke(long at, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }
}
