package io.seiswork.render.color;

/**
 * Colour maps from a normalised value t in [0, 1] to an opaque ARGB colour, each a 256-entry
 * lookup table so that colouring a slice is one table read per sample.
 */
public enum ColorMap {
    /** Black (low) to white (high): the neutral map for amplitudes. */
    GRAY(new int[] {0x000000, 0xffffff}),
    /**
     * The seismic diverging map: blue (negative) through white (zero) to red (positive), as
     * matplotlib's "seismic"; use it with a symmetric clip so that white is zero.
     */
    SEISMIC(new int[] {0x00004c, 0x0000ff, 0xffffff, 0xff0000, 0x800000}),
    /**
     * Viridis, the perceptually uniform map of matplotlib (eleven anchors, linear between):
     * for velocities and other one-signed quantities, readable in grey and by colour-blind eyes.
     */
    VIRIDIS(new int[] {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
        0xbddf26, 0xfde725});

    /** Entries in each lookup table. */
    public static final int SIZE = 256;

    private final int[] table = new int[SIZE];

    ColorMap(int[] anchors) {
        for (int i = 0; i < SIZE; i++) {
            double f = (double) i / (SIZE - 1) * (anchors.length - 1);
            int a = Math.min((int) f, anchors.length - 2);
            double w = f - a;
            table[i] = 0xff000000 | mix(anchors[a], anchors[a + 1], w);
        }
    }

    private static int mix(int c0, int c1, double w) {
        int r = (int) Math.round(((c0 >> 16) & 0xff) * (1 - w) + ((c1 >> 16) & 0xff) * w);
        int g = (int) Math.round(((c0 >> 8) & 0xff) * (1 - w) + ((c1 >> 8) & 0xff) * w);
        int b = (int) Math.round((c0 & 0xff) * (1 - w) + (c1 & 0xff) * w);
        return (r << 16) | (g << 8) | b;
    }

    /** The ARGB colour of t (clamped to [0, 1]). */
    public int argb(double t) {
        return table[index(t)];
    }

    /** The lookup-table entry {@code i} (0..255). */
    public int entry(int i) {
        return table[i];
    }

    /** The name as the command line spells it ({@code --color-map seismic}) and the choosers list it: "seismic". */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Table index of t, clamped; NaN maps to 0. */
    static int index(double t) {
        if (!(t > 0)) {
            return 0;
        }
        return t >= 1 ? SIZE - 1 : (int) (t * SIZE);
    }
}
