package org.bighead.productionize.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on this machine's loopback, where local and docker deployments serve. */
public final class Ports {
    private Ports() {}

    /** A port nobody listens on now (the system's pick). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DeploymentException("could not find a free port on 127.0.0.1: " + e.getMessage());
        }
    }

    /** {@code port}, when nothing listens on it; a one-line message saying what to do otherwise. */
    public static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new DeploymentException("port " + port + " on 127.0.0.1 is taken by another process: pick another"
                    + " with --port, or leave --port out for a free one");
        }
    }
}
