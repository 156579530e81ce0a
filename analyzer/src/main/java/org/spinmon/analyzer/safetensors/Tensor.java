package org.spinmon.analyzer.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor held in float64, row-major (C order), whatever its type on disk.
 *
 * @param name   its name in the file
 * @param shape  its dimensions
 * @param values Π shape values, row-major; copied in and out
 */
public record Tensor(String name, int[] shape, double[] values) {

    /** Validates that the values fill the shape and copies both in. */
    public Tensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values do not fill "
                    + Arrays.toString(shape));
        }
        values = values.clone();
    }

    /** @return a copy of the dimensions */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return a copy of the values */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return dimension {@code k} */
    public int dim(int k) {
        return shape[k];
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + Arrays.toString(shape) + "]";
    }
}
