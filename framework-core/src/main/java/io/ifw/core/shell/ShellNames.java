package io.ifw.core.shell;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureStatus;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.SignalMember;
import io.ifw.core.spi.NearestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How the shell reads the names a user types: a feature by its id or, when that is unique, its
 * short name ({@code ClimateControl}); a zone after {@code @}; a member of the feature. Anything
 * unknown is one INVALID_ARGUMENT (INVALID_ZONE for a zone) line that names it, says of what, and
 * gives the nearest valid name when there is one close enough
 * ({@code unknown member 'targetTemp' of io.ifw.vehicle.ClimateControl; did you mean targetTemperature?}).
 */
public final class ShellNames {

    private ShellNames() {
    }

    /** The feature id named by {@code name} among the registry's features ({@link #featureId(String, List)}). */
    public static String featureId(String name, io.ifw.core.FeatureRegistry registry) {
        return featureId(name, registry.features());
    }

    /** The feature id named by {@code name}: an id, or the short name of exactly one feature (case ignored when that is unique too). */
    public static String featureId(String name, List<FeatureStatus> features) {
        List<String> ids = features.stream().map(FeatureStatus::featureId).sorted().toList();
        if (name == null || name.isBlank()) {
            throw invalid("no feature named; features: " + shortNames(ids));
        }
        if (ids.contains(name)) {
            return name;
        }
        List<String> byShortName = ids.stream().filter(id -> shortName(id).equals(name)).toList();
        if (byShortName.isEmpty()) {
            byShortName = ids.stream().filter(id -> shortName(id).equalsIgnoreCase(name) || id.equalsIgnoreCase(name)).toList();
        }
        if (byShortName.size() == 1) {
            return byShortName.get(0);
        }
        if (byShortName.size() > 1) {
            throw invalid("feature name '" + name + "' is ambiguous: " + String.join(", ", byShortName) + "; give the full id");
        }
        List<String> candidates = new ArrayList<>(ids);
        ids.forEach(id -> candidates.add(shortName(id)));
        String nearest = NearestName.of(name, candidates);
        return failUnknown("unknown feature '" + name + "'", nearest, ids.isEmpty() ? "no features are registered" : "features: "
                + shortNames(ids));
    }

    /** The zone {@code zone} of a feature ("" is the zone-less view), or INVALID_ZONE naming it and the nearest zone. */
    public static String zone(String zone, String featureId, List<String> zones) {
        if (zone.isEmpty() || zones.contains(zone)) {
            return zone;
        }
        String nearest = NearestName.of(zone, zones);
        String known = zones.isEmpty() ? featureId + " has no zones" : "zones: " + String.join(", ", zones);
        throw new FeatureException(ErrorCode.INVALID_ZONE, ErrorCode.INVALID_ZONE + ": unknown zone '" + zone + "' of " + featureId
                + (nearest == null ? " (" + known + ")" : "; did you mean " + nearest + "?"));
    }

    /** The property {@code name} of the feature, or one line naming it and the nearest property. */
    public static PropertyMember property(FeatureModel model, String name) {
        return (PropertyMember) member(model, name, "property", m -> m instanceof PropertyMember);
    }

    /** The operation {@code name} of the feature, or one line naming it and the nearest operation. */
    public static OperationMember operation(FeatureModel model, String name) {
        return (OperationMember) member(model, name, "operation", m -> m instanceof OperationMember);
    }

    /** A property or signal: what {@code ifw:watch} can follow. */
    public static Member watchable(FeatureModel model, String name) {
        return member(model, name, "property or signal", m -> m instanceof PropertyMember || m instanceof SignalMember);
    }

    private static Member member(FeatureModel model, String name, String what, Predicate<Member> wanted) {
        List<String> names = model.members().stream().filter(wanted).map(Member::name).toList();
        for (Member member : model.members()) {
            if (member.name().equals(name) && wanted.test(member)) {
                return member;
            }
        }
        for (Member member : model.members()) {
            if (member.name().equals(name)) {
                throw invalid(name + " of " + model.id() + " is " + kind(member) + ", not " + article(what) + " (" + member.signature() + ")");
            }
        }
        String nearest = NearestName.of(name, names);
        return failUnknown("unknown " + (what.contains(" or ") ? "member" : what) + " '" + name + "' of " + model.id(), nearest,
                names.isEmpty() ? model.id() + " has none" : what.replace("property", "properties").replace("operation", "operations")
                        .replace("signal", "signals") + ": " + String.join(", ", names));
    }

    private static String kind(Member member) {
        return member instanceof PropertyMember ? "a property" : member instanceof OperationMember ? "an operation"
                : member instanceof SignalMember ? "a signal" : "a model";
    }

    private static String article(String what) {
        return ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }

    private static <T> T failUnknown(String what, String nearest, String known) {
        throw invalid(what + (nearest == null ? " (" + known + ")" : "; did you mean " + nearest + "?"));
    }

    /** INVALID_ARGUMENT with its code in front of the message, as every shell failure. */
    public static FeatureException invalid(String message) {
        return new FeatureException(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT + ": " + message);
    }

    /** {@code io.ifw.vehicle.ClimateControl} → {@code ClimateControl}. */
    public static String shortName(String featureId) {
        return featureId.substring(featureId.lastIndexOf('.') + 1);
    }

    private static String shortNames(List<String> ids) {
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            boolean unique = ids.stream().filter(other -> shortName(other).toLowerCase(Locale.ROOT)
                    .equals(shortName(id).toLowerCase(Locale.ROOT))).count() == 1;
            names.add(unique ? shortName(id) : id);
        }
        return String.join(", ", names);
    }
}
