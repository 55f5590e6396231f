package org.tokendrift.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a hand-written text file: everything between a begin marker and an end
 * marker (for example {@code <!-- reproduction:begin -->} and {@code <!-- reproduction:end -->} in
 * the README) is replaced, and the rest of the file is left byte for byte as it was. The markers
 * stay, each on its own line, so the section can be regenerated any number of times.
 */
public final class MarkedSection {

    private MarkedSection() {
    }

    /**
     * {@code text} with the part between the markers replaced by {@code content}.
     *
     * @throws IllegalArgumentException naming {@code source} and the marker that is missing, repeated
     *                                  or out of order
     */
    public static String replace(String text, String begin, String end, String content, String source) {
        int start = requireOnce(text, begin, begin, end, source);
        int stop = requireOnce(text, end, begin, end, source);
        if (stop < start) {
            throw new IllegalArgumentException(source + ": the marker " + end + " comes before " + begin
                    + "; put the begin marker first");
        }
        String body = content.endsWith("\n") ? content : content + "\n";
        return text.substring(0, start + begin.length()) + "\n" + body + text.substring(stop);
    }

    /** Rewrites {@code file} (atomically) with its marked section replaced by {@code content}. */
    public static void rewrite(Path file, String begin, String end, String content) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        AtomicFiles.writeString(file, replace(text, begin, end, content, file.toString()));
    }

    private static int requireOnce(String text, String marker, String begin, String end, String source) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException(source + " has no marker " + marker + "; the generated section goes between "
                    + "a line " + begin + " and a line " + end);
        }
        if (text.indexOf(marker, at + marker.length()) >= 0) {
            throw new IllegalArgumentException(source + " has the marker " + marker + " more than once; keep one");
        }
        return at;
    }
}
