package io.leadstream.jobs.contact;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.companies.CompanyIndex;
import io.leadstream.jobs.segments.Facts;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.leadstream.schemas.engine.CompanyFacts;
import io.leadstream.schemas.profile.CompanyLink;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The companies a contact is in, as the company processor told it: the contact's side of a
 * membership the company keeps. The contact asks (join by a campaign action, its email's domain or the company it typed,
 * leave when it merges away or is erased), reports its points to each company it is in (a
 * company's score sums them), and mirrors each company's fields for segment filters; every
 * exchange is a message, the company's answers coming back through the handover topic.
 */
final class ProfileCompanies {
    private static final String EMAIL = "email";
    /** The contact's own company field: the company it typed (Mautic's contacts have it too). */
    private static final String COMPANY = "company";

    private final ContactProfile profile;
    private final String contactId;
    private final RoundOutput out;
    private final Set<String> changed;
    private final CompanyMatching matching;
    private final int pointsBefore;
    private final boolean inAnyBefore;
    private long now;

    ProfileCompanies(ContactProfile profile, String contactId, RoundOutput out, Set<String> changed, CompanyMatching matching) {
        this.profile = profile;
        this.contactId = contactId;
        this.out = out;
        this.changed = changed;
        this.matching = matching;
        this.pointsBefore = profile.getPoints();
        this.inAnyBefore = !profile.getCompanies().isEmpty();
    }

    /**
     * The primary company as the contact's view is written: {@code ""} when the contact just left its
     * last company (the row's companies are cleared then), null when it is in none and was in none
     * (the row's columns are left alone: most contacts never have a company, and clearing a collection
     * on each of their views would leave a tombstone each time).
     */
    String viewPrimary() {
        return inAnyBefore && profile.getCompanies().isEmpty() ? "" : profile.getPrimaryCompany();
    }

    /** The time of what comes next (a round moves on through due steps). */
    void at(long time) {
        now = time;
    }

    /** A company took the contact in, changed, or let it go. True when the contact's companies changed (its view then too). */
    boolean facts(CompanyFacts facts, String messageId) {
        String id = facts.getCompanyId();
        Map<String, CompanyLink> links = profile.getCompanies();
        CompanyLink link = links.get(id);
        if (!facts.getLinked()) {
            if (link == null) {
                return false;
            }
            links.remove(id);
            if (id.equals(profile.getPrimaryCompany())) {
                profile.setPrimaryCompany(latest());
            }
            changed.add(Facts.COMPANIES);
            return true;
        }
        boolean primary = facts.getPrimary() || profile.getPrimaryCompany() == null;
        boolean joined = link == null;
        if (joined) {
            links.put(id, new CompanyLink(now, new HashMap<>(facts.getFields())));
            // The company learns the points it adds to its score from the contact, whoever asked it to take the contact in.
            out.company(command(CompanyCommandKind.MEMBER_POINTS, id, messageId).setPoints(profile.getPoints()).build());
        } else if (!link.getFields().equals(facts.getFields())) {
            link.setFields(new HashMap<>(facts.getFields()));
        } else if (!primary || id.equals(profile.getPrimaryCompany())) {
            return false;
        }
        boolean newPrimary = primary && !id.equals(profile.getPrimaryCompany());
        if (primary) {
            profile.setPrimaryCompany(id);
        }
        changed.add(Facts.COMPANIES);
        return joined || newPrimary;
    }

    /** A campaign or trigger action: into that company (which ignores it if there is no such company). */
    void join(String companyId, String actionId) {
        out.company(command(CompanyCommandKind.LINK, companyId, actionId).setPoints(profile.getPoints()).build());
    }

    /** A campaign or trigger action: points to the own score of every company the contact is in. */
    void score(int points, String actionId) {
        for (String company : profile.getCompanies().keySet()) {
            out.company(command(CompanyCommandKind.ADD_POINTS, company, actionId).setPoints(points).build());
        }
    }

    /**
     * After the round: the contact's companies hear of its new points, and a new email domain is
     * matched to a company (by the domain index, which answers through the company).
     */
    void finish(Map<String, String> changedFields, String cause) {
        if (profile.getPoints() != pointsBefore) {
            for (String company : profile.getCompanies().keySet()) {
                out.company(command(CompanyCommandKind.MEMBER_POINTS, company, cause).setPoints(profile.getPoints()).build());
            }
        }
        String email = changedFields.get(EMAIL);
        String domain = email == null ? null : matching.domainOf(email);
        if (domain != null && !domain.equals(profile.getMatchedDomain())) {
            profile.setMatchedDomain(domain);
            match(CompanyIndex.domainKey(domain), Map.of(), cause);
        }
        String company = changedFields.get(COMPANY);
        String name = company == null ? null : matching.nameKeyOf(company);
        if (name != null && !name.equals(profile.getMatchedName())) {
            profile.setMatchedName(name);
            match(name, Map.of(CompanyIndex.NAME_FIELD, company.strip()), cause);
        }
    }

    /** Asks the company index to put the contact into the company of {@code key}. */
    private void match(String key, Map<String, String> fields, String cause) {
        out.company(command(CompanyCommandKind.MATCH, null, cause + ":" + key).setDomain(key).setFields(fields).setPoints(profile.getPoints()).build());
    }

    /** A contact merged into this one: this one takes its place in the loser's companies. */
    void adopt(String loserId, ContactProfile loser, String cause) {
        for (String company : new ArrayList<>(loser.getCompanies().keySet())) {
            out.company(command(CompanyCommandKind.UNLINK, company, cause).setContactId(loserId).build());
            out.company(command(CompanyCommandKind.LINK, company, cause).setPoints(profile.getPoints()).build());
        }
    }

    /** The contact was erased: it leaves its companies. */
    static void erased(String contactId, ContactProfile profile, String cause, long at, RoundOutput out) {
        for (String company : profile.getCompanies().keySet()) {
            out.company(command(contactId, CompanyCommandKind.UNLINK, company, cause, at).build());
        }
    }

    /** The company it joined last, or null. */
    private String latest() {
        String latest = null;
        long since = Long.MIN_VALUE;
        for (Map.Entry<String, CompanyLink> e : profile.getCompanies().entrySet()) {
            if (e.getValue().getSince() > since) {
                since = e.getValue().getSince();
                latest = e.getKey();
            }
        }
        return latest;
    }

    private CompanyCommand.Builder command(CompanyCommandKind kind, String companyId, String cause) {
        return command(contactId, kind, companyId, cause, now);
    }

    private static CompanyCommand.Builder command(String contactId, CompanyCommandKind kind, String companyId, String cause, long at) {
        String target = companyId == null ? "match" : companyId;
        return CompanyCommand.newBuilder().setCommandId(DeterministicIds.of(cause, kind.name(), target, contactId)).setKind(kind)
                .setCompanyId(companyId).setContactId(contactId).setEventTime(Instant.ofEpochMilli(at)).setCause(cause);
    }
}
