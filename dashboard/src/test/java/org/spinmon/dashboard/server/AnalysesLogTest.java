package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysesLogTest {

    private static final String FIRST = "{\"run\":\"r\",\"step\":0,\"tc_melt\":1.19,\"layers\":[{\"ww\":{\"alpha\":6.5}}],"
            + "\"reasons\":{\"tc_order\":\"λ_min(H_0(T)) >= 0\"},\"seconds\":{\"total\":0.25}}";
    private static final String SECOND = FIRST.replace("\"step\":0", "\"step\":1");
    private static final String LAST = FIRST.replace("\"step\":0", "\"step\":2");

    @TempDir
    Path dir;

    private AnalysesLog.Contents read(byte[] content) throws IOException {
        return AnalysesLog.read(Files.write(dir.resolve("analyses.jsonl"), content));
    }

    @Test
    void aLastLineCutAtAnyByteIsSkippedAndTheCompleteOnesAreKept() throws IOException {
        byte[] whole = (FIRST + "\n" + SECOND + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] last = LAST.getBytes(StandardCharsets.UTF_8);
        int cutsEndingInABrace = 0;
        int cutsInsideACharacter = 0;
        for (int cut = 0; cut < last.length; cut++) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(whole);
            file.write(last, 0, cut);
            AnalysesLog.Contents contents = read(file.toByteArray());
            assertEquals(List.of(FIRST, SECOND), contents.lines(), "cut at byte " + cut);
            assertEquals(cut == 0 ? List.of() : List.of(3), contents.skipped(), "cut at byte " + cut);
            cutsEndingInABrace += cut > 0 && last[cut - 1] == '}' ? 1 : 0;
            cutsInsideACharacter += cut > 0 && (last[cut] & 0xC0) == 0x80 ? 1 : 0;
        }
        assertEquals(4, cutsEndingInABrace, "cuts after an inner object's brace look closed but are not");
        assertEquals(1, cutsInsideACharacter, "a cut between the two bytes of λ");
        assertEquals(List.of(FIRST, SECOND, LAST), read((new String(whole, StandardCharsets.UTF_8) + LAST)
                .getBytes(StandardCharsets.UTF_8)).lines(), "a last line that lost only its newline is whole");
    }

    @Test
    void aBrokenLineElsewhereIsSkippedAndNumberedAndBlankLinesAreNotData() throws IOException {
        String text = FIRST + "\n\n[1,2]\n" + SECOND + "\n{\"a\":1} {\"b\":2}\nnot json\n" + LAST + "\n";
        AnalysesLog.Contents contents = read(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(FIRST, SECOND, LAST), contents.lines());
        assertEquals(List.of(3, 5, 6), contents.skipped());
    }

    @Test
    void anEmptyLogHasNoAnalyses() throws IOException {
        AnalysesLog.Contents contents = read(new byte[0]);
        assertTrue(contents.lines().isEmpty() && contents.skipped().isEmpty());
        byte[] invalid = Arrays.copyOf(FIRST.getBytes(StandardCharsets.UTF_8), 3);
        assertEquals(List.of(1), read(invalid).skipped());
    }
}
