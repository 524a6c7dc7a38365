package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every check a definition passes before it is stored, in one place for the API, {@code bin/leadstream
 * apply} and any editor: its kind's closed JSON Schema, then what a schema cannot say (patterns that
 * compile, real dates, loops: segments, campaign jumps, point triggers), then that what it names exists. All problems are reported at once;
 * the later steps read what the schema guarantees, so they run only on a document it accepts.
 */
public final class DefinitionChecks {
    /** The kinds of definition, in the order an apply writes them (what is named before what names it). */
    public static final List<String> KINDS = List.of("fields", "point-groups", "stages", "assets", "forms", "emails", "segments", "campaigns",
            "point-actions", "point-triggers", "dynamic-content", "pages", "focus", "webhooks");

    private final Map<String, DefinitionSchemas> schemas = new LinkedHashMap<>();
    private final Set<String> identifierFields;

    /** With the engine's default unique identifier, email. */
    public DefinitionChecks() {
        this(Set.of("email"));
    }

    /** {@code identifierFields}: the engine's unique identifiers ({@code engine.identifier-fields}), which a field's unique flag must tell. */
    public DefinitionChecks(Set<String> identifierFields) {
        this.identifierFields = Set.copyOf(identifierFields);
        KINDS.forEach(kind -> schemas.put(kind, DefinitionSchemas.forKind(kind)));
    }

    /** The fields that are unique identifiers, whatever a definition says. */
    public Set<String> identifierFields() {
        return identifierFields;
    }

    public Set<String> kinds() {
        return schemas.keySet();
    }

    /** The problems of {@code doc} as {@code kind}/{@code id}, stored among {@code catalog}; empty when it may be stored. */
    public List<Problem> check(String kind, String id, JsonNode doc, DefinitionCatalog catalog) {
        DefinitionSchemas schema = schemas.get(kind);
        if (schema == null) {
            return List.of(new Problem("", "unknown definition kind " + kind + "; known: " + new TreeSet<>(kinds())));
        }
        List<Problem> problems = new ArrayList<>(schema.check(doc));
        if (!problems.isEmpty()) {
            return problems;
        }
        DefinitionCatalog stored = StandardFields.under(catalog.readOnce());
        switch (kind) {
            case "fields" -> problems.addAll(FieldChecks.check(id, doc, stored, identifierFields));
            case "segments" -> problems.addAll(SegmentChecks.check(id, doc, stored));
            case "campaigns" -> problems.addAll(CampaignChecks.check(doc));
            case "forms" -> problems.addAll(FormChecks.check(doc));
            case "emails" -> problems.addAll(EmailChecks.check(id, doc, stored));
            case "pages" -> problems.addAll(PageChecks.check(id, doc, stored));
            case "point-triggers" -> problems.addAll(PointTriggerChecks.check(doc, stored));
            default -> { }
        }
        problems.addAll(FieldUseChecks.check(kind, doc, StandardFields.definitions(stored)));
        for (References.Reference r : References.in(kind, doc)) {
            boolean self = r.kind().equals(kind) && r.id().equals(id);
            if (!self && !stored.all(r.kind()).containsKey(r.id())) {
                String what = FieldDefinition.COMPANY.equals(r.object()) ? "company field" : singular(r.kind());
                problems.add(new Problem(r.pointer(), "no " + what + " \"" + r.id() + "\" is defined"));
            }
        }
        return problems;
    }

    /** Who names {@code kind}/{@code id}, as "kind/id": while any does, it cannot be deleted. */
    public List<String> referrers(String kind, String id, DefinitionCatalog catalog) {
        List<String> out = new ArrayList<>();
        if (kind.equals(StandardFields.KIND) && StandardFields.isStandard(id)) {
            return out; // deleting a replaced standard field brings the standard one back: what names it still resolves
        }
        for (String k : KINDS) {
            catalog.all(k).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                boolean self = k.equals(kind) && e.getKey().equals(id);
                if (!self && References.in(k, e.getValue()).stream().anyMatch(r -> r.kind().equals(kind) && r.id().equals(id))) {
                    out.add(k + "/" + e.getKey());
                }
            });
        }
        return out;
    }

    /** The definitions {@code doc}, of {@code kind}, names, as "kind/id". */
    public static List<String> named(String kind, JsonNode doc) {
        return References.in(kind, doc).stream().map(r -> r.kind() + "/" + r.id()).distinct().toList();
    }

    /**
     * The keys ("kind/id") of {@code docs} in an order to store them one by one: kinds in {@link #KINDS}
     * order, and each after those among {@code docs} it names, of any kind (a form's actions name
     * segments and emails; a segment names forms). Where they loop, as read: the check refuses what
     * names one not stored yet.
     */
    public static List<String> inDependencyOrder(Map<String, Map<String, JsonNode>> docs) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new java.util.HashSet<>();
        for (String kind : KINDS) {
            for (String id : new java.util.TreeSet<>(docs.getOrDefault(kind, Map.of()).keySet())) {
                place(kind, id, docs, order, placed, new java.util.HashSet<>());
            }
        }
        return order;
    }

    private static void place(String kind, String id, Map<String, Map<String, JsonNode>> docs, List<String> order, Set<String> placed,
                              Set<String> visiting) {
        String key = kind + "/" + id;
        if (placed.contains(key) || !visiting.add(key)) {
            return;
        }
        for (References.Reference r : References.in(kind, docs.get(kind).get(id))) {
            if (docs.getOrDefault(r.kind(), Map.of()).containsKey(r.id())) {
                place(r.kind(), r.id(), docs, order, placed, visiting);
            }
        }
        placed.add(key);
        order.add(key);
    }

    private static String singular(String kind) {
        return switch (kind) {
            case "point-groups" -> "point group";
            case "focus" -> "focus item";
            case "fields" -> "contact field";
            case "campaigns", "segments", "emails", "forms", "assets", "pages", "webhooks", "stages" -> kind.substring(0, kind.length() - 1);
            default -> kind;
        };
    }
}
