package io.seiswork.render.section;

import io.seiswork.core.volume.SliceOrientation;
import javafx.scene.canvas.GraphicsContext;

/**
 * Something drawn over a section in data coordinates (for example the acquisition geometry over a
 * velocity model), each time the section is drawn, clipped to the plot area. Runs on the JavaFX
 * thread with the section's picture already drawn, so it must be quick: a few thousand markers,
 * not a computation.
 */
@FunctionalInterface
public interface SectionOverlay {

    /**
     * @param g the section's canvas, clipped to the plot area
     * @param view the section: {@link SectionView#xOf} and {@link SectionView#yOf} map metres to
     *     canvas pixels
     * @param orientation which plane is shown
     * @param slice the plane's position along its normal axis (metres, or seconds for a time
     *     depth slice)
     */
    void draw(GraphicsContext g, SectionView view, SliceOrientation orientation, double slice);
}
