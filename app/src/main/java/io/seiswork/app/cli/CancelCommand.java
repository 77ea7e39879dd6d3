package io.seiswork.app.cli;

import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seiswork cancel JOB}: workers stop the job's shots at their next time step. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a cloud job: its running shots stop at their next time step, queued shots never start.")
final class CancelCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobId id = job.id();
        JobStatus[] before = {null};
        JobStatus after = job.withDispatcher(d -> {
            before[0] = d.status(id).job().status();
            return d.cancel(id);
        });
        var err = spec.commandLine().getErr();
        if (after == JobStatus.CANCELLED) {
            err.println(before[0] == JobStatus.CANCELLED ? "job " + id + " was already cancelled" : "cancelled " + id);
            err.flush();
            return 0;
        }
        err.println("seiswork: job " + id + " had already ended: " + after);
        err.flush();
        return 1;
    }
}
