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

    /** {@code name} as a message shows it: the checkpoint with a slash, since it is a folder. */
    public static String shown(String name) {
        return name.equals(CHECKPOINT) ? CHECKPOINT + "/" : name;
    }

    /**
     * Removes {@code names} (run-output names, {@link #ALL}) from {@code dir}: the files, the
     * checkpoint's folder with what it holds; nothing else of the folder is touched.
     *
     * @throws IllegalArgumentException when a name is not a run output's (nothing is removed)
     * @throws UncheckedIOException naming the file when one cannot be removed
     */
    public static void remove(Path dir, Collection<String> names) {
        for (String name : names) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("not a run output: \"" + name + "\" (one of " + ALL + ")");
            }
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
