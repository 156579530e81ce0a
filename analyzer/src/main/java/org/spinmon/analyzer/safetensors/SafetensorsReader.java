package org.spinmon.analyzer.safetensors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * Reads safetensors files strictly, safe on hostile input.
 *
 * <p>Format (huggingface/safetensors): an unsigned 64-bit little-endian header length n, n bytes of UTF-8
 * JSON (an object mapping tensor names to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an
 * optional {@code "__metadata__"} string map, possibly padded with trailing spaces), then the data section,
 * little-endian, each tensor row-major.
 *
 * <p>Checks, each a {@link SafetensorsException} naming the file and the {@link Problem}: the header length
 * is at least 2, at most {@link #maxHeaderBytes()} and at most what the file holds; the header is valid UTF-8
 * and valid JSON (no duplicate keys, no trailing tokens, bounded nesting and number length); dtypes are known
 * and readable; shapes and offsets are non-negative JSON integers (never floats, so no NaN or rounding slips
 * through a range check); every span lies inside the data section; the spans are disjoint and cover it
 * exactly; Π shape · dtype size = span. Nothing is allocated from a declared size before that size has been
 * checked against the real size of the file; the payload is streamed through a fixed 64 KiB buffer.
 */
public final class SafetensorsReader {

    /** The default header cap: 100 MB, the reference implementation's own limit. */
    public static final long DEFAULT_MAX_HEADER_BYTES = 100_000_000L;

    /** The largest array the JVM allocates reliably. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 16;
    private static final String METADATA_KEY = "__metadata__";
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8)
                            .maxNumberLength(40)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final SafetensorsReader STANDARD = new SafetensorsReader(DEFAULT_MAX_HEADER_BYTES);

    private final long maxHeaderBytes;

    private SafetensorsReader(long maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** @return a reader with the default header cap */
    public static SafetensorsReader standard() {
        return STANDARD;
    }

    /** @return a reader that refuses headers longer than {@code maxHeaderBytes} */
    public static SafetensorsReader withMaxHeaderBytes(long maxHeaderBytes) {
        if (maxHeaderBytes < 2) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 2, was " + maxHeaderBytes);
        }
        return new SafetensorsReader(maxHeaderBytes);
    }

    /** @return the largest header this reader accepts, in bytes */
    public long maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Reads and validates the header only; cheap even for large files. */
    public SafetensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel);
        }
    }

    /** Reads, validates and decodes every tensor to float64, in data-offset order. */
    public List<Tensor> readTensors(Path file) throws IOException {
        return read(file).tensors();
    }

    /** Reads the header and every tensor. */
    public Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = readHeader(file, channel);
            List<Tensor> tensors = new ArrayList<>(header.tensors().size());
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorInfo info : header.tensors()) {
                tensors.add(new Tensor(info.name(), info.shape(), decode(file, channel, header.dataStart(), info, chunk)));
            }
            return new Contents(header, tensors);
        }
    }

    /**
     * A whole file: its header and its tensors.
     *
     * @param header  the validated header
     * @param tensors the tensors in data-offset order
     */
    public record Contents(SafetensorsHeader header, List<Tensor> tensors) {

        /** Copies the list in. */
        public Contents {
            tensors = List.copyOf(tensors);
        }
    }

    private SafetensorsHeader readHeader(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new SafetensorsException(file, Problem.TRUNCATED,
                    "file has " + fileSize + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 0 || headerLength > fileSize - 8) {
            throw new SafetensorsException(file, Problem.HEADER_LENGTH, "declares "
                    + Long.toUnsignedString(headerLength) + " header bytes but the file has " + (fileSize - 8)
                    + " bytes after the length");
        }
        if (headerLength > maxHeaderBytes) {
            throw new SafetensorsException(file, Problem.HEADER_LENGTH, "declares " + headerLength
                    + " header bytes, more than the cap of " + maxHeaderBytes);
        }
        if (headerLength < 2) {
            throw new SafetensorsException(file, Problem.HEADER_LENGTH, "declares " + headerLength
                    + " header bytes, too few for a JSON object");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(file, channel, headerBytes, 8);
        String text = decodeUtf8(file, headerBytes.flip());
        long dataStart = 8 + headerLength;
        return parseHeader(file, text, dataStart, fileSize - dataStart);
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws SafetensorsException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new SafetensorsException(file, Problem.HEADER_ENCODING, "malformed UTF-8 at byte "
                    + (8 + bytes.position()) + " of the file (" + result.length() + " byte"
                    + (result.length() == 1 ? "" : "s") + ")");
        }
        return chars.flip().toString();
    }

    private static SafetensorsHeader parseHeader(Path file, String text, long dataStart, long dataLength)
            throws SafetensorsException {
        if (text.isEmpty() || text.charAt(0) != '{') {
            throw new SafetensorsException(file, Problem.HEADER_JSON, "header must start with '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            // Jackson names the Java setting behind a limit ("from `StreamReadConstraints...`"): not for the user.
            throw new SafetensorsException(file, Problem.HEADER_JSON,
                    e.getOriginalMessage().replaceAll(", from `[^`]*`\\)", ")"));
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(file, Problem.HEADER_JSON, "header is not a JSON object");
        }
        Map<String, String> metadata = Map.of();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                tensors.add(parseEntry(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        tensors.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        checkCoverage(file, tensors, dataLength);
        return new SafetensorsHeader(file, tensors, metadata, dataStart);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws SafetensorsException {
        if (!node.isObject()) {
            throw new SafetensorsException(file, Problem.METADATA, "__metadata__ must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new SafetensorsException(file, Problem.METADATA,
                        "__metadata__." + entry.getKey() + " must be a string, was " + entry.getValue().getNodeType());
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return metadata;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataLength)
            throws SafetensorsException {
        if (name.isEmpty()) {
            throw new SafetensorsException(file, Problem.HEADER_JSON, "empty tensor name");
        }
        if (!node.isObject()) {
            throw new SafetensorsException(file, Problem.HEADER_JSON, "entry " + quote(name) + " is not an object");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw new SafetensorsException(file, Problem.HEADER_JSON,
                        "entry " + quote(name) + " has unknown key " + quote(key));
            }
        }
        DType dtype = parseDtype(file, name, node.get("dtype"));
        int[] shape = parseShape(file, name, node.get("shape"));
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new SafetensorsException(file, Problem.OFFSETS,
                    "tensor " + quote(name) + ": data_offsets must be an array [begin, end]");
        }
        long begin = nonNegativeLong(file, Problem.OFFSETS, name, "data_offsets[0]", offsets.get(0));
        long end = nonNegativeLong(file, Problem.OFFSETS, name, "data_offsets[1]", offsets.get(1));
        if (begin > end) {
            throw new SafetensorsException(file, Problem.OFFSETS,
                    "tensor " + quote(name) + ": begin " + begin + " is after end " + end);
        }
        if (end > dataLength) {
            throw new SafetensorsException(file, Problem.OFFSETS, "tensor " + quote(name) + ": span [" + begin + ", "
                    + end + ") lies outside the data section of " + dataLength + " bytes");
        }
        long elements = 1;
        for (int d : shape) {
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + ": shape "
                        + Arrays.toString(shape) + " overflows");
            }
        }
        long span = end - begin;
        if (elements > span / dtype.size() || elements * dtype.size() != span) {
            throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + ": shape "
                    + Arrays.toString(shape) + " has " + elements + " elements of " + dtype.size()
                    + " bytes but its span has " + span + " bytes");
        }
        if (elements > MAX_ELEMENTS) {
            throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + " has " + elements
                    + " elements, more than a Java array holds");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static DType parseDtype(Path file, String name, JsonNode node) throws SafetensorsException {
        if (node == null || !node.isTextual()) {
            throw new SafetensorsException(file, Problem.DTYPE, "tensor " + quote(name) + ": dtype must be a string");
        }
        DType dtype = DType.byName(node.textValue()).orElseThrow(() -> new SafetensorsException(file, Problem.DTYPE,
                "tensor " + quote(name) + ": unknown dtype " + quote(node.textValue())));
        if (!dtype.readable()) {
            throw new SafetensorsException(file, Problem.DTYPE, "tensor " + quote(name) + ": dtype " + dtype
                    + " is not a floating-point type spinmon reads (F64, F32, F16, BF16)");
        }
        return dtype;
    }

    private static int[] parseShape(Path file, String name, JsonNode node) throws SafetensorsException {
        if (node == null || !node.isArray()) {
            throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + ": shape must be an array");
        }
        if (node.size() > 8) {
            throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + ": rank " + node.size()
                    + " exceeds 8");
        }
        int[] shape = new int[node.size()];
        for (int k = 0; k < shape.length; k++) {
            long d = nonNegativeLong(file, Problem.SHAPE, name, "shape[" + k + "]", node.get(k));
            if (d > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, Problem.SHAPE, "tensor " + quote(name) + ": shape[" + k + "] = "
                        + d + " is too large");
            }
            shape[k] = (int) d;
        }
        return shape;
    }

    private static long nonNegativeLong(Path file, Problem problem, String name, String what, JsonNode node)
            throws SafetensorsException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new SafetensorsException(file, problem, "tensor " + quote(name) + ": " + what
                    + " must be a non-negative integer, was " + node);
        }
        return node.longValue();
    }

    private static void checkCoverage(Path file, List<TensorInfo> tensors, long dataLength)
            throws SafetensorsException {
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo t : tensors) {
            if (t.begin() < covered) {
                throw new SafetensorsException(file, Problem.OVERLAP, "tensor " + quote(t.name()) + " [" + t.begin()
                        + ", " + t.end() + ") overlaps " + quote(previous.name()) + " [" + previous.begin() + ", "
                        + previous.end() + ")");
            }
            if (t.begin() > covered) {
                throw new SafetensorsException(file, Problem.GAP, "bytes [" + covered + ", " + t.begin()
                        + ") of the data section belong to no tensor");
            }
            covered = t.end();
            previous = t;
        }
        if (covered != dataLength) {
            throw new SafetensorsException(file, Problem.GAP, "bytes [" + covered + ", " + dataLength
                    + ") of the data section belong to no tensor");
        }
    }

    private static double[] decode(Path file, FileChannel channel, long dataStart, TensorInfo info, ByteBuffer chunk)
            throws IOException {
        double[] values = new double[(int) info.elements()];
        int size = info.dtype().size();
        long position = dataStart + info.begin();
        int next = 0;
        while (next < values.length) {
            int count = Math.min(values.length - next, CHUNK / size);
            chunk.clear().limit(count * size);
            readFully(file, channel, chunk, position);
            chunk.flip();
            for (int k = 0; k < count; k++) {
                values[next++] = info.dtype().read(chunk);
            }
            position += (long) count * size;
        }
        return values;
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new SafetensorsException(file, Problem.TRUNCATED, "file ended at byte " + at
                        + " while " + buffer.remaining() + " more bytes were due");
            }
            at += n;
        }
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown + '"';
    }
}
