package io.leadstream.gateway;

import io.leadstream.definitions.FieldValues;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * A form definition as the markup a site embeds, at Mautic's embed endpoints: {@code GET
 * /form/embed/{id}} (a page of its own, for an iframe) and {@code GET /form/generate.js?id=ID} (a
 * script that writes the form where it is included). The form posts Mautic's {@code mauticform[alias]}
 * names to this gateway's {@code /form/submit}; jsoup builds the markup, so labels are escaped. A
 * known visitor sees the fields {@link ProgressiveProfiling} leaves, those marked {@code autofill}
 * pre-filled with its contact's values.
 */
final class FormEmbedHandler {
    private static final Map<String, String> INPUT_TYPES = Map.of("email", "email", "tel", "tel", "number", "number", "url", "url",
            "date", "date", "datetime", "datetime-local", "checkbox", "checkbox", "hidden", "hidden", "file", "file");

    private final DefinitionsCache definitions;
    private final Supplier<String> baseUrl;
    private final ContactStore contacts;
    private final Function<RoutingContext, String> device;
    private final Predicate<String> prefillable;

    /**
     * {@code contacts} (null: none) and {@code device} (the request's device id, or null) tell who
     * looks, for progressive profiling and pre-filled values; {@code prefillable}: whether a contact
     * field may be shown pre-filled (only publicly updatable ones: a visitor could set them anyway).
     */
    FormEmbedHandler(DefinitionsCache definitions, Supplier<String> baseUrl, ContactStore contacts, Function<RoutingContext, String> device,
                     Predicate<String> prefillable) {
        this.definitions = definitions;
        this.baseUrl = baseUrl;
        this.contacts = contacts;
        this.device = device;
        this.prefillable = prefillable;
    }

