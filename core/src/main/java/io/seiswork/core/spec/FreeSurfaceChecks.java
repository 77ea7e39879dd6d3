package io.seiswork.core.spec;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import java.util.List;

/**
 * Under a free surface the pressure is zero at z = 0 (the mirror of the engine sets it so after
 * every step, and a point spread drops its weight on the surface node): a source there would
 * inject nothing and a receiver record nothing, all-zero traces and an empty image with no other
 * sign. Refused when a point lies within 1e-3 dz of the surface; depths (metres) between that
 * and dz are physical (the point and its ghost nearly cancel) and pass. Checked on the spec's
 * sources and receivers, and on a data file's shots once they are read.
 */
final class FreeSurfaceChecks {

    private FreeSurfaceChecks() {
    }

    /**
     * Records an error when {@code layout} puts a point on the free surface: at the line's or
     * grid's z, or at the first listed point on it (with a count of them).
     *
     * @param path "sources" or "receivers"
     * @param what "source" or "receiver"
     * @param verb what the point would fail to do: "emit" or "record"
     */
    static void checkDepth(Layout layout, String path, String what, String verb, JobSpec spec, Problems problems) {
        if (!spec.physics().freeSurface() || layout == null) {
            return;
        }
        String field;
        double z;
        String count = "";
        switch (layout) {
            case Layout.Line l when onFreeSurface(spec, l.zM()) -> {
                field = path + ".line.z";
                z = l.zM();
            }
            case Layout.Areal a when onFreeSurface(spec, a.zM()) -> {
                field = path + ".grid.z";
                z = a.zM();
            }
            case Layout.Points p -> {
                List<Position> pts = p.positions();
                int first = -1;
                int on = 0;
                for (int i = 0; i < pts.size(); i++) {
                    if (onFreeSurface(spec, pts.get(i).z())) {
                        on++;
                        first = first < 0 ? i : first;
                    }
                }
                if (on == 0) {
                    return;
                }
                field = path + ".list[" + first + "]";
                z = pts.get(first).z();
                count = pts.size() == 1 ? "" : " (" + on + " of " + pts.size() + " " + what + "s)";
            }
            default -> {
                return;
            }
        }
        problems.error(field, why(spec, z, what, verb, count));
    }

    /**
     * The check of {@link #checkDepth} on a data file's shots, whose depths the spec does not
     * give: land or ocean-bottom data often record at elevation 0.
     *
     * @return the problem in one line, or null
     */
    static String onDataShots(JobSpec spec, List<Shot> shots) {
        for (Shot shot : shots) {
            if (onFreeSurface(spec, shot.source().z())) {
                return "physics.freeSurface: shot " + shot.number() + "'s source at "
                        + why(spec, shot.source().z(), "source", "emit", "");
            }
            for (Position r : shot.receivers()) {
                if (onFreeSurface(spec, r.z())) {
                    return "physics.freeSurface: a receiver of shot " + shot.number() + " at "
                            + why(spec, r.z(), "receiver", "record", "");
                }
            }
        }
        return null;
    }

    /** Whether depth {@code z} (metres) lies on the free surface: within 1e-3 dz of 0, where the pressure is zero. */
    private static boolean onFreeSurface(JobSpec spec, double z) {
        return spec.physics().freeSurface() && Math.abs(z) < 1e-3 * spec.grid().dz();
    }

    private static String why(JobSpec spec, double z, String what, String verb, String count) {
        return "z = " + Problems.num(z) + " m lies on the free surface (physics.freeSurface is true)" + count
                + ", where the pressure is zero, so a " + what + " there would " + verb + " nothing; give z >= dz = "
                + Problems.num(spec.grid().dz()) + " m, or physics.freeSurface false";
    }
}
