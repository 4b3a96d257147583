package io.ifw.launcher;

/**
 * A DS component class for {@link ContainerCommandLineIT}: packed into a bundle at test time, it
 * fails to activate as a server does when its port is taken. It uses nothing but java.lang.
 */
public class PortUser {

    public void activate() {
        throw new IllegalStateException("port 40123 is already in use");
    }
}
