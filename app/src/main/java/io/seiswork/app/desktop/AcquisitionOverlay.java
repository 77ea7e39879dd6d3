package io.seiswork.app.desktop;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.render.section.SectionOverlay;
import io.seiswork.render.section.SectionView;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The survey's sources (red dots) and receivers (small white triangles outlined in black) over the velocity model's
 * sections: on an inline the positions within half a cell of its y, on a crossline those within
 * half a cell of its x, and on a depth slice all of them in plan view (the acquisition layout).
 * Coordinates are metres from the model's first node, as in the job spec. At most
 * {@value #MAX_MARKERS} markers of each kind are drawn (every k-th beyond that), so a survey of
 * a million receivers still redraws within a frame.
 */
final class AcquisitionOverlay implements SectionOverlay {

    /** Markers of each kind drawn at most. */
    static final int MAX_MARKERS = 20_000;

    private static final Color SOURCE = Color.rgb(230, 20, 20);
    static final Color RECEIVER = Color.WHITE;
    static final Color RECEIVER_OUTLINE = Color.BLACK;

    private final List<Position> sources;
    private final List<Position> receivers;
    private final double halfDx;
    private final double halfDy;

    AcquisitionOverlay(List<Position> sources, List<Position> receivers, Grid grid) {
        this.sources = sources;
        this.receivers = receivers;
        this.halfDx = grid.dx() / 2;
        this.halfDy = grid.is2d() ? Double.POSITIVE_INFINITY : grid.dy() / 2;
    }

    @Override
    public void draw(GraphicsContext g, SectionView view, SliceOrientation o, double slice) {
        g.setLineWidth(1);
        // White triangles outlined in black: seen on viridis' dark (slow) end and its bright one alike.
        g.setFill(RECEIVER);
        g.setStroke(RECEIVER_OUTLINE);
        double half = receiverHalfSize(shown(receivers, o, slice), view.getWidth() * view.getHeight());
        if (half < TRIANGLE_HALF) {
            // Dense (an areal spread in plan view): small dots that leave the model between them.
            g.setLineWidth(0.5);
            forEach(receivers, o, slice, (x, y) -> {
                g.fillRect(x - half, y - half, 2 * half, 2 * half);
                g.strokeRect(x - half, y - half, 2 * half, 2 * half);
            }, view);
            g.setLineWidth(1);
        } else {
            forEach(receivers, o, slice, (x, y) -> {
                double[] xs = {x - half, x + half, x};
                double[] ys = {y - half, y - half, y + half};
                g.fillPolygon(xs, ys, 3);
                g.strokePolygon(xs, ys, 3);
            }, view);
        }
        g.setStroke(Color.WHITE);
        g.setFill(SOURCE);
        forEach(sources, o, slice, (x, y) -> {
            g.fillOval(x - 4, y - 4, 8, 8);
            g.strokeOval(x - 4, y - 4, 8, 8);
        }, view);
    }

    /** Half the size of a receiver triangle, pixels, where they are sparse. */
    static final double TRIANGLE_HALF = 3.5;

    /**
     * Half the size in pixels of a receiver marker when {@code shown} of them share a view of
     * {@code viewPixels} pixels: the triangle while each has some 20 px square of its own, else
     * shrunk with the spacing (an eighth of it, 1 px at least: a sixteenth of the area) so that a dense spread (2091
     * receivers on a depth slice) leaves the model visible between its markers.
     */
    static double receiverHalfSize(int shown, double viewPixels) {
        if (shown == 0) {
            return TRIANGLE_HALF;
        }
        double spacing = Math.sqrt(viewPixels / shown);
        return spacing >= 20 ? TRIANGLE_HALF : Math.max(1, spacing / 8);
    }

    /** How many of {@code points} an {@code o} section at {@code slice} shows (for tests). */
    int shown(List<Position> points, SliceOrientation o, double slice) {
        int[] n = {0};
        forEach(points, o, slice, (x, y) -> n[0]++, null);
        return n[0];
    }

    List<Position> sources() {
        return sources;
    }

    List<Position> receivers() {
        return receivers;
    }

    private interface Marker {
        void at(double x, double y);
    }

    private void forEach(List<Position> points, SliceOrientation o, double slice, Marker m, SectionView view) {
        int stride = Math.max(1, (points.size() + MAX_MARKERS - 1) / MAX_MARKERS);
        for (int i = 0; i < points.size(); i += stride) {
            Position p = points.get(i);
            double across;
            double down;
            switch (o) {
                case INLINE -> {
                    if (Math.abs(p.y() - slice) > halfDy) {
                        continue;
                    }
                    across = p.x();
                    down = p.z();
                }
                case CROSSLINE -> {
                    if (Math.abs(p.x() - slice) > halfDx) {
                        continue;
                    }
                    across = p.y();
                    down = p.z();
                }
                default -> {
                    across = p.x();
                    down = p.y();
                }
            }
            m.at(view == null ? across : view.xOf(across), view == null ? down : view.yOf(down));
        }
    }
}
