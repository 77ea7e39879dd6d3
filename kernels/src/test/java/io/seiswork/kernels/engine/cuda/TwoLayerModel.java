package io.seiswork.kernels.engine.cuda;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.velocity.VelocityModel;

/**
 * The model of the GPU-against-CPU tests: a flat reflector at mid depth (2600 m/s below), above
 * it 1800 m/s plus a lateral gradient, so that traces and images hold a reflection and no two
 * columns are alike.
 */
final class TwoLayerModel {

    private TwoLayerModel() {
    }

    /**
     * @param g the grid
     * @param gradient velocity added per x cell above the reflector, m/s
     */
    static VelocityModel on(Grid g, float gradient) {
        float[] v = new float[g.points()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                for (int iz = 0; iz < g.nz(); iz++) {
                    v[g.index(ix, iy, iz)] = iz < g.nz() / 2 ? 1800f + gradient * ix : 2600f;
                }
            }
        }
        return new VelocityModel(g, v);
    }
}
