package io.leadstream.jobs.companies;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.leadstream.schemas.engine.ContactHandover;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The company processor and the domain index: joins, fields told to contacts, the score, flushes, merges and deletions. */
class CompanyProcessorTest {
    private CompanyHarness h;
    private int ids;

    @BeforeEach
    void setUp() throws Exception {
        h = new CompanyHarness(1_000);
        h.time(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private CompanyCommand.Builder command(CompanyCommandKind kind, String company, long at) {
        return CompanyCommand.newBuilder().setCommandId("cmd" + ++ids).setKind(kind).setCompanyId(company).setEventTime(Instant.ofEpochMilli(at));
    }

    private void send(CompanyCommand.Builder command) throws Exception {
        h.send(command.build());
    }

    /** What the contacts were told, as "contact company linked fields-name". */
    private List<String> told() {
        return h.toContacts().stream().map(t -> t.getToContactId() + " " + t.getCompany().getCompanyId() + " " + t.getCompany().getLinked()
                + " " + t.getCompany().getFields().getOrDefault("companyname", "-")).toList();
    }

    private CompanyChange last(String company) {
        List<CompanyChange> mine = h.changes().stream().filter(c -> c.getCompanyId().equals(company)).toList();
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }

    @Test
    void aDomainJoinsItsClaimantOrACompanyMadeForItAndTheFirstClaimKeepsIt() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "acme", 1_000).setFields(Map.of("companyname", "Acme", "companydomain", "acme.com")));
        send(command(CompanyCommandKind.MATCH, null, 2_000).setDomain("domain:acme.com").setContactId("c1").setPoints(5));
        send(command(CompanyCommandKind.MATCH, null, 2_100).setDomain("domain:globex.com").setContactId("c2").setPoints(0));
        send(command(CompanyCommandKind.UPSERT, "late", 2_200).setFields(Map.of("companyname", "Late", "companydomain", "globex.com")));
        send(command(CompanyCommandKind.MATCH, null, 2_300).setDomain("domain:globex.com").setContactId("c3").setPoints(0));

        assertThat(told()).containsExactly("c1 acme true Acme", "c2 domain:globex.com true globex.com", "c3 domain:globex.com true globex.com");
        assertThat(h.toContacts().get(0).getCompany().getPrimary()).as("the latest joined is primary").isTrue();
        assertThat(h.members()).extracting(m -> m.companyId + " " + m.contactId)
                .containsExactly("acme c1", "domain:globex.com c2", "domain:globex.com c3");

