package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.PartGate;
import io.seiswork.cloud.testing.UploadedParts;
import io.seiswork.core.files.FileSha256;
import io.seiswork.core.files.PartDigests;
import io.seiswork.core.files.Sha256Pass;
import io.seiswork.core.files.UploadPartSize;
import io.seiswork.core.progress.ByteProgress;
import io.seiswork.core.progress.CancellationToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The job bucket against S3Proxy, over HTTP. */
class ArtifactStoreTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackByRangesWithProgress() throws Exception {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), "store-test");
        // 5 MiB parts (S3's minimum) so a 12 MiB file takes three.
        store = new ArtifactStore(CLOUD.s3(), "store-test", 5 << 20, 2);
        byte[] data = random((12 << 20) + 17, 1);
        Path src = Files.write(dir.resolve("vp.bin"), data);
        List<Long> up = new ArrayList<>();
        store.putFile("jobs/t-1/image/image.swv", src, (done, total) -> up.add(done));
        // Three parts, two at a time, finishing in any order: the bytes done grow to the total.
        assertEquals(3, up.size());
        assertEquals(List.copyOf(new java.util.TreeSet<>(up)), up);
        assertEquals(data.length, up.get(2));
        List<Long> down = new ArrayList<>();
        Path back = dir.resolve("back.swv");
        store.getFile("jobs/t-1/image/image.swv", back, data.length, (done, total) -> down.add(done));
        assertArrayEquals(data, Files.readAllBytes(back));
        assertEquals(3, down.size());
        assertFalse(Files.exists(dir.resolve("back.swv.part")));
    }

    /**
     * An upload's parts are read from the file as they are sent, so large parts go as many at
     * once as small ones: here four of 8 MiB (S3's 10 000 parts lowered to 5, as a 5 TiB file
     * takes 525 MiB), each held in flight a MiB in until all four are, and the object stored is
     * the file byte for byte. The file's bytes past each held part's first 2 MiB are written
     * anew while the parts are held: the object has the new ones, so nothing of a part was read
     * (and held in memory) beyond the MiB sent and a read ahead of it under a MiB. A part read
     * whole before it is sent, as before, stores the old bytes. (Stored by {@code putFile}: an
     * input, named by its content, refuses bytes written during its upload.)
     */
    @Test
    void anUploadOfLargePartsKeepsFourInFlight() throws Exception {
        PartGate gate = new PartGate(1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(gate)) {
            String bucket = "store-test-four-large";
            ArtifactStore.createIfMissing(s3, bucket);
            ArtifactStore store = new ArtifactStore(s3, bucket, 5 << 20, 4, 5);
            byte[] data = random((40 << 20) - 7, 41);  // 5 parts of 8 MiB, the last 7 bytes short
            Path model = Files.write(dir.resolve("vp.bin"), data);
            var uploading = CompletableFuture.runAsync(() -> store.putFile("jobs/t-4/image/image.swv", model,
                    TransferProgress.NONE));
            int part = 8 << 20;
            try {
                // Part 1 goes through whole; parts 2 to 5 are then all in flight at once.
                gate.awaitHeld(4, 60);
                byte[] anew = random(part - (2 << 20), 43);
                try (var ch = java.nio.channels.FileChannel.open(model, java.nio.file.StandardOpenOption.WRITE)) {
                    for (int p = 1; p < 5; p++) {
                        int from = p * part + (2 << 20);
                        int n = Math.min(anew.length, data.length - from);
                        System.arraycopy(anew, 0, data, from, n);
                        ch.write(java.nio.ByteBuffer.wrap(anew, 0, n), from);
                    }
                }
            } finally {
                gate.open();
            }
            uploading.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(4, gate.held());
            assertEquals(5, gate.uploadedParts());
            assertArrayEquals(data, store.getBytes("jobs/t-4/image/image.swv", data.length),
                    "the bytes as the file held them when sent");
        }
    }

    /**
     * A part whose connection breaks a MiB into its body is sent again by the SDK's retry, from
     * its first byte (its body reads the file afresh for each attempt): the object stored is the
     * file byte for byte, of as many parts as the file has.
     */
    @Test
    void aPartThatFailsOnceIsRetriedFromTheFile() throws Exception {
        BreakOnce breakOnce = new BreakOnce(2, 1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(breakOnce)) {
            ArtifactStore store = inSmallParts(s3, "store-test-retry");
            byte[] data = random((14 << 20) + 9, 42);  // 3 parts of 5 MiB, the last of 4 MiB + 9
            Path file = Files.write(dir.resolve("image.swv"), data);
            store.putFile("jobs/t-6/image/image.swv", file, TransferProgress.NONE);
            assertTrue(breakOnce.broke(), "part 2's first body broke");
            assertTrue(breakOnce.attempts() >= 2, "part 2 was sent again: " + breakOnce.attempts() + " attempts");
            assertArrayEquals(data, store.getBytes("jobs/t-6/image/image.swv", data.length));
        }
    }

    /**
     * A file shortened while it goes up fails its upload at once, saying so: the part that finds
     * the file's end is not sent again (each attempt would find it too), as it was when its body
     * threw an {@link java.io.IOException}, which the SDK retries.
     */
    @Test
    void aFileShortenedDuringItsUploadFailsAtOnceSayingSo() throws Exception {
        Path file = Files.write(dir.resolve("vp.bin"), random((7 << 20) + 3, 44));  // parts of 5 MiB and 2 MiB + 3
        ShortenAtPart shorten = new ShortenAtPart(file, 2, (5 << 20) + 1024);
        try (S3Client s3 = CLOUD.s3SeenBy(shorten)) {
            ArtifactStore store = inSmallParts(s3, "store-test-shortened");
            var e = assertThrows(RuntimeException.class,
                    () -> store.putFile("jobs/t-7/image/image.swv", file, TransferProgress.NONE));
            assertEquals("the file ended at byte 5243904 while uploading vp.bin, part 2 of 2: it was shortened during "
                    + "the upload", e.getMessage());
            assertEquals(1, shorten.bodies(), "part 2's body was read once: no retry");
        }
    }

    /** Shortens a file to {@code length} bytes as the body of part {@code partNumber} is first read, and counts its reads. */
    private static final class ShortenAtPart implements ExecutionInterceptor {
        private final Path file;
        private final int partNumber;
        private final long length;
        private final java.util.concurrent.atomic.AtomicInteger bodies = new java.util.concurrent.atomic.AtomicInteger();

        ShortenAtPart(Path file, int partNumber, long length) {
            this.file = file;
            this.partNumber = partNumber;
            this.length = length;
        }

        /** Streams of the part's body opened (each attempt opens one, or more). */
        int bodies() {
            return bodies.get();
        }

        @Override
        public java.util.Optional<software.amazon.awssdk.core.sync.RequestBody> modifyHttpContent(
                Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            var body = context.requestBody();
            if (!(context.request() instanceof software.amazon.awssdk.services.s3.model.UploadPartRequest part)
                    || part.partNumber() != partNumber || body.isEmpty()) {
                return body;
            }
            var sent = body.get();
            return java.util.Optional.of(software.amazon.awssdk.core.sync.RequestBody.fromContentProvider(() -> {
                bodies.incrementAndGet();
                try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(length);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return sent.contentStreamProvider().newStream();
            }, sent.optionalContentLength().orElseThrow(), sent.contentType()));
        }
    }

    /**
     * Breaks the first body stream of one part of a multipart upload {@code failAfter} bytes in,
     * by an {@link java.io.IOException} as a reset connection gives, and counts the attempts at
     * sending that part.
     */
    private static final class BreakOnce implements ExecutionInterceptor {
        private final int partNumber;
        private final long failAfter;
        private final java.util.concurrent.atomic.AtomicBoolean broke = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        BreakOnce(int partNumber, long failAfter) {
            this.partNumber = partNumber;
            this.failAfter = failAfter;
        }

        boolean broke() {
            return broke.get();
        }

        int attempts() {
            return attempts.get();
        }

        private boolean mine(software.amazon.awssdk.core.SdkRequest request) {
            return request instanceof software.amazon.awssdk.services.s3.model.UploadPartRequest part
                    && part.partNumber() == partNumber;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (mine(context.request())) {
                attempts.incrementAndGet();
            }
        }

        @Override
        public java.util.Optional<software.amazon.awssdk.core.sync.RequestBody> modifyHttpContent(
                Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            var body = context.requestBody();
            if (!mine(context.request()) || body.isEmpty()) {
                return body;
            }
            var sent = body.get();
            return java.util.Optional.of(software.amazon.awssdk.core.sync.RequestBody.fromContentProvider(() -> {
                java.io.InputStream in = sent.contentStreamProvider().newStream();
                return broke.compareAndSet(false, true) ? new java.io.FilterInputStream(in) {
                    private long passed;

                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        if (passed >= failAfter) {
                            throw new java.io.IOException("connection reset");
                        }
                        int n = in.read(b, off, (int) Math.min(len, failAfter - passed));
                        passed += Math.max(n, 0);
                        return n;
                    }
                } : in;
            }, sent.optionalContentLength().orElseThrow(), sent.contentType()));
        }
    }

    /**
     * A download that broke after two of its five parts goes on from there: the progress starts
     * at the two parts' bytes and only three more parts come. The same file of another object
     * (replaced under the key since) starts afresh, and comes down whole.
     */
    @Test
    void aBrokenDownloadGoesOnWhereItStoppedUnlessTheObjectChanged() throws Exception {
        ArtifactStore.createIfMissing(CLOUD.s3(), "store-test-resume");
        ArtifactStore store = new ArtifactStore(CLOUD.s3(), "store-test-resume", 5 << 20, 1);
        String key = "jobs/t-3/image/image.sgy";
        byte[] data = random((23 << 20) + 5, 3);
        store.putFile(key, Files.write(dir.resolve("src.sgy"), data), (done, total) -> { });
        Path out = dir.resolve("image.sgy");
        int[] parts = {0};
        var broken = assertThrows(IllegalStateException.class, () -> store.getFile(key, out, data.length, (done, total) -> {
            if (++parts[0] == 2) {
                throw new IllegalStateException("connection reset");
            }
        }));
        assertEquals("connection reset", broken.getMessage());
        assertFalse(Files.exists(out), "no file under the real name until it is whole");
        assertTrue(Files.exists(dir.resolve("image.sgy.part.json")), "what is on disk is recorded");

        List<Long> resumed = new ArrayList<>();
        StoredVersion downloaded = store.getFile(key, out, data.length, (done, total) -> resumed.add(done));
        assertArrayEquals(data, Files.readAllBytes(out));
        // Two parts were recorded before the break (the part after it may have been too, before
        // the pool stopped): the download starts from them and fetches only the others.
        long kept = resumed.get(0);
        assertTrue(kept == 10L << 20 || kept == 15L << 20, "bytes already there: " + kept);
        assertEquals(1 + 5 - kept / (5 << 20), resumed.size(), "then only the other parts");
        assertEquals(data.length, resumed.get(3));
        assertFalse(Files.exists(dir.resolve("image.sgy.part")));
        assertFalse(Files.exists(dir.resolve("image.sgy.part.json")));
        assertEquals(downloaded, store.version(key).orElseThrow());

        // Broken again, then the object replaced: the record is of another version, so all five parts come.
        parts[0] = 0;
        assertThrows(IllegalStateException.class, () -> store.getFile(key, out, data.length, (done, total) -> {
            if (++parts[0] == 3) {
                throw new IllegalStateException("connection reset");
            }
        }));
        byte[] other = random(data.length, 4);
        store.putFile(key, Files.write(dir.resolve("src.sgy"), other), (done, total) -> { });
        List<Long> fresh = new ArrayList<>();
        store.getFile(key, out, data.length, (done, total) -> fresh.add(done));
        assertEquals(5, fresh.size());
        assertArrayEquals(other, Files.readAllBytes(out));
        assertTrue(store.version("jobs/t-3/none").isEmpty());
    }

    /**
     * An input upload that broke after two of its five parts goes on with the same multipart
     * upload when submitted again: three more parts go up, and the stored object is the file.
     */
    @Test
    void aBrokenInputUploadGoesOnWithThePartsS3Holds() throws Exception {
        UploadedParts uploadedParts = new UploadedParts();
        try (S3Client counting = CLOUD.s3SeenBy(uploadedParts)) {
            ArtifactStore.createIfMissing(counting, "store-test-upload");
            ArtifactStore store = new ArtifactStore(counting, "store-test-upload", 5 << 20, 1);
            byte[] data = random((23 << 20) + 11, 5);
            Path model = Files.write(dir.resolve("vp.bin"), data);
            breakUploadAfter(store, model, 2);
            // The part after the one that broke may have gone up too before the pool stopped.
            int sentBefore = uploadedParts.count();
            assertTrue(sentBefore == 2 || sentBefore == 3, "parts sent before the break: " + sentBefore);
            String key = ObjectKeys.input(FileSha256.hexOf(model));
            assertEquals(-1, store.sizeOf(key), "nothing stored until the upload completes");
            var unfinished = counting.listMultipartUploads(r -> r.bucket("store-test-upload").prefix(key)).uploads();
            assertEquals(1, unfinished.size(), "the broken upload is kept for the next attempt");
            int held = counting.listParts(r -> r.bucket("store-test-upload").key(key)
                    .uploadId(unfinished.get(0).uploadId())).parts().size();
            assertEquals(sentBefore, held);

            List<Long> progress = new ArrayList<>();
            StoredInput stored = store.putInput(model, (done, total) -> progress.add(done));
            assertEquals(new StoredInput(key, data.length, true), stored);
            assertEquals(sentBefore + 5 - held, uploadedParts.count(), "the parts S3 held were not sent again");
            assertEquals(5, progress.size());
            assertEquals(data.length, progress.get(4));
            assertArrayEquals(data, store.getBytes(key, data.length));
        }
    }

    /**
     * A file too large for S3's parts at the least part size takes larger parts, whole MiB, and
     * an upload of it that broke goes on with the parts S3 holds, of that same size: here S3's
     * 10 000 parts lowered to 3, so that 20 MiB take three parts of 7 MiB (above the 5 MiB least),
     * as 1 TiB takes 9 987 of 105 MiB.
     */
    @Test
    void aFileAboveTheLeastPartsReachTakesLargerPartsAndResumesWithThem() throws Exception {
        UploadedParts uploadedParts = new UploadedParts();
        try (S3Client counting = CLOUD.s3SeenBy(uploadedParts)) {
            String bucket = "store-test-large-parts";
            ArtifactStore.createIfMissing(counting, bucket);
            ArtifactStore store = new ArtifactStore(counting, bucket, 5 << 20, 1, 3);
            byte[] data = random((20 << 20) + 3, 31);
            Path model = Files.write(dir.resolve("data.sgy"), data);
            breakUploadAfter(store, model, 1);
            String key = ObjectKeys.input(FileSha256.hexOf(model));
            var unfinished = counting.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads();
            assertEquals(1, unfinished.size(), "the broken upload is kept for the next attempt");
            var held = counting.listParts(r -> r.bucket(bucket).key(key).uploadId(unfinished.get(0).uploadId())).parts();
            int sentBefore = uploadedParts.count();
            assertTrue(sentBefore == 1 || sentBefore == 2, "parts sent before the break: " + sentBefore);
            assertEquals(sentBefore, held.size());
            assertEquals(1, held.get(0).partNumber());
            assertEquals(7L << 20, held.get(0).size(), "parts of ceil(20 MiB / 3) rounded up to a whole MiB");

            List<Long> progress = new ArrayList<>();
            StoredInput stored = store.putInput(model, (done, total) -> progress.add(done));
            assertEquals(new StoredInput(key, data.length, true), stored);
            assertEquals(List.of(7L << 20, 14L << 20, (long) data.length), progress, "three parts of 7 MiB, the last 6 MiB + 3");
            assertEquals(sentBefore + 3 - held.size(), uploadedParts.count(), "the parts S3 held were not sent again");
            assertArrayEquals(data, store.getBytes(key, data.length));
            assertTrue(counting.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads().isEmpty());
        }
    }

    /**
     * A byte of an input written while its upload runs (in part 4 of 4, not yet sent, while parts
     * 2 and 3 are held in flight) fails the upload at once, saying so: the part's bytes are not
     * those hashed for the key. Nothing is stored under the key and the multipart upload is
     * aborted, so the file submitted again, its byte put back or as changed, is stored whole under
     * the key of its bytes; before, the changed bytes were stored under the old key, and every
     * later upload found an object of that size there and sent nothing.
     */
    @Test
    void anInputChangedDuringItsUploadIsNotStoredUnderItsKey() throws Exception {
        byte[] data = random((18 << 20) + 3, 45);  // 4 parts of 5 MiB, the last of 3 MiB + 3
        Path model = Files.write(dir.resolve("vp.bin"), data);
        String key = ObjectKeys.input(InputStore.sha256(data));
        io.seiswork.core.files.FileSha256.forget();  // hashed by the upload's own read, which keeps each part's digest
        assertChangedDuringUploadFails(model, key, "store-test-changed", "uploading vp.bin, part 4 of 4");
        ArtifactStore store = inSmallParts(CLOUD.s3(), "store-test-changed");
        byte[] changed = Files.readAllBytes(model);
        assertEquals(new StoredInput(ObjectKeys.input(InputStore.sha256(changed)), changed.length, true),
                store.putInput(model, TransferProgress.NONE), "the file as changed, under its own key");
        assertArrayEquals(changed, store.getBytes(ObjectKeys.input(InputStore.sha256(changed)), changed.length));
        Files.write(model, data);
        assertEquals(new StoredInput(key, data.length, true), store.putInput(model, TransferProgress.NONE),
                "the byte put back: uploaded, not taken for stored");
        assertArrayEquals(data, store.getBytes(key, data.length));
    }

    /**
     * As {@link #anInputChangedDuringItsUploadIsNotStoredUnderItsKey}, the input's SHA-256
     * remembered from an earlier read (a submission's pass over its data file), whose parts'
     * digests are of the default part size (one part of 18 MiB), not this store's 5 MiB: the
     * file's identity (its change time) says it was written, and the upload is aborted before it
     * is completed.
     */
    @Test
    void anInputHashedEarlierAndChangedDuringItsUploadIsNotStored() throws Exception {
        byte[] data = random((18 << 20) + 3, 46);
        Path model = Files.write(dir.resolve("vp.bin"), data);
        String key = ObjectKeys.input(FileSha256.hexOf(model));  // remembered while the file is unchanged
        assertChangedDuringUploadFails(model, key, "store-test-changed-known", "uploading vp.bin");
        Files.write(model, data);
        ArtifactStore store = inSmallParts(CLOUD.s3(), "store-test-changed-known");
        assertEquals(new StoredInput(key, data.length, true), store.putInput(model, TransferProgress.NONE));
        assertArrayEquals(data, store.getBytes(key, data.length));
    }

    /**
     * An input whose SHA-256 was remembered from an earlier pass (a submission's over its data
     * file) that recorded each part's digest at the part size of the upload: a byte of a part not
     * yet sent, written during the upload with the file's modification time put back, fails that
     * part as it is sent, nothing stored under the key, the multipart upload aborted. Before, no
     * part's digest was known on this path, and only the file's identity was checked once every
     * part was sent: a write its times do not show (within their resolution, or with no change
     * time) was stored under the key.
     */
    @Test
    void anInputHashedEarlierWithItsPartsAndChangedKeepingItsTimeIsRefusedAtThatPart() throws Exception {
        Path model = passedAtUploadParts(49);
        assertChangedDuringUploadFails(model, ObjectKeys.input(InputStore.sha256(Files.readAllBytes(model))),
                "store-test-changed-known-parts", "uploading vp.bin, part 4 of 4");
    }

    /**
     * An unchanged input whose SHA-256 and parts' digests were remembered from an earlier pass
     * goes up with no second read for its hash (the hashing progress never called), its parts
     * checked against those digests, and is stored once: even when its times change during the
     * upload (a {@code touch}, a copy tool setting them), which its bytes do not. Before, the
     * upload checked the file's identity and refused it.
     */
    @Test
    void anInputHashedEarlierWithItsPartsGoesUpWithoutASecondReadEvenWhenTouched() throws Exception {
        Path model = passedAtUploadParts(50);
        byte[] data = Files.readAllBytes(model);
        String key = ObjectKeys.input(InputStore.sha256(data));
        List<Long> hashed = java.util.Collections.synchronizedList(new ArrayList<>());
        PartGate gate = new PartGate(1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(gate)) {
            ArtifactStore store = inSmallParts(s3, "store-test-known-parts-touched");
            var uploading = CompletableFuture.supplyAsync(() -> store.putInput(model,
                    (done, total) -> hashed.add(done), TransferProgress.NONE, CancellationToken.none()));
            try {
                gate.awaitHeld(2, 60);
                Files.setLastModifiedTime(model, FileTime.from(java.time.Instant.now().plusSeconds(60)));
            } finally {
                gate.open();
            }
            assertEquals(new StoredInput(key, data.length, true), uploading.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of(), hashed, "no read for its hash: the remembered digests checked every part");
            assertArrayEquals(data, store.getBytes(key, data.length));
            assertEquals(new StoredInput(key, data.length, false), store.putInput(model, TransferProgress.NONE),
                    "stored once");
        }
    }

    /**
     * A store of the default part size uploads in the parts whose digests a submission's pass
     * over a file records ({@link FileSha256#read}), whatever the file's size: else the pass's
     * digests would go unused and every such upload be checked by the file's identity alone.
     */
    @Test
    void theDefaultStoreUploadsInThePartsASubmissionsPassRecords() {
        // The uploads of a store made by ArtifactStore(s3, bucket): its defaults and S3's 10 000 parts.
        FileUploads uploads = new FileUploads(CLOUD.s3(), new BucketObjects(CLOUD.s3(), "store-test-default-parts"),
                ArtifactStore.DEFAULT_PART_BYTES, ArtifactStore.DEFAULT_PARALLEL_PARTS, UploadPartSize.MAX_PARTS);
        for (long size : new long[] {(64L << 20) + 1, 200_000_000L, 625L << 30, (625L << 30) + 1, 1L << 40,
                5L << 40}) {
            assertEquals(UploadPartSize.of(size), uploads.uploadPartBytes(size), size + " bytes");
        }
    }

    /**
     * Writes {@code vp.bin}, 4 parts of 5 MiB (the last of 3 MiB + 3) of random bytes, forgets
     * every digest, then reads it as a submission's pass over its data file does, its parts'
     * digests at the part size {@link #inSmallParts} uploads it in (5 MiB; the pass's own is the
     * default store's, {@link #theDefaultStoreUploadsInThePartsASubmissionsPassRecords}).
     */
    private Path passedAtUploadParts(long seed) throws java.io.IOException {
        Path model = Files.write(dir.resolve("vp.bin"), random((18 << 20) + 3, seed));
        FileSha256.forget();
        FileSha256.read(model, new PartDigests(Files.size(model), 5 << 20), Sha256Pass.Blocks.NONE, ByteProgress.NONE,
                CancellationToken.none());
        assertTrue(FileSha256.remembered(model).isPresent());
        return model;
    }

    /**
     * Uploads {@code model} as an input in parts of 5 MiB, two at a time, writes a byte of its
     * part 4 while parts 2 and 3 are held in flight, its modification time put back (as a write
     * within the file system's timestamp resolution leaves it), and checks the upload fails saying
     * where, with no object under {@code key} and no multipart upload left.
     */
    private static void assertChangedDuringUploadFails(Path model, String key, String bucket, String where)
            throws Exception {
        PartGate gate = new PartGate(1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(gate)) {
            ArtifactStore store = inSmallParts(s3, bucket);
            var uploading = CompletableFuture.supplyAsync(() -> store.putInput(model, TransferProgress.NONE));
            try {
                gate.awaitHeld(2, 60);
                FileTime modified = Files.getLastModifiedTime(model);
                try (var ch = java.nio.channels.FileChannel.open(model, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xA5}), (16L << 20) + 5);
                }
                Files.setLastModifiedTime(model, modified);
            } finally {
                gate.open();
            }
            var e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> uploading.get(60, java.util.concurrent.TimeUnit.SECONDS));
            var changed = assertInstanceOf(FileChangedException.class, e.getCause());
            assertEquals("the file changed while " + where + ": its bytes are not those hashed for its content key, "
                    + "and nothing was stored under that key; submit again once the file is no longer being written",
                    changed.getMessage());
            assertEquals(-1, store.sizeOf(key), "nothing stored under the key");
            assertTrue(s3.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads().isEmpty(),
                    "the multipart upload is aborted");
        }
    }

    /**
     * A small input (one PUT) written as its body is first read fails as a part does, nothing
     * stored under its key; uploaded again, it is stored under the key of its bytes now.
     */
    @Test
    void aSmallInputChangedDuringItsPutIsNotStoredUnderItsKey() throws Exception {
        byte[] data = random((1 << 20) + 11, 47);
        Path file = Files.write(dir.resolve("wavelet.bin"), data);
        String key = ObjectKeys.input(InputStore.sha256(data));
        WriteAtPut write = new WriteAtPut(file, 1000);
        try (S3Client s3 = CLOUD.s3SeenBy(write)) {
            ArtifactStore store = inSmallParts(s3, "store-test-changed-small");
            var e = assertThrows(FileChangedException.class, () -> store.putInput(file, TransferProgress.NONE));
            assertTrue(e.getMessage().startsWith("the file changed while uploading wavelet.bin: "), e.getMessage());
            assertEquals(-1, store.sizeOf(key), "nothing stored under the key");
            byte[] changed = Files.readAllBytes(file);
            String changedKey = ObjectKeys.input(InputStore.sha256(changed));
            assertEquals(new StoredInput(changedKey, changed.length, true), store.putInput(file, TransferProgress.NONE));
            assertArrayEquals(changed, store.getBytes(changedKey, changed.length));
        }
    }

    /**
     * An input that grows between its hashing and its upload (appended to as the existence check
     * goes out) is refused whatever its hashed size, nothing stored under the key: hashed at a whole
     * number of parts, or at exactly one part, the parts past the hashed ones had no digest to be
     * checked against, and the file was stored whole, its new tail under the old key.
     */
    @Test
    void anInputGrownAfterItsHashingIsNotStoredUnderItsKey() throws Exception {
        for (int size : new int[] {10 << 20, 5 << 20, (10 << 20) + 7}) {
            byte[] data = random(size, 48);
            Path file = Files.write(dir.resolve("grown-" + size + ".bin"), data);
            String key = ObjectKeys.input(InputStore.sha256(data));
            io.seiswork.core.files.FileSha256.forget();
            try (S3Client s3 = CLOUD.s3SeenBy(appendAtHead(file, 1 << 20))) {
                ArtifactStore store = inSmallParts(s3, "store-test-grown");
                var e = assertThrows(FileChangedException.class, () -> store.putInput(file, TransferProgress.NONE),
                        size + " bytes hashed");
                assertTrue(e.getMessage().startsWith("the file changed while uploading grown-"), e.getMessage());
                assertEquals(-1, store.sizeOf(key), size + " bytes hashed: nothing stored under the key");
            }
        }
    }

    /** Appends {@code bytes} zeros to {@code file} as the first HEAD request (the check for the key) goes out. */
    private static ExecutionInterceptor appendAtHead(Path file, int bytes) {
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.s3.model.HeadObjectRequest
                        && written.compareAndSet(false, true)) {
                    try {
                        Files.write(file, new byte[bytes], java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
    }

    /**
     * An input stored before uploads were checked (no {@code sha256} metadata; here other bytes of
     * the same size, as a file written during such an upload left) is not taken for stored by its
     * size: it is uploaded again, and the key then holds its bytes.
     */
    @Test
    void anInputStoredUncheckedIsUploadedAgain() throws Exception {
        ArtifactStore store = inSmallParts(CLOUD.s3(), "store-test-unchecked");
        byte[] data = random(4096, 48);
        Path file = Files.write(dir.resolve("vp.bin"), data);
        String key = ObjectKeys.input(InputStore.sha256(data));
        store.putBytes(key, random(4096, 49));
        assertEquals(new StoredInput(key, data.length, true), store.putInput(file, TransferProgress.NONE));
        assertArrayEquals(data, store.getBytes(key, data.length));
        assertEquals(new StoredInput(key, data.length, false), store.putInput(file, TransferProgress.NONE),
                "checked now: taken for stored");
    }

    /** Writes a byte of {@code file} at {@code offset} (its complement) as the body of its first PUT is first opened. */
    private static final class WriteAtPut implements ExecutionInterceptor {
        private final Path file;
        private final long offset;
        private final java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();

        WriteAtPut(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        @Override
        public java.util.Optional<software.amazon.awssdk.core.sync.RequestBody> modifyHttpContent(
                Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            var body = context.requestBody();
            if (!(context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest)
                    || body.isEmpty() || written.get()) {
                return body;
            }
            var sent = body.get();
            return java.util.Optional.of(software.amazon.awssdk.core.sync.RequestBody.fromContentProvider(() -> {
                if (written.compareAndSet(false, true)) {
                    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        var one = java.nio.ByteBuffer.allocate(1);
                        ch.read(one, offset);
                        ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), offset);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return sent.contentStreamProvider().newStream();
            }, sent.optionalContentLength().orElseThrow(), sent.contentType()));
        }
    }

    /** Uploads {@code file} as an input until {@code parts} parts are done, where the connection "breaks". */
    private static void breakUploadAfter(ArtifactStore store, Path file, int parts) {
        int[] done = {0};
        assertThrows(IllegalStateException.class, () -> store.putInput(file, (bytes, total) -> {
            if (++done[0] == parts) {
                throw new IllegalStateException("connection reset");
            }
        }));
    }

    /**
     * A file above 5 TiB (sparse: no bytes on disk) is refused before its hashing read and its
     * upload, in one line, and nothing is begun in S3.
     */
    @Test
    void anInputAbove5TibIsRefusedBeforeAnythingIsReadOrSent() throws Exception {
        ArtifactStore store = inSmallParts(CLOUD.s3(), "store-test-too-large");
        Path huge = dir.resolve("shots.sgy");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(6L << 40);
        }
        long[] read = {0};
        var e = assertThrows(IllegalArgumentException.class, () -> store.putInput(huge, (done, total) -> read[0] = done,
                TransferProgress.NONE, CancellationToken.none()));
        assertEquals(huge + " is 6.0 TiB (6,597,069,766,656 bytes), more than the 5 TiB S3 stores in one object: "
                + "split it into files of at most 5 TiB (a survey's data into several jobs)", e.getMessage());
        assertEquals(0, read[0], "not read for its SHA-256");
        assertTrue(CLOUD.s3().listMultipartUploads(r -> r.bucket("store-test-too-large")).uploads().isEmpty());
    }

    /**
     * Cancel while two parts of an input's upload are in flight, a MiB into their 5 (held there
     * by the gate): they stop at their next block rather than going on to their end, S3 stores
     * neither, and the exception says what S3 holds, the one part that went up whole. The upload
     * is kept, and the next sends the three parts S3 lacks, the stored object the file.
     */
    @Test
    void aCancelStopsTheUploadsPartsInFlightAndTheNextUploadSendsThem() throws Exception {
        PartGate gate = new PartGate(1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(gate)) {
            ArtifactStore store = inSmallParts(s3, "store-test-cancel-up");
            byte[] data = random((18 << 20) + 3, 21);  // 4 parts of 5 MiB, the last of 3 MiB
            Path model = Files.write(dir.resolve("vp.bin"), data);
            // Part 1 goes up; each of the two threads holds a part, part 2 and part 3.
            var e = cancelWhileHeld(gate, cancel -> store.putInput(model, ByteProgress.NONE, TransferProgress.NONE,
                    cancel));
            assertEquals("cancelled while uploading vp.bin: 5.0 MiB of 18.0 MiB stored", e.getMessage());
            assertEquals("1 of 4 parts of vp.bin stored (5.0 MiB of 18.0 MiB)", e.kept());
            assertEquals(1, gate.uploadedParts(), "the parts in flight were not sent to their end");
            assertTrue(gate.mostOfAHeldPart() < 5 << 20, "each stopped part-way: " + gate.mostOfAHeldPart() + " bytes");
            String key = ObjectKeys.input(FileSha256.hexOf(model));
            var unfinished = s3.listMultipartUploads(r -> r.bucket("store-test-cancel-up").prefix(key)).uploads();
            assertEquals(1, unfinished.size(), "the upload is kept for the next attempt");
            var held = s3.listParts(r -> r.bucket("store-test-cancel-up").key(key)
                    .uploadId(unfinished.get(0).uploadId())).parts();
            assertEquals(List.of(1), held.stream().map(p -> p.partNumber()).toList(), "S3 holds the whole part only");
            assertEquals(-1, store.sizeOf(key), "nothing stored under the key");

            StoredInput stored = store.putInput(model, TransferProgress.NONE);
            assertEquals(new StoredInput(key, data.length, true), stored);
            assertEquals(1 + 3, gate.uploadedParts(), "the three parts S3 lacked were sent, the one it held not");
            assertArrayEquals(data, store.getBytes(key, data.length));
        }
    }

    /**
     * Cancel while two parts of a download are in flight, a MiB into their 5: they stop at their
     * next block, and only the part that came whole is recorded. Bytes of a part that no record
     * names (what a process killed while it wrote a part leaves) are not trusted: the next
     * download fetches every part but the recorded one and ends with the object's bytes.
     */
    @Test
    void aCancelStopsTheDownloadsPartsInFlightAndAPartNotRecordedIsFetchedAgain() throws Exception {
        PartGate gate = new PartGate(1 << 20);
        try (S3Client s3 = CLOUD.s3SeenBy(gate)) {
            ArtifactStore store = inSmallParts(s3, "store-test-cancel-down");
            String key = "jobs/t-5/image/image.sgy";
            byte[] data = random((20 << 20) + 5, 22);  // 5 parts of 5 MiB, the last of 5 bytes
            store.putBytes(key, data);
            Path out = dir.resolve("image.sgy");
            var e = cancelWhileHeld(gate, cancel -> store.getFile(key, out, data.length, TransferProgress.NONE, cancel));
            assertEquals("cancelled while fetching image.sgy: 5.0 MiB of 20.0 MiB on disk", e.getMessage());
            assertEquals("1 of 5 parts of image.sgy on disk (5.0 MiB of 20.0 MiB)", e.kept());
            assertEquals(3, gate.gets(), "the whole part and the two in flight: none begun after the Cancel");
            assertTrue(gate.mostOfAHeldPart() < 5 << 20, "each stopped part-way: " + gate.mostOfAHeldPart() + " bytes");
            var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    dir.resolve("image.sgy.part.json").toFile());
            assertEquals("[0]", record.path("done").toString(), "only the whole part is recorded");
            assertFalse(Files.exists(out), "no file under the real name until it is whole");

            // Part 2 torn on disk, as a write cut off by a kill leaves it: a MiB of it, not the object's.
            try (var part = java.nio.channels.FileChannel.open(dir.resolve("image.sgy.part"),
                    java.nio.file.StandardOpenOption.WRITE)) {
                part.write(java.nio.ByteBuffer.wrap(random(1 << 20, 23)), 5L << 20);
            }
            List<Long> resumed = new ArrayList<>();
            store.getFile(key, out, data.length, (done, total) -> resumed.add(done));
            assertEquals(5L << 20, resumed.get(0), "from the one part recorded");
            assertEquals(3 + 4, gate.gets(), "the four parts not recorded were fetched whole");
            assertArrayEquals(data, Files.readAllBytes(out));
        }
    }

    /** A store of {@code bucket} (made if missing) that moves parts of 5 MiB, S3's least, two at a time. */
    private static ArtifactStore inSmallParts(S3Client s3, String bucket) {
        ArtifactStore.createIfMissing(s3, bucket);
        return new ArtifactStore(s3, bucket, 5 << 20, 2);
    }

    /**
     * Runs {@code transfer} with a token on a thread of its own, cancels it once two of its parts
     * are held in flight, lets them go on, and returns what it threw, saying how long after the
     * cancel it stopped.
     */
    private static TransferCancelledException cancelWhileHeld(PartGate gate,
            java.util.function.Function<CancellationToken, ?> transfer) throws InterruptedException {
        CancellationToken cancel = new CancellationToken();
        var running = CompletableFuture.supplyAsync(() -> transfer.apply(cancel));
        long cancelled = gate.cancelWhileHeld(2, 60, cancel::cancel);
        var stopped = assertThrows(java.util.concurrent.ExecutionException.class, running::get);
        double tookS = (System.nanoTime() - cancelled) * 1e-9;
        var e = assertInstanceOf(TransferCancelledException.class, stopped.getCause());
        System.out.printf(Locale.ROOT, "two parts in flight stopped %.3f s after Cancel: %s%n", tookS, e.getMessage());
        return e;
    }

    @Test
    void inputsAreStoredByContentOnce() throws Exception {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), "store-test-inputs");
        Path a = Files.write(dir.resolve("a.bin"), random(1000, 2));
        Path b = Files.write(dir.resolve("b.bin"), random(1000, 2));
        long[] sent = {0};
        StoredInput first = store.putInput(a, (done, total) -> sent[0] = done);
        String ka = first.key();
        assertEquals("inputs/sha256/" + FileSha256.hexOf(a), ka);
        assertTrue(first.uploaded());
        assertEquals(1000, sent[0]);
        assertEquals(1000, store.sizeOf(ka));
        // Same bytes under another name: the same key, found stored, nothing sent.
        sent[0] = 0;
        StoredInput again = store.putInput(b, (done, total) -> sent[0] = done);
        assertEquals(new StoredInput(ka, 1000, false), again);
        assertEquals(0, sent[0]);
        // SHA-256 of "abc" (FIPS 180-2 example).
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileSha256.hexOf(abc));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                InputStore.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "of bytes, as of a file");
    }

    @Test
    void downloadsAboveTheAllowedSizeOrOfMissingObjectsAreRefused() {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), "store-test-limits");
        store.putBytes("jobs/t-2/spec.json", new byte[2048]);
        var e = assertThrows(IllegalArgumentException.class, () -> store.getBytes("jobs/t-2/spec.json", 1024));
        assertEquals("s3://store-test-limits/jobs/t-2/spec.json has 2048 bytes, more than the 1024 allowed here", e.getMessage());
        assertEquals(2048, store.getBytes("jobs/t-2/spec.json", 4096).length);
        // An empty object comes down as an empty file, its progress saying so.
        store.putBytes("jobs/t-2/image/run.json", new byte[0]);
        long[] seen = {-1, -1};
        Path empty = dir.resolve("empty.json");
        store.getFile("jobs/t-2/image/run.json", empty, 10, (done, total) -> {
            seen[0] = done;
            seen[1] = total;
        });
        assertEquals(0, empty.toFile().length());
        assertEquals(0, seen[1]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.getBytes("jobs/t-2/none", 10))
                .getMessage().endsWith("does not exist"));
        assertThrows(IllegalArgumentException.class, () -> store.putBytes("jobs/../x", new byte[1]));
    }

    /**
     * Ranges copied through one reader (one HEAD): near ranges share a GET, far ones do not, the
     * bytes written are the ranges' in order; a missing object is said in one line; an object
     * replaced after the reader was opened fails the next GET instead of mixing versions.
     */
    @Test
    void rangesAreCopiedByCoalescedGetsOfOneVersion() throws Exception {
        java.util.List<Long> gets = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (S3Client counting = countingGets((key, bytes) -> gets.add(bytes))) {
            copyRangesThrough(counting, gets);
        }
    }

    /** A client that tells {@code gets} of the bytes each GET it made brought, with the object's key. */
    private static S3Client countingGets(java.util.function.ObjLongConsumer<String> gets) {
        return S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get) {
                            gets.accept(get.key(), ((GetObjectResponse) context.response()).contentLength());
                        }
                    }
                })).build();
    }

    private void copyRangesThrough(S3Client counting, java.util.List<Long> gets)
            throws Exception {
        ArtifactStore store = ArtifactStore.createIfMissing(counting, "store-test-ranges");
        store = new ArtifactStore(counting, "store-test-ranges", 5 << 20, 2);
        byte[] data = random(12 << 20, 7);
        store.putBytes("inputs/sha256/ranges", data);
        S3RangeReader reader = store.openRanges("inputs/sha256/ranges");
        long[] ranges = {100, 10, 200, 20, 300, 30, 10 << 20, 40};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.copyRanges(reader, ranges, java.nio.channels.Channels.newChannel(out));
        java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < ranges.length; i += 2) {
            want.write(data, (int) ranges[i], (int) ranges[i + 1]);
        }
        assertArrayEquals(want.toByteArray(), out.toByteArray());
        assertEquals(java.util.List.of(230L, 40L), gets.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                "bytes 100 to 330 in one GET, the far range in another");
        // A second copy on this thread lands in the same buffers, larger GETs now: only its own bytes come out.
        gets.clear();
        long[] more = {1 << 20, 9 << 20, 11 << 20, 3, (12 << 20) - 1, 1};
        out.reset();
        store.copyRanges(reader, more, java.nio.channels.Channels.newChannel(out));
        want.reset();
        for (int i = 0; i < more.length; i += 2) {
            want.write(data, (int) more[i], (int) more[i + 1]);
        }
        assertArrayEquals(want.toByteArray(), out.toByteArray());
        assertEquals(java.util.List.of(5L << 20, 4L << 20, 1L << 20), gets.stream()
                .sorted(java.util.Comparator.reverseOrder()).toList(),
                "9 MiB in parts of 5; the next range begins past the second part: a GET of its own, which the last joins");
        ArtifactStore s = store;
        var missing = assertThrows(IllegalArgumentException.class, () -> s.openRanges("inputs/sha256/none"));
        assertEquals("s3://store-test-ranges/inputs/sha256/none does not exist", missing.getMessage());
        byte[] other = data.clone();
        other[150] ^= 1;
        store.putBytes("inputs/sha256/ranges", other);
        assertThrows(io.seiswork.core.volume.SwvException.class, () -> s.copyRanges(reader,
                new long[] {0, 10}, java.nio.channels.Channels.newChannel(new java.io.ByteArrayOutputStream())),
                "the version the reader was opened on is gone");
    }
    /**
     * A copy interrupted while one of its GETs is blind to the interrupt (a socket read) must not
     * leave that GET writing into the buffers the thread's next copy reads through. The late GET
     * here waits until the next copy has fetched its own bytes into the buffers and is writing
     * them out, then fills its buffer; the next copy's bytes must still be its ranges'.
     */
    @Test
    void aGetOutlivingAnInterruptedCopyNeverWritesIntoTheNextCopysBuffers() throws Exception {
        int mib = 1 << 20;
        long lateOffset = 8L * mib;
        Thread caller = Thread.currentThread();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch lateDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (S3Client s3 = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(CLOUD.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public java.util.Optional<java.io.InputStream> modifyHttpResponseContent(
                            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.range() != null
                                && get.range().startsWith("bytes=" + lateOffset + "-") && armed.compareAndSet(true, false)) {
                            return java.util.Optional.of(new LateBody(context.responseBody().orElseThrow(), caller, release,
                                    lateDone));
                        }
                        return context.responseBody();
                    }
                })).build()) {
            ArtifactStore.createIfMissing(s3, "store-test-late");
            ArtifactStore store = new ArtifactStore(s3, "store-test-late", 5 << 20, 2);
            byte[] data = random(12 * mib, 11);
            store.putBytes("inputs/sha256/late", data);
            S3RangeReader reader = store.openRanges("inputs/sha256/late");

            // Two GETs side by side; the second's body interrupts the caller, then stalls, deaf to interrupts.
            var interrupted = assertThrows(IllegalStateException.class, () -> store.copyRanges(reader,
                    new long[] {0, mib, lateOffset, mib}, java.nio.channels.Channels.newChannel(
                            new java.io.ByteArrayOutputStream())));
            assertEquals("interrupted during a transfer", interrupted.getMessage());
            assertTrue(Thread.interrupted(), "the caller's interrupt is kept");

            // The next copy on this thread: two GETs of the same size. While it writes out its first, the late GET
            // of the abandoned copy fills its buffer.
            long[] next = {mib, mib, 7L * mib, mib};
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.nio.channels.WritableByteChannel raw = java.nio.channels.Channels.newChannel(out);
            store.copyRanges(reader, next, new java.nio.channels.WritableByteChannel() {
                @Override
                public int write(java.nio.ByteBuffer src) throws java.io.IOException {
                    release.countDown();
                    try {
                        assertTrue(lateDone.await(30, java.util.concurrent.TimeUnit.SECONDS), "the late GET ended");
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return raw.write(src);
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            });
            java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
            want.write(data, mib, mib);
            want.write(data, 7 * mib, mib);
            assertFalse(armed.get(), "the late GET was made");
            assertArrayEquals(want.toByteArray(), out.toByteArray(), "only the next copy's own bytes");
        }
    }

    /**
     * A GET's body that interrupts the copy's caller and then stalls, deaf to interrupts (as a
     * socket read is), until {@code release} or 3 s, before it gives its bytes; says when closed.
     */
    private static final class LateBody extends java.io.FilterInputStream {
        private final Thread caller;
        private final java.util.concurrent.CountDownLatch release;
        private final java.util.concurrent.CountDownLatch done;
        private boolean stalled;

        LateBody(java.io.InputStream in, Thread caller, java.util.concurrent.CountDownLatch release,
                java.util.concurrent.CountDownLatch done) {
            super(in);
            this.caller = caller;
            this.release = release;
            this.done = done;
        }

        private void stall() {
            if (stalled) {
                return;
            }
            stalled = true;
            caller.interrupt();
            long until = System.nanoTime() + 3_000_000_000L;
            while (release.getCount() > 0 && System.nanoTime() < until) {
                try {
                    release.await(until - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException deaf) {
                    // a socket read does not hear it
                }
            }
        }

        @Override
        public int read() throws java.io.IOException {
            stall();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            stall();
            return in.readNBytes(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            try {
                super.close();
            } finally {
                done.countDown();
            }
        }
    }
}
