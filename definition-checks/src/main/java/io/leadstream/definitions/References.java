package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The other definitions a document names. Every kind uses the same property names for them
 * (segment(s), email, form(s), asset, group, campaign, stage), so one walk finds them all; a field filter,
 * condition or update (a campaign's or a form's) names a contact field, a company_field filter or condition
 * a company field; a landing page's content names forms and pages in its tokens, an email's subject and bodies
 * pages and assets in theirs. A webhook's headers are
 * the user's own names and are not looked into. A campaign's {@code add_to_company} names a company, a
 * record rather than a definition: not a reference. A page's or email's {@code translationOf} and
 * {@code variantOf} name one of its own kind.
 */
final class References {
    /**
     * A definition named at {@code pointer}; for a field, {@code object} says whose field the place reads
     * ({@link FieldDefinition#CONTACT} or {@link FieldDefinition#COMPANY}), null for other kinds.
     */
    record Reference(String pointer, String kind, String id, String object) {
        Reference(String pointer, String kind, String id) {
            this(pointer, kind, id, null);
        }
    }

    private static final Map<String, String> KIND_OF = Map.ofEntries(
            Map.entry("segment", "segments"), Map.entry("segments", "segments"),
            Map.entry("email", "emails"),
            Map.entry("form", "forms"), Map.entry("forms", "forms"),
            Map.entry("asset", "assets"),
            Map.entry("group", "point-groups"),
            Map.entry("campaign", "campaigns"),
            Map.entry("stage", "stages"),
            Map.entry("contactField", StandardFields.KIND));

    private References() {}

    /** What {@code doc}, a definition of {@code kind}, names. */
    static List<Reference> in(String kind, JsonNode doc) {
        List<Reference> out = new ArrayList<>();
        for (String family : List.of("translationOf", "variantOf")) {
            if (doc.path(family).isTextual()) {
                out.add(new Reference("/" + family, kind, doc.get(family).asText()));
            }
        }
        walk(doc, "", out);
        if (doc.path("content").isTextual()) { // a landing page's content names forms and pages in its tokens
            PageTokens.named(doc.get("content").asText()).forEach(t ->
                    out.add(new Reference("/content", t.token().equals(PageTokens.FORM) ? "forms" : "pages", t.id())));
        }
        for (String property : EmailChecks.TEMPLATES) { // an email's templates name pages and assets in theirs
            if (doc.path(property).isTextual()) {
                EmailTokens.in(doc.get(property).asText()).stream()
                        .filter(t -> t.argument() != null && (t.name().equals(EmailTokens.PAGELINK) || t.name().equals(EmailTokens.ASSETLINK)))
                        .forEach(t -> out.add(new Reference("/" + property, t.name().equals(EmailTokens.PAGELINK) ? "pages" : "assets", t.argument())));
            }
        }
        return out;
    }

    private static void walk(JsonNode node, String pointer, List<Reference> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String uses = node.path("kind").asText(node.path("type").asText()); // campaign steps say kind; trigger and form actions, type
        if ((uses.equals("field") || uses.equals("update_field")) && node.path("field").isTextual()) {
            out.add(new Reference(pointer + "/field", StandardFields.KIND, node.get("field").asText(), FieldDefinition.CONTACT));
        } else if (uses.equals("company_field") && node.path("field").isTextual()) {
            out.add(new Reference(pointer + "/field", StandardFields.KIND, node.get("field").asText(), FieldDefinition.COMPANY));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            String kind = KIND_OF.get(e.getKey());
            JsonNode value = e.getValue();
            if (kind != null && value.isTextual()) {
                out.add(new Reference(at, kind, value.asText()));
            } else if (kind != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isTextual()) {
                        out.add(new Reference(at + "/" + i, kind, value.get(i).asText()));
                    }
                }
            } else if (!"headers".equals(e.getKey())) {
                walk(value, at, out);
            }
        }
    }
}
