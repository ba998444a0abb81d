package io.gradfit.play;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which Host and Origin headers the server answers. A page from another site can make a browser send requests to
 * 127.0.0.1 (directly, or through a name it re-points there: DNS rebinding), but such requests carry that site's
 * name in Host or Origin. Only the names of this server itself, with its port, are accepted.
 */
final class HostCheck {
  private final Set<String> hosts; // "name:port", lower case

  private HostCheck(Set<String> hosts) {
    this.hosts = hosts;
  }

  /**
   * The names the server at {@code bound} (the address it listens on) and {@code port} answers to: the host it was
   * given, and loopback's names (localhost, 127.0.0.1, [::1]); when it listens on every interface, also each
   * interface's address.
   */
  static HostCheck of(String givenHost, InetAddress bound, int port) {
    Set<String> names = new HashSet<>();
    names.add(hostPart(givenHost));
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("[::1]");
    names.add(hostPart(bound.getHostAddress()));
    if (bound.isAnyLocalAddress()) {
      try {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            names.add(hostPart(a.getHostAddress().replaceAll("%.*$", "")));
          }
        }
      } catch (SocketException e) {
        // the given host and loopback's names remain
      }
    }
    Set<String> hosts = new HashSet<>();
    for (String n : names) {
      hosts.add(n + ":" + port);
      if (port == 80) {
        hosts.add(n);
      }
    }
    return new HostCheck(Set.copyOf(hosts));
  }

  /** An IPv6 address in brackets, as it appears in a Host header; names in lower case. */
  private static String hostPart(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /**
   * Null when the request may be answered, else why not.
   *
   * @param host the Host header (null when absent)
   * @param origins the Origin headers (empty when absent)
   */
  String refuse(String host, List<String> origins) {
    if (host == null || !hosts.contains(host.trim().toLowerCase(Locale.ROOT))) {
      return "this server answers requests for " + some() + " only, not for Host '" + BadRequest.shown(host) + "'";
    }
    if (origins != null) {
      for (String origin : origins) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (!o.startsWith("http://") || !hosts.contains(o.substring("http://".length()))) {
          return "requests from pages of other sites are refused (Origin '" + BadRequest.shown(origin) + "')";
        }
      }
    }
    return null;
  }

  private String some() {
    return hosts.stream().filter(h -> h.startsWith("127.0.0.1") || h.startsWith("localhost")).sorted()
        .reduce((a, b) -> a + " and " + b).orElse(String.join(", ", hosts));
  }
}
