package org.spinmon.analyzer.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives numbered mutants from seed files, reproducibly: mutant {@code i} of a campaign seed is always the same
 * file. Classes and seeds take turns (mutant i is of class i mod 13 and of seed ⌊i / 13⌋ mod the number of
 * seeds), so every class meets every seed equally often.
 */
public final class Mutator {

    private static final MutationClass[] CLASSES = MutationClass.values();
    private static final MutationClass[] STRUCTURAL = {MutationClass.HEADER_JSON, MutationClass.METADATA,
            MutationClass.ABSURD_SHAPE, MutationClass.ABSURD_OFFSETS, MutationClass.OVERLAPPING_OFFSETS,
            MutationClass.OUT_OF_RANGE_OFFSETS, MutationClass.WRONG_DTYPE, MutationClass.LAYER_CHAIN,
            MutationClass.NAN_INF_PAYLOAD};

    private final List<SeedFile> seeds;
    private final long campaignSeed;

    /** A mutator of {@code seeds} for the campaign {@code campaignSeed}. */
    public Mutator(List<SeedFile> seeds, long campaignSeed) {
        this.seeds = List.copyOf(seeds);
        this.campaignSeed = campaignSeed;
    }

    /** @return mutant number {@code index} */
    public Mutant mutant(int index) {
        SplittableRandom random = new SplittableRandom(campaignSeed + 0x9E3779B97F4A7C15L * index);
        MutationClass family = CLASSES[index % CLASSES.length];
        SeedFile seed = seeds.get((index / CLASSES.length) % seeds.size());
        return new Mutant(index, seed, family, apply(family, seed, random));
    }

    /** @return one mutation of class {@code family} of {@code seed} */
    static Mutation apply(MutationClass family, SeedFile seed, SplittableRandom random) {
        return switch (family) {
            case BIT_FLIP -> ByteMutations.bitFlips(seed, random);
            case TRUNCATION -> ByteMutations.truncation(seed, random);
            case HEADER_LENGTH -> ByteMutations.headerLength(seed, random);
            case HEADER_JSON -> HeaderMutations.mutate(seed, random);
            case METADATA -> MetadataMutations.mutate(seed, random);
            case ABSURD_SHAPE -> LayoutMutations.absurdShape(seed, random);
            case ABSURD_OFFSETS -> LayoutMutations.absurdOffsets(seed, random);
            case OVERLAPPING_OFFSETS -> LayoutMutations.overlapping(seed, random);
            case OUT_OF_RANGE_OFFSETS -> LayoutMutations.outOfRange(seed, random);
            case WRONG_DTYPE -> TensorMutations.wrongDtype(seed, random);
            case LAYER_CHAIN -> ChainMutations.mutate(seed, random);
            case NAN_INF_PAYLOAD -> TensorMutations.nanInf(seed, random);
            case COMBINED -> combined(seed, random);
        };
    }

    /** A structural mutation followed by one or two kinds of raw damage that need no structure to apply. */
    private static Mutation combined(SeedFile seed, SplittableRandom random) {
        Mutation first = apply(STRUCTURAL[random.nextInt(STRUCTURAL.length)], seed, random);
        byte[] bytes = first.bytes();
        StringBuilder description = new StringBuilder(first.description());
        int rounds = 1 + random.nextInt(2);
        for (int r = 0; r < rounds && bytes.length > 0; r++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                    description.append(", then a bit flipped at byte ").append(at);
                }
                case 1 -> {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = (byte) random.nextInt(256);
                    description.append(", then byte ").append(at).append(" overwritten");
                }
                case 2 -> {
                    int cut = random.nextInt(bytes.length);
                    bytes = Arrays.copyOf(bytes, cut);
                    description.append(", then cut to ").append(cut).append(" bytes");
                }
                default -> {
                    int extra = 1 + random.nextInt(8);
                    bytes = Arrays.copyOf(bytes, bytes.length + extra);
                    description.append(", then ").append(extra).append(" zero bytes appended");
                }
            }
        }
        return new Mutation(description.toString(), bytes, Expectation.any());
    }
}
