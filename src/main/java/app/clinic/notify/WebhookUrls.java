package app.clinic.notify;

import app.clinic.config.ClinicProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point: https, or plain http to a host an operator listed; never, unless listed, an address
 * inside the clinic's network or the machine itself (a webhook must not become a way to reach those, SSRF). Checked
 * when a subscription is saved and again before each attempt, since a name can come to resolve elsewhere (and a
 * name that does not resolve yet is refused by the attempt that finds it internal).
 */
@Component
class WebhookUrls {

    private final List<String> allowedHosts;

    WebhookUrls(ClinicProperties properties) {
        this.allowedHosts = properties.notifications().allowedHosts();
    }

    /** Why {@code url} may not be called, or null when it may. */
    String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute http(s) URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        boolean listed = allowedHosts.contains(host);
        if (scheme.equals("http") && !listed) {
            return "must use https (plain http only to a host in WEBHOOK_ALLOWED_HOSTS)";
        }
        if (listed) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return "must not point at a private, loopback or link-local address (" + address.getHostAddress()
                            + ") unless its host is in WEBHOOK_ALLOWED_HOSTS";
                }
            }
        } catch (UnknownHostException e) {
            // not known yet (a closed network's DNS, a host still being set up): each attempt checks it again
        }
        return null;
    }

    private static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || sharedV4;
    }
}
