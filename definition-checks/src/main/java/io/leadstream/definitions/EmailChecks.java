package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an email's schema cannot say about its tokens: each is one the renderer knows, with an
 * argument where it needs one, and a {@code {dynamiccontent="name"}} names a block of the email; its
 * variants and translations ({@link EmailFamilyChecks}). The
 * pages and assets that {@code {pagelink=ID}} and {@code {assetlink=ID}} name are checked with the
 * other references.
 */
final class EmailChecks {
    /** The properties holding templates. */
    static final List<String> TEMPLATES = List.of("subject", "html", "text");

    private EmailChecks() {}

    static List<Problem> check(String id, JsonNode doc, DefinitionCatalog stored) {
        List<Problem> problems = new ArrayList<>(EmailFamilyChecks.check(id, doc, stored));
        Set<String> blocks = new HashSet<>();
        doc.path("dynamicContent").forEach(b -> blocks.add(b.path("name").asText()));
        for (String property : TEMPLATES) {
            tokens(problems, "/" + property, doc.path(property).asText(""), blocks);
        }
        JsonNode dynamic = doc.path("dynamicContent");
        Set<String> named = new HashSet<>();
        for (int b = 0; b < dynamic.size(); b++) {
            JsonNode block = dynamic.get(b);
            String at = "/dynamicContent/" + b;
            if (!named.add(block.path("name").asText())) {
                problems.add(new Problem(at + "/name", "two blocks are named " + block.path("name").asText()));
            }
            // A block's content is the author's HTML with tokens of its own, but no block in a block: it would never be filled.
            tokens(problems, at + "/default", block.path("default").asText(""), Set.of());
            for (int v = 0; v < block.path("variants").size(); v++) {
                tokens(problems, at + "/variants/" + v + "/content", block.path("variants").get(v).path("content").asText(""), Set.of());
            }
        }
        return problems;
    }

    private static void tokens(List<Problem> problems, String at, String template, Set<String> blocks) {
        for (EmailTokens.Found t : EmailTokens.in(template)) {
            String problem = problem(t, blocks);
            if (problem != null) {
                problems.add(new Problem(at, problem));
            }
        }
    }

    private static String problem(EmailTokens.Found t, Set<String> blocks) {
        if (t.known()) {
            boolean namesBlock = !t.name().equals(EmailTokens.DYNAMIC_CONTENT) || blocks.contains(t.argument());
            return namesBlock ? null : "{dynamiccontent=\"" + t.argument() + "\"} names no block of this email's dynamicContent";
        }
        if (EmailTokens.WITH_ARGUMENT.contains(t.name())) {
            return "{" + t.name() + "} needs what it names: {" + t.name() + "=...}";
        }
        if (EmailTokens.WITHOUT_ARGUMENT.contains(t.name())) {
            return "{" + t.name() + "} takes no argument";
        }
        Set<String> known = new TreeSet<>(EmailTokens.WITHOUT_ARGUMENT);
        EmailTokens.WITH_ARGUMENT.forEach(n -> known.add(n + "=..."));
        return "unknown token {" + t.name() + (t.argument() == null ? "" : "=" + t.argument()) + "}; an email's tokens are " + known;
    }
}
