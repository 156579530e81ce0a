package org.spinmon.analyzer.safetensors;

import java.util.Arrays;

/**
 * One tensor entry of a validated safetensors header.
 *
 * @param name  the tensor's name
 * @param dtype its element type
 * @param shape its dimensions, each ≥ 0 (a rank-0 tensor has one element)
 * @param begin first byte in the data section
 * @param end   one past the last byte in the data section; (end − begin) = Π shape · dtype size
 */
public record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {

    /** Copies the shape in. */
    public TensorInfo {
        shape = shape.clone();
    }

    /** @return a copy of the dimensions */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return dimension {@code k} */
    public int dim(int k) {
        return shape[k];
    }

    /** @return the number of elements, Π shape */
    public long elements() {
        return (end - begin) / dtype.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape) + Long.hashCode(begin);
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape) + "@[" + begin + "," + end + ")";
    }
}
