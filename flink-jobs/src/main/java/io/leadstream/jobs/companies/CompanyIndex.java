package io.leadstream.jobs.companies;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The company index, keyed by an email domain ({@code domain:acme.com}) or a company name
 * ({@code name:acme-inc}): which company it belongs to. A company whose fields name its domain or
 * its name claims each unless one did before; a contact's email domain or the company it typed (a
 * MATCH) joins the owner, or a company made for it, which then owns it and has the key as its id.
 * The first claim keeps a key, as the first owner of an identifier does.
 */
public final class CompanyIndex extends KeyedProcessFunction<String, CompanyCommand, CompanyCommand> {
    private static final long serialVersionUID = 1L;

    public static final String DOMAIN_PREFIX = "domain:";
    public static final String NAME_PREFIX = "name:";
    public static final String NAME_FIELD = "companyname";
    public static final String DOMAIN_FIELD = "companydomain";

    static {
        TrustedRecords.install();
    }

    private transient ValueState<String> owner;

    @Override
    public void open(OpenContext context) {
        owner = getRuntimeContext().getState(new ValueStateDescriptor<>("owner", Types.STRING));
    }

    /** The index key of a domain. */
    public static String domainKey(String domain) {
        return DOMAIN_PREFIX + domain;
    }

    /** The index key of a company name: lower case, each run of other characters than letters and digits one dash; null for none. */
    public static String nameKey(String name) {
        String slug = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? null : NAME_PREFIX + slug;
    }

    /**
     * What the index hears of a command, each with its key in {@code domain}: a match as it is (its
     * key set by the contact), a company's claims on its domain and name; nothing of the rest.
     */
    public static List<CompanyCommand> entries(CompanyCommand command) {
        if (command.getKind() == CompanyCommandKind.MATCH) {
            return List.of(command);
        }
        List<CompanyCommand> claims = new ArrayList<>(2);
        if (command.getKind() == CompanyCommandKind.UPSERT) {
            String domain = command.getFields().get(DOMAIN_FIELD);
            if (domain != null && !domain.isEmpty()) {
                claims.add(CompanyCommand.newBuilder(command).setDomain(domainKey(domain)).build());
            }
            String name = nameKey(command.getFields().get(NAME_FIELD));
            if (name != null) {
                claims.add(CompanyCommand.newBuilder(command).setDomain(name).build());
            }
        }
        return claims;
    }

    @Override
    public void processElement(CompanyCommand command, Context ctx, Collector<CompanyCommand> out) throws Exception {
        String key = ctx.getCurrentKey();
        String company = owner.value();
        if (command.getKind() == CompanyCommandKind.UPSERT) {
            if (company == null) {
                owner.update(command.getCompanyId());
            }
            return;
        }
        if (company == null) {
            company = key;
            owner.update(company);
        }
        CompanyCommand.Builder link = CompanyCommand.newBuilder().setKind(CompanyCommandKind.LINK).setCompanyId(company)
                .setCommandId(DeterministicIds.of(command.getCommandId(), company)).setContactId(command.getContactId())
                .setPoints(command.getPoints()).setEventTime(command.getEventTime()).setCause(command.getCause());
        if (company.equals(key)) { // made here: it is made again if it is not there (deleted ones stay deleted)
            link.setFields(made(key, command));
        }
        out.collect(link.build());
    }

    /** The fields of a company made for a key: a domain's is named after it, a name's has the name as the contact typed it. */
    private static Map<String, String> made(String key, CompanyCommand match) {
        if (key.startsWith(DOMAIN_PREFIX)) {
            String domain = key.substring(DOMAIN_PREFIX.length());
            return Map.of(NAME_FIELD, domain, DOMAIN_FIELD, domain);
        }
        String typed = match.getFields().get(NAME_FIELD);
        return Map.of(NAME_FIELD, typed == null ? key.substring(NAME_PREFIX.length()) : typed.strip());
    }
}
