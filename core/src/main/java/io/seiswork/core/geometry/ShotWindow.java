package io.seiswork.core.geometry;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.text.SignificantDigits;
import io.seiswork.core.velocity.VelocityField;
import io.seiswork.core.velocity.VelocityModel;
import java.util.List;

/**
 * The part of a job's grid one shot is computed on: every column within the migration aperture
 * (metres, in x and in 3D y) of the shot's source and receivers, the full depth. A real 3D survey
 * spans tens of kilometres and a 100 GB image, while one shot's energy that returns to its
 * receivers lives within a few kilometres of them; computing each shot on its window instead of
 * the whole model divides its time, its wavefield memory and the size of its partial image by the
 * ratio of the areas, and is how production reverse-time migration is run.
 *
 * <p>The window is a grid of its own with the job's spacing, whose first node is node
 * ({@code x0}, {@code y0}, 0) of the job's grid; positions are moved into its frame by
 * {@link #local}, models cut by {@link #crop}, and its partial image is stacked back at
 * ({@code x0}, {@code y0}). Without an aperture the window is the whole grid and nothing is moved
 * or copied, so results are the same, bit for bit, as without windows at all.
 *
 * @param x0 the window's first node in x, in the job's grid
 * @param y0 the window's first node in y (0 in 2D)
 * @param grid the window's own grid: same spacing and nz as the job's
 */
public record ShotWindow(int x0, int y0, Grid grid) {

    public ShotWindow {
        if (x0 < 0 || y0 < 0) {
            throw new IllegalArgumentException("window origin must be >= 0, got (" + x0 + ", " + y0 + ")");
        }
    }

    /** The whole of {@code grid}. */
    public static ShotWindow whole(Grid grid) {
        return new ShotWindow(0, 0, grid);
    }

    /**
     * The window of {@code shot} on {@code grid}: the nodes from {@code apertureM} metres before
     * the smallest x (y) of its source and receivers to {@code apertureM} after the largest,
     * clipped to the grid, whole nodes outward; the whole grid when {@code apertureM} is null.
     */
    public static ShotWindow of(Grid grid, Shot shot, Double apertureM) {
        if (apertureM == null) {
            return whole(grid);
        }
        if (!(apertureM > 0) || Double.isInfinite(apertureM)) {
            throw new IllegalArgumentException("aperture must be a positive number of metres, got " + apertureM);
        }
        double minX = shot.source().x(), maxX = minX, minY = shot.source().y(), maxY = minY;
        for (Position r : shot.receivers()) {
            minX = Math.min(minX, r.x());
            maxX = Math.max(maxX, r.x());
            minY = Math.min(minY, r.y());
            maxY = Math.max(maxY, r.y());
        }
        int x0 = first(minX - apertureM, grid.dx());
        int x1 = last(maxX + apertureM, grid.dx(), grid.nx());
        int y0 = 0;
        int y1 = grid.ny() - 1;
        if (!grid.is2d()) {
            y0 = first(minY - apertureM, grid.dy());
            y1 = last(maxY + apertureM, grid.dy(), grid.ny());
        }
        return new ShotWindow(x0, y0, new Grid(x1 - x0 + 1, y1 - y0 + 1, grid.nz(), grid.dx(), grid.dy(), grid.dz()));
    }

    /** The largest window (most nodes) of {@code shots}: what memory is planned for. */
    public static ShotWindow largest(Grid grid, List<Shot> shots, Double apertureM) {
        return of(grid, largestShot(grid, shots, apertureM), apertureM);
    }

    /** The first of {@code shots} whose window is the largest: the shot memory is planned and speed measured on. */
    public static Shot largestShot(Grid grid, List<Shot> shots, Double apertureM) {
        Shot best = null;
        long most = -1;
        for (Shot s : shots) {
            long points = of(grid, s, apertureM).grid().nodes();
            if (points > most) {
                best = s;
                most = points;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no shots");
        }
        return best;
    }

    /**
     * One line on a job's windows for the user, for example "aperture 500 m: each shot on 131 to
     * 261 of the 401 columns (mean 65 % of the model)"; in 3D the columns are counted as x × y.
     */
    public static String summary(Grid grid, List<Shot> shots, double apertureM) {
        long least = Long.MAX_VALUE;
        long most = 0;
        double sum = 0;
        for (Shot s : shots) {
            Grid w = of(grid, s, apertureM).grid();
            long columns = (long) w.nx() * w.ny();
            least = Math.min(least, columns);
            most = Math.max(most, columns);
            sum += columns;
        }
        long all = (long) grid.nx() * grid.ny();
        String size = grid.is2d() ? all + " columns" : grid.nx() + " x " + grid.ny() + " columns";
        String range = shots.isEmpty() ? "no shots" : least == most ? least + " of the " + size
                : least + " to " + most + " of the " + size;
        double meanPercent = shots.isEmpty() ? 0 : 100 * sum / shots.size() / all;
        // A survey's windows can be a tiny part of it: two significant digits below 1 %, not "0 %".
        String mean = meanPercent >= 1 || meanPercent == 0 ? String.format(java.util.Locale.ROOT, "%.0f", meanPercent)
                : SignificantDigits.round(meanPercent, 2).toPlainString();
        return String.format(java.util.Locale.ROOT, "aperture %s m: each shot on %s (mean %s %% of the model)",
                SignificantDigits.plain(apertureM, 4),
                range, mean);
    }

    /** Whether this window is all of {@code full}: nothing to cut or move. */
    public boolean isWhole(Grid full) {
        return x0 == 0 && y0 == 0 && grid.equals(full);
    }

    /** {@code shot} with its positions in the window's frame (metres from the window's first node). */
    public Shot local(Shot shot) {
        if (x0 == 0 && y0 == 0) {
            return shot;
        }
        PackedPositions.Builder receivers = new PackedPositions.Builder(shot.receivers().size());
        for (Position r : shot.receivers()) {
            receivers.add(local(r));
        }
        return new Shot(shot.number(), local(shot.source()), receivers.build());
    }

    private Position local(Position p) {
        return new Position(p.x() - x0 * grid.dx(), p.y() - y0 * grid.dy(), p.z());
    }

    /**
     * {@code field}'s values inside the window, as a model on the window's grid; the model itself
     * when it is held in memory and the window is the whole of its grid.
     *
     * @throws IllegalArgumentException when the window does not lie inside the field's grid
     */
    public VelocityModel crop(VelocityField field) {
        requireInside(field.grid());
        return field.window(x0, y0, grid);
    }

    /**
     * Checks that the window lies inside {@code full} with the same spacing and depth.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public void requireInside(Grid full) {
        if (grid.nz() != full.nz() || grid.dx() != full.dx() || grid.dy() != full.dy() || grid.dz() != full.dz()
                || (long) x0 + grid.nx() > full.nx() || (long) y0 + grid.ny() > full.ny()) {
            throw new IllegalArgumentException("window " + grid + " at (" + x0 + ", " + y0 + ") does not lie inside " + full);
        }
    }

    private static int first(double xM, double d) {
        return (int) Math.max(0, Math.floor(xM / d));
    }

    private static int last(double xM, double d, int n) {
        return (int) Math.min(n - 1, Math.ceil(xM / d));
    }
}
