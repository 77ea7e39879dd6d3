package io.seiswork.core.volume;

/**
 * What the JSON header of a {@code .swv} file says (see {@code docs/formats/swv.md}).
 *
 * @param axes level-0 axes (x and y in {@code lengthUnit}, z in {@code zUnit})
 * @param lengthUnit unit of x and y, "m"
 * @param zUnit unit of z: "m" for depth volumes, "s" for time volumes
 * @param valueUnit unit of the samples, for example "amplitude" or "m/s"
 * @param brickSize samples along each brick edge
 * @param dataOffset byte offset of the first brick
 * @param histogram value histogram of level 0; its min and max are the value range
 * @param segy SEG-Y header mapping for converting back, or null when the volume never was SEG-Y
 */
public record VolumeHeader(VolumeAxes axes, String lengthUnit, String zUnit, String valueUnit, int brickSize,
        long dataOffset, Histogram histogram, SegyGrid segy) {

    /** The brick layout these dimensions, brick size and data offset imply. */
    public BrickLayout layout() {
        return BrickLayout.of(axes.x().count(), axes.y().count(), axes.z().count(), brickSize, dataOffset);
    }
}
