package io.seiswork.kernels.engine.cpu;

/**
 * The only class that names {@link VectorStencilKernel} and {@link VectorLayerKernel}, so that the Vector API classes are
 * resolved only after {@link ColumnKernel#best} has checked that their module is present.
 */
final class VectorSupport {

    private VectorSupport() {
    }

    static ColumnKernel kernel(StencilKernel scalar) {
        return new VectorStencilKernel(scalar);
    }

    static VectorLayerKernel layerKernel(StencilKernel scalar) {
        return new VectorLayerKernel(scalar);
    }

    static String describe(boolean is3d, int radius) {
        return "vector " + VectorStencilKernel.shapeFor(is3d, radius).length() + " lanes";
    }
}
