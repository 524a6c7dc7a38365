package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.companies.CompanyHarness;
import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contacts and companies together, their messages carried back and forth by hand as the topics
 * carry them: a contact joins a company by its email's domain (free mail never), segments read its
 * companies' fields, its points make the company's score, campaign actions add it to a company and
 * score the company, and a merge of contacts moves the loser's place to the survivor.
 */
class ContactCompaniesTest {
    private static final String VISIT = "{\"id\": \"visit\", \"name\": \"Visit\", \"type\": \"page_hit\", \"url\": \"https://x/*\", \"points\": 5, \"repeatable\": true}";
    private ContactHarness contacts;
    private CompanyHarness companies;
    private int sentToCompanies;
    private int toldContacts;

    @BeforeEach
    void setUp() throws Exception {
        contacts = new ContactHarness();
        companies = new CompanyHarness(1_000);
        companies.time(0);
        contacts.define("point-actions", "visit", VISIT);
        contacts.segment("software", "[{\"kind\": \"company_field\", \"field\": \"companyindustry\", \"operator\": \"eq\", \"value\": \"software\"}]");
        contacts.segment("not-retail", "[{\"kind\": \"company_field\", \"field\": \"companyindustry\", \"operator\": \"neq\", \"value\": \"Retail\"}]");
    }

    @AfterEach
    void tearDown() throws Exception {
        contacts.close();
        companies.close();
    }

    /** Carries messages both ways until neither side has anything new. */
    private void settle() throws Exception {
        while (true) {
            List<CompanyCommand> out = contacts.companyCommands();
            List<ContactHandover> told = companies.toContacts();
            if (out.size() == sentToCompanies && told.size() == toldContacts) {
                return;
            }
            companies.sendAll(List.copyOf(out.subList(sentToCompanies, out.size())));
            sentToCompanies = out.size();
            companies.loop();
            told = companies.toContacts();
            for (ContactHandover h : List.copyOf(told.subList(toldContacts, told.size()))) {
                contacts.handover(h);
            }
            toldContacts = told.size();
        }
    }

    private TrackingEvent identify(String contact, String email, long at) throws Exception {
        return contacts.event(contact, at, Map.of("email", email), PageHit.newBuilder().setUrl("https://y/signup").build());
    }

    private void upsert(String company, long at, Map<String, String> fields) throws Exception {
        companies.send(CompanyCommand.newBuilder().setCommandId("api-" + company + at).setKind(CompanyCommandKind.UPSERT).setCompanyId(company)
                .setFields(fields).setEventTime(Instant.ofEpochMilli(at)).build());
        settle();
    }

    private List<String> memberships(String segment) {
        return contacts.changes().stream().filter(c -> c.getSegmentId().equals(segment))
                .map(c -> c.getContactId() + (c.getKind() == MembershipChangeKind.ENTERED ? " in" : " out")).toList();
    }

    private CompanyChange company(String id) throws Exception {
        companies.time(companies.companies.getProcessingTime() + 1_000);
        List<CompanyChange> mine = companies.changes().stream().filter(c -> c.getCompanyId().equals(id)).toList();
        return mine.get(mine.size() - 1);
    }

