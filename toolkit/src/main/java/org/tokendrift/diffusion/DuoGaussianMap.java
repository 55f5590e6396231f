package org.tokendrift.diffusion;

import org.tokendrift.util.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The DUO operator {@code T} for one vocabulary size K, tabulated (research note §B.5, §E.7):
 * {@code alpha_USDM(gamma) = (K p(gamma) - 1)/(K - 1)} with {@code p(gamma) = ∫ phi(z - mu) Phi(z)^{K-1} dz},
 * {@code mu = exp(-gamma/2)}, and its derivative {@code dp/dgamma}, computed by {@link GaussianArgmaxIntegral}.
 *
 * <p>The curriculum range {@code [gammaMin, gammaMax]} is solved for this K so that
 * {@code alpha_USDM(gammaMin) = 0.95} and {@code alpha_USDM(gammaMax) = 0.05} (for K = 4096 about
 * {@code [-3.358, -1.292]}). The table spans that range plus a margin on both sides, on equally spaced points;
 * lookups interpolate linearly and refuse gamma outside the table (the reference silently clips).
 *
 * <p>The table is vocabulary-specific and is cached as a file, by default under {@code data/duo/}
 * ({@link #loadOrCompute(Path, int)}); the file ends with a SHA-256 of its content and is written atomically.
 */
public final class DuoGaussianMap {

    /** Default cache directory, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("data", "duo");

    private static final byte[] MAGIC = "TDDUOMAP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private final int k;
    private final GaussianMapSettings settings;
    private final double gammaMin;
    private final double gammaMax;
    private final double tableStart;
    private final double tableEnd;
    private final double[] p;
    private final double[] dp;

    private DuoGaussianMap(int k, GaussianMapSettings settings, double gammaMin, double gammaMax,
                           double tableStart, double tableEnd, double[] p, double[] dp) {
        this.k = k;
        this.settings = settings;
        this.gammaMin = gammaMin;
        this.gammaMax = gammaMax;
        this.tableStart = tableStart;
        this.tableEnd = tableEnd;
        this.p = p;
        this.dp = dp;
    }

    /** Computes the map for K with the default settings. */
    public static DuoGaussianMap compute(int k) {
        return compute(k, GaussianMapSettings.defaults());
    }

    /** Computes the map for K by numerical integration at every table point. */
    public static DuoGaussianMap compute(int k, GaussianMapSettings settings) {
        GaussianArgmaxIntegral integral = new GaussianArgmaxIntegral(k, settings.integrationStep());
        double gammaMin = integral.gammaForAlpha(settings.alphaHigh());
        double gammaMax = integral.gammaForAlpha(settings.alphaLow());
        double start = gammaMin - settings.margin();
        double end = gammaMax + settings.margin();
        int n = settings.points();
        double[] p = new double[n];
        double[] dp = new double[n];
        for (int i = 0; i < n; i++) {
            double[] values = integral.integrate(gridPoint(start, end, n, i));
            p[i] = values[0];
            dp[i] = values[1];
        }
        return new DuoGaussianMap(k, settings, gammaMin, gammaMax, start, end, p, dp);
    }

    /** The cache file for K under {@code directory}. */
    public static Path fileFor(Path directory, int k) {
        return directory.resolve("duo-gaussian-map-K" + k + ".bin");
    }

    /** Loads the cached map for K from {@code directory} or computes and caches it (default settings). */
    public static DuoGaussianMap loadOrCompute(Path directory, int k) throws IOException {
        return loadOrCompute(directory, k, GaussianMapSettings.defaults());
    }

    /**
     * Loads the cached map for K from {@code directory}; if there is none, or it was made with other settings,
     * computes it and writes the file. A file that fails its checksum is an error, not silently replaced.
     */
    public static DuoGaussianMap loadOrCompute(Path directory, int k, GaussianMapSettings settings) throws IOException {
        Path file = fileFor(directory, k);
        if (Files.exists(file)) {
            DuoGaussianMap cached = load(file);
            if (cached.k == k && cached.settings.equals(settings)) {
                return cached;
            }
        }
        DuoGaussianMap map = compute(k, settings);
        map.save(file);
        return map;
    }

    public int vocabSize() {
        return k;
    }

    public GaussianMapSettings settings() {
        return settings;
    }

    /** Low-noise end of the curriculum range: {@code alpha_USDM(gammaMin) = settings.alphaHigh()}. */
    public double gammaMin() {
        return gammaMin;
    }

    /** High-noise end of the curriculum range: {@code alpha_USDM(gammaMax) = settings.alphaLow()}. */
    public double gammaMax() {
        return gammaMax;
    }

    public double tableStart() {
        return tableStart;
    }

    public double tableEnd() {
        return tableEnd;
    }

    /** {@code p(gamma)}, interpolated. */
    public double cleanWinProbability(double gamma) {
        return interpolate(p, gamma);
    }

    /** {@code alpha_USDM(gamma) = T(alphaTilde(gamma))}, interpolated. */
    public double alpha(double gamma) {
        return (k * interpolate(p, gamma) - 1.0) / (k - 1.0);
    }

    /** {@code d alpha_USDM / dgamma = K/(K-1) dp/dgamma}, interpolated. */
    public double alphaDerivative(double gamma) {
        return k / (k - 1.0) * interpolate(dp, gamma);
    }

    /** Writes the table atomically to {@code file}. */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(k);
            out.writeDouble(settings.alphaHigh());
            out.writeDouble(settings.alphaLow());
            out.writeInt(settings.points());
            out.writeDouble(settings.margin());
            out.writeDouble(settings.integrationStep());
            out.writeDouble(gammaMin);
            out.writeDouble(gammaMax);
            out.writeDouble(tableStart);
            out.writeDouble(tableEnd);
            for (double v : p) {
                out.writeDouble(v);
            }
            for (double v : dp) {
                out.writeDouble(v);
            }
        }
        byte[] payload = bytes.toByteArray();
        byte[] digest = sha256(payload);
        AtomicFiles.write(file, out -> {
            out.write(payload);
            out.write(digest);
        });
    }

    /** Reads a table written by {@link #save(Path)}, checking its format and checksum. */
    public static DuoGaussianMap load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 32) {
            throw new IOException(file + " is not a DUO Gaussian map file: only " + all.length + " bytes");
        }
        byte[] payload = Arrays.copyOf(all, all.length - 32);
        byte[] digest = Arrays.copyOfRange(all, all.length - 32, all.length);
        if (!Arrays.equals(digest, sha256(payload))) {
            throw new IOException(file + " is corrupt: SHA-256 of its content does not match; delete it to recompute");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a DUO Gaussian map file (bad magic)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " has format version " + version + ", expected " + FORMAT_VERSION);
            }
            int k = in.readInt();
            GaussianMapSettings settings = new GaussianMapSettings(in.readDouble(), in.readDouble(), in.readInt(),
                    in.readDouble(), in.readDouble());
            double gammaMin = in.readDouble();
            double gammaMax = in.readDouble();
            double start = in.readDouble();
            double end = in.readDouble();
            double[] p = new double[settings.points()];
            double[] dp = new double[settings.points()];
            for (int i = 0; i < p.length; i++) {
                p[i] = in.readDouble();
            }
            for (int i = 0; i < dp.length; i++) {
                dp[i] = in.readDouble();
            }
            if (in.available() != 0) {
                throw new IOException(file + " has " + in.available() + " unexpected trailing bytes");
            }
            return new DuoGaussianMap(k, settings, gammaMin, gammaMax, start, end, p, dp);
        }
    }

    private double interpolate(double[] table, double gamma) {
        if (!(gamma >= tableStart && gamma <= tableEnd)) {
            throw new IllegalArgumentException("gamma = " + gamma + " is outside the tabulated range [" + tableStart
                    + ", " + tableEnd + "] of the DUO map for K = " + k + "; widen the margin or the alpha range");
        }
        int n = table.length;
        double position = (gamma - tableStart) / (tableEnd - tableStart) * (n - 1);
        int i = Math.min((int) Math.floor(position), n - 2);
        double fraction = position - i;
        return table[i] + fraction * (table[i + 1] - table[i]);
    }

    private static double gridPoint(double start, double end, int n, int i) {
        return i == n - 1 ? end : start + (end - start) * i / (n - 1);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
