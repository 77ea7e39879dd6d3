package io.seiswork.cloud.testing;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.ObjectKeys;
import java.util.List;

/** Jobs that are DONE without a worker, for the tests of what comes after: fetching their outputs. */
public final class DoneJobs {

    private DoneJobs() {
    }

    /**
     * A DONE one-shot modelling job whose one output, {@code shots.sgy}, is {@code bytes}; its id
     * is {@code prefix} and a number no other call gives.
     */
    public static JobId withShots(Dispatcher d, String prefix, byte[] bytes) {
        JobId id = new JobId(prefix + "-" + Long.toHexString(System.nanoTime()));
        d.table().createJob(id, prefix, "model", ObjectKeys.spec(id), 1);
        d.table().startShot(id, 1, "w");
        d.table().completeShot(id, 1, 1, 1);
        if (!d.table().stacking().startStacking(id)) {
            throw new IllegalStateException("job " + id + " did not begin stacking");
        }
        d.store().putBytes(ObjectKeys.output(id, "shots.sgy"), bytes);
        if (!d.table().finishJob(id, List.of("shots.sgy"))) {
            throw new IllegalStateException("job " + id + " did not end DONE");
        }
        return id;
    }
}
