package io.seiswork.core.spec;

import java.util.regex.Pattern;

/**
 * A job's name ({@code "name"} in the spec; the spec file's name without its extension when
 * absent). It becomes the default output folder, {@code runs/NAME}, so it must be one safe path
 * component: 1 to {@value #MAX_LENGTH} ASCII letters, digits, '.', '_' and '-', starting with a
 * letter or digit. That rules out an empty name (output straight into {@code runs/}), separators
 * and {@code ..} (output outside {@code runs/}), hidden names, spaces and characters a shell or
 * another file system would trip on. A cloud job id is the name lower-cased with every run of
 * other characters than letters and digits made one '-' ({@code io.seiswork.cloud.job.JobId}).
 */
public final class JobName {

    /** Most characters in a name. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    /** Name of a job whose file name has nothing usable. */
    static final String FALLBACK = "job";

    private JobName() {
    }

    /** Whether {@code name} is a valid job name. */
    public static boolean isValid(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    /**
     * What is wrong with a name the spec gives, in one line for the field {@code name}, or null
     * when it is valid.
     */
    static String problem(String name) {
        if (isValid(name)) {
            return null;
        }
        return "must be 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit (it"
                + " names the output folder runs/NAME), got \"" + name.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /**
     * The default name of a spec read from file {@code fileName}: the name without its extension,
     * with every run of other characters made one '-', leading and trailing '.', '_' and '-'
     * dropped, cut to {@value #MAX_LENGTH} characters; {@value #FALLBACK} when nothing is left.
     * "my survey (v2).json" gives "my-survey-v2".
     */
    public static String fromFileName(String fileName) {
        String base = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[._-]+", "");
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH);
        }
        base = base.replaceAll("[._-]+$", "");
        return base.isEmpty() ? FALLBACK : base;
    }
}
