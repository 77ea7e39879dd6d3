package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.testing.LocalCloud;
import io.seiswork.cloud.testing.LocalCloud.Service;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvException;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A .swv volume on a real S3-compatible server (S3Proxy through {@link LocalCloud}, over HTTP) read
 * through {@link S3RangeReader}: slices must equal those of the local file.
 */
class S3RangeReaderTest {

    @RegisterExtension
    static final LocalCloud cloud = LocalCloud.of(Service.S3);

    private static final String BUCKET = LocalCloud.uniqueName("volumes");
    private static S3Client s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void createBucket() {
        s3 = cloud.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    private Path writeVolume() {
        int nx = 50;
        int ny = 30;
        int nz = 40;
        SyntheticVolume synthetic = new SyntheticVolume(nx, ny, nz);
        VolumeAxes axes = new VolumeAxes(new Sampling(nx, 12.5, 0), new Sampling(ny, 12.5, 0), new Sampling(nz, 10, 0));
        Path f = dir.resolve("image.swv");
        float[] column = new float[nz];
        try (SwvWriter w = SwvWriter.create(f, axes, SwvWriteOptions.defaults().withBrickSize(16))) {
            for (int iy = 0; iy < ny; iy++) {
                for (int ix = 0; ix < nx; ix++) {
                    synthetic.column(ix, iy, column);
                    w.writeColumn(column);
                }
            }
        }
        return f;
    }

    @Test
    void remoteSlicesEqualLocalSlicesAtEveryLevel() {
        Path f = writeVolume();
        S3Location where = S3Location.parse("s3://" + BUCKET + "/jobs/demo/image/image.swv");
        s3.putObject(b -> b.bucket(where.bucket()).key(where.key()), RequestBody.fromFile(f));

        try (SwvReader local = SwvReader.open(f);
             SwvReader remote = SwvReader.open(S3RangeReader.open(s3, where), 8L << 20)) {
            assertEquals(local.levels(), remote.levels());
            for (int level = 0; level < local.levels(); level++) {
                for (SliceOrientation o : SliceOrientation.values()) {
                    int index = local.axes(level).normal(o).count() / 2;
                    assertArrayEquals(local.slice(o, index, level).values(), remote.slice(o, index, level).values(),
                            o + " " + index + " at level " + level);
                }
            }
        }
    }

    @Test
    void rangesPastTheEndAndMissingObjectsAreNamed() {
        S3Location where = S3Location.parse("s3://" + BUCKET + "/small.bin");
        s3.putObject(b -> b.bucket(where.bucket()).key(where.key()), RequestBody.fromBytes(new byte[] {1, 2, 3, 4, 5}));
        S3RangeReader r = S3RangeReader.open(s3, where);
        assertEquals(5, r.size());
        ByteBuffer two = ByteBuffer.allocate(2);
        r.read(3, two);
        assertArrayEquals(new byte[] {4, 5}, two.array());
        var past = assertThrows(SwvException.class, () -> r.read(4, ByteBuffer.allocate(2)));
        assertEquals(where + ": range 4+2 lies past the end of the object (5 bytes)", past.getMessage());

        S3Location none = S3Location.parse("s3://" + BUCKET + "/none.swv");
        var missing = assertThrows(SwvException.class, () -> S3RangeReader.open(s3, none));
        assertTrue(missing.getMessage().startsWith(none + ": cannot open: "), missing.getMessage());
    }
    /**
     * A response body as the HTTP client gives it, which says how it was let go of: aborted (its
     * connection dropped), or closed while bytes were still to be read (which the client then
     * reads to the end to reuse the connection), or closed at its end.
     */
    private static final class Watched extends FilterInputStream implements Abortable {
        private final java.util.List<String> whenLetGo;
        private volatile boolean aborted;

        Watched(InputStream in, java.util.List<String> whenLetGo) {
            super(in);
            this.whenLetGo = whenLetGo;
        }

        @Override
        public void abort() {
            aborted = true;
            whenLetGo.add("aborted");
            if (in instanceof Abortable a) {
                a.abort();
            }
        }

        @Override
        public void close() throws IOException {
            if (!aborted) {
                whenLetGo.add(in.read() >= 0 ? "closed with bytes left" : "closed at its end");
            }
            super.close();
        }
    }

    /**
     * A GET whose body is not the length asked for (here a request whose range was widened on its
     * way: 4 MiB come for 10 bytes asked) is refused, and its body aborted rather than closed:
     * closing reads the rest of it, which could be a whole object of gigabytes.
     */
    @Test
    void aBodyOfTheWrongLengthIsAbortedNotDrained() {
        S3Location where = S3Location.parse("s3://" + BUCKET + "/long.bin");
        s3.putObject(b -> b.bucket(where.bucket()).key(where.key()), RequestBody.fromBytes(new byte[5 << 20]));
        java.util.List<String> whenLetGo = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (S3Client widening = S3Client.builder().region(LocalCloud.REGION).credentialsProvider(LocalCloud.credentials())
                .endpointOverride(cloud.s3Endpoint()).forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetObjectRequest get && get.range() != null) {
                            return get.toBuilder().range("bytes=0-" + ((4 << 20) - 1)).build();
                        }
                        return context.request();
                    }

                    @Override
                    public java.util.Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                            ExecutionAttributes attributes) {
                        if (!(context.request() instanceof GetObjectRequest) || context.responseBody().isEmpty()) {
                            return context.responseBody();
                        }
                        return java.util.Optional.of(new Watched(context.responseBody().get(), whenLetGo));
                    }
                })).build()) {
            S3RangeReader r = S3RangeReader.open(widening, where);
            var e = assertThrows(SwvException.class, () -> r.read(100, ByteBuffer.allocate(10)));
            assertTrue(e.getMessage().contains("bytes returned by the ranged GET at byte 100"), e.getMessage());
            assertEquals(java.util.List.of("aborted"), whenLetGo, "aborted, not closed with 4 MiB left to drain");
        }
    }
}
