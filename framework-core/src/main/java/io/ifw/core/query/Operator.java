package io.ifw.core.query;

/** A comparison operator, written as in the canonical form. */
public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!="),
    /** Case-insensitive equality of strings. */
    EQUALS_IGNORE_CASE("~="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the operator compares numbers only. */
    public boolean numbersOnly() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    /** The operator that gives the same result with the operands swapped ({@code 5>foo} is {@code foo<5}). */
    public Operator mirrored() {
        switch (this) {
            case LESS:
                return GREATER;
            case LESS_OR_EQUAL:
                return GREATER_OR_EQUAL;
            case GREATER:
                return LESS;
            case GREATER_OR_EQUAL:
                return LESS_OR_EQUAL;
            default:
                return this;
        }
    }
}
