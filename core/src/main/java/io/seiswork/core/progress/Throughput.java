package io.seiswork.core.progress;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Propagation throughput as every command and window prints it: billions of grid points updated
 * per second (Gpts/s) to three significant figures, so that a tiny test run reads "0.00700"
 * rather than "0.000" and a GPU "173" rather than "172.834".
 */
public final class Throughput {

    private static final MathContext THREE_FIGURES = new MathContext(3);

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
        return new BigDecimal(gptsPerSecond).round(THREE_FIGURES).toPlainString();
    }
}
