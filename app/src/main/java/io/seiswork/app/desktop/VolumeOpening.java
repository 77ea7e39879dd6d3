package io.seiswork.app.desktop;

import io.seiswork.app.volume.SegyViewVolume;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens a volume file ({@code .swv}, or a post-stack SEG-Y cube) in a {@link VolumeWindow} of its
 * own, as {@code seiswork view} does: a {@code .swv} is opened in place; a SEG-Y cube is scanned
 * (its trace headers, to find the cube) and converted to a temporary bricked volume, both on a
 * thread of their own, with a small window showing how far the conversion is (a bar in bytes of
 * the file) and a Cancel that stops it between inlines. The volume is closed with its window.
 */
final class VolumeOpening {

    /** Names the desktop opens as volumes: SEG-Y and Seiswork's bricked volumes. */
    static boolean isVolumeFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".sgy") || n.endsWith(".segy") || n.endsWith(".swv");
    }

    private final Stage progress = new Stage();
    private final Label doing = new Label();
    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Button cancel = new Button("Cancel");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Path file;
    /** The window the volume was opened from (its screen sizes the viewer), or null. */
    private final Window owner;

    private VolumeOpening(Window owner, Path file) {
        this.file = file;
        this.owner = owner;
        doing.setId("volumeOpeningText");
        doing.setWrapText(true);
        doing.setText("Reading the trace headers of " + file.getFileName() + "...");
        bar.setPrefWidth(420);
        cancel.setId("volumeOpeningCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            cancelled.set(true);
            progress.close();
        });
        VBox box = new VBox(8, doing, bar, new HBox(cancel));
        box.setPadding(new Insets(12));
        box.setPrefWidth(460);
        progress.setTitle("Opening " + file.getFileName());
        if (owner != null) {
            progress.initOwner(owner);
        }
        progress.setScene(new Scene(box));
        progress.setOnHidden(e -> cancelled.set(true));
    }

    /**
     * Opens {@code file} off the JavaFX thread, showing progress, then in a window of its own; a
     * file that cannot be opened says why in the progress window (no stack trace). Call on the
     * JavaFX thread.
     *
     * @return the opening under way (tests: its progress window)
     */
    static VolumeOpening open(Window owner, Path file) {
        VolumeOpening o = new VolumeOpening(owner, file);
        o.progress.show();
        Thread t = new Thread(o::read, "seiswork-open-volume");
        t.setDaemon(true);
        t.start();
        return o;
    }

    /** The progress window (tests). */
    Stage progressWindow() {
        return progress;
    }

    private void read() {
        VolumeSource v;
        try {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            v = n.endsWith(".swv") ? SwvReader.open(file) : SegyViewVolume.openSegy(file, "auto",
                    new PrintWriter(lines(), true), (done, total) -> {
                        if (cancelled.get()) {
                            throw new CancellationException("cancelled");
                        }
                        double f = total > 0 ? (double) done / total : -1;
                        Platform.runLater(() -> bar.setProgress(f));
                    });
        } catch (CancellationException e) {
            return;  // the user closed the progress window: nothing left behind
        } catch (RuntimeException e) {
            String why = ProblemLine.of(e);
            Platform.runLater(() -> {
                if (!cancelled.get()) {
                    bar.setProgress(0);
                    doing.setText("Cannot open " + file + ": " + why);
                    cancel.setText("Close");
                }
            });
            return;
        }
        Platform.runLater(() -> {
            if (cancelled.get()) {
                v.close();
                return;
            }
            progress.setOnHidden(null);
            progress.close();
            show(v, owner);
        });
    }

    /** What {@code seiswork view} prints, a line at a time, put in the progress window. */
    private Writer lines() {
        return new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] c, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (c[i] == '\n') {
                        String said = line.toString().replaceFirst("^seiswork: ", "");
                        line.setLength(0);
                        Platform.runLater(() -> doing.setText(said));
                    } else {
                        line.append(c[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** The viewer's window, sized for and placed on the screen of {@code owner} (null: the primary screen). */
    private static void show(VolumeSource v, Window owner) {
        Stage stage = new Stage();
        stage.setTitle("Seiswork: " + v.name());
        WindowSize size = VolumeWindow.sizeOn(owner);
        stage.setScene(new Scene(new VolumeWindow(v, VolumeWindow.isVelocity(v) ? ColorMap.VIRIDIS : ColorMap.SEISMIC),
                size.width(), size.height()));
        size.place(stage, owner);
        stage.setOnHidden(e -> v.close());
        stage.show();
    }
}
