package io.leadstream.jobs.companies;

import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Companies after the contact processor: the contacts' messages and the company-commands topic (the
 * API's writes, one company's handovers to another) in; matches by email domain or company name
 * through the company index ({@link CompanyIndex}, keyed by domain or name), the rest straight to the company processor
 * ({@link CompanyProcessor}, keyed by company). Out: each company's change record, its facts for its
 * contacts (to the contact handover topic), commands for other companies (to company-commands) and
 * member rows.
 */
public final class CompanyStage {
    private CompanyStage() {}

    public record Output(DataStream<CompanyChange> changes, DataStream<ContactHandover> toContacts, DataStream<CompanyCommand> toCompanies,
                         DataStream<CompanyMember> members) {}

    public static Output apply(DataStream<CompanyCommand> fromContacts, DataStream<CompanyCommand> commands, Duration flushInterval) {
        TypeInformation<CompanyCommand> type = TypeInformation.of(CompanyCommand.class);
        DataStream<CompanyCommand> all = fromContacts.union(commands);
        DataStream<CompanyCommand> linked = all.flatMap((CompanyCommand c, Collector<CompanyCommand> out) -> CompanyIndex.entries(c).forEach(out::collect), type)
                .name("company-index-entries").uid("company-index-entries")
                .keyBy(CompanyCommand::getDomain)
                .process(new CompanyIndex(), type).name("company-index").uid("company-index");
        SingleOutputStreamOperator<CompanyChange> processed = all.filter(c -> c.getCompanyId() != null)
                .name("company-commands-by-company").uid("company-commands-by-company")
                .union(linked)
                .keyBy(CompanyCommand::getCompanyId)
                .process(new CompanyProcessor(flushInterval.toMillis()), TypeInformation.of(CompanyChange.class))
                .name("company-processor").uid("company-processor");
        return new Output(processed, processed.getSideOutput(CompanyOutputs.TO_CONTACTS), processed.getSideOutput(CompanyOutputs.TO_COMPANIES),
                processed.getSideOutput(CompanyOutputs.MEMBERS));
    }
}
