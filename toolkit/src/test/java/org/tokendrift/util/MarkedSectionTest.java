package org.tokendrift.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkedSectionTest {

    private static final String BEGIN = "<!-- x:begin -->";
    private static final String END = "<!-- x:end -->";

    @Test
    void onlyTheTextBetweenTheMarkersChangesAndRewritingIsRepeatable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("README.md");
        String before = "# Title\n\nintro\n\n";
        String after = "\n## Next\n\ntail without newline";
        Files.writeString(file, before + BEGIN + "\nold table\n" + END + after);

        MarkedSection.rewrite(file, BEGIN, END, "new table");
        assertEquals(before + BEGIN + "\nnew table\n" + END + after, Files.readString(file));
        MarkedSection.rewrite(file, BEGIN, END, "newer\ntable\n");
        MarkedSection.rewrite(file, BEGIN, END, "newer\ntable\n");
        assertEquals(before + BEGIN + "\nnewer\ntable\n" + END + after, Files.readString(file));
    }

    @Test
    void missingRepeatedOrSwappedMarkersAreNamed() {
        assertMessage("text\n" + END + "\n", "README.md has no marker " + BEGIN);
        assertMessage(BEGIN + "\ntext\n", "README.md has no marker " + END);
        assertMessage(BEGIN + "\n" + BEGIN + "\n" + END + "\n", "more than once");
        assertMessage(END + "\ntext\n" + BEGIN + "\n", "comes before");
    }

    private static void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkedSection.replace(text, BEGIN, END, "content", "README.md"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
