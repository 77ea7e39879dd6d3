package io.seiswork.core.segy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.core.segy.TraceHeaderLayout.FieldType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LayoutStanzaParser} on hand-written stanzas: what it accepts, what it refuses and why. */
class LayoutStanzaParserTest {

    private static final Path FILE = Path.of("hand-written.sgy");

    private static String layout(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<segy-layout name=\"mine\">\n" + body + "</segy-layout>";
    }

    @Test
    void parsesEntriesAndExtensions() {
        TraceHeaderLayout l = LayoutStanzaParser.parse(FILE, layout("""
                <desc>keys moved</desc>
                <entry name="iline" byte="5" type="int4"/>
                <entry name="xline" byte="21" type="uint4"/>.
                <extension name="SEG00001">
                <entry name="cdp_x" byte="161" type="ieee64" if-non-zero="1"/>
                </extension>
                """));
        assertEquals("mine", l.name());
        assertEquals(5, l.field("iline").orElseThrow().bytePosition());
        assertEquals(FieldType.UINT4, l.field("xline").orElseThrow().type());
        assertFalse(l.field("offset").isPresent());
        TraceHeaderLayout ext = l.extension("SEG00001").orElseThrow();
        assertEquals(List.of(new TraceHeaderLayout.Field("cdp_x", 161, FieldType.IEEE64)), ext.fields());
        assertTrue(ext.extensions().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad XML | <entry name=\"iline\" byte=\"5\" type=\"int4\"> | malformed XML",
        "unknown attribute | <entry name=\"iline\" bite=\"5\" type=\"int4\"/> | unknown attribute bite",
        "missing byte | <entry name=\"iline\" type=\"int4\"/> | lacks the byte attribute",
        "non-numeric byte | <entry name=\"iline\" byte=\"five\" type=\"int4\"/> | invalid byte \"five\"",
        "byte outside the header | <entry name=\"cdp\" byte=\"239\" type=\"int4\"/> | does not fit",
        "byte zero | <entry name=\"cdp\" byte=\"0\" type=\"int2\"/> | does not fit",
        "unknown type | <entry name=\"cdp\" byte=\"21\" type=\"float128\"/> | unsupported type \"float128\"",
        "float inline | <entry name=\"iline\" byte=\"5\" type=\"ieee32\"/> | must be int4 or uint4",
        "unknown element | <field name=\"cdp\" byte=\"21\" type=\"int4\"/> | unknown element <field>",
        "duplicate entry | <entry name=\"cdp\" byte=\"21\" type=\"int4\"/><entry name=\"cdp\" byte=\"25\" type=\"int4\"/>"
            + " | appears twice",
        "extension field on its name | <extension name=\"X\"><entry name=\"a\" byte=\"233\" type=\"int2\"/></extension>"
            + " | 232 usable header bytes",
        "bad if-non-zero | <entry name=\"cdp\" byte=\"21\" type=\"int4\" if-non-zero=\"yes\"/> | invalid if-non-zero",
    })
    void refusesInvalidStanzas(String what, String body, String fragment) {
        SegyException e = assertThrows(SegyException.class, () -> LayoutStanzaParser.parse(FILE, layout(body)), what);
        assertTrue(e.getMessage().startsWith(FILE + ": " + LayoutStanzaParser.PREFIX), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void refusesAWrongRoot() {
        SegyException e = assertThrows(SegyException.class,
                () -> LayoutStanzaParser.parse(FILE, "<layout name=\"x\"/>"));
        assertTrue(e.getMessage().contains("expected <segy-layout>"), e.getMessage());
    }

    /** An external entity must neither be read nor leak the local file into the layout. */
    @Test
    void refusesExternalEntities(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE segy-layout [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<segy-layout name=\"&x;\"><entry name=\"&x;\" byte=\"1\" type=\"int4\"/></segy-layout>";
        SegyException e = assertThrows(SegyException.class, () -> LayoutStanzaParser.parse(FILE, xxe));
        assertTrue(e.getMessage().contains(LayoutStanzaParser.PREFIX), e.getMessage());
        assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());
    }

    /** Parameter entities and external DTDs are refused too (the DOCTYPE itself is forbidden). */
    @Test
    void refusesExternalDtd(@TempDir Path dir) throws IOException {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY x \"TOPSECRET\">");
        String xml = "<!DOCTYPE segy-layout SYSTEM \"" + dtd.toUri() + "\"><segy-layout name=\"&x;\"/>";
        SegyException e = assertThrows(SegyException.class, () -> LayoutStanzaParser.parse(FILE, xml));
        assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());
    }
}
