package io.seiswork.core.spec;

import java.nio.charset.StandardCharsets;

/**
 * A job's name ({@code "name"} in the spec; the spec file's name without its extension when
 * absent). It labels the job's files and logs and becomes the default output folder,
 * {@code runs/NAME}, so it must be exactly one folder inside {@code runs/}: not blank (output
 * straight into {@code runs/}), no '/' or '\' (a path of several folders, or one outside
 * {@code runs/} with {@code ../}), not "." or "..", no control characters (a newline in a folder
 * name breaks listings and scripts), at most {@value #MAX_LENGTH} characters and
 * {@value #MAX_BYTES} bytes in UTF-8 (the longest file name of ext4, XFS and APFS). Everything
 * else is accepted, as it was before names were checked: spaces, parentheses, letters of any
 * language, a leading '_' or '.' ("Line 12 (reproc)", "Profil-Übersicht", "_scratch").
 *
 * <p>A cloud job id is made from the name by {@code io.seiswork.cloud.job.JobId#newFor}, which
 * keeps only ASCII letters and digits; every valid name gives a valid id (JobIdTest).
 */
public final class JobName {

    /** Most characters (Unicode code points) in a name. */
    public static final int MAX_LENGTH = 100;

    /** Most bytes of a name in UTF-8: one file name's limit on common file systems. */
    public static final int MAX_BYTES = 255;

    /** Name of a job whose file name has nothing usable. */
    static final String FALLBACK = "job";

    private JobName() {
    }

    /** Whether {@code name} is a valid job name. */
    public static boolean isValid(String name) {
        return name != null && problem(name) == null;
    }

    /**
     * What is wrong with a name the spec gives, in one line for the field {@code name} (the rule
     * broken and the name, control characters shown as '?'), or null when it is valid.
     */
    static String problem(String name) {
        String why;
        String size = "";  // how long the name is, for the length limits: said after it, so "got" is said once
        if (name.isBlank()) {
            why = "must not be blank";
        } else if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            why = "must not hold control characters (newlines, tabs)";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            why = "must not hold '/' or '\\'";
        } else if (name.equals(".") || name.equals("..")) {
            why = "must not be \".\" or \"..\"";
        } else if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            why = "must be at most " + MAX_LENGTH + " characters";
            size = " (" + name.codePointCount(0, name.length()) + " characters)";
        } else if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            why = "must be at most " + MAX_BYTES + " bytes in UTF-8 (a file name's limit)";
            size = " (" + name.getBytes(StandardCharsets.UTF_8).length + " bytes)";
        } else {
            return null;
        }
        return why + " (it names the output folder runs/NAME), got \"" + shown(name) + "\"" + size;
    }

    /** The name with control characters as '?' and cut to 120 characters, for a one-line message. */
    private static String shown(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(120).forEach(c -> b.appendCodePoint(Character.getType(c) == Character.CONTROL ? '?' : c));
        return name.codePointCount(0, name.length()) > 120 ? b + "..." : b.toString();
    }

    /**
     * The name of a spec read from file {@code fileName} that gives none: the file's name without
     * its extension, as it always was, so that the runs of existing specs keep their folder
     * {@code runs/NAME} and {@code --resume} finds them ("Line 12 (reproc).json" gives
     * "Line 12 (reproc)"); only when that is not a valid name ({@link #problem}: "..json", a name
     * over {@value #MAX_LENGTH} characters, a control character) the sanitised
     * {@link #fromFileName}.
     */
    public static String defaultFor(String fileName) {
        String base = fileName.replaceFirst("\\.[^.]*$", "");
        return isValid(base) ? base : fromFileName(fileName);
    }

    /**
     * A safe name made from file name {@code fileName}: the name without its extension, with
     * every run of other characters than ASCII letters, digits, '.', '_' and '-' made one '-',
     * leading and trailing '.', '_' and '-' dropped, cut to {@value #MAX_LENGTH} characters;
     * {@value #FALLBACK} when nothing is left. "my survey (v2).json" gives "my-survey-v2". The
     * fallback of {@link #defaultFor}.
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
