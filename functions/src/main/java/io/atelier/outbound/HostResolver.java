package io.atelier.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** DNS, behind a port so tests can make a name resolve anywhere (metadata, private, rebinding). */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
