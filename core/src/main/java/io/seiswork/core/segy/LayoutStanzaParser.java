package io.seiswork.core.segy;

import io.seiswork.core.segy.TraceHeaderLayout.Field;
import io.seiswork.core.segy.TraceHeaderLayout.FieldType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses the XML body of a SEG-Y rev 2.1 layout stanza into a {@link TraceHeaderLayout}.
 *
 * <p>Validation is strict, as in segyio: a layout that is wrong in any way would silently move
 * the geometry keys, so any malformed XML, wrong root, unknown element or attribute, missing or
 * non-numeric byte, field outside its header or unknown type rejects the file. Every failure is a
 * {@link SegyException} whose problem starts with {@value #PREFIX}.
 *
 * <p>File contents are untrusted: DOCTYPEs are refused outright and external entities, external
 * DTDs and XInclude are disabled, so a stanza cannot make the reader open local files or URLs.
 */
public final class LayoutStanzaParser {

    /** Start of every problem text this parser reports (segyio's wording). */
    public static final String PREFIX = "error parsing trace header mappings: ";

    /** Bytes of the standard trace header a field may occupy. */
    private static final int STANDARD_BYTES = TraceHeader.SIZE;
    /** Bytes of an extension header a field may occupy: the last 8 hold the extension's name. */
    private static final int EXTENSION_BYTES = TraceHeader.SIZE - 8;
    /** Keys the geometry reads as 32-bit integers, so they must be stored as such. */
    private static final Set<String> INTEGER_KEYS = Set.of("iline", "xline", "offset");

    private LayoutStanzaParser() {
    }

    /**
     * Parses one stanza body (the text after the "((SEG:Layout...))" line).
     *
     * @param file the file the stanza comes from, for messages
     * @param xml the stanza's XML text
     * @return the root layout with its extensions
     * @throws SegyException when the stanza is not a valid layout
     */
    public static TraceHeaderLayout parse(Path file, String xml) {
        Element root = document(file, xml).getDocumentElement();
        if (!root.getTagName().equals("segy-layout")) {
            throw fail(file, "root element is <" + root.getTagName() + ">, expected <segy-layout>");
        }
        checkAttributes(file, root, Set.of("name"), Set.of());
        List<Field> fields = new ArrayList<>();
        List<TraceHeaderLayout> extensions = new ArrayList<>();
        for (Element child : children(file, root)) {
            switch (child.getTagName()) {
                case "desc" -> checkAttributes(file, child, Set.of(), Set.of());
                case "entry" -> fields.add(entry(file, child, STANDARD_BYTES, root.getAttribute("name")));
                case "extension" -> extensions.add(extension(file, child));
                default -> throw fail(file, "unknown element <" + child.getTagName() + "> in <segy-layout>");
            }
        }
        checkUnique(file, fields, root.getAttribute("name"));
        Set<String> names = new HashSet<>();
        for (TraceHeaderLayout e : extensions) {
            if (!names.add(e.name())) {
                throw fail(file, "extension " + e.name() + " is declared twice");
            }
        }
        return new TraceHeaderLayout(root.getAttribute("name"), fields, extensions);
    }

    private static TraceHeaderLayout extension(Path file, Element ext) {
        checkAttributes(file, ext, Set.of("name"), Set.of());
        String name = ext.getAttribute("name").strip();
        if (name.isEmpty() || name.length() > 8) {
            throw fail(file, "extension name \"" + name + "\" must be 1 to 8 characters");
        }
        List<Field> fields = new ArrayList<>();
        for (Element child : children(file, ext)) {
            if (!child.getTagName().equals("entry")) {
                throw fail(file, "unknown element <" + child.getTagName() + "> in extension " + name);
            }
            fields.add(entry(file, child, EXTENSION_BYTES, name));
        }
        checkUnique(file, fields, name);
        return new TraceHeaderLayout(name, fields, List.of());
    }

    private static Field entry(Path file, Element e, int headerBytes, String layout) {
        checkAttributes(file, e, Set.of("name", "byte", "type"), Set.of("if-non-zero"));
        String name = e.getAttribute("name");
        String where = "entry " + name + " of layout " + layout;
        if (name.isBlank()) {
            throw fail(file, "an entry of layout " + layout + " has an empty name");
        }
        FieldType type = FieldType.fromStanza(e.getAttribute("type"))
                .orElseThrow(() -> fail(file, where + " has unsupported type \"" + e.getAttribute("type") + "\""));
        int pos;
        try {
            pos = Integer.parseInt(e.getAttribute("byte").strip());
        } catch (NumberFormatException ex) {
            throw fail(file, where + " has invalid byte \"" + e.getAttribute("byte") + "\"");
        }
        if (pos < 1 || pos + type.size() - 1 > headerBytes) {
            throw fail(file, where + ": byte " + pos + " with type " + type.stanzaName() + " (" + type.size()
                    + " bytes) does not fit in the " + headerBytes + " usable header bytes");
        }
        String nonZero = e.getAttribute("if-non-zero");
        if (e.hasAttribute("if-non-zero") && !nonZero.equals("0") && !nonZero.equals("1")) {
            throw fail(file, where + " has invalid if-non-zero \"" + nonZero + "\" (expected 0 or 1)");
        }
        if (headerBytes == STANDARD_BYTES && INTEGER_KEYS.contains(name)
                && type != FieldType.INT4 && type != FieldType.UINT4) {
            throw fail(file, where + " has unsupported type " + type.stanzaName()
                    + " (inline, crossline and offset must be int4 or uint4)");
        }
        return new Field(name, pos, type);
    }

    private static void checkUnique(Path file, List<Field> fields, String layout) {
        Set<String> seen = new HashSet<>();
        for (Field f : fields) {
            if (!seen.add(f.name())) {
                throw fail(file, "entry " + f.name() + " appears twice in layout " + layout);
            }
        }
    }

    private static void checkAttributes(Path file, Element e, Set<String> required, Set<String> optional) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String a = attrs.item(i).getNodeName();
            if (!required.contains(a) && !optional.contains(a)) {
                throw fail(file, "unknown attribute " + a + " on <" + e.getTagName() + ">");
            }
        }
        for (String a : required) {
            if (!e.hasAttribute(a)) {
                throw fail(file, "<" + e.getTagName() + "> lacks the " + a + " attribute");
            }
        }
    }

    /** Child elements; text between elements is ignored (the test files put stray dots there). */
    private static List<Element> children(Path file, Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            } else if (n.getNodeType() == Node.ENTITY_REFERENCE_NODE) {
                throw fail(file, "entity references are not allowed");
            }
        }
        return out;
    }

    private static Document document(Path file, String xml) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new SegyException(file, PREFIX + "malformed XML: " + e.getMessage(), -1, -1, e);
        } catch (IOException | ParserConfigurationException e) {
            throw new SegyException(file, PREFIX + e, -1, -1, e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static SegyException fail(Path file, String problem) {
        return new SegyException(file, PREFIX + problem, -1);
    }
}
