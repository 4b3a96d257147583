package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.testing.TestBackends.LampBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static final LampBackend LAMP = new LampBackend(false, 10);
    private final BackendCandidate hardware = candidate("hardware", "production", 0, 10);
    private final BackendCandidate spare = candidate("spare-hardware", "production", 5, 11);
    private final BackendCandidate simulator = candidate("simulator", "simulation", 100, 12);
    private final BackendCandidate recorder = candidate("recorded-sim", "simulation", 0, 13);
    private final List<BackendCandidate> all = List.of(simulator, hardware, recorder, spare);

    @Test
    void shouldPreferProductionThenRankingInAuto() {
        assertThat(names(BackendSelector.order(all, settings(DiscoveryMode.AUTO), null)))
                .containsExactly("spare-hardware", "hardware", "simulator", "recorded-sim");
    }

    @Test
    void shouldFallBackToSimulationInAutoWhenNoProductionIsThere() {
        assertThat(names(BackendSelector.order(List.of(recorder, simulator), settings(DiscoveryMode.AUTO), null)))
                .containsExactly("simulator", "recorded-sim");
    }

    @Test
    void shouldKeepToTheKindOfTheMode() {
        assertThat(names(BackendSelector.order(all, settings(DiscoveryMode.PRODUCTION_ONLY), null)))
                .containsExactly("spare-hardware", "hardware");
        assertThat(names(BackendSelector.order(all, settings(DiscoveryMode.SIMULATION_ONLY), null)))
                .containsExactly("simulator", "recorded-sim");
        assertThat(BackendSelector.order(all, settings(DiscoveryMode.NONE), null)).isEmpty();
    }

    @Test
    void shouldTryPreferredGlobsInOrderBeforeTheModesOrder() {
        DiscoverySettings preferring = new DiscoverySettings(DiscoveryMode.AUTO, List.of("*SIM", "hard*"), 1000, "test");

        assertThat(names(BackendSelector.order(all, preferring, null)))
                .containsExactly("recorded-sim", "hardware", "spare-hardware", "simulator");
    }

    @Test
    void shouldLetAGlobMatchOneCharacterWithQuestionMark() {
        DiscoverySettings preferring = new DiscoverySettings(DiscoveryMode.AUTO, List.of("s?mulator"), 1000, "test");

        assertThat(names(BackendSelector.order(all, preferring, null)).get(0)).isEqualTo("simulator");
    }

    @Test
    void shouldBreakRankingTiesByTheOlderService() {
        BackendCandidate younger = candidate("b", "production", 0, 50);
        BackendCandidate older = candidate("a", "production", 0, 40);

        assertThat(names(BackendSelector.order(List.of(younger, older), settings(DiscoveryMode.AUTO), null))).containsExactly("a", "b");
    }

    @Test
    void shouldBindOnlyTheBackendChosenByName() {
        assertThat(names(BackendSelector.order(all, settings(DiscoveryMode.NONE), "recorded-sim"))).containsExactly("recorded-sim");
        assertThat(BackendSelector.order(all, settings(DiscoveryMode.AUTO), "gone")).isEmpty();
    }

    @Test
    void shouldReportTheResultOfEachOutcome() {
        assertThat(BackendSelector.result(hardware, settings(DiscoveryMode.AUTO), null)).isEqualTo(DiscoveryResult.PRODUCTION_BACKEND_LOADED);
        assertThat(BackendSelector.result(simulator, settings(DiscoveryMode.AUTO), null)).isEqualTo(DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertThat(BackendSelector.result(simulator, settings(DiscoveryMode.NONE), "simulator")).isEqualTo(DiscoveryResult.MANUALLY_BOUND);
        assertThat(BackendSelector.result(null, settings(DiscoveryMode.AUTO), null)).isEqualTo(DiscoveryResult.NO_BACKEND_FOUND);
        assertThat(BackendSelector.result(null, settings(DiscoveryMode.NONE), null)).isEqualTo(DiscoveryResult.NO_RESULT);
    }

    private static DiscoverySettings settings(DiscoveryMode mode) {
        return new DiscoverySettings(mode, List.of(), 1000, "test");
    }

    private static BackendCandidate candidate(String name, String kind, int ranking, long serviceId) {
        return new BackendCandidate(new BackendInfo(name, kind, false, ranking, serviceId), LAMP);
    }

    private static List<String> names(List<BackendCandidate> candidates) {
        return candidates.stream().map(c -> c.info().name()).toList();
    }
}
