package io.seiswork.kernels.job;

import io.seiswork.core.geometry.Shot;
import io.seiswork.core.grid.Sampling;
import io.seiswork.core.progress.CancellationToken;
import io.seiswork.core.progress.ProgressListener;
import java.util.List;

/**
 * Where the recorded traces of a migration come from: modelled ({@link SyntheticData}) or read from
 * a SEG-Y file of shot gathers ({@link SegyShotGathers}).
 */
interface ObservedData extends AutoCloseable {

    /** The shots to migrate, with the receivers that recorded each. */
    List<Shot> shots();

    /**
     * Time axis in seconds of trace {@code trace} (0-based, in the order of {@code shot}'s
     * receivers): its first sample at the time it was recorded from the shot (a SEG-Y trace's
     * delay, which may differ from trace to trace), so that it is placed on the run's axis at its
     * true times.
     */
    Sampling timeS(Shot shot, int trace);

    /**
     * Samples of each trace {@link #traces} returns, as held in memory (4-byte floats): the
     * file's own count at its own interval for recorded data, the output axis' for synthetic
     * data. What a shot's memory is planned on.
     */
    int samplesPerTrace();

    /**
     * The traces of {@code shot}, one per receiver in its order, each on its {@link #timeS(Shot, int)}.
     *
     * @param progress steps of any modelling needed to produce them
     */
    float[][] traces(Shot shot, ProgressListener progress, CancellationToken cancel);

    /** One line for run.json: where the data came from. */
    String describe();

    @Override
    void close();
}