    @Test
    void aContactJoinsTheCompanyOfItsEmailDomainAndSegmentsReadTheCompanysFields() throws Exception {
        upsert("acme", 500, Map.of("companyname", "Acme", "companydomain", "acme.com", "companyindustry", "Retail"));
        identify("c1", "ada@acme.com", 1_000);
        identify("c2", "bob@gmail.com", 1_000);
        identify("c3", "cy@initech.com", 1_000);
        settle();

        assertThat(contacts.profile("c1").getCompanies()).containsOnlyKeys("acme");
        assertThat(contacts.profile("c1").getPrimaryCompany()).isEqualTo("acme");
        assertThat(contacts.profile("c2").getCompanies()).as("free mail: no company").isEmpty();
        assertThat(contacts.profile("c3").getCompanies()).as("a company made for the domain").containsOnlyKeys("domain:initech.com");
        contacts.event("c2", 1_500, Map.of("company", "Acme"), PageHit.newBuilder().setUrl("https://y/profile").build());
        settle();
        assertThat(contacts.profile("c2").getCompanies()).as("the company it typed, by name").containsOnlyKeys("acme");
        assertThat(memberships("not-retail")).as("c1 and c2 in no company at first, then in a retail one")
                .containsExactlyInAnyOrder("c1 in", "c2 in", "c3 in", "c1 out", "c2 out");
        assertThat(memberships("software")).isEmpty();

        upsert("acme", 2_000, Map.of("companyindustry", "Software"));
        assertThat(memberships("software")).containsExactlyInAnyOrder("c1 in", "c2 in");
        assertThat(memberships("not-retail")).containsExactlyInAnyOrder("c1 in", "c2 in", "c3 in", "c1 out", "c2 out", "c1 in", "c2 in");

        assertThat(contacts.views()).last().satisfies(v -> assertThat(v.getCompanies()).isNotNull());
        List<ContactChange> streamed = contacts.profileChanges().stream().filter(c -> c.getContactId().equals("c1")).toList();
        assertThat(streamed).last().satisfies(c -> {
            assertThat(c.getCompanies()).containsExactly("acme");
            assertThat(c.getPrimaryCompany()).isEqualTo("acme");
        });
    }

    @Test
    void aContactsPointsMakeTheCompanysScoreAndCampaignActionsAddToCompaniesAndScoreThem() throws Exception {
        upsert("acme", 500, Map.of("companyname", "Acme", "companydomain", "acme.com"));
        upsert("partner", 500, Map.of("companyname", "Partner"));
        contacts.campaign("{\"id\": \"b2b\", \"name\": \"B2B\", \"sources\": {\"segments\": [\"software\"]}, \"events\": ["
                + "{\"id\": \"join\", \"type\": \"action\", \"kind\": \"add_to_company\", \"company\": \"partner\"},"
                + "{\"id\": \"score\", \"type\": \"action\", \"kind\": \"change_company_score\", \"points\": 25, \"parent\": \"join\"}]}");
        identify("c1", "ada@acme.com", 1_000);
        contacts.event(ContactEvents.page("p1", "c1", 1_100, "https://x/pricing"));
        contacts.event(ContactEvents.page("p2", "c1", 1_200, "https://x/docs"));
        settle();
        assertThat(company("acme").getScore()).isEqualTo(10);

        upsert("acme", 2_000, Map.of("companyindustry", "software"));
        assertThat(contacts.profile("c1").getCompanies()).containsOnlyKeys("acme", "partner");
        assertThat(contacts.profile("c1").getPrimaryCompany()).as("the latest joined").isEqualTo("partner");
        CompanyChange partner = company("partner");
        assertThat(partner.getContactPoints()).isEqualTo(10);
        CompanyChange acme = company("acme");
        assertThat(acme.getOwnPoints()).as("25 to each company it is in when the action runs").isEqualTo(25);
        assertThat(partner.getOwnPoints()).as("not yet in it then: its answer comes through the topic").isZero();
        assertThat(acme.getScore()).isEqualTo(25 + 10);
    }

    @Test
    void aMergedContactsPlaceGoesToItsSurvivorAndAnErasedContactLeaves() throws Exception {
        upsert("acme", 500, Map.of("companyname", "Acme", "companydomain", "acme.com"));
        identify("c1", "ada@acme.com", 1_000);
        contacts.event(ContactEvents.page("p1", "c1", 1_100, "https://x/pricing"));
        contacts.visit("c2", "https://x/a", 1_000);
        settle();
        contacts.merge("c1", "c2", 3_000);
        contacts.deliverHandovers(contacts.handovers().size() - 1);
        settle();
        assertThat(contacts.profile("c2").getCompanies()).containsOnlyKeys("acme");
        CompanyChange acme = company("acme");
        assertThat(acme.getContacts()).isEqualTo(1);
        assertThat(acme.getContactPoints()).as("the survivor's points after the merge").isEqualTo(contacts.profile("c2").getPoints());
    }
}
