package io.ifw.core.testing;

import io.ifw.core.Feature;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import org.osgi.util.promise.Promise;

/** A small feature without zones. */
@io.ifw.core.annotations.Feature(id = "io.ifw.test.Lamp")
public interface Lamp extends Feature {

    Property<Boolean> on();

    @io.ifw.core.annotations.Range(min = 0, max = 100)
    Property<Integer> brightness();

    ReadOnlyProperty<Integer> burnHours();

    Promise<Integer> blink(int times);
}
