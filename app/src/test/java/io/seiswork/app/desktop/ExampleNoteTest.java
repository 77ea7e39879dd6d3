package io.seiswork.app.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.app.testing.LargeSpecs;
import io.seiswork.core.spec.JobResolver;
import io.seiswork.core.spec.JobSpecReader;
import io.seiswork.core.spec.MemoryEstimate;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Examples menu's notes, worked out from the specs: the repository's survey is large (its
 * grid out of core, about 45 GB of disk), Marmousi needs its model from outside the repository
 * (found or missing), a spec beyond this machine's memory runs on the cloud, a small one has no
 * caution; the figures are the resolver's.
 */
class ExampleNoteTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path REPOSITORY = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void theSurveyIsLargeByTheProjectsOwnEstimate() throws Exception {
        ExampleNote note = ExampleNote.of(EXAMPLES.resolve("survey-rtm.json"), REPOSITORY, Map.of());
        long perShot = resolvedMemory(EXAMPLES.resolve("survey-rtm.json"));
        assertEquals("3D rtm, 4700 x 4700 x 100 cells, 2 shots, " + MemoryEstimate.human(perShot) + " a shot",
                note.summary());
        assertEquals(1, note.cautions().size(), note.cautions().toString());
        String large = note.cautions().get(0);
        assertTrue(large.startsWith("large: whole grid out of core: 2,209,000,000 nodes"), large);
        assertTrue(large.endsWith("its output folder needs about 45 GB (42.1 GiB) of disk for the stack, image.sgy and image.swv"),
                large);
        assertTrue(note.marked());
        assertTrue(note.tooltip().startsWith(note.summary() + "\n" + large));
    }

    @Test
    void aSmallExampleHasOnlyItsSummary() throws Exception {
        ExampleNote note = ExampleNote.of(EXAMPLES.resolve("layered-2d-rtm.json"), REPOSITORY, Map.of());
        assertEquals("2D rtm, 401 x 201 cells, 9 shots, "
                + MemoryEstimate.human(resolvedMemory(EXAMPLES.resolve("layered-2d-rtm.json"))) + " a shot", note.summary());
        assertEquals(List.of(), note.cautions());
        assertFalse(note.marked());
        assertEquals("3D model, 101 x 81 x 61 cells, 2 shots",
                ExampleNote.of(EXAMPLES.resolve("salt3d-model.json"), REPOSITORY, Map.of()).summary()
                        .replaceFirst(", [^,]* a shot$", ""));
    }

    /** The README's words for Marmousi's model, and none for the specs that need nothing from outside. */
    @Test
    void theReadmeSaysWhatComesFromOutside() {
        Map<String, String> notes = ExampleNote.readmeNotes(EXAMPLES);
        assertEquals(List.of("marmousi-rtm.json"), List.copyOf(notes.keySet()));
        assertTrue(notes.get("marmousi-rtm.json").startsWith("Devito's Marmousi model (km/s), not shipped"),
                notes.get("marmousi-rtm.json"));
    }

    /** Marmousi in a repository without the shared reference data beside it: its model is missing. */
    @Test
    void marmousiWithoutItsModelSaysWhereItsMissing() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("repo").resolve("examples"));
        Path spec = Files.copy(EXAMPLES.resolve("marmousi-rtm.json"), examples.resolve("marmousi-rtm.json"));
        ExampleNote note = ExampleNote.of(spec, dir.resolve("repo"), Map.of("marmousi-rtm.json", "Devito's model"));
        assertEquals("2D rtm, 1601 x 401 cells, 24 shots, memory a shot once its files are there", note.summary());
        Path model = dir.resolve("shared/refdata/devitocodes-data/vp_marmousi_bi").toAbsolutePath().normalize();
        assertEquals(List.of("needs vp_marmousi_bi from outside the repository: Devito's model (missing here: " + model + ")"),
                note.cautions());
    }

    /** A model from outside the repository, there: still a caution (it is not shipped), with the figures. */
    @Test
    void aModelFromOutsideThatIsThereIsNamedWithTheFigures() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("repo").resolve("examples"));
        Path outside = Files.createDirectories(dir.resolve("data"));
        int nx = 41;
        int nz = 21;
        ByteBuffer b = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < nx * nz; i++) {
            b.putFloat(2000f);
        }
        Files.write(outside.resolve("vp.bin"), b.array());
        Path spec = Files.writeString(examples.resolve("outside.json"), """
                {"name": "outside", "task": "model",
                 "grid": {"nx": 41, "nz": 21, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "../../data/vp.bin", "order": "zxy"}},
                 "wavelet": {"peakHz": 10}, "time": {"lengthS": 0.2},
                 "sources": {"line": {"x0": 100, "dx": 100, "n": 3, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": 41, "y": 0, "z": 20}}}""");
        ExampleNote note = ExampleNote.of(spec, dir.resolve("repo"), Map.of());
        assertEquals("2D model, 41 x 21 cells, 3 shots, " + MemoryEstimate.human(resolvedMemory(spec)) + " a shot",
                note.summary());
        assertEquals(List.of("needs vp.bin from outside the repository (found: "
                + outside.resolve("vp.bin").toAbsolutePath().normalize() + ")"), note.cautions());
    }

    /**
     * A migration of 5.5 GiB a shot on a machine whose budget is 1 GiB a shot: for the cloud's
     * workers of 64 GiB. The machine and the workers are the test's, whatever this JVM's heap and
     * SEISWORK_WORKER_MEMORY_GIB.
     */
    @Test
    void aSpecBeyondThisMachinesMemoryRunsOnTheCloud() throws Exception {
        Path big = LargeSpecs.wavefieldInMemory(dir, 0.6);
        ExampleNote note = ExampleNote.of(big, dir, Map.of(), null, machine(1L << 30, () -> 64));
        assertTrue(note.summary().startsWith("3D rtm, 300 x 300 x 300 cells, 2 shots, "), note.summary());
        assertEquals(1, note.cautions().size(), note.cautions().toString());
        assertTrue(note.cautions().get(0).startsWith("large: runs on the cloud only (checked for workers of 64 GiB"),
                note.cautions().get(0));
        assertTrue(note.cautions().get(0).contains("this machine cannot, grid: one shot needs "), note.cautions().get(0));
        // Workers of 4 GiB cannot either.
        ExampleNote neither = ExampleNote.of(big, dir, Map.of(), null, machine(1L << 30, () -> 4));
        assertTrue(neither.cautions().get(0).startsWith("large: too large for this machine (grid: one shot needs "),
                neither.cautions().toString());
        assertTrue(neither.cautions().get(0).endsWith(") and for cloud workers of 4 GiB"), neither.cautions().toString());
        // The same spec on a machine of 64 GiB a shot: no caution.
        assertEquals(List.of(), ExampleNote.of(big, dir, Map.of(), null, machine(64L << 30, () -> {
            throw new AssertionError("the workers are not asked about a spec this machine runs");
        })).cautions());
    }

    /**
     * SEISWORK_WORKER_MEMORY_GIB=lots: the worker's memory cannot be read, and the note of a spec
     * beyond this machine says so rather than throw (the menu would stay empty).
     */
    @Test
    void aWorkerMemoryThatIsNotANumberIsACaution() throws Exception {
        Path big = LargeSpecs.wavefieldInMemory(dir, 0.6);
        ExampleNote note = ExampleNote.of(big, dir, Map.of(), null, machine(1L << 30,
                () -> io.seiswork.cloud.config.CloudSettings.workerMemoryGiB(Map.of("SEISWORK_WORKER_MEMORY_GIB", "lots"))));
        assertEquals(1, note.cautions().size(), note.cautions().toString());
        String c = note.cautions().get(0);
        assertTrue(c.startsWith("large: too large for this machine (grid: one shot needs "), c);
        assertTrue(c.contains("); whether cloud workers can run it cannot be checked: SEISWORK_WORKER_MEMORY_GIB must be a "
                + "positive number of GiB"), c);
        assertTrue(c.endsWith("got \"lots\""), c);
        assertTrue(note.summary().startsWith("3D rtm, 300 x 300 x 300 cells, 2 shots"), note.summary());
    }

    /** A machine whose resolver allows {@code budgetBytes} a shot, with workers of {@code workerGiB}. */
    private static ExampleNote.Machine machine(long budgetBytes, java.util.function.DoubleSupplier workerGiB) {
        return new ExampleNote.Machine(d -> new JobResolver(d, budgetBytes), workerGiB);
    }

    /** The README's words are part of a note: a README changed (its modification time) makes it anew. */
    @Test
    void aNoteIsMadeAnewWhenTheReadmeChanges() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("readme").resolve("examples"));
        Path spec = Files.copy(EXAMPLES.resolve("layered-2d-model.json"), examples.resolve("layered-2d-model.json"));
        Path readme = Files.writeString(examples.resolve("README.md"), "| `layered-2d-model.json` | words |\n");
        ExampleNotes notes = new ExampleNotes();
        ExampleNote first = notes.note(spec, () -> new ExampleNote("first", List.of()));
        assertSame(first, notes.note(spec, () -> new ExampleNote("second", List.of())));
        Files.setLastModifiedTime(readme, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(readme).toMillis() - 60_000));
        assertEquals("second", notes.note(spec, () -> new ExampleNote("second", List.of())).summary());
        Files.delete(readme);
        assertEquals("third", notes.note(spec, () -> new ExampleNote("third", List.of())).summary());
    }

    /** A note is kept while its spec and the files it names are unchanged; a model put in place changes it. */
    @Test
    void notesAreKeptUntilTheirFilesChange() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("repo").resolve("examples"));
        Path spec = Files.copy(EXAMPLES.resolve("marmousi-rtm.json"), examples.resolve("marmousi-rtm.json"));
        ExampleNotes notes = new ExampleNotes();
        ExampleNote first = notes.note(spec, () -> ExampleNote.of(spec, dir.resolve("repo"), Map.of()));
        assertSame(first, notes.note(spec, () -> ExampleNote.of(spec, dir.resolve("repo"), Map.of())));
        Path model = Files.createDirectories(dir.resolve("shared/refdata/devitocodes-data")).resolve("vp_marmousi_bi");
        Files.write(model, new byte[4 * 1601 * 401]);
        ExampleNote after = notes.note(spec, () -> ExampleNote.of(spec, dir.resolve("repo"), Map.of()));
        assertNotSame(first, after);
        assertTrue(after.cautions().get(0).contains("(found: "), after.cautions().toString());
    }

    /**
     * The survey's 42.1 GiB held against the free space of its output folder: a caution when
     * there is less, none when there is more or the file system does not say (0).
     */
    @Test
    void theSurveysDiskIsHeldAgainstTheFreeSpaceWhereItRuns() throws Exception {
        Path runs = dir.resolve("runs");
        ExampleNote note = ExampleNote.of(EXAMPLES.resolve("survey-rtm.json"), REPOSITORY, Map.of(),
                spec -> runs.resolve(spec.name()));
        assertEquals(runs.resolve("survey-rtm"), note.output());
        assertEquals("42.1 GiB", MemoryEstimate.human(note.diskBytes()));
        ExampleNote full = note.withFreeSpace(10L << 30);
        assertEquals(2, full.cautions().size(), full.cautions().toString());
        assertEquals(note.cautions().get(0), full.cautions().get(0));
        assertEquals("not enough free space here (10.0 GiB free): its output folder, " + runs.resolve("survey-rtm")
                + ", needs 42.1 GiB", full.cautions().get(1));
        assertTrue(full.tooltip().endsWith(full.cautions().get(1)));
        assertSame(note, note.withFreeSpace(100L << 40), "100 TiB: it fits");
        assertSame(note, note.withFreeSpace(note.diskBytes()), "just fits");
        assertSame(note, note.withFreeSpace(0), "0: the file system does not say; nothing claimed");
        ExampleNote noFolder = ExampleNote.of(EXAMPLES.resolve("survey-rtm.json"), REPOSITORY, Map.of());
        assertSame(noFolder, noFolder.withFreeSpace(1), "no output folder known: not checked");
        ExampleNote small = ExampleNote.of(EXAMPLES.resolve("layered-2d-rtm.json"), REPOSITORY, Map.of(),
                spec -> runs.resolve(spec.name()));
        assertEquals(0, small.diskBytes(), "no disk stated for a small image");
        assertSame(small, small.withFreeSpace(1));
        // The output folder does not exist before a run: its free space is its nearest existing parent's.
        assertEquals(io.seiswork.kernels.job.FreeSpace.usable(dir) > 0, ExampleNote.usableAt(note.output()) > 0);
    }

    private static long resolvedMemory(Path spec) throws Exception {
        return JobResolver.withHeapBudget(spec.toAbsolutePath().getParent())
                .resolve(JobSpecReader.draft(Files.readString(spec), "t", "t"), "t").memoryBytes();
    }
}
