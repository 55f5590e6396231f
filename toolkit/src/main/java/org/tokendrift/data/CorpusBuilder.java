package org.tokendrift.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the corpus from the raw documents of the two sources: cleans every document
 * ({@link TextCleaner}), drops garbage and duplicates, and assigns each kept document to a
 * {@link Split} by its id. Brown comes first, so on a duplicate the Brown text is the one kept.
 *
 * <p>Duplicates, on {@link NormalizedText} keys: a document whose key equals an earlier document's
 * key is dropped (nlp-corpus has near-identical variants such as "Good luck!" and "good luck."), and
 * an nlp-corpus sentence that occurs inside a Brown document is dropped as a copy of Brown
 * ({@link ContainmentIndex}).
 *
 * <p>The sample is a fixed subset: the documents whose id falls in the lowest
 * {@code samplePerMille} of 1000 buckets of SHA-256({@code "sample/" + id}), a hash independent of
 * the split rule, so the sample has train, valid and test parts in the corpus's proportions.
 */
public final class CorpusBuilder {

    /** Default share of the sample, in documents per thousand. */
    public static final int DEFAULT_SAMPLE_PER_MILLE = 20;

    /** Result: the corpus, its sample, and what happened to each source's documents. */
    public record Result(Map<Split, List<Document>> splits, Map<Split, List<Document>> sample, List<SourceReport> sources) {
    }

    /** Per source: documents read, kept, and dropped by reason (in order of first occurrence). */
    public record SourceReport(NpmPackage pkg, int read, int kept, Map<String, Integer> dropped) {
    }

    private final int samplePerMille;

    public CorpusBuilder(int samplePerMille) {
        if (samplePerMille < 0 || samplePerMille > 1000) {
            throw new IllegalArgumentException("samplePerMille must be 0..1000, got " + samplePerMille);
        }
        this.samplePerMille = samplePerMille;
    }

    /** Cleans, filters, deduplicates and splits; the raw documents are in source order. */
    public Result build(List<Document> rawBrown, List<Document> rawNlpCorpus) {
        Set<String> seenKeys = new HashSet<>();
        List<Document> kept = new ArrayList<>();
        List<SourceReport> reports = new ArrayList<>();

        Map<String, Integer> brownDropped = new LinkedHashMap<>();
        List<Document> brown = keepClean(rawBrown, seenKeys, null, brownDropped);
        reports.add(new SourceReport(CorpusSources.BROWN, rawBrown.size(), brown.size(), brownDropped));
        kept.addAll(brown);

        ContainmentIndex brownText = new ContainmentIndex(brown.stream().map(Document::text).toList());
        Map<String, Integer> nlpDropped = new LinkedHashMap<>();
        List<Document> nlp = keepClean(rawNlpCorpus, seenKeys, brownText, nlpDropped);
        reports.add(new SourceReport(CorpusSources.NLP_CORPUS, rawNlpCorpus.size(), nlp.size(), nlpDropped));
        kept.addAll(nlp);

        Map<Split, List<Document>> splits = emptySplits();
        Map<Split, List<Document>> sample = emptySplits();
        for (Document doc : kept) {
            Split split = Split.of(doc.id());
            splits.get(split).add(doc);
            if (Split.bucket("sample/" + doc.id(), 1000) < samplePerMille) {
                sample.get(split).add(doc);
            }
        }
        return new Result(splits, sample, reports);
    }

    private static List<Document> keepClean(List<Document> raw, Set<String> seenKeys, ContainmentIndex copiedFrom,
                                            Map<String, Integer> dropped) {
        List<Document> kept = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Document doc : raw) {
            if (!ids.add(doc.id())) {
                throw new IllegalArgumentException("document id " + doc.id() + " occurs twice");
            }
            String text = TextCleaner.clean(doc.text());
            String reason = TextCleaner.garbageReason(text);
            if (reason == null && !seenKeys.add(NormalizedText.key(text))) {
                reason = "duplicate";
            }
            if (reason == null && copiedFrom != null && copiedFrom.containsCopyOf(text)) {
                reason = "copy of Brown text";
            }
            if (reason != null) {
                dropped.merge(reason, 1, Integer::sum);
            } else {
                kept.add(new Document(doc.id(), doc.source(), text));
            }
        }
        return kept;
    }

    private static Map<Split, List<Document>> emptySplits() {
        Map<Split, List<Document>> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            splits.put(split, new ArrayList<>());
        }
        return splits;
    }
}
