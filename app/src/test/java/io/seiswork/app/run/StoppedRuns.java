package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.core.files.FileTrees;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.CancelledException;
import io.seiswork.core.spec.ResolvedJob;
import io.seiswork.kernels.engine.EngineSelection;
import io.seiswork.kernels.engine.cpu.CpuWaveEngine;
import io.seiswork.kernels.job.JobKernels;
import io.seiswork.kernels.job.ShotComputer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Local runs stopped on purpose, for the tests of {@link LocalRunner#resume}: cancelled right
 * after a given shot finishes (the {@link CancellationToken} set from the listener, so the next
 * shot stops at its first step), or killed — the output folder copied as it is at a given moment
 * of the run, which is what a process killed then leaves on disk — while the run goes on to the
 * uninterrupted result.
 */
public final class StoppedRuns {

    private StoppedRuns() {
    }

    /**
     * Records what a run computes and stops it: cancels after the {@code cancelAfter}-th shot it
     * finishes (0: never), or calls {@code atShotStart} when a shot starts (a copy of the folder: a
     * kill there).
     */
    public static final class Watch implements RunListener {

        /** The shots started, in order. */
        public final List<Integer> started = new ArrayList<>();
        /** What {@link #runResumed} said: {kept, shots}, or null. */
        public int[] resumed;
        /** Lines of information. */
        public final List<String> messages = new ArrayList<>();
        private final CancellationToken cancel;
        private final int cancelAfter;
        private final Consumer<Integer> atShotStart;
        private int finished;

        public Watch(CancellationToken cancel, int cancelAfter, Consumer<Integer> atShotStart) {
            this.cancel = cancel;
            this.cancelAfter = cancelAfter;
            this.atShotStart = atShotStart;
        }

        /** A watch that only records. */
        public Watch() {
            this(CancellationToken.none(), 0, shot -> { });
        }

        @Override
        public void runResumed(int kept, int shots) {
            resumed = new int[] {kept, shots};
        }

        @Override
        public void shotStarted(int shot) {
            atShotStart.accept(shot);
            started.add(shot);
        }

        @Override
        public void shotFinished(int shot, double gptsPerSecond) {
            if (++finished == cancelAfter) {
                cancel.cancel();
            }
        }

        @Override
        public void message(String line) {
            messages.add(line);
        }
    }

    /**
     * Holds {@code out}'s output lock, as a run in another terminal would, until closed.
     *
     * @param out an existing output folder
     */
    public static AutoCloseable holdLock(Path out) {
        return OutputLock.acquire(out);
    }

    /**
     * A CPU engine of {@code threads} threads on the kernels of {@code job}'s whole work, as a
     * selection: the engine a {@code seiswork run} of the job takes, so that the command can resume it.
     */
    public static EngineSelection cpu(ResolvedJob job, int threads) {
        return new EngineSelection(new CpuWaveEngine(threads, JobKernels.of(job, ShotComputer.shotsOf(job))),
                "engine \"cpu\" for the test");
    }

    /** Runs the whole job into {@code out}; what it computed. */
    public static Watch run(ResolvedJob job, Path out, int threads) {
        Watch w = new Watch();
        EngineSelection cpu = cpu(job, threads);
        try (var engine = cpu.engine()) {
            new LocalRunner(cpu, w, CancellationToken.none()).run(job, out);
        }
        return w;
    }

    /** Runs the job into {@code out} and cancels it once {@code shots} shots are done. */
    public static Watch cancelAfter(ResolvedJob job, Path out, int shots, int threads) {
        CancellationToken cancel = new CancellationToken();
        Watch w = new Watch(cancel, shots, shot -> { });
        EngineSelection cpu = cpu(job, threads);
        try (var engine = cpu.engine()) {
            assertThrows(CancelledException.class, () -> new LocalRunner(cpu, w, cancel).run(job, out));
        }
        return w;
    }

    /**
     * Runs the whole job into {@code out}, copying the folder to {@code killed} when shot
     * {@code shot} starts: what a run killed then leaves. {@code runner} may set the runner up
     * (its checkpoint interval).
     */
    public static Watch killedAt(ResolvedJob job, Path out, int shot, Path killed, double checkpointEveryS) {
        Watch w = new Watch(CancellationToken.none(), 0, s -> {
            if (s == shot) {
                copyTree(out, killed);
            }
        });
        EngineSelection cpu = cpu(job, 2);
        try (var engine = cpu.engine()) {
            new LocalRunner(cpu, w, CancellationToken.none()).checkpointEvery(checkpointEveryS).run(job, out);
        }
        return w;
    }

    /** Resumes the run in {@code out}; what it computed. */
    public static Watch resume(ResolvedJob job, Path out, int threads) {
        Watch w = new Watch();
        EngineSelection cpu = cpu(job, threads);
        try (var engine = cpu.engine()) {
            new LocalRunner(cpu, w, CancellationToken.none()).resume(job, out);
        }
        return w;
    }

    /** Copies the files under {@code from} to {@code to} (replaced). */
    public static void copyTree(Path from, Path to) {
        FileTrees.delete(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report {@code run.json} in {@code out}. */
    public static ObjectNode report(Path out) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    out.resolve(LocalRunner.REPORT_FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
