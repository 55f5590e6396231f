package org.tokendrift.drift;

/** What the frozen encoder sees at predicted positions (TokenDrift §4 and Table 3). */
public enum LiftMode {
    /** [P] default: the expected embedding {@code p_t E} ("soft token"). */
    SOFT,
    /**
     * [P] ablation (Table 3, collapses): {@code y^ST = onehot(argmax p) - sg(p) + p}; the encoder
     * sees the hard embedding {@code E[argmax p]}, the gradient flows as if it had seen {@code p E}.
     */
    STRAIGHT_THROUGH
}
