package org.spinmon.trainer.net;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The binarizing activation of a binarized network: sign in the forward pass, the straight-through estimator
 * in the backward pass.
 *
 * <p>Forward: s = sign(x) with sign(0) = +1, that is s = +1 if x ≥ 0 and −1 otherwise, so that every unit is
 * a ±1 spin (ND4J's own {@code sign} maps 0 to 0, which is not a spin value; NaN maps to −1 here).
 *
 * <p>Backward: sign has zero derivative almost everywhere, so the gradient is passed straight through inside a
 * window and cut outside it, as the derivative of hard-tanh: ∂L/∂x = ∂L/∂s · 1{|x| ≤ 1} (a closed window).
 * This is the straight-through estimator of Courbariaux, Hubara, Soudry, El-Yaniv and Bengio, "Binarized Neural
 * Networks: Training Deep Neural Networks with Weights and Activations Constrained to +1 or −1" (2016,
 * arXiv:1602.02830, §1.3) and Hubara et al., "Binarized Neural Networks" (NIPS 2016).
 *
 * <p>Like DL4J's built-in activations, both passes may overwrite {@code in}; neither modifies {@code epsilon}.
 * It has no parameters and no state.
 */
public final class SignSte extends BaseActivationFunction {

    /** Name of this activation in snapshots and run manifests. */
    public static final String NAME = "sign";

    /** @return {@code in}, overwritten with sign(x) ∈ {−1, +1}, sign(0) = +1 */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray nonNegative = in.gte(0.0).castTo(in.dataType());
        return in.assign(nonNegative.muli(2.0).subi(1.0));
    }

    /** @return (∂L/∂x = epsilon · 1{|x| ≤ 1}, written into {@code in}; no parameter gradients) */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray window = Transforms.abs(in, true).lte(1.0).castTo(in.dataType());
        return new Pair<>(in.assign(window).muli(epsilon), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignSte;
    }

    @Override
    public int hashCode() {
        return NAME.hashCode();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
