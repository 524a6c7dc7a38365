package io.leadstream.jobs.contact;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.companies.CompanyIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether contacts join companies by the domain of their email address and by the company they
 * typed, and which domains never count: free-mail ones, where an address says nothing of the
 * person's employer.
 *
 * @param byDomain {@code engine.company-match-by-domain}
 * @param freeMail the built-in free-mail domains and {@code engine.company-free-mail-domains}
 * @param byName   {@code engine.company-match-by-name}
 */
public record CompanyMatching(boolean byDomain, Set<String> freeMail, boolean byName) implements Serializable {
    private static final String BUILT_IN = "/leadstream/free-mail-domains.txt";

    public static CompanyMatching from(LeadStreamConfig config) {
        Set<String> freeMail = new HashSet<>(builtIn());
        Arrays.stream(config.get(EngineOptions.COMPANY_FREE_MAIL_DOMAINS).split(",")).map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).forEach(freeMail::add);
        return new CompanyMatching(config.get(EngineOptions.COMPANY_MATCH_BY_DOMAIN), Set.copyOf(freeMail),
                config.get(EngineOptions.COMPANY_MATCH_BY_NAME));
    }

    public static CompanyMatching defaults() {
        return new CompanyMatching(true, builtIn(), true);
    }

    /** The company domain of an email address (lower case), or null: none, a free-mail one, or matching is off. */
    public String domainOf(String email) {
        if (!byDomain || email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || domain.indexOf('.') < 0 || freeMail.contains(domain)) {
            return null;
        }
        return domain;
    }

    /** The company index key of the company a contact typed, or null: none, or matching by name is off. */
    public String nameKeyOf(String company) {
        return byName ? CompanyIndex.nameKey(company) : null;
    }

    private static Set<String> builtIn() {
        Set<String> domains = new HashSet<>();
        try (InputStream in = CompanyMatching.class.getResourceAsStream(BUILT_IN);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(domains::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(domains);
    }
}
