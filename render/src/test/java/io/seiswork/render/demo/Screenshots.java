package io.seiswork.render.demo;

import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.SyntheticVolume;
import io.seiswork.core.volume.VolumeSource;
import io.seiswork.render.color.ColorMap;
import io.seiswork.render.gather.GatherStyle;
import io.seiswork.render.gather.GatherView;
import io.seiswork.render.section.SectionView;
import io.seiswork.render.snapshot.PngWriter;
import io.seiswork.render.volume3d.SliceViewer3D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Renders the 3D viewer and each 2D view of the demo volume to PNG files (run by
 * {@code scripts/screenshot.sh} under Xvfb with the es2 pipeline, so that JavaFX 3D works).
 * Not an {@code Application} subclass: it starts the toolkit with {@link Platform#startup}.
 */
public final class Screenshots {

    /**
     * Clip percentile of the amplitude pictures: the bright flat reflector holds over 1 % of the
     * demo's samples, so the default 99 % would clip at its amplitude and leave the others pale.
     */
    private static final double DEMO_CLIP_PERCENT = 90;

    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        Platform.startup(() -> { });
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            throw new IllegalStateException("JavaFX 3D is not available: run under Xvfb with -Dprism.order=es2"
                    + " -Dprism.forceGPU=true (scripts/screenshot.sh does)");
        }
        VolumeSource image = DemoVolumes.image();
        VolumeSource velocity = DemoVolumes.velocity();
        int bright = new SyntheticVolume(DemoVolumes.NX, DemoVolumes.NY, DemoVolumes.NZ).brightIndex();

        SliceViewer3D v3 = fx(() -> {
            SliceViewer3D v = new SliceViewer3D(image);
            v.colorMapProperty().set(ColorMap.SEISMIC);
            v.clipPercentProperty().set(DEMO_CLIP_PERCENT);
            v.indexProperty(SliceOrientation.DEPTH).set((int) (DemoVolumes.NZ * 0.395));
            v.indexProperty(SliceOrientation.INLINE).set(DemoVolumes.NY / 2);
            v.indexProperty(SliceOrientation.CROSSLINE).set(DemoVolumes.NX / 3);
            return v;
        });
        show(v3, 900, 720);
        await(() -> fx(() -> java.util.Arrays.stream(SliceOrientation.values())
                .allMatch(o -> v3.displayedLevelProperty(o).get() == 0)));
        write(snapshot(v3), out.resolve("viewer-3d.png"));

        section(image, SliceOrientation.INLINE, DemoVolumes.NY / 2, ColorMap.SEISMIC, out.resolve("section-inline.png"));
        section(image, SliceOrientation.CROSSLINE, DemoVolumes.NX / 2, ColorMap.GRAY, out.resolve("section-crossline.png"));
        section(image, SliceOrientation.DEPTH, (int) (DemoVolumes.NZ * 0.395), ColorMap.SEISMIC,
                out.resolve("section-depth.png"));
        section(velocity, SliceOrientation.INLINE, DemoVolumes.NY / 2, ColorMap.VIRIDIS, out.resolve("velocity-inline.png"));

        for (GatherStyle style : GatherStyle.values()) {
            GatherView g = fx(() -> {
                GatherView v = new GatherView(DemoGather.gather());
                v.gatherStyleProperty().set(style);
                return v;
            });
            show(g, 760, 520);
            await(() -> fx(() -> g.readyProperty().get()));
            write(snapshot(g), out.resolve("gather-" + style.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + ".png"));
        }
        System.out.println("bright reflector at z index " + bright + "; PNGs in " + out);
        Platform.exit();
    }

    private static void section(VolumeSource v, SliceOrientation o, int index, ColorMap map, Path file) throws Exception {
        SectionView s = fx(() -> {
            SectionView view = new SectionView(v);
            view.orientationProperty().set(o);
            view.sliceIndexProperty().set(index);
            view.colorMapProperty().set(map);
            if (map != ColorMap.VIRIDIS) {
                view.clipPercentProperty().set(DEMO_CLIP_PERCENT);
            }
            return view;
        });
        show(s, 760, 520);
        await(() -> fx(() -> s.displayedLevelProperty().get() == 0));
        write(snapshot(s), file);
    }

    private static void show(Parent root, double w, double h) throws Exception {
        fx(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(root, w, h));
            stage.show();
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> t = new FutureTask<>(c);
        Platform.runLater(t);
        return t.get(30, TimeUnit.SECONDS);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("view did not finish rendering within 60 s");
            }
            Thread.sleep(50);
        }
        fx(() -> null); // let the pulse that shows the result run
        Thread.sleep(200);
    }

    private static Image snapshot(Node n) throws Exception {
        return fx(() -> n.snapshot(null, null));
    }

    private static void write(Image img, Path file) throws IOException {
        PngWriter.write(img, file);
        System.out.println(file);
    }
}
