package io.leadstream.gateway.companies;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.definitions.FieldDefinition;
import io.leadstream.gateway.contacts.ContactStore;
import java.time.Duration;
import java.util.function.Function;

/**
 * The gateway's company parts, made once for our API and Mautic's: both lay this gateway's company
 * writes over what they read until the engine has written them, and check fields the same way.
 * {@code known} and {@code commands} are null when the contacts API is off (no Cassandra).
 */
public record Companies(KnownCompanies known, CompanyCommands commands, CompanyFields fields, CompaniesApi api) implements AutoCloseable {

    /** {@code contacts} null: the contacts API, and these with it, are off. */
    public static Companies create(LeadStreamConfig config, ContactStore contacts, Function<String, FieldDefinition> companyField) {
        RecentCompanyWrites recent = new RecentCompanyWrites(Duration.ofMinutes(2));
        CompanyFields fields = new CompanyFields(companyField);
        KnownCompanies known = contacts == null ? null : new KnownCompanies(new CompanyStore(contacts), recent);
        CompanyCommands commands = contacts == null ? null : new CompanyCommands(config, recent, "api");
        return new Companies(known, commands, fields, new CompaniesApi(known, contacts, commands, fields));
    }

    /** The same parts, with writes recorded as made through {@code via} (mautic-api). */
    public Companies via(String via) {
        return new Companies(known, commands == null ? null : commands.via(via), fields, api);
    }

    @Override
    public void close() {
        if (commands != null) {
            commands.close();
        }
    }
}
