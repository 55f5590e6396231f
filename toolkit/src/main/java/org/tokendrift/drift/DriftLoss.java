package org.tokendrift.drift;

/**
 * The fixed-point drift loss of TokenDrift (Oba et al. 2026, §4 Eq. "L_drift", Alg. 1 lines 8-9),
 * after Deng et al. 2026 Eq. 6:
 * <pre>
 *   h*_i   = sg(h_i + alpha V_i)                       (a constant target: V is detached too)
 *   L      = 1/(2B) sum_i ||h_i - h*_i||^2             (value = alpha^2/(2B) sum_i ||V_i||^2)
 *   dL/dh_i = (h_i - h*_i) / B = -alpha V_i / B        (the stop-gradient keeps V out of it)
 * </pre>
 * B is the number of rows passed in (the anchors whose loss is taken). The gradient then flows to
 * the logits as {@code dL/dlogits = -alpha J^T V / B} (§4, Prop. C.2), J the Jacobian of the
 * lifted-encoder-pooled feature with respect to the logits.
 */
public final class DriftLoss {

    /**
     * @param value     the loss L
     * @param gradient  dL/dh, {@code [B][C]}
     * @param target    the frozen target h*, {@code [B][C]}
     */
    public record Result(double value, double[][] gradient, double[][] target) {
    }

    private DriftLoss() {
    }

    /**
     * @param features  generated features h {@code [B][C]} (the values the gradient is taken at)
     * @param field     the drift V {@code [B][C]} computed from detached h
     * @param alpha     drift scale ([P] 1)
     */
    public static Result evaluate(double[][] features, double[][] field, double alpha) {
        int b = features.length;
        if (b == 0 || field.length != b) {
            throw new IllegalArgumentException("DriftLoss: need one drift row per feature row, got "
                    + b + " features and " + field.length + " drift rows");
        }
        int c = features[0].length;
        double[][] target = new double[b][c];
        double[][] gradient = new double[b][c];
        double sum = 0;
        for (int i = 0; i < b; i++) {
            if (features[i].length != c || field[i].length != c) {
                throw new IllegalArgumentException("DriftLoss: row " + i + " has " + features[i].length
                        + " feature and " + field[i].length + " drift columns, expected " + c);
            }
            for (int k = 0; k < c; k++) {
                target[i][k] = features[i][k] + alpha * field[i][k];
                double diff = features[i][k] - target[i][k];
                sum += diff * diff;
                gradient[i][k] = diff / b;
            }
        }
        return new Result(sum / (2.0 * b), gradient, target);
    }
}
