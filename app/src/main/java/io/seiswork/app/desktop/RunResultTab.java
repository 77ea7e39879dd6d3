package io.seiswork.app.desktop;

import io.seiswork.app.run.LocalRunner;
import io.seiswork.core.spec.Task;
import io.seiswork.core.volume.SwvReader;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.section.SliceView;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The project window's Result tab: a migration's image as it is stacked, what a run leaves when it
 * ends (the image or the gathers it wrote, read off the JavaFX thread; the image so far when it
 * stopped part-way; or why there is none), and the result files it holds open until the next run.
 */
final class RunResultTab {

    private final Tab resultTab;
    private final TabPane tabs;
    private final ExecutorService io;
    private final Consumer<String> status;
    private final SliceView imageSoFar = new SliceView();
    /** The migration's image last shown while it runs, or null: kept on screen if the run stops part-way. */
    private RunEvents.Image lastImage;
    /** The output folder of the run started or followed last: where its pictures are saved. */
    private Path runFolder;
    private AutoCloseable shownResult;

    /**
     * @param tabs the window's tabs, {@code resultTab} among them (selected when a result is shown)
     * @param io where result files are opened and closed
     * @param status shows a line on the window's status line (JavaFX thread)
     */
    RunResultTab(Tab resultTab, TabPane tabs, ExecutorService io, Consumer<String> status) {
        this.resultTab = resultTab;
        this.tabs = tabs;
        this.io = io;
        this.status = status;
        imageSoFar.setId("imageSoFar");
        imageSoFar.unitProperty().set("image amplitude");
        resultTab.setContent(Placeholder.of("Run the job to see its result here."));
    }

    SliceView imageSoFar() {
        return imageSoFar;
    }

    /**
     * A run starts, or a cloud job is followed: the last result is closed, {@code text} shown in
     * its place, and the run's pictures go to {@code folder}.
     */
    void begin(Path folder, String text) {
        runFolder = folder;
        close();
        lastImage = null;
        resultTab.setContent(Placeholder.of(text));
    }

    /**
     * The migration's image after one more shot in the Result tab: whole in the volume viewer
     * (the 3D view and sections of a 3D image, kept with their slices and camera from shot to
     * shot), or for an image too large to copy each shot its middle inline.
     */
    void showImageSoFar(RunEvents.Image im) {
        lastImage = im;
        if (im.volume() != null) {
            if (!(resultTab.getContent() instanceof VolumeWindow live && live.getId().equals("liveImage")
                    && live.showVolume(im.volume()))) {
                VolumeWindow live = new VolumeWindow(im.volume(), ColorMap.SEISMIC);
                live.setId("liveImage");
                live.setPictureFolder(runFolder);
                resultTab.setContent(live);
            }
            return;
        }
        imageSoFar.titleProperty().set(String.format(java.util.Locale.ROOT,
                "Image after %d of %d shots (middle inline)", im.stacked(), im.shots()));
        imageSoFar.sliceProperty().set(im.section());
        if (resultTab.getContent() != imageSoFar) {
            resultTab.setContent(imageSoFar);
        }
    }

    /** "The run was cancelled; …", "The run failed: …": a run's end message as a sentence. */
    static String endedAs(String message) {
        return (message.startsWith("cancelled") ? "The run was " : "The run ") + message;
    }

    /**
     * What a run of {@code task} (null when not known) leaves when it ends: its result when it is
     * done; the image stacked so far when it stopped part-way, said to be that; else why there is none.
     */
    void ended(DesktopRun.Outcome o, Task task) {
        RunEvents.Image soFar = lastImage;
        lastImage = null;
        Node live = resultTab.getContent();
        if (o.status() == DesktopRun.Status.DONE && task != null) {
            showResult(task, o.outDir());
        } else if (soFar != null && (live == imageSoFar || live instanceof VolumeWindow w && "liveImage".equals(w.getId()))) {
            // Cancelled or failed part-way: the image stacked so far stays on screen, said to be that.
            Label note = new Label(String.format(java.util.Locale.ROOT, "The image after %d of %d shots (image files are"
                    + " written when a run finishes). %s", soFar.stacked(), soFar.shots(), endedAs(o.message())));
            note.setId("imageSoFarNote");
            note.setWrapText(true);
            note.setPadding(new Insets(4, 8, 4, 8));
            resultTab.setContent(null);
            BorderPane kept = new BorderPane(live);
            kept.setTop(note);
            resultTab.setContent(kept);
        } else {
            resultTab.setContent(Placeholder.of("No result: " + o.message()));
        }
    }

    /** The image of a migration, or the gathers of a modelling run, read off the JavaFX thread. */
    void showResult(Task task, Path dir) {
        // The live image's window takes the written image in place: its slices and camera stay.
        VolumeWindow live = task == Task.RTM && resultTab.getContent() instanceof VolumeWindow w
                && "liveImage".equals(w.getId()) ? w : null;
        if (live == null) {
            resultTab.setContent(Placeholder.of("Reading the result..."));
        }
        io.submit(() -> {
            try {
                if (task == Task.RTM) {
                    VolumeSource image = SwvReader.open(dir.resolve("image.swv"));
                    Platform.runLater(() -> {
                        shownResult = image;
                        if (live != null && resultTab.getContent() == live && live.showVolume(image)) {
                            live.setId("resultImage");
                        } else {
                            VolumeWindow written = new VolumeWindow(image, ColorMap.SEISMIC);
                            written.setId("resultImage");
                            resultTab.setContent(written);
                        }
                        tabs.getSelectionModel().select(resultTab);
                    });
                } else {
                    Platform.runLater(() -> {
                        var gathers = new GatherFileOpening(dir.resolve(LocalRunner.SHOTS_FILE), io, status);
                        shownResult = gathers;
                        resultTab.setContent(gathers);
                        tabs.getSelectionModel().select(resultTab);
                    });
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> resultTab.setContent(Placeholder.of("Cannot show the result: " + ProblemLine.of(e))));
            }
        });
    }

    /** Closes the result files shown (on the I/O thread): another result takes their place, or the window closes. */
    void close() {
        AutoCloseable r = shownResult;
        shownResult = null;
        if (r != null) {
            io.submit(() -> {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // a result file that does not close cleanly has nothing left to lose
                }
            });
        }
    }
}
