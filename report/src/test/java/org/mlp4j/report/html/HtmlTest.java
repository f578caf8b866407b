package org.mlp4j.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The XHTML writer escapes what it must and refuses to write a page that is not well-formed. */
class HtmlTest {
    @Test
    void escapesTextAndAttributes() {
        String s = new Html().open("p", "title", "a\"b<c>&").text("x<y & \"z\"").close("p").finish();
        assertEquals("<p title=\"a&quot;b&lt;c&gt;&amp;\">x&lt;y &amp; \"z\"</p>", s);
    }

    @Test
    void controlCharactersThatXmlForbidsAreReplaced() {
        assertEquals("<p>a\uFFFDb</p>", new Html().element("p", "a\u0001b").finish());
    }

    @Test
    void emptyElementsAreSelfClosing() {
        assertEquals("<img src=\"data:x\"/>", new Html().empty("img", "src", "data:x").finish());
    }

    @Test
    void mismatchedOrUnclosedElementsAreRefused() {
        assertThrows(IllegalStateException.class, () -> new Html().open("div").close("p"));
        assertThrows(IllegalStateException.class, () -> new Html().open("div").finish());
        assertThrows(IllegalArgumentException.class, () -> new Html().open("div", "class"));
    }
}
