/**
 * Probe (session 3): do the frozen base's pooled TokenDrift features separate real text from samples?
 * Prints, for each samples JSONL given after the checkpoint, the mean and nearest-neighbour squared
 * distance of its features to the features of 64 validation blocks, and the mean distance within it.
 */
import org.tokendrift.data.*;
import org.tokendrift.drift.*;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.nn.DiT;
import java.nio.file.*;
import java.util.*;
import com.google.gson.*;

public class FeatureSeparation {
    static int[][] samples(String file, int max) throws Exception {
        List<int[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            JsonArray a = JsonParser.parseString(line).getAsJsonObject().getAsJsonArray("token_ids");
            int[] ids = new int[a.size()];
            for (int i = 0; i < ids.length; i++) ids[i] = a.get(i).getAsInt();
            out.add(ids);
            if (out.size() == max) break;
        }
        return out.toArray(new int[0][]);
    }
    static double d2(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.length; i++) { double d = a[i] - b[i]; s += d * d; } return s; }
    static double[] stats(double[][] x, double[][] ref, boolean same) {
        double mean = 0, nn = 0; int n = 0;
        for (int i = 0; i < x.length; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < ref.length; j++) {
                if (same && i == j) continue;
                double d = d2(x[i], ref[j]); mean += d; n++; best = Math.min(best, d);
            }
            nn += best;
        }
        return new double[]{mean / n, nn / x.length};
    }
    public static void main(String[] args) throws Exception {
        DiT model = EvaluationWeights.loadDenoiser(Path.of(args[0]), DiffusionBackbone.parse("mdlm"), 4096);
        TokenDriftObjective obj = new TokenDriftObjective(TokenDriftConfig.builder().build(), DiTFeatureEncoder.frozenCopyOf(model), 3);
        TokenDataset valid = TokenDataset.open(Path.of("data/corpus"), Split.VALID);
        // Blocks spread evenly over the split (A) and halfway between them (B): contiguous blocks share documents.
        int stride = valid.blockCount() / 64;
        int[][] realA = new int[64][], realB = new int[64][];
        for (int i = 0; i < 64; i++) {
            realA[i] = valid.block(i * stride);
            realB[i] = valid.block(i * stride + stride / 2);
        }
        double[][] ua = obj.realFeatures(realA, null), ub = obj.realFeatures(realB, null);
        double[] rr = stats(ub, ua, false);
        System.out.printf("real B -> real A: mean d2 %.4f, nearest %.4f%n", rr[0], rr[1]);
        for (int k = 1; k < args.length; k++) {
            int[][] s = samples(args[k], 64);
            int L = realA[0].length;
            for (int i = 0; i < s.length; i++) s[i] = Arrays.copyOf(s[i], L);
            double[][] h = obj.realFeatures(s, null);
            double[] sr = stats(h, ua, false), ss = stats(h, h, true);
            System.out.printf("%s (%d): -> real mean d2 %.4f, nearest real %.4f; within mean %.4f%n", Path.of(args[k]).getFileName(), s.length, sr[0], sr[1], ss[0]);
        }
    }
}
