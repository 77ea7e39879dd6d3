package io.seiswork.app.desktop;

import io.seiswork.core.geometry.Position;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.segy.ShotGatherWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntToDoubleFunction;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The setup the gather-pane tests share: a {@link GatherPane} on a shots file, at its first shot,
 * shown at 800 x 600 px with its reads on one IO thread and the problems it reports collected;
 * {@link #close} stops the thread and closes the file.
 */
final class GatherPaneFixture implements AutoCloseable {

    /** The pane's IO thread. */
    final ExecutorService io = Executors.newSingleThreadExecutor();
    /** What the pane reported for the status line, in order. */
    final List<String> problems = new ArrayList<>();
    final ShotGatherFile file;
    final GatherPane pane;

    /** Opens {@code shots} and shows its first shot on {@code stage}. */
    GatherPaneFixture(Path shots, Stage stage) {
        file = new ShotGatherFile(shots);
        pane = new GatherPane(file, file.read(1, ShotGatherFile.TraceAxis.RECEIVER), io, problems::add);
        stage.setScene(new Scene(pane, 800, 600));
        stage.show();
    }

    @Override
    public void close() {
        io.shutdownNow();
        file.close();
    }

    /** The samples of one shot's receiver trace, to be filled in place. */
    @FunctionalInterface
    interface Traces {
        void fill(int shot, int receiver, float[] trace);
    }

    /**
     * Writes {@code shots} shots (numbered from 1, shot s at x {@code shotX(s)} m) of {@code receivers}
     * receivers every 10 m from x 0, at the surface, on {@code time}, each trace as {@code traces} fills it.
     */
    static Path writeShots(Path file, Sampling time, int shots, int receivers, IntToDoubleFunction shotX,
            Traces traces) {
        try (ShotGatherWriter w = new ShotGatherWriter(file, time, true, 1000, "test")) {
            for (int s = 1; s <= shots; s++) {
                List<Position> at = new ArrayList<>();
                float[][] samples = new float[receivers][time.count()];
                for (int r = 0; r < receivers; r++) {
                    at.add(new Position(r * 10.0, 0, 0));
                    traces.fill(s, r, samples[r]);
                }
                w.write(new Shot(s, new Position(shotX.applyAsDouble(s), 0, 0), at), samples);
            }
        }
        return file;
    }
}
