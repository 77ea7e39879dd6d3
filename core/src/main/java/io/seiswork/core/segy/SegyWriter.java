package io.seiswork.core.segy;

import io.seiswork.core.files.IoProblems;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a SEG-Y file trace by trace (streaming: memory does not grow with the file).
 *
 * <p>{@link #create} writes the textual header(s) and the binary header at once: sample count
 * (3221), interval (3217), format (3225), revision (3501, the word 0x0100 for "1.0"), fixed-length
 * flag (3503 = 1), number of extended textual headers (3505), no trace-header extensions (3507 = 0)
 * and, for rev 2 or when the template had one, the byte-order marker (3297); more than 32767
 * samples per trace are written as rev 2.0 with the extended count (3269) unless a revision is
 * given. Each
 * {@link #write} sets the trace's sample count (115) and interval (117), converts the header to
 * the file's byte order when it comes from a file of the other order, and encodes the samples.
 * Output is buffered (1 MiB); {@link #close()} flushes, {@link #sync()} flushes and forces the
 * file to disk. Files written this way open in segyio.
 *
 * <p>The file headers hold no trace count (rev 1 has none; the count follows from the file size),
 * so a file can be continued: {@link #append} keeps the first traces of a file this writer made
 * with the same options (a run that stopped), cuts off whatever follows them (a trace written in
 * part) and writes on, giving the bytes one uninterrupted writer would have written.
 *
 * <p>Not thread-safe.
 */
public final class SegyWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final SegyWriteOptions options;
    private final FileChannel channel;
    private final SampleCodec codec;
    private final Arena arena = Arena.ofShared();
    private final ByteBuffer buffer;
    private final MemorySegment segment;
    private final int traceBytes;
    private long traces;
    private long position;

    private SegyWriter(Path file, SegyWriteOptions options, FileChannel channel) {
        this.file = file;
        this.options = options;
        this.channel = channel;
        this.codec = new SampleCodec(options.format(), options.byteOrder());
        this.traceBytes = TraceHeader.SIZE + options.samplesPerTrace() * options.format().bytesPerSample();
        this.segment = arena.allocate(Math.max(BUFFER_BYTES, traceBytes));
        this.buffer = segment.asByteBuffer();
    }

    /**
     * Creates (or truncates) {@code file} and writes its textual and binary headers.
     *
     * @throws SegyException when the file cannot be written
     */
    public static SegyWriter create(Path file, SegyWriteOptions options) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new SegyException(file, "cannot create: " + IoProblems.notCreated(e, file), -1, -1, e);
        }
        return started(new SegyWriter(file, options, ch), SegyWriter::writeFileHeaders);
    }

    /**
     * Continues {@code file}, written before with the same {@code options}, after its first
     * {@code keepBytes} bytes (the file headers and whole traces): what follows them is cut off
     * and the next {@link #write} appends there.
     *
     * @throws SegyException when the file cannot be opened, is shorter than {@code keepBytes},
     *     {@code keepBytes} is not the headers plus whole traces, or its headers are not those
     *     {@code options} write (another job's file)
     */
    public static SegyWriter append(Path file, SegyWriteOptions options, long keepBytes) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SegyException(file, "cannot open to continue: " + IoProblems.describe(e, file), -1, -1, e);
        }
        return started(new SegyWriter(file, options, ch), w -> w.continueAfter(keepBytes));
    }

    /** {@code w} once {@code start} has run on it; closed (its channel and buffers) when it throws. */
    private static SegyWriter started(SegyWriter w, java.util.function.Consumer<SegyWriter> start) {
        try {
            start.accept(w);
        } catch (RuntimeException e) {
            try (w.arena) {
                w.channel.close();
            } catch (IOException ce) {
                e.addSuppressed(ce);
            }
            throw e;
        }
        return w;
    }

    /** The headers {@code options} write are the file's first bytes; the file is cut to {@code keepBytes}. */
    private void continueAfter(long keepBytes) {
        writeFileHeaders();
        int headerBytes = buffer.position();
        long traceData = keepBytes - headerBytes;
        try {
            long size = channel.size();
            if (traceData < 0 || traceData % traceBytes != 0 || size < keepBytes) {
                throw new SegyException(file, "cannot continue after byte " + keepBytes + ": the file has " + size
                        + " bytes, " + headerBytes + " of headers and traces of " + traceBytes, -1, keepBytes, null);
            }
            ByteBuffer found = ByteBuffer.allocate(headerBytes);
            while (found.hasRemaining() && channel.read(found, found.position()) > 0) {
                // read the file's headers
            }
            buffer.flip();
            found.flip();
            if (!found.equals(buffer)) {
                throw new SegyException(file, "cannot continue: its file headers are not the ones this run writes",
                        -1, 0, null);
            }
            buffer.clear();
            channel.truncate(keepBytes);
        } catch (IOException e) {
            throw new SegyException(file, "cannot continue: " + IoProblems.describe(e, file), -1, keepBytes, e);
        }
        position = keepBytes;
        traces = traceData / traceBytes;
    }

    private void writeFileHeaders() {
        List<byte[]> texts = new ArrayList<>();
        if (options.rawTextHeaders() != null) {
            texts.addAll(options.rawTextHeaders());
        } else {
            texts.add(TextHeaderCodec.encode(options.textHeader(), options.textEncoding()));
            for (String t : options.extendedTextHeaders()) {
                texts.add(TextHeaderCodec.encode(t, options.textEncoding()));
            }
        }
        put(texts.get(0));
        put(binaryHeader(texts.size() - 1).rawBytes());
        for (byte[] t : texts.subList(1, texts.size())) {
            put(t);
        }
    }

    private BinaryHeader binaryHeader(int extendedTexts) {
        ByteOrder order = options.byteOrder();
        BinaryHeader template = options.binaryHeaderTemplate();
        BinaryHeader bh = template == null ? new BinaryHeader(order) : template.withByteOrder(order);
        String revision = options.revision() != null ? options.revision()
                : template != null ? template.revisionString() : "1.0";
        int major = Integer.parseInt(revision.substring(0, revision.indexOf('.')));
        int minor = Integer.parseInt(revision.substring(revision.indexOf('.') + 1));
        if (options.revision() == null && major < 1
                && (options.format() == SampleFormat.IEEE32 || options.format() == SampleFormat.INT8)) {
            major = 1; // a rev-0 template, but IEEE and int8 samples exist only since rev 1
            minor = 0;
        }
        if (options.revision() == null && major < 2 && options.samplesPerTrace() > Short.MAX_VALUE) {
            major = 2; // rev 0 and 1 keep 3221 signed: 32768 and more need rev 2 (unsigned, and 3269)
            minor = 0;
        }
        boolean hadMarker = template != null && template.getInt32(BinaryHeader.BYTE_ORDER_MARKER) != 0;
        boolean hadExtCount = template != null && template.getInt32(BinaryHeader.EXT_SAMPLE_COUNT) != 0;
        bh.setInt16(BinaryHeader.SAMPLE_INTERVAL, options.sampleIntervalUs());
        bh.setInt16(BinaryHeader.SAMPLE_COUNT, options.samplesPerTrace());
        bh.setInt16(BinaryHeader.FORMAT, options.format().code());
        bh.setRevision(major, minor);
        bh.setInt16(BinaryHeader.FIXED_LENGTH, 1);
        bh.setInt16(BinaryHeader.EXTENDED_TEXT_HEADERS, extendedTexts);
        bh.setInt32(BinaryHeader.TRACE_HEADER_EXTENSIONS, 0);
        if (major >= 2 || hadExtCount) {
            bh.setInt32(BinaryHeader.EXT_SAMPLE_COUNT, options.samplesPerTrace());
        }
        if (major >= 2 || hadMarker) {
            bh.setInt32(BinaryHeader.BYTE_ORDER_MARKER, BinaryHeader.BYTE_ORDER_MARKER_VALUE);
        }
        return bh;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Traces written so far (those {@link #append} kept included). */
    public long tracesWritten() {
        return traces;
    }

    /** Bytes of the file so far: headers and every trace written, buffered or not. */
    public long bytesWritten() {
        return position + buffer.position();
    }

    /**
     * Writes the buffered traces and forces the file to the storage device, so that after a crash
     * the file holds at least {@link #bytesWritten()} bytes as written.
     *
     * @throws SegyException when writing fails
     */
    public void sync() {
        flush();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new SegyException(file, "sync failed: " + IoProblems.describe(e, file), traces, position, e);
        }
    }

    /**
     * Appends one trace: a copy of {@code header} with 115/117 set (the caller's object is not
     * changed) and the first {@code samplesPerTrace} values of {@code samples} in the file's format.
     *
     * @throws IllegalArgumentException when {@code samples} is too short
     * @throws SegyException when writing fails
     */
    public void write(TraceHeader header, float[] samples) {
        int n = options.samplesPerTrace();
        if (samples.length < n) {
            // Numbered from 1, as SegyException and every user-facing message count traces.
            throw new IllegalArgumentException("trace " + (traces + 1) + " for " + file + " has " + samples.length
                    + " samples, the file has " + n + " per trace");
        }
        TraceHeader h = header.byteOrder() == options.byteOrder() ? header.copy() : header.withByteOrder(options.byteOrder());
        h.setInt16(TraceHeader.SAMPLE_COUNT, n);
        h.setInt16(TraceHeader.SAMPLE_INTERVAL, options.sampleIntervalUs());
        if (buffer.remaining() < traceBytes) {
            flush();
        }
        buffer.put(h.rawBytes());
        codec.encode(samples, n, segment, buffer.position());
        buffer.position(buffer.position() + traceBytes - TraceHeader.SIZE);
        traces++;
    }

    private void put(byte[] bytes) {
        if (buffer.remaining() < bytes.length) {
            flush();
        }
        buffer.put(bytes);
    }

    private void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            throw new SegyException(file, "write failed: " + IoProblems.describe(e, file), traces, position, e);
        }
        buffer.clear();
    }

    /** Flushes the buffered traces, closes the file and frees the buffer. */
    @Override
    public void close() {
        try (arena; channel) {
            flush();
        } catch (IOException e) {
            throw new SegyException(file, "close failed: " + IoProblems.describe(e, file), -1, position, e);
        }
    }
}
