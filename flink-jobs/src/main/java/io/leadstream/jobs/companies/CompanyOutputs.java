package io.leadstream.jobs.companies;

import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The company processor's side outputs (its main output is each company's change record). */
public final class CompanyOutputs {
    /** A company's facts for its contacts, through the contact handover topic. */
    public static final OutputTag<ContactHandover> TO_CONTACTS = new OutputTag<>("company-facts", TypeInformation.of(ContactHandover.class));
    /** Commands for other companies (a merge's handover, commands a merged company passes on), through the company-commands topic. */
    public static final OutputTag<CompanyCommand> TO_COMPANIES = new OutputTag<>("company-handovers", TypeInformation.of(CompanyCommand.class));
    public static final OutputTag<CompanyMember> MEMBERS = new OutputTag<>("company-members", TypeInformation.of(CompanyMember.class));

    private CompanyOutputs() {}
}
