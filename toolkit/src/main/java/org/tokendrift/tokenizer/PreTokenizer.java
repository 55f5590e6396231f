package org.tokendrift.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces that BPE merges may not cross, with GPT-2's pattern (the one the
 * Hugging Face {@code ByteLevel} pre-tokenizer uses): English contractions, an optional space
 * followed by letters, by digits, or by other symbols, and runs of whitespace. A whitespace run
 * before a word leaves its last space to that word ({@code \s+(?!\S)}), so " the" is one piece.
 *
 * <p>The alternatives cover every character, so the pieces always concatenate back to the input;
 * this is what makes byte-level encoding exactly reversible. {@code \s} is Unicode whitespace here
 * (as in GPT-2's Python {@code regex} and Hugging Face's Oniguruma), hence the
 * {@link Pattern#UNICODE_CHARACTER_CLASS} flag.
 */
public final class PreTokenizer {

    /** GPT-2's pre-tokenisation pattern, verbatim. */
    public static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final Pattern PATTERN = Pattern.compile(GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {
    }

    /** A matcher over {@code text}; call {@code find()} repeatedly to walk the pieces in order. */
    public static Matcher matcher(CharSequence text) {
        return PATTERN.matcher(text);
    }

    /** All pieces of {@code text}, in order. */
    public static List<String> split(CharSequence text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }
}
