package io.seiswork.cloud.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay to the S3 emulator that answers each PutObjectTagging ({@code PUT ...?tagging})
 * itself, with the status a test sets (403 AccessDenied, 503 SlowDown, 200 tagged), and carries
 * every other request to the emulator unchanged: what S3 answering a tagging with an error looks
 * like to a client, over real sockets, where S3Proxy only ever answers 501. One request per
 * connection: the relay asks the emulator to close after its answer ({@code Connection: close},
 * a header the SDK does not sign), so an answer's end is the connection's.
 */
public final class TaggingRelay extends TcpRelay {

    private final AtomicInteger taggings = new AtomicInteger();
    private final AtomicInteger objectPuts = new AtomicInteger();
    private int taggingStatus;
    /** How many of the next taggings are answered with {@link #failStatus} before {@link #taggingStatus}. */
    private int failFirst;
    private int failStatus;

    /**
     * @param target the emulator's endpoint ({@code http://127.0.0.1:PORT})
     * @param taggingStatus the status of each tagging's answer: 200, 403, 503 (others answered as 500)
     */
    public TaggingRelay(URI target, int taggingStatus) throws IOException {
        super(target, "tagging-relay");
        this.taggingStatus = taggingStatus;
        start();
    }

    /** Answers each later tagging with {@code status}. */
    public void answerTaggingWith(int status) {
        synchronized (this) {
            failFirst = 0;
            taggingStatus = status;
        }
    }

    /**
     * Answers the next {@code count} taggings with {@code status}, then each later one with
     * {@code after}: a tagging that heals after a number of requests, not after some time.
     */
    public void answerTaggingsWith(int status, int count, int after) {
        synchronized (this) {
            failFirst = count;
            failStatus = status;
            taggingStatus = after;
        }
    }

    /** The status of the tagging being answered now, counting it. */
    private synchronized int nextTaggingStatus() {
        taggings.incrementAndGet();
        if (failFirst > 0) {
            failFirst--;
            return failStatus;
        }
        return taggingStatus;
    }

    /** Taggings answered so far. */
    public int taggings() {
        return taggings.get();
    }

    /** PUTs of an object's bytes (no query) carried to the emulator so far. */
    public int objectPuts() {
        return objectPuts.get();
    }

    /** Each connection is one request, read and answered on a thread of its own. */
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
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            String[] parts = requestLine.split(" ");
            String lower = head.toLowerCase(Locale.ROOT);
            if (parts[0].equals("PUT") && parts[1].matches(".*[?&]tagging(=[^&]*)?(&.*)?$")) {
                if (!lower.contains("\r\nexpect: 100-continue")) {
                    in.readNBytes((int) contentLength(lower));
                }
                answer(client.getOutputStream(), nextTaggingStatus());
                return null;
            }
            if (parts[0].equals("PUT") && !parts[1].contains("?")) {
                objectPuts.incrementAndGet();
            }
            try (Socket emulator = forwardRequest(head, in)) {
                emulator.getInputStream().transferTo(client.getOutputStream());
            }
        }
        return null;
    }

    private static long contentLength(String lowerHead) {
        var m = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(lowerHead);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void answer(OutputStream out, int status) throws IOException {
        String reason;
        String body;
        switch (status) {
            case 200 -> {
                reason = "OK";
                body = "";
            }
            case 403 -> {
                reason = "Forbidden";
                body = error("AccessDenied", "Access Denied");
            }
            case 503 -> {
                reason = "Slow Down";
                body = error("SlowDown", "Please reduce your request rate.");
            }
            default -> {
                reason = "Internal Server Error";
                body = error("InternalError", "We encountered an internal error. Please try again.");
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + (status == 200 || status == 403 || status == 503 ? status : 500) + " " + reason
                + "\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>relay</RequestId></Error>";
    }
}
