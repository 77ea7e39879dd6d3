package io.seiswork.core.progress;

import io.seiswork.core.text.SignificantDigits;

/**
 * Propagation throughput as every command and window prints it: billions of grid points updated
 * per second (Gpts/s) to three significant figures, so that a tiny test run reads "0.00700"
 * rather than "0.000" and a GPU "173" rather than "172.834".
 */
public final class Throughput {

    private Throughput() {
    }

    /** {@code gptsPerSecond} to three significant figures ("2.02", "0.00700", "173"); "0" for none, "n/a" when unknown. */
    public static String gpts(double gptsPerSecond) {
        if (Double.isNaN(gptsPerSecond) || Double.isInfinite(gptsPerSecond)) {
            return "n/a";
        }
        if (gptsPerSecond == 0) {
            return "0";
        }
        return SignificantDigits.round(gptsPerSecond, 3).toPlainString();
    }
}
