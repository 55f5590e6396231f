package org.tokendrift.drift;

/** Where the drift target is placed (TokenDrift §4 and §5, Table 4). */
public enum TargetSpace {
    /** [P] default: {@code h* = sg(h + alpha V)} in feature space, L2 loss ({@link DriftLoss}). */
    FEATURE,
    /** [P] ablation: logit-space mirror teacher, {@code KL(p* || p)} ({@link LogitMirrorTeacher}). */
    LOGIT_MIRROR_KL,
    /** [P] ablation: logit-space mirror teacher, {@code ||l* - l||^2} ({@link LogitMirrorTeacher}). */
    LOGIT_MIRROR_MSE
}
