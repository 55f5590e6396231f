package org.tokendrift.kernel.magic;

import java.util.List;
import java.util.stream.Collectors;

/** Writes Java source literals, so that magic arguments can be passed to generated code verbatim. */
final class JavaLiterals {

    private JavaLiterals() {
    }

    /** A Java string literal whose value is {@code text}. */
    static String string(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    /** A {@code java.util.List.of(...)} expression holding these strings. */
    static String stringList(List<String> items) {
        return items.stream().map(JavaLiterals::string)
                .collect(Collectors.joining(", ", "java.util.List.of(", ")"));
    }
}
