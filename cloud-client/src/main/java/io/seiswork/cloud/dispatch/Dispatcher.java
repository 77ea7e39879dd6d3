package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.ServiceClock;
import io.seiswork.cloud.job.FailedShots;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobRecord;
import io.seiswork.cloud.job.JobStatus;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.RequestsInParallel;
import io.seiswork.cloud.job.ShotRecord;
import io.seiswork.cloud.job.ShotState;
import io.seiswork.cloud.job.SpecInputs;
import io.seiswork.cloud.queue.ShotQueue;
import io.seiswork.cloud.s3.ArtifactStore;
import io.seiswork.cloud.s3.ListedObject;
import io.seiswork.cloud.s3.S3Location;
import io.seiswork.cloud.s3.StoredInput;
import io.seiswork.cloud.s3.StoredVersion;
import io.seiswork.cloud.s3.TransferProgress;
import io.seiswork.core.files.FolderLock;
import io.seiswork.core.files.IoProblems;
import io.seiswork.core.files.RunOutputs;
import io.seiswork.core.progress.CancellationToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The client side of the cloud protocol, shared by the command line and the desktop: submit a
 * spec (inputs to S3 by content, the spec, the job and shot items, one message per shot), read a
 * job's status, cancel it, resume it, fetch its outputs, delete it. On the local emulator stack it creates the bucket,
 * table and queues on first use.
 */
