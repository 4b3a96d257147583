package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a framework property's value names another one ({@code org.osgi.service.http.port=${ifw.http.port}}). */
class ContainerLayoutTest {

    @Test
    void shouldReplaceEachReferenceToAnotherFrameworkPropertyWithItsValue() {
        Map<String, String> properties = Map.of("ifw.http.port", "8182", "org.apache.felix.http.host", "127.0.0.1");

        assertThat(ContainerLayout.resolveReferences("${ifw.http.port}", properties)).isEqualTo("8182");
        assertThat(ContainerLayout.resolveReferences("http://${org.apache.felix.http.host}:${ifw.http.port}/ifw/", properties))
                .isEqualTo("http://127.0.0.1:8182/ifw/");
        assertThat(ContainerLayout.resolveReferences("no reference", properties)).isEqualTo("no reference");
    }

    @Test
    void shouldLeaveAReferenceToAnUnknownPropertyAsItIs() {
        // e.g. a value meant for File Install or Felix, which resolve their own
        assertThat(ContainerLayout.resolveReferences("${ifw.unknown}/x and ${ifw.http.port}", Map.of("ifw.http.port", "0")))
                .isEqualTo("${ifw.unknown}/x and 0");
    }

    @Test
    void shouldReplaceOnceAndTakeAValueLiterally() {
        Map<String, String> properties = Map.of("a", "${b}", "b", "2", "dollar", "$1\\x");

        assertThat(ContainerLayout.resolveReferences("${a}", properties)).isEqualTo("${b}");
        assertThat(ContainerLayout.resolveReferences("[${dollar}]", properties)).isEqualTo("[$1\\x]");
    }
}
