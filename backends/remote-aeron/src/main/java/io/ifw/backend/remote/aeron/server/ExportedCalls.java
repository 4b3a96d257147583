package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.CallKind;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.osgi.util.promise.Promise;

/**
 * The clients' calls on one exported feature: the server agent decodes a call (its payload is
 * Aeron's buffer, valid only then) and hands it to the server's call thread, which calls the
 * backend; the answer, given on whatever thread the backend resolves it, goes back to the agent,
 * which alone encodes and offers it.
 */
final class ExportedCalls {

    private static final System.Logger LOG = System.getLogger(ExportedCalls.class.getName());

    private final ExportedFeature feature;
    private final RemoteServer server;
    private final String featureId;
    /** Server agent only. */
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);

    ExportedCalls(ExportedFeature feature, RemoteServer server) {
        this.feature = feature;
        this.server = server;
        this.featureId = feature.featureId;
    }

    /**
     * Decodes a client's call (server agent) and hands it to the server's call thread, which
     * carries it out on the exported backend; the answer goes back through the agent when the
     * backend gives it.
     */
    void call(ServerSession session, CallDecoder call, String zone, Messages out) {
        long correlationId = call.correlationId();
        CallKind kind = call.kind();
        int member = call.member();
        long clientInstance = call.instance();
        call.wrapPayload(payloadView);
        ExportBinding binding = feature.active();
        if (binding == null || binding.connection == null) {
            answerFailure(session, correlationId, ErrorCode.NO_BACKEND, featureId + " has no backend on server '" + server.name() + "' now", out);
            return;
        }
        if (session.readOnly && (kind == CallKind.SET || kind == CallKind.INVOKE || kind == CallKind.MODEL_EDIT)) {
            answerFailure(session, correlationId, ErrorCode.PERMISSION_DENIED, "client '" + session.clientName
                    + "' has a read-only credential: " + (kind == CallKind.SET ? "writes" : "calls and edits") + " are not allowed", out);
            return;
        }
        FeatureCodec payloads = binding.payloads;
        FeatureModel model = payloads.model();
        Member target = member >= 0 && member < model.members().size() ? model.member(member) : null;
        BackendConnection connection = binding.connection;
        try {
            switch (kind) {
                case SET: {
                    if (!(target instanceof PropertyMember property)) {
                        answerFailure(session, correlationId, ErrorCode.INVALID_OPERATION, "member " + member + " of " + featureId
                                + " is not a property", out);
                        return;
                    }
                    Object value = payloads.value(member, payloadView, 0, payloadView.capacity());
                    Reply reply = new Reply(session, correlationId, binding, null, property.name());
                    server.runCall(() -> reply.await(() -> connection.set(property.index(), zone, value)));
                    return;
                }
                case INVOKE: {
                    if (!(target instanceof OperationMember operation)) {
                        answerFailure(session, correlationId, ErrorCode.INVALID_OPERATION, "member " + member + " of " + featureId
                                + " is not an operation", out);
                        return;
                    }
                    Object[] arguments = payloads.arguments(member, payloadView, 0, payloadView.capacity());
                    Reply reply = new Reply(session, correlationId, binding,
                            (value, buffer) -> payloads.putValue(operation.index(), value, buffer, 0), operation.name());
                    server.runCall(() -> reply.await(() -> connection.invoke(operation.index(), zone, arguments)));
                    return;
                }
                case MODEL_OPEN: {
                    if (!(target instanceof ModelMember)) {
                        answerFailure(session, correlationId, ErrorCode.INVALID_OPERATION, "member " + member + " of " + featureId
                                + " is not a paging model", out);
                        return;
                    }
                    FeatureCodec.ModelOpen open = FeatureCodec.modelOpen(payloadView, 0, payloadView.capacity());
                    long serverInstance = server.nextInstanceId();
                    ModelRequest request = new ModelRequest(serverInstance, member, zone, open.query(), open.contentType());
                    ExportedFeature.Instance instance = new ExportedFeature.Instance(session, clientInstance, request);
                    feature.instanceOpened(serverInstance, instance);
                    Long previous = session.instances.put(clientInstance, serverInstance);
                    if (previous != null) {
                        feature.forgetInstance(previous);
                        server.runCall(() -> closeQuietly(binding, previous));
                    }
                    Reply reply = new Reply(session, correlationId, binding,
                            (value, buffer) -> FeatureCodec.putModelInfo((ModelInfo) value, buffer, 0), target.name());
                    server.runCall(() -> reply.await(() -> connection.openModel(request)));
                    return;
                }
                case MODEL_FETCH: {
                    ExportedFeature.Instance instance = instanceOf(session, clientInstance);
                    if (instance == null) {
                        answerFailure(session, correlationId, ErrorCode.INVALID_OPERATION, "no open model instance " + clientInstance, out);
                        return;
                    }
                    long range = FeatureCodec.fetch(payloadView, 0, payloadView.capacity());
                    int modelMember = instance.request.member();
                    Reply reply = new Reply(session, correlationId, binding,
                            (value, buffer) -> payloads.putItems(modelMember, castList(value), buffer, 0), target == null ? "model" : target.name());
                    server.runCall(() -> reply.await(() -> connection.fetchModel(instance.request.instance(), (int) (range >>> 32), (int) range)));
                    return;
                }
                case MODEL_EDIT: {
                    ExportedFeature.Instance instance = instanceOf(session, clientInstance);
                    if (instance == null) {
                        answerFailure(session, correlationId, ErrorCode.INVALID_OPERATION, "no open model instance " + clientInstance, out);
                        return;
                    }
                    ModelEdit edit = payloads.edit(instance.request.member(), payloadView, 0, payloadView.capacity());
                    Reply reply = new Reply(session, correlationId, binding, null, target == null ? "model" : target.name());
                    server.runCall(() -> reply.await(() -> connection.editModel(instance.request.instance(), edit)));
                    return;
                }
                case MODEL_CLOSE: {
                    Long serverInstance = session.instances.remove(clientInstance);
                    if (serverInstance != null) {
                        feature.forgetInstance(serverInstance);
                        server.runCall(() -> closeQuietly(binding, serverInstance));
                    }
                    return;
                }
                default:
                    server.badInput().dropped(session.peer, "unknown call kind", "kind " + call.kindRaw());
            }
        } catch (CodecException e) {
            answerFailure(session, correlationId, ErrorCode.INVALID_ARGUMENT, "cannot read the " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " of " + (target == null ? "member " + member : target.name()) + ": " + e.getMessage(), out);
        } catch (FeatureException e) {
            answerFailure(session, correlationId, e.code(), e.getMessage(), out);
        } catch (RuntimeException e) {
            answerFailure(session, correlationId, ErrorCode.UNKNOWN, (target == null ? "member " + member : target.name()) + " failed in backend '"
                    + binding.candidate.name() + "': " + e, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    private ExportedFeature.Instance instanceOf(ServerSession session, long clientInstance) {
        Long serverInstance = session.instances.get(clientInstance);
        return serverInstance == null ? null : feature.instance(serverInstance);
    }

    static void closeQuietly(ExportBinding binding, long serverInstance) {
        try {
            binding.connection.closeModel(serverInstance);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "IFW: closing model instance " + serverInstance + ": " + e);
        }
    }

    private void answerFailure(ServerSession session, long correlationId, ErrorCode code, String message, Messages out) {
        if (correlationId == 0) {
            return;
        }
        int length = out.failure(correlationId, code, message);
        session.offerOrQueue(out.buffer, length, System.nanoTime());
    }

    /** Writes a call's successful value as a payload; returns its length. */
    @FunctionalInterface
    interface ResultWriter {
        int write(Object value, MutableDirectBuffer buffer);
    }

    /**
     * The answer owed to one call: given once, when the backend resolves it or is replaced, on
     * whatever thread that happens; encoded and sent by the server agent.
     */
    final class Reply {
        final ServerSession session;
        final long correlationId;
        final ExportBinding binding;
        final ResultWriter writer;
        final String memberName;
        final AtomicBoolean answered = new AtomicBoolean();
        private volatile Promise<?> result;
        private volatile ErrorCode failureCode;
        private volatile String failureMessage;

        Reply(ServerSession session, long correlationId, ExportBinding binding, ResultWriter writer, String memberName) {
            this.session = session;
            this.correlationId = correlationId;
            this.binding = binding;
            this.writer = writer;
            this.memberName = memberName;
        }

        /** Calls the backend (call thread) and answers when it resolves. */
        void await(java.util.function.Supplier<Promise<?>> backendCall) {
            session.calls.incrementAndGet();
            binding.inFlight.add(this);
            if (binding.closed) {
                fail(ErrorCode.BACKEND_GONE, "backend '" + binding.candidate.name() + "' went away before answering");
                return;
            }
            Promise<?> promise;
            try {
                promise = java.util.Objects.requireNonNull(backendCall.get(), "the backend answered null");
            } catch (FeatureException e) {
                fail(e.code(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                fail(ErrorCode.UNKNOWN, memberName + " failed in backend '" + binding.candidate.name() + "': " + e);
                return;
            }
            if (promise.isDone()) {
                complete(promise); // answered already: no hop to the promise's callback thread
            } else {
                promise.onResolve(() -> complete(promise));
            }
        }

        void complete(Promise<?> promise) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            binding.inFlight.remove(this);
            if (correlationId != 0) {
                result = promise;
                server.execute(this::send);
            }
        }

        void fail(ErrorCode code, String message) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            binding.inFlight.remove(this);
            if (correlationId != 0) {
                failureCode = code;
                failureMessage = message;
                server.execute(this::send);
            }
        }

        /**
         * Encodes and sends the answer (server agent), after the changes the backend made before
         * answering: a client that sees a write acknowledged sees what it changed.
         */
        private void send() {
            feature.pollChanges();
            Messages out = server.agentMessages();
            int length;
            Promise<?> promise = result;
            if (promise == null) {
                length = out.failure(correlationId, failureCode, failureMessage);
            } else {
                Throwable failure = failureOf(promise);
                if (failure != null) {
                    length = failureMessage(out, failure);
                } else {
                    try {
                        int payloadLength = writer == null ? 0 : writer.write(valueOf(promise), out.payload);
                        length = out.result(correlationId, payloadLength);
                        if (length > session.publication.maxMessageLength()) {
                            length = out.failure(correlationId, ErrorCode.UNKNOWN, "the answer of " + length
                                    + " bytes exceeds the largest message of this channel (" + session.publication.maxMessageLength()
                                    + " bytes): ask for fewer items or raise termLength");
                        }
                    } catch (RuntimeException e) {
                        length = out.failure(correlationId, ErrorCode.UNKNOWN, "cannot encode the answer: " + e);
                    }
                }
            }
            session.offerOrQueue(out.buffer, length, System.nanoTime());
        }

        private int failureMessage(Messages out, Throwable failure) {
            if (failure instanceof FeatureException feature) {
                return out.failure(correlationId, feature.code(), feature.getMessage());
            }
            return out.failure(correlationId, ErrorCode.UNKNOWN, String.valueOf(failure));
        }
    }

    static Throwable failureOf(Promise<?> promise) {
        try {
            return promise.getFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    static <T> T valueOf(Promise<T> promise) {
        try {
            return promise.getValue();
        } catch (InvocationTargetException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
