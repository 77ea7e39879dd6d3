package io.seiswork.kernels.engine.cuda;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsing of the system properties that choose between kernels computing the same floats
 * ({@value StencilVariant#PROPERTY}, {@value CpmlLayout#PROPERTY}): one rule for both, so a
 * wrong value always reads the same way.
 */
final class KernelChoice {

    private KernelChoice() {
    }

    /**
     * The constant of {@code values} whose key is {@code raw} (trimmed, case-insensitive).
     *
     * @throws IllegalArgumentException naming the property and the accepted keys, in one line
     */
    static <E extends Enum<E>> E parse(String property, E[] values, Function<E, String> key, String raw) {
        return parse(property, values, key, raw, "");
    }

    /**
     * {@link #parse(String, Enum[], Function, String)} for a property that also accepts
     * {@code alsoAccepted} (handled by the caller), which the error names first.
     */
    static <E extends Enum<E>> E parse(String property, E[] values, Function<E, String> key, String raw,
            String alsoAccepted) {
        String wanted = raw.trim().toLowerCase(Locale.ROOT);
        for (E v : values) {
            if (key.apply(v).equals(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException(property + " must be " + (alsoAccepted.isEmpty() ? "" : alsoAccepted + " or ")
                + "one of " + Arrays.stream(values).map(key).toList() + ", not \"" + raw + "\"");
    }
}
