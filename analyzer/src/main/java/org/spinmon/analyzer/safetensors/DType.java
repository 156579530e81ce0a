package org.spinmon.analyzer.safetensors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a safetensors header may name (the format's own list). The first four are the ones
 * spinmon reads (converted to float64 on load) and the first two the ones it writes; the others are known,
 * so a file using them is reported as "unsupported dtype", not as a broken file.
 */
public enum DType {
    /** IEEE 754 binary64. */
    F64(8, true),
    /** IEEE 754 binary32: what DL4J trainers hold; spinmon's default for writing. */
    F32(4, true),
    /** IEEE 754 binary16 (half precision); read only. */
    F16(2, true),
    /** bfloat16 (the upper half of a binary32); read only. */
    BF16(2, true),
    BOOL(1, false), U8(1, false), I8(1, false), I16(2, false), U16(2, false), I32(4, false), U32(4, false),
    I64(8, false), U64(8, false), F8_E4M3(1, false), F8_E5M2(1, false);

    private final int size;
    private final boolean floating;

    DType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** @return the size of one element in bytes */
    public int size() {
        return size;
    }

    /** @return whether spinmon can read tensors of this type */
    public boolean readable() {
        return floating;
    }

    /** @return whether spinmon can write tensors of this type */
    public boolean writable() {
        return this == F64 || this == F32;
    }

    /** @return the type the header spells {@code name}, if the format knows it */
    public static Optional<DType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** Reads one element at the buffer's position (little-endian buffer) and widens it to float64. */
    double read(ByteBuffer buffer) {
        return switch (this) {
            case F64 -> buffer.getDouble();
            case F32 -> buffer.getFloat();
            case F16 -> halfToFloat(buffer.getShort());
            case BF16 -> Float.intBitsToFloat((buffer.getShort() & 0xFFFF) << 16);
            default -> throw new IllegalStateException(this + " is not readable");
        };
    }

    /** Writes one element at the buffer's position (little-endian buffer), narrowing from float64. */
    void write(ByteBuffer buffer, double value) {
        switch (this) {
            case F64 -> buffer.putDouble(value);
            case F32 -> buffer.putFloat((float) value);
            default -> throw new IllegalStateException(this + " is not writable");
        }
    }

    /** IEEE 754 binary16 to binary32, exact (every half is a float); hand-written as Java 17 lacks it. */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
