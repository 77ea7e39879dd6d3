package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.testing.LargeSpecs;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud path end to end through the real command line, against the three emulators over HTTP:
 * {@code submit}, two {@code worker}s side by side, {@code status}, {@code fetch}; the fetched
 * outputs must be the bytes a local {@code run} of the same spec writes (architecture: a cloud run
 * of N shots gives the same image as a local run).
 */
class CloudCommandsTest {

    @RegisterExtension
    static final LocalCloud CLOUD = new LocalCloud();

    /** The DynamoDB port variable, pointed at a closed port to play an unreachable cloud. */
    private static final String DYNAMODB_PORT = "SEISWORK_DYNAMODB_PORT";

    @TempDir
    Path dir;

    @BeforeAll
    static void pointTheCommandsAtTheEmulators() {
        CLOUD.pointSeiswork();
    }

    @AfterAll
    static void forgetThem() {
        LocalCloud.forgetSeiswork();
    }

    /**
     * A small 2D survey whose velocity comes from a file, so submit has an input to store. Each
     * shot records the receivers within 300 m of it, and a migration computes each shot on its
     * window (aperture 200 m): the outer shots' partial images cover part of the line, stored and
     * stacked at their place.
     */
    private Path spec(String task, int shots) throws Exception {
        int nx = 101;
        int nz = 51;
        ByteBuffer vp = ByteBuffer.allocate(4 * nx * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int ix = 0; ix < nx; ix++) {
            for (int iz = 0; iz < nz; iz++) {
                vp.putFloat(iz < 30 ? 1500f : 2300f);
            }
        }
        Files.createDirectories(dir.resolve("models"));
        Files.write(dir.resolve("models/vp.bin"), vp.array());
        String json = """
                {"name": "cloud-%s", "task": "%s",
                 "grid": {"nx": %d, "ny": 1, "nz": %d, "dx": 10, "dz": 10},
                 "velocity": {"raw": {"path": "models/vp.bin", "order": "zxy", "endian": "little"}},
                 "wavelet": {"type": "ricker", "peakHz": 15},
                 "time": {"lengthS": 0.6, "sampleS": 0.004},
                 "sources": {"line": {"x0": 200, "dx": 300, "n": %d, "y": 0, "z": 20}},
                 "receivers": {"line": {"x0": 0, "dx": 10, "n": %d, "y": 0, "z": 20},
                               "spread": {"moving": {"minOffset": 0, "maxOffset": 300}}},
                 "physics": {"spaceOrder": 8, "boundary": {"type": "cpml", "width": 10}},
                 %s
                 "engine": "cpu"}""".formatted(task, task, nx, nz, shots, nx,
                task.equals("rtm") ? "\"imaging\": {\"aperture\": 200}, \"migrationVelocity\": {\"smooth\": 60}," : "");
        return Files.writeString(dir.resolve(task + ".json"), json);
    }

    /**
     * A migration of recorded data one of whose traces lies wholly after the modelled time (its
     * delay 900 ms, the run 0 .. 600 ms): submit says so, as a local run would, rather than only
     * the workers' logs.
     */
    @Test
    void submitSaysWhatItFindsInTheDataFile() throws Exception {
        CliRun local = CliRun.run("run", spec("model", 1).toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        long traces;
        try (var in = io.seiswork.core.segy.SegyReader.open(dir.resolve("local/shots.sgy"));
                var out = io.seiswork.core.segy.SegyWriter.create(dir.resolve("delayed.sgy"),
                        io.seiswork.core.segy.SegyWriteOptions.of(in.samplesPerTrace(), in.sampleIntervalUs())
                                .withBinaryHeaderTemplate(in.binaryHeader()).withRawTextHeaders(in.rawTextHeaders()))) {
            traces = in.traceCount();
            float[] samples = new float[in.samplesPerTrace()];
            for (long t = 0; t < traces; t++) {
                var h = in.readHeaderAndTrace(t, samples);
                if (t == 0) {
                    h.setDelayMs(900);
                }
                out.write(h, samples);
            }
        }
        String rtm = Files.readString(spec("rtm", 1)).replace("\"engine\": \"cpu\"",
                "\"data\": \"delayed.sgy\", \"engine\": \"cpu\"");
        Path withData = Files.writeString(dir.resolve("rtm-data.json"), rtm);
        CliRun r = CliRun.run("submit", withData.toString(), "--cloud", "local");
        assertEquals(0, r.exit(), r.err());
        // Not for running here: cancelled, so that the other tests' workers skip its shots.
        assertEquals(0, CliRun.run("cancel", r.out().strip(), "--cloud", "local").exit());
        assertTrue(r.err().contains("data: delayed.sgy: 1 of its " + traces + " traces lie wholly outside the modelled"
                + " time 0 .. 600 ms and add nothing to the image; the first, trace 1 (FFID 1) records 900 .. "),
                r.err());
    }

    /**
     * A data file of more than {@link io.seiswork.core.progress.ByteProgressLines#QUIET_BYTES}
     * ({@link LargeDataFile}): submit says how far each pass over it has gone, the
     * pass over its trace headers as the one for its digests and the upload, each to its end; and
     * the file is not read once more for its SHA-256, which the digests' pass gave.
     */
    @Test
    void submitSaysHowFarItHasReadALargeDataFile() throws Exception {
        Path data = LargeDataFile.write(dir.resolve("big.sgy"));
        String rtm = Files.readString(spec("rtm", 1)).replace("\"engine\": \"cpu\"",
                "\"data\": \"big.sgy\", \"engine\": \"cpu\"");
        CliRun r = CliRun.run("submit", Files.writeString(dir.resolve("rtm-big.json"), rtm).toString(), "--cloud", "local");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, CliRun.run("cancel", r.out().strip(), "--cloud", "local").exit());  // not for running here
        String whole = io.seiswork.core.spec.MemoryEstimate.human(Files.size(data));
        for (String pass : java.util.List.of("reading the trace headers of big.sgy", "reading big.sgy for its digests",
                "uploading")) {
            assertTrue(r.err().contains(pass + ": " + whole + " of " + whole + " (100 %)"), pass + " in " + r.err());
        }
        assertTrue(r.err().indexOf("reading the trace headers") < r.err().indexOf("for its digests"), r.err());
        assertFalse(r.err().contains("for its SHA-256"), "its key came from the digests' pass: " + r.err());
    }

