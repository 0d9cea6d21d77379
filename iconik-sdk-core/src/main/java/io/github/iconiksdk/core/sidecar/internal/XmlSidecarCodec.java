// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The XML encoding: root {@code metadata_view}, then {@code metadata_values}, one element per field, and
 * {@code field_values} elements holding {@code value} (and optional {@code score}) elements.
 *
 * <p>Parsed with the StAX parser that Jackson's XML module brings (Woodstox), configured against hostile input: no
 * DTD processing, no external entities, namespaces off (field names are plain element names), and any
 * {@code <!DOCTYPE>} is refused outright, which also stops entity-expansion bombs before any expansion.
 */
public final class XmlSidecarCodec {

    private static final XMLInputFactory INPUT = newInputFactory();

    private XmlSidecarCodec() {
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory in = new XmlFactory().getXMLInputFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        in.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        in.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        in.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        in.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        // Woodstox's own limits, defence in depth should a DTD ever get through (names as Woodstox documents them).
        setIfSupported(in, "com.ctc.wstx.maxEntityCount", 100);
        setIfSupported(in, "com.ctc.wstx.maxEntityDepth", 2);
        setIfSupported(in, "com.ctc.wstx.maxElementDepth", 32);
        // Parse each event fully in next(): lazily parsed text would report its errors later, from getText().
        setIfSupported(in, "com.ctc.wstx.lazyParsing", Boolean.FALSE);
        return in;
    }

    private static void setIfSupported(XMLInputFactory in, String property, Object value) {
        if (in.isPropertySupported(property)) {
            in.setProperty(property, value);
        }
    }

