package org.tokendrift.kernel.execution;

/**
 * What a cell left as its value: the live object of its last expression, or nothing when the cell
 * ended with a statement or a declaration.
 *
 * @param hasValue whether the cell ended with an expression
 * @param value    that expression's value (may be {@code null}); {@code null} when there is none
 */
public record Evaluation(boolean hasValue, Object value) {

    /** A cell that ended with a statement or a declaration. */
    public static final Evaluation NO_VALUE = new Evaluation(false, null);

    public static Evaluation of(Object value) {
        return new Evaluation(true, value);
    }
}
