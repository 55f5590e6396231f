package org.tokendrift.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small texts and random strings for the tokenizer tests. */
final class TestTexts {

    private TestTexts() {
    }

    /** A few paragraphs of ordinary English, repeated with variations so that pairs recur. */
    static List<String> englishDocuments() {
        String[] sentences = {
            "The jury said it did find that many of the registration and election laws are outmoded.",
            "It recommended that the legislature act to have these laws studied and revised.",
            "She didn't think they'd come back before the winter, but they're here now.",
            "In 1961 the city spent $4.5 million on its new airport; the voters approved it.",
            "\"Where are you going?\" he asked, and she answered: \"Home, of course!\"",
            "Numbers like 3.14159 and 2,718 appear in tables, lists and footnotes.",
            "The quick brown fox jumps over the lazy dog while the dogs sleep.",
            "Caf\u00e9 owners in Z\u00fcrich serve cr\u00e8me br\u00fbl\u00e9e \u2014 and na\u00efve tourists love it \uD83D\uDE00.",
        };
        List<String> docs = new ArrayList<>();
        Random random = new Random(7);
        for (int d = 0; d < 40; d++) {
            StringBuilder doc = new StringBuilder();
            for (int s = 0; s < 6; s++) {
                if (s > 0) {
                    doc.append(random.nextInt(5) == 0 ? "\n" : " ");
                }
                doc.append(sentences[random.nextInt(sentences.length)]);
            }
            docs.add(doc.toString());
        }
        return docs;
    }

    /**
     * A random string mixing ASCII, accented letters, CJK, emoji (surrogate pairs), runs of
     * (Unicode) whitespace, control characters and the special-token literals.
     */
    static String randomText(Random random, int maxLength) {
        String[] fragments = {"[EOS]", "[BOS", "[PAD][MASK]", "'s", "'ll", "  ", "\t\t", "\r\n", "\u00a0", "\u2003\u3000"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (text.length() < length) {
            int kind = random.nextInt(9);
            int codePoint = switch (kind) {
                case 0 -> 0x20 + random.nextInt(0x5F);              // printable ASCII
                case 1 -> random.nextInt(0x20);                      // C0 controls, incl. \0, \t, \n
                case 2 -> 0x7F + random.nextInt(0x181);              // DEL, C1 controls, Latin-1, Latin Extended
                case 3 -> 0x4E00 + random.nextInt(0x5000);           // CJK
                case 4 -> 0x1F300 + random.nextInt(0x300);           // emoji (4 UTF-8 bytes)
                case 5 -> ' ';
                case 6 -> 'a' + random.nextInt(26);
                case 7 -> -1;                                        // a fragment
                default -> randomValidCodePoint(random);
            };
            if (codePoint < 0) {
                text.append(fragments[random.nextInt(fragments.length)]);
            } else {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private static int randomValidCodePoint(Random random) {
        while (true) {
            int cp = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }
}
