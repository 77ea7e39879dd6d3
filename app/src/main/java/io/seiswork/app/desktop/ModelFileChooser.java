package io.seiswork.app.desktop;

import java.nio.file.Path;

/**
 * Asks the user for a file the spec names (a velocity model, recorded data), and says how the
 * spec should write it. The window's chooser is a dialog; tests give the file directly.
 */
interface ModelFileChooser {

    /**
     * @param title what is being chosen ("SEG-Y velocity model")
     * @param segy whether the file is a SEG-Y file (the dialog then offers *.sgy, *.segy first)
     * @param current the spec's value now, or null
     * @return the file as the spec should name it (relative to the spec's folder when it lies
     *     under it), or null when the user changed their mind
     */
    String choose(String title, boolean segy, String current);

    /** The file a spec's file name means (relative names resolve against the spec's folder). */
    default Path resolve(String name) {
        return Path.of(name);
    }
}
