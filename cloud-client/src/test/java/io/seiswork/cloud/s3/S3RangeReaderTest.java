package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SwvException;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.SwvWriteOptions;
import io.seiswork.core.volume.SwvWriter;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeAxes;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A .swv volume on a real S3-compatible server (S3Proxy, in-process, over HTTP on 127.0.0.1) read
 * through {@link S3RangeReader}: slices must equal those of the local file.
 */
class S3RangeReaderTest {

    private static S3Proxy proxy;
    private static S3Client s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test")
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .build();
        s3.createBucket(b -> b.bucket("volumes"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
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
        S3Location where = S3Location.parse("s3://volumes/jobs/demo/image/image.swv");
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
        S3Location where = S3Location.parse("s3://volumes/small.bin");
        s3.putObject(b -> b.bucket(where.bucket()).key(where.key()), RequestBody.fromBytes(new byte[] {1, 2, 3, 4, 5}));
        S3RangeReader r = S3RangeReader.open(s3, where);
        assertEquals(5, r.size());
        ByteBuffer two = ByteBuffer.allocate(2);
        r.read(3, two);
        assertArrayEquals(new byte[] {4, 5}, two.array());
        var past = assertThrows(SwvException.class, () -> r.read(4, ByteBuffer.allocate(2)));
        assertEquals("s3://volumes/small.bin: range 4+2 lies past the end of the object (5 bytes)", past.getMessage());

        var missing = assertThrows(SwvException.class, () -> S3RangeReader.open(s3, S3Location.parse("s3://volumes/none.swv")));
        assertTrue(missing.getMessage().startsWith("s3://volumes/none.swv: cannot open: "), missing.getMessage());
    }
}
