package io.seiswork.core.segy;

import java.nio.file.Path;

/**
 * A SEG-Y or SU file that cannot be read or written as asked: truncated, inconsistent sizes,
 * unknown sample format, I/O failure.
 *
 * <p>The message is self-sufficient for a user (the command line prints only the message): it
 * names the file and, where they apply, the trace number and the byte offset in the file. Traces
 * are numbered from 1 in the message, as SEG-Y's trace sequence numbers (bytes 1 and 5) and the
 * other commands' errors count them ("trace 1 (FFID 111) ..."), so the first is never "trace 0";
 * {@link #traceIndex()} stays the 0-based index the reader's methods take. The byte offset is
 * exact, from 0.
 * Unchecked, so that trace loops stay readable; the reader's methods say when they throw it.
 */
public final class SegyException extends RuntimeException {

    private final Path file;
    private final long traceIndex;
    private final long byteOffset;
    private final String problem;
    private boolean notSegy;

    /**
     * @param file the file concerned
     * @param problem what is wrong, in words a user understands
     * @param traceIndex 0-based trace index, or -1 when the problem is not about one trace
     * @param byteOffset byte offset in the file (0-based), or -1 when not known
     * @param cause the underlying exception, or null
     */
    public SegyException(Path file, String problem, long traceIndex, long byteOffset, Throwable cause) {
        super(format(file, problem, traceIndex, byteOffset), cause);
        this.file = file;
        this.traceIndex = traceIndex;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** A problem with the whole file (headers, size) at a known byte offset, or -1. */
    public SegyException(Path file, String problem, long byteOffset) {
        this(file, problem, -1, byteOffset, null);
    }

    private static String format(Path file, String problem, long traceIndex, long byteOffset) {
        StringBuilder sb = new StringBuilder().append(file).append(": ").append(problem);
        if (traceIndex >= 0 || byteOffset >= 0) {
            sb.append(" (");
            if (traceIndex >= 0) {
                sb.append("trace ").append(traceIndex + 1);
            }
            if (byteOffset >= 0) {
                sb.append(traceIndex >= 0 ? ", " : "").append("byte offset ").append(byteOffset);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Marks this failure as the file not looking like SEG-Y at all ({@link #notSegyFile()}); returns it. */
    SegyException notSegy() {
        notSegy = true;
        return this;
    }

    /**
     * Whether the file does not look like SEG-Y at all (no plausible format code in either byte
     * order): a caller that can read it another way (the command line's {@code --su}) may say so
     * with {@link #withHint}; a job spec, which cannot, says nothing more.
     */
    public boolean notSegyFile() {
        return notSegy;
    }

    /** The same failure with {@code hint} ("; an SU file needs --su") after its problem, the cause kept. */
    public SegyException withHint(String hint) {
        SegyException e = new SegyException(file, problem + hint, traceIndex, byteOffset, getCause());
        e.notSegy = notSegy;
        return e;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    /** 0-based index of the trace concerned (the message says {@code traceIndex() + 1}), or -1. */
    public long traceIndex() {
        return traceIndex;
    }

    /** 0-based byte offset in the file where the problem is, or -1. */
    public long byteOffset() {
        return byteOffset;
    }
}
