package io.seiswork.app.shell;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code seiswork} command as one line a POSIX shell runs as it was given, for the messages
 * that tell the user the command that goes on ("run `seiswork fetch JOB --out 'my runs/a'` again"):
 * the command line's and the desktop's say it the same way, so a folder with a space, pasted
 * from either, still names that folder.
 */
public final class ShellCommand {

    /** Words a POSIX shell takes as they are; anything else is single-quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellCommand() {
    }

    /**
     * {@code seiswork} and {@code args}: an argument with a space or a shell character in single
     * quotes ("'my survey.json'"), a quote in it as {@code '\''}.
     */
    public static String seiswork(List<String> args) {
        return "seiswork" + args.stream().map(a -> " " + word(a)).collect(Collectors.joining());
    }

    private static String word(String a) {
        return PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'";
    }
}
