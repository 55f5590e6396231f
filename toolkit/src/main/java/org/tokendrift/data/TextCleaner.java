package org.tokendrift.data;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans document text and recognises garbage, the same way for every source.
 *
 * <p>Cleaning: C1 control characters (U+0080..U+009F, the trace of Windows-1252 text read as
 * Latin-1) are read as the Windows-1252 characters they were meant to be ({@code \u0096} becomes
 * "–"); the text is put in Unicode NFC; every control and space character becomes a plain space,
 * line breaks become {@code \n}; runs of spaces collapse and lines are trimmed; lines without any
 * letter or digit (rules such as "_____", stray punctuation from sentence splitting) are dropped.
 *
 * <p>Garbage (dropped documents): nothing left; a U+FFFD replacement character (text whose encoding
 * was already broken); fewer than two letters; letters making up less than half of the non-space
 * characters (codes, numbers, ASCII art); or fewer than half of the letters in Latin script (the
 * corpus is English).
 */
public final class TextCleaner {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextCleaner() {
    }

    /** The cleaned text (possibly empty). */
    public static String clean(String raw) {
        String text = Normalizer.normalize(repairC1Controls(raw), Normalizer.Form.NFC);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|[\n\r\u000B\u000C\u2028\u2029]", -1)) {
            String cleaned = collapseSpaces(line);
            if (hasLetterOrDigit(cleaned)) {
                lines.add(cleaned);
            }
        }
        return String.join("\n", lines);
    }

    /** Why a cleaned text is garbage, or {@code null} if it is a keeper. */
    public static String garbageReason(String cleaned) {
        if (cleaned.isEmpty()) {
            return "empty";
        }
        if (cleaned.indexOf('\uFFFD') >= 0) {
            return "broken encoding";
        }
        int letters = 0;
        int latin = 0;
        int nonSpace = 0;
        for (int i = 0; i < cleaned.length(); ) {
            int cp = cleaned.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
            if (!Character.isWhitespace(cp)) {
                nonSpace++;
            }
        }
        if (letters < 2 || letters * 2 < nonSpace) {
            return "too few letters";
        }
        if (latin * 2 < letters) {
            return "not Latin script";
        }
        return null;
    }

    private static String repairC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                String meant = WINDOWS_1252.decode(ByteBuffer.wrap(new byte[] {(byte) c})).toString();
                // Five bytes are undefined in Windows-1252 and decode to U+FFFD: those are dropped.
                if (!meant.equals("\uFFFD")) {
                    out.append(meant);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String collapseSpaces(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean pendingSpace = false;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean hasLetterOrDigit(String line) {
        return line.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
