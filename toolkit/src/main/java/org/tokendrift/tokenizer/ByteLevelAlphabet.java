package org.tokendrift.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's reversible map from the 256 byte values to 256 printable Unicode characters.
 *
 * <p>Byte-level BPE works on raw UTF-8 bytes, but the Hugging Face {@code tokenizer.json} format
 * stores tokens as JSON strings; raw control bytes and spaces would make those strings unreadable
 * or ambiguous (a merge is written as {@code "left right"}). So every byte is shown as a visible
 * character: the printable Latin-1 bytes ({@code '!'..'~'}, {@code '¡'..'¬'}, {@code '®'..'ÿ'})
 * stand for themselves, and the remaining 68 bytes (controls, space, DEL, NBSP, soft hyphen) are
 * given the characters {@code U+0100, U+0101, ...} in increasing byte order. A space therefore
 * reads as {@code 'Ġ'} (U+0120) and a newline as {@code 'Ċ'} (U+010A), as in GPT-2.
 */
public final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x200];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int nextExtra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (0x100 + nextExtra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The visible character that stands for byte {@code b} (0..255, or a signed Java byte). */
    public static char toChar(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The visible form of a byte sequence, one character per byte. */
    public static String toVisible(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = toChar(bytes[i]);
        }
        return new String(chars);
    }

    /** Inverse of {@link #toVisible}; fails clearly on a character outside the alphabet. */
    public static byte[] toBytes(String visible) {
        byte[] bytes = new byte[visible.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = visible.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X at index %d of token \"%s\" is not in the byte-level alphabet", (int) c, i, visible));
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