        assertThat(h.changes()).as("nothing before the flush").isEmpty();
        h.time(1_000);
        assertThat(last("acme").getContactPoints()).isEqualTo(5);
        assertThat(last("domain:globex.com").getContacts()).isEqualTo(2);
        assertThat(last("domain:globex.com").getFields()).containsEntry("companydomain", "globex.com");
        assertThat(last("late").getContacts()).as("the domain was taken: it stays with the first").isZero();
    }

    @Test
    void aTypedCompanyNameJoinsTheCompanyOfThatNameOrOneMadeForIt() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "globex", 1_000).setFields(Map.of("companyname", "Globex Corp")));
        send(command(CompanyCommandKind.MATCH, null, 2_000).setDomain(CompanyIndex.nameKey("globex  CORP.")).setContactId("c1")
                .setFields(Map.of("companyname", "globex  CORP.")));
        send(command(CompanyCommandKind.MATCH, null, 2_100).setDomain(CompanyIndex.nameKey("Acme, Inc.")).setContactId("c2")
                .setFields(Map.of("companyname", "Acme, Inc.")));
        send(command(CompanyCommandKind.MATCH, null, 2_200).setDomain(CompanyIndex.nameKey("ACME inc")).setContactId("c3")
                .setFields(Map.of("companyname", "ACME inc")));
        assertThat(CompanyIndex.nameKey("Acme, Inc.")).isEqualTo("name:acme-inc");
        assertThat(CompanyIndex.nameKey(" ,. ")).isNull();
        assertThat(told()).as("made with the name as the first contact typed it")
                .containsExactly("c1 globex true Globex Corp", "c2 name:acme-inc true Acme, Inc.", "c3 name:acme-inc true Acme, Inc.");
    }

    @Test
    void theScoreIsItsOwnPointsPlusItsContactsAndIsWrittenOncePerFlush() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "acme", 1_000).setFields(Map.of("companyname", "Acme")));
        send(command(CompanyCommandKind.LINK, "acme", 1_100).setContactId("c1").setPoints(10));
        send(command(CompanyCommandKind.LINK, "acme", 1_200).setContactId("c2"));
        send(command(CompanyCommandKind.MEMBER_POINTS, "acme", 1_300).setContactId("c2").setPoints(7));
        send(command(CompanyCommandKind.MEMBER_POINTS, "acme", 1_400).setContactId("c1").setPoints(12));
        send(command(CompanyCommandKind.MEMBER_POINTS, "acme", 1_500).setContactId("stranger").setPoints(99));
        send(command(CompanyCommandKind.ADD_POINTS, "acme", 1_600).setPoints(30));
        send(command(CompanyCommandKind.LINK, "nowhere", 1_700).setContactId("c1"));
        h.time(999);
        assertThat(h.changes()).isEmpty();
        h.time(1_000);
        assertThat(h.changes()).as("one record for all of it").hasSize(1);
        CompanyChange acme = last("acme");
        assertThat(acme.getScore()).isEqualTo(30 + 12 + 7);
        assertThat(acme.getOwnPoints()).isEqualTo(30);
        assertThat(acme.getContacts()).isEqualTo(2);
        assertThat(told()).as("an unknown company takes no one in").noneMatch(t -> t.contains("nowhere"));

        send(command(CompanyCommandKind.UNLINK, "acme", 3_000).setContactId("c1"));
        h.time(2_000);
        assertThat(last("acme").getScore()).isEqualTo(30 + 7);
        assertThat(told()).last().isEqualTo("c1 acme false -");
    }

    @Test
    void aChangeOfFieldsIsToldToEveryContact() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "acme", 1_000).setFields(Map.of("companyname", "Acme", "companyindustry", "Retail")));
        send(command(CompanyCommandKind.LINK, "acme", 1_100).setContactId("c1"));
        send(command(CompanyCommandKind.LINK, "acme", 1_200).setContactId("c2"));
        int before = h.toContacts().size();
        send(command(CompanyCommandKind.UPSERT, "acme", 2_000).setFields(Map.of("companyindustry", "Software")));
        send(command(CompanyCommandKind.UPSERT, "acme", 2_100).setFields(Map.of("companyindustry", "Software")));
        List<ContactHandover> after = h.toContacts().subList(before, h.toContacts().size());
        assertThat(after).as("once: the second changed nothing").extracting(ContactHandover::getToContactId).containsExactlyInAnyOrder("c1", "c2");
        assertThat(after).allSatisfy(t -> assertThat(t.getCompany().getFields()).containsEntry("companyindustry", "Software"));
        assertThat(after).allSatisfy(t -> assertThat(t.getCompany().getPrimary()).as("a field change names no primary").isFalse());

        send(command(CompanyCommandKind.UPSERT, "acme", 2_200).setFields(Map.of("companyindustry", "")));
        assertThat(h.toContacts().get(h.toContacts().size() - 1).getCompany().getFields()).as("an empty value clears").doesNotContainKey("companyindustry");
    }

    @Test
    void aMergedCompanyHandsItsContactsAndPointsToTheSurvivorAndItsCommandsFollow() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "acme", 1_000).setFields(Map.of("companyname", "Acme", "companycity", "Paris")));
        send(command(CompanyCommandKind.UPSERT, "acme-inc", 1_000).setFields(Map.of("companyname", "Acme Inc")));
        send(command(CompanyCommandKind.LINK, "acme", 1_100).setContactId("c1").setPoints(4));
        send(command(CompanyCommandKind.LINK, "acme-inc", 1_100).setContactId("c2").setPoints(6));
        send(command(CompanyCommandKind.ADD_POINTS, "acme", 1_200).setPoints(10));
        send(command(CompanyCommandKind.MERGE_INTO, "acme", 2_000).setOtherCompanyId("acme-inc"));
        assertThat(last("acme").getMergedInto()).isEqualTo("acme-inc");
        assertThat(h.members()).extracting(m -> m.companyId + " " + m.contactId).contains("acme null");
        h.loop();
        send(command(CompanyCommandKind.MEMBER_POINTS, "acme", 2_100).setContactId("c1").setPoints(8));
        h.loop();
        h.loop(); // the same handover again changes nothing
        h.time(1_000);
        CompanyChange survivor = last("acme-inc");
        assertThat(survivor.getContacts()).isEqualTo(2);
        assertThat(survivor.getScore()).isEqualTo(10 + 8 + 6);
        assertThat(survivor.getFields()).as("its own name, the loser's city").containsEntry("companyname", "Acme Inc").containsEntry("companycity", "Paris");
        assertThat(told()).contains("c1 acme false -", "c1 acme-inc true Acme Inc", "c2 acme-inc true Acme Inc");
    }

    @Test
    void aDeletedCompanyLetsItsContactsGoAndTakesNoOneIn() throws Exception {
        send(command(CompanyCommandKind.UPSERT, "acme", 1_000).setFields(Map.of("companyname", "Acme")));
        send(command(CompanyCommandKind.LINK, "acme", 1_100).setContactId("c1"));
        send(command(CompanyCommandKind.DELETE, "acme", 2_000));
        send(command(CompanyCommandKind.LINK, "acme", 2_100).setContactId("c2").setFields(Map.of("companyname", "again")));
        assertThat(last("acme").getDeleted()).isTrue();
        assertThat(told()).containsExactly("c1 acme true Acme", "c1 acme false -");
        h.time(5_000);
        assertThat(h.changes()).hasSize(1);
    }
}
