package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void normalisesWhitespaceAndKeepsLineBreaksBetweenParagraphs() {
        assertEquals("a b c\nd e", TextCleaner.clean("  a\u00a0 b\tc  \r\n\n\n d\u2003e "));
    }

    @Test
    void readsC1ControlsAsWindows1252() {
        assertEquals("1990\u20131995 \u201cquoted\u201d \u2026", TextCleaner.clean("1990\u00961995 \u0093quoted\u0094 \u0085"));
    }

    @Test
    void dropsLinesWithoutLettersOrDigitsAndRemovesControls() {
        assertEquals("hi do you know\nok", TextCleaner.clean("?\nhi do\u0000 you know\n_____\nok"));
    }

    @Test
    void composesToNfc() {
        assertEquals("caf\u00e9", TextCleaner.clean("cafe\u0301"));
    }

    @Test
    void classifiesGarbage() {
        assertEquals("empty", TextCleaner.garbageReason(""));
        assertEquals("broken encoding", TextCleaner.garbageReason("na\uFFFDve"));
        assertEquals("too few letters", TextCleaner.garbageReason("- ld2d-#69345-1.DOC"));
        assertEquals("too few letters", TextCleaner.garbageReason("I"));
        assertEquals("not Latin script", TextCleaner.garbageReason("\u0645\u0631\u062d\u0628\u0627 hi"));
        assertNull(TextCleaner.garbageReason("Hi"));
        assertNull(TextCleaner.garbageReason("If you're 555, then I'm 666!"));
    }
}
