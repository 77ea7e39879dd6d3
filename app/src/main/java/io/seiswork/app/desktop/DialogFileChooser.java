package io.seiswork.app.desktop;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The file dialog behind the form's Choose buttons. It opens in the folder of the file the spec
 * names now, else the spec's folder, and writes the file relative to the spec's folder when it
 * lies under it (specs and their models move together), else whole, with forward slashes.
 */
final class DialogFileChooser implements ModelFileChooser {

    private final Supplier<Path> specFolder;
    private final Supplier<Window> owner;

    /**
     * @param specFolder the folder relative file names in the spec resolve against
     * @param owner the window the dialog belongs to
     */
    DialogFileChooser(Supplier<Path> specFolder, Supplier<Window> owner) {
        this.specFolder = specFolder;
        this.owner = owner;
    }

    @Override
    public String choose(String title, boolean segy, String current) {
        Path folder = specFolder.get().toAbsolutePath().normalize();
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (segy) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("SEG-Y files (*.sgy, *.segy)", "*.sgy", "*.segy", "*.SGY", "*.SEGY"));
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        Path start = current == null ? folder : folder.resolve(current).getParent();
        // Asked off the JavaFX thread, not waited for long (a hung network share): QuickFolder.
        Path from = QuickFolder.first(start == null ? List.of(folder) : List.of(start, folder));
        if (from != null) {
            chooser.setInitialDirectory(from.toFile());
        }
        File f = chooser.showOpenDialog(owner.get());
        return f == null ? null : specName(folder, f.toPath());
    }

    @Override
    public Path resolve(String name) {
        return specFolder.get().toAbsolutePath().resolve(name).normalize();
    }

    /** How a spec in {@code folder} names {@code file}: relative when it lies under the folder. */
    static String specName(Path folder, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path name = abs.startsWith(folder) ? folder.relativize(abs) : abs;
        return name.toString().replace(File.separatorChar, '/');
    }
}
