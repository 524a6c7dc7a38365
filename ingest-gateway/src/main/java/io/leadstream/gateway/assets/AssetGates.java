package io.leadstream.gateway.assets;

import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which asset a form submission leads to: the form's download action, or the gated asset whose gate sent the visitor to the form. */
public final class AssetGates {
    private static final Pattern ASSET_PATH = Pattern.compile("/asset/([A-Za-z0-9_-]{1,64})(\\?.*)?");

    private AssetGates() {}

    /**
     * The asset a submission of {@code form} (its definition; null: none) opens: its first
     * {@code download_asset} action's, else the one at {@code returnTo} when that asset is gated by
     * this form; null for none.
     */
    public static String opened(String formId, JsonObject form, String returnTo, DefinitionsCache definitions) {
        JsonArray actions = form == null ? null : form.getJsonArray("actions");
        if (actions != null) {
            for (Object a : actions) {
                JsonObject action = (JsonObject) a;
                if ("download_asset".equals(action.getString("type"))) {
                    return action.getString("asset");
                }
            }
        }
        Matcher m = returnTo == null ? null : ASSET_PATH.matcher(returnTo);
        if (m != null && m.matches()) {
            String asset = m.group(1);
            boolean gatedHere = definitions.get("assets", asset).map(d -> formId.equals(d.getString("form"))).orElse(false);
            return gatedHere ? asset : null;
        }
        return null;
    }
}
