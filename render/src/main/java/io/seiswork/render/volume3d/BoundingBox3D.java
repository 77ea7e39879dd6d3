package io.seiswork.render.volume3d;

import io.seiswork.core.volume.VolumeAxes;
import io.seiswork.render.plot.Ticks;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.fxyz3d.geometry.Point3D;
import org.fxyz3d.shapes.composites.PolyLine3D;

/**
 * The volume's bounding box as twelve FXyz3D poly-lines, with tick labels in metres along the two
 * top edges that meet at the (x0, y0) corner (x and y) and down the vertical edge at (x0, y1)
 * (z: the edge in front at the default view); x's and z's names past the end of their edges, y's
 * beside its edge between the two middle ticks (past its end it would fall among z's labels at
 * the default view). Scene coordinates as in
 * {@link SlicePlane}; {@code metresPerPixel} (metres per screen pixel at the default zoom) sizes
 * lines and labels so they read the same whatever the volume's size.
 */
final class BoundingBox3D {

    private final Group group = new Group();

    BoundingBox3D(VolumeAxes axes, String zUnit, double metresPerPixel) {
        double x0 = SlicePlane.start(axes.x());
        double x1 = SlicePlane.end(axes.x());
        double y0 = SlicePlane.start(axes.y());
        double y1 = SlicePlane.end(axes.y());
        double z0 = SlicePlane.start(axes.z());
        double z1 = SlicePlane.end(axes.z());
        float w = (float) (1.5 * metresPerPixel);
        double[][] c = {{x0, z0, y0}, {x1, z0, y0}, {x1, z0, y1}, {x0, z0, y1}, {x0, z1, y0}, {x1, z1, y0}, {x1, z1, y1},
            {x0, z1, y1}};
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
        for (int[] e : edges) {
            group.getChildren().add(new PolyLine3D(List.of(point(c[e[0]]), point(c[e[1]])), w, Color.BLACK,
                    PolyLine3D.LineType.TRIANGLE));
        }
        double font = 13 * metresPerPixel;
        double gap = 10 * metresPerPixel;
        for (double v : Ticks.of(x0, x1, 4)) {
            group.getChildren().add(label(Ticks.label(v), v, z0 - gap, y0, font));
        }
        group.getChildren().add(label("x (m)", x1 + 4 * gap, z0 - gap, y0, font));
        for (double v : yTicks(y0, y1, gap)) {
            group.getChildren().add(label(Ticks.label(v), x0 - gap, z0 - gap, v, font));
        }
        group.getChildren().add(label("y (m)", x0 - 5 * gap, z0 - gap, nameAlong(yTicks(y0, y1, gap), y0, y1), font));
        // As many z labels as fit one above the other (1.6 lines apart) on the vertical edge at the
        // default zoom (nice ticks are at least range / target apart): a thin volume, 4 km deep
        // and 60 km wide, gets one or two.
        int zFit = (int) Math.floor((z1 - z0) / (1.6 * font));
        for (double v : Ticks.of(z0, z1, Math.clamp(zFit, 1, 4))) {
            group.getChildren().add(label(Ticks.label(v), x0 - 3 * gap, v, y1, font));
        }
        group.getChildren().add(label("z (" + zUnit + ")", x0 - 3 * gap, z1 + 3 * gap, y1, font));
    }

    /**
     * The y tick values labelled: none near the (x0, y0) corner, which carries the x labels' 0
     * already, nor near (x0, y1), where the z labels begin.
     */
    private static List<Double> yTicks(double y0, double y1, double gap) {
        return Ticks.of(y0, y1, 4).stream().filter(v -> v > y0 + 3 * gap && v < y1 - 3 * gap).toList();
    }

    /** Where along an edge from {@code a0} to {@code a1} its name goes: midway between the two middle labelled ticks. */
    static double nameAlong(List<Double> ticks, double a0, double a1) {
        if (ticks.size() < 2) {
            return ticks.isEmpty() ? (a0 + a1) / 2 : (a0 + ticks.get(0)) / 2;
        }
        int i = (ticks.size() - 1) / 2;
        return (ticks.get(i) + ticks.get(i + 1)) / 2;
    }

    private static Point3D point(double[] p) {
        return new Point3D(p[0], p[1], p[2]);
    }

    /** A text label whose baseline centre sits at scene (x, y, z), facing the default camera. */
    private static Text label(String s, double x, double y, double z, double size) {
        Text t = new Text(s);
        t.setFont(Font.font(size));
        t.setFill(Color.BLACK);
        double w = t.getLayoutBounds().getWidth();
        t.setTranslateX(x - w / 2);
        t.setTranslateY(y);
        t.setTranslateZ(z);
        return t;
    }

    Group node() {
        return group;
    }
}
