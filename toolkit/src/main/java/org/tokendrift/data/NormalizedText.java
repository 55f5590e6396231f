package org.tokendrift.data;

/**
 * The comparison key for duplicate detection: only letters and digits, lower-cased. Two texts that
 * differ only in case, spacing or punctuation ("Good luck!" and "good luck.") have the same key.
 */
final class NormalizedText {

    private NormalizedText() {
    }

    static String key(String text) {
        StringBuilder key = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(key::appendCodePoint);
        return key.toString();
    }
}
