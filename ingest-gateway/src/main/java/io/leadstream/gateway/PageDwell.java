package io.leadstream.gateway;

import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.ext.web.RoutingContext;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;

/**
 * Time on a landing page, for A/B tests won by dwell time: a small script on the page sends, when
 * the visitor leaves it or hides its tab, one beacon with the milliseconds since it loaded
 * ({@code POST /page/{id}/dwell?ms=}). The gateway adds them up per page in {@code hit_counters}
 * ({@code dwell}: beacons, {@code dwell_ms}: their time), so a page's average is their quotient.
 * A tab left open counts {@link #MAX_MS} at most. The script is the same on every page (the address
 * comes from its attribute), so the page's policy allows it by its hash.
 */
final class PageDwell {
    static final long MAX_MS = 30 * 60 * 1000L;
    static final String SCRIPT = "(function(){var u=document.currentScript.getAttribute('data-lsdwell'),t=Date.now(),sent=false;"
            + "function send(){if(sent||!navigator.sendBeacon)return;sent=true;navigator.sendBeacon(u+'?ms='+(Date.now()-t));}"
            + "addEventListener('pagehide',send);"
            + "document.addEventListener('visibilitychange',function(){if(document.visibilityState==='hidden')send();});})();";
    static final String SCRIPT_SOURCE = "'" + ScriptHashes.of(SCRIPT) + "'";

    private final DefinitionsCache definitions;
    private final HitCounters counters;

    PageDwell(DefinitionsCache definitions, HitCounters counters) {
        this.definitions = definitions;
        this.counters = counters;
    }

    /** The script, sending to {@code beaconUrl}. */
    static Element script(String beaconUrl) {
        return new Element("script").attr("data-lsdwell", beaconUrl).appendChild(new DataNode(SCRIPT));
    }

    /** {@code POST /page/{id}/dwell?ms=N}: 204 once counted; 400 for a time that is no whole number of milliseconds; 404 for no page. */
    void beacon(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (definitions.get(LandingPageHandler.KIND, id).isEmpty()) {
            Responses.error(ctx, 404, "no such page");
            return;
        }
        String ms = ctx.request().getParam("ms");
        if (ms == null || !ms.matches("\\d{1,12}")) {
            Responses.error(ctx, 400, "ms: the milliseconds spent on the page, a whole number");
            return;
        }
        counters.count(LandingPageHandler.KIND, id, "dwell");
        counters.add(LandingPageHandler.KIND, id, "dwell_ms", Math.min(MAX_MS, Long.parseLong(ms)));
        ctx.response().setStatusCode(204).end();
    }
}
