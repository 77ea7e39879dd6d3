package io.seiswork.kernels.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.grid.Sampling;
import io.seiswork.core.wavelet.RickerWavelet;
import org.junit.jupiter.api.Test;

class TraceResamplerTest {

    private static float[][] resample(RickerWavelet w, double dt, Sampling out) {
        TraceResampler rs = new TraceResampler(1, dt, out);
        float[] v = new float[1];
        int n = 0;
        while (!rs.complete()) {
            v[0] = (float) w.amplitude(n++ * dt);
            rs.accept(v);
        }
        return rs.traces();
    }

    @Test
    void outputOnTheInternalLevelsIsCopiedExactly() {
        RickerWavelet w = RickerWavelet.of(20);
        double dt = 0.0005;
        Sampling out = new Sampling(100, 0.002, 0);
        float[] t = resample(w, dt, out)[0];
        for (int i = 0; i < out.count(); i++) {
            assertEquals((float) w.amplitude(out.value(i)), t[i], 0f, "sample " + i);
        }
    }

    @Test
    void offLevelOutputIsInterpolatedToTheCubicsAccuracy() {
        RickerWavelet w = RickerWavelet.of(20);               // highest frequency 50 Hz
        double dt = 0.00037;                                  // 54 levels per period at 50 Hz
        Sampling out = new Sampling(120, 0.0021, 0.0003);
        float[] t = resample(w, dt, out)[0];
        double maxErr = 0;
        for (int i = 0; i < out.count(); i++) {
            maxErr = Math.max(maxErr, Math.abs(t[i] - w.amplitude(out.value(i))));
        }
        assertTrue(maxErr < 2e-3, "max interpolation error " + maxErr);
    }
}
