package org.miplhil.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads back what a diagram drew: its SVG parsed as XML, elements by class, their data attributes. */
final class SvgDom {

    final Document doc;

    private SvgDom(Document doc) {
        this.doc = doc;
    }

    static SvgDom parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return new SvgDom(f.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
    }

    List<Element> byClass(String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The element's {@code <title>} (full text of a truncated label). */
    static String title(Element e) {
        NodeList t = e.getElementsByTagNameNS("*", "title");
        return t.getLength() == 0 ? "" : t.item(0).getTextContent();
    }

    /** All text the element shows (its labels), titles left out. */
    static String shown(Element e) {
        StringBuilder b = new StringBuilder();
        NodeList t = e.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < t.getLength(); i++) {
            b.append(t.item(i).getTextContent()).append('\n');
        }
        return b.toString();
    }
}
