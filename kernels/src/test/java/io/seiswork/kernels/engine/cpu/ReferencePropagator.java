package io.seiswork.kernels.engine.cpu;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.stencil.FirstDerivative;
import io.seiswork.core.stencil.SecondDerivative;
import io.seiswork.core.velocity.VelocityModel;

/**
 * A deliberately plain implementation of the propagator's scheme for comparison: one loop nest
 * over every cell, double-precision sums, memory variables on the whole padded grid (zero where
 * the damping is zero), the free surface by mirroring after the update. Slow and obvious.
 */
final class ReferencePropagator {

    private final PaddedGrid g;
    private final SecondDerivative op2;
    private final FirstDerivative op1;
    private final double[] h;
    private final int[] stride;
    private final CpmlProfile[] profiles;
    private final float[] m;
    private final float[][] psi = new float[3][];
    private final float[][] zeta = new float[3][];
    private float[] u;
    private float[] un;

    ReferencePropagator(VelocityModel model, int order, int width, boolean freeSurface, double dtS, double f0) {
        Grid ug = model.grid();
        op2 = SecondDerivative.ofOrder(order);
        op1 = FirstDerivative.ofOrder(order);
        int r = op2.radius();
        g = new PaddedGrid(ug, width, r, freeSurface);
        h = new double[] {ug.dx(), ug.dy(), ug.dz()};
        stride = new int[] {g.nz(), g.nx() * g.nz(), 1};
        double vmax = model.max();
        profiles = new CpmlProfile[] {
            new CpmlProfile(g.nx(), r, width, true, true, ug.dx(), vmax, dtS, f0),
            ug.is2d() ? null : new CpmlProfile(g.ny(), r, width, true, true, ug.dy(), vmax, dtS, f0),
            new CpmlProfile(g.nz(), r, width, !freeSurface, true, ug.dz(), vmax, dtS, f0)};
        m = g.extend(model.values());
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) ((double) m[i] * m[i] * dtS * dtS);
        }
        for (int a = 0; a < 3; a++) {
            psi[a] = new float[g.points()];
            zeta[a] = new float[g.points()];
        }
        u = new float[g.points()];
        un = new float[g.points()];
    }

    PaddedGrid grid() {
        return g;
    }

    float[] current() {
        return u;
    }

    /** Adds v²dt² f / cellVolume at padded cell {@code index}. */
    void injectAt(int index, double amount, double cellVolume) {
        u[index] += (float) (m[index] * amount / cellVolume);
    }

    void step() {
        int r = op2.radius();
        for (int iy = g.y0(); iy < g.y1(); iy++) {
            for (int ix = r; ix < g.nx() - r; ix++) {
                for (int iz = r; iz < g.nz() - r; iz++) {
                    int i = g.index(ix, iy, iz);
                    int[] c = {ix, iy, iz};
                    for (int a = 0; a < 3; a++) {
                        CpmlProfile p = profiles[a];
                        if (p != null && p.a()[c[a]] != 0) {
                            psi[a][i] = (float) (p.b()[c[a]] * psi[a][i] + p.a()[c[a]] * d1(u, i, a));
                        }
                    }
                }
            }
        }
        for (int iy = g.y0(); iy < g.y1(); iy++) {
            for (int ix = r; ix < g.nx() - r; ix++) {
                for (int iz = r; iz < g.nz() - r; iz++) {
                    int i = g.index(ix, iy, iz);
                    int[] c = {ix, iy, iz};
                    double total = 0;
                    for (int a = 0; a < 3; a++) {
                        CpmlProfile p = profiles[a];
                        if (a == 1 && p == null) {
                            continue;
                        }
                        double d2 = d2(u, i, a);
                        total += d2;
                        if (p != null && p.a()[c[a]] != 0) {
                            double dpsi = d1(psi[a], i, a);
                            double z = p.b()[c[a]] * zeta[a][i] + p.a()[c[a]] * (d2 + dpsi);
                            zeta[a][i] = (float) z;
                            total += dpsi + z;
                        }
                    }
                    un[i] = (float) (2.0 * u[i] - un[i] + m[i] * total);
                }
            }
        }
        if (g.freeSurface()) {
            for (int iy = g.y0(); iy < g.y1(); iy++) {
                for (int ix = r; ix < g.nx() - r; ix++) {
                    int s = g.index(ix, iy, g.offZ());
                    un[s] = 0;
                    for (int k = 1; k <= r; k++) {
                        un[s - k] = -un[s + k];
                    }
                }
            }
        }
        float[] t = u;
        u = un;
        un = t;
    }

    private double d1(float[] f, int i, int axis) {
        double s = 0;
        for (int k = 1; k <= op1.radius(); k++) {
            s += op1.coefficient(k) * ((double) f[i + k * stride[axis]] - f[i - k * stride[axis]]);
        }
        return s / h[axis];
    }

    private double d2(float[] f, int i, int axis) {
        double s = op2.coefficient(0) * f[i];
        for (int k = 1; k <= op2.radius(); k++) {
            s += op2.coefficient(k) * ((double) f[i + k * stride[axis]] + f[i - k * stride[axis]]);
        }
        return s / (h[axis] * h[axis]);
    }
}
