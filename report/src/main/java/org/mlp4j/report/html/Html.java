package org.mlp4j.report.html;

/**
 * Writes XHTML (well-formed XML that browsers also read as HTML5): elements opened and closed in order, text and
 * attribute values escaped, and already well-formed fragments (inline SVG from JFreeSVG) inserted as they are.
 * It checks that every {@code close} matches its {@code open}, so a page is either well-formed or not written.
 */
public final class Html {
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();

    /** Opens {@code tag} with attribute name/value pairs. */
    public Html open(String tag, String... attributes) {
        start(tag, attributes);
        sb.append('>');
        open.push(tag);
        return this;
    }

    /** Closes the innermost element, which must be {@code tag}. */
    public Html close(String tag) {
        String top = open.pop();
        if (!top.equals(tag)) {
            throw new IllegalStateException("closing <" + tag + "> while <" + top + "> is open");
        }
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only escaped {@code text}. */
    public Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An element without content, written {@code <img …/>}. */
    public Html empty(String tag, String... attributes) {
        start(tag, attributes);
        sb.append("/>");
        return this;
    }

    public Html text(String text) {
        escape(text, false);
        return this;
    }

    /** A fragment that is already well-formed XML (inline SVG), inserted as is. */
    public Html raw(String fragment) {
        sb.append(fragment);
        return this;
    }

    /** The document so far; every element must be closed. */
    public String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed <" + open.peek() + ">");
        }
        return sb.toString();
    }

    private void start(String tag, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        sb.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            sb.append('"');
        }
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append(attribute ? "&quot;" : "\""); break;
                default:
                    // XML 1.0 forbids most control characters even escaped; a class name from a file may hold one
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
            }
        }
    }
}
