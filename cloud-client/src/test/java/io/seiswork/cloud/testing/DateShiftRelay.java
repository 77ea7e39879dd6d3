package io.seiswork.cloud.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP relay to an emulator that moves the {@code Date} header of each response by a set
 * offset: what a client whose own clock is off by minus that offset sees, over real sockets,
 * without touching this machine's clock. One request per connection, as in {@link TaggingRelay}:
 * the relay asks the emulator to close after its answer ({@code Connection: close}, which the SDK
 * does not sign), so the response's head is the first thing read back.
 */
public final class DateShiftRelay extends TcpRelay {

    private static final Pattern DATE = Pattern.compile("(?im)^date:[ \t]*([^\r]*)\r\n");

    private final Duration shift;
    private final AtomicInteger shifted = new AtomicInteger();

    /**
     * @param target the emulator's endpoint ({@code http://127.0.0.1:PORT})
     * @param shift added to each response's {@code Date}: minus 3 minutes shows a service 3
     *     minutes behind, as to a client whose clock is 3 minutes fast
     */
    public DateShiftRelay(URI target, Duration shift) throws IOException {
        super(target, "date-shift-relay");
        this.shift = shift;
        start();
    }

    /** Responses whose {@code Date} was moved so far. */
    public int shifted() {
        return shifted.get();
    }

    @Override
    protected void accepted(Socket client) {
        submit(() -> serve(client));
    }

    private Void serve(Socket client) throws IOException {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return null;
            }
            try (Socket emulator = forwardRequest(head, in)) {
                InputStream fromEmulator = emulator.getInputStream();
                String answer = readHead(fromEmulator);
                if (answer == null) {
                    return null;
                }
                OutputStream out = client.getOutputStream();
                out.write(shifted(answer).getBytes(StandardCharsets.ISO_8859_1));
                fromEmulator.transferTo(out);
            }
        }
        return null;
    }

    /** {@code head} with its {@code Date} moved by {@link #shift}. */
    private String shifted(String head) {
        Matcher m = DATE.matcher(head);
        if (!m.find()) {
            return head;
        }
        ZonedDateTime at = ZonedDateTime.parse(m.group(1).trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        String moved = DateTimeFormatter.RFC_1123_DATE_TIME.format(at.plus(shift).withZoneSameInstant(ZoneOffset.UTC));
        shifted.incrementAndGet();
        return head.substring(0, m.start()) + "Date: " + moved + "\r\n" + head.substring(m.end());
    }
}
