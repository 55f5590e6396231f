package org.tokendrift.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteLevelAlphabetTest {

    @Test
    void matchesGpt2ForSpaceNewlineAndPrintables() {
        assertEquals('\u0120', ByteLevelAlphabet.toChar(' '));   // 'Ġ'
        assertEquals('\u010A', ByteLevelAlphabet.toChar('\n'));  // 'Ċ'
        assertEquals('\u0100', ByteLevelAlphabet.toChar(0));
        assertEquals('a', ByteLevelAlphabet.toChar('a'));
        assertEquals('\u00e9', ByteLevelAlphabet.toChar(0xE9));
        assertEquals('\u0143', ByteLevelAlphabet.toChar(0xAD));  // soft hyphen is the last remapped byte
    }

    @Test
    void allBytesRoundTripThroughDistinctCharacters() {
        byte[] all = new byte[256];
        Set<Character> chars = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
            chars.add(ByteLevelAlphabet.toChar(b));
        }
        assertEquals(256, chars.size());
        assertArrayEquals(all, ByteLevelAlphabet.toBytes(ByteLevelAlphabet.toVisible(all)));
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteLevelAlphabet.toBytes("a b"));
        assertEquals("character U+0020 at index 1 of token \"a b\" is not in the byte-level alphabet", e.getMessage());
    }
}
