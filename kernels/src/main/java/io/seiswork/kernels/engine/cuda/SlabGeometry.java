package io.seiswork.kernels.engine.cuda;

import io.seiswork.kernels.engine.cpu.CpmlProfile;
import io.seiswork.kernels.engine.cpu.PaddedGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the C-PML memory variables of one side of one axis live and which cells they update: the
 * same boxes as the CPU engine's {@code CpmlSlab} (scalar layout), so that the GPU applies the
 * same terms to the same cells in the same order.
 *
 * <p>Updated cells: the layer {@code [l0, l1)} along the damped axis, the compute region along the
 * others. Box (storage of ψ and ζ): the layer plus a zero halo of one stencil radius on both
 * sides along the damped axis, the compute region along the others; box-local index
 * {@code ((iy − by0) · bnx + (ix − bx0)) · bnz + (iz − bz0)}.
 *
 * @param axis 0 = x, 1 = y, 2 = z
 * @param x0 first updated padded x index
 * @param x1 end (exclusive) of updated x
 * @param y0 first updated padded y index
 * @param y1 end of updated y
 * @param z0 first updated padded z index
 * @param z1 end of updated z
 * @param bx0 box origin, padded x
 * @param by0 box origin, padded y
 * @param bz0 box origin, padded z
 * @param bnx box size along x, cells
 * @param bny box size along y, cells
 * @param bnz box size along z, cells
 */
public record SlabGeometry(int axis, int x0, int x1, int y0, int y1, int z0, int z1, int bx0, int by0, int bz0,
        int bnx, int bny, int bnz) {

    /** Cells of the box (floats per memory variable). */
    public long boxCells() {
        return (long) bnx * bny * bnz;
    }

    /** Cells updated per step. */
    public long cells() {
        return (long) (x1 - x0) * (y1 - y0) * (z1 - z0);
    }

    /** The updated cells as {x0, x1, y0, y1, z0, z1} (struct Region of seiswork.cu). */
    public int[] kernelRegion() {
        return new int[] {x0, x1, y0, y1, z0, z1};
    }

    /**
     * The kernel argument {@code struct Slab} of seiswork.cu:
     * {axis, x0, x1, y0, y1, z0, z1, bx0, by0, bz0, bnx, bnz}.
     */
    public int[] kernelStruct() {
        return new int[] {axis, x0, x1, y0, y1, z0, z1, bx0, by0, bz0, bnx, bnz};
    }

    /**
     * The slabs of a padded grid, in the CPU's order: x low, x high, y low, y high (3D), z low
     * (absent under a free surface), z high.
     *
     * @param py the y profile, null in 2D
     */
    public static List<SlabGeometry> of(PaddedGrid g, CpmlProfile px, CpmlProfile py, CpmlProfile pz) {
        List<SlabGeometry> out = new ArrayList<>();
        add(out, g, 0, px);
        if (py != null) {
            add(out, g, 1, py);
        }
        add(out, g, 2, pz);
        return out;
    }

    /**
     * The slabs for a grid from the layer positions alone (the damping values do not change the
     * geometry): for memory planning before anything is allocated.
     */
    public static List<SlabGeometry> of(PaddedGrid g) {
        int r = g.radius();
        int w = g.width();
        CpmlProfile px = new CpmlProfile(g.nx(), r, w, true, true, 1, 1, 1e-3, 1);
        CpmlProfile py = g.is2d() ? null : new CpmlProfile(g.ny(), r, w, true, true, 1, 1, 1e-3, 1);
        CpmlProfile pz = new CpmlProfile(g.nz(), r, w, !g.freeSurface(), true, 1, 1, 1e-3, 1);
        return of(g, px, py, pz);
    }

    private static void add(List<SlabGeometry> out, PaddedGrid g, int axis, CpmlProfile p) {
        if (p.lowEnd() > p.lowStart()) {
            out.add(slab(g, axis, p.lowStart(), p.lowEnd()));
        }
        if (p.highEnd() > p.highStart()) {
            out.add(slab(g, axis, p.highStart(), p.highEnd()));
        }
    }

    private static SlabGeometry slab(PaddedGrid g, int axis, int l0, int l1) {
        int r = g.radius();
        int cy0 = g.y0();
        int cy1 = g.y1();
        int cnx = g.nx() - 2 * r;
        int cnz = g.nz() - 2 * r;
        return switch (axis) {
            case 0 -> new SlabGeometry(0, l0, l1, cy0, cy1, r, g.nz() - r,
                    l0 - r, cy0, r, l1 - l0 + 2 * r, cy1 - cy0, cnz);
            case 1 -> new SlabGeometry(1, r, g.nx() - r, l0, l1, r, g.nz() - r,
                    r, l0 - r, r, cnx, l1 - l0 + 2 * r, cnz);
            default -> new SlabGeometry(2, r, g.nx() - r, cy0, cy1, l0, l1,
                    r, cy0, l0 - r, cnx, cy1 - cy0, l1 - l0 + 2 * r);
        };
    }
}
