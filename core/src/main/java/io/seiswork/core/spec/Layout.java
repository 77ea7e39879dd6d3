package io.seiswork.core.spec;

import io.seiswork.core.geometry.Position;
import java.util.ArrayList;
import java.util.List;

/** A layout of points (sources or receivers) in metres; y is ignored in 2D models. */
public sealed interface Layout {

    /** Every point of the layout, in order (shot and receiver numbers follow this order). */
    List<Position> positions();

    /** The spec key of this layout: "line", "grid" or "list". */
    String kind();

    /** {@code n} points from {@code x0} every {@code dx} metres along x, at (y, z). */
    record Line(double x0M, double dxM, int n, double yM, double zM) implements Layout {
        @Override
        public List<Position> positions() {
            List<Position> p = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                p.add(new Position(x0M + i * dxM, yM, zM));
            }
            return p;
        }

        @Override
        public String kind() {
            return "line";
        }
    }

    /** An {@code nx × ny} areal patch at depth z; x runs fastest. */
    record Areal(double x0M, double dxM, int nx, double y0M, double dyM, int ny, double zM) implements Layout {
        @Override
        public List<Position> positions() {
            List<Position> p = new ArrayList<>(nx * ny);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    p.add(new Position(x0M + i * dxM, y0M + j * dyM, zM));
                }
            }
            return p;
        }

        @Override
        public String kind() {
            return "grid";
        }
    }

    /** Explicit points. */
    record Points(List<Position> points) implements Layout {
        public Points {
            points = List.copyOf(points);
        }

        @Override
        public List<Position> positions() {
            return points;
        }

        @Override
        public String kind() {
            return "list";
        }
    }
}
