package io.seiswork.app.desktop;

import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.core.grid.Grid;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpec;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.core.spec.SpecDraft;
import io.seiswork.core.spec.SpecException;
import io.seiswork.core.spec.SpecProblem;
import io.seiswork.core.spec.WholeGridStorage;
import io.seiswork.kernels.job.FreeSpace;
import io.seiswork.kernels.job.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the Examples menu says of a spec under its name, so that nobody opens a survey that fills
 * the disk, or a spec whose model is not there, unawares. The figures are the project's own: the
 * spec read and resolved as opening it would ({@link JobResolver} with this JVM's heap budget,
 * then the cloud workers' when only this machine's memory is short), the memory a shot needs
 * ({@link ResolvedJob#memoryBytes}), whether its whole grid is kept out of core, and the disk its
 * image takes ({@link ImageFiles#diskBytes}), held against the free space of the folder a run of it
 * writes to ({@link #withFreeSpace}). Only the words for a file from outside the repository come
 * from a document: the examples folder's {@code README.md}.
 *
 * <p>Working it out reads the spec and resolves it (loading a model file it names): call it off
 * the JavaFX thread.
 *
 * @param summary one line: dimensions, task, cells, shots and memory a shot ("2D rtm, 401 x 201
 *     cells, 9 shots, 7.7 MiB a shot")
 * @param cautions what to know before opening or running it, one sentence each, starting "needs",
 *     "large:" or "not enough" (a file from outside the repository, found or missing; a grid
 *     kept out of core and the disk it takes; a job for the cloud only; a spec with problems;
 *     the disk it takes beyond the free space where it runs, {@link #withFreeSpace}); empty for none
 * @param diskBytes the disk a run's output folder needs, bytes, as the disk caution states it (a
 *     migration's stack, image.sgy and image.swv); 0 when no caution states one
 * @param output the folder a run of it writes to (where the desktop puts runs of this spec); null
 *     when not known, and then its free space is not looked at
 */
record ExampleNote(String summary, List<String> cautions, long diskBytes, Path output) {

    /** Disk an image may take in its output folder before the menu calls the example large, bytes (10 GiB). */
    static final long LARGE_DISK_BYTES = 10L << 30;

    ExampleNote {
        cautions = List.copyOf(cautions);
    }

    /** A note that states no disk need. */
    ExampleNote(String summary, List<String> cautions) {
        this(summary, cautions, 0, null);
    }

    /**
     * This note with "not enough free space here" among its cautions when the disk it states
     * ({@link #diskBytes}) is more than {@code usableBytes}, the free space of {@link #output}'s file
     * system as {@link FreeSpace#usable} gives it ({@link #usableAt}); the note itself when it fits,
     * states no need, or the free space is not known (0). Free space changes between two listings
     * of the menu, so it is applied to a kept note each time, not kept in it.
     */
    ExampleNote withFreeSpace(long usableBytes) {
        if (diskBytes <= 0 || output == null || !FreeSpace.known(usableBytes) || usableBytes >= diskBytes) {
            return this;
        }
        List<String> more = new ArrayList<>(cautions);
        more.add("not enough free space here (" + MemoryEstimate.human(usableBytes) + " free): its output folder, "
                + output + ", needs " + MemoryEstimate.human(diskBytes));
        return new ExampleNote(summary, more, diskBytes, output);
    }

    /**
     * The free bytes of the file system {@code folder} would be on ({@link FreeSpace#usable}: 0 for
     * unknown), measured at its nearest existing folder, since a run's output folder is made when it
     * starts. Reads the file system: off the JavaFX thread.
     */
    static long usableAt(Path folder) {
        Path at = usableFolder(folder);
        return at == null ? 0 : FreeSpace.usable(at);
    }

    /** {@code folder}, or its nearest parent that exists; null when none does. */
    private static Path usableFolder(Path folder) {
        for (Path at = folder.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at)) {
                return at;
            }
        }
        return null;
    }

    /** Whether the menu marks it: it needs something from outside the repository, or is large. */
    boolean marked() {
        return !cautions.isEmpty();
    }

    /** The summary and every caution, a line each: the menu item's tooltip. */
    String tooltip() {
        return cautions.isEmpty() ? summary : summary + "\n" + String.join("\n", cautions);
    }

    /**
     * The note of spec file {@code spec}.
     *
     * @param repository the repository's root: a file the spec names outside it is not shipped
     * @param readme the examples README's words for each spec's outside data ({@link #readmeNotes})
     */
    static ExampleNote of(Path spec, Path repository, Map<String, String> readme) {
        return of(spec, repository, readme, null);
    }

    /**
     * The note of spec file {@code spec}, with the folder a run of it writes to
     * ({@code outputDir}, null for unknown), so that the disk it needs can be held against that
     * folder's free space ({@link #withFreeSpace}).
     */
    static ExampleNote of(Path spec, Path repository, Map<String, String> readme,
            Function<JobSpec, Path> outputDir) {
        return of(spec, repository, readme, outputDir, Machine.THIS);
    }

    /**
     * The memory a note is worked out against: this machine's resolver (its budget for one shot)
     * and the memory of a cloud worker, GiB, for a spec this machine cannot run. The worker's is
     * asked only then, and may throw (a setting that is not a number): the note then says so.
     *
     * @param resolver the resolver of a spec in a folder, with this machine's budget
     * @param workerMemoryGiB a cloud worker's memory, GiB
     */
    record Machine(Function<Path, JobResolver> resolver, DoubleSupplier workerMemoryGiB) {

        /** This JVM's heap budget ({@link JobResolver#withHeapBudget}) and the environment's workers. */
        static final Machine THIS = new Machine(JobResolver::withHeapBudget,
                () -> CloudSettings.workerMemoryGiB(CloudSettings.environment()));
    }

    /** As {@link #of(Path, Path, Map, Function)}, with the memory of {@code machine} and its cloud's workers. */
    static ExampleNote of(Path spec, Path repository, Map<String, String> readme,
            Function<JobSpec, Path> outputDir, Machine machine) {
        String json;
        try {
            json = Files.readString(spec);
        } catch (IOException | RuntimeException e) {
            return new ExampleNote("cannot be read: " + e.getMessage(), List.of());
        }
        Path dir = spec.toAbsolutePath().getParent();
        Path root = repository.toAbsolutePath().normalize();
        List<String> cautions = new ArrayList<>();
        boolean missing = false;
        for (Path f : SpecFiles.named(json, dir)) {
            boolean there = Files.isRegularFile(f);
            missing |= !there;
            if (!f.startsWith(root)) {
                String words = readme.get(spec.getFileName().toString());
                cautions.add("needs " + f.getFileName() + " from outside the repository"
                        + (words == null ? "" : ": " + words)
                        + (there ? " (found: " + f + ")" : " (missing here: " + f + ")"));
            } else if (!there) {
                cautions.add("needs " + f.getFileName() + ", which is missing here (" + f + ")");
            }
        }
        String name = spec.getFileName().toString();
        SpecDraft draft;
        try {
            draft = JobSpecReader.draft(json, name, io.seiswork.core.spec.JobName.defaultFor(name));
        } catch (RuntimeException e) {
            return new ExampleNote("cannot be read: " + e.getMessage(), cautions);
        }
        JobSpec s = draft.spec();
        if (s == null || draft.hasErrors()) {
            SpecProblem first = draft.problems().stream().filter(SpecProblem::isError).findFirst().orElse(null);
            cautions.add("has problems: " + (first == null ? "the spec is incomplete" : first.toString()));
            return new ExampleNote(shape(s), cautions);
        }
        if (missing) {
            return new ExampleNote(shape(s) + ", memory a shot once its files are there", cautions);
        }
        ResolvedJob job;
        try {
            job = machine.resolver().apply(dir).resolve(draft, name);
        } catch (SpecException e) {
            if (!e.onlyMachineLimits()) {
                cautions.add("has problems: " + e.problems().stream().filter(SpecProblem::isError).findFirst()
                        .map(SpecProblem::toString).orElse(e.getMessage()));
                return new ExampleNote(shape(s), cautions);
            }
            String limit = e.problems().stream().filter(SpecProblem::isError).map(SpecProblem::toString)
                    .collect(Collectors.joining("; "));
            double workerGiB;
            try {
                workerGiB = machine.workerMemoryGiB().getAsDouble();
            } catch (RuntimeException unknown) {
                // SEISWORK_WORKER_MEMORY_GIB=lots: what this machine lacks is still known, the cloud's is not.
                cautions.add("large: too large for this machine (" + limit + "); whether cloud workers can run it "
                        + "cannot be checked: " + firstLine(unknown));
                return new ExampleNote(shape(s), cautions);
            }
            try {
                job = JobResolver.forWorkers(dir, (long) (workerGiB * (1L << 30))).resolve(draft, name);
            } catch (SpecException tooLarge) {
                cautions.add("large: too large for this machine (" + limit + ") and for cloud workers of "
                        + ProjectSummary.num(workerGiB) + " GiB");
                return new ExampleNote(shape(s), cautions);
            }
            cautions.add("large: runs on the cloud only (checked for workers of " + ProjectSummary.num(workerGiB)
                    + " GiB): this machine cannot, " + limit);
        } catch (RuntimeException e) {
            cautions.add("cannot be opened: " + e.getMessage());
            return new ExampleNote(shape(s), cautions);
        }
        Grid g = s.grid();
        long disk = ImageFiles.diskBytes(g, job.storage());
        boolean migration = s.task() == io.seiswork.core.spec.Task.RTM;
        boolean stated = true;
        if (migration && job.storage() == WholeGridStorage.OUT_OF_CORE) {
            cautions.add("large: " + job.storage().describe(g) + "; its output folder needs " + disk(disk)
                    + " of disk for the stack, image.sgy and image.swv");
        } else if (migration && disk >= LARGE_DISK_BYTES) {
            cautions.add("large: its output folder needs " + disk(disk) + " of disk for image.sgy and image.swv");
        } else {
            stated = false;
        }
        return new ExampleNote(shape(s) + ", " + MemoryEstimate.human(job.memoryBytes()) + " a shot", cautions,
                stated ? disk : 0, stated && outputDir != null ? outputDir.apply(s) : null);
    }

    /**
     * The note of a spec whose note could not be worked out ({@code e}, thrown by the checks
     * themselves): the menu lists it all the same, and says why there is nothing more.
     */
    static ExampleNote failed(Throwable e) {
        return new ExampleNote("cannot be checked: " + firstLine(e), List.of());
    }

    /** The first line of {@code e}'s message, or its class's name when it has none. */
    static String firstLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }

    /** "3D rtm, 101 x 81 x 61 cells, 4 shots", from the spec alone; "" for none. */
    private static String shape(JobSpec s) {
        if (s == null) {
            return "";
        }
        Grid g = s.grid();
        int shots = s.sources().positions().size();
        return String.format(Locale.ROOT, "%s %s, %s cells, %d %s", g.is2d() ? "2D" : "3D", s.task().json(),
                g.is2d() ? g.nx() + " x " + g.nz() : g.nx() + " x " + g.ny() + " x " + g.nz(), shots,
                shots == 1 ? "shot" : "shots");
    }

    /** "about 45 GB (42.1 GiB)": disk as sold and as the file system counts it. */
    static String disk(long bytes) {
        return String.format(Locale.ROOT, "about %.0f GB (%s)", bytes / 1e9, MemoryEstimate.human(bytes));
    }

    /**
     * The words of the examples folder's {@code README.md} for the data each spec reads from
     * outside the repository: the table rows whose first cell is a spec's file name in
     * backquotes, their last cell when it says anything. Empty when there is no such file.
     */
    static Map<String, String> readmeNotes(Path examples) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(examples.resolve("README.md"));
        } catch (IOException | RuntimeException e) {
            return out;
        }
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("| `")) {
                continue;
            }
            String[] cells = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length()).split("\\|", -1);
            String file = cells[0].strip();
            String words = cells[cells.length - 1].strip();
            if (cells.length >= 2 && file.startsWith("`") && file.endsWith("`") && !words.isEmpty()) {
                out.put(file.substring(1, file.length() - 1), words.replace("`", ""));
            }
        }
        return out;
    }
}
