package io.leadstream.gateway;

import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A form definition as the markup a site embeds, at Mautic's embed endpoints: {@code GET
 * /form/embed/{id}} (a page of its own, for an iframe) and {@code GET /form/generate.js?id=ID} (a
 * script that writes the form where it is included). The form posts Mautic's {@code mauticform[alias]}
 * names to this gateway's {@code /form/submit}; jsoup builds the markup, so labels are escaped.
 */
final class FormEmbedHandler {
    private static final Map<String, String> INPUT_TYPES = Map.of("email", "email", "tel", "tel", "number", "number", "url", "url",
            "date", "date", "checkbox", "checkbox", "hidden", "hidden");

    private final DefinitionsCache definitions;
    private final Supplier<String> baseUrl;

    FormEmbedHandler(DefinitionsCache definitions, Supplier<String> baseUrl) {
        this.definitions = definitions;
        this.baseUrl = baseUrl;
    }

    void page(RoutingContext ctx) {
        form(ctx, ctx.pathParam("id")).ifPresent(form -> {
            Document page = Document.createShell(baseUrl.get());
            page.title(form.attr("data-mautic-form-name"));
            page.body().appendChild(form);
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page.outerHtml());
        });
    }

    void script(RoutingContext ctx) {
        form(ctx, ctx.request().getParam("id")).ifPresent(form -> {
            // A JSON string is a JavaScript string; "<" escaped so that no "</script>" can end an inline copy early.
            String literal = new JsonArray().add(form.outerHtml()).encode();
            literal = literal.substring(1, literal.length() - 1).replace("<", "\\u003c");
            ctx.response().putHeader("Content-Type", "application/javascript; charset=utf-8").putHeader("Cache-Control", "no-cache")
                    .end("document.write(" + literal + ");\n");
        });
    }

    /** The form's markup, or an answered 400/404. */
    private Optional<Element> form(RoutingContext ctx, String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            Responses.badRequest(ctx, "id: letters, digits, - and _ (max 64)");
            return Optional.empty();
        }
        Optional<JsonObject> definition = definitions.get("forms", id);
        if (definition.isEmpty()) {
            Responses.error(ctx, 404, "no form with id " + id);
            return Optional.empty();
        }
        return Optional.of(markup(id, definition.get()));
    }

    private Element markup(String id, JsonObject definition) {
        String name = definition.getString("name", id);
        Element form = new Element("form").attr("method", "post").attr("action", baseUrl.get() + "/form/submit?formId=" + id)
                .attr("id", "mauticform_" + id).attr("data-mautic-form", id).attr("data-mautic-form-name", name)
                .attr("enctype", "multipart/form-data");
        for (Object f : definition.getJsonArray("fields", new JsonArray())) {
            field(form, (JsonObject) f);
        }
        String honeypot = definition.getString("honeypot");
        if (honeypot != null) { // people do not see it; bots fill it
            Element trap = form.appendElement("div").attr("style", "position:absolute;left:-9999px").attr("aria-hidden", "true");
            trap.appendElement("input").attr("type", "text").attr("name", "mauticform[" + honeypot + "]").attr("tabindex", "-1").attr("autocomplete", "off");
        }
        form.appendElement("input").attr("type", "hidden").attr("name", "mauticform[formId]").attr("value", id);
        form.appendElement("input").attr("type", "hidden").attr("name", "mauticform[return]").attr("value", "");
        form.appendElement("input").attr("type", "hidden").attr("name", "mauticform[formName]").attr("value", id);
        form.appendElement("button").attr("type", "submit").attr("name", "mauticform[submit]").text("Submit");
        return form;
    }

    private static void field(Element form, JsonObject field) {
        String alias = field.getString("alias");
        String type = field.getString("type", "text");
        String inputName = "mauticform[" + alias + "]";
        String inputId = "mauticform_input_" + alias;
        if (type.equals("hidden")) {
            form.appendElement("input").attr("type", "hidden").attr("name", inputName).attr("id", inputId);
            return;
        }
        Element row = form.appendElement("div").addClass("mauticform-row");
        row.appendElement("label").attr("for", inputId).text(field.getString("label", alias));
        Element input = switch (type) {
            case "textarea" -> row.appendElement("textarea");
            case "select" -> select(row.appendElement("select"), field);
            default -> row.appendElement("input").attr("type", INPUT_TYPES.getOrDefault(type, "text"));
        };
        input.attr("name", inputName).attr("id", inputId);
        if (type.equals("checkbox")) {
            input.attr("value", "1");
        } else if (!type.equals("select")) {
            input.attr("maxlength", Integer.toString(field.getInteger("maxLength", 255)));
        }
        if (field.getBoolean("required", false)) {
            input.attr("required", true);
        }
    }

    /** A list of the field's options, led by an empty choice (a required one must be changed). */
    private static Element select(Element select, JsonObject field) {
        select.appendElement("option").attr("value", "").text("");
        for (Object o : field.getJsonArray("options", new JsonArray())) {
            JsonObject option = (JsonObject) o;
            select.appendElement("option").attr("value", option.getString("value")).text(option.getString("label", option.getString("value")));
        }
        return select;
    }
}
