package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tokendrift.tokenizer.BpeTokenizer;
import org.tokendrift.tokenizer.SpecialToken;
import org.tokendrift.util.AtomicFiles;

/** The files shipped in data/ are present, consistent with each other, and usable as documented. */
class ShippedDataTest {

    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = BpeTokenizer.load(DataPaths.tokenizerFile());
    }

    @Test
    void shippedTokenizerHasTheDefaultVocabularyAndRoundTripsHeldOutText() throws IOException {
        assertEquals(4096, tokenizer.vocabSize());
        assertEquals(4096 - BpeTokenizer.FIRST_MERGE_ID, tokenizer.merges().size());
        assertEquals("[MASK]", tokenizer.tokenString(SpecialToken.MASK.id()));
        for (Document doc : CorpusFiles.read(DataPaths.corpusDir(), Split.VALID)) {
            assertEquals(doc.text(), tokenizer.decode(tokenizer.encode(doc.text())), doc.id());
        }
    }

    @Test
    void shippedDatasetsAreIntactAndMadeWithTheShippedTokenizer() throws IOException {
        String tokenizerSha = AtomicFiles.sha256(DataPaths.tokenizerFile());
        for (Split split : Split.values()) {
            for (TokenDataset dataset : List.of(TokenDataset.open(DataPaths.corpusDir(), split),
                    TokenDataset.open(DataPaths.sampleDir(), split))) {
                assertEquals(tokenizerSha, dataset.header().tokenizerSha256());
                assertEquals(4096, dataset.vocabSize());
                assertEquals(128, dataset.blockLength());
                for (int b = 0; b < dataset.blockCount(); b++) {
                    int[] block = dataset.block(b);
                    assertEquals(SpecialToken.BOS.id(), block[0]);
                    assertEquals(SpecialToken.EOS.id(), block[127]);
                }
            }
        }
    }

    @Test
    void validationBlocksDecodeToTheShippedHeldOutText() throws IOException {
        TokenDataset valid = TokenDataset.open(DataPaths.corpusDir(), Split.VALID);
        StringBuilder stream = new StringBuilder();
        for (Document doc : CorpusFiles.read(DataPaths.corpusDir(), Split.VALID)) {
            stream.append(doc.text()).append(SpecialToken.EOS.literal());
        }
        // Decode the block interiors as one sequence: a multi-byte character may straddle two blocks.
        int interior = valid.blockLength() - 2;
        int[] ids = new int[valid.blockCount() * interior];
        for (int b = 0; b < valid.blockCount(); b++) {
            System.arraycopy(valid.block(b), 1, ids, b * interior, interior);
        }
        String decoded = tokenizer.decode(ids);
        assertTrue(decoded.length() > 600_000, "valid split should decode to > 600k characters");
        assertTrue(stream.toString().startsWith(decoded), "decoded blocks are not a prefix of the document stream");
    }
}
