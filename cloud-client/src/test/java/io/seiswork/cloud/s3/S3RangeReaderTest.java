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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

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
}
