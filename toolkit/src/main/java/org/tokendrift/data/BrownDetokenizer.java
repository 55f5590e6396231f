package org.tokendrift.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one file of the tagged Brown corpus (form C: {@code word/tag} tokens, one sentence per line,
 * blank lines between paragraphs) back into running text: tags are stripped and the tokens joined
 * with the spacing of ordinary prose.
 *
 * <p>Rules, each fixing a convention of the tagged file:
 * <ul>
 *   <li>{@code ``} and {@code ''} are opening and closing double quotes: {@code "}.</li>
 *   <li>A lone {@code '} alternates between opening and closing single quote within a paragraph.</li>
 *   <li>No space before {@code , . ; : ? ! ) ] } %} and closing quotes; none after {@code ( [ {} and opening quotes.</li>
 *   <li>This distribution writes {@code ;}, {@code ?} and {@code !} twice ({@code ;/. ;/.}); the repeat is dropped.</li>
 *   <li>An inch mark ({@code 1/8''}) is followed by a stray {@code ''} token, which is dropped.</li>
 *   <li>A sentence-final {@code .} after an abbreviation that already ends in a period ({@code Jr. .}) is dropped.</li>
 * </ul>
 * Sentences of a paragraph are joined by a space, paragraphs by a newline.
 */
public final class BrownDetokenizer {

    private static final Set<String> NO_SPACE_BEFORE = Set.of(",", ".", ";", ":", "?", "!", ")", "]", "}", "%");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[", "{");
    private static final Set<String> WRITTEN_TWICE = Set.of(";", "?", "!");

    private BrownDetokenizer() {
    }

    /** The running text of one tagged Brown file. */
    public static String detokenize(String taggedFile) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : taggedFile.split("\\n[ \\t]*\\n")) {
            List<String> words = new ArrayList<>();
            for (String token : block.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    words.add(stripTag(token));
                }
            }
            if (!words.isEmpty()) {
                paragraphs.add(joinParagraph(words));
            }
        }
        return String.join("\n", paragraphs);
    }

    /** {@code word/tag} to {@code word}; the tag follows the last slash ({@code and/or/cc} is "and/or"). */
    static String stripTag(String token) {
        int slash = token.lastIndexOf('/');
        return slash > 0 ? token.substring(0, slash) : token;
    }

    private static String joinParagraph(List<String> words) {
        StringBuilder text = new StringBuilder();
        boolean spaceAllowed = false;     // false at the start and right after an opening bracket or quote
        boolean singleQuoteOpen = false;
        String previous = "";
        for (String word : words) {
            if (WRITTEN_TWICE.contains(word) && word.equals(previous)
                    || word.equals("''") && previous.length() > 2 && previous.endsWith("''")
                    || word.equals(".") && previous.length() > 1 && previous.endsWith(".")) {
                previous = "";            // drop it, but only once: a third ';' would be kept
                continue;
            }
            previous = word;
            String shown = word;
            boolean attachLeft = NO_SPACE_BEFORE.contains(word);
            boolean attachRight = NO_SPACE_AFTER.contains(word);
            switch (word) {
                case "``" -> {
                    shown = "\"";
                    attachRight = true;
                }
                case "''" -> {
                    shown = "\"";
                    attachLeft = true;
                }
                case "'" -> {
                    attachLeft = singleQuoteOpen;
                    attachRight = !singleQuoteOpen;
                    singleQuoteOpen = !singleQuoteOpen;
                }
                default -> {
                }
            }
            if (spaceAllowed && !attachLeft) {
                text.append(' ');
            }
            text.append(shown);
            spaceAllowed = !attachRight;
        }
        return text.toString();
    }
}
