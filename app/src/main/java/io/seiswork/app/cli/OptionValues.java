package io.seiswork.app.cli;

import io.seiswork.app.run.ShotSelection;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.core.segy.ByteOrders;
import io.seiswork.core.spec.EngineChoice;
import io.seiswork.kernels.job.JobEngine;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way a command refuses a bad option value: a usage error (exit code 2, as
 * docs/formats/segy.md "Command line" promises) of one line that names the option, the value and
 * what is allowed, in the words the project's own messages use ({@code --limit must be 1 to 1000,
 * got 0}), never a Java list or a message that leaves the option out.
 *
 * <p>Values of a kind are read by the converters here while picocli parses the command line, before
 * anything runs; a limit that is a number range, or one that depends on another option, is checked
 * by {@link #require} when the command starts; a domain parser's refusal
 * ({@link IllegalArgumentException} naming the option) becomes a usage error through
 * {@link #usage}. {@link UsageErrorHandler} prints a converter's {@link Refused} message as it is,
 * without picocli's "Invalid value for option" prefix, so both read alike.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** A converter's refusal: its message is the whole line, naming the option. */
    static final class Refused extends CommandLine.TypeConversionException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * A usage error: "{@code option} must be {@code allowed}, got {@code value}".
     *
     * @param allowed what the option takes, in words: "1 to 1000", "at least 0.1 seconds"
     */
    static CommandLine.ParameterException invalid(CommandSpec spec, String option, String allowed, Object value) {
        return new CommandLine.ParameterException(spec.commandLine(), message(option, allowed, value));
    }

    /** {@link #invalid} unless {@code ok}. */
    static void require(boolean ok, CommandSpec spec, String option, String allowed, Object value) {
        if (!ok) {
            throw invalid(spec, option, allowed, value);
        }
    }

    /** {@code value}, refused unless it is {@code min} to {@code max}. */
    static long within(CommandSpec spec, String option, long value, long min, long max) {
        require(value >= min && value <= max, spec, option, min + " to " + max, value);
        return value;
    }

    /**
     * What {@code parse} returns; its {@link IllegalArgumentException}, whose message names the
     * option (the domain's parsers take the option's name for that), as a usage error.
     */
    static <T> T usage(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** "--engine must be auto, cpu or gpu, got "tpu"": a text value is quoted, a number is not. */
    static String message(String option, String allowed, Object value) {
        return option + " must be " + allowed + ", got " + (value instanceof String s ? "\"" + s + "\"" : value);
    }

    /** "auto, cpu or gpu". */
    static String oneOf(String... names) {
        return names.length == 1 ? names[0]
                : String.join(", ", java.util.Arrays.asList(names).subList(0, names.length - 1)) + " or " + names[names.length - 1];
    }

    /** {@code --engine auto|cpu|gpu}: the engine a command overrides the spec's with. */
    static final class Engine implements CommandLine.ITypeConverter<EngineChoice> {
        @Override
        public EngineChoice convert(String value) {
            try {
                return JobEngine.parse(value, "--engine");
            } catch (IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            }
        }
    }

    /**
     * {@code --shots LIST}: a list of shot numbers and ranges. An empty list is refused as any other
     * malformed one (a script's empty variable would otherwise run the whole survey); leaving the
     * option out is what means every shot.
     */
    static final class Shots implements CommandLine.ITypeConverter<ShotSelection> {
        @Override
        public ShotSelection convert(String value) {
            try {
                return ShotSelection.parse(value, "--shots");
            } catch (IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            }
        }
    }

    /** {@code --cloud local|aws} (or SEISWORK_CLOUD, its default): the name checked, kept as text. */
    static final class Cloud implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!CloudSettings.NAMES.contains(value)) {
                throw new Refused(message("--cloud", oneOf(CloudSettings.NAMES.toArray(String[]::new)), value));
            }
            return value;
        }
    }

    /** {@code --endian big|little}. */
    static final class Endian implements CommandLine.ITypeConverter<ByteOrder> {
        @Override
        public ByteOrder convert(String value) {
            try {
                return ByteOrders.parse(value);
            } catch (IllegalArgumentException e) {
                throw new Refused(message("--endian", "big or little", value));
            }
        }
    }
}
