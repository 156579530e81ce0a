package org.spinmon.analyzer.fuzz;

/**
 * A numbered mutant of a campaign: which seed it came from, by which class of mutation, and the mutation.
 *
 * @param index    its number in the campaign; with the campaign seed it regenerates the same mutant
 * @param seed     the seed file it was derived from
 * @param family   the class of mutation
 * @param mutation the damaged file and its expected outcome
 */
public record Mutant(int index, SeedFile seed, MutationClass family, Mutation mutation) {

    /** @return a file name that says what the mutant is: {@code m00042-v1-f32-bit-flip.safetensors} */
    public String fileName() {
        return String.format("m%05d-%s-%s.safetensors", index, seed.name(), family.slug());
    }

    /** @return which reader the mutant is for */
    public FileKind kind() {
        return seed.kind();
    }
}
