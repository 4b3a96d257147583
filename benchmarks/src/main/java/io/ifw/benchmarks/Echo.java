package io.ifw.benchmarks;

import io.ifw.core.Feature;
import io.ifw.core.Property;
import org.osgi.util.promise.Promise;

/** The feature the remote benchmarks exercise: one property and one operation. */
@io.ifw.core.annotations.Feature(id = "io.ifw.bench.Echo")
public interface Echo extends Feature {

    /** A server-side timestamp (ns): the change-latency and throughput figures. */
    Property<Long> stamp();

    /** Answers its argument: the round-trip figure. */
    Promise<Long> echo(long value);
}
