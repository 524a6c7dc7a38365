package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random definitions of every kind against a catalog holding what they may name: no valid one is
 * refused, and every one broken in a known way is refused with a problem at the broken spot.
 */
class DefinitionChecksPropertyTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DefinitionChecks CHECKS = new DefinitionChecks();
    private static final DefinitionCatalog CATALOG = DefinitionCatalog.of(Map.of(
            "segments", Map.of("base", DefinitionChecksTest.json("{\"id\": \"base\", \"name\": \"Base\", \"filters\": []}")),
            "emails", Map.of("news", F.objectNode()),
            "forms", Map.of("signup", F.objectNode()),
            "assets", Map.of("pdf", F.objectNode()),
            "point-groups", Map.of("vip", F.objectNode()),
            "stages", Map.of("mql", F.objectNode()),
            "campaigns", Map.of("onboard", F.objectNode()),
            "fields", Map.of("score", DefinitionChecksTest.json("{\"id\": \"score\", \"label\": \"Score\", \"type\": \"number\"}"),
                    "plan", DefinitionChecksTest.json("{\"id\": \"plan\", \"label\": \"Plan\", \"type\": \"select\","
                            + " \"options\": [{\"value\": \"free\"}, {\"value\": \"pro\"}]}"),
                    "tier", DefinitionChecksTest.json("{\"id\": \"tier\", \"label\": \"Tier\", \"type\": \"select\", \"object\": \"company\","
                            + " \"options\": [{\"value\": \"gold\"}, {\"value\": \"silver\"}]}"))));
    /** Per type, values a field of it keeps as they are, and values it can never have. */
    private static final Map<String, List<String>> KEPT = Map.ofEntries(Map.entry("text", List.of("Ada", "x y")),
            Map.entry("textarea", List.of("long\ntext")), Map.entry("email", List.of("a@b.example")), Map.entry("number", List.of("42", "-1.5")),
            Map.entry("boolean", List.of("1", "0")), Map.entry("date", List.of("2026-12-04")), Map.entry("datetime", List.of("2026-12-04T09:30:00Z")),
            Map.entry("select", List.of("free")), Map.entry("multiselect", List.of("free|pro")), Map.entry("country", List.of("France", "Japan")),
            Map.entry("locale", List.of("en_US", "fr")), Map.entry("timezone", List.of("Europe/Paris")), Map.entry("url", List.of("https://a.example/x")),
            Map.entry("tel", List.of("+33 1 23 45 67 89")));
    private static final Map<String, List<String>> NEVER = Map.ofEntries(Map.entry("email", List.of("not-an-address", "a@b")),
            Map.entry("number", List.of("ten", "1e400")), Map.entry("boolean", List.of("maybe")), Map.entry("date", List.of("2026-02-30", "04/12/2026")),
            Map.entry("datetime", List.of("yesterday noon")), Map.entry("select", List.of("gold")), Map.entry("multiselect", List.of("free|gold")),
            Map.entry("country", List.of("Atlantis")), Map.entry("locale", List.of("xx_YY")), Map.entry("timezone", List.of("Mars/Olympus")),
            Map.entry("url", List.of("ftp://a.example", "not a url")), Map.entry("tel", List.of("call me")));

    /** A definition and, when broken, where its problem must be reported. */
    record Case(String kind, String id, JsonNode doc, String brokenAt) {
        @Override
        public String toString() {
            return kind + "/" + id + " " + doc + (brokenAt == null ? "" : " broken at " + brokenAt);
        }
    }

    @Property(tries = 400)
    void noValidDefinitionIsRefused(@ForAll("valid") Case c) {
        assertThat(CHECKS.check(c.kind(), c.id(), c.doc(), CATALOG)).as(c.toString()).isEmpty();
    }

    @Property(tries = 400)
    void everyBrokenDefinitionIsRefusedAtTheBrokenSpot(@ForAll("broken") Case c) {
        assertThat(CHECKS.check(c.kind(), c.id(), c.doc(), CATALOG)).as(c.toString())
                .extracting(Problem::pointer).contains(c.brokenAt());
    }

    @Provide
    Arbitrary<Case> valid() {
        return Arbitraries.oneOf(segments(), campaigns(), forms(), pointTriggers(), simple(), fields());
    }

    @Provide
    Arbitrary<Case> broken() {
        return Arbitraries.oneOf(
                valid().map(c -> new Case(c.kind(), c.id(), ((ObjectNode) c.doc().deepCopy()).put("colour", "red"), "")),
                segmentsWith(Arbitraries.of("([a-z", "*x", "a{2,1}", "(?P<n>"), (f, pattern) -> f.removeAll().put("kind", "field").put("field", "email").put("operator", "not_regexp").put("value", pattern), "/value"),
                segmentsWith(Arbitraries.of("gone", "missing-1"), (f, id) -> f.removeAll().put("kind", "segment").put("segment", id).put("operator", "member"), "/segment"),
                segmentsWith(Arbitraries.of("nickname", "shoe_size"), (f, name) -> f.removeAll().put("kind", "field").put("field", name).put("operator", "empty"), "/field"),
                segmentsWith(Arbitraries.of("like", "regexp", "starts_with"), (f, op) -> f.removeAll().put("kind", "field").put("field", "score").put("operator", op).put("value", "1"), "/operator"),
                segmentsWith(Arbitraries.of("gold", "FREE"), (f, v) -> f.removeAll().put("kind", "field").put("field", "plan").put("operator", "in").putArray("value").add(v), "/value/0"),
                segmentsWith(Arbitraries.of("nickname", "shoe_size", "companysize"), (f, name) -> f.removeAll().put("kind", "company_field").put("field", name).put("operator", "not_empty"), "/field"),
                segmentsWith(Arbitraries.of("email", "city", "plan", "score"), (f, name) -> f.removeAll().put("kind", "field").put("field", name.equals("score") ? "tier" : "companyindustry")
                        .put("operator", "empty"), "/field"),
                segmentsWith(Arbitraries.of("email", "city", "plan"), (f, name) -> f.removeAll().put("kind", "company_field").put("field", name).put("operator", "empty"), "/field"),
                segmentsWith(Arbitraries.of("like", "regexp", "contains"), (f, op) -> f.removeAll().put("kind", "company_field")
                        .put("field", op.equals("like") ? "companyannual_revenue" : "companynumber_of_employees").put("operator", op).put("value", "1"), "/operator"),
                segmentsWith(Arbitraries.of("platinum", "GOLD"), (f, v) -> f.removeAll().put("kind", "company_field").put("field", "tier").put("operator", "eq").put("value", v), "/value"),
                campaignsWith(Arbitraries.of(0), (e, points) -> e.put("kind", "change_company_score").put("points", points), "/points"),
                campaignsWith(Arbitraries.of("companyname", "tier"), (e, field) -> e.put("kind", "update_field").put("field", field).put("value", "x"), "/field"),
                fields().filter(c -> NEVER.containsKey(c.doc().get("type").asText())).flatMap(c -> Arbitraries.of(NEVER.get(c.doc().get("type").asText()))
                        .map(bad -> new Case(c.kind(), c.id(), ((ObjectNode) c.doc().deepCopy()).put("default", bad), "/default"))),
                fields().filter(c -> !c.doc().has("options")).map(c -> new Case(c.kind(), c.id(),
                        ((ObjectNode) c.doc().deepCopy()).put("type", "select"), "/options")),
                segmentsWith(Arbitraries.of("2026-02-30", "2027-04-31", "2026-13-01", "2026-00-10"),
                        (f, date) -> f.removeAll().put("kind", "last_active").put("operator", "gt").put("date", date), "/date"),
                campaignsWith(Arbitraries.of("gone", "draft-2"), (e, email) -> e.put("kind", "send_email").put("email", email), "/email"),
                campaignsWith(Arbitraries.of("2027-02-29T09:00:00Z", "2026-06-31T10:00:00Z"),
                        (e, at) -> e.set("timing", F.objectNode().put("mode", "date").put("at", at)), "/timing/at"),
                forms().map(c -> {
                    ArrayNode fields = (ArrayNode) c.doc().get("fields");
                    fields.add(fields.get(0).deepCopy());
                    return new Case(c.kind(), c.id(), c.doc(), "/fields/" + (fields.size() - 1) + "/alias");
                }));
    }

    private Arbitrary<Case> segments() {
        return Combinators.combine(ids(), filter().list().ofMaxSize(6)).as((id, filters) -> {
            ObjectNode doc = F.objectNode().put("id", id).put("name", "Segment " + id);
            doc.putArray("filters").addAll(filters);
            return new Case("segments", id, doc, null);
        });
    }

    /** A valid segment with one filter replaced by {@code breaking} and the pointer of what it broke. */
    private <T> Arbitrary<Case> segmentsWith(Arbitrary<T> values, java.util.function.BiConsumer<ObjectNode, T> breaking, String field) {
        return Combinators.combine(segments().filter(c -> !c.doc().get("filters").isEmpty()), values, Arbitraries.integers().between(0, 5))
                .as((c, value, pick) -> {
                    ArrayNode filters = (ArrayNode) c.doc().get("filters");
                    int i = pick % filters.size();
                    breaking.accept((ObjectNode) filters.get(i), value);
                    return new Case(c.kind(), c.id(), c.doc(), "/filters/" + i + field);
                });
    }

    private Arbitrary<ObjectNode> filter() {
        Arbitrary<String> glue = Arbitraries.of("and", "or");
        Arbitrary<ObjectNode> field = Combinators.combine(Arbitraries.of("email", "firstname", "city"),
                Arbitraries.of("eq", "neq", "like", "contains", "starts_with", "regexp", "not_regexp", "empty", "in"),
                Arbitraries.of("^a", "[0-9]+", "(foo|bar)$", "x.*y"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
                .as((name, op, pattern, text) -> {
                    ObjectNode f = F.objectNode().put("kind", "field").put("field", name).put("operator", op);
                    switch (op) {
                        case "empty" -> { }
                        case "in" -> f.putArray("value").add(text).add(text + "2");
                        case "regexp", "not_regexp" -> f.put("value", pattern);
                        default -> f.put("value", text);
                    }
                    return f;
                });
        Arbitrary<ObjectNode> typed = Combinators.combine(Arbitraries.of("gt", "lte", "eq", "in", "not_empty"), Arbitraries.integers().between(-50, 50))
                .as((op, n) -> {
                    ObjectNode f = F.objectNode().put("kind", "field").put("field", op.equals("in") ? "plan" : "score").put("operator", op);
                    switch (op) {
                        case "not_empty" -> { }
                        case "in" -> f.putArray("value").add("free").add("pro");
                        default -> f.put("value", n);
                    }
                    return f;
                });
        Arbitrary<ObjectNode> behavior = Combinators.combine(Arbitraries.of("page_hit", "email_open", "form_submit", "asset_download", "any_event"),
                Arbitraries.integers().between(0, 50)).as((b, count) -> {
                    ObjectNode f = F.objectNode().put("kind", "behavior").put("behavior", b).put("count", count);
                    switch (b) {
                        case "email_open" -> f.put("email", "news");
                        case "form_submit" -> f.put("form", "signup");
                        case "asset_download" -> f.put("asset", "pdf");
                        case "page_hit" -> f.put("url", "https://shop.example/*").put("within", "P7D");
                        default -> { }
                    }
                    return f;
                });
        Arbitrary<ObjectNode> lastActive = Arbitraries.of("today", "-30 days", "2026-01-31", "2028-02-29", "this week")
                .map(d -> F.objectNode().put("kind", "last_active").put("operator", "gte").put("date", d));
        Arbitrary<ObjectNode> points = Combinators.combine(Arbitraries.integers().between(-100, 1000), Arbitraries.of(true, false))
                .as((v, grouped) -> {
                    ObjectNode f = F.objectNode().put("kind", "points").put("operator", "gte").put("value", v);
                    return grouped ? f.put("group", "vip") : f;
                });
        Arbitrary<ObjectNode> tags = Arbitraries.of("any", "all", "none").map(op -> {
            ObjectNode f = F.objectNode().put("kind", "tags").put("operator", op);
            f.putArray("tags").add("customer");
            return f;
        });
        Arbitrary<ObjectNode> member = Arbitraries.of("member", "not_member")
                .map(op -> F.objectNode().put("kind", "segment").put("segment", "base").put("operator", op));
        Arbitrary<ObjectNode> company = Combinators.combine(Arbitraries.of("companyindustry", "companyname", "companydomain", "companynumber_of_employees",
                "companyannual_revenue", "companycountry", "tier"), Arbitraries.of("eq", "neq", "in", "not_in", "empty", "not_empty"),
                Arbitraries.integers().between(0, 5000), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)).as((name, op, n, text) -> {
                    ObjectNode f = F.objectNode().put("kind", "company_field").put("field", name).put("operator", op);
                    boolean numeric = name.endsWith("employees") || name.endsWith("revenue");
                    String value = switch (name) {
                        case "companycountry" -> "France";
                        case "tier" -> "gold";
                        default -> numeric ? null : text;
                    };
                    switch (op) {
                        case "empty", "not_empty" -> { }
                        case "in", "not_in" -> {
                            ArrayNode values = f.putArray("value");
                            if (value == null) {
                                values.add(n).add(n + 1);
                            } else {
                                values.add(value);
                            }
                        }
                        default -> {
                            if (value == null) {
                                f.put("value", n);
                            } else {
                                f.put("value", value);
                            }
                        }
                    }
                    return f;
                });
        Arbitrary<ObjectNode> companyOrder = Combinators.combine(Arbitraries.of("companynumber_of_employees", "companyannual_revenue"),
                Arbitraries.of("gt", "gte", "lt", "lte", "between"), Arbitraries.integers().between(-100, 5000)).as((name, op, n) -> {
                    ObjectNode f = F.objectNode().put("kind", "company_field").put("field", name).put("operator", op);
                    if (op.equals("between")) {
                        f.putArray("value").add(n).add(n + 10);
                    } else {
                        f.put("value", n);
                    }
                    return f;
                });
        Arbitrary<ObjectNode> companyText = Combinators.combine(Arbitraries.of("companyname", "companydomain", "companyindustry", "companycity", "companydescription"),
                Arbitraries.of("like", "not_like", "contains", "starts_with", "ends_with", "regexp", "not_regexp"),
                Arbitraries.of("^a", "[0-9]+", "(foo|bar)$", "x.*y")).as((name, op, text) ->
                    F.objectNode().put("kind", "company_field").put("field", name).put("operator", op).put("value", text));
        return Combinators.combine(Arbitraries.oneOf(typed, field, behavior, lastActive, points, tags, member, company, companyOrder, companyText), glue)
                .as((f, g) -> f.put("glue", g));
    }

    private Arbitrary<Case> campaigns() {
        Arbitrary<ObjectNode> action = Arbitraries.of("tags_add", "send_email", "adjust_points", "segment_add", "campaign_add", "add_to_company",
                "change_company_score").map(kind -> {
            ObjectNode e = F.objectNode().put("type", "action").put("kind", kind);
            switch (kind) {
                case "tags_add" -> e.putArray("tags").add("lead");
                case "send_email" -> e.put("email", "news");
                case "adjust_points" -> e.put("points", 5).put("group", "vip");
                case "segment_add" -> e.put("segment", "base");
                case "add_to_company" -> e.put("company", "acme-42");
                case "change_company_score" -> e.put("points", -7);
                default -> e.put("campaign", "onboard");
            }
            return e;
        });
        return Combinators.combine(ids(), action.list().ofMinSize(1).ofMaxSize(5)).as((id, actions) -> {
            ObjectNode doc = F.objectNode().put("id", id).put("name", "Campaign " + id);
            doc.putObject("sources").putArray("segments").add("base");
            ArrayNode events = doc.putArray("events");
            for (int i = 0; i < actions.size(); i++) {
                ObjectNode e = actions.get(i).put("id", "e" + i);
                if (i > 0) {
                    e.put("parent", "e" + (i - 1));
                }
                events.add(e);
            }
            return new Case("campaigns", id, doc, null);
        });
    }

    private <T> Arbitrary<Case> campaignsWith(Arbitrary<T> values, java.util.function.BiConsumer<ObjectNode, T> breaking, String field) {
        return Combinators.combine(campaigns(), values, Arbitraries.integers().between(0, 4)).as((c, value, pick) -> {
            ArrayNode events = (ArrayNode) c.doc().get("events");
            int i = pick % events.size();
            ObjectNode e = (ObjectNode) events.get(i);
            e.retain("id", "parent", "type");
            e.put("kind", "tags_add").putArray("tags").add("lead");
            breaking.accept(e, value);
            if (!"tags_add".equals(e.path("kind").asText())) {
                e.remove("tags");
            }
            return new Case(c.kind(), c.id(), c.doc(), "/events/" + i + field);
        });
    }

    private Arbitrary<Case> forms() {
        Arbitrary<ObjectNode> field = Combinators.combine(Arbitraries.of("text", "email", "tel", "number", "date", "select"),
                Arbitraries.of(true, false)).as((type, required) -> {
                    ObjectNode f = F.objectNode().put("type", type).put("required", required);
                    if (type.equals("select")) { // a list must say what it offers
                        f.putArray("options").add(F.objectNode().put("value", "a")).add(F.objectNode().put("value", "b").put("label", "B"));
                    }
                    return f;
                });
        return Combinators.combine(ids(), field.list().ofMinSize(1).ofMaxSize(5)).as((id, fields) -> {
            ObjectNode doc = F.objectNode().put("id", id).put("name", "Form " + id);
            ArrayNode array = doc.putArray("fields");
            for (int i = 0; i < fields.size(); i++) {
                array.add(fields.get(i).put("alias", "field_" + i));
            }
            return new Case("forms", id, doc, null);
        });
    }

    private Arbitrary<Case> pointTriggers() {
        return Combinators.combine(ids(), Arbitraries.integers().between(1, 500), Arbitraries.of("segment_add", "send_email", "campaign_add", "tags_add", "change_stage", "change_company_score"))
                .as((id, threshold, type) -> {
                    ObjectNode doc = F.objectNode().put("id", id).put("name", "Trigger " + id).put("threshold", threshold);
                    ObjectNode action = doc.putArray("actions").addObject().put("type", type);
                    switch (type) {
                        case "segment_add" -> action.put("segment", "base");
                        case "send_email" -> action.put("email", "news");
                        case "campaign_add" -> action.put("campaign", "onboard");
                        case "change_stage" -> action.put("stage", "mql");
                        case "change_company_score" -> action.put("points", threshold % 2 == 0 ? threshold : -threshold);
                        default -> action.putArray("tags").add("hot");
                    }
                    return new Case("point-triggers", id, doc, null);
                });
    }

    private Arbitrary<Case> simple() {
        return ids().flatMap(id -> Arbitraries.of(
                new Case("assets", id, F.objectNode().put("id", id).put("title", "Price list").put("url", "https://cdn.example/" + id + ".pdf"), null),
                new Case("point-groups", id, F.objectNode().put("id", id).put("name", "Group " + id), null),
                new Case("stages", id, F.objectNode().put("id", id).put("name", "Stage " + id).put("weight", id.length()), null),
                new Case("emails", id, DefinitionChecksTest.json("{\"id\": \"" + id + "\", \"name\": \"E\", \"type\": \"marketing\", \"from\": \"a@shop.example\","
                        + " \"subject\": \"Hi\", \"html\": \"<p>x</p>\", \"text\": \"x\"}"), null),
                new Case("point-actions", id, DefinitionChecksTest.json("{\"id\": \"" + id + "\", \"name\": \"P\", \"type\": \"email_open\", \"points\": 3,"
                        + " \"email\": \"news\", \"group\": \"vip\"}"), null)));
    }

    /** Fields of every type, with options where the type has them and a default it keeps as it is. */
    private Arbitrary<Case> fields() {
        Arbitrary<String> aliases = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_").ofMinLength(0).ofMaxLength(20)
                .map(rest -> "f" + rest);
        return Combinators.combine(aliases, Arbitraries.of(KEPT.keySet().stream().sorted().toList()), Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false), Arbitraries.of("contact", "company", "")).as((alias, type, pick, flag, object) -> {
                    boolean company = object.equals("company") && !StandardFields.isStandard(alias); // a standard field keeps its object
                    ObjectNode doc = F.objectNode().put("id", alias).put("label", "Field " + alias).put("type", type)
                            .put("publiclyUpdatable", flag && !company); // hits and forms set no company field
                    if (company || object.equals("contact")) {
                        doc.put("object", company ? "company" : "contact");
                    }
                    if (type.endsWith("select")) {
                        doc.putArray("options").add(F.objectNode().put("value", "free")).add(F.objectNode().put("value", "pro").put("label", "Pro"));
                    }
                    List<String> kept = KEPT.get(type);
                    if (pick > 0) {
                        doc.put("default", kept.get(pick % kept.size()));
                    }
                    return new Case("fields", alias, doc, null);
                });
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-").ofMinLength(1).ofMaxLength(20)
                .filter(id -> !List.of("base").contains(id));
    }
}
