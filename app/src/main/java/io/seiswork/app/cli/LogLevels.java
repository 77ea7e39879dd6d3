package io.seiswork.app.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * How much Seiswork logs (slf4j-simple, on standard error): {@code SEISWORK_LOG} in the
 * environment, when set, is the level of every logger; without it each command has its default:
 * warn for the commands a person runs, whose terminal output is their own progress and results,
 * and info for {@code seiswork worker}, whose log is what CloudWatch keeps of each shot and job
 * (docs/cloud.md, "Worker logs"). A level given as {@code -Dorg.slf4j.simpleLogger.defaultLogLevel}
 * wins over both.
 *
 * <p>slf4j-simple fixes a logger's level when the logger is made, from the system properties
 * then: {@link #fromEnvironment} therefore runs first thing in {@link Main#main}, and
 * {@link #infoForWorker} before the worker's classes (whose loggers are static) are first used.
 * The levels are the process's: only a process started by {@link Main#main} sets them, never a
 * command run inside another program (the tests' JVM, which runs workers among other tests).
 */
final class LogLevels {

    /** The environment variable that sets the level. */
    static final String ENV = "SEISWORK_LOG";

    /** The levels slf4j-simple knows, lowest first. */
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The level of the loggers under a name: slf4j-simple's prefix, then the name. */
    static final String SEISWORK_LEVEL = "org.slf4j.simpleLogger.log.io.seiswork";

    /** Whether {@link Main#main} started this process, which then decides its log levels. */
    private static volatile boolean processOwned;

    private LogLevels() {
    }

    /**
     * Every logger's level from {@code value} (SEISWORK_LOG's), unless the JVM was given one; a
     * value that is not a level is said on {@code err} and left out, the command's default kept.
     */
    static void fromEnvironment(String value, PrintStream err) {
        processOwned = true;
        if (value == null || value.isBlank() || System.getProperty(DEFAULT_LEVEL) != null) {
            return;
        }
        String level = value.strip().toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            err.println("seiswork: " + OptionValues.message(ENV, OptionValues.oneOf(LEVELS.toArray(String[]::new)),
                    value) + "; logging at the command's default level");
            return;
        }
        System.setProperty(DEFAULT_LEVEL, level);
    }

    /**
     * Log lines of a worker on the local cloud carry their time (ISO 8601, milliseconds), unless
     * the JVM was given its own choice: on AWS CloudWatch stamps each line itself, locally nothing
     * else tells when a shot was taken or failed. Before the first logger is made (slf4j-simple
     * reads it then).
     */
    static void timesForLocalWorker(boolean local) {
        if (processOwned && local && System.getProperty(SHOW_DATE_TIME) == null) {
            System.setProperty(SHOW_DATE_TIME, "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }

    /** slf4j-simple's switch for a time on each line. */
    static final String SHOW_DATE_TIME = "org.slf4j.simpleLogger.showDateTime";

    /**
     * Seiswork's own loggers at info for the worker, unless a level was chosen (SEISWORK_LOG or the
     * JVM's property): a shot's "done", a dropped message, the dead-letter sweep are its record.
     * The libraries' loggers (the AWS SDK's) stay at the default.
     */
    static void infoForWorker() {
        if (processOwned && System.getProperty(DEFAULT_LEVEL) == null && System.getProperty(SEISWORK_LEVEL) == null) {
            System.setProperty(SEISWORK_LEVEL, "info");
        }
    }
}
