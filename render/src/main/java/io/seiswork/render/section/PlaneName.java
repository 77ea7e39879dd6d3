package io.seiswork.render.section;

import io.seiswork.core.volume.SliceOrientation;

/**
 * What the views call a plane: the horizontal one is a depth slice when z is in metres and a
 * time slice when z is in seconds (a time-migrated image, a shot record's volume), which a
 * geophysicist reads differently; a title saying "Depth" over seconds misleads.
 */
public final class PlaneName {

    private PlaneName() {
    }

    /** The short name, as a tab or a slider says it: "Inline", "Crossline", "Depth" or "Time". */
    public static String of(SliceOrientation o, String zUnit) {
        return switch (o) {
            case INLINE -> "Inline";
            case CROSSLINE -> "Crossline";
            case DEPTH -> inTime(zUnit) ? "Time" : "Depth";
        };
    }

    /** The name a section's title starts with: "Inline", "Crossline", "Depth slice" or "Time slice". */
    public static String slice(SliceOrientation o, String zUnit) {
        return o == SliceOrientation.DEPTH ? of(o, zUnit) + " slice" : of(o, zUnit);
    }

    /** Whether z in {@code zUnit} is time: "s" (or "ms"), as {@code VolumeSource#zUnit} says it. */
    static boolean inTime(String zUnit) {
        return "s".equals(zUnit) || "ms".equals(zUnit);
    }
}
