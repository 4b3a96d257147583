package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.BackendInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class BackendOrderTest {

    @Test
    void shouldReadABackendFromItsServiceProperties() {
        BackendInfo info = BackendOrder.info(Map.of(Constants.SERVICE_ID, 42L, Constants.SERVICE_RANKING, 7,
                BackendProperties.BACKEND_NAME, "hvac", BackendProperties.BACKEND_KIND, "simulation", BackendProperties.BACKEND_REMOTE, "true"));

        assertThat(info).isEqualTo(new BackendInfo("hvac", "simulation", true, 7, 42L));
    }

    @Test
    void shouldNameAnUnnamedBackendByItsServiceAndMakeItProduction() {
        BackendInfo info = BackendOrder.info(Map.of(Constants.SERVICE_ID, 9L));

        assertThat(info).isEqualTo(new BackendInfo("backend-9", "production", false, 0, 9L));
        assertThat(BackendOrder.name(Map.of(Constants.SERVICE_ID, 9L))).isEqualTo("backend-9");
        assertThat(BackendOrder.name(Map.of(Constants.SERVICE_ID, 9L, BackendProperties.BACKEND_NAME, "hvac"))).isEqualTo("hvac");
    }

    @Test
    void shouldIgnoreABackendOfAnUnknownKind() {
        assertThat(BackendOrder.info(Map.of(Constants.SERVICE_ID, 3L, BackendProperties.BACKEND_KIND, "recorded"))).isNull();
    }

    @Test
    void shouldPutProductionFirstThenHigherRankingThenTheOlderService() {
        BackendInfo simulatorRankedHigh = new BackendInfo("sim", "simulation", false, 100, 1);
        BackendInfo hardware = new BackendInfo("hardware", "production", false, 0, 20);
        BackendInfo olderHardware = new BackendInfo("old-hardware", "production", false, 0, 10);
        BackendInfo spare = new BackendInfo("spare", "production", false, 5, 30);
        List<BackendInfo> all = new ArrayList<>(List.of(simulatorRankedHigh, hardware, olderHardware, spare));

        all.sort(BackendOrder.AUTOMATIC);

        assertThat(all).extracting(BackendInfo::name).containsExactly("spare", "old-hardware", "hardware", "sim");
    }
}
