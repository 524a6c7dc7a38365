package io.leadstream.gateway.mautic;

import io.leadstream.definitions.StandardFields;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Our definitions as Mautic's API names them: by integer id, kind by kind (segments, emails, campaigns, forms, fields). */
final class MauticCatalog {
    /** A definition with the integer id Mautic's clients know it by. */
    record Numbered(long id, String name, JsonObject doc) {}

    private final DefinitionsCache definitions;
    private final MauticIds ids;

    MauticCatalog(DefinitionsCache definitions, MauticIds ids) {
        this.definitions = definitions;
        this.ids = ids;
    }

    MauticIds ids() {
        return ids;
    }

    /** Every definition of the kind (for fields, the standard ones too), with their ids, in name order. */
    Future<List<Numbered>> all(String kind) {
        SortedMap<String, JsonObject> docs = new TreeMap<>();
        if (kind.equals(StandardFields.KIND)) {
            StandardFields.all().forEach((id, d) -> docs.put(id, new JsonObject(d.toString())));
        }
        docs.putAll(definitions.all(kind));
        List<Future<Numbered>> numbered = new ArrayList<>();
        docs.forEach((name, doc) -> numbered.add(Future.fromCompletionStage(ids.idOf(kind, name)).map(id -> new Numbered(id, name, doc))));
        return Future.all(numbered).map(cf -> cf.<Numbered>list());
    }

    /** The definition an integer id (or, as Mautic also allows for some, its alias) names. */
    Future<Optional<Numbered>> find(String kind, String idOrAlias) {
        Long number = number(idOrAlias);
        Future<Optional<String>> name = number == null ? Future.succeededFuture(Optional.of(idOrAlias))
                : Future.fromCompletionStage(ids.target(kind, number));
        return name.compose(n -> {
            Optional<JsonObject> doc = n.flatMap(x -> get(kind, x));
            if (doc.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            return Future.fromCompletionStage(ids.idOf(kind, n.get())).map(id -> Optional.of(new Numbered(id, n.get(), doc.get())));
        });
    }

    Optional<JsonObject> get(String kind, String name) {
        if (kind.equals(StandardFields.KIND) && StandardFields.isStandard(name) && definitions.get(kind, name).isEmpty()) {
            return Optional.of(new JsonObject(StandardFields.all().get(name).toString()));
        }
        return definitions.get(kind, name);
    }

    /** The contact fields by alias, with their ids, labels and types. */
    Future<Map<String, ContactView.Field>> fields() {
        return fields(false);
    }

    /** The company fields (definitions with {@code "object": "company"}) by alias, with their ids, labels and types. */
    Future<Map<String, ContactView.Field>> companyFields() {
        return fields(true);
    }

    private Future<Map<String, ContactView.Field>> fields(boolean company) {
        return fieldsOf(company).map(list -> {
            Map<String, ContactView.Field> out = new LinkedHashMap<>();
            list.forEach(n -> out.put(n.name(), new ContactView.Field(n.id(), n.doc().getString("label", n.name()), n.doc().getString("type", "text"))));
            return out;
        });
    }

    /** The field definitions of contacts ({@code company} false) or of companies, with their ids. */
    Future<List<Numbered>> fieldsOf(boolean company) {
        return all(StandardFields.KIND).map(list -> list.stream().filter(n -> isCompanyField(n.doc()) == company).toList());
    }

    static boolean isCompanyField(JsonObject fieldDefinition) {
        return io.leadstream.definitions.FieldDefinition.COMPANY.equals(fieldDefinition.getValue("object"));
    }

    static Long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 16 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(s);
    }
}
