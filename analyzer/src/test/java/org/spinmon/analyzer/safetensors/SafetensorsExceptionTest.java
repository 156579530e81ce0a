package org.spinmon.analyzer.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

class SafetensorsExceptionTest {

    private static final Path FILE = Path.of("runs", "r", "step-000000001.safetensors");

    @Test
    void whatAFileHoldsCannotBreakTheMessagesLine() {
        // Found by fuzzing: a tensor named "layer1.b\r\n" or a run id with a NUL gave a message of two lines.
        SafetensorsException e = new SafetensorsException(FILE, Problem.TENSORS,
                "unexpected tensor \"layer1.b\r\n\u001b[31mred\u0000\u007f\u0085\u2028\"");
        assertEquals("unexpected tensor \"layer1.b\\u000d\\u000a\\u001b[31mred\\u0000\\u007f\\u0085\\u2028\"",
                e.detail());
        assertEquals(FILE + ": not a spinmon snapshot: " + e.detail(), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20));
    }

    @Test
    void aLongDetailIsCutWithoutSplittingACharacter() {
        String detail = "x".repeat(SafetensorsException.MAX_DETAIL_LENGTH - 1) + "\ud83d\ude00" + "y".repeat(1000);
        String shown = new SafetensorsException(FILE, Problem.METADATA, detail).detail();
        assertEquals("x".repeat(SafetensorsException.MAX_DETAIL_LENGTH - 1) + "...", shown);
        String exact = "z".repeat(SafetensorsException.MAX_DETAIL_LENGTH);
        assertEquals(exact, new SafetensorsException(FILE, Problem.METADATA, exact).detail());
        assertTrue(new SafetensorsException(FILE, Problem.METADATA, exact + "\n").detail().endsWith("z..."));
    }
}
