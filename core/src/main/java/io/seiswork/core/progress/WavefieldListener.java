package io.seiswork.core.progress;

import io.seiswork.core.volume.Slice;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * A progress listener that also wants to see the wavefield while a shot runs (the desktop's live
 * view). Engines ask {@link #wantsWavefield()} at their progress points (about every 1 % of the
 * steps) and only then copy a section, so a listener that paces itself (say ten pictures a
 * second) costs a long shot almost nothing, and a plain {@link ProgressListener} costs nothing.
 */
public interface WavefieldListener extends ProgressListener {

    /** Whether a section is wanted now; called from the engine's thread, must be quick. */
    boolean wantsWavefield();

    /**
     * The pressure at time level {@code step} on the user's grid (no absorbing layers) in the
     * vertical x-z section through the source: {@code across} is x and {@code down} is z, in
     * metres from the first node; {@code index} is the section's y index (0 in 2D). Called from
     * the engine's thread; the values are a copy the listener may keep.
     */
    void onWavefield(int step, Slice section);

    /**
     * As {@link #onWavefield(int, Slice)}, saying which wavefield it is (a migration's source or
     * receiver wavefield, its data being modelled); a listener that does not care gets the
     * two-argument call.
     */
    default void onWavefield(int step, Slice section, WavefieldPhase phase) {
        onWavefield(step, section);
    }

    /** Where {@link #of(ProgressListener, BooleanSupplier, Sink)} sends sections, with their phase. */
    @FunctionalInterface
    interface Sink {
        void accept(int step, Slice section, WavefieldPhase phase);
    }

    /**
     * As {@link #of(ProgressListener, BooleanSupplier, BiConsumer)}, the sections passed on with
     * their phase ({@link WavefieldPhase#PRESSURE} for an engine that says none).
     */
    static WavefieldListener of(ProgressListener progress, BooleanSupplier wants, Sink sections) {
        return new WavefieldListener() {
            @Override
            public void onProgress(int step, int totalSteps) {
                progress.onProgress(step, totalSteps);
            }

            @Override
            public boolean wantsWavefield() {
                return wants.getAsBoolean();
            }

            @Override
            public void onWavefield(int step, Slice section) {
                sections.accept(step, section, WavefieldPhase.PRESSURE);
            }

            @Override
            public void onWavefield(int step, Slice section, WavefieldPhase phase) {
                sections.accept(step, section, phase);
            }
        };
    }

    /**
     * A listener whose progress goes to {@code progress} and whose wavefield questions and
     * sections go to {@code wants} and {@code sections}: for callers that re-scale or re-label
     * the steps of an engine they drive but pass its wavefield on.
     */
    static WavefieldListener of(ProgressListener progress, BooleanSupplier wants, BiConsumer<Integer, Slice> sections) {
        return of(progress, wants, (Sink) (step, section, phase) -> sections.accept(step, section));
    }
}
