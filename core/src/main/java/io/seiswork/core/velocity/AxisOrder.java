package io.seiswork.core.velocity;

/**
 * The order in which a headerless volume file stores the axes of a {@link io.seiswork.core.grid.Grid},
 * fastest first: a permutation of x, y, z written as in a spec ("zxy": z contiguous, then x, then
 * y). Axes are numbered 0 = x, 1 = y, 2 = z.
 *
 * @param fastest the axis whose neighbours are adjacent in the file
 * @param middle the next axis
 * @param slowest the axis that changes once per plane of the other two
 */
record AxisOrder(int fastest, int middle, int slowest) {

    AxisOrder {
        if (fastest == middle || middle == slowest || fastest == slowest) {
            throw new IllegalArgumentException("axis order must be a permutation of \"xyz\", got axes "
                    + fastest + ", " + middle + ", " + slowest);
        }
    }

    /**
     * Parses a spec's order such as "zxy".
     *
     * @throws IllegalArgumentException when {@code order} is not a permutation of "xyz"
     */
    static AxisOrder parse(String order) {
        if (order.length() != 3) {
            throw new IllegalArgumentException("axis order must be a permutation of \"xyz\", got \"" + order + "\"");
        }
        int a0 = axis(order.charAt(0));
        int a1 = axis(order.charAt(1));
        int a2 = axis(order.charAt(2));
        if (a0 == a1 || a1 == a2 || a0 == a2) {
            throw new IllegalArgumentException("axis order must be a permutation of \"xyz\", got \"" + order + "\"");
        }
        return new AxisOrder(a0, a1, a2);
    }

    /** The axes fastest first, as an array (a fresh copy). */
    int[] axes() {
        return new int[] {fastest, middle, slowest};
    }

    private static int axis(char c) {
        return switch (c) {
            case 'x' -> 0;
            case 'y' -> 1;
            case 'z' -> 2;
            default -> throw new IllegalArgumentException("axis order must be a permutation of \"xyz\", got '" + c + "'");
        };
    }
}
