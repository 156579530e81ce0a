package org.spinmon.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;

class HiddenActivationTest {

    @Test
    void namesParseIgnoringCaseAndBlanks() {
        assertEquals(HiddenActivation.RELU, HiddenActivation.parse("relu"));
        assertEquals(HiddenActivation.SIGN, HiddenActivation.parse(" Sign "));
        assertEquals("relu", HiddenActivation.RELU.label());
        assertEquals("sign", HiddenActivation.SIGN.label());
    }

    @Test
    void anUnknownNameIsRejectedWithTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HiddenActivation.parse("tanh"));
        assertEquals("activation must be one of relu, sign, was \"tanh\"", e.getMessage());
    }

    @Test
    void eachNameMapsToItsDl4jFunction() {
        assertInstanceOf(ActivationReLU.class, HiddenActivation.RELU.function());
        assertInstanceOf(SignSte.class, HiddenActivation.SIGN.function());
    }
}
