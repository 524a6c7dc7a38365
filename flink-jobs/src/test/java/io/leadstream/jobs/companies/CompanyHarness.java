package io.leadstream.jobs.companies;

import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The company stage in Flink's keyed harnesses: the company index and the company processor, routed
 * as {@link CompanyStage} routes them, with the company-commands loop closed by hand ({@link #loop}).
 */
public final class CompanyHarness implements AutoCloseable {
    public final KeyedOneInputStreamOperatorTestHarness<String, CompanyCommand, CompanyChange> companies;
    private final KeyedOneInputStreamOperatorTestHarness<String, CompanyCommand, CompanyCommand> domains;
    private int looped;
    private int linked;

    public CompanyHarness(long flushMillis) throws Exception {
        companies = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CompanyProcessor(flushMillis)),
                CompanyCommand::getCompanyId, Types.STRING);
        companies.open();
        domains = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CompanyIndex()), CompanyCommand::getDomain, Types.STRING);
        domains.open();
    }

    /** One command, routed: to the index for what it matches or claims, to its company if it names one. */
    public void send(CompanyCommand command) throws Exception {
        for (CompanyCommand entry : CompanyIndex.entries(command)) {
            domains.processElement(new StreamRecord<>(entry, entry.getEventTime().toEpochMilli()));
            List<CompanyCommand> links = domains.extractOutputValues();
            for (CompanyCommand link : links.subList(linked, links.size())) {
                companies.processElement(new StreamRecord<>(link, link.getEventTime().toEpochMilli()));
            }
            linked = links.size();
        }
        if (command.getCompanyId() != null) {
            companies.processElement(new StreamRecord<>(command, command.getEventTime().toEpochMilli()));
        }
    }

    public void sendAll(List<CompanyCommand> commands) throws Exception {
        for (CompanyCommand c : commands) {
            send(c);
        }
    }

    /** Delivers the commands companies handed each other since the last call, as the company-commands topic would. */
    public void loop() throws Exception {
        List<CompanyCommand> all = side(CompanyOutputs.TO_COMPANIES);
        List<CompanyCommand> fresh = new ArrayList<>(all.subList(looped, all.size()));
        looped = all.size();
        sendAll(fresh);
    }

    public void time(long processingTime) throws Exception {
        companies.setProcessingTime(processingTime);
    }

    public List<CompanyChange> changes() {
        return companies.extractOutputValues();
    }

    public List<ContactHandover> toContacts() {
        return side(CompanyOutputs.TO_CONTACTS);
    }

    public List<CompanyMember> members() {
        return side(CompanyOutputs.MEMBERS);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = companies.getSideOutput(tag);
        List<T> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        companies.close();
        domains.close();
    }
}
