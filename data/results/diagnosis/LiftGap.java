import org.tokendrift.data.*;
import org.tokendrift.drift.*;
import org.tokendrift.diffusion.*;
import org.tokendrift.eval.model.*;
import org.tokendrift.nn.*;
import org.tokendrift.tokenizer.SpecialToken;
import java.nio.file.*;
import java.util.*;
import java.util.random.RandomGenerator;

/**
 * Probe (session 4): what does a TokenDrift generator's one-step prediction look like to the frozen
 * encoder? On 64 validation blocks spread over the split, corrupted by MDLM's forward process
 * ("train": random t as in training; "0.95": 95% of the positions masked, the regime of a 4-step
 * sampler's first call), it lifts the same predictions as soft tokens p.E and as hard argmax tokens,
 * encodes both with the frozen base, and prints: the squared distance between the set means and the
 * real features' mean (gap), the mean distance to each sequence's own clean features (paired), the
 * soft-to-hard distance, the mean nearest-real distance, and the commonest argmax tokens at the
 * masked positions. First argument "raw" = the checkpoints' raw weights (what the drift trained),
 * otherwise their EMA weights. Since then the toolkit logs the same quantities during training
 * (val_argmax_mean_gap, val_soft_argmax_d2, val_top_share, val_top_token in diagnostics.csv).
 */
public class LiftGap {
    static double d2(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.length; i++) { double d = a[i] - b[i]; s += d * d; } return s; }
    static double gap(double[][] a, double[][] b) { double s = 0; for (int c = 0; c < a[0].length; c++) { double d = 0; for (int i = 0; i < a.length; i++) d += a[i][c] - b[i][c]; d /= a.length; s += d * d; } return s; }
    static double nn(double[][] x, double[][] ref) { double t = 0; for (int i = 0; i < x.length; i++) { double b = 1e9; for (int j = 0; j < ref.length; j++) if (j != i) b = Math.min(b, d2(x[i], ref[j])); t += b; } return t / x.length; }
    public static void main(String[] args) throws Exception {
        DiT base = EvaluationWeights.loadDenoiser(Path.of("data/checkpoints/mdlm-base.ckpt"), DiffusionBackbone.parse("mdlm"), 4096);
        DiTFeatureEncoder phi = DiTFeatureEncoder.frozenCopyOf(base);
        TokenDriftConfig soft = TokenDriftConfig.builder().build();
        TokenDriftConfig st = TokenDriftConfig.builder().lift(LiftMode.STRAIGHT_THROUGH).build();
        TokenDriftObjective os = new TokenDriftObjective(soft, phi, 3), oh = new TokenDriftObjective(st, phi, 3);
        Mdlm mdlm = new Mdlm(MdlmConfig.builder(4096, SpecialToken.MASK.id()).timeConditioning(false).build());
        TokenDataset valid = TokenDataset.open(Path.of("data/corpus"), Split.VALID);
        int n = 64, stride = valid.blockCount() / n;
        int[][] clean = new int[n][];
        for (int i = 0; i < n; i++) clean[i] = valid.block(i * stride);
        org.tokendrift.tokenizer.BpeTokenizer tk = org.tokendrift.tokenizer.BpeTokenizer.load(Path.of("data/tokenizer/tokenizer.json"));
        boolean raw = args[0].equals("raw");
        for (int a = 1; a < args.length; a++) {
            DiT g;
            if (args[a].equals("base")) g = base;
            else if (raw) { g = new DiT(Checkpoint.readConfig(Path.of(args[a])), 0L); Checkpoint.load(Path.of(args[a]), g, null, null); }
            else g = EvaluationWeights.loadDenoiser(Path.of(args[a]), DiffusionBackbone.parse("mdlm"), 4096);
            for (double tFixed : new double[]{-1, 0.95}) {
                RandomGenerator rng = new SplittableRandom(7);
                Map<Integer, Integer> counts = new HashMap<>(); int[] total = {0};
                List<double[]> hs = new ArrayList<>(), hh = new ArrayList<>(), us = new ArrayList<>();
                for (int from = 0; from < n; from += 8) {
                    int[][] x = Arrays.copyOfRange(clean, from, from + 8);
                    Corruption c = mdlm.corrupt(x, rng);
                    int[][] tok = c.tokens(); boolean[][] pred = c.predicted();
                    if (tFixed > 0) { Random r = new Random(from); tok = new int[8][]; pred = new boolean[8][];
                        for (int b = 0; b < 8; b++) { tok[b] = x[b].clone(); pred[b] = new boolean[x[b].length];
                            for (int l = 0; l < tok[b].length; l++) if (r.nextDouble() < tFixed) { tok[b][l] = 3; pred[b][l] = true; } } }
                    DiT.Pass p = g.infer(tok, null);
                    float[][] lg = p.logits().toFloatMatrix();
                    for (int b = 0; b < 8; b++) for (int l = 0; l < 128; l++) if (pred[b][l]) { float[] row = lg[b * 128 + l]; int best = 0;
                        for (int v = 0; v < row.length; v++) if (v != 3 && row[v] > row[best]) best = v; counts.merge(best, 1, Integer::sum); total[0]++; }
                    hs.addAll(List.of(os.generatedFeatures(p.logits(), tok, pred, null).features()));
                    hh.addAll(List.of(oh.generatedFeatures(p.logits(), tok, pred, null).features()));
                    us.addAll(List.of(os.realFeatures(x, null)));
                }
                double[][] s = hs.toArray(double[][]::new), h = hh.toArray(double[][]::new), u = us.toArray(double[][]::new);
                double sh = 0, ps = 0, ph = 0; for (int i = 0; i < n; i++) { sh += d2(s[i], h[i]) / n; ps += d2(s[i], u[i]) / n; ph += d2(h[i], u[i]) / n; }
                System.out.printf("%-55s t=%s: gap soft %.4f hard %.4f | paired soft %.4f hard %.4f | soft-hard %.4f | nn-real soft %.4f hard %.4f%n",
                    args[a], tFixed < 0 ? "train" : tFixed, gap(s, u), gap(h, u), ps, ph, sh, nn(s, u), nn(h, u));
                List<Map.Entry<Integer, Integer>> top = new ArrayList<>(counts.entrySet()); top.sort((x, y) -> y.getValue() - x.getValue());
                StringBuilder sb = new StringBuilder("   argmax top tokens:");
                for (int k = 0; k < 5 && k < top.size(); k++) sb.append(String.format(" %s %.3f", tk.decode(new int[]{top.get(k).getKey()}), top.get(k).getValue() / (double) total[0]));
                System.out.println(sb);
            }
        }
    }
}
