package io.seiswork.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's SHA-256 from one pass that also hands the caller every block, remembered while the file
 * is unchanged and read again once it changed, even when its size and modification time are put
 * back as they were.
 */
class FileSha256Test {

    @TempDir
    Path dir;

    @BeforeEach
    void forget() {
        FileSha256.forget();
    }

    /** Bytes over two blocks and a bit, so that blocks of every kind (whole, last and short) are read. */
    private Path file(String name, long seed) throws IOException {
        byte[] bytes = new byte[2 * Sha256Pass.BLOCK_BYTES + 12_345];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] sha256(Path file) throws IOException {
        return Sha256Pass.newSha256().digest(Files.readAllBytes(file));
    }

    @Test
    void onePassGivesTheDigestAndEveryBlockInOrder() throws IOException {
        Path file = file("a.bin", 1);
        MessageDigest again = Sha256Pass.newSha256();
        List<Long> offsets = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        byte[] digest = Sha256Pass.sha256(file, (offset, bytes, length) -> {
            offsets.add(offset);
            again.update(bytes, 0, length);
        }, (done, total) -> progress.add(new long[] {done, total}), CancellationToken.none());
        assertArrayEquals(sha256(file), digest);
        assertArrayEquals(digest, again.digest(), "the blocks given are the file's bytes, in order");
        assertEquals(List.of(0L, (long) Sha256Pass.BLOCK_BYTES, 2L * Sha256Pass.BLOCK_BYTES), offsets);
        long size = Files.size(file);
        assertEquals(3, progress.size());
        assertArrayEquals(new long[] {size, size}, progress.get(2));
        assertArrayEquals(Sha256Pass.newSha256().digest(new byte[0]), Sha256Pass.sha256(Files.write(
                dir.resolve("empty"), new byte[0]), Sha256Pass.Blocks.NONE, ByteProgress.NONE, CancellationToken.none()));
    }

    @Test
    void aFileReadIsKnownUntilItChanges() throws IOException {
        Path file = file("b.bin", 2);
        assertTrue(FileSha256.known(file).isEmpty(), "nothing known before a read");
        byte[] digest = FileSha256.read(file, Sha256Pass.Blocks.NONE, ByteProgress.NONE, CancellationToken.none());
        assertArrayEquals(digest, FileSha256.known(file).orElseThrow());
        assertArrayEquals(digest, FileSha256.known(dir.resolve(".").resolve("b.bin")).orElseThrow(),
                "the same file by another path");
        // Written again with other bytes of the same length, its modification time put back as it was: only the change
        // time says it changed, and that is enough.
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] other = Files.readAllBytes(file("c.bin", 3));
        Files.write(file, other);
        Files.setLastModifiedTime(file, modified);
        assertEquals(Files.size(file), other.length);
        assertTrue(FileSha256.known(file).isEmpty(), "a changed file is not answered from memory");
        byte[] now = FileSha256.of(file);
        assertArrayEquals(sha256(file), now, "read again");
        assertFalse(MessageDigest.isEqual(digest, now));
        assertArrayEquals(now, FileSha256.known(file).orElseThrow());
    }

    @Test
    void ofReadsAFileOnceWhileItIsUnchanged() throws IOException {
        Path file = file("d.bin", 4);
        long[] read = {0};
        FileSha256.read(file, (offset, bytes, length) -> read[0] += length, ByteProgress.NONE,
                CancellationToken.none());
        assertEquals(Files.size(file), read[0]);
        assertArrayEquals(sha256(file), FileSha256.of(file), "answered from memory, the same digest");
    }

    /**
     * The pass records, with the whole file's digest and under the same identity, the SHA-256 of
     * each part an upload by the default part size takes (64 MiB; the last part shorter), computed
     * from the same blocks: what lets the upload check every part's bytes without a second read.
     */
    @Test
    void thePassRemembersTheUploadsPartsDigestsWithTheWholeFiles() throws IOException {
        byte[] bytes = new byte[UploadPartSize.LEAST_PART_BYTES + (3 << 20) + 5];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("shots.sgy"), bytes);
        byte[] digest = FileSha256.read(file, Sha256Pass.Blocks.NONE, ByteProgress.NONE, CancellationToken.none());
        FileDigests known = FileSha256.remembered(file).orElseThrow();
        assertArrayEquals(digest, known.sha256());
        assertEquals(UploadPartSize.of(bytes.length), known.parts().partBytes());
        assertEquals(64 << 20, known.parts().partBytes());
        MessageDigest md = Sha256Pass.newSha256();
        md.update(bytes, 0, 64 << 20);
        assertArrayEquals(md.digest(), known.parts().of(0));
        md.update(bytes, 64 << 20, bytes.length - (64 << 20));
        assertArrayEquals(md.digest(), known.parts().of(1));
        assertEquals(null, known.parts().of(2), "two parts");
    }

    /** Parts of a size given, their ends inside the pass's blocks, each digest that of its bytes. */
    @Test
    void aPassGivenPartsRecordsThemAtTheirSize() throws IOException {
        Path file = file("f.bin", 6);
        byte[] bytes = Files.readAllBytes(file);
        int part = (3 << 20) + 1;  // its first two parts end inside the first two 4 MiB blocks
        PartDigests parts = new PartDigests(bytes.length, part);
        FileSha256.read(file, parts, Sha256Pass.Blocks.NONE, ByteProgress.NONE, CancellationToken.none());
        for (int i = 0; i * (long) part < bytes.length; i++) {
            int from = i * part;
            int to = Math.min(bytes.length, from + part);
            assertArrayEquals(Sha256Pass.newSha256().digest(java.util.Arrays.copyOfRange(bytes, from, to)),
                    parts.of(i), "part " + i);
        }
        assertEquals(part, FileSha256.remembered(file).orElseThrow().parts().partBytes(), "remembered with them");
    }

    @Test
    void aCancelledPassStopsAndRemembersNothing() throws IOException {
        Path file = file("e.bin", 5);
        CancellationToken cancel = new CancellationToken();
        long[] read = {0};
        assertThrows(CancelledException.class, () -> FileSha256.read(file, (offset, bytes, length) -> read[0] += length,
                (done, total) -> cancel.cancel(), cancel));
        assertEquals(Sha256Pass.BLOCK_BYTES, read[0], "stopped after the block during which it was cancelled");
        assertTrue(FileSha256.known(file).isEmpty());
    }

    @Test
    void aMissingFileIsNamedInOneLine() {
        Path missing = dir.resolve("nope.bin");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> FileSha256.of(missing));
        assertEquals("cannot read " + missing + ": no such file", e.getMessage());
    }

    @Test
    void hexOfGivesTheFipsExampleInLowerCase() throws IOException {
        // SHA-256 of "abc" (FIPS 180-2's example): the name an input of those bytes is stored under.
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileSha256.hexOf(abc));
        assertEquals(FileSha256.hexOf(abc), FileSha256.hex(FileSha256.of(abc)));
    }
}
