package io.seiswork.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The names a Seiswork run's outputs have in its output folder, whether a local run wrote them or
 * a fetch brought them from the cloud: the gathers of task model ({@value #SHOTS}), the image of
 * task rtm ({@value #IMAGE} and {@value #IMAGE_VOLUME}), a local run's report ({@value #REPORT})
 * and the checkpoint a stopped local run keeps ({@value #CHECKPOINT}, a folder). One list, so that
 * the local run, the worker and a fetch agree on what makes a folder a run's (the desktop and
 * {@code view} show such a folder's files as one run), and that a folder holding two runs' files
 * is noticed wherever files come into it. Other files of the folder (the user's notes, the
 * lock {@value FolderLock#OUTPUTS}) are no run's outputs.
 *
 * <p>Only the checkpoint is ever a folder, and only one holding its state file
 * ({@value #CHECKPOINT_STATE}) is a Seiswork checkpoint. Any other folder by one of the names (the
 * user's {@code run.json/} of notes, a training run's {@code checkpoint/} of model weights) is
 * nobody's run output: it is in the way of a run or fetch, never removed, and the user is told to
 * move it ({@link #foreignFolders}, {@link #movePlease}).
 *
 * <p>Case: every check asks the file system for an output's own name ({@code dir.resolve(name)}),
 * never compares a listing's names, so {@code Image.sgy} is {@code image.sgy} exactly where the
 * folder's file system folds case (macOS's APFS by default, Windows' NTFS, ext4 folders with
 * {@code chattr +F}), found and removed as it, and another file, left alone, where it does not
 * (Linux's usual file systems): the lookup that decides is the one a write by that name goes
 * through, per folder, where a probe of ours could only guess.
 */
public final class RunOutputs {

    /** The shot gathers of task model (SEG-Y). */
    public static final String SHOTS = "shots.sgy";
    /** The image of task rtm as a SEG-Y depth volume. */
    public static final String IMAGE = "image.sgy";
    /** The same image as a bricked multi-resolution volume, for the viewers. */
    public static final String IMAGE_VOLUME = "image.swv";
    /** A local run's report: the resolved spec, timings, status. */
    public static final String REPORT = "run.json";
    /** The folder of a stopped local run's checkpoint, which its resume goes on from. */
    public static final String CHECKPOINT = "checkpoint";

    /** The state file a Seiswork checkpoint folder holds: a folder named {@value #CHECKPOINT} without one is not a run's. */
    public static final String CHECKPOINT_STATE = "state.json";

    /** Every run-output name, both tasks' files, the report and the checkpoint. */
    public static final List<String> ALL = List.of(IMAGE, IMAGE_VOLUME, SHOTS, REPORT, CHECKPOINT);

    private RunOutputs() {
    }

    /**
     * The run-output names present in {@code dir}, in the order of {@link #ALL} (a link or a
     * folder by one of the names counts: something is there); empty when there is no folder.
     */
    public static List<String> in(Path dir) {
        List<String> there = new ArrayList<>();
        for (String name : ALL) {
            if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                there.add(name);
            }
        }
        return there;
    }

    /**
     * Whether {@code dir} holds a Seiswork checkpoint: a folder {@value #CHECKPOINT} (not a link)
     * holding its state file {@value #CHECKPOINT_STATE}, which every checkpoint a run starts has.
     */
    public static boolean holdsCheckpoint(Path dir) {
        Path folder = dir.resolve(CHECKPOINT);
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(folder.resolve(CHECKPOINT_STATE), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The run-output names in {@code dir} (of {@link #in}) that are folders no Seiswork run leaves:
     * any folder but a Seiswork checkpoint ({@link #holdsCheckpoint}). Nothing removes them.
     */
    public static List<String> foreignFolders(Path dir) {
        List<String> folders = new ArrayList<>();
        for (String name : in(dir)) {
            if (Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)
                    && !(name.equals(CHECKPOINT) && holdsCheckpoint(dir))) {
                folders.add(name);
            }
        }
        return folders;
    }

    /**
     * {@code name} in {@code dir} as a message shows it: with a trailing slash when it is a folder
     * (the checkpoint, or a user's folder by a file's name), so that it never reads as a file.
     */
    public static String shown(Path dir, String name) {
        return Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
    }

    /** {@code names} in {@code dir} as messages show them ({@link #shown(Path, String)}). */
    public static List<String> shown(Path dir, Collection<String> names) {
        return names.stream().map(n -> shown(dir, n)).toList();
    }

    /** {@code names} (not empty) in {@code dir} as a message lists them: "image.sgy, run.json/ and checkpoint/". */
    public static String named(Path dir, List<String> names) {
        List<String> shown = shown(dir, names);
        return shown.size() == 1 ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.getLast();
    }

    /**
     * The line that asks the user to move {@code folders} ({@link #foreignFolders}) out of
     * {@code dir}: "move run.json/ out of DIR: a folder no Seiswork run leaves, which nothing here
     * removes".
     */
    public static String movePlease(Path dir, List<String> folders) {
        return "move " + named(dir, folders) + " out of " + dir + ": " + (folders.size() == 1 ? "a folder" : "folders")
                + " no Seiswork run leaves"
                + " (only " + CHECKPOINT + "/ holding " + CHECKPOINT_STATE + " is a run's), which nothing here removes";
    }

    /**
     * Removes {@code file} when it is a symbolic link, the link itself and never what it points
     * to, so that a writer opening {@code file} next creates the run's own file in its folder
     * instead of writing through the link onto a file elsewhere ({@code out/shots.sgy ->
     * field/survey.sgy}); nothing when it is no link.
     *
     * @throws UncheckedIOException naming the link when it cannot be removed
     */
    public static void dropLink(Path file) {
        if (Files.isSymbolicLink(file)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the link " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes {@code names} (run-output names, {@link #ALL}) from {@code dir}: the files (a link,
     * never what it points to), a Seiswork checkpoint's folder with what it holds; nothing else of
     * the folder is touched.
     *
     * @throws IllegalArgumentException when a name is not a run output's (nothing is removed)
     * @throws IllegalStateException when one of them is a folder no Seiswork run leaves
     *     ({@link #foreignFolders}; nothing is removed), saying to move it
     * @throws UncheckedIOException naming the file when one cannot be removed
     */
    public static void remove(Path dir, Collection<String> names) {
        for (String name : names) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("not a run output: \"" + name + "\" (one of " + ALL + ")");
            }
        }
        List<String> folders = foreignFolders(dir).stream().filter(names::contains).toList();
        if (!folders.isEmpty()) {
            throw new IllegalStateException(movePlease(dir, folders) + "; nothing was removed");
        }
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.delete(p);
            } else {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
