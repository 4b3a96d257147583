package io.ifw.core.query;

import io.ifw.core.model.EnumType;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.ValueType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A query compiled against the record type of a model's items: a predicate and an order. Fields
 * must be fields of the record, and each comparison must suit its field's type: strings and enum
 * constants (by name) compare with strings, numbers with numbers, booleans with {@code true} /
 * {@code false} as strings. In string comparisons {@code *} and {@code ?} are wildcards.
 */
public final class QueryFilter {

    private final Query query;
    private final Predicate<Object> predicate;
    private final Comparator<Object> order;

    private QueryFilter(Query query, Predicate<Object> predicate, Comparator<Object> order) {
        this.query = query;
        this.predicate = predicate;
        this.order = order;
    }

    /**
     * @throws QueryException naming the field and what does not fit
     */
    public static QueryFilter compile(Query query, RecordType items) {
        Map<String, RecordType.Field> fields = new HashMap<>();
        items.fields().forEach(field -> fields.put(field.name(), field));
        Predicate<Object> predicate = query.filter() == null ? item -> true : predicate(query, query.filter(), fields);
        Comparator<Object> order = null;
        for (OrderTerm term : query.order()) {
            RecordType.Field field = field(query, fields, term.field());
            Comparator<Object> next = Comparator.comparing(item -> sortKey(read(field, item)), Comparator.nullsFirst(Comparator.naturalOrder()));
            next = term.ascending() ? next : next.reversed();
            order = order == null ? next : order.thenComparing(next);
        }
        return new QueryFilter(query, predicate, order);
    }

    /** Whether an item matches the filter. */
    public boolean matches(Object item) {
        return predicate.test(item);
    }

    /** The order of the sort clauses, or {@code null} when the query has none. */
    public Comparator<Object> order() {
        return order;
    }

    public Query query() {
        return query;
    }

    private static Predicate<Object> predicate(Query query, QueryTerm term, Map<String, RecordType.Field> fields) {
        if (term instanceof QueryTerm.Comparison comparison) {
            return comparison(query, comparison, field(query, fields, comparison.field()));
        }
        if (term instanceof QueryTerm.Conjunction conjunction) {
            Predicate<Object> left = predicate(query, conjunction.left(), fields);
            Predicate<Object> right = predicate(query, conjunction.right(), fields);
            return conjunction.and() ? left.and(right) : left.or(right);
        }
        if (term instanceof QueryTerm.Negation negation) {
            return predicate(query, negation.term(), fields).negate();
        }
        return predicate(query, ((QueryTerm.Group) term).term(), fields);
    }

    private static Predicate<Object> comparison(Query query, QueryTerm.Comparison comparison, RecordType.Field field) {
        ValueType type = field.type();
        Object value = comparison.value();
        Operator op = comparison.operator();
        boolean numeric = type instanceof ScalarType s && s.isNumeric();
        boolean textual = type == ScalarType.STRING || type instanceof EnumType || type == ScalarType.BOOLEAN;
        if (numeric && value instanceof Number number) {
            double expected = number.doubleValue();
            return item -> {
                Object actual = read(field, item);
                return actual instanceof Number n && compare(op, Double.compare(n.doubleValue(), expected));
            };
        }
        if (textual && value instanceof String text && !op.numbersOnly()) {
            Pattern pattern = wildcard(text, op == Operator.EQUALS_IGNORE_CASE);
            boolean negate = op == Operator.NOT_EQUALS;
            return item -> {
                Object actual = read(field, item);
                boolean equal = actual != null && pattern.matcher(actual instanceof Enum<?> e ? e.name() : actual.toString()).matches();
                return negate != equal;
            };
        }
        throw new QueryException(query.toString(), 0, "the field '" + field.name() + "' is " + type.displayName()
                + ", which '" + op.symbol() + "' cannot compare with " + (value instanceof String ? "the string '" + value + "'" : value));
    }

    private static boolean compare(Operator op, int result) {
        switch (op) {
            case EQUALS:
            case EQUALS_IGNORE_CASE:
                return result == 0;
            case NOT_EQUALS:
                return result != 0;
            case LESS:
                return result < 0;
            case LESS_OR_EQUAL:
                return result <= 0;
            case GREATER:
                return result > 0;
            default:
                return result >= 0;
        }
    }

    private static Pattern wildcard(String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }

    private static RecordType.Field field(Query query, Map<String, RecordType.Field> fields, String name) {
        RecordType.Field field = fields.get(name);
        if (field == null) {
            throw new QueryException(query.toString(), 0, "unknown field '" + name + "' (fields: "
                    + String.join(", ", new java.util.TreeSet<>(fields.keySet())) + ")");
        }
        return field;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortKey(Object value) {
        if (value instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value instanceof Comparable c ? c : String.valueOf(value);
    }

    private static Object read(RecordType.Field field, Object item) {
        Method accessor = field.accessor();
        try {
            return accessor.invoke(item);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.name() + " of " + item, e);
        }
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
