package io.ifw.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The live constraints of a property: whether it is supported, its numeric range and its
 * domain (the list of allowed values). A backend may change them at any time; the front end
 * reports every change.
 *
 * <p>Checks and texts follow the Qt Interface Framework's simulator: {@code unsupported} wins, then
 * the range ({@code [min-max]}, {@code >= min}, {@code <= max}), then the domain
 * ({@code ["a","b"]}).
 *
 * @param <T> the property's value type
 */
public final class Attribute<T> {

    private static final Attribute<?> UNRESTRICTED = new Attribute<>(true, null, null, List.of());

    private final boolean supported;
    private final Double minimum;
    private final Double maximum;
    private final List<T> domain;

    private Attribute(boolean supported, Double minimum, Double maximum, List<T> domain) {
        this.supported = supported;
        this.minimum = minimum;
        this.maximum = maximum;
        this.domain = domain;
    }

    /** Supported, any value. */
    @SuppressWarnings("unchecked")
    public static <T> Attribute<T> unrestricted() {
        return (Attribute<T>) UNRESTRICTED;
    }

    /** Supported, values from {@code minimum} to {@code maximum} inclusive; {@code null} leaves a bound open. */
    public static <T> Attribute<T> range(Double minimum, Double maximum) {
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("range minimum " + minimum + " is above its maximum " + maximum);
        }
        return new Attribute<>(true, minimum, maximum, List.of());
    }

    /** Supported, only the given values. */
    public static <T> Attribute<T> domain(List<T> values) {
        return new Attribute<>(true, null, null, Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /** Not supported: every write fails with {@link ErrorCode#UNSUPPORTED}. */
    public static <T> Attribute<T> unsupported() {
        return new Attribute<>(false, null, null, List.of());
    }

    /** This attribute with the given support flag. */
    public Attribute<T> withSupported(boolean isSupported) {
        return new Attribute<>(isSupported, minimum, maximum, domain);
    }

    /** This attribute with the given range; {@code null} leaves a bound open. */
    public Attribute<T> withRange(Double min, Double max) {
        Attribute<T> range = range(min, max);
        return new Attribute<>(supported, range.minimum, range.maximum, domain);
    }

    /** This attribute with the given domain; an empty list allows every value. */
    public Attribute<T> withDomain(List<T> values) {
        return new Attribute<>(supported, minimum, maximum, Collections.unmodifiableList(new ArrayList<>(values)));
    }

    public boolean isSupported() {
        return supported;
    }

    /** The smallest allowed value, or {@code null} when open. */
    public Double minimum() {
        return minimum;
    }

    /** The largest allowed value, or {@code null} when open. */
    public Double maximum() {
        return maximum;
    }

    /** The allowed values; empty when any value is allowed. */
    public List<T> domain() {
        return domain;
    }

    /**
     * Whether {@code value} satisfies this attribute.
     *
     * @return {@code null} when it does, else the error naming the constraint
     */
    public FeatureError check(Object value) {
        if (!supported) {
            return new FeatureError(ErrorCode.UNSUPPORTED, "unsupported");
        }
        if ((minimum != null || maximum != null) && value instanceof Number number) {
            double v = number.doubleValue();
            if (!Double.isFinite(v) || (minimum != null && v < minimum) || (maximum != null && v > maximum)) {
                return new FeatureError(ErrorCode.OUT_OF_RANGE, constraintText());
            }
        }
        if (!domain.isEmpty() && !domainContains(value)) {
            return new FeatureError(ErrorCode.OUT_OF_RANGE, domainText());
        }
        return null;
    }

    private boolean domainContains(Object value) {
        for (T allowed : domain) {
            if (Objects.equals(allowed, value)) {
                return true;
            }
            if (allowed instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The constraint as the Qt simulator writes it: {@code unsupported}, {@code [0-10]},
     * {@code >= 10}, {@code <= 10}, {@code ["a","b"]}, or empty when there is none.
     */
    public String constraintText() {
        if (!supported) {
            return "unsupported";
        }
        if (minimum != null && maximum != null) {
            return "[" + number(minimum) + "-" + number(maximum) + "]";
        }
        if (minimum != null) {
            return ">= " + number(minimum);
        }
        if (maximum != null) {
            return "<= " + number(maximum);
        }
        return domain.isEmpty() ? "" : domainText();
    }

    private String domainText() {
        StringBuilder text = new StringBuilder("[");
        for (T value : domain) {
            if (text.length() > 1) {
                text.append(',');
            }
            if (value instanceof Number n) {
                text.append(number(n.doubleValue()));
            } else if (value instanceof Boolean) {
                text.append(value);
            } else {
                text.append('"').append(value instanceof Enum<?> e ? e.name() : String.valueOf(value).replace("\"", "\\\"")).append('"');
            }
        }
        return text.append(']').toString();
    }

    /** A double written as Qt writes a JSON number: {@code 10}, {@code 16.5}. */
    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attribute<?> a && supported == a.supported && Objects.equals(minimum, a.minimum)
                && Objects.equals(maximum, a.maximum) && domain.equals(a.domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(supported, minimum, maximum, domain);
    }

    @Override
    public String toString() {
        String text = constraintText();
        return text.isEmpty() ? "unrestricted" : text;
    }
}
