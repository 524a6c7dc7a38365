package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Who is calling, as far as the gateway can tell: the client IP (through trusted proxies only),
 * optionally anonymised, and whether the hit may be tracked (bots, excluded IPs, do-not-track).
 */
final class ClientInfo {
    private final IpRanges trustedProxies;
    private final IpRanges excluded;
    private final IpRanges mailProxyIps;
    private final boolean anonymize;
    private final Pattern bots;
    private final Pattern mailProxies;
    private final java.util.Map<String, Boolean> botVerdicts = new java.util.concurrent.ConcurrentHashMap<>();

    ClientInfo(LeadStreamConfig config) {
        this.trustedProxies = IpRanges.parse(config.get(GatewayOptions.TRUSTED_PROXIES));
        this.excluded = IpRanges.parse(config.get(GatewayOptions.EXCLUDED_IPS));
        this.mailProxyIps = IpRanges.parse(config.get(GatewayOptions.MAIL_PROXY_IPS));
        this.anonymize = config.get(GatewayOptions.ANONYMIZE_IP);
        this.bots = Pattern.compile(config.get(GatewayOptions.BOT_USER_AGENTS));
        this.mailProxies = Pattern.compile(config.get(GatewayOptions.MAIL_PROXY_USER_AGENTS));
    }

    /**
     * The real client IP: walk X-Forwarded-For from the right while the hop is a trusted proxy.
     * Without a trusted direct peer the header is ignored, so clients cannot spoof their IP.
     */
    String clientIp(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (peer == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String candidate = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (IpRanges.literal(hop) == null) {
                break;
            }
            candidate = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return candidate;
    }

    /** The IP as stored: anonymised when configured. */
    String storedIp(String ip) {
        return anonymize ? anonymise(ip) : ip;
    }

    static String anonymise(String ip) {
        byte[] bytes = ip == null ? null : IpRanges.literal(ip);
        if (bytes == null) {
            return null;
        }
        int keep = bytes.length == 4 ? 3 : 6;
        for (int i = keep; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Why this hit must not count, or null when it may. */
    String nonTrackableReason(String ip, String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "no user agent";
        }
        if (isBot(userAgent)) {
            return "bot user agent";
        }
        if (excluded.contains(ip)) {
            return "excluded ip";
        }
        return null;
    }

    /**
     * The regex costs more than the rest of a hit; user agents repeat heavily, so verdicts are
     * cached (bounded: cleared when full, which only costs recomputation).
     */
    private boolean isBot(String userAgent) {
        Boolean known = botVerdicts.get(userAgent);
        if (known == null) {
            known = bots.matcher(userAgent).find();
            if (botVerdicts.size() >= 10_000) {
                botVerdicts.clear();
            }
            if (userAgent.length() <= 512) {
                botVerdicts.put(userAgent, known);
            }
        }
        return known;
    }

    /** An email open fetched by a mail proxy or prefetcher rather than read by a person. */
    boolean isMailProxy(String ip, String userAgent) {
        return (userAgent != null && mailProxies.matcher(userAgent).find()) || mailProxyIps.contains(ip);
    }

    /** Do-not-track from the browser header or Mautic's do_not_track parameter. */
    static boolean doNotTrack(HttpServerRequest request, TrackerParameters params) {
        return "1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"))
                || "1".equals(params.get("do_not_track"));
    }
}
