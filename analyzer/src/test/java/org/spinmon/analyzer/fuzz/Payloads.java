package org.spinmon.analyzer.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Encodes and decodes tensor payloads in the float types the reader accepts, little-endian. */
final class Payloads {

    private Payloads() {
    }

    /** @return the values of a payload of type {@code dtype} */
    static double[] decode(byte[] payload, String dtype) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[payload.length / LayoutMutations.elementSize(dtype)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F64" -> b.getDouble();
                case "F32" -> b.getFloat();
                case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                default -> halfToFloat(b.getShort());
            };
        }
        return values;
    }

    /** @return {@code values} as a payload of type {@code dtype} (narrowed by truncation, which keeps them finite) */
    static byte[] encode(double[] values, String dtype) {
        ByteBuffer b = ByteBuffer.allocate(values.length * LayoutMutations.elementSize(dtype))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dtype) {
                case "F64" -> b.putDouble(v);
                case "F32" -> b.putFloat((float) v);
                case "BF16" -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                default -> b.putShort(floatToHalf((float) v));
            }
        }
        return b.array();
    }

    /** @return {@code count} finite values N(0, 0.1)-like in type {@code dtype} */
    static byte[] random(int count, String dtype, SplittableRandom random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = 0.3 * (random.nextDouble() - 0.5);
        }
        return encode(values, dtype);
    }

    /** Writes the raw bits {@code bits} (of the type's width) as element {@code index} of {@code payload}. */
    static void putBits(byte[] payload, String dtype, int index, long bits) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        switch (LayoutMutations.elementSize(dtype)) {
            case 8 -> b.putLong(index * 8, bits);
            case 4 -> b.putInt(index * 4, (int) bits);
            default -> b.putShort(index * 2, (short) bits);
        }
    }

    /** IEEE 754 binary32 to binary16 by truncation; values beyond the half range become ±65504. */
    static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        float magnitude = Math.abs(value);
        if (Float.isNaN(value)) {
            return (short) 0x7E00;
        }
        if (magnitude >= 65504f) {
            return (short) (sign | 0x7BFF);
        }
        if (magnitude < 0x1p-14f) {
            return (short) (sign | (int) (magnitude * 0x1p24f));
        }
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        return (short) (sign | (exponent << 10) | ((bits >>> 13) & 0x3FF));
    }

    /** IEEE 754 binary16 to binary32, exact. */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float m = mantissa * 0x1p-24f;
            return sign == 0 ? m : -m;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
