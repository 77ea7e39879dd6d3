package io.seiswork.kernels;

import io.seiswork.core.progress.WavefieldListener;
import io.seiswork.core.progress.WavefieldPhase;
import io.seiswork.core.volume.Slice;
import java.util.ArrayList;
import java.util.List;

/** A listener that asks for every wavefield section an engine offers and keeps them in order. */
public final class WavefieldRecorder implements WavefieldListener {

    /** The time level of each section, in arrival order. */
    public final List<Integer> steps = new ArrayList<>();
    /** The sections, in arrival order. */
    public final List<Slice> sections = new ArrayList<>();
    /** Which wavefield each section is, as the engine said (PRESSURE when it said none). */
    public final List<WavefieldPhase> phases = new ArrayList<>();

    @Override
    public boolean wantsWavefield() {
        return true;
    }

    @Override
    public void onWavefield(int step, Slice section) {
        onWavefield(step, section, WavefieldPhase.PRESSURE);
    }

    @Override
    public void onWavefield(int step, Slice section, WavefieldPhase phase) {
        steps.add(step);
        sections.add(section);
        phases.add(phase);
    }

    @Override
    public void onProgress(int step, int totalSteps) {
    }

    /** Index of the last section of the first increasing run of steps (the forward pass of a migration). */
    public int lastForward() {
        int turn = 0;
        while (turn + 1 < steps.size() && steps.get(turn + 1) > steps.get(turn)) {
            turn++;
        }
        return turn;
    }
}
