package io.seiswork.core.segy;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text-header card that says where time zero of modelled shot gathers is relative to their
 * wavelet: {@code WAVELET PEAK AT 0.04 S AFTER TIME ZERO (RICKER 25 HZ)}. SEG-Y has no field for
 * it (the trace delay, byte 109, is the first sample's time, 0 in a model run's file), yet a
 * migration must assume the same peak time ({@code wavelet.delayS}): a difference Δt images every
 * reflector v·Δt/2 deeper or shallower, with nothing to see that it is wrong. Written by the model
 * run into {@code shots.sgy}, read back when a migration takes that file as its data.
 */
public final class WaveletDelayCard {

    /** First card of every text header Seiswork writes for its shot gathers. */
    private static final Pattern SEISWORK = Pattern.compile("^C ?1 SEISWORK ");
    private static final Pattern CARD = Pattern.compile(
            "WAVELET PEAK AT (-?[0-9]+(?:\\.[0-9]+)?(?:E[-+]?[0-9]+)?) S AFTER TIME ZERO");

    private WaveletDelayCard() {
    }

    /**
     * The card's text, numbered {@code number} (1..40): the delay to 9 significant digits, so that
     * it reads back as written (1 / 12 Hz is 0.0833333333 s).
     *
     * @param delayS time of the wavelet's peak after the traces' time zero, seconds
     * @param peakHz the Ricker wavelet's peak frequency, Hz
     */
    public static String card(int number, double delayS, double peakHz) {
        return String.format(Locale.ROOT, "C%2d WAVELET PEAK AT %s S AFTER TIME ZERO (RICKER %s HZ)", number,
                ScaleCard.number(delayS), ScaleCard.number(peakHz));
    }

    /**
     * The wavelet's peak time in seconds a text header gives: only a header Seiswork wrote (its
     * first card "C 1 SEISWORK ...") with this card; empty for any other file, whose wavelet timing
     * nothing in the file says.
     */
    public static OptionalDouble delayS(String textHeader) {
        if (textHeader == null || !SEISWORK.matcher(textHeader).find()) {
            return OptionalDouble.empty();
        }
        Matcher m = CARD.matcher(textHeader);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
