package org.spinmon.analyzer.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The analyzer compiles and runs without DL4J and ND4J: none of their classes is on its test class path
 * (the build's enforcer rule bans them as dependencies, this test proves the resulting class path).
 */
class FrameworkNeutralityTest {

    @Test
    void noDeepLearningFrameworkOnTheClassPath() {
        for (String name : new String[]{"org.nd4j.linalg.factory.Nd4j",
                "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.bytedeco.javacpp.Loader",
                "org.nd4j.linalg.api.ndarray.INDArray"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
