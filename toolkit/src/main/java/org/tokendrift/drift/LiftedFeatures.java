package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The differentiable path logits -> soft-token lift -> frozen encoder -> sequence pooling, kept
 * after a forward pass so that a feature-space gradient can be pulled back to the logits:
 * {@code pullback(dh) = J^T dh}, J = dh/dl (TokenDrift §4, Prop. C.1/C.2). With
 * {@code dh = dL/dh = -alpha V / B} this is the drift loss gradient; with {@code dh = V} it is the
 * mirror teacher's {@code g} (§5).
 */
public final class LiftedFeatures {

    private final SoftTokenLift.Lifted lifted;
    private final FeatureEncoder.EncoderPass pass;
    private final SequencePooling.Pooled pooled;
    private boolean pulledBack;

    LiftedFeatures(SoftTokenLift.Lifted lifted, FeatureEncoder.EncoderPass pass, SequencePooling.Pooled pooled) {
        this.lifted = lifted;
        this.pass = pass;
        this.pooled = pooled;
    }

    /** Builds the path: lift the logits, encode, pool. */
    public static LiftedFeatures forward(SoftTokenLift lift, FeatureEncoder encoder, SequencePooling pooling,
                                         INDArray logits, int[][] corrupted, boolean[][] predicted, double[] sigma) {
        SoftTokenLift.Lifted lifted = lift.lift(logits, corrupted, predicted);
        FeatureEncoder.EncoderPass pass = encoder.encode(lifted.embeddings(), sigma);
        SequencePooling.Pooled pooled = pooling.pool(pass.penultimateHidden(), pass.lastHidden(), corrupted.length);
        return new LiftedFeatures(lifted, pass, pooled);
    }

    /** Generated features h {@code [B][C]}; callers must not modify them. */
    public double[][] features() {
        return pooled.features();
    }

    /** The lift's record (predicted rows and their probabilities). */
    public SoftTokenLift.Lifted lifted() {
        return lifted;
    }

    /** {@code J^T dh} as dLogits {@code [B*L, V]}. Callable once (the encoder pass may free its activations). */
    public INDArray pullback(double[][] dFeatures) {
        if (pulledBack) {
            throw new IllegalStateException("LiftedFeatures.pullback: already called; run a new forward pass");
        }
        pulledBack = true;
        SequencePooling.HiddenGradients g = pooled.backward(dFeatures);
        return lifted.backward(pass.backward(g.dPenultimate(), g.dLast()));
    }
}
