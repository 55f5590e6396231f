package org.tokendrift.tokenizer;

/**
 * One learned BPE rule: the adjacent tokens {@code left, right} become {@code result}. A
 * tokenizer's merges are ordered by rank; the lowest-ranked applicable merge is applied first.
 * A tokenizer trained by {@link BpeTrainer} gives merge {@code k} the result id
 * {@code BpeTokenizer.FIRST_MERGE_ID + k}.
 */
public record Merge(int left, int right, int result) {
}
