package org.tokendrift.kernel.execution;

/**
 * A cell called a method or used a class that JShell accepted while it still refers to something
 * not yet declared (JShell's "recoverable" definitions).
 */
public final class UndeclaredReferenceException extends Exception {

    public UndeclaredReferenceException(String declaration, java.util.List<String> missing) {
        super(declaration + " cannot be used until " + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " declared");
    }
}