    /**
     * Parses an XML sidecar.
     *
     * @param file the sidecar, for messages
     * @param text its text, already decoded
     * @return the tree
     * @throws SidecarException if the XML is malformed, refused (DTD, entities) or not iconik's shape
     */
    public static MetadataValues parse(Path file, String text) {
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(new StringReader(text));
            return new Reader(file, r).document();
        } catch (SidecarException e) {
            throw e;
        } catch (RuntimeException e) {
            // Woodstox can wrap a parse error in an unchecked "lazy" exception; anything else is a bug, not input.
            if (e.getCause() instanceof XMLStreamException) {
                throw malformed(file, (XMLStreamException) e.getCause());
            }
            throw e;
        } catch (XMLStreamException e) {
            throw malformed(file, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a String releases nothing
                }
            }
        }
    }

    private static SidecarException malformed(Path file, XMLStreamException e) {
        Location at = e.getLocation();
        String reason = e.getMessage();
        // StAX prefixes its messages with the position; the exception carries it separately.
        if (reason != null && reason.startsWith("ParseError at")) {
            int cut = reason.indexOf("Message: ");
            reason = cut >= 0 ? reason.substring(cut + 9) : reason;
        }
        reason = reason == null ? "" : reason.replace("\n", " ").replaceAll(" at \\[row,col.*$", "").trim();
        return new SidecarException(file, at == null ? -1 : at.getLineNumber(),
                at == null ? -1 : at.getColumnNumber(), "malformed XML: " + reason, e);
    }

    private static final class Reader {
        private final Path file;
        private final XMLStreamReader r;

        Reader(Path file, XMLStreamReader r) {
            this.file = file;
            this.r = r;
        }

        MetadataValues document() throws XMLStreamException {
            String encoding = r.getCharacterEncodingScheme();
            if (encoding != null && !isUtf8(encoding)) {
                throw new SidecarException(file, 1, 1, "the XML declaration names encoding \"" + encoding
                        + "\"; sidecars must be encoded in UTF-8", null);
            }
            nextStart();
            if (!"metadata_view".equals(r.getLocalName())) {
                throw shape("wrong root element <" + r.getLocalName() + ">; expected <metadata_view>");
            }
            MetadataValues values = null;
            while (nextStartOrEnd() == XMLStreamConstants.START_ELEMENT) {
                if ("metadata_values".equals(r.getLocalName())) {
                    values = metadataValues(values == null ? MetadataValues.builder() : values.toBuilder());
                } else {
                    skipElement();
                }
            }
            if (values == null) {
                throw shape("wrong root: <metadata_view> has no <metadata_values> element");
            }
            int event;
            while ((event = r.next()) != XMLStreamConstants.END_DOCUMENT) {
                if (event == XMLStreamConstants.DTD) {
                    throw shape("a DOCTYPE declaration is refused in sidecars (no DTDs, no entities)");
                }
            }
            return values;
        }

        private static boolean isUtf8(String encoding) {
            String e = encoding.toUpperCase(Locale.ROOT);
            return e.equals("UTF-8") || e.equals("UTF8");
        }

        private MetadataValues metadataValues(MetadataValues.Builder builder) throws XMLStreamException {
            while (nextStartOrEnd() == XMLStreamConstants.START_ELEMENT) {
                String field = r.getLocalName();
                builder.field(field);
                while (nextStartOrEnd() == XMLStreamConstants.START_ELEMENT) {
                    if (!"field_values".equals(r.getLocalName())) {
                        throw shape("field <" + field + "> may only hold <field_values> elements, found <"
                                + r.getLocalName() + ">");
                    }
                    fieldValues(field, builder);
                }
            }
            return builder.build();
        }

        /** One {@code field_values}: a sequence of {@code value}, each optionally followed by its {@code score}. */
        private void fieldValues(String field, MetadataValues.Builder builder) throws XMLStreamException {
            String pending = null;
            boolean sawValue = false;
            Location start = r.getLocation();
            while (nextStartOrEnd() == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                if ("value".equals(name)) {
                    add(field, pending, null, builder);
                    pending = text(field);
                    sawValue = true;
                } else if ("score".equals(name)) {
                    if (pending == null) {
                        throw shape("<score> of field <" + field + "> must follow a <value>");
                    }
                    String score = text(field).trim();
                    double number;
                    try {
                        number = Double.parseDouble(score);
                    } catch (NumberFormatException e) {
                        number = Double.NaN;
                    }
                    if (!Double.isFinite(number)) {
                        throw shape("the score of a value of field <" + field + "> is not a finite number: " + score);
                    }
                    add(field, pending, number, builder);
                    pending = null;
                } else {
                    throw shape("<field_values> of field <" + field + "> may only hold <value> and <score>, found <"
                            + name + ">");
                }
            }
            if (!sawValue) {
                throw new SidecarException(file, start.getLineNumber(), start.getColumnNumber(),
                        "a <field_values> of field <" + field + "> has no <value>", null);
            }
            add(field, pending, null, builder);
        }

        private static void add(String field, String value, Double score, MetadataValues.Builder builder) {
            if (value != null && !value.isEmpty()) {
                builder.add(field, new FieldValue(value, score));
            }
        }

        /** The text of a leaf element; the reader ends on its end tag. */
        private String text(String field) throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            int event;
            while ((event = r.next()) != XMLStreamConstants.END_ELEMENT) {
                switch (event) {
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        text.append(r.getText());
                        break;
                    case XMLStreamConstants.COMMENT:
                    case XMLStreamConstants.PROCESSING_INSTRUCTION:
                        break;
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw shape("entity reference &" + r.getLocalName() + "; refused");
                    case XMLStreamConstants.START_ELEMENT:
                        throw shape("a <value> or <score> of field <" + field + "> holds element <"
                                + r.getLocalName() + ">; it must hold text only");
                    default:
                        throw shape("unexpected XML in a value of field <" + field + ">");
                }
            }
            return text.toString();
        }

        /** Moves to the next start or end tag; text between elements must be blank. */
        private int nextStartOrEnd() throws XMLStreamException {
            while (true) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                    case XMLStreamConstants.END_ELEMENT:
                        return event;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                        if (!r.isWhiteSpace() && !r.getText().isBlank()) {
                            throw shape("unexpected text \"" + abbreviate(r.getText().trim()) + "\"");
                        }
                        break;
                    case XMLStreamConstants.SPACE:
                    case XMLStreamConstants.COMMENT:
                    case XMLStreamConstants.PROCESSING_INSTRUCTION:
                        break;
                    case XMLStreamConstants.DTD:
                        throw shape("a DOCTYPE declaration is refused in sidecars (no DTDs, no entities)");
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw shape("entity reference &" + r.getLocalName() + "; refused");
                    case XMLStreamConstants.END_DOCUMENT:
                        throw shape("the document ends early");
                    default:
                        break;
                }
            }
        }

        private void nextStart() throws XMLStreamException {
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return;
                }
                if (event == XMLStreamConstants.DTD) {
                    throw shape("a DOCTYPE declaration is refused in sidecars (no DTDs, no entities)");
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw shape("no root element");
                }
                if ((event == XMLStreamConstants.CHARACTERS) && !r.isWhiteSpace()) {
                    throw shape("text before the root element");
                }
            }
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw shape("entity reference &" + r.getLocalName() + "; refused");
                }
            }
        }

        private SidecarException shape(String reason) {
            Location at = r.getLocation();
            return new SidecarException(file, at.getLineNumber(), at.getColumnNumber(), reason, null);
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }

    /**
     * Encodes a tree as an XML sidecar: one {@code field_values} element per value.
     *
     * @param file   the sidecar being written, for messages
     * @param values the tree
     * @return the text
     * @throws SidecarException if a field name is not an XML name or a value holds a character XML 1.0 cannot carry
     */
    public static String write(Path file, MetadataValues values) {
        StringBuilder out = new StringBuilder(256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata_view>\n  <metadata_values>\n");
        for (Map.Entry<String, List<FieldValue>> field : values.fields().entrySet()) {
            String name = field.getKey();
            if (!isXmlName(name)) {
                throw new SidecarException(file, -1, -1, "field name \"" + name
                        + "\" cannot be an XML element name; write this sidecar as JSON or CSV", null);
            }
            if (field.getValue().isEmpty()) {
                out.append("    <").append(name).append("/>\n");
                continue;
            }
            out.append("    <").append(name).append(">\n");
            for (FieldValue value : field.getValue()) {
                out.append("      <field_values><value>");
                escape(file, name, value.value(), out);
                out.append("</value>");
                if (value.score() != null) {
                    out.append("<score>").append(value.score()).append("</score>");
                }
                out.append("</field_values>\n");
            }
            out.append("    </").append(name).append(">\n");
        }
        return out.append("  </metadata_values>\n</metadata_view>\n").toString();
    }

    private static void escape(Path file, String field, String value, StringBuilder out) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '\r': out.append("&#13;"); break; // a raw CR would come back as LF
                default:
                    if (!isXmlChar(cp)) {
                        throw new SidecarException(file, -1, -1, String.format(Locale.ROOT,
                                "a value of field \"%s\" holds U+%04X, which XML 1.0 cannot carry; write this sidecar"
                                        + " as JSON", field, cp), null);
                    }
                    out.appendCodePoint(cp);
            }
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * Whether a field name can be written as an XML element name (letters, digits, {@code _ - .}, not starting with
     * a digit, {@code -} or {@code .}, and not starting with "xml" in any case). Colons are refused: the reader
     * parses without namespaces but other tools would not.
     *
     * @param name the field name
     * @return whether it is usable
     */
    public static boolean isXmlName(String name) {
        if (name.isEmpty() || name.toLowerCase(Locale.ROOT).startsWith("xml")) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = Character.isLetter(cp) || cp == '_'
                    || (i > 0 && (Character.isDigit(cp) || cp == '-' || cp == '.'));
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
