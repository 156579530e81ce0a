package org.spinmon.analyzer.fuzz;

/** The families of damage the fuzzer inflicts, each a different way files go wrong in the field. */
public enum MutationClass {
    /** 1–8 random bit flips in the length prefix, the header, the data or anywhere. */
    BIT_FLIP("bit flips"),
    /** The file cut short inside the length prefix, the header, at every tensor boundary or inside a tensor. */
    TRUNCATION("truncation"),
    /** An absurd 8-byte header length: zero, off by one or eight, negative, 2^31, 2^32 + n, 2^63 − 1, random. */
    HEADER_LENGTH("header length"),
    /** The header's JSON damaged: tokens rewritten, bytes overwritten, duplicate or unknown keys, deep nesting,
     *  escapes, control characters, comments, trailing garbage; and harmless reformatting that must still read. */
    HEADER_JSON("header JSON"),
    /** Metadata values, keys and types: missing, unknown, non-string, out of range, malformed numbers and times. */
    METADATA("metadata"),
    /** Absurd shapes: huge, negative, fractional, non-numeric, overflowing products, rank 0 and rank 100,
     *  reshapes that keep the byte count. */
    ABSURD_SHAPE("absurd shapes"),
    /** Absurd data offsets: negative, huge, fractional, strings, wrong arity, reversed, misaligned. */
    ABSURD_OFFSETS("absurd offsets"),
    /** Two tensors sharing bytes: aliased spans, spans shifted into their neighbour. */
    OVERLAPPING_OFFSETS("overlapping offsets"),
    /** Spans past the data section, data sections shorter or longer than the spans (trailing garbage). */
    OUT_OF_RANGE_OFFSETS("out-of-range offsets"),
    /** Wrong dtypes: integer and boolean types, unknown names, non-strings, another float width with the data
     *  unchanged; and a faithful re-encoding in another float type, which must still read. */
    WRONG_DTYPE("wrong dtypes"),
    /** Layers that do not chain, missing, renamed, swapped or extra tensors, replica tensors that do not match;
     *  and consistent width changes and added biases, which must still read. */
    LAYER_CHAIN("layer chains and tensor sets"),
    /** NaN, ±infinity and extreme values planted in the payload: must read, with the count of non-finite values. */
    NAN_INF_PAYLOAD("NaN/Inf payloads"),
    /** Two or three mutations of the classes above applied one after the other. */
    COMBINED("combined");

    private final String label;

    MutationClass(String label) {
        this.label = label;
    }

    /** @return a short human label */
    public String label() {
        return label;
    }

    /** @return the name in file names: lower case with dashes */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
