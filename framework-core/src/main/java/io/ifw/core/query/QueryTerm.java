package io.ifw.core.query;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A node of a parsed query's filter. {@link #toString()} gives the canonical form: comparisons
 * with the field first, {@code =} for {@code ==}, strings unquoted, numbers in decimal,
 * {@code " & "} and {@code " | "}, parentheses where they were written.
 */
@ProviderType
public sealed interface QueryTerm permits QueryTerm.Comparison, QueryTerm.Conjunction, QueryTerm.Negation, QueryTerm.Group {

    /**
     * {@code field operator value}. The value is a {@code String}, a {@code Long} or a {@code Double}.
     */
    record Comparison(String field, Operator operator, Object value) implements QueryTerm {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return field + operator.symbol() + QueryTerm.literal(value);
        }
    }

    /** Two terms joined by {@code &} or {@code |}; {@code &} binds tighter. */
    record Conjunction(boolean and, QueryTerm left, QueryTerm right) implements QueryTerm {
        public Conjunction {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return left + (and ? " & " : " | ") + right;
        }
    }

    /** {@code !term}. */
    record Negation(QueryTerm term) implements QueryTerm {
        public Negation {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public String toString() {
            return "!" + term;
        }
    }

    /** {@code (term)}, kept so that the canonical form shows the parentheses that were written. */
    record Group(QueryTerm term) implements QueryTerm {
        public Group {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public String toString() {
            return "(" + term + ")";
        }
    }

    /** A literal as the canonical form writes it: strings as they are, doubles in the shortest form. */
    static String literal(Object value) {
        if (value instanceof Double d) {
            return shortest(d);
        }
        return value.toString();
    }

    /** Qt's shortest form of a double: {@code 5.1}, {@code -5e+15}, {@code 5e-15}. */
    private static String shortest(double value) {
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        }
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(text.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
