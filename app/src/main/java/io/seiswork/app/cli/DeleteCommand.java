package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.DeletedJob;
import io.seiswork.cloud.job.JobId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seiswork delete JOB}: an ended job's stored files and table items removed for good. A
 * 3D survey's outputs and, for a failed or cancelled job kept for a resume, its shot results can
 * weigh terabytes in the bucket; this is how a user stops paying for them.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete an ended (DONE, FAILED or CANCELLED) cloud job for good: its spec, shot results and "
                + "outputs in the bucket, and its items in the job table. Its inputs stay stored (shared by content "
                + "with other jobs). Fetch what you want to keep first."})
final class DeleteCommand implements Callable<Integer> {

    @Mixin
    JobOptions job;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobId id = job.id();
        DeletedJob d = job.withDispatcher(dispatcher -> dispatcher.delete(id));
        PrintWriter err = spec.commandLine().getErr();
        err.println(d.summary());
        err.flush();
        return 0;
    }
}
