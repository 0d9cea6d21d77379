// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the small XML answers of S3 and Azure (no DTDs, no external entities). */
final class StorageXml {

    private StorageXml() {
    }

    /**
     * @param xml an XML document, or anything else
     * @param tag an element name
     * @return the trimmed text of the first element of that name, if the text is XML and has one
     */
    static Optional<String> first(String xml, String tag) {
        if (xml == null || !xml.trim().startsWith("<")) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(
                    StandardCharsets.UTF_8)));
            NodeList l = doc.getElementsByTagName(tag);
            return l.getLength() == 0 ? Optional.empty() : Optional.of(l.item(0).getTextContent().trim());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * @param s text for an XML element
     * @return the text with XML's special characters escaped
     */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
