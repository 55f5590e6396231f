package org.tokendrift.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

    @Test
    void splitsLikeGpt2() {
        assertEquals(List.of("Hello", ",", " world", "'s", "  ", " end", "!!", "\n", "42", " x"),
                PreTokenizer.split("Hello, world's   end!!\n42 x"));
        assertEquals(List.of("I", "'ll", " pay", " $", "3", ".", "50"), PreTokenizer.split("I'll pay $3.50"));
    }

    @Test
    void unicodeWhitespaceCountsAsWhitespace() {
        // NBSP and EM SPACE are White_Space in Unicode, so they form whitespace pieces of their own.
        assertEquals(List.of("a", "\u00a0", "b", "\u2003", " c"), PreTokenizer.split("a\u00a0b\u2003 c"));
    }

    @Test
    void piecesAlwaysConcatenateToTheInput() {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            String text = TestTexts.randomText(random, 80);
            assertEquals(text, String.join("", PreTokenizer.split(text)));
        }
    }
}