    /** The job table the commands use on the local cloud, for items made by hand. */
    private static io.seiswork.cloud.job.JobTable commandsTable() {
        return io.seiswork.cloud.job.JobTable.createIfMissing(CLOUD.dynamoDb(), io.seiswork.cloud.config.CloudSettings.DEFAULT_TABLE);
    }

    private String submit(Path spec) {
        CliRun r = CliRun.run("submit", spec.toString(), "--cloud", "local");
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }

    /** Runs {@code n} workers side by side until the queue has been empty for 3 s. */
    private List<CliRun> workers(int n) throws Exception {
        var pool = Executors.newFixedThreadPool(n);
        List<Future<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + i));
            runs.add(pool.submit(() -> CliRun.run("worker", "--cloud", "local", "--max-idle", "3",
                    "--work-dir", work.toString())));
        }
        List<CliRun> done = new ArrayList<>();
        for (Future<CliRun> f : runs) {
            CliRun r = f.get();
            assertEquals(0, r.exit(), r.err());
            done.add(r);
        }
        pool.shutdown();
        return done;
    }

    @Test
    void aMigrationInTheCloudGivesTheLocalRunsImage() throws Exception {
        Path spec = spec("rtm", 3);
        String job = submit(spec);
        assertTrue(job.startsWith("cloud-rtm-"), job);
        List<CliRun> workers = workers(2);
        int shots = workers.stream().mapToInt(w -> Integer.parseInt(w.err().replaceAll("(?s).*stopped after (\\d+) shots.*", "$1")))
                .sum();
        assertEquals(3, shots, "every shot ran exactly once");

        CliRun status = CliRun.run("status", job, "--cloud", "local", "--json");
        assertEquals(0, status.exit(), status.err());
        var s = new ObjectMapper().readTree(status.out());
        assertEquals("DONE", s.get("status").asText());
        assertEquals(3, s.get("done").asInt());
        assertEquals(0, s.get("maxFailed").asInt(), "under 50 shots no shot may fail");
        assertEquals("[]", s.get("failedShots").toString());
        assertEquals("[\"image.sgy\",\"image.swv\"]", s.get("outputs").toString());
        for (var shot : s.get("shots")) {
            assertEquals("DONE", shot.get("state").asText());
            assertTrue(shot.get("notRun").isBoolean() && !shot.get("notRun").asBoolean(), shot.toString());
            assertEquals(1, shot.get("attempts").asInt());
            assertTrue(shot.get("gptsPerSecond").asDouble() > 0);
        }

        CliRun jobs = CliRun.run("jobs", "--cloud", "local", "--limit", "50");
        assertEquals(0, jobs.exit(), jobs.err());
        String line = jobs.out().lines().filter(l -> l.startsWith(job + " ")).findFirst().orElseThrow(() ->
                new AssertionError("job " + job + " not listed:\n" + jobs.out()));
        assertTrue(line.matches(".* rtm {3}DONE {6}3/3 shots"), line);

        CliRun fetch = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("cloud").toString());
        assertEquals(0, fetch.exit(), fetch.err());
        CliRun local = CliRun.run("run", spec.toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/image.sgy")), Files.readAllBytes(dir.resolve("cloud/image.sgy")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/image.swv")), Files.readAllBytes(dir.resolve("cloud/image.swv")));
        // Fetched again into the same folder: nothing is downloaded, and it says so.
        CliRun again = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("cloud").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("image.sgy (there already, ") && again.err().contains("not downloaded again)"),
                again.err());
        // Into the local run's folder: its image.sgy, image.swv and run.json are not the job's to replace, and stay.
        byte[] localImage = Files.readAllBytes(dir.resolve("local/image.swv"));
        CliRun over = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("local").toString());
        assertEquals(1, over.exit(), over.err());
        assertEquals("seiswork: " + dir.resolve("local") + " holds image.sgy, image.swv and run.json, which no fetch of job "
                + job + " left as they are (another run's outputs, or written since?): fetch into another folder, or"
                + " replace them with fetch --replace; nothing was downloaded", over.err().strip());
        assertArrayEquals(localImage, Files.readAllBytes(dir.resolve("local/image.swv")));
        assertTrue(Files.exists(dir.resolve("local/run.json")));

        // seiswork view --job: the image read in place by ranged GETs gives the local file's slices.
        var settings = io.seiswork.cloud.config.CloudSettings.local(CLOUD.s3Endpoint(), CLOUD.sqsEndpoint(),
                CLOUD.dynamoDbEndpoint());
        try (var clients = new io.seiswork.cloud.config.CloudClients(settings);
                var remote = ViewCommand.jobImage(clients, new io.seiswork.cloud.job.JobId(job));
                var file = io.seiswork.core.volume.SwvReader.open(dir.resolve("local/image.swv"))) {
            assertTrue(remote.name().startsWith("s3://seiswork-local/jobs/" + job + "/image/image.swv"), remote.name());
            for (int level = 0; level < file.levels(); level++) {
                var o = io.seiswork.core.volume.SliceOrientation.INLINE;
                assertArrayEquals(file.slice(o, 0, level).values(), remote.slice(o, 0, level).values(), "level " + level);
            }
        }
        CliRun noJob = CliRun.run("view", "--job", "no-such-job", "--cloud", "local");
        assertEquals(1, noJob.exit());
        assertEquals("seiswork: no job no-such-job in the job table", noJob.err().strip());
        CliRun both = CliRun.run("view", "image.swv", "--job", job, "--cloud", "local");
        assertEquals(2, both.exit(), both.err());
        assertEquals("seiswork view: give a VOLUME or --job JOB (one of them), got both",
                both.err().lines().findFirst().orElseThrow());
    }

    @Test
    void modelledGathersInTheCloudAreTheLocalRunsGathers() throws Exception {
        Path spec = spec("model", 2);
        String job = submit(spec);
        workers(1);
        CliRun fetch = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("cloud").toString());
        assertEquals(0, fetch.exit(), fetch.err());
        CliRun local = CliRun.run("run", spec.toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/shots.sgy")), Files.readAllBytes(dir.resolve("cloud/shots.sgy")));

        // Into a migration's folder the gathers would land beside its image and run.json: refused, unless replacing.
        Path migration = Files.createDirectories(dir.resolve("migration"));
        for (String f : List.of("image.sgy", "image.swv", "run.json", "notes.txt")) {
            Files.writeString(migration.resolve(f), "a migration's " + f);
        }
        CliRun mixed = CliRun.run("fetch", job, "--cloud", "local", "--out", migration.toString());
        assertEquals(1, mixed.exit(), mixed.err());
        assertEquals("seiswork: " + migration + " holds image.sgy, image.swv and run.json, which no fetch of job " + job
                + " left as they are (another run's outputs, or written since?): fetch into another folder, or replace"
                + " them with fetch --replace; nothing was downloaded", mixed.err().strip());
        assertTrue(Files.notExists(migration.resolve("shots.sgy")));
        CliRun replaced = CliRun.run("fetch", job, "--cloud", "local", "--out", migration.toString(), "--replace");
        assertEquals(0, replaced.exit(), replaced.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/shots.sgy")), Files.readAllBytes(migration.resolve("shots.sgy")));
        for (String f : List.of("image.sgy", "image.swv", "run.json")) {
            assertTrue(Files.notExists(migration.resolve(f)), f + " of the migration replaced");
        }
        assertEquals("a migration's notes.txt", Files.readString(migration.resolve("notes.txt")), "not a run's output");
    }

    /**
     * {@code submit --shots} sends some of a survey's shots: here shots 1 and 3 of 3, so that the
     * job's second shot is the survey's third, and a worker that ran the job's shot numbers as
     * the survey's (shots 1 and 2) would stack another image. The job has 2 shots in the table,
     * and the fetched image is the bytes of a local {@code run --shots 1,3}, not of the whole run.
     */
    @Test
    void aFewShotsOfAMigrationInTheCloudGiveTheLocalRunsImageOfThem() throws Exception {
        Path spec = spec("rtm", 3);
        CliRun submitted = CliRun.run("submit", spec.toString(), "--cloud", "local", "--shots", "1,3");
        assertEquals(0, submitted.exit(), submitted.err());
        String job = submitted.out().strip();
        assertTrue(submitted.err().contains("submitting 2 of the 3 shots (--shots 1,3)\n"), submitted.err());
        assertTrue(submitted.err().contains("submitted " + job + " to the local cloud: 2 shots queued, "), submitted.err());
        List<CliRun> workers = workers(2);
        int shots = workers.stream().mapToInt(w -> Integer.parseInt(w.err().replaceAll("(?s).*stopped after (\\d+) shots.*", "$1")))
                .sum();
        assertEquals(2, shots, "only the shots submitted ran, each once");

        var s = new ObjectMapper().readTree(CliRun.run("status", job, "--cloud", "local", "--json").out());
        assertEquals("DONE", s.get("status").asText());
        assertEquals(2, s.get("total").asInt());
        assertEquals(2, s.get("done").asInt());
        assertEquals(2, s.get("shots").size());
        assertEquals(List.of("1:1", "2:3"), java.util.stream.StreamSupport.stream(s.get("shots").spliterator(), false)
                .map(n -> n.get("shot").asInt() + ":" + n.get("specShot").asInt()).toList(), "job shot : spec shot");
        CliRun brief = CliRun.run("status", job, "--cloud", "local");
        assertTrue(brief.out().startsWith(job + " (cloud-rtm, task rtm): DONE, 2 of 2 shots done\n"), brief.out());
        assertTrue(brief.out().contains("\n  shot    2 (spec shot 3)  DONE     attempts 1  "), brief.out());

        CliRun fetch = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("cloud").toString());
        assertEquals(0, fetch.exit(), fetch.err());
        CliRun local = CliRun.run("run", spec.toString(), "--shots", "1,3", "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/image.sgy")), Files.readAllBytes(dir.resolve("cloud/image.sgy")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/image.swv")), Files.readAllBytes(dir.resolve("cloud/image.swv")));
        CliRun first = CliRun.run("run", spec.toString(), "--shots", "1-2", "--out", dir.resolve("first").toString());
        assertEquals(0, first.exit(), first.err());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("first/image.sgy")),
                Files.readAllBytes(dir.resolve("cloud/image.sgy"))), "shots 1 and 3 stack another image than shots 1 and 2");
    }

    /**
     * Modelled gathers of shots 2-3 of 3: {@code shots.sgy} holds them with their own FFIDs
     * (2 and 3, not the job's 1 and 2), sources and moving receivers, byte for byte as a local
     * {@code run --shots 2-3} writes them.
     */
    @Test
    void aFewModelledShotsInTheCloudAreTheLocalRunsGathersOfThem() throws Exception {
        Path spec = spec("model", 3);
        CliRun submitted = CliRun.run("submit", spec.toString(), "--cloud", "local", "--shots", "2-3");
        assertEquals(0, submitted.exit(), submitted.err());
        String job = submitted.out().strip();
        workers(1);
        CliRun fetch = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("cloud").toString());
        assertEquals(0, fetch.exit(), fetch.err());
        CliRun local = CliRun.run("run", spec.toString(), "--shots", "2-3", "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/shots.sgy")), Files.readAllBytes(dir.resolve("cloud/shots.sgy")));
        try (var in = io.seiswork.core.segy.SegyReader.open(dir.resolve("cloud/shots.sgy"))) {
            var ffids = new java.util.TreeSet<Integer>();
            for (long t = 0; t < in.traceCount(); t++) {
                ffids.add(in.header(t).getInt32(io.seiswork.core.segy.TraceHeader.FIELD_RECORD));
            }
            assertEquals(java.util.Set.of(2, 3), ffids, "the gathers keep the survey's shot numbers");
        }
    }

    /**
     * A shot list that is malformed, empty, names a shot the spec lacks, or leaves fewer shots
     * than the failure limit asked for is one line naming the option and its limit, and submits
     * nothing.
     */
    @Test
    void aWrongShotListIsOneLineAndSubmitsNothing() throws Exception {
        Path spec = spec("model", 3);
        List<String> before = jobIds();
        // A list that names a shot the spec lacks, or is not one, is a usage error (exit 2), as every bad option value
        // (OptionValues).
        assertEquals("seiswork submit: --shots: the job has no shot 4 (its shots are 1-3)",
                refusedSubmit(spec, "--shots", "2,4"));
        assertEquals("seiswork submit: --shots must list shot numbers and ranges such as 1,4-6, got \"\": the list is"
                + " empty", refusedSubmit(spec, "--shots", ""));
        assertEquals("seiswork submit: --shots must list shot numbers and ranges such as 1,4-6, got \"1,2-x\": item 2,"
                + " \"2-x\", is neither a shot number nor a range", refusedSubmit(spec, "--shots", "1,2-x"));
        assertEquals("seiswork submit: --shots: 0 is not a range of shots (numbers from 1 to 10000000, the first not above"
                + " the last)", refusedSubmit(spec, "--shots", "0"));
        assertEquals("seiswork submit: --max-failed-shots must be 0 to 0 for a job of 1 shot, got 1",
                refusedSubmit(spec, "--shots", "2", "--max-failed-shots", "1"));
        assertEquals(before, jobIds(), "nothing was submitted");
    }

    /** Submits with {@code extra}, expecting a refusal: its one line on standard error. */
    private static String refusedSubmit(Path spec, String... extra) {
        List<String> args = new ArrayList<>(List.of("submit", spec.toString(), "--cloud", "local"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        // A bad option value, a shot the spec lacks among them: a usage error, said with the command's name.
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out(), "no job id printed");
        assertTrue(r.err().contains("See 'seiswork submit --help' for the options."), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("seiswork submit: ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        return lines.getFirst();
    }

    /** The ids of the jobs in the commands' table. */
    private static List<String> jobIds() {
        return commandsTable().recentJobs(1000).stream().map(j -> j.id().value()).sorted().toList();
    }

    @Test
    void submitWaitFollowsTheJobAndFetchesItsOutputs() throws Exception {
        Path spec = spec("model", 1);
        var pool = Executors.newSingleThreadExecutor();
        Path work = Files.createDirectories(dir.resolve("worker-wait"));
        // A folder holding a migration's outputs is refused before anything is sent, naming the way out.
        Path waited = Files.createDirectories(dir.resolve("waited"));
        Files.writeString(waited.resolve("image.sgy"), "a migration's image");
        Files.writeString(waited.resolve("run.json"), "{\"seiswork\": \"test\", \"task\": \"rtm\", \"status\": \"done\"}");
        Files.writeString(waited.resolve("notes.txt"), "mine");
        List<String> before = jobIds();
        CliRun refused = CliRun.run("submit", spec.toString(), "--cloud", "local", "--engine", "cpu", "--wait", "--out",
                waited.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertEquals("seiswork: " + waited + " holds image.sgy and run.json (another run's outputs): --out another folder,"
                + " or add --replace to remove them when the job's outputs come; nothing was submitted",
                refused.err().strip());
        assertEquals(before, jobIds(), "no job submitted");
        CliRun alone = CliRun.run("submit", spec.toString(), "--cloud", "local", "--replace");
        assertEquals(1, alone.exit(), alone.err());
        assertEquals("seiswork: --replace needs --wait --out DIR: it replaces what DIR holds", alone.err().strip());

        // The worker starts once the job is in the table (its shot queued a call later): its 4 s of
        // idleness count from its start, and on a loaded machine the submission may take longer.
        Future<CliRun> submitted = pool.submit(() -> CliRun.run("submit", spec.toString(), "--cloud", "local",
                "--engine", "cpu", "--wait", "--poll", "0.2", "--out", waited.toString(), "--replace"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (jobIds().size() == before.size() && !submitted.isDone()) {
            assertTrue(System.nanoTime() < until, "no job in the table within 120 s");
            Thread.sleep(50);
        }
        CliRun w = CliRun.run("worker", "--cloud", "local", "--max-idle", "4", "--work-dir", work.toString());
        assertEquals(0, w.exit(), w.err());
        CliRun r = submitted.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.notExists(waited.resolve("image.sgy")) && Files.notExists(waited.resolve("run.json")),
                "the migration's outputs replaced");
        assertEquals("mine", Files.readString(waited.resolve("notes.txt")));
        String job = r.out().strip();
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("submitted " + job + " to the local cloud: 1 shot queued, "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.equals(job + " (cloud-model, task model): DONE, 1 of 1 shots done")),
                r.err());
        assertTrue(Files.size(dir.resolve("waited/shots.sgy")) > 3600);
        pool.shutdown();
    }

    /**
     * A cancelled job runs no shot and has no outputs; resumed, it runs its shots and gives the
     * local run's image.
     */
    @Test
    void aCancelledJobRunsNoShotUntilItIsResumed() throws Exception {
        Path spec = spec("rtm", 2);
        CliRun tooMany = CliRun.run("submit", spec.toString(), "--cloud", "local", "--max-failed-shots", "2");
        assertEquals(2, tooMany.exit());
        assertEquals("seiswork submit: --max-failed-shots must be 0 to 1 for a job of 2 shots, got 2",
                tooMany.err().lines().findFirst().orElseThrow());
        String job = submit(spec);
        CliRun cancel = CliRun.run("cancel", job, "--cloud", "local");
        assertEquals(0, cancel.exit(), cancel.err());
        assertEquals("cancelled " + job, cancel.err().strip());
        List<CliRun> w = workers(1);
        assertTrue(w.get(0).err().contains("stopped after 0 shots"), w.get(0).err());
        CliRun status = CliRun.run("status", job, "--cloud", "local");
        assertTrue(status.out().startsWith(job + " (cloud-rtm, task rtm): CANCELLED, 0 of 2 shots done"), status.out());
        assertEquals(3, status.out().lines().count(), "a small job lists every shot:\n" + status.out());
        // Its queued shots never start after the cancel: shown so, not as QUEUED.
        assertEquals(2, status.out().lines().filter(l -> l.matches("  shot +[12]  NOT_RUN +attempts 0")).count(), status.out());
        // The JSON keeps the stored state (QUEUED: a script meets only ShotState's values) and flags the shot.
        var json = new ObjectMapper().readTree(CliRun.run("status", job, "--cloud", "local", "--json").out());
        assertEquals(2, json.get("shots").size(), json.toString());
        for (var shot : json.get("shots")) {
            assertEquals("QUEUED", shot.get("state").asText(), json.toString());
            assertTrue(shot.get("notRun").asBoolean(), json.toString());
        }
        CliRun fetch = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("x").toString());
        assertEquals(1, fetch.exit());
        assertEquals("seiswork: job " + job + " is CANCELLED: 'seiswork resume " + job + "' runs its unfinished shots, and"
                + " its outputs exist once it is DONE", fetch.err().strip());
        CliRun again = CliRun.run("cancel", job, "--cloud", "local");
        assertEquals(0, again.exit());
        assertEquals("job " + job + " was already cancelled", again.err().strip());

        CliRun resume = CliRun.run("resume", job, "--cloud", "local");
        assertEquals(0, resume.exit(), resume.err());
        assertEquals("resumed " + job + ": 2 shots queued again (1, 2), 0 done shots kept", resume.err().strip());
        CliRun noWait = CliRun.run("resume", job, "--cloud", "local", "--out", "x");
        assertEquals("seiswork: --out needs --wait; without it, fetch the outputs once the job is done: seiswork fetch JOB "
                + "--out x", noWait.err().strip());
        CliRun twice = CliRun.run("resume", job, "--cloud", "local");
        assertEquals(1, twice.exit());
        assertEquals("seiswork: job " + job + " is QUEUED: only a FAILED or CANCELLED job can be resumed", twice.err().strip());
        workers(1);
        CliRun resumed = CliRun.run("fetch", job, "--cloud", "local", "--out", dir.resolve("resumed").toString());
        assertEquals(0, resumed.exit(), resumed.err());
        CliRun local = CliRun.run("run", spec.toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/image.sgy")), Files.readAllBytes(dir.resolve("resumed/image.sgy")));
        CliRun done = CliRun.run("resume", job, "--cloud", "local");
        assertEquals("seiswork: job " + job + " is DONE: nothing to resume", done.err().strip());

        // Deleted for good: its spec and outputs, its items; its input stays for other jobs.
        var store = new io.seiswork.cloud.s3.ArtifactStore(CLOUD.s3(), io.seiswork.cloud.config.CloudSettings.LOCAL_BUCKET);
        long stored = store.objectsUnder("jobs/" + job + "/").stream().mapToLong(o -> o.bytes()).sum();
        assertEquals(3, store.objectsUnder("jobs/" + job + "/").size(), "spec, image.sgy, image.swv");
        CliRun delete = CliRun.run("delete", job, "--cloud", "local");
        assertEquals(0, delete.exit(), delete.err());
        assertEquals("deleted job " + job + ": 3 stored objects (" + io.seiswork.core.spec.MemoryEstimate.human(stored)
                + "); its inputs stay stored", delete.err().strip());
        assertEquals(List.of(), store.objectsUnder("jobs/" + job + "/"));
        assertEquals("seiswork: no job " + job + " in the job table", CliRun.run("status", job, "--cloud", "local").err().strip());
        assertTrue(store.sizeOf("inputs/sha256/" + io.seiswork.core.files.FileSha256.hexOf(dir.resolve("models/vp.bin"))) > 0);
    }

    @Test
    void aJobThatHasNotEndedIsNotDeleted() {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("running-delete-job");
        table.createJob(id, "running", "rtm", "jobs/running-delete-job/spec.json", 2);
        table.startShot(id, 1, "w1");
        CliRun refused = CliRun.run("delete", id.value(), "--cloud", "local");
        assertEquals(1, refused.exit());
        assertEquals("seiswork: job running-delete-job is RUNNING: cancel it first (seiswork cancel running-delete-job), "
                + "then delete it", refused.err().strip());
        assertEquals(0, CliRun.run("cancel", id.value(), "--cloud", "local").exit());
        CliRun held = CliRun.run("delete", id.value(), "--cloud", "local");
        assertEquals("seiswork: job running-delete-job is CANCELLED but a worker still holds shot 1: it stops within "
                + "seconds; delete it then", held.err().strip());
        table.releaseShot(id, 1);  // what the worker does when it sees the cancel
        assertEquals(0, CliRun.run("delete", id.value(), "--cloud", "local").exit());
        assertTrue(table.job(id).isEmpty());
        assertEquals(List.of(), table.shots(id));
    }

    @Test
    void aResumeSaysWhatRunsAgainAndWhy() {
        var id = new io.seiswork.cloud.job.JobId("resume-words");
        assertEquals("resumed resume-words: 1 shot queued again (7), 99 done shots kept; the stored result of shot 7 had "
                + "gone, so it runs again", new io.seiswork.cloud.dispatch.ResumedJob(id, List.of(7), 99, List.of(7)).summary());
        assertEquals("resumed resume-words: all 3 shots are done; the job is stacked again",
                new io.seiswork.cloud.dispatch.ResumedJob(id, List.of(), 3, List.of()).summary());
    }

    @Test
    void statusOfALargeJobListsOnlyTheShotsThatNeedALook() {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("large-status-job");
        table.createJob(id, "large", "rtm", "jobs/large-status-job/spec.json", 60);
        table.startShot(id, 7, "w1");
        table.reportProgress(id, 7, 0.25);
        CliRun brief = CliRun.run("status", id.value(), "--cloud", "local");
        assertEquals(List.of("large-status-job (large, task rtm): RUNNING, 0 of 60 shots done, 1 running, 59 queued",
                "  (1 of 60 shots shown: those running or with an error; --all lists every shot)",
                "  shot    7  RUNNING  attempts 1   25 %  w1"), brief.out().lines().toList());
        assertEquals(61, CliRun.run("status", id.value(), "--cloud", "local", "--all").out().lines().count());
    }

    /**
     * A large job with many failed shots lists the first {@link StatusCommand#FAILED_SHOWN} of
     * them, every running one, and one line counting the rest (it printed one line per failed
     * shot: 5,000 at 5,000 failed); {@code --all} lists every shot and {@code --json} keeps every
     * failed shot.
     */
    @Test
    void statusOfAJobWithManyFailedShotsListsTheFirstAndCountsTheRest() throws Exception {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("many-failed-status-job");
        table.createJob(id, "many-failed", "model", "jobs/many-failed-status-job/spec.json", 100, 99);
        for (int shot = 1; shot <= 45; shot++) {
            table.startShot(id, shot, "w1");
            table.failShot(id, shot, "w1", "shot " + shot + " broke", true);
        }
        table.startShot(id, 60, "w2");
        List<String> brief = CliRun.run("status", id.value(), "--cloud", "local").out().lines().toList();
        assertEquals(1 + 1 + StatusCommand.FAILED_SHOWN + 1 + 1, brief.size(), String.join("\n", brief));
        assertEquals("  (21 of 100 shots shown: those running or with an error; --all lists every shot)", brief.get(1));
        assertTrue(brief.get(2).startsWith("  shot    1  FAILED") && brief.get(2).endsWith("error: shot 1 broke"),
                brief.get(2));
        assertTrue(brief.get(21).startsWith("  shot   20  FAILED"), brief.get(21));
        assertTrue(brief.get(22).startsWith("  shot   60  RUNNING"), "every running shot is listed: " + brief.get(22));
        assertEquals("  ... and 25 more failed shots: --all lists every shot, --json every shot's error", brief.get(23));
        assertEquals(101, CliRun.run("status", id.value(), "--cloud", "local", "--all").out().lines().count());
        var json = new ObjectMapper().readTree(CliRun.run("status", id.value(), "--cloud", "local", "--json").out());
        assertEquals(45, json.get("failedShots").size(), json.get("failedShots").toString());
    }

    /**
     * Shots queued again after an attempt's error (JobTable.failShot before the last attempt) are
     * listed with the failed ones but not counted as failed: a job of 30 such shots and no failed
     * one said "... and 10 more failed shots"; with both kinds, each is counted apart.
     */
    @Test
    void statusCountsShotsQueuedAgainAfterAnErrorApartFromFailedOnes() throws Exception {
        var table = commandsTable();
        String tag = Long.toHexString(System.nanoTime());
        var retried = new io.seiswork.cloud.job.JobId("retried-status-job-" + tag);
        table.createJob(retried, "retried", "model", "jobs/" + retried.value() + "/spec.json", 100, 99);
        for (int shot = 1; shot <= 30; shot++) {
            table.startShot(retried, shot, "w1");
            table.failShot(retried, shot, "w1", "shot " + shot + " broke once", false);
        }
        List<String> brief = CliRun.run("status", retried.value(), "--cloud", "local").out().lines().toList();
        String all = String.join("\n", brief);
        assertFalse(brief.get(0).contains("failed"), "no shot failed: " + all);
        assertTrue(brief.get(2).startsWith("  shot    1  QUEUED") && brief.get(2).endsWith("error: shot 1 broke once"),
                all);
        assertEquals("  ... and 10 more shots queued again after an error: --all lists every shot, --json every shot's error",
                brief.get(brief.size() - 1), all);

        var mixed = new io.seiswork.cloud.job.JobId("mixed-status-job-" + tag);
        table.createJob(mixed, "mixed", "model", "jobs/" + mixed.value() + "/spec.json", 100, 99);
        for (int shot = 1; shot <= 30; shot++) {
            table.startShot(mixed, shot, "w1");
            table.failShot(mixed, shot, "w1", "shot " + shot + " broke", shot % 2 == 1);  // odd ones on their last attempt
        }
        brief = CliRun.run("status", mixed.value(), "--cloud", "local").out().lines().toList();
        assertEquals("  ... and 5 more failed shots and 5 queued again after an error: --all lists every shot, --json every"
                + " shot's error", brief.get(brief.size() - 1), String.join("\n", brief));
    }

    /**
     * A shot whose worker died on its last attempt stays RUNNING with no worker to finish it (its
     * message went to the dead-letter queue): silent for 15 minutes (the worker's last sign of
     * life set back here, as time would), status calls it lost and says how to run it again.
     */
    @Test
    void statusNamesAShotWhoseWorkerFellSilent() throws Exception {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("silent-worker-job");
        table.createJob(id, "silent", "rtm", "jobs/silent-worker-job/spec.json", 3);
        table.startShot(id, 1, "early-death", 1);
        table.startShot(id, 2, "dead", 3);
        table.startShot(id, 3, "alive", 3);
        CliRun fresh = CliRun.run("status", id.value(), "--cloud", "local");
        assertTrue(fresh.out().startsWith("silent-worker-job (silent, task rtm): RUNNING, 0 of 3 shots done, 3 running\n"),
                fresh.out());
        for (String shot : List.of("SHOT#1", "SHOT#2", "SHOT#3")) {
            CLOUD.dynamoDb().updateItem(r -> r.tableName(io.seiswork.cloud.config.CloudSettings.DEFAULT_TABLE)
                    .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOB#" + id),
                            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(shot)))
                    .updateExpression("SET beat = :then").expressionAttributeValues(java.util.Map.of(":then",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                    java.time.Instant.now().minus(java.time.Duration.ofMinutes(16)).toString()))));
        }
        table.reportProgress(id, 3, 0.5);  // a live worker's report: its shot is not silent
        // Shot 1 is silent on its first delivery: its message comes back to another worker. Shot 2 is
        // silent on its third: the message is in the dead-letter queue.
        CliRun status = CliRun.run("status", id.value(), "--cloud", "local");
        assertEquals("silent-worker-job (silent, task rtm): RUNNING, 0 of 3 shots done, 3 running, 1 lost (shot 2: "
                + "its worker silent for over 15 minutes on the last delivery of its message; the next worker to sweep "
                + "the dead-letter queue counts it failed, and 'seiswork resume silent-worker-job' runs it again)",
                status.out().lines().findFirst().orElseThrow());
        var json = new ObjectMapper().readTree(CliRun.run("status", id.value(), "--cloud", "local", "--json").out());
        assertEquals("[2]", json.get("lostShots").toString());
        table.cancel(id);
    }

    /**
     * A worker killed with kill -9 leaves its shot RUNNING at its last progress. Its worker's
     * last report set 2 min 10 s back in the table, status (at a time given, not slept for) says
     * it has heard nothing for that long and what follows from the protocol; the error of the
     * shot's first attempt, which failed, is said to be that attempt's, not the running one's;
     * and {@code --wait}'s follow tells the failed attempt once.
     */
    @Test
    void statusSaysWhenARunningShotsWorkerIsSilentAndWhoseTheErrorIs() {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("quiet-worker-job");
        table.createJob(id, "quiet", "model", "jobs/quiet-worker-job/spec.json", 3);
        table.startShot(id, 1, "vm-1", 1);
        table.failShot(id, 1, "vm-1", "storing shot 1's result s3://b/k: Broken pipe (4 tries in 6 s)", false);
        var failures = new io.seiswork.cloud.dispatch.FailedAttempts();
        java.util.function.Supplier<io.seiswork.cloud.dispatch.JobView> read = () -> new io.seiswork.cloud.dispatch.JobView(
                table.job(id).orElseThrow(), table.shots(id));
        var afterFailure = read.get();
        assertEquals(List.of("shot 1: attempt 1 of 3 failed, it runs again: storing shot 1's result s3://b/k: Broken pipe"
                + " (4 tries in 6 s)"), failures.newLines(afterFailure));
        table.startShot(id, 1, "vm-2372", 2);
        table.reportProgress(id, 1, 0.54);
        table.startShot(id, 2, "vm-3", 3);
        table.reportProgress(id, 2, 0.1);
        table.startShot(id, 3, "vm-4", 1);
        table.reportProgress(id, 3, 0.2);
        assertEquals(List.of(), failures.newLines(read.get()), "a failure is told once");
        var view = read.get();
        java.time.Instant beat1 = view.shots().get(0).beat();
        java.time.Instant at = beat1.plusSeconds(130);
        assertEquals("  shot    1  RUNNING  attempts 2   54 %  vm-2372  (no word from its worker for 2 min 10 s; if it has"
                + " stopped, the shot runs again on a free worker once its message's visibility timeout runs out,"
                + " within the worker's --visibility (300 s by default) of its last extension)  attempt 1 failed: storing shot 1's result s3://b/k: Broken pipe (4 tries in 6 s)",
                StatusCommand.shotLine(view, view.shots().get(0), SpecShots.EVERY, at));
        assertEquals("  shot    1  RUNNING  attempts 2   54 %  vm-2372  attempt 1 failed: storing shot 1's result s3://b/k:"
                + " Broken pipe (4 tries in 6 s)", StatusCommand.shotLine(view, view.shots().get(0), SpecShots.EVERY,
                beat1.plusSeconds(30)), "a worker that reported within 90 s is not silent");
        java.time.Instant beat2 = view.shots().get(1).beat();
        assertEquals("  shot    2  RUNNING  attempts 1   10 %  vm-3  (no word from its worker for 3 min 0 s on the last"
                + " delivery of its message; if it has stopped, the shot is lost after 15 minutes of silence and counted"
                + " failed)", StatusCommand.shotLine(view, view.shots().get(1), SpecShots.EVERY, beat2.plusSeconds(180)));
        assertEquals("  shot    2  RUNNING  attempts 1   10 %  vm-3  (no word from its worker for 16 min 0 s on the last"
                + " delivery of its message: lost (see the job's line))",
                StatusCommand.shotLine(view, view.shots().get(1), SpecShots.EVERY, beat2.plusSeconds(960)));
        // Through the command, the reports set back as time would: only shot 1 is silent.
        CLOUD.dynamoDb().updateItem(r -> r.tableName(io.seiswork.cloud.config.CloudSettings.DEFAULT_TABLE)
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOB#" + id),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SHOT#1")))
                .updateExpression("SET beat = :then").expressionAttributeValues(java.util.Map.of(":then",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                java.time.Instant.now().minus(java.time.Duration.ofSeconds(130)).toString()))));
        List<String> lines = CliRun.run("status", id.value(), "--cloud", "local").out().lines().toList();
        assertTrue(lines.get(1).matches("  shot    1  RUNNING  attempts 2   54 %  vm-2372  \\(no word from its worker for"
                + " 2 min \\d+ s; .*"), lines.get(1));
        assertFalse(lines.get(1).contains("error:"), lines.get(1));
        assertEquals("  shot    3  RUNNING  attempts 1   20 %  vm-4", lines.get(3));
        table.cancel(id);
        // In an ended job workers drop the shot's message: only the silence is told, no rerun promised.
        var cancelled = read.get();
        assertEquals("  shot    1  RUNNING  attempts 2   54 %  vm-2372  (no word from its worker for 2 min 10 s)  attempt 1"
                + " failed: storing shot 1's result s3://b/k: Broken pipe (4 tries in 6 s)",
                StatusCommand.shotLine(cancelled, cancelled.shots().get(0), SpecShots.EVERY,
                        cancelled.shots().get(0).beat().plusSeconds(130)));
        assertEquals("  shot    2  RUNNING  attempts 1   10 %  vm-3  (no word from its worker for 3 min 0 s)",
                StatusCommand.shotLine(cancelled, cancelled.shots().get(1), SpecShots.EVERY, beat2.plusSeconds(180)));
    }

    @Test
    void statusOfAStackingJobSaysHowFarTheStackIs() {
        var table = commandsTable();
        var id = new io.seiswork.cloud.job.JobId("stacking-status-job");
        table.createJob(id, "stacking", "rtm", "jobs/stacking-status-job/spec.json", 3);
        for (int shot = 1; shot <= 3; shot++) {
            table.startShot(id, shot, "w1");
            table.completeShot(id, shot, 1, 1);
        }
        assertTrue(table.stacking().startStacking(id));
        table.stacking().stackProgress(id, 2);
        CliRun status = CliRun.run("status", id.value(), "--cloud", "local");
        assertEquals("stacking-status-job (stacking, task rtm): STACKING, 3 of 3 shots done, 2 of 3 results stacked",
                status.out().lines().findFirst().orElseThrow());
    }

    /**
     * A submitted job is checked for the workers' memory, not for the machine it is submitted
     * from: a 3D migration keeping its source wavefield in memory (9.15 GiB a shot) is refused
     * for this test JVM's 4 GiB heap, and accepted for workers of 64 GiB.
     */
    @Test
    void whatASubmitAcceptsIsDecidedByTheWorkersMemory() throws Exception {
        Path big = LargeSpecs.wavefieldInMemory(dir, 1.0);
        CliRun here = CliRun.run("submit", big.toString(), "--cloud", "local");
        assertEquals(1, here.exit(), here.err());
        assertTrue(here.err().contains("grid: one shot needs 9.15 GiB but the memory budget is "), here.err());
        CliRun workers = CliRun.run("submit", big.toString(), "--cloud", "local", "--worker-memory", "64");
        assertEquals(0, workers.exit(), workers.err());
        // Not for running here: cancelled, so that the other tests' workers skip its shots.
        assertEquals(0, CliRun.run("cancel", workers.out().strip(), "--cloud", "local").exit());
        // Too large for the workers: the advice raises the workers' memory, not this machine's heap.
        CliRun small = CliRun.run("submit", big.toString(), "--cloud", "local", "--worker-memory", "4");
        assertEquals(1, small.exit(), small.err());
        assertTrue(small.err().contains("grid: one shot needs 9.15 GiB but the memory budget is 2.52 GiB (a worker task"
                + " of 4 GiB: 70 % of it as heap, 90 % of that for a shot; raise it with --worker-memory GIB, or coarsen"
                + " the grid)"), small.err());
        assertFalse(small.err().contains("-Xmx"), small.err());
        CliRun aws = CliRun.run("submit", big.toString(), "--cloud", "aws", "--worker-memory", "4");
        assertEquals(1, aws.exit(), aws.err());
        assertTrue(aws.err().contains("raise it with --worker-memory GIB or SEISWORK_WORKER_MEMORY_GIB, or coarsen the"
                + " grid)"), aws.err());
        assertTrue(here.err().contains("(raise it with -Xmx / SEISWORK_JAVA_OPTS"), "local workers run here: " + here.err());
        CliRun bad = CliRun.run("submit", big.toString(), "--cloud", "local", "--worker-memory", "-1");
        assertEquals(2, bad.exit());
        assertEquals("seiswork submit: --worker-memory must be a positive number of GiB (at most 1048576), got -1.0",
                bad.err().lines().findFirst().orElseThrow());
    }

    @Test
    void badJobIdsAndAnUnreachableCloudAreOneLineErrors() {
        CliRun bad = CliRun.run("status", "../../etc", "--cloud", "local");
        assertEquals(2, bad.exit(), "a usage error: " + bad.err());
        assertTrue(bad.err().startsWith("seiswork status: job id must be 3-63 lower-case letters"), bad.err());
        assertTrue(bad.err().contains("See 'seiswork status --help' for the options."), bad.err());
        CliRun unknown = CliRun.run("status", "no-such-job", "--cloud", "local");
        assertEquals(1, CliRun.run("cancel", "no-such-job", "--cloud", "local").exit());
        assertEquals(1, unknown.exit());
        assertEquals("seiswork: no job no-such-job in the job table", unknown.err().strip());
        CliRun cloud = CliRun.run("status", "abc", "--cloud", "mars");
        assertEquals(2, cloud.exit());
        assertEquals("seiswork status: --cloud must be local or aws, got \"mars\"", cloud.err().lines().findFirst().orElseThrow());
        String port = System.getProperty(DYNAMODB_PORT);
        System.setProperty(DYNAMODB_PORT, "1");
        try {
            CliRun down = CliRun.run("status", "abc", "--cloud", "local");
            assertEquals(1, down.exit());
            // Only the emulator that is down is named (the others run), by the probe before any call.
            assertEquals("seiswork: cannot reach the local cloud: DynamoDB (dynalite) at http://127.0.0.1:1: connection"
                    + " refused; start the local cloud with scripts/cloud-local.sh start", down.err().strip());
        } finally {
            System.setProperty(DYNAMODB_PORT, port);
        }
    }
}
