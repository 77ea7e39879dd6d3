package io.seiswork.render.volume3d;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.volume.SliceOrientation;
import io.seiswork.core.volume.VolumeAxes;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;

/**
 * One textured slice plane of the 3D view: a two-triangle quad spanning the volume's extent in
 * the slice's two axes, moved along its normal when the slice index changes, with the coloured
 * slice as its diffuse map (lit only by white ambient light, so pixels keep the colour map's
 * colours). Scene coordinates: X = x, Y = z (down), Z = y, all in metres.
 */
final class SlicePlane {

    private final SliceOrientation orientation;
    private final VolumeAxes axes;
    private final MeshView view;
    private final PhongMaterial material = new PhongMaterial(Color.WHITE);

    SlicePlane(SliceOrientation orientation, VolumeAxes axes) {
        this.orientation = orientation;
        this.axes = axes;
        TriangleMesh mesh = new TriangleMesh();
        float a0 = (float) start(axes.across(orientation));
        float a1 = (float) end(axes.across(orientation));
        float d0 = (float) start(axes.down(orientation));
        float d1 = (float) end(axes.down(orientation));
        // Corners in (across, down) order: top-left, top-right, bottom-right, bottom-left.
        float[][] ad = {{a0, d0}, {a1, d0}, {a1, d1}, {a0, d1}};
        for (float[] c : ad) {
            mesh.getPoints().addAll(scenePoint(c[0], c[1]));
        }
        mesh.getTexCoords().addAll(0, 0, 1, 0, 1, 1, 0, 1);
        mesh.getFaces().addAll(0, 0, 1, 1, 2, 2, 0, 0, 2, 2, 3, 3);
        view = new MeshView(mesh);
        view.setCullFace(CullFace.NONE);
        view.setMaterial(material);
        view.setId(orientation.name().toLowerCase(java.util.Locale.ROOT) + "-plane");
    }

    /** Scene point (x, y, z) of a plane point at normal coordinate 0 with these across/down values. */
    private float[] scenePoint(float across, float down) {
        return switch (orientation) {
            case INLINE -> new float[] {across, down, 0};
            case CROSSLINE -> new float[] {0, down, across};
            case DEPTH -> new float[] {across, 0, down};
        };
    }

    static double start(Sampling s) {
        return s.first() - s.delta() / 2;
    }

    static double end(Sampling s) {
        return s.last() + s.delta() / 2;
    }

    /** The node. */
    MeshView node() {
        return view;
    }

    /** Moves the plane to level-0 index {@code index} along its normal. */
    void moveTo(int index) {
        double v = axes.normal(orientation).value(index);
        switch (orientation) {
            case INLINE -> view.setTranslateZ(v);
            case CROSSLINE -> view.setTranslateX(v);
            case DEPTH -> view.setTranslateY(v);
        }
    }

    /** Shows {@code image} on the plane. */
    void setImage(Image image) {
        material.setDiffuseMap(image);
    }
}
