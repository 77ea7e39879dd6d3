package io.seiswork.app.cli;

import static io.seiswork.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seiswork.app.text.TerminalText;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text header that holds terminal escape sequences (a window title, colours, clear screen) is
 * shown with its controls as '.', in ASCII and in EBCDIC files; {@code --json} escapes them.
 */
class SegyInfoControlCharactersTest {

    /** Sets the window title, turns the text red, clears the screen. */
    private static final String INJECTION = "\u001b]0;PWNED-TITLE\u0007 \u001b[31mRED\u001b[0m \u001b[2J";
    private static final String SHOWN = ".]0;PWNED-TITLE. .[31mRED.[0m .[2J";

    @TempDir
    Path tmp;

    private static Path refdata(String relative) {
        return CliRefData.file(relative);
    }

    /** A copy of {@code source} with {@code bytes} written over text header card 2 from its 5th column. */
    private Path withCard2(String source, byte[] bytes) throws Exception {
        Path copy = tmp.resolve(Path.of(source).getFileName());
        byte[] all = Files.readAllBytes(refdata(source));
        System.arraycopy(bytes, 0, all, 80 + 4, bytes.length);
        Files.write(copy, all);
        return copy;
    }

    /** {@link #INJECTION} in cp037 (0x27 is ESC, 0x2F BEL), then byte 0x24, which decodes to the C1 control U+0084. */
    private static byte[] ebcdicInjection() {
        byte[] injection = (INJECTION + " ").getBytes(Charset.forName("IBM037"));
        injection[injection.length - 1] = 0x24;
        return injection;
    }

    private static void assertNoControls(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertTrue(c == '\n' || !TerminalText.isControl(c), "control U+" + Integer.toHexString(c) + " at " + i
                    + " in:\n" + out);
        }
    }

    @Test
    void asciiHeaderControlsAreShownAsDots() throws Exception {
        Path file = withCard2("segyio/delay-scalar.sgy", INJECTION.getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = run("segy", "info", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertNoControls(r.out());
        assertTrue(r.out().contains(SHOWN), r.out());
    }

    @Test
    void ebcdicHeaderControlsAndC1CodesAreShownAsDots() throws Exception {
        Path file = withCard2("segyio/small.sgy", ebcdicInjection());
        CliRun r = run("segy", "info", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertNoControls(r.out());
        assertTrue(r.out().contains(SHOWN + "."), r.out());
    }

    @Test
    void jsonEscapesTheControlsAndKeepsTheText() throws Exception {
        Path file = withCard2("segyio/small.sgy", ebcdicInjection());
        CliRun r = run("segy", "info", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertNoControls(r.out());
        String text = new ObjectMapper().readTree(r.out()).get("textHeader").asText();
        assertEquals(INJECTION + "\u0084", text.substring(84, 84 + INJECTION.length() + 1));
        assertTrue(r.out().contains("\\u001B]0;PWNED-TITLE\\u0007"), r.out());
        assertTrue(r.out().contains("\\u0084"), r.out());
    }

    /** DEL and the C1 controls in the same upper-case hex as Jackson's own escapes of C0 ones. */
    @Test
    void jsonEscapesAreUpperCaseHexForEveryControl() throws Exception {
        var json = JsonControlEscapes.on(new ObjectMapper());
        assertEquals("\"\\u001B\\u007F\\u009B\\u008A\u00a0\u00e9\"",
                json.writeValueAsString("\u001b\u007f\u009b\u008a\u00a0\u00e9"), "U+00A0 and on are text, written as they are");
    }

    @Test
    void terminalTextKeepsPrintableTextAndLineFeedsWhenAsked() {
        assertEquals("a.b.c\u00a0é", TerminalText.line("a\u0000b\u009bc\u00a0é"));
        assertEquals("one\ntwo.", TerminalText.lines("one\ntwo\u007f"));
        assertEquals("one.two", TerminalText.line("one\ntwo"));
    }
}
