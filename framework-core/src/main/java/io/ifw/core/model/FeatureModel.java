package io.ifw.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable model of one feature interface. Read once per interface with {@link #of(Class)}
 * (cached); thread-safe.
 */
public final class FeatureModel {

    private final String id;
    private final String version;
    private final Class<?> featureInterface;
    private final boolean zoned;
    private final List<String> defaultZones;
    private final List<Member> members;
    private final Map<String, Member> byName;
    private final Map<java.lang.reflect.Method, Member> byMethod;
    private final String schemaText;
    private final String fingerprint;
    private volatile PeerSchema ownSchema;

    FeatureModel(String id, String version, Class<?> featureInterface, boolean zoned, List<String> defaultZones,
                 List<Member> members) {
        this.id = id;
        this.version = version;
        this.featureInterface = featureInterface;
        this.zoned = zoned;
        this.defaultZones = List.copyOf(defaultZones);
        this.members = List.copyOf(members);
        this.byName = new HashMap<>();
        this.byMethod = new HashMap<>();
        for (Member member : members) {
            byName.put(member.name(), member);
            byMethod.put(member.method(), member);
        }
        this.schemaText = schemaText(id, members);
        this.fingerprint = fingerprint(schemaText);
    }

    /**
     * The model of a feature interface, read on first use and cached.
     *
     * @throws FeatureModelException naming the interface, member and reason when the interface
     *     cannot be expressed
     */
    public static FeatureModel of(Class<?> featureInterface) {
        return FeatureModelReader.read(featureInterface);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Class<?> featureInterface() {
        return featureInterface;
    }

    /** Whether the feature extends {@code ZonedFeature}. */
    public boolean isZoned() {
        return zoned;
    }

    /** The zones of {@code @Zones}; empty when not declared. */
    public List<String> defaultZones() {
        return defaultZones;
    }

    /** All members, ordered by name; a member's index is its position here. */
    public List<Member> members() {
        return members;
    }

    /** The member at {@code index}. */
    public Member member(int index) {
        return members.get(index);
    }

    /** The member named {@code name}, or {@code null}. */
    public Member member(String name) {
        return byName.get(name);
    }

    /** The member declared by {@code method}, or {@code null}. */
    public Member memberFor(java.lang.reflect.Method method) {
        return byMethod.get(method);
    }

    /**
     * The property named {@code name}.
     *
     * @throws IllegalArgumentException naming the member and the feature when there is no such property
     */
    public PropertyMember property(String name) {
        if (byName.get(name) instanceof PropertyMember property) {
            return property;
        }
        throw new IllegalArgumentException("no property '" + name + "' in " + id + " (properties: " + names(properties()) + ")");
    }

    /**
     * The operation named {@code name}.
     *
     * @throws IllegalArgumentException naming the member and the feature when there is no such operation
     */
    public OperationMember operation(String name) {
        if (byName.get(name) instanceof OperationMember operation) {
            return operation;
        }
        throw new IllegalArgumentException("no operation '" + name + "' in " + id + " (operations: " + names(operations()) + ")");
    }

    public List<PropertyMember> properties() {
        return ofKind(PropertyMember.class);
    }

    public List<OperationMember> operations() {
        return ofKind(OperationMember.class);
    }

    public List<SignalMember> signals() {
        return ofKind(SignalMember.class);
    }

    public List<ModelMember> models() {
        return ofKind(ModelMember.class);
    }

    private <M extends Member> List<M> ofKind(Class<M> kind) {
        List<M> result = new ArrayList<>();
        for (Member member : members) {
            if (kind.isInstance(member)) {
                result.add(kind.cast(member));
            }
        }
        return result;
    }

    private static String names(Collection<? extends Member> members) {
        return members.isEmpty() ? "none" : String.join(", ", members.stream().map(Member::name).toList());
    }

    /**
     * The canonical text the fingerprint is computed from: the id and every member's signature
     * (names, types, parameter and field order), one per line, ordered by name. Versions,
     * attributes and zones are left out: they are informative or live data.
     */
    public String schemaText() {
        return schemaText;
    }

    /** A stable 16-hex-digit fingerprint of {@link #schemaText()}. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Compares this model with a peer's, member by member by name: members on one side only are
     * tolerated; a member in both with another kind or an incompatible type is a conflict.
     */
    public CompatibilityReport compareWith(FeatureModel peer) {
        return compareWith(peer, Set.of());
    }

    /**
     * As {@link #compareWith(FeatureModel)}, where the members named in {@code required} must also
     * exist on the peer.
     */
    public CompatibilityReport compareWith(FeatureModel peer, Set<String> required) {
        return compareWith(PeerSchema.of(peer), required);
    }

    /**
     * As {@link #compareWith(FeatureModel, Set)}, with a peer known only by its schema text (a
     * remote process, a journal written by another build).
     */
    public CompatibilityReport compareWith(PeerSchema peer, Set<String> required) {
        List<String> conflicts = new ArrayList<>();
        List<String> onlyHere = new ArrayList<>();
        List<String> onlyThere = new ArrayList<>();
        if (!id.equals(peer.featureId())) {
            conflicts.add("feature id " + id + " here, " + peer.featureId() + " there");
        }
        PeerSchema own = ownSchema();
        for (PeerSchema.PeerMember member : own.members()) {
            PeerSchema.PeerMember other = peer.member(member.name());
            if (other == null) {
                onlyHere.add(member.name());
                if (required.contains(member.name())) {
                    conflicts.add(member.name() + ": required here, missing there");
                }
            } else if (!compatible(member, other)) {
                conflicts.add(member.name() + ": " + member.signature() + " here, " + other.signature() + " there");
            }
        }
        for (PeerSchema.PeerMember other : peer.members()) {
            if (member(other.name()) == null) {
                onlyThere.add(other.name());
            }
        }
        return new CompatibilityReport(conflicts.isEmpty(), conflicts, onlyHere, onlyThere);
    }

    private PeerSchema ownSchema() {
        PeerSchema schema = ownSchema;
        if (schema == null) {
            schema = PeerSchema.parse(schemaText);
            ownSchema = schema;
        }
        return schema;
    }

    private static boolean compatible(PeerSchema.PeerMember here, PeerSchema.PeerMember there) {
        if (here.kind() != there.kind() || here.readOnly() != there.readOnly() || here.types().size() != there.types().size()) {
            return false;
        }
        for (int i = 0; i < here.types().size(); i++) {
            if (!here.types().get(i).compatibleWith(there.types().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String schemaText(String id, List<Member> members) {
        StringBuilder text = new StringBuilder("feature ").append(id).append('\n');
        for (Member member : members) {
            text.append(member.signature()).append('\n');
        }
        return text.toString();
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "FeatureModel[" + id + " " + version + ", " + members.size() + " members, fingerprint " + fingerprint + "]";
    }
}
