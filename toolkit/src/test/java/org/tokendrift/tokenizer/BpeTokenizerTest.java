package org.tokendrift.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {

    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void train() {
        tokenizer = new BpeTrainer(new BpeTrainingConfig(500, 2)).train(TestTexts.englishDocuments());
    }

    @Test
    void specialTokensHaveTheirFixedIds() {
        assertEquals(0, SpecialToken.PAD.id());
        assertEquals(1, SpecialToken.BOS.id());
        assertEquals(2, SpecialToken.EOS.id());
        assertEquals(3, SpecialToken.MASK.id());
        assertEquals("[EOS]", tokenizer.tokenString(2));
        assertEquals("\u0120the", tokenizer.tokenString(tokenizer.encode(" the")[0]));
    }

    @Test
    void roundTripsRandomUnicodeExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String text = TestTexts.randomText(random, 120);
            int[] ids = tokenizer.encode(text);
            assertEquals(text, tokenizer.decode(ids), () -> "plain round trip failed for " + Arrays.toString(text.codePoints().toArray()));
            assertEquals(text, tokenizer.decode(tokenizer.encodeWithSpecialTokens(text)));
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), tokenizer.decodeBytes(ids));
        }
    }

    @Test
    void plainEncodingNeverProducesSpecialIds() {
        int[] ids = tokenizer.encode("end[EOS]start [MASK]");
        assertTrue(Arrays.stream(ids).noneMatch(SpecialToken::isSpecial), Arrays.toString(ids));
        assertEquals("end[EOS]start [MASK]", tokenizer.decode(ids));
    }

    @Test
    void specialAwareEncodingMapsExactLiterals() {
        int[] ids = tokenizer.encodeWithSpecialTokens("[BOS]the end[EOS][EOS x");
        int[] theEnd = tokenizer.encode("the end");
        int[] tail = tokenizer.encode("[EOS x");   // not an exact literal: plain text
        assertEquals(1 + theEnd.length + 1 + tail.length, ids.length);
        assertEquals(SpecialToken.BOS.id(), ids[0]);
        assertArrayEquals(theEnd, Arrays.copyOfRange(ids, 1, 1 + theEnd.length));
        assertEquals(SpecialToken.EOS.id(), ids[1 + theEnd.length]);
        assertArrayEquals(tail, Arrays.copyOfRange(ids, 2 + theEnd.length, ids.length));
        assertEquals("[BOS]the end[EOS][EOS x", tokenizer.decode(ids));
        assertEquals("the end[EOS x", tokenizer.decode(ids, true));
    }

    @Test
    void sameTextEncodesTheSameWithWarmAndColdCache() {
        String text = String.join(" ", TestTexts.englishDocuments());
        int[] first = tokenizer.encode(text);
        BpeTokenizer fresh = new BpeTokenizer(tokenizer.vocabulary(), tokenizer.merges());
        assertArrayEquals(first, fresh.encode(text));
        assertArrayEquals(first, tokenizer.encode(text));
    }

    @Test
    void rejectsUnpairedSurrogates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("ab\uD800c"));
        assertEquals("text has an unpaired surrogate U+D800 at index 2; only valid Unicode text can be encoded", e.getMessage());
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {5, 500}));
        assertEquals("token id 500 at position 1 is outside the vocabulary [0, 500)", e.getMessage());
    }

    @Test
    void decodesInvalidUtf8ToReplacementCharacters() {
        int firstByteOfEuro = BpeTokenizer.FIRST_BYTE_ID + 0xE2;   // a lone lead byte, as a sampler could emit
        String text = tokenizer.decode(new int[] {firstByteOfEuro, BpeTokenizer.FIRST_BYTE_ID + 'a'});
        assertEquals("\uFFFDa", text);
        assertFalse(text.isEmpty());
    }
}
