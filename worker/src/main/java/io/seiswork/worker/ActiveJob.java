package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.WaveEngine;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import io.seiswork.kernels.job.ShotIndex;
import io.seiswork.kernels.rtm.ScratchSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job a worker is running shots of, with its engine and shot computer kept between shots:
 * loading the velocity, starting the engine (GPU context, CPU thread pool) and planning the
 * migration's memory are paid once per job, not per shot.
 */
final class ActiveJob implements AutoCloseable {

    private final JobId id;
    private final ResolvedJob job;
    private final EngineSelection engine;
    private final ShotComputer computer;
    /** The job's shots in its order: its shot n is the (n-1)-th; all of the spec's, or those submitted with --shots. */
    private final List<Shot> shots;

    private final Path scratch;
    /** The job's recorded data read a shot at a time, or null (synthetic data, modelling, no index). */
    private final RecordedShots recorded;

    /** A job that runs every shot of its spec; {@code scratch}: this job's scratch directory on the worker. */
    ActiveJob(JobId id, ResolvedJob job, Path scratch) {
        this(id, job, List.of(), scratch, null, ScratchSpace.process());
    }

    /**
     * @param numbers the numbers (FFID) of the spec's shots the job runs, in its order
     *     ({@code submit --shots}, {@link io.seiswork.cloud.dispatch.StoredSpec#shots()}); empty for every shot
     * @param scratch this job's scratch directory on the worker
     * @param recorded the job's recorded data read by its shot index, or null: its computer then
     *     plans on the index's shots and migrates each from its own fetched traces, never opening
     *     the whole data file
     * @param space where the shots' spills are reserved ({@link ScratchSpace#process()} but in tests)
     * @throws IllegalArgumentException when the spec has no shot of one of those numbers
     */
    ActiveJob(JobId id, ResolvedJob job, List<Integer> numbers, Path scratch, RecordedShots recorded,
            ScratchSpace space) {
        this.id = id;
        this.recorded = recorded;
        this.scratch = scratch;
        this.job = job;
        // The kernels weigh all the job's shots (the spec's, or the recorded data's by its index), not this worker's.
        this.engine = JobEngine.select(job, recorded == null ? ShotComputer.shotsOf(job)
                : recorded.index().shots().stream().map(ShotIndex::planningShot).toList());
        ShotComputer c = null;
        try {
            c = recorded == null ? new ShotComputer(job, engine.engine(), scratch.resolve("migration"))
                    : new ShotComputer(job, engine.engine(), scratch.resolve("migration"), recorded.index());
            c.withScratchSpace(space);
            this.shots = numbers.isEmpty() ? c.shots() : pick(id, c.shots(), numbers);
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            engine.engine().close();
            throw e;
        }
        this.computer = c;
    }

    /** The shots of {@code all} with these numbers, in the order of {@code numbers}. */
    private static List<Shot> pick(JobId id, List<Shot> all, List<Integer> numbers) {
        Map<Integer, Shot> byNumber = new HashMap<>();
        all.forEach(s -> byNumber.put(s.number(), s));
        List<Shot> picked = new ArrayList<>(numbers.size());
        for (int n : numbers) {
            Shot s = byNumber.get(n);
            if (s == null) {
                throw new IllegalArgumentException("job " + id + " runs shot " + n + " of its spec, which has no such shot");
            }
            picked.add(s);
        }
        return List.copyOf(picked);
    }

    JobId id() {
        return id;
    }

    ResolvedJob job() {
        return job;
    }

    ShotComputer computer() {
        return computer;
    }

    /** The job's recorded data read a shot at a time by its index, or null. */
    RecordedShots recorded() {
        return recorded;
    }

    /** A fresh directory under the job's scratch. */
    Path scratchFor(String name) {
        Path p = scratch.resolve(name);
        return io.seiswork.core.files.IoProblems.createFolders(p, "");
    }

    String engineName() {
        return engine.engine().name();
    }

    /** The engine the job's shots run on (the caller does not close it: {@link #close} does). */
    WaveEngine engine() {
        return engine.engine();
    }

    /**
     * The job's shot {@code number} (from 1, as the table and the queue number them): the spec's
     * shot of that place, or for a job of some of the spec's shots the {@code number}-th of them,
     * with its own number (FFID), source and receivers.
     *
     * @throws IllegalArgumentException when the job has no such shot
     */
    Shot shot(int number) {
        if (number < 1 || number > shots.size()) {
            throw new IllegalArgumentException("job " + id + " has shots 1-" + shots.size() + ", not " + number);
        }
        return shots.get(number - 1);
    }

    @Override
    public void close() {
        try {
            computer.close();
        } finally {
            engine.engine().close();
        }
    }
}
