package io.seiswork.core.segy;

import io.seiswork.core.files.IoProblems;
import io.seiswork.core.progress.ByteProgress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a SEG-Y (rev 0, 1, 2) or Seismic Unix file trace by trace.
 *
 * <p>Opening reads only the textual and binary headers (and the first trace header when needed),
 * so it costs the same for a 20 GB file as for a small one; traces and headers are read on demand
 * with positioned {@link FileChannel} reads into one reused buffer (up to 4 MiB, freed by
 * {@link #close()}), which reads ahead while traces are requested in file order and reads only
 * the requested bytes otherwise; a read-ahead that a file cut short since it was opened ends early
 * keeps what it got, so the traces before the new end still read. {@link #info()} also infers the
 * geometry, which reads every trace header once the first time it is called, by the header pass
 * ({@link #headerInPass}).
 *
 * <p>A reader is not thread-safe (it reuses its buffers); open one per thread. Every failure
 * caused by the file is a {@link SegyException} naming the file, and where it applies the trace
 * index and byte offset; a trace index out of range is an {@link IndexOutOfBoundsException}.
 */
public final class SegyReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegyReader.class);

    /** Bytes of the textual plus binary header at the start of a SEG-Y file. */
    public static final int FILE_HEADER_BYTES = TextHeaderCodec.SIZE + BinaryHeader.SIZE;

    /**
     * Most rev-2 trace-header extensions a file may declare (binary header 3505): 10 000, 2.4 MB of
     * headers a trace; more is a misread header, not a file.
     */
    public static final int MAX_TRACE_HEADER_EXTENSIONS = 10_000;

    /** Trace headers between two {@link ByteProgress} reports of {@link #info(ByteProgress)}'s scan. */
    private static final int PROGRESS_TRACES = 1024;

    /** Bytes read at once while traces are read in file order (a few hundred typical traces). */
    public static final int READ_AHEAD_BYTES = 4 << 20;
    /** The longest trace, in bytes, whose headers {@link #headerInPass} reads in blocks: a page. */
    public static final int BLOCK_PASS_MAX_TRACE_BYTES = 4096;

    private final Path file;
    private final SegyReadOptions options;
    private final FileChannel channel;
    private final SegyLayout layout;
    private final BinaryHeader binaryHeader;
    private final List<byte[]> rawTextHeaders;
    private final TextEncoding textEncoding;
    private final SampleCodec codec;
    private final Arena arena = Arena.ofShared();
    private final ByteBuffer chunk;
    private final MemorySegment chunkSegment;
    private final long fileSize;
    private long chunkStart;
    private long chunkEnd;
    private long lastEnd = -1;
    /** What {@link #headerInPass} returns, every call. */
    private final TraceHeader passHeader;
    /** {@link #passHeader}'s bytes, for the header-at-a-time reads of long traces. */
    private final ByteBuffer passBuffer;
    private final List<TraceHeaderLayout> stanzaLayouts;
    private final List<String> layoutNames;
    private final int inlineByte;
    private final int crosslineByte;
    private final int offsetByte;
    private SegyInfo info;

    private SegyReader(Path file, SegyReadOptions options, FileChannel channel, SegyLayout layout,
            BinaryHeader binaryHeader, List<byte[]> rawTextHeaders, TextEncoding textEncoding,
            List<TraceHeaderLayout> stanzaLayouts, List<String> layoutNames) {
        this.file = file;
        this.stanzaLayouts = List.copyOf(stanzaLayouts);
        this.layoutNames = List.copyOf(layoutNames);
        this.inlineByte = keyByte(options.inlineByte(), TraceHeader.INLINE, "iline");
        this.crosslineByte = keyByte(options.crosslineByte(), TraceHeader.CROSSLINE, "xline");
        this.offsetByte = keyByte(TraceHeader.OFFSET, TraceHeader.OFFSET, "offset");
        this.options = options;
        this.channel = channel;
        this.layout = layout;
        this.binaryHeader = binaryHeader;
        this.rawTextHeaders = rawTextHeaders;
        this.textEncoding = textEncoding;
        this.codec = new SampleCodec(layout.format(), layout.byteOrder());
        this.fileSize = layout.dataStart() + layout.traces() * layout.traceBytes();
        long payload = fileSize - layout.dataStart();
        this.chunkSegment = arena.allocate(Math.max(layout.traceBytes(), Math.min(READ_AHEAD_BYTES, payload)));
        this.chunk = chunkSegment.asByteBuffer();
        this.passHeader = new TraceHeader(layout.byteOrder());
        this.passBuffer = ByteBuffer.wrap(passHeader.rawBytes());
    }

    /** Opens {@code file} with {@link SegyReadOptions#defaults()}, or SU defaults when it ends in {@code .su}. */
    public static SegyReader open(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return open(file, name.endsWith(".su") ? SegyReadOptions.seismicUnixDefaults() : SegyReadOptions.defaults());
    }

    /**
     * Opens {@code file} with {@code options}: reads and checks the headers and the file size.
     *
     * @throws SegyException when the file cannot be opened, its headers are implausible or its
     *     size is not the headers plus a whole number of traces
     */
    public static SegyReader open(Path file, SegyReadOptions options) {
        if (Files.isDirectory(file)) {
            throw new SegyException(file, "is a directory, not a SEG-Y or SU file", -1);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new SegyException(file, "cannot open: " + IoProblems.describe(e, file), -1, -1, e);
        }
        try {
            return options.seismicUnix() ? openSu(file, options, ch) : openSegy(file, options, ch);
        } catch (RuntimeException e) {
            closeQuietly(ch, e);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch, RuntimeException pending) {
        try {
            ch.close();
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }

    private static SegyReader openSegy(Path file, SegyReadOptions options, FileChannel ch) {
        long size = size(file, ch);
        if (size < FILE_HEADER_BYTES) {
            throw new SegyException(file, "file is " + size + " bytes, shorter than the "
                    + FILE_HEADER_BYTES + "-byte SEG-Y textual and binary headers (is it a SEG-Y file?)", size);
        }
        ByteBuffer head = ByteBuffer.allocate(FILE_HEADER_BYTES);
        readFully(file, ch, head, 0, -1);
        byte[] text = new byte[TextHeaderCodec.SIZE];
        head.get(0, text);
        byte[] bin = new byte[BinaryHeader.SIZE];
        head.get(TextHeaderCodec.SIZE, bin);

        ByteOrder order = options.byteOrder() != null ? options.byteOrder() : detectOrder(file, bin);
        BinaryHeader bh = new BinaryHeader(bin, order);
        SampleFormat format = options.format();
        if (format == null) {
            try {
                format = SampleFormat.fromCode(bh.formatCode());
            } catch (IllegalArgumentException e) {
                throw new SegyException(file, e.getMessage() + " in the binary header", -1,
                        BinaryHeader.FORMAT - 1, e);
            }
        }
        int revision = bh.revisionMajor();

        List<byte[]> texts = new ArrayList<>();
        texts.add(text);
        readExtendedText(file, ch, size, bh, texts);
        long dataStart = FILE_HEADER_BYTES + (long) (texts.size() - 1) * TextHeaderCodec.SIZE;

        int extensions = 0;
        if (revision >= 2) {
            extensions = bh.getInt16(BinaryHeader.TRACE_HEADER_EXTENSIONS);
            if (extensions < 0 || extensions > MAX_TRACE_HEADER_EXTENSIONS) {
                throw new SegyException(file, "implausible number of trace-header extensions " + extensions
                        + " in the binary header (bytes " + BinaryHeader.TRACE_HEADER_EXTENSIONS + "-"
                        + (BinaryHeader.TRACE_HEADER_EXTENSIONS + 1) + "; 0 to " + MAX_TRACE_HEADER_EXTENSIONS
                        + " are read)", BinaryHeader.TRACE_HEADER_EXTENSIONS - 1);
            }
        }
        long headerBytes = TraceHeader.SIZE * (1L + extensions);
        long payload = size - dataStart;
        int samples = sampleCount(file, ch, bh, revision, payload, headerBytes, format, dataStart, order);

        int intervalUs = bh.sampleIntervalUs();
        if (intervalUs <= 0 && payload >= TraceHeader.SIZE) {
            intervalUs = readHeader(file, ch, dataStart, order).sampleIntervalUs();
        }
        boolean fallback = intervalUs <= 0;
        if (fallback) {
            intervalUs = options.fallbackIntervalUs();
        }
        SegyLayout layout = SegyLayout.of(file, size, dataStart, headerBytes, samples, format, order, intervalUs, fallback,
                "%d-byte trace header%s + %d samples x %d bytes of %s".formatted(headerBytes,
                        extensions > 0 ? "s (with " + extensions + " rev-2 extension" + (extensions > 1 ? "s)" : ")") : "",
                        samples, format.bytesPerSample(), formatSaid(format, options.format() != null)));
        LOG.debug("{}: {} traces of {} samples, format {}, {} endian, first trace at byte {}", file, layout.traces(),
                layout.samples(), layout.format().shortName(), ByteOrders.name(order), layout.dataStart());
        TextEncoding encoding = TextHeaderCodec.detect(text);
        List<TraceHeaderLayout> stanzas = LayoutStanzas.parse(file, texts.subList(1, texts.size()));
        List<String> names = stanzas.isEmpty() ? List.of()
                : LayoutStanzas.names(file, stanzas, firstExtensionHeaders(file, ch, layout, extensions), encoding,
                        dataStart);
        return new SegyReader(file, options, ch, layout, bh, texts, encoding, stanzas, names);
    }

    /**
     * The format as a trace-size message names it: with its binary-header code when taken from
     * there ("int24 (format code 7)": a wrong code shows as such), else as forced by the caller
     * ({@link SegyReadOptions#format}), which no header field the user could doubt gave.
     */
    static String formatSaid(SampleFormat format, boolean forced) {
        return forced ? format.shortName() + " (forced, not the binary header's format code)" : format.describe();
    }

    private static SegyReader openSu(Path file, SegyReadOptions options, FileChannel ch) {
        long size = size(file, ch);
        if (size < TraceHeader.SIZE) {
            throw new SegyException(file, "file is " + size + " bytes, shorter than one 240-byte SU trace header", size);
        }
        ByteOrder order = options.byteOrder();
        if (order == null) {
            order = plausibleSu(file, ch, size, ByteOrder.BIG_ENDIAN) ? ByteOrder.BIG_ENDIAN
                    : plausibleSu(file, ch, size, ByteOrder.LITTLE_ENDIAN) ? ByteOrder.LITTLE_ENDIAN : null;
            if (order == null) {
                throw new SegyException(file, "not a Seismic Unix file: the sample count at trace-header byte 115"
                        + " gives a trace size that does not divide the file size in either byte order", 0, 114, null);
            }
        }
        TraceHeader first = readHeader(file, ch, 0, order);
        int samples = first.sampleCount();
        if (samples == 0) {
            throw new SegyException(file, "sample count (trace-header byte 115) is 0", 0, 114, null);
        }
        boolean fallback = first.sampleIntervalUs() <= 0;
        int intervalUs = fallback ? options.fallbackIntervalUs() : first.sampleIntervalUs();
        SampleFormat format = options.format() != null ? options.format() : SampleFormat.IEEE32;
        SegyLayout layout = SegyLayout.of(file, size, 0, TraceHeader.SIZE, samples, format, order, intervalUs, fallback,
                "240-byte SU header + %d samples x %d bytes of %s".formatted(samples, format.bytesPerSample(),
                        format.shortName()));
        return new SegyReader(file, options, ch, layout, null, List.of(), TextEncoding.NONE, List.of(), List.of());
    }

    private static boolean plausibleSu(Path file, FileChannel ch, long size, ByteOrder order) {
        int ns = readHeader(file, ch, 0, order).sampleCount();
        return ns > 0 && size % (TraceHeader.SIZE + 4L * ns) == 0;
    }

    /**
     * Byte order of a SEG-Y file: the rev-2 marker at 3297 when it is set, else the order in which
     * the format code at 3225 is plausible (1..16; big-endian first, as segyio guesses).
     */
    private static ByteOrder detectOrder(Path file, byte[] bin) {
        ByteBuffer b = ByteBuffer.wrap(bin);
        int marker = b.order(ByteOrder.BIG_ENDIAN).getInt(BinaryHeader.BYTE_ORDER_MARKER - BinaryHeader.FIRST_POSITION);
        if (marker == BinaryHeader.BYTE_ORDER_MARKER_VALUE) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (marker == Integer.reverseBytes(BinaryHeader.BYTE_ORDER_MARKER_VALUE)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        int at = BinaryHeader.FORMAT - BinaryHeader.FIRST_POSITION;
        int big = b.order(ByteOrder.BIG_ENDIAN).getShort(at);
        int little = b.order(ByteOrder.LITTLE_ENDIAN).getShort(at);
        if (plausibleFormatCode(big)) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (plausibleFormatCode(little)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new SegyException(file, "unknown sample format code in the binary header: " + big
                + " read big-endian, " + little + " read little-endian (known: " + SampleFormat.knownCodes() + "; is it a SEG-Y file?)",
                -1, BinaryHeader.FORMAT - 1, null).notSegy();
    }

    /** Codes 1..16 (defined or reserved by SEG-Y rev 2) count as plausible for byte-order detection. */
    private static boolean plausibleFormatCode(int code) {
        return code >= 1 && code <= 16;
    }

    /**
     * The geometry key byte: the caller's when it differs from the standard byte (an explicit
     * choice wins), else the layout stanza's mapping of {@code field}, else the standard byte.
     */
    private int keyByte(int requested, int standard, String field) {
        if (requested != standard) {
            return requested;
        }
        return LayoutStanzas.standardByte(stanzaLayouts, field).orElse(standard);
    }

    /** The first trace's extension headers (none when the file has no traces). */
    private static List<byte[]> firstExtensionHeaders(Path file, FileChannel ch, SegyLayout layout, int extensions) {
        List<byte[]> out = new ArrayList<>();
        if (layout.traces() == 0) {
            return out;
        }
        for (int i = 1; i <= extensions; i++) {
            ByteBuffer b = ByteBuffer.allocate(TraceHeader.SIZE);
            readFully(file, ch, b, layout.dataStart() + (long) TraceHeader.SIZE * i, 0);
            out.add(b.array());
        }
        return out;
    }

    private static void readExtendedText(Path file, FileChannel ch, long size, BinaryHeader bh, List<byte[]> texts) {
        int count = bh.getInt16(BinaryHeader.EXTENDED_TEXT_HEADERS);
        if (count < -1) {
            throw new SegyException(file, "invalid number of extended textual headers " + count
                    + " in the binary header (bytes " + BinaryHeader.EXTENDED_TEXT_HEADERS + "-"
                    + (BinaryHeader.EXTENDED_TEXT_HEADERS + 1) + "; -1 for variable, or 0 and up)",
                    BinaryHeader.EXTENDED_TEXT_HEADERS - 1);
        }
        long pos = FILE_HEADER_BYTES;
        for (int i = 0; count == -1 || i < count; i++) {
            if (pos + TextHeaderCodec.SIZE > size) {
                throw new SegyException(file, count == -1
                        ? "no ((SEG: EndText)) stanza before the end of the file (binary header says the number"
                                + " of extended textual headers is variable)"
                        : "file ends inside extended textual header " + (i + 1) + " of " + count, pos);
            }
            ByteBuffer block = ByteBuffer.allocate(TextHeaderCodec.SIZE);
            readFully(file, ch, block, pos, -1);
            byte[] raw = block.array();
            texts.add(raw);
            pos += TextHeaderCodec.SIZE;
            if (count == -1 && TextHeaderCodec.isEndTextStanza(TextHeaderCodec.decode(raw, TextHeaderCodec.detect(raw)))) {
                break;
            }
        }
    }

    /**
     * Samples per trace: 3221 read unsigned; the rev-2 extended count at 3269 when 3221 is 0, or
     * when 3221 does not fit the file size and 3269 does; the first trace header's 115 when both
     * are 0.
     */
    private static int sampleCount(Path file, FileChannel ch, BinaryHeader bh, int revision, long payload,
            long headerBytes, SampleFormat format, long dataStart, ByteOrder order) {
        int ns = bh.sampleCount();
        int ext = revision >= 2 ? bh.getInt32(BinaryHeader.EXT_SAMPLE_COUNT) : 0;
        if (ext > 0 && (ns == 0 || (!fits(payload, headerBytes, ns, format) && fits(payload, headerBytes, ext, format)))) {
            ns = ext;
        }
        if (ns == 0 && payload >= TraceHeader.SIZE) {
            ns = readHeader(file, ch, dataStart, order).sampleCount();
        }
        if (ns == 0 && payload > 0) {
            throw new SegyException(file, "samples per trace is 0 in the binary header (3221) and in the first"
                    + " trace header (115)", BinaryHeader.SAMPLE_COUNT - 1);
        }
        return ns;
    }

    private static boolean fits(long payload, long headerBytes, long ns, SampleFormat format) {
        return payload % (headerBytes + ns * format.bytesPerSample()) == 0;
    }

    private static long size(Path file, FileChannel ch) {
        try {
            return ch.size();
        } catch (IOException e) {
            throw new SegyException(file, "cannot get the file size: " + IoProblems.describe(e, file), -1, -1, e);
        }
    }

    private static TraceHeader readHeader(Path file, FileChannel ch, long position, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(TraceHeader.SIZE);
        readFully(file, ch, b, position, -1);
        return new TraceHeader(b.array(), order);
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer dst, long position, long trace) {
        dst.clear();
        readAtLeast(file, ch, dst, position, dst.limit(), trace);
    }

    /**
     * Reads from {@code position} until {@code dst} is full (up to its limit) or the file ends,
     * then flips it and returns the bytes read. Only the first {@code needed} bytes must be there:
     * a read-ahead past them may come back short when the file was cut short since it was opened
     * (a gathers view open on a file being rewritten), so that the traces before the new end still read.
     *
     * @throws SegyException naming the file, {@code trace}, the byte offset of the bytes asked for and
     *     the file's current size when the file ends before {@code needed} bytes
     */
    private static int readAtLeast(Path file, FileChannel ch, ByteBuffer dst, long position, int needed, long trace) {
        long pos = position;
        try {
            while (dst.hasRemaining()) {
                int n = ch.read(dst, pos);
                if (n < 0) {
                    if (pos - position >= needed) {
                        break;
                    }
                    throw cutShort(file, ch, position, needed, trace);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new SegyException(file, "read failed: " + IoProblems.describe(e, file), trace, pos, e);
        }
        dst.flip();
        return (int) (pos - position);
    }

    /** The file ended before bytes {@code [position, position + needed)}: says its size now. */
    private static SegyException cutShort(Path file, FileChannel ch, long position, int needed, long trace)
            throws IOException {
        return new SegyException(file, "unexpected end of file: the file was cut short to " + ch.size()
                + " bytes since it was opened, before the " + needed + " bytes asked for",
                trace, position, null);
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** Number of traces. */
    public long traceCount() {
        return layout.traces();
    }

    /** Samples per trace. */
    public int samplesPerTrace() {
        return layout.samples();
    }

    /** Sample format of the traces. */
    public SampleFormat format() {
        return layout.format();
    }

    /** Byte order of headers and samples. */
    public ByteOrder byteOrder() {
        return layout.byteOrder();
    }

    /** Sample interval in microseconds (see {@link SegyInfo#sampleIntervalUs()}). */
    public int sampleIntervalUs() {
        return layout.intervalUs();
    }

    /**
     * Whether {@link #sampleIntervalUs()} is {@link SegyReadOptions#fallbackIntervalUs()} because
     * neither the binary header (3217) nor the first trace header (117) holds a positive interval.
     */
    public boolean sampleIntervalIsFallback() {
        return layout.intervalFallback();
    }

    /**
     * Time of the first sample of trace {@code index} in milliseconds (for depth data, the depth
     * of the first sample in the file's length unit): the delay recording time (109) with, for
     * SEG-Y rev 1 and later, the time scalar (215) applied; rev 0 and Seismic Unix files have no
     * time scalar there (SU keeps other fields in 181-240), so their delay is taken as stored.
     */
    public double delayMs(long index) {
        return delayMs(header(index));
    }

    /**
     * As {@link #delayMs(long)}, for a trace header of this file already read (with its samples,
     * {@link #readHeaderAndTrace}, or in a pass over the headers): no second read.
     */
    public double delayMs(TraceHeader h) {
        return hasTimeScalar() ? h.delayMs() : h.getInt16(TraceHeader.DELAY);
    }

    private boolean hasTimeScalar() {
        return binaryHeader != null && binaryHeader.revisionMajor() >= 1;
    }

    /** A copy of the binary header in the file's byte order, or null for SU files. */
    public BinaryHeader binaryHeader() {
        return binaryHeader == null ? null : binaryHeader.copy();
    }

    /** Copies of the raw 3200-byte textual headers, the first one first (empty for SU): for copying files. */
    public List<byte[]> rawTextHeaders() {
        return rawTextHeaders.stream().map(byte[]::clone).toList();
    }

    /**
     * Names of the trace-header layouts the file's XML layout stanzas describe, in header order:
     * "SEG00000" for the standard header, then each trace-header extension present in the file
     * (for example "SEG00001", "PRIVATE1"). Empty when the file has no layout stanza.
     */
    public List<String> traceHeaderLayouts() {
        return layoutNames;
    }

    /** The layouts parsed from the file's XML layout stanzas, in file order (empty when none). */
    public List<TraceHeaderLayout> layoutStanzas() {
        return stanzaLayouts;
    }

    /** 1-based trace-header bytes used for inline, crossline and offset: options, then stanza, then standard. */
    public int[] geometryKeyBytes() {
        return new int[] {inlineByte, crosslineByte, offsetByte};
    }

    /**
     * The summary of the file. The first call infers the geometry, reading every trace header
     * once; later calls return the same object.
     */
    public SegyInfo info() {
        return info(ByteProgress.NONE);
    }

    /**
     * As {@link #info()}, saying how far its header scan has got to {@code progress}: the bytes of
     * the file up to the furthest trace read, of the whole file (a scan of 10^7 traces takes tens of
     * seconds). A scan may make two passes (a cube's check, then an unstructured file's counts);
     * the second says nothing until it passes where the first stopped, so the figure never goes back.
     */
    public SegyInfo info(ByteProgress progress) {
        if (info == null) {
            List<String> ext = new ArrayList<>();
            for (int i = 1; i < rawTextHeaders.size(); i++) {
                byte[] raw = rawTextHeaders.get(i);
                ext.add(TextHeaderCodec.decode(raw, TextHeaderCodec.detect(raw)));
            }
            String text = rawTextHeaders.isEmpty() ? "" : TextHeaderCodec.decode(rawTextHeaders.get(0), textEncoding);
            long[] furthest = {-1};
            GeometryScanner.KeySource keys = (trace, out) -> {
                readKeys(trace, out);
                if (trace > furthest[0]) {
                    furthest[0] = trace;
                    if (trace % PROGRESS_TRACES == 0) {
                        progress.onBytes(layout.traceOffset(trace), fileSize);
                    }
                }
            };
            SegyGeometry geometry = GeometryScanner.scan(keys, layout.traces());
            progress.onBytes(fileSize, fileSize);
            info = new SegyInfo(file, layout.traces(), layout.samples(), layout.intervalUs(), layout.format(),
                    layout.byteOrder(), binaryHeader == null ? "0.0" : binaryHeader.revisionString(), text, ext,
                    textEncoding, (int) (layout.headerBytes() / TraceHeader.SIZE - 1), layout.dataStart(),
                    layout.traceBytes(), geometry, options.seismicUnix(), layout.intervalFallback(),
                    layout.traces() > 0 ? delayMs(0) : 0);
        }
        return info;
    }

    /**
     * Whether {@link #info()} has scanned the trace headers already: a caller that only needs the
     * counts known from the file size ({@link #traceCount()}, {@link #samplesPerTrace()}) can check
     * them first and refuse a file without the scan, which takes minutes for 10^9 traces.
     */
    public boolean headersScanned() {
        return info != null;
    }

    /** The geometry keys of {@code trace}, by the header pass: blocks of traces a read, not 240 bytes. */
    private void readKeys(long trace, int[] out) {
        TraceHeader h = headerInPass(trace);
        out[0] = h.getInt32(inlineByte);
        out[1] = h.getInt32(crosslineByte);
        out[2] = h.getInt32(offsetByte);
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= layout.traces()) {
            throw new IndexOutOfBoundsException("trace index " + index + " (from 0) is outside 0.."
                    + (layout.traces() - 1) + " of " + file);
        }
    }

    /** Byte offset of trace {@code index}'s header in the file. */
    public long traceOffset(long index) {
        checkIndex(index);
        return layout.traceOffset(index);
    }

    /**
     * Reads the samples of trace {@code index} (0-based) into {@code dst[0..samplesPerTrace)}.
     *
     * @throws IllegalArgumentException when {@code dst} is shorter than {@link #samplesPerTrace()}
     * @throws SegyException when the read fails
     */
    public void readTrace(long index, float[] dst) {
        checkIndex(index);
        checkDst(dst);
        long at = fetch(layout.traceOffset(index) + layout.headerBytes(), layout.sampleBytes(), index);
        codec.decode(chunkSegment, at, dst, layout.samples());
    }

    /**
     * Makes file bytes {@code [pos, pos + length)} available in the chunk buffer and returns their
     * offset in it. A request that continues in file order (at most one trace past the previous
     * one) refills the whole buffer (read-ahead); any other request reads just its bytes, so
     * random access costs no more than it needs. A read-ahead that the file's end cuts short (the
     * file cut short since it was opened) keeps what it got; only the requested bytes must be there.
     */
    private long fetch(long pos, long length, long trace) {
        if (pos >= chunkStart && pos + length <= chunkEnd) {
            lastEnd = pos + length;
            return pos - chunkStart;
        }
        boolean sequential = lastEnd >= 0 && pos >= lastEnd && pos - lastEnd <= layout.traceBytes();
        long want = sequential ? Math.max(length, Math.min(chunk.capacity(), fileSize - pos)) : length;
        chunk.clear().limit((int) want);
        chunkStart = pos;
        chunkEnd = pos; // invalid until the read completes
        int got = readAtLeast(file, channel, chunk, pos, (int) length, trace);
        chunkEnd = pos + got; // short of want when the file was cut short since it was opened
        lastEnd = pos + length;
        return 0;
    }

    /**
     * The first {@code count} (at most the trace's) samples of trace {@code index} as raw 32-bit
     * words in the file's byte order, undecoded: for telling one 4-byte format from another
     * ({@link HeaderConsistency}). Only for 4-byte formats.
     */
    int[] sampleWords(long index, int count) {
        checkIndex(index);
        if (layout.format().bytesPerSample() != Integer.BYTES) {
            throw new IllegalStateException(layout.format().shortName() + " samples are not 4-byte words");
        }
        int n = Math.min(count, layout.samples());
        long at = fetch(layout.traceOffset(index) + layout.headerBytes(), (long) n * Integer.BYTES, index);
        ValueLayout.OfInt word = ValueLayout.JAVA_INT_UNALIGNED.withOrder(layout.byteOrder());
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = chunkSegment.get(word, at + (long) i * Integer.BYTES);
        }
        return words;
    }

    /** Bytes of header per trace (240, plus 240 per rev-2 extension). */
    long traceHeaderBytes() {
        return layout.headerBytes();
    }

    /** Reads the samples of trace {@code index} into a new array. */
    public float[] readTrace(long index) {
        float[] dst = new float[layout.samples()];
        readTrace(index, dst);
        return dst;
    }

    /**
     * Reads the header and the samples of trace {@code index} in one file read (for copying).
     *
     * @return the trace header (240 bytes, extensions not included)
     */
    public TraceHeader readHeaderAndTrace(long index, float[] dst) {
        checkIndex(index);
        checkDst(dst);
        long at = fetch(layout.traceOffset(index), layout.traceBytes(), index);
        byte[] h = new byte[TraceHeader.SIZE];
        MemorySegment.copy(chunkSegment, ValueLayout.JAVA_BYTE, at, h, 0, TraceHeader.SIZE);
        codec.decode(chunkSegment, at + layout.headerBytes(), dst, layout.samples());
        return new TraceHeader(h, layout.byteOrder());
    }

    /**
     * As {@link #header}, read through the read-ahead buffer: for a pass over every header in file
     * order, which then reads {@value #READ_AHEAD_BYTES} bytes of consecutive traces at a time and
     * takes the 240-byte header of each, where {@link #header} reads 240 bytes a call (10^8 small
     * reads for a survey of 10^8 traces). A header out of order reads just its own bytes; a header
     * the buffer's end cuts in two is read again at the start of the next buffer. Traces read
     * between two headers of the pass make the buffer read ahead from them instead.
     *
     * <p>Only for traces of at most {@value #BLOCK_PASS_MAX_TRACE_BYTES} bytes (a page): every page
     * of such a file holds a header, so the disk reads the whole file either way and the blocks
     * only save calls. Longer traces are read a header at a time, which leaves the pages holding
     * only samples unread.
     *
     * <p>Returns the reader's one pass header, the same object every call, overwritten by the
     * next, and by {@link #info()}'s first call (its geometry scan is such a pass): read its fields
     * before asking for the next trace's, or keep {@link TraceHeader#toBytes}.
     * A new header a trace was 256 bytes of garbage each, 2.5 GB for a pass over 10^7 traces; a pass
     * over 200 000 traces from the page cache took 71–123 ms with them, 23–50 ms without (2 busy cores).
     */
    public TraceHeader headerInPass(long index) {
        checkIndex(index);
        if (layout.traceBytes() > BLOCK_PASS_MAX_TRACE_BYTES) {
            readFully(file, channel, passBuffer, layout.traceOffset(index), index);
        } else {
            long at = fetch(layout.traceOffset(index), TraceHeader.SIZE, index);
            MemorySegment.copy(chunkSegment, ValueLayout.JAVA_BYTE, at, passHeader.rawBytes(), 0, TraceHeader.SIZE);
        }
        return passHeader;
    }

    /** The 240-byte header of trace {@code index} (a new object each call). */
    public TraceHeader header(long index) {
        checkIndex(index);
        return readHeader(file, channel, layout.traceOffset(index), layout.byteOrder());
    }

    private void checkDst(float[] dst) {
        if (dst.length < layout.samples()) {
            throw new IllegalArgumentException("destination holds " + dst.length + " samples, a trace of "
                    + file + " has " + layout.samples());
        }
    }

    /** Closes the file and frees the read buffer; the reader cannot be used afterwards. */
    @Override
    public void close() {
        try (arena) {
            channel.close();
        } catch (IOException e) {
            throw new SegyException(file, "close failed: " + IoProblems.describe(e, file), -1, -1, e);
        }
    }
}
