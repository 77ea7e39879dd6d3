package io.seiswork.app.cli;

import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.dispatch.StoredSpec;
import io.seiswork.cloud.job.JobId;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which shot of its spec each shot of a cloud job is, for {@code status}. A job submitted with
 * {@code --shots 1,4-6} numbers its shots 1 to 4 in the job table, as every job does; its stored
 * spec lists their numbers in the spec (FFID), job shot {@code n} the {@code n}-th
 * ({@link StoredSpec#shots()}), and a user who asked for shots 4-6 looks for those numbers.
 *
 * @param numbers the spec's numbers of the job's shots in job order; empty for a job of every shot
 */
record SpecShots(List<Integer> numbers) {

    /** A job of every shot of its spec: job shot n is the spec's n-th. */
    static final SpecShots EVERY = new SpecShots(List.of());

    SpecShots {
        numbers = List.copyOf(numbers);
    }

    /**
     * Reads job {@code id}'s stored spec (one small GET). A spec that cannot be read or is not the
     * dispatcher's (a job being deleted, an item written by hand) gives {@link #EVERY}: the status
     * is the job table's, and is shown without the spec's numbers rather than not at all. An
     * unreachable stack still fails the command, with {@link CloudOptions}'s message.
     */
    static SpecShots of(Dispatcher d, JobId id) {
        try {
            return new SpecShots(StoredSpec.read(d.store(), id).shots());
        } catch (SdkClientException e) {
            throw e;
        } catch (RuntimeException e) {
            return EVERY;
        }
    }

    /** Job shot {@code shot}'s number in the spec, when the job runs only some of its shots. */
    Optional<Integer> of(int shot) {
        return shot >= 1 && shot <= numbers.size() ? Optional.of(numbers.get(shot - 1)) : Optional.empty();
    }
}
