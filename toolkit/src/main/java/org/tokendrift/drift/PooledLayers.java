package org.tokendrift.drift;

/** Which hidden layers of the frozen encoder are mean-pooled into the sequence feature. */
public enum PooledLayers {
    /** [P] App. F: {@code [mean_t H^(L-1)_t ; mean_t H^(L)_t]}, feature dimension 2d. */
    PENULTIMATE_AND_LAST,
    /** [I] ablation only: {@code mean_t H^(L)_t}, feature dimension d. */
    LAST
}
