package io.leadstream.jobs.companies;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.io.WriteVersions;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.company.CompanyProfile;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.leadstream.schemas.engine.CompanyFacts;
import io.leadstream.schemas.engine.ContactHandover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The company processor, keyed by company: its fields and own points in one state value, its
 * contacts and their points in a map state beside it (a company may have many, and a contact's
 * points change often). Contacts join and leave here; each change of membership or fields goes to
 * the contacts concerned as a message, and each contact reports its points back. Its row and change
 * record are written at most once per flush interval (a processing-time timer): with many contacts
 * scoring, the score changes far more often than anyone needs to read it.
 */
public final class CompanyProcessor extends KeyedProcessFunction<String, CompanyCommand, CompanyChange> {
    private static final long serialVersionUID = 1L;

    static {
        TrustedRecords.install(); // Avro records in its state
    }

    private final long flushMillis;
    private transient ValueState<CompanyProfile> profiles;
    private transient MapState<String, Integer> members;
    private transient WriteVersions versions;

    public CompanyProcessor(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void open(OpenContext context) {
        profiles = getRuntimeContext().getState(new ValueStateDescriptor<>("company", TypeInformation.of(CompanyProfile.class)));
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", Types.STRING, Types.INT));
        versions = new WriteVersions();
    }

    @Override
    public void processElement(CompanyCommand command, Context ctx, Collector<CompanyChange> out) throws Exception {
        String id = ctx.getCurrentKey();
        CompanyProfile company = profiles.value();
        long now = command.getEventTime().toEpochMilli();
        if (company != null && company.getMergedInto() != null) {
            ctx.output(CompanyOutputs.TO_COMPANIES, CompanyCommand.newBuilder(command).setCompanyId(company.getMergedInto()).build());
            return;
        }
        boolean exists = company != null && company.getCreatedAt() != null && company.getDeletedAt() == null;
        Moves moves = new Moves(id, command, ctx);
        boolean changed = switch (command.getKind()) {
            case UPSERT -> {
                if (!exists) {
                    company = created(now);
                }
                yield upsert(company, command.getFields(), moves) || !exists;
            }
            case LINK -> {
                if (!exists && (company != null && company.getDeletedAt() != null || command.getFields().isEmpty())) {
                    yield false; // no such company (a campaign named a wrong one), or one deleted since
                }
                if (!exists) {
                    company = created(now);
                    company.getFields().putAll(command.getFields());
                }
                yield link(company, command.getContactId(), command.getPoints(), now, moves) || !exists;
            }
            case UNLINK -> exists && unlink(company, command.getContactId(), moves);
            case MEMBER_POINTS -> exists && memberPoints(company, command.getContactId(), command.getPoints());
            case ADD_POINTS -> {
                if (exists && command.getPoints() != null) {
                    company.setOwnPoints(company.getOwnPoints() + command.getPoints());
                }
                yield exists;
            }
            case ADOPT -> {
                if (!exists) {
                    company = created(now);
                }
                yield adopt(company, command, now, moves);
            }
            case DELETE -> {
                if (exists) {
                    end(company, now, moves, null);
                    company.setDeletedAt(now);
                    out.collect(change(id, company, now, true));
                    profiles.update(company);
                }
                yield false;
            }
            case MERGE_INTO -> {
                String survivor = command.getOtherCompanyId();
                if (exists && survivor != null && !survivor.equals(id)) {
                    mergeInto(company, survivor, now, moves);
                    out.collect(change(id, company, now, true));
                    profiles.update(company);
                }
                yield false;
            }
            default -> false;
        };
        if (changed) {
            company.setUpdatedAt(now);
            company.setCause(command.getCommandId());
            if (flushMillis <= 0) {
                out.collect(change(id, company, now, false));
            } else if (!company.getDirty()) {
                company.setDirty(true);
                ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + flushMillis);
            }
            profiles.update(company);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CompanyChange> out) throws Exception {
        CompanyProfile company = profiles.value();
        if (company == null || !company.getDirty() || company.getMergedInto() != null || company.getDeletedAt() != null) {
            return;
        }
        company.setDirty(false);
        profiles.update(company);
        out.collect(change(ctx.getCurrentKey(), company, company.getUpdatedAt(), false));
    }

    private static CompanyProfile created(long now) {
        CompanyProfile company = CompanyProfile.newBuilder().build();
        company.setCreatedAt(now);
        company.setFields(new HashMap<>());
        company.setMergedIds(new ArrayList<>());
        return company;
    }

    /** Sets and clears fields; the company's contacts hear of a change. */
    private boolean upsert(CompanyProfile company, Map<String, String> fields, Moves moves) throws Exception {
        boolean changed = false;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            changed |= f.getValue().isEmpty() ? company.getFields().remove(f.getKey()) != null
                    : !f.getValue().equals(company.getFields().put(f.getKey(), f.getValue()));
        }
        if (changed) {
            for (String contact : members.keys()) {
                moves.tell(contact, facts(moves.companyId, true, false, company, null));
            }
        }
        return changed;
    }

    /** The contact joins (it becomes its primary company, as the latest one joined is). */
    private boolean link(CompanyProfile company, String contact, Integer points, long now, Moves moves) throws Exception {
        boolean joined = !members.contains(contact);
        if (joined) {
            int p = points == null ? 0 : points;
            members.put(contact, p);
            company.setMemberPoints(company.getMemberPoints() + p);
            company.setContacts(company.getContacts() + 1);
            moves.member(CompanyMember.joined(moves.companyId, contact, now));
        }
        moves.tell(contact, facts(moves.companyId, true, true, company, null));
        return joined;
    }

