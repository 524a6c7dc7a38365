package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Rejects requests with too many parameters or an overlong value before any handler runs. */
final class InputLimits implements Handler<RoutingContext> {
    private final int maxParams;
    private final int maxFieldLength;

    InputLimits(LeadStreamConfig config) {
        this.maxParams = config.get(GatewayOptions.MAX_PARAMS);
        this.maxFieldLength = config.get(GatewayOptions.MAX_FIELD_LENGTH);
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Placed after the BodyHandler on routes with bodies, so form attributes are checked too.
        String problem = check(ctx.queryParams());
        if (problem == null) {
            problem = check(ctx.request().formAttributes());
        }
        if (problem != null) {
            Responses.badRequest(ctx, problem);
            return;
        }
        ctx.next();
    }

    String check(MultiMap params) {
        if (params.size() > maxParams) {
            return "too many parameters (max " + maxParams + ")";
        }
        for (Map.Entry<String, String> e : params.entries()) {
            if (e.getKey().length() > 128) {
                return "parameter name too long (max 128)";
            }
            if (e.getValue().length() > maxFieldLength) {
                return "value of " + e.getKey().replaceAll("[^A-Za-z0-9_\\[\\]-]", "?") + " too long (max " + maxFieldLength + ")";
            }
            if (e.getValue().indexOf('\0') >= 0) {
                return "NUL byte in " + e.getKey().replaceAll("[^A-Za-z0-9_\\[\\]-]", "?");
            }
        }
        return null;
    }
}
