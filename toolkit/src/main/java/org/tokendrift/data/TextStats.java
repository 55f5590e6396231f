package org.tokendrift.data;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Size of a set of documents.
 *
 * @param documents number of documents
 * @param words     whitespace-separated words
 * @param bytes     UTF-8 bytes of the texts
 */
public record TextStats(long documents, long words, long bytes) {

    public static TextStats of(List<Document> docs) {
        long words = 0;
        long bytes = 0;
        for (Document doc : docs) {
            words += countWords(doc.text());
            bytes += doc.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return new TextStats(docs.size(), words, bytes);
    }

    static long countWords(String text) {
        long words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
