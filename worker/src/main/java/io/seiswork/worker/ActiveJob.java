package io.seiswork.worker;

import io.seiswork.cloud.job.JobId;
import io.seiswork.core.geometry.Shot;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.job.JobEngine;
import io.seiswork.kernels.job.ShotComputer;
import java.nio.file.Path;
import java.util.List;

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

    private final Path scratch;

    /** @param scratch this job's scratch directory on the worker */
    ActiveJob(JobId id, ResolvedJob job, Path scratch) {
        this.id = id;
        this.scratch = scratch;
        this.job = job;
        this.engine = JobEngine.select(job);
        ShotComputer c;
        try {
            c = new ShotComputer(job, engine.engine(), scratch.resolve("migration"));
        } catch (RuntimeException e) {
            engine.engine().close();
            throw e;
        }
        this.computer = c;
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

    /** A fresh directory under the job's scratch. */
    Path scratchFor(String name) {
        Path p = scratch.resolve(name);
        try {
            return java.nio.file.Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
    }

    String engineName() {
        return engine.engine().name();
    }

    /**
     * Shot {@code number} (from 1) of the job.
     *
     * @throws IllegalArgumentException when the job has no such shot
     */
    Shot shot(int number) {
        List<Shot> shots = computer.shots();
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
