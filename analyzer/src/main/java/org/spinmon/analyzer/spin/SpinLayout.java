package org.spinmon.analyzer.spin;

import java.util.BitSet;
import java.util.Objects;

/**
 * Which spins of a layered network enter the Hamiltonian (spin-model.md §2.2–2.3).
 *
 * @param includeInput  keep spin layer 0 (the pixels) and W^(1); default true
 * @param includeOutput keep spin layer L (the classes) and W^(L); default true
 * @param useBiases     biases as local fields h_j = b_j (breaks the Z2 symmetry); default false
 * @param deadInputs    input spins to drop (pixels that are zero in every training image), or empty; only
 *                      meaningful with {@code includeInput}
 */
public record SpinLayout(boolean includeInput, boolean includeOutput, boolean useBiases, BitSet deadInputs) {

    /** The paper's convention: every layer, no fields, no dropped pixels. */
    public static final SpinLayout DEFAULT = new SpinLayout(true, true, false, new BitSet());

    /** Copies the mask in. */
    public SpinLayout {
        deadInputs = (BitSet) Objects.requireNonNull(deadInputs, "deadInputs").clone();
    }

    /** @return a copy of the dropped-input mask */
    @Override
    public BitSet deadInputs() {
        return (BitSet) deadInputs.clone();
    }
}
