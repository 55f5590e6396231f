package org.tokendrift.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTokenizerJsonTest {

    private static BpeTokenizer tokenizer;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        tokenizer = new BpeTrainer(new BpeTrainingConfig(500, 2)).train(TestTexts.englishDocuments());
    }

    @Test
    void loadedTokenizerEncodesIdentically() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        BpeTokenizer loaded = BpeTokenizer.load(file);
        assertEquals(tokenizer.merges(), loaded.merges());
        assertEquals(tokenizer.vocabSize(), loaded.vocabSize());
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            String text = TestTexts.randomText(random, 100);
            assertArrayEquals(tokenizer.encode(text), loaded.encode(text));
            assertArrayEquals(tokenizer.encodeWithSpecialTokens(text), loaded.encodeWithSpecialTokens(text));
        }
        for (String doc : TestTexts.englishDocuments()) {
            assertArrayEquals(tokenizer.encode(doc), loaded.encode(doc));
        }
    }

    @Test
    void savingIsByteIdentical() throws IOException {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        tokenizer.save(first);
        BpeTokenizer.load(first).save(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void writesTheHuggingFaceLayout() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        JsonObject model = root.getAsJsonObject("model");
        assertEquals("BPE", model.get("type").getAsString());
        assertEquals("ByteLevel", root.getAsJsonObject("pre_tokenizer").get("type").getAsString());
        assertEquals("ByteLevel", root.getAsJsonObject("decoder").get("type").getAsString());
        assertEquals(4, root.getAsJsonArray("added_tokens").size());
        assertEquals(2, model.getAsJsonObject("vocab").get("[EOS]").getAsInt());
        assertEquals(BpeTokenizer.FIRST_BYTE_ID + ' ', model.getAsJsonObject("vocab").get("\u0120").getAsInt());
        assertEquals(tokenizer.merges().size(), model.getAsJsonArray("merges").size());
        Merge first = tokenizer.merges().get(0);
        assertEquals(tokenizer.tokenString(first.left()) + " " + tokenizer.tokenString(first.right()),
                model.getAsJsonArray("merges").get(0).getAsString());
    }

    @Test
    void acceptsMergesWrittenAsPairs() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        String json = Files.readString(file);
        Merge first = tokenizer.merges().get(0);
        String asString = "\"" + tokenizer.tokenString(first.left()) + " " + tokenizer.tokenString(first.right()) + "\"";
        String asPair = "[\"" + tokenizer.tokenString(first.left()) + "\", \"" + tokenizer.tokenString(first.right()) + "\"]";
        assertTrue(json.contains(asString));
        Files.writeString(file, json.replace(asString, asPair));
        assertEquals(tokenizer.merges(), BpeTokenizer.load(file).merges());
    }

    @Test
    void rejectsOtherModelsWithAClearMessage() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        Files.writeString(file, Files.readString(file).replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\""));
        IOException e = assertThrows(IOException.class, () -> BpeTokenizer.load(file));
        assertTrue(e.getMessage().endsWith("is not a TokenDrift byte-level BPE tokenizer.json: \"type\" must be \"BPE\", found \"WordPiece\""),
                e.getMessage());
    }

    @Test
    void namesTheFileWhenAFieldHasTheWrongType() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        Files.writeString(file, Files.readString(file).replace("\"merges\": [", "\"merges\": {\"x\": [").replace("]\n  }\n}", "]}\n  }\n}"));
        IOException e = assertThrows(IOException.class, () -> BpeTokenizer.load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a TokenDrift byte-level BPE tokenizer.json: "), e.getMessage());
    }
}
