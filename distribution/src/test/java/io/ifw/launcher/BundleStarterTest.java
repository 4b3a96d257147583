package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class BundleStarterTest {

    @Test
    void shouldStartTheFrameworkServicesFirstInTheirOrderAndTheRestInTheFoldersOrder() {
        List<Bundle> folderOrder = List.of(bundle("asm"), bundle("io.ifw.core"), bundle("io.ifw.journal"), bundle("org.apache.aries.spifly.dynamic.bundle"),
                bundle("org.apache.felix.configadmin"), bundle("org.apache.felix.fileinstall"), bundle("org.apache.felix.log"),
                bundle("org.apache.felix.scr"), bundle(null), bundle("websocket-servlet"));

        List<Bundle> order = new ArrayList<>(folderOrder);
        order.sort(Comparator.comparingInt(BundleStarter::startRank));

        assertThat(order).extracting(Bundle::getSymbolicName).containsExactly("org.apache.felix.log", "org.apache.felix.configadmin",
                "org.apache.felix.fileinstall", "org.apache.felix.scr", "asm", "io.ifw.core", "io.ifw.journal",
                "org.apache.aries.spifly.dynamic.bundle", null, "websocket-servlet");
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(BundleStarterTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "toString" -> String.valueOf(symbolicName);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