    private boolean unlink(CompanyProfile company, String contact, Moves moves) throws Exception {
        Integer points = members.get(contact);
        if (points == null) {
            return false;
        }
        members.remove(contact);
        company.setMemberPoints(company.getMemberPoints() - points);
        company.setContacts(company.getContacts() - 1);
        moves.member(CompanyMember.left(moves.companyId, contact));
        moves.tell(contact, facts(moves.companyId, false, false, company, null));
        return true;
    }

    private boolean memberPoints(CompanyProfile company, String contact, Integer points) throws Exception {
        Integer before = members.get(contact);
        if (before == null || points == null || before.equals(points)) {
            return false;
        }
        members.put(contact, points);
        company.setMemberPoints(company.getMemberPoints() + points - before);
        return true;
    }

    /** A company merged into this one: its fields fill the gaps, its own points add up, its contacts join (each told). */
    private boolean adopt(CompanyProfile company, CompanyCommand command, long now, Moves moves) throws Exception {
        String loserId = command.getOtherCompanyId();
        CompanyProfile loser = command.getProfile();
        if (loser == null || company.getMergedIds().contains(loserId)) {
            return false; // handed over already
        }
        company.getMergedIds().add(loserId);
        loser.getFields().forEach(company.getFields()::putIfAbsent);
        company.setOwnPoints(company.getOwnPoints() + loser.getOwnPoints());
        for (Map.Entry<String, Integer> m : loser.getMembers().entrySet()) {
            if (!members.contains(m.getKey())) {
                members.put(m.getKey(), m.getValue());
                company.setMemberPoints(company.getMemberPoints() + m.getValue());
                company.setContacts(company.getContacts() + 1);
                moves.member(CompanyMember.joined(moves.companyId, m.getKey(), now));
            }
        }
        for (String contact : members.keys()) { // the fields may have changed for every one of them
            moves.tell(contact, facts(moves.companyId, true, false, company, null));
        }
        return true;
    }

    /** This company goes into {@code survivor}: its whole state, contacts too, goes there; later commands follow. */
    private void mergeInto(CompanyProfile company, String survivor, long now, Moves moves) throws Exception {
        Map<String, Integer> all = new HashMap<>();
        for (Map.Entry<String, Integer> m : members.entries()) {
            all.put(m.getKey(), m.getValue());
        }
        CompanyProfile handed = CompanyProfile.newBuilder(company).setMembers(all).setDirty(false).build();
        moves.toCompany(CompanyCommand.newBuilder().setKind(CompanyCommandKind.ADOPT).setCompanyId(survivor)
                .setCommandId(DeterministicIds.of(moves.command.getCommandId(), "adopt")).setOtherCompanyId(moves.companyId)
                .setProfile(handed).setEventTime(Instant.ofEpochMilli(now)).setCause(moves.command.getCommandId()).build());
        end(company, now, moves, survivor);
        company.setMergedInto(survivor);
    }

    /** Every contact leaves (deleted, or merged into {@code survivor}). */
    private void end(CompanyProfile company, long now, Moves moves, String survivor) throws Exception {
        for (String contact : members.keys()) {
            moves.tell(contact, facts(moves.companyId, false, false, company, survivor));
        }
        members.clear();
        moves.member(CompanyMember.allLeft(moves.companyId));
        company.setFields(new HashMap<>());
        company.setDirty(false);
    }

    private static CompanyFacts facts(String companyId, boolean linked, boolean primary, CompanyProfile company, String mergedInto) {
        return new CompanyFacts(companyId, linked, linked ? new HashMap<>(company.getFields()) : Map.of(), primary, mergedInto);
    }

    private CompanyChange change(String id, CompanyProfile company, long at, boolean ended) {
        long version = versions.next();
        CompanyChange.Builder change = CompanyChange.newBuilder().setCompanyId(id).setEventTime(Instant.ofEpochMilli(at)).setVersion(version)
                .setCauseId(company.getCause()).setCreatedAt(company.getCreatedAt() == null ? null : Instant.ofEpochMilli(company.getCreatedAt()));
        if (ended) {
            return change.setMergedInto(company.getMergedInto()).setDeleted(company.getMergedInto() == null).build();
        }
        return change.setFields(new HashMap<>(company.getFields())).setOwnPoints(company.getOwnPoints())
                .setContactPoints(company.getMemberPoints()).setScore(company.getOwnPoints() + company.getMemberPoints())
                .setContacts(company.getContacts()).build();
    }

    /** Where one command's messages go: to contacts, to other companies, to the member rows. */
    private final class Moves {
        final String companyId;
        final CompanyCommand command;
        final Context ctx;

        Moves(String companyId, CompanyCommand command, Context ctx) {
            this.companyId = companyId;
            this.command = command;
            this.ctx = ctx;
        }

        void tell(String contact, CompanyFacts facts) {
            ctx.output(CompanyOutputs.TO_CONTACTS, ContactHandover.newBuilder().setHandoverId(DeterministicIds.of(command.getCommandId(), companyId, contact))
                    .setFromContactId(companyId).setToContactId(contact).setEventTime(command.getEventTime()).setCompany(facts).build());
        }

        void toCompany(CompanyCommand next) {
            ctx.output(CompanyOutputs.TO_COMPANIES, next);
        }

        void member(CompanyMember member) {
            member.version = versions.next();
            ctx.output(CompanyOutputs.MEMBERS, member);
        }
    }
}
