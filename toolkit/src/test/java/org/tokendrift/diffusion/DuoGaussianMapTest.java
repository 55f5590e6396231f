package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuoGaussianMapTest {

    private static final GaussianMapSettings SMALL = GaussianMapSettings.defaults().withPoints(2001);

    @Test
    void tableInterpolatesTheIntegralAndSpansTheCurriculumRange() {
        int k = 16;
        DuoGaussianMap map = DuoGaussianMap.compute(k, SMALL);
        GaussianArgmaxIntegral direct = new GaussianArgmaxIntegral(k);
        assertEquals(0.95, map.alpha(map.gammaMin()), 1e-6);
        assertEquals(0.05, map.alpha(map.gammaMax()), 1e-6);
        assertEquals(map.gammaMin() - 0.05, map.tableStart(), 1e-12);
        assertEquals(map.gammaMax() + 0.05, map.tableEnd(), 1e-12);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            double gamma = map.tableStart() + rng.nextDouble() * (map.tableEnd() - map.tableStart());
            assertEquals(direct.alpha(gamma), map.alpha(gamma), 2e-6, "alpha at " + gamma);
            assertEquals(direct.alphaDerivative(gamma), map.alphaDerivative(gamma), 2e-5, "alpha' at " + gamma);
        }
    }

    @Test
    void refusesGammaOutsideTheTable() {
        DuoGaussianMap map = DuoGaussianMap.compute(8, SMALL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> map.alpha(map.tableEnd() + 0.01));
        assertTrue(e.getMessage().contains("outside the tabulated range") && e.getMessage().contains("K = 8"),
                e.getMessage());
    }

    @Test
    void vocabulary4096MapHasTheReferenceRange() {
        DuoGaussianMap map = DuoGaussianMap.compute(4096);
        assertEquals(-3.358, map.gammaMin(), 6e-4);
        assertEquals(-1.292, map.gammaMax(), 6e-4);
        GaussianArgmaxIntegral direct = new GaussianArgmaxIntegral(4096);
        for (double gamma : new double[] {-3.3, -3.0, -2.5, -2.0, -1.5}) {
            assertEquals(direct.alpha(gamma), map.alpha(gamma), 1e-8, "alpha at " + gamma);
        }
    }

    @Test
    void committedVocabulary4096CacheIsCurrentAndMatchesTheIntegral() throws IOException {
        // Tests run in toolkit/; the project cache lives in data/duo/ at the repository root.
        Path file = DuoGaussianMap.fileFor(Path.of("..").resolve(DuoGaussianMap.DEFAULT_DIRECTORY), 4096);
        assertTrue(Files.exists(file), "missing " + file.toAbsolutePath());
        DuoGaussianMap map = DuoGaussianMap.load(file);
        assertEquals(GaussianMapSettings.defaults(), map.settings(), "cache made with other settings");
        GaussianArgmaxIntegral direct = new GaussianArgmaxIntegral(4096);
        assertEquals(direct.gammaForAlpha(0.95), map.gammaMin(), 1e-12);
        assertEquals(direct.gammaForAlpha(0.05), map.gammaMax(), 1e-12);
        for (double gamma : new double[] {-3.2, -2.6, -1.9, -1.3}) {
            assertEquals(direct.alpha(gamma), map.alpha(gamma), 1e-8, "alpha at " + gamma);
        }
    }

    @Test
    void cacheFileRoundTripsAndIsReusedWhenSettingsMatch(@TempDir Path dir) throws IOException {
        DuoGaussianMap computed = DuoGaussianMap.loadOrCompute(dir, 6, SMALL);
        Path file = DuoGaussianMap.fileFor(dir, 6);
        assertTrue(Files.exists(file));
        DuoGaussianMap reloaded = DuoGaussianMap.load(file);
        for (double gamma : new double[] {computed.tableStart(), -1.0, 0.3, computed.tableEnd()}) {
            assertEquals(computed.alpha(gamma), reloaded.alpha(gamma), 0.0);
            assertEquals(computed.alphaDerivative(gamma), reloaded.alphaDerivative(gamma), 0.0);
        }
        // Back-date the file: a reuse must leave it untouched, a recomputation would rewrite it.
        long before = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before - 60_000));
        DuoGaussianMap.loadOrCompute(dir, 6, SMALL);
        assertEquals(before - 60_000, Files.getLastModifiedTime(file).toMillis(), "matching cache must not be rewritten");
        DuoGaussianMap other = DuoGaussianMap.loadOrCompute(dir, 6, SMALL.withPoints(101));
        assertEquals(101, DuoGaussianMap.load(file).settings().points(), "new settings recompute the cache");
        assertEquals(computed.alpha(-1.0), other.alpha(-1.0), 1e-4);
    }

    @Test
    void corruptCacheFileIsReportedNotUsed(@TempDir Path dir) throws IOException {
        DuoGaussianMap.loadOrCompute(dir, 5, SMALL);
        Path file = DuoGaussianMap.fileFor(dir, 5);
        byte[] bytes = Files.readAllBytes(file);
        bytes[200] ^= 0x10;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> DuoGaussianMap.loadOrCompute(dir, 5, SMALL));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(file.getFileName().toString()),
                e.getMessage());
    }
}
