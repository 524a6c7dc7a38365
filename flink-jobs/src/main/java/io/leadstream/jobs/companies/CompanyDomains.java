package io.leadstream.jobs.companies;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The domain index, keyed by domain: which company a domain belongs to. A company that names its
 * domain (an UPSERT with {@code companydomain}) claims it unless one did before; a contact's email
 * domain (a MATCH) joins the owner, or a company made for the domain, named after it, which then
 * owns it. The first claim keeps the domain, as the first owner of an identifier does.
 */
public final class CompanyDomains extends KeyedProcessFunction<String, CompanyCommand, CompanyCommand> {
    private static final long serialVersionUID = 1L;

    /** Where a company made for a domain gets its id. */
    public static final String AUTO_PREFIX = "domain:";
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

    /** The key of a command for this index: its domain (a match's, or the one an UPSERT names), else null. */
    public static String domainOf(CompanyCommand command) {
        if (command.getKind() == CompanyCommandKind.MATCH) {
            return command.getDomain();
        }
        String domain = command.getKind() == CompanyCommandKind.UPSERT ? command.getFields().get(DOMAIN_FIELD) : null;
        return domain == null || domain.isEmpty() ? null : domain;
    }

    @Override
    public void processElement(CompanyCommand command, Context ctx, Collector<CompanyCommand> out) throws Exception {
        String domain = ctx.getCurrentKey();
        String company = owner.value();
        if (command.getKind() == CompanyCommandKind.UPSERT) {
            if (company == null) {
                owner.update(command.getCompanyId());
            }
            return;
        }
        if (company == null) {
            company = AUTO_PREFIX + domain;
            owner.update(company);
        }
        CompanyCommand.Builder link = CompanyCommand.newBuilder().setKind(CompanyCommandKind.LINK).setCompanyId(company)
                .setCommandId(DeterministicIds.of(command.getCommandId(), company)).setContactId(command.getContactId())
                .setPoints(command.getPoints()).setEventTime(command.getEventTime()).setCause(command.getCause());
        if (company.startsWith(AUTO_PREFIX)) { // made here: it is made again if it is not there (deleted ones stay deleted)
            link.setFields(Map.of(NAME_FIELD, domain, DOMAIN_FIELD, domain));
        }
        out.collect(link.build());
    }
}