    void page(RoutingContext ctx) {
        form(ctx, ctx.pathParam("id"), form -> {
            Document page = Document.createShell(baseUrl.get());
            page.title(form.attr("data-mautic-form-name"));
            page.body().appendChild(form);
            if (form.select(".mauticform-page-wrapper").size() > 1) {
                page.body().appendChild(FormPages.script());
            }
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page.outerHtml());
        });
    }

    void script(RoutingContext ctx) {
        form(ctx, ctx.request().getParam("id"), form -> {
            // A JSON string is a JavaScript string; "<" escaped so that no "</script>" can end an inline copy early.
            String literal = new JsonArray().add(FormPages.html(form)).encode();
            literal = literal.substring(1, literal.length() - 1).replace("<", "\\u003c");
            ctx.response().putHeader("Content-Type", "application/javascript; charset=utf-8").putHeader("Cache-Control", "no-cache")
                    .end("document.write(" + literal + ");\n");
        });
    }

    /** Answers with the form's markup for this visitor, or 400/404. */
    private void form(RoutingContext ctx, String id, Consumer<Element> reply) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            Responses.badRequest(ctx, "id: letters, digits, - and _ (max 64)");
            return;
        }
        Optional<JsonObject> definition = definitions.get("forms", id);
        if (definition.isEmpty()) {
            Responses.error(ctx, 404, "no form with id " + id);
            return;
        }
        ProgressiveProfiling.known(definition.get(), contacts, device.apply(ctx)).onSuccess(known -> {
            if (ProgressiveProfiling.personal(definition.get())) {
                ctx.response().putHeader("Cache-Control", "private, no-store"); // this visitor's form, not anybody's
            }
            reply.accept(markup(id, definition.get(), known));
        });
    }

    /** The form's markup as a visitor whose contact has {@code known} (empty: a stranger) is shown it. */
    Element markup(String id, JsonObject definition, Map<String, String> known) {
        String name = definition.getString("name", id);
        Element form = new Element("form").attr("method", "post").attr("action", baseUrl.get() + "/form/submit?formId=" + id)
                .attr("id", "mauticform_" + id).attr("data-mautic-form", id).attr("data-mautic-form-name", name)
                .attr("enctype", "multipart/form-data");
        List<JsonObject> shown = FormPages.withoutEmptyPages(ProgressiveProfiling.shown(definition, known));
        boolean paged = shown.stream().anyMatch(f -> FormPages.PAGEBREAK.equals(f.getString("type")));
        Element page = paged ? FormPages.page(form, 1) : form;
        int pages = 1;
        for (JsonObject f : shown) {
            if (FormPages.PAGEBREAK.equals(f.getString("type"))) {
                FormPages.buttons(page, f, pages > 1);
                page = FormPages.page(form, ++pages);
                continue;
            }
            String value = ProgressiveProfiling.value(f, known);
            field(page, f, f.getBoolean("autofill", false) && !value.isEmpty() && prefillable.test(ProgressiveProfiling.target(f)) ? value : "");
        }
        if (paged) {
            FormPages.buttons(page, null, true);
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

    /** {@code prefill}: the value shown in it ("" for none). */
    private static void field(Element form, JsonObject field, String prefill) {
        String alias = field.getString("alias");
        String type = field.getString("type", "text");
        String inputName = "mauticform[" + alias + "]";
        String inputId = "mauticform_input_" + alias;
        if (type.equals("hidden")) {
            form.appendElement("input").attr("type", "hidden").attr("name", inputName).attr("id", inputId).attr("value", prefill);
            return;
        }
        Element row = form.appendElement("div").addClass("mauticform-row");
        switch (type) {
            case "freetext" -> {
                row.addClass("mauticform-freetext").attr("id", inputId).text(field.getString("content", ""));
                return;
            }
            case "freehtml" -> { // the marketer's markup, without what could run on the customer's page
                row.addClass("mauticform-freehtml").attr("id", inputId).html(Jsoup.clean(field.getString("content", ""), Safelist.relaxed()));
                return;
            }
            case "checkboxgrp", "radiogrp" -> {
                choices(row, field, alias, type.equals("radiogrp") ? "radio" : "checkbox", prefill);
                return;
            }
            default -> { }
        }
        row.appendElement("label").attr("for", inputId).text(field.getString("label", alias));
        Element input = switch (type) {
            case "textarea" -> row.appendElement("textarea");
            case "select" -> select(row.appendElement("select"), options(field));
            case "multiselect" -> select(row.appendElement("select").attr("multiple", true), options(field));
            case "country" -> select(row.appendElement("select"), countries());
            default -> row.appendElement("input").attr("type", INPUT_TYPES.getOrDefault(type, "text"));
        };
        input.attr("name", type.equals("multiselect") ? inputName + "[]" : inputName).attr("id", inputId);
        if (type.equals("checkbox")) {
            input.attr("value", "1").attr("checked", Set.of("1", "true", "yes").contains(prefill));
        } else if (type.equals(FormFiles.TYPE)) {
            input.attr("accept", String.join(",", field.getJsonArray("extensions", new JsonArray()).stream().map(e -> "." + e).toList()));
        } else if (!input.tagName().equals("select")) {
            input.attr("maxlength", Integer.toString(field.getInteger("maxLength", 255)));
        }
        if (!prefill.isEmpty() && !type.equals("checkbox") && !type.equals(FormFiles.TYPE)) {
            switch (input.tagName()) {
                case "textarea" -> input.text(prefill);
                case "select" -> {
                    Set<String> chosen = Set.of(prefill.split("\\|", -1));
                    input.select("option").forEach(o -> o.attr("selected", chosen.contains(o.attr("value"))));
                }
                default -> input.attr("value", prefill);
            }
        }
        if (field.getBoolean("required", false) || type.equals(FormValidation.CAPTCHA)) {
            input.attr("required", true);
        }
        if (type.equals(FormValidation.CAPTCHA)) {
            input.attr("autocomplete", "off");
            row.addClass("mauticform-captcha");
        }
    }

    /**
     * A group of radio buttons or checkboxes in a fieldset named by the label; each checkbox posts
     * {@code mauticform[alias][]}. A required radio group needs a choice; a checkbox group's
     * "at least one" is the gateway's to check, as HTML cannot say it.
     */
    private static void choices(Element row, JsonObject field, String alias, String inputType, String prefill) {
        Set<String> chosen = Set.of(prefill.split("\\|", -1));
        Element set = row.appendElement("fieldset").attr("id", "mauticform_" + alias);
        set.appendElement("legend").text(field.getString("label", alias));
        List<String[]> options = options(field);
        for (int i = 0; i < options.size(); i++) {
            String id = "mauticform_" + inputType + "_" + alias + "_" + i;
            Element input = set.appendElement("input").attr("type", inputType).attr("id", id).attr("value", options.get(i)[0])
                    .attr("name", "mauticform[" + alias + "]" + (inputType.equals("checkbox") ? "[]" : ""))
                    .attr("checked", chosen.contains(options.get(i)[0]));
            if (inputType.equals("radio") && field.getBoolean("required", false)) {
                input.attr("required", true);
            }
            set.appendElement("label").attr("for", id).text(options.get(i)[1]);
        }
    }

    /** The field's options as (value, label). */
    private static List<String[]> options(JsonObject field) {
        List<String[]> out = new ArrayList<>();
        for (Object o : field.getJsonArray("options", new JsonArray())) {
            JsonObject option = (JsonObject) o;
            out.add(new String[] {option.getString("value"), option.getString("label", option.getString("value"))});
        }
        return out;
    }

    private static List<String[]> countries() {
        return FieldValues.countryNames().stream().map(name -> new String[] {name, name}).toList();
    }

    /** A list of options; a single choice is led by an empty one (a required one must be changed). */
    private static Element select(Element select, List<String[]> options) {
        if (!select.hasAttr("multiple")) {
            select.appendElement("option").attr("value", "").text("");
        }
        for (String[] option : options) {
            select.appendElement("option").attr("value", option[0]).text(option[1]);
        }
        return select;
    }
}
