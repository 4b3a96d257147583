package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.Feature;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.Registration;
import io.ifw.core.Signal;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.util.promise.Promise;

/**
 * Resolves a method reference on a feature interface ({@code ClimateControl::targetTemperature}) to
 * its model member, by applying it to a proxy that answers every member method with a token.
 * Results are cached per function object, so a method reference costs one map lookup.
 */
final class MemberRecorder<F extends Feature> {

    private final FeatureModel model;
    private final F recorder;
    private final Map<Object, Member> cache = new ConcurrentHashMap<>();

    MemberRecorder(Class<F> featureType, FeatureModel model) {
        this.model = model;
        this.recorder = featureType.cast(Proxy.newProxyInstance(featureType.getClassLoader(), new Class<?>[] {featureType},
                (proxy, method, args) -> {
                    Member member = model.memberFor(method);
                    if (member == null) {
                        throw new IllegalArgumentException(method.getName() + " is not a member of " + model.id());
                    }
                    return new Token(member);
                }));
    }

    Member member(Function<? super F, ?> reference) {
        Member member = cache.get(reference);
        if (member == null) {
            Object result = reference.apply(recorder);
            if (!(result instanceof Token token)) {
                throw new IllegalArgumentException("the function does not name a member of " + model.id()
                        + "; pass a method reference such as Feature::member");
            }
            member = token.member;
            cache.put(reference, member);
        }
        return member;
    }

    /** What the recording proxy returns for any member: it only carries the member. */
    @SuppressWarnings("rawtypes")
    private static final class Token implements Property, Signal, PagingModel {
        private final Member member;

        Token(Member member) {
            this.member = member;
        }

        @Override
        public String name() {
            return member.name();
        }

        @Override
        public String zone() {
            return "";
        }

        @Override
        public Object get() {
            throw notAFrontEnd();
        }

        @Override
        public ValueAvailability availability() {
            throw notAFrontEnd();
        }

        @Override
        public Attribute attribute() {
            throw notAFrontEnd();
        }

        @Override
        public Registration onChange(Consumer listener) {
            throw notAFrontEnd();
        }

        @Override
        public Registration onAttributeChange(Consumer listener) {
            throw notAFrontEnd();
        }

        @Override
        public Registration onAvailabilityChange(Consumer listener) {
            throw notAFrontEnd();
        }

        @Override
        public Promise set(Object value) {
            throw notAFrontEnd();
        }

        @Override
        public Registration subscribe(Consumer listener) {
            throw notAFrontEnd();
        }

        @Override
        public ModelInstance open(ModelOptions options) {
            throw notAFrontEnd();
        }

        private UnsupportedOperationException notAFrontEnd() {
            return new UnsupportedOperationException("a member reference of a backend, not a front end");
        }
    }
}
