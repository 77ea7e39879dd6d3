package io.seiswork.core.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every brick of every pyramid level lies in a {@code .swv} file. Pure arithmetic on the
 * level-0 dimensions, the brick size and the data offset, so the reader can recompute it and check
 * the header against it.
 *
 * <p>Level L + 1 has ⌈n/2⌉ samples on each axis of level L; levels are added until the largest
 * dimension fits in one brick. A level is cut into ⌈n/B⌉ bricks per axis; each brick holds B³
 * little-endian float32 samples (edge bricks are padded with zeros), indexed
 * {@code (ly · B + lx) · B + lz} inside the brick. Bricks of a level follow each other in the order
 * {@code (by · bricksX + bx) · bricksZ + bz}, so one brick-row (all bricks of one {@code by}) is
 * contiguous; levels follow each other from level 0.
 *
 * @param brickSize samples along each brick edge (B)
 * @param dataOffset byte offset of the first brick of level 0
 * @param levels the levels, level 0 first
 */
public record BrickLayout(int brickSize, long dataOffset, List<Level> levels) {

    /** Smallest and largest brick edge allowed (powers of two in between). */
    public static final int MIN_BRICK = 4;
    /** Largest brick edge: 256³ floats = 64 MiB per brick. */
    public static final int MAX_BRICK = 256;

    /**
     * One pyramid level.
     *
     * @param nx samples along x
     * @param ny samples along y
     * @param nz samples along z
     * @param bricksX bricks along x
     * @param bricksY bricks along y
     * @param bricksZ bricks along z
     * @param offset byte offset of the level's first brick
     */
    public record Level(int nx, int ny, int nz, int bricksX, int bricksY, int bricksZ, long offset) {

        /** Number of bricks in the level. */
        public long brickCount() {
            return (long) bricksX * bricksY * bricksZ;
        }
    }

    public BrickLayout {
        levels = List.copyOf(levels);
    }

    /**
     * The layout of a volume of nx × ny × nz samples.
     *
     * @throws IllegalArgumentException when a dimension is below 1 or the brick size is not a power
     *     of two in [{@value #MIN_BRICK}, {@value #MAX_BRICK}]
     */
    public static BrickLayout of(int nx, int ny, int nz, int brickSize, long dataOffset) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("volume dimensions must be >= 1, got " + nx + " x " + ny + " x " + nz);
        }
        if (brickSize < MIN_BRICK || brickSize > MAX_BRICK || Integer.bitCount(brickSize) != 1) {
            throw new IllegalArgumentException("brick size must be a power of two in " + MIN_BRICK + ".." + MAX_BRICK
                    + ", got " + brickSize);
        }
        List<Level> levels = new ArrayList<>();
        long offset = dataOffset;
        long brickBytes = brickBytes(brickSize);
        while (true) {
            Level l = new Level(nx, ny, nz, ceilDiv(nx, brickSize), ceilDiv(ny, brickSize), ceilDiv(nz, brickSize), offset);
            levels.add(l);
            offset += l.brickCount() * brickBytes;
            if (Math.max(nx, Math.max(ny, nz)) <= brickSize) {
                break;
            }
            nx = (nx + 1) / 2;
            ny = (ny + 1) / 2;
            nz = (nz + 1) / 2;
        }
        return new BrickLayout(brickSize, dataOffset, levels);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long brickBytes(int b) {
        return 4L * b * b * b;
    }

    /** Bytes of one brick: 4 · B³. */
    public long brickBytes() {
        return brickBytes(brickSize);
    }

    /** Samples in one brick: B³. */
    public int brickSamples() {
        return brickSize * brickSize * brickSize;
    }

    /** Level {@code l} (0 = full resolution). */
    public Level level(int l) {
        return levels.get(l);
    }

    /** Byte offset of brick (bx, by, bz) of level {@code l}. */
    public long brickOffset(int l, int bx, int by, int bz) {
        Level v = levels.get(l);
        return v.offset + (((long) by * v.bricksX + bx) * v.bricksZ + bz) * brickBytes();
    }

    /** Size the file must have: the end of the last brick of the last level. */
    public long fileSize() {
        Level last = levels.getLast();
        return last.offset + last.brickCount() * brickBytes();
    }
}
