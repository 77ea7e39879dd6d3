package io.seiswork.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    /** Three significant figures at every scale: a tiny run's rate is not "0.000", a GPU's is not "172.834". */
    @Test
    void threeSignificantFiguresAtEveryScale() {
        assertEquals("0.00700", Throughput.gpts(0.007));
        assertEquals("0.0254", Throughput.gpts(0.02541));
        assertEquals("2.02", Throughput.gpts(2.0234));
        assertEquals("173", Throughput.gpts(172.834));
        assertEquals("1230", Throughput.gpts(1234.5));
        assertEquals("0", Throughput.gpts(0));
        assertEquals("n/a", Throughput.gpts(Double.NaN));
    }
}
