package io.seiswork.core.volume;

/**
 * The pyramid rule of {@code .swv}: a sample of level L + 1 is the mean of the 2 × 2 × 2 block of
 * level L samples {@code (2i..2i+1, 2j..2j+1, 2k..2k+1)}, counting only those that exist (at an
 * odd edge the block has 4, 2 or 1 samples). Averaging rather than subsampling keeps thin
 * reflectors visible in coarse previews instead of letting them alias away.
 *
 * <p>Works on slabs laid out like {@code .swv} slabs and {@link io.seiswork.core.grid.Grid}:
 * index {@code (y · nx + x) · nz + z}.
 */
public final class Decimation {

    private Decimation() {
    }

    /**
     * Decimates {@code rows} y-rows of {@code src} (each nx × nz) into {@code dst}, whose rows are
     * ⌈nx/2⌉ × ⌈nz/2⌉, writing ⌈rows/2⌉ rows starting at row {@code dstRow}.
     */
    public static void decimate(float[] src, int rows, int nx, int nz, float[] dst, int dstRow) {
        int mx = (nx + 1) / 2;
        int mz = (nz + 1) / 2;
        for (int j = 0; j < (rows + 1) / 2; j++) {
            int y1 = Math.min(2 * j + 1, rows - 1);
            for (int i = 0; i < mx; i++) {
                int x1 = Math.min(2 * i + 1, nx - 1);
                int out = ((dstRow + j) * mx + i) * mz;
                for (int k = 0; k < mz; k++) {
                    int z1 = Math.min(2 * k + 1, nz - 1);
                    double sum = 0;
                    int n = 0;
                    for (int y = 2 * j; y <= y1; y++) {
                        for (int x = 2 * i; x <= x1; x++) {
                            int base = (y * nx + x) * nz;
                            for (int z = 2 * k; z <= z1; z++) {
                                sum += src[base + z];
                                n++;
                            }
                        }
                    }
                    dst[out + k] = (float) (sum / n);
                }
            }
        }
    }
}
