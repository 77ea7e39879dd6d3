package io.seiswork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * run.json's Gpts/s keep four significant figures at every scale: a 2 x 2 grid's few thousand
 * points a second were rounded to four decimals of Gpts/s, 0, and the run's last line said
 * "0 Gpts/s on the user's grid".
 */
class RunReportRateTest {

    @Test
    void tinyRatesKeepTheirFiguresAndLargeOnesAreNotPadded() {
        assertEquals(1.235e-5, LocalRunner.rate(1.2345678e-5));
        assertEquals(4.2e-7, LocalRunner.rate(4.2e-7));
        assertEquals(0.06384, LocalRunner.rate(0.0638412));
        assertEquals(173.5, LocalRunner.rate(173.456));
        assertEquals(0, LocalRunner.rate(0));
        assertEquals(Double.NaN, LocalRunner.rate(Double.NaN));
    }
}
