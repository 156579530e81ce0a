package org.spinmon.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void defaultsAreTheIssuesMnistNetwork() {
        NetworkConfig config = NetworkConfig.defaults(HiddenActivation.SIGN, 9);
        assertEquals(List.of(784, 512, 256, 128, 10), config.widths());
        assertEquals(1e-4, config.learningRate());
        assertEquals(false, config.bias());
        assertEquals(9, config.seed());
        assertEquals(4, config.depth());
        assertEquals(List.of("sign", "sign", "sign", "softmax"), config.activationNames());
    }

    @Test
    void aSingleMatrixHasOnlyTheSoftmaxLayer() {
        assertEquals(List.of("softmax"),
                new NetworkConfig(List.of(784, 10), HiddenActivation.RELU, true, 0.1, 1).activationNames());
    }

    @Test
    void invalidFieldsAreNamedInTheMessage() {
        assertMessage("widths must list at least two layer widths, each >= 1, was [784]", List.of(784), 1e-3);
        assertMessage("widths must list at least two layer widths, each >= 1, was [784, 0, 10]",
                List.of(784, 0, 10), 1e-3);
        assertMessage("widths must not contain null: [784, null]", Arrays.asList(784, null), 1e-3);
        assertMessage("learning rate must be finite and > 0, was 0.0", List.of(784, 10), 0);
        assertMessage("learning rate must be finite and > 0, was NaN", List.of(784, 10), Double.NaN);
        assertMessage("learning rate must be finite and > 0, was Infinity", List.of(784, 10),
                Double.POSITIVE_INFINITY);
        assertMessage("widths must give every layer at most 2147483639 weights, was [784, 2739319, 10] (layer 1: 784"
                + " x 2739319)", List.of(784, 2_739_319, 10), 1e-3);
    }

    @Test
    void theLargestLayerIsTheLargestJavaArray() {
        // 46340 x 46340 = 2147395600 <= 2^31 - 9 < 46341 x 46341 = 2147488281
        assertEquals(List.of(46_340, 46_340), new NetworkConfig(List.of(46_340, 46_340), HiddenActivation.RELU, false,
                1e-3, 1).widths());
        assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(List.of(46_341, 46_341),
                HiddenActivation.RELU, false, 1e-3, 1));
    }

    @Test
    void theWidthsAreCopiedIn() {
        List<Integer> widths = new ArrayList<>(List.of(784, 10));
        NetworkConfig config = new NetworkConfig(widths, HiddenActivation.RELU, false, 1e-3, 1);
        widths.set(1, 11);
        assertEquals(List.of(784, 10), config.widths());
        assertThrows(UnsupportedOperationException.class, () -> config.widths().set(0, 1));
    }

    private static void assertMessage(String expected, List<Integer> widths, double learningRate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(widths, HiddenActivation.RELU, false, learningRate, 1));
        assertTrue(e.getMessage().equals(expected), e.getMessage());
    }
}
