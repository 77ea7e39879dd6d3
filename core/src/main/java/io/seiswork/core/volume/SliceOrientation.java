package io.seiswork.core.volume;

/**
 * The three orthogonal slices of a volume, named as interpreters name them. Seiswork's image
 * volumes put inline = y index + 1 and crossline = x index + 1 (see ARCHITECTURE.md), so an inline
 * is a plane of constant y.
 */
public enum SliceOrientation {
    /** Constant y: columns along x, rows along z. */
    INLINE,
    /** Constant x: columns along y, rows along z. */
    CROSSLINE,
    /** Constant z (a depth or time slice): columns along x, rows along y. */
    DEPTH
}
