package io.ifw.backend.remote.aeron.client;

import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.core.model.CompatibilityReport;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.OfferDecoder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server offers, matched with the feature interfaces of this process: each offered
 * feature this client takes is subscribed when it is new or changed, registered as a backend once
 * its snapshot is in, marked INCOMPATIBLE (with the member differences) when it does not fit, and
 * withdrawn when the server no longer offers it. Client agent only, except
 * {@link #feature(int)}.
 */
final class ClientOffers {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName()); // the client's one log category

    /** One feature of the last offer. */
    private record OfferEntry(int index, String featureId, String fingerprint, String kind, String backendName, String schemaText) {
    }

    private final RemoteClient client;
    private final ClientSettings settings;
    private final RemoteClient.FeatureModels models;
    private final RemoteBackendRegistrations registrations;
    private final Map<String, RemoteFeature> features;
    private final BadInput badInput;
    private final Set<String> loggedIncompatible = ConcurrentHashMap.newKeySet();
    private List<OfferEntry> lastOffer = List.of();
    private volatile RemoteFeature[] byServerIndex = new RemoteFeature[0];

    ClientOffers(RemoteClient client, RemoteClient.FeatureModels models, RemoteBackendRegistrations registrations,
                 Map<String, RemoteFeature> features, BadInput badInput) {
        this.client = client;
        this.settings = client.settings();
        this.models = models;
        this.registrations = registrations;
        this.features = features;
        this.badInput = badInput;
    }

    /** The feature of a server index in the current offer, or {@code null} when this client does not take it. */
    RemoteFeature feature(int serverIndex) {
        RemoteFeature[] indexed = byServerIndex;
        return serverIndex >= 0 && serverIndex < indexed.length ? indexed[serverIndex] : null;
    }

    /** Matches the last offer with this process's features: subscribes, registers, withdraws. */
    void reconcile() {
        if (client.sessionId() == 0) {
            return;
        }
        Set<String> offered = new HashSet<>();
        int size = 0;
        for (OfferEntry entry : lastOffer) {
            size = Math.max(size, entry.index() + 1);
        }
        RemoteFeature[] indexed = new RemoteFeature[size];
        for (OfferEntry entry : lastOffer) {
            if (!settings.takes(entry.featureId())) {
                continue;
            }
            offered.add(entry.featureId());
            RemoteFeature feature = features.computeIfAbsent(entry.featureId(), id -> new RemoteFeature(id, client));
            FeatureModel local = models.model(entry.featureId());
            if (local == null) {
                feature.detail = "this process has no feature interface " + entry.featureId();
                feature.state = RemoteFeature.State.UNKNOWN_HERE;
                registrations.withdraw(feature);
                continue;
            }
            boolean same = feature.serverIndex == entry.index() && feature.serverFingerprint.equals(entry.fingerprint())
                    && feature.model == local && feature.state != RemoteFeature.State.UNKNOWN_HERE
                    && feature.state != RemoteFeature.State.INCOMPATIBLE && feature.state != RemoteFeature.State.WITHDRAWN
                    && feature.state != RemoteFeature.State.LOST;
            boolean relabelled = !feature.serverKind.equals(entry.kind()) || !feature.serverBackend.equals(entry.backendName());
            CompatibilityReport report;
            try {
                report = feature.adopt(local, entry.index(), entry.fingerprint(), entry.kind(), entry.backendName(), entry.schemaText());
            } catch (IllegalArgumentException e) {
                feature.detail = "unreadable schema: " + e.getMessage();
                feature.state = RemoteFeature.State.INCOMPATIBLE;
                badInput.dropped(settings.channel(), "unreadable schema in an offer", entry.featureId() + ": " + e.getMessage());
                registrations.withdraw(feature);
                continue;
            }
            if (!report.compatible()) {
                feature.detail = report.summary();
                feature.state = RemoteFeature.State.INCOMPATIBLE;
                if (loggedIncompatible.add(entry.featureId() + "|" + entry.fingerprint())) {
                    LOG.log(Level.WARNING, "IFW: " + client.describe() + ": the server's " + entry.featureId() + " does not fit this one ("
                            + report.summary() + "); not served");
                }
                registrations.incompatible(feature, report.summary());
                continue;
            }
            if (feature.registeredIncompatible) {
                registrations.withdraw(feature); // registered again, as a backend that serves, once its snapshot is in
            }
            indexed[entry.index()] = feature;
            if (relabelled) {
                registrations.relabel(feature);
            }
            if (!same) {
                feature.resync();
                if (feature.state != RemoteFeature.State.LOST) {
                    feature.state = RemoteFeature.State.SYNCING;
                }
                feature.detail = report.summary().equals("identical") ? "" : report.summary();
                client.subscribe(feature, entry.index());
            }
        }
        byServerIndex = indexed;
        for (RemoteFeature feature : features.values()) {
            if (!offered.contains(feature.featureId) && feature.state != RemoteFeature.State.WITHDRAWN) {
                feature.state = RemoteFeature.State.WITHDRAWN;
                feature.detail = "the server no longer offers it";
                feature.serverIndex = -1;
                registrations.withdraw(feature);
                feature.lost("the server no longer offers it");
            }
        }
    }

    void onOffer(OfferDecoder message) {
        List<OfferEntry> entries = new ArrayList<>();
        for (OfferDecoder.FeaturesDecoder entry : message.features()) {
            entries.add(new OfferEntry(entry.featureIndex(), entry.featureId(), entry.fingerprint(), entry.kind(), entry.backendName(),
                    entry.schemaText()));
        }
        lastOffer = entries;
        reconcile();
    }
}
