package io.seiswork.app.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code --scale} of {@code seiswork segy convert}: {@code auto} (map the data's largest
 * |value| onto the integer output format's largest value, found in a first pass over the file) or
 * a factor every sample is multiplied by before it is encoded.
 *
 * @param auto whether the factor is chosen from the data
 * @param factor the factor when not {@code auto} (finite, &gt; 0)
 */
record SampleScale(boolean auto, double factor) {

    /** Parses {@code auto} or a number &gt; 0; a bad value is a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<SampleScale> {
        @Override
        public SampleScale convert(String value) {
            if ("auto".equals(value.toLowerCase(Locale.ROOT))) {
                return new SampleScale(true, Double.NaN);
            }
            double f;
            try {
                f = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                f = Double.NaN;
            }
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new CommandLine.TypeConversionException(
                        "--scale must be auto or a finite number > 0, got '" + value + "'");
            }
            return new SampleScale(false, f);
        }
    }
}
