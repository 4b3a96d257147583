package io.ifw.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Constraint checks and texts, in the forms of the Qt simulator's test vectors. */
class AttributeTest {

    @Test
    void shouldWriteConstraintsAsQtDoes() {
        assertThat(Attribute.unrestricted().constraintText()).isEmpty();
        assertThat(Attribute.unsupported().constraintText()).isEqualTo("unsupported");
        assertThat(Attribute.range(10.0, null).constraintText()).isEqualTo(">= 10");
        assertThat(Attribute.range(null, 10.0).constraintText()).isEqualTo("<= 10");
        assertThat(Attribute.range(0.0, 10.0).constraintText()).isEqualTo("[0-10]");
        assertThat(Attribute.range(16.5, 28.25).constraintText()).isEqualTo("[16.5-28.25]");
        assertThat(Attribute.domain(List.of("string1", "string2")).constraintText()).isEqualTo("[\"string1\",\"string2\"]");
        assertThat(Attribute.domain(List.of(1, 2, 3)).constraintText()).isEqualTo("[1,2,3]");
        assertThat(Attribute.domain(List.of(ValueAvailability.State.STALE)).constraintText()).isEqualTo("[\"STALE\"]");
    }

    @Test
    void shouldPutUnsupportedBeforeRangeBeforeDomain() {
        Attribute<Object> all = Attribute.range(0.0, 10.0).withDomain(List.of(1, 2)).withSupported(false);
        assertThat(all.constraintText()).isEqualTo("unsupported");
        assertThat(all.withSupported(true).constraintText()).isEqualTo("[0-10]");
    }

    @Test
    void shouldCheckSupportRangeAndDomain() {
        assertThat(Attribute.unrestricted().check(1)).isNull();
        assertThat(Attribute.unsupported().check(1)).isEqualTo(new FeatureError(ErrorCode.UNSUPPORTED, "unsupported"));
        assertThat(Attribute.range(10.0, null).check(11)).isNull();
        assertThat(Attribute.range(10.0, null).check(1)).isEqualTo(new FeatureError(ErrorCode.OUT_OF_RANGE, ">= 10"));
        assertThat(Attribute.range(null, 10.0).check(10)).isNull();
        assertThat(Attribute.range(null, 10.0).check(11)).isEqualTo(new FeatureError(ErrorCode.OUT_OF_RANGE, "<= 10"));
        assertThat(Attribute.range(0.0, 10.0).check(5)).isNull();
        assertThat(Attribute.range(0.0, 10.0).check(-5)).isEqualTo(new FeatureError(ErrorCode.OUT_OF_RANGE, "[0-10]"));
        assertThat(Attribute.range(0.0, 10.0).check(15.0)).isEqualTo(new FeatureError(ErrorCode.OUT_OF_RANGE, "[0-10]"));
        assertThat(Attribute.domain(List.of("string1", "string2")).check("string1")).isNull();
        assertThat(Attribute.domain(List.of("string1", "string2")).check("invalid"))
                .isEqualTo(new FeatureError(ErrorCode.OUT_OF_RANGE, "[\"string1\",\"string2\"]"));
        assertThat(Attribute.domain(List.of(1, 2)).check(2.0)).isNull();
    }

    @Test
    void shouldRefuseARangeWhoseMinimumIsAboveItsMaximum() {
        assertThatThrownBy(() -> Attribute.range(30.0, 16.0)).hasMessage("range minimum 30.0 is above its maximum 16.0");
    }

    @Test
    void shouldCompareByValue() {
        assertThat(Attribute.range(0.0, 1.0)).isEqualTo(Attribute.range(0.0, 1.0)).hasSameHashCodeAs(Attribute.range(0.0, 1.0));
        assertThat(Attribute.range(0.0, 1.0)).isNotEqualTo(Attribute.range(0.0, 2.0));
        assertThat(Attribute.unrestricted().toString()).isEqualTo("unrestricted");
    }
}
