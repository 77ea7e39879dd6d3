package io.seiswork.app.volume;

import io.seiswork.core.volume.SegyToSwv;
import java.nio.file.Path;

/**
 * The unit of a SEG-Y cube's trace axis when it is made a volume ({@code seiswork view} and
 * {@code seiswork convert} to {@code .swv}), from their {@code --z-unit auto|m|s}: SEG-Y has no
 * field that says time or depth, so {@code auto} takes time unless the first text header says
 * depth in a phrase ({@link SegyToSwv#likelyZUnit}), and both commands say which they took and
 * how to choose the other. The desktop's Open volume takes {@code auto}. The option's picocli
 * converter is the command line's ({@code ZUnitOption}).
 *
 * @param unit "s" (time, seconds) or "m" (depth, metres: the µs interval field read as mm)
 * @param why how it was chosen, with the option that chooses the other when it was guessed
 */
public record SegyZUnit(String unit, String why) {

    /** The values {@code --z-unit} takes. */
    public static final String VALUES = "auto|m|s";

    /**
     * Whether {@code option} is one of {@link #VALUES}.
     */
    public static boolean valid(String option) {
        return "auto".equals(option) || "m".equals(option) || "s".equals(option);
    }

    /**
     * The refusal of a {@code --z-unit} value that is not one of {@link #VALUES}, worded as the
     * command line's other refused values ({@code OptionValues.message}).
     */
    public static String invalid(String option) {
        return "--z-unit must be auto, m (depth) or s (time), got \"" + option + "\"";
    }

    /**
     * The unit of {@code segy}'s trace axis under {@code --z-unit option}.
     *
     * @throws IllegalArgumentException when {@code option} is not one of {@link #VALUES}
     * @throws io.seiswork.core.segy.SegyException when {@code auto} cannot read the file's text header
     */
    public static SegyZUnit of(Path segy, String option) {
        if (!valid(option)) {
            throw new IllegalArgumentException(invalid(option));
        }
        if (!"auto".equals(option)) {
            return new SegyZUnit(option, "--z-unit " + option);
        }
        String unit = SegyToSwv.likelyZUnit(segy);
        return new SegyZUnit(unit, "s".equals(unit) ? "its text header does not say depth; --z-unit m if it is"
                : "its text header says depth; --z-unit s if it is time");
    }

    /** The axis in words: "time (s)" or "depth (m)". */
    public String axis() {
        return "s".equals(unit) ? "time (s)" : "depth (m)";
    }
}