public final class Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArtifactStore store;
    private final JobTable table;
    private final ShotQueue queue;
    /** The free space a fetch counts on: the disk's, but for a test's fuller disk. */
    private final FolderRoom room;
    /** The service's time, on which the silences of shots' workers are measured. */
    private final ServiceClock clock;

    /**
     * A dispatcher on clients built elsewhere, which set no {@link ServiceClock}: ages are
     * measured on this machine's clock ({@link #of} measures them on the service's).
     */
    public Dispatcher(ArtifactStore store, JobTable table, ShotQueue queue) {
        this(store, table, queue, FolderRoom.DISK, new ServiceClock());
    }

    private Dispatcher(ArtifactStore store, JobTable table, ShotQueue queue, FolderRoom room, ServiceClock clock) {
        this.store = store;
        this.table = table;
        this.queue = queue;
        this.room = room;
        this.clock = clock;
    }

    /** This dispatcher, its fetches told that a folder's disk has the room {@code room} says (a test's full disk). */
    Dispatcher withRoom(FolderRoom room) {
        return new Dispatcher(store, table, queue, room, clock);
    }

    /** The dispatcher of a stack; the local one gets its bucket, table and queues created if missing. */
    public static Dispatcher of(CloudClients clients) {
        var s = clients.settings();
        if (s.isLocal()) {
            return new Dispatcher(ArtifactStore.createIfMissing(clients.s3(), s.bucket()),
                    JobTable.createIfMissing(clients.dynamoDb(), s.table()), ShotQueue.createIfMissing(clients.sqs(), s.queue()),
                    FolderRoom.DISK, clients.serviceClock());
        }
        return new Dispatcher(new ArtifactStore(clients.s3(), s.bucket()), new JobTable(clients.dynamoDb(), s.table()),
                ShotQueue.open(clients.sqs(), s.queue()), FolderRoom.DISK, clients.serviceClock());
    }

    /**
     * The service's clock as the job table's responses set it: the {@code now} that a shot's
     * silence ({@link ShotNotes}) and its being lost ({@link JobView#lostShots}) are measured at,
     * since its worker stamps its beats with its own clock, kept to AWS's.
     */
    public ServiceClock clock() {
        return clock;
    }

    public ArtifactStore store() {
        return store;
    }

    public JobTable table() {
        return table;
    }

    public ShotQueue queue() {
        return queue;
    }

    /**
     * Submits a spec the caller has validated.
     *
     * @param specFile the spec; relative file paths in it are resolved against its directory
     * @param shots the number of shots the job has (from its geometry or its data file)
     * @param progress bytes of the inputs uploaded
     */
    public SubmittedJob submit(Path specFile, int shots, TransferProgress progress) {
        return submit(SpecTree.read(specFile), specFile.toAbsolutePath().getParent(), shots, progress);
    }

    /**
     * Submits a spec given as JSON (the desktop's applied text), its file fields rewritten in place.
     *
     * @param base directory that relative file paths in the spec are resolved against
     */
    public SubmittedJob submit(ObjectNode spec, Path base, int shots, TransferProgress progress) {
        return submit(spec, base, shots, FailedShots.defaultLimit(shots), progress);
    }

    /**
     * Submits a spec given as JSON with a limit of failed shots.
     *
     * @param maxFailed shots that may fail (each after its last attempt) while the job runs on
     *     with its others ({@link FailedShots}); checked before anything is uploaded
     */
    public SubmittedJob submit(ObjectNode spec, Path base, int shots, int maxFailed, TransferProgress progress) {
        return submit(spec, base, shots, maxFailed, null, progress);
    }

    /**
     * Submits a spec given as JSON with a limit of failed shots and, for a migration of recorded
     * data, its data file's shot index.
     *
     * @param dataIndex the data file's shot index as stored ({@code ShotIndexFormat}, made by the
     *     pass over its headers that counted {@code shots}), stored as an input by its content
     *     and named in the stored spec ({@link StoredSpec#DATA_INDEX_FIELD}), so that each worker
     *     fetches only its shot's traces; null for none (the workers download the whole file)
     */
    public SubmittedJob submit(ObjectNode spec, Path base, int shots, int maxFailed, byte[] dataIndex,
            TransferProgress progress) {
        return submit(spec, base, shots, maxFailed, dataIndex, SubmitProgress.uploads(progress));
    }

    /**
     * As {@link #submit(ObjectNode, Path, int, int, byte[], TransferProgress)}, each input's hashing
     * read and upload watched, and the whole cancellable until the job is written.
     *
     * @throws io.seiswork.core.progress.CancelledException when {@code progress}' token is
     *     cancelled before the job is written: no job is stored and nothing is queued
     */
    public SubmittedJob submit(ObjectNode spec, Path base, int shots, int maxFailed, byte[] dataIndex,
            SubmitProgress progress) {
        return submit(spec, base, shots, null, maxFailed, dataIndex, progress);
    }

    /**
     * Submits only some of a spec's shots ({@code seiswork submit --shots}), to look at a few
     * shots of a large survey before sending the whole of it. The job has {@code shotNumbers.size()}
     * shots, numbered 1 to that in the job table, the queue and the bucket like any job's; its
     * stored spec lists which shot of the survey each one is ({@link StoredSpec#SHOTS_FIELD}), and
     * the workers run those, with their numbers (FFID), sources and receivers: the outputs are
     * those of {@code seiswork run SPEC --shots LIST}, byte for byte.
     *
     * @param shotNumbers the shots' numbers in the spec (FFID), in the order the job runs them (the
     *     spec's order), each once; checked before anything is uploaded
     * @param maxFailed shots that may fail while the job runs on ({@link FailedShots}), of these shots
     */
    public SubmittedJob submitShots(ObjectNode spec, Path base, List<Integer> shotNumbers, int maxFailed,
            TransferProgress progress) {
        return submitShots(spec, base, shotNumbers, maxFailed, null, progress);
    }

    /** As {@link #submitShots(ObjectNode, Path, List, int, TransferProgress)}, with the data file's shot index (null: none). */
    public SubmittedJob submitShots(ObjectNode spec, Path base, List<Integer> shotNumbers, int maxFailed,
            byte[] dataIndex, TransferProgress progress) {
        return submitShots(spec, base, shotNumbers, maxFailed, dataIndex, SubmitProgress.uploads(progress));
    }

    /**
     * As {@link #submitShots(ObjectNode, Path, List, int, byte[], TransferProgress)}, each input's
     * hashing read and upload watched, and the whole cancellable until the job is written.
     */
    public SubmittedJob submitShots(ObjectNode spec, Path base, List<Integer> shotNumbers, int maxFailed,
            byte[] dataIndex, SubmitProgress progress) {
        return submit(spec, base, shotNumbers.size(), shotNumbers, maxFailed, dataIndex, progress);
    }

    /**
     * @param shotNumbers the shots of the spec the job runs, or null for every one of its {@code shots}
     * @param dataIndex the data file's shot index, or null
     */
    private SubmittedJob submit(ObjectNode spec, Path base, int shots, List<Integer> shotNumbers, int maxFailed,
            byte[] dataIndex, SubmitProgress progress) {
        FailedShots.checkLimit(maxFailed, shots);
        CancellationToken cancel = progress.cancel();
        if (shotNumbers != null) {
            StoredSpec.selectShots(spec, shotNumbers);
        }
        List<SpecInputs.FileField> files = SpecInputs.of(spec);
        for (SpecInputs.FileField f : files) {
            // Every input checked before any is read or sent: a 6 TB data file is refused at once,
            // not after the hours its velocity model's and its own upload would take.
            Path file = base.resolve(f.value());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(f.path() + ": file " + file + " not found");
            }
            try {
                ArtifactStore.checkStorable(file);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.path() + ": " + e.getMessage(), e);
            }
        }
        List<String> inputs = new ArrayList<>();
        long uploaded = 0;
        for (SpecInputs.FileField f : files) {
            Path file = base.resolve(f.value());
            StoredInput stored = store.putInput(file, progress.hashing(file), progress.uploading(file), cancel);
            uploaded += stored.uploaded() ? stored.bytes() : 0;
            f.set(stored.key());
            inputs.add(stored.key());
        }
        if (dataIndex != null && spec.path("data").isTextual() && ObjectKeys.isInput(spec.path("data").asText())) {
            // Stored by content like the data it indexes: a second job on the same file sends nothing.
            StoredInput index = store.putInputBytes(dataIndex);
            uploaded += index.uploaded() ? index.bytes() : 0;
            StoredSpec.indexData(spec, index.key());
            inputs.add(index.key());
        }
        // The last moment a cancel leaves nothing behind but stored inputs, which are shared by content anyway.
        cancel.throwIfCancelled("submitting, before the job was written");
        String name = spec.path("name").asText("job");
        JobId id = JobId.newFor(name, Instant.now(), new SecureRandom());
        String specKey = ObjectKeys.spec(id);
        try {
            // Written once: a second submit under the same id is refused, a running job's spec never replaced.
            store.putNew(specKey, JSON.writeValueAsBytes(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table.createJobItem(id, name, spec.path("task").asText("model"), specKey, shots, maxFailed);
        try {
            List<Integer> all = IntStream.rangeClosed(1, shots).boxed().toList();
            table.createShots(id, all);
            queue.send(id, all);
        } catch (RuntimeException e) {
            throw notAllQueued(id, e);
        }
        return new SubmittedJob(id, shots, List.copyOf(inputs), uploaded);
    }

    /**
     * The job and its shots.
     *
     * @throws IllegalArgumentException when there is no such job
     */
    public JobView status(JobId id) {
        JobRecord job = table.job(id).orElseThrow(() -> new IllegalArgumentException("no job " + id + " in the job table"));
        return new JobView(job, table.shots(id));
    }

    /** The most recent jobs, newest first. */
    public List<JobRecord> recentJobs(int limit) {
        return table.recentJobs(limit);
    }

    /**
     * Cancels the job; its workers stop at their next time step.
     *
     * @return the job's status after the call (CANCELLED, or the final status it had reached)
     */
    public JobStatus cancel(JobId id) {
        table.cancel(id);
        return status(id).job().status();
    }

    /**
     * Runs a FAILED or CANCELLED job again from where it stopped: its done shots are kept (their
     * results are still in the bucket, which this checks by listing them), every other shot is
     * queued again with {@value io.seiswork.cloud.job.ShotAttempts#MAX} fresh attempts, and the
     * job counts on from its done shots to the same stack a run without the failure would make.
     * A job whose shots were all done (its stacking failed or was cancelled) is stacked again.
     *
     * <p>The shot items are reset while the job is still FAILED or CANCELLED, which no worker acts
     * on (those a submit cut short never wrote are written); then the job is reopened by one
     * conditional write (of two resumes at once, one wins) and the messages are sent.
     *
     * @throws IllegalArgumentException when there is no such job
     * @throws IllegalStateException when the job is running, done, or was resumed meanwhile
     */
    public ResumedJob resume(JobId id) {
        JobView view = status(id);
        JobStatus st = view.job().status();
        if (st != JobStatus.FAILED && st != JobStatus.CANCELLED) {
            throw new IllegalStateException("job " + id + " is " + st + (st == JobStatus.DONE ? ": nothing to resume"
                    : ": only a FAILED or CANCELLED job can be resumed"));
        }
        if (view.job().deleting()) {
            throw new IllegalStateException("job " + id + " is being deleted: finish with seiswork delete " + id);
        }
        Set<Integer> stored = new HashSet<>();
        for (ListedObject o : store.objectsUnder(ObjectKeys.shotResults(id))) {
            int shot = ObjectKeys.shotOfResult(id, o.key());
            if (shot > 0) {
                stored.add(shot);
            }
        }
        List<Integer> queued = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        Set<Integer> items = new HashSet<>();
        for (ShotRecord s : view.shots()) {
            items.add(s.shot());
            if (s.state() == ShotState.DONE && stored.contains(s.shot())) {
                continue;
            }
            if (s.state() == ShotState.DONE) {
                writes.add(() -> table.uncountShot(id, s.shot()));
                lost.add(s.shot());
            } else {
                writes.add(() -> table.requeueShot(id, s.shot(), false));
            }
            queued.add(s.shot());
        }
        // Shots whose items a submit that was cut short never wrote (notAllQueued): written now,
        // or the job could never count up to its total.
        List<Integer> missing = IntStream.rangeClosed(1, view.job().total()).filter(n -> !items.contains(n)).boxed()
                .toList();
        RequestsInParallel.send(writes, Runnable::run, "the shot items of job " + id);
        table.createShots(id, missing);
        queued.addAll(missing);
        queued.sort(null);
        int kept = view.job().total() - queued.size();
        int run = table.reopen(id, kept > 0).orElseThrow(() -> new IllegalStateException("job " + id
                + " changed while it was being resumed: it is " + status(id).job().status() + " now"));
        try {
            // Every shot done: one message for a done shot makes its worker stack the job (ShotWorker).
            queue.send(id, queued.isEmpty() ? List.of(view.job().total()) : queued, run);
        } catch (RuntimeException e) {
            throw notAllQueued(id, e);
        }
        return new ResumedJob(id, queued, kept, lost);
    }

    /**
     * Deletes an ended job for good: every object under {@code jobs/<id>/} (its spec, the shot
     * results a FAILED or CANCELLED job keeps for a resume, its outputs), then its shot items and
     * its job item. Its inputs stay: they are stored by content and may serve other jobs. The
     * objects go first, so a delete that stops half way leaves the job listed, and can be run
     * again.
     *
     * @throws IllegalArgumentException when there is no such job
     * @throws IllegalStateException when the job has not ended, or was resumed meanwhile
     */
    public DeletedJob delete(JobId id) {
        JobView view = status(id);
        JobRecord job = view.job();
        if (!job.status().isFinal()) {
            throw new IllegalStateException("job " + id + " is " + job.status() + ": cancel it first (seiswork cancel "
                    + id + "), then delete it");
        }
        // A worker stops a cancelled job's shot within seconds and hands it back; one still on it
        // might store its result after the delete. A shot whose worker fell silent is no reason to wait.
        Instant silentSince = clock.now().minus(JobView.LOST_AFTER);
        // Silent, any delivery: a worker on an ended job's shot sees the end within seconds.
        List<Integer> held = view.shots().stream().filter(s -> s.state() == ShotState.RUNNING && !s.silent(silentSince))
                .map(ShotRecord::shot).toList();
        if (!held.isEmpty()) {
            throw new IllegalStateException("job " + id + " is " + job.status() + " but a worker still holds shot "
                    + held.get(0) + (held.size() > 1 ? " and " + (held.size() - 1) + " more" : "")
                    + ": it stops within seconds; delete it then");
        }
        if (!table.markDeleting(id)) {
            throw new IllegalStateException("job " + id + " is " + status(id).job().status() + " now: it was resumed "
                    + "meanwhile; cancel it first, then delete it");
        }
        List<ListedObject> objects = store.objectsUnder(ObjectKeys.job(id));
        store.delete(objects.stream().map(ListedObject::key).toList());
        if (!table.deleteJob(id, job.total())) {
            throw new IllegalStateException("job " + id + " was deleted meanwhile");
        }
        return new DeletedJob(id, objects.size(), objects.stream().mapToLong(ListedObject::bytes).sum());
    }

    /**
     * Ends a job whose shots could not all be queued ({@code failure}: its shot items or its
     * messages written in part): left QUEUED or RUNNING, it would wait for the rest for 12 days
     * (the stale-shot re-send). It is CANCELLED with the reason as its error, so that
     * {@code status} and {@code jobs} say why, and a resume writes and queues every shot not done.
     * A cancel that fails too (the same outage) is added to {@code failure}, and the message says
     * what the user must do; one refused (the job ended meanwhile) says the job's status.
     *
     * @return the exception to throw, {@code failure} its cause
     */
    private IllegalStateException notAllQueued(JobId id, RuntimeException failure) {
        String why = "could not queue the shots of job " + id + " (" + failure.getMessage() + ")";
        String resume = "'seiswork resume " + id + "' queues its shots again";
        String outcome;
        try {
            if (table.cancel(id, "its shots could not all be queued: " + failure.getMessage())) {
                outcome = "the job is CANCELLED: " + resume;
            } else {
                Optional<JobStatus> now = table.jobStatus(id);
                outcome = now.isEmpty() ? "the job was deleted meanwhile"
                        : "the job is " + now.get() + " already" + (now.get() == JobStatus.DONE ? "" : ": " + resume);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            outcome = "nor could the job be cancelled (" + e.getMessage() + "), so it waits for shots never queued: "
                    + "'seiswork cancel " + id + "', then " + resume;
        }
        return new IllegalStateException(why + "; " + outcome, failure);
    }

    /**
     * Where a DONE job's output {@code file} lies in the bucket, for reading it in place by ranged
     * GETs (the viewers open a remote {@code image.swv} brick by brick, never downloading it).
     *
     * @throws IllegalStateException when the job is not DONE or has no such output
     */
    public S3Location output(JobId id, String file) {
        JobRecord job = status(id).job();
        if (job.status() != JobStatus.DONE) {
            throw new IllegalStateException(notDone(job));
        }
        if (!job.outputs().contains(file)) {
            throw new IllegalStateException("job " + id + " has no " + file + "; its outputs are " + job.outputs());
        }
        return new S3Location(store.bucket(), ObjectKeys.output(id, file));
    }

    /**
     * Why a job that is not DONE has no outputs yet, and, for one that ended without them
     * (CANCELLED, FAILED), what makes them: its unfinished shots run only after a resume.
     */
    private static String notDone(JobRecord job) {
        String why = "job " + job.id() + " is " + job.status() + (job.error() != null ? " (" + job.error() + ")" : "");
        return job.status().isFinal()
                ? why + ": 'seiswork resume " + job.id() + "' runs its unfinished shots, and its outputs exist once it"
                        + " is DONE"
                : why + ", its outputs exist once it is DONE";
    }

    /**
     * Downloads a DONE job's outputs into {@code outDir}. Outputs fetched there before, of the
     * same stored version, are not downloaded again ({@link FetchedVersions}), and a download that
     * broke goes on where it stopped: fetching again after a failure costs only what is missing.
     * Refused, before anything is downloaded, when the folder holds another run's outputs
     * ({@link RunOutputs}: a local run's report, image, gathers or checkpoint, another job's fetched
     * files, a file this job's fetch wrote and something wrote since), whether the job's outputs
     * would replace them or land beside them (a folder of two runs' files is shown as one run), or
     * when another fetch or run writes into the folder ({@link FolderLock}). Other files of the
     * folder (the user's notes) are left as they are.
     *
     * @param maxBytes largest output accepted
     * @return the outputs, each with whether it was there already
     * @throws IllegalStateException when the job is not DONE, or the folder is not this fetch's to write
     */
    public List<FetchedOutput> fetch(JobId id, Path outDir, long maxBytes, TransferProgress progress) {
        return fetch(id, outDir, maxBytes, progress, CancellationToken.none());
    }

    /**
     * As {@link #fetch(JobId, Path, long, TransferProgress)}, stopped by {@code cancel} between
     * the parts of a download (the desktop's Cancel during the fetch of a 100 GB image).
     *
     * @throws io.seiswork.cloud.s3.TransferCancelledException when {@code cancel} stops a download:
     *     its parts on disk are kept, and fetching into {@code outDir} again goes on from them
     */
    public List<FetchedOutput> fetch(JobId id, Path outDir, long maxBytes, TransferProgress progress,
            CancellationToken cancel) {
        return fetch(id, outDir, maxBytes, progress, cancel, List.of());
    }

    /**
     * As {@link #fetch(JobId, Path, long, TransferProgress, CancellationToken)}, replacing another
     * run's outputs in the folder when they are among {@code replaceable} (run-output names,
     * {@link RunOutputs#ALL} for {@code seiswork fetch --replace}; the names the desktop's user
     * agreed to replace before the job was sent, found in the folder then): they are removed, those
     * the job does not return too (a local run's {@code run.json}, the other task's files, a stopped
     * run's checkpoint), before anything is downloaded, so that the folder holds only the job's
     * outputs, even when the download is cancelled; the fetch record then names only this job.
     * Another run's output not among them refuses the fetch, as does a folder by a run output's
     * name that no Seiswork run leaves ({@link RunOutputs#foreignFolders}), which is never removed.
     * Every check that can refuse comes before anything is removed: the outputs' sizes against
     * {@code maxBytes}, and the room the downloads need on the folder's disk.
     */
    public List<FetchedOutput> fetch(JobId id, Path outDir, long maxBytes, TransferProgress progress,
            CancellationToken cancel, Collection<String> replaceable) {
        JobRecord job = status(id).job();
        if (job.status() != JobStatus.DONE) {
            throw new IllegalStateException(notDone(job));
        }
        IoProblems.createFolders(outDir, "");
        try (FolderLock lock = FolderLock.tryAcquire(outDir).orElseThrow(() -> new IllegalStateException(
                "another fetch or run is writing into " + outDir + " (it holds " + FolderLock.OUTPUTS
                        + "): let it end, or fetch into another folder"))) {
            FetchedVersions fetched = FetchedVersions.in(outDir);
            List<StoredVersion> versions = new ArrayList<>();
            for (String name : job.outputs()) {
                StoredVersion v = store.version(ObjectKeys.output(id, name)).orElseThrow(() ->
                        new IllegalStateException("job " + id + " is DONE but its output " + name + " is gone from the bucket"));
                if (v.size() > maxBytes) {
                    throw new IllegalStateException("job " + id + "'s " + name + " has " + v.size() + " bytes, more than the "
                            + maxBytes + " allowed here; nothing was removed or downloaded");
                }
                versions.add(v);
            }
            List<String> others = new ArrayList<>();
            for (String name : RunOutputs.in(outDir)) {
                int output = job.outputs().indexOf(name);
                if (!fetched.wroteFor(outDir.resolve(name), id, output >= 0 ? versions.get(output) : null)) {
                    others.add(name);
                }
            }
            List<String> folders = RunOutputs.foreignFolders(outDir).stream().filter(others::contains).toList();
            List<String> kept = others.stream().filter(n -> !replaceable.contains(n)).toList();
            if (!folders.isEmpty() || !kept.isEmpty()) {
                throw new IllegalStateException(othersRefused(id, outDir, others, folders, !replaceable.isEmpty()));
            }
            List<Integer> downloads = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                Path file = outDir.resolve(job.outputs().get(i));
                if (!(fetched.holds(file, versions.get(i)) && fetched.wroteFor(file, id, versions.get(i)))) {
                    downloads.add(i);
                }
            }
            requireRoom(outDir, job.outputs(), versions, downloads, others);
            if (!others.isEmpty()) {
                RunOutputs.remove(outDir, others);
                fetched.forget(others);
            }
            List<FetchedOutput> files = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                String name = job.outputs().get(i);
                Path file = outDir.resolve(name);
                StoredVersion stored = versions.get(i);
                boolean there = !downloads.contains(i);
                if (!there) {
                    fetched.fetched(file, id, store.getFile(ObjectKeys.output(id, name), file, maxBytes, progress, cancel));
                }
                files.add(new FetchedOutput(file, stored.size(), there));
            }
            return files;
        }
    }

    /**
     * Refuses, before anything is removed, a fetch whose {@code downloads} (indices into
     * {@code names} and {@code versions}) need more room than {@code outDir}'s disk has: its
     * usable space, and the bytes the fetch frees or reuses there (the run outputs {@code removed},
     * the files the downloads replace and their broken downloads' parts). Generous, so that it
     * never refuses a fetch that fits; one that cannot be told is not refused here.
     */
    private void requireRoom(Path outDir, List<String> names, List<StoredVersion> versions,
            List<Integer> downloads, List<String> removed) {
        long needed = 0;
        long reusable = 0;
        Set<String> freed = new HashSet<>(removed);
        for (int i : downloads) {
            needed += versions.get(i).size();
            Path file = outDir.resolve(names.get(i));
            reusable += ArtifactStore.partBytesOnDisk(file);
            freed.add(names.get(i));
        }
        try {
            for (String name : freed) {
                Path file = outDir.resolve(name);
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    reusable += Files.size(file);
                }
            }
            long usable = room.usableBytes(outDir);
            if (needed > usable + reusable) {
                throw new IllegalStateException(outDir + " has room for " + size(usable + reusable) + " more, and the"
                        + " job's outputs need " + size(needed) + ": free some, or fetch into another folder; nothing"
                        + " was removed or downloaded");
            }
        } catch (IOException e) {
            // The room cannot be told: the download itself says so if the disk fills.
        }
    }

    /** {@code bytes} as the room refusal says it: MB to a tenth, bytes below 0.1 MB (where 0.0 MB would say nothing). */
    private static String size(long bytes) {
        return bytes < 100_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /**
     * Why a fetch of {@code id} into {@code outDir} is refused: it holds {@code others}, another
     * run's outputs, of which {@code folders} are folders no Seiswork run leaves (moved by the user,
     * never removed); {@code replacing} when the fetch was to replace some of them (not these).
     */
    private static String othersRefused(JobId id, Path outDir, List<String> others, List<String> folders,
            boolean replacing) {
        boolean one = others.size() == 1;
        String why = outDir + " holds " + RunOutputs.named(outDir, others) + ", which no fetch of job " + id + " left as "
                + (one ? "it is" : "they are") + " (another run's outputs, or written since?)";
        if (!folders.isEmpty()) {
            return why + ": " + RunOutputs.movePlease(outDir, folders) + ", or fetch into another folder; nothing was"
                    + " removed or downloaded";
        }
        return why + (replacing ? ", not what was to be replaced when the job was sent: fetch into another folder,"
                + " or replace " + (one ? "it" : "them") + " with fetch --replace; nothing was removed or downloaded"
                : ": fetch into another folder, or replace " + (one ? "it" : "them")
                        + " with fetch --replace; nothing was downloaded");
    }
}
