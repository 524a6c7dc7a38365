package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.segments.ContactFacts;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.SendCommand;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The contact a {@link CampaignRun} moves through its campaigns: what conditions read, and where
 * actions land. Actions that change the contact change its one profile at once, so a condition
 * right after them, its segments and its points see the change.
 */
public interface CampaignHost {

    /** The contact's facts as they are now, read in {@code zone}. */
    ContactFacts facts(ZoneId zone);

    /** The values of the contact's latest submission of a form (empty when none). */
    Map<String, String> formValues(String formId);

    /** The contact's own zone, else {@code fallback} (the campaign's). */
    ZoneId zone(ZoneId fallback);

    void log(CampaignLogEntry entry);

    void send(SendCommand command);

    /** Added to ({@code member}) or removed from a segment by hand. */
    void segment(String segmentId, boolean member, String actionId, long at, String cause);

    void tags(List<String> tags, boolean add, String actionId, long at, String cause);

    /** An empty value clears the field. */
    void field(String name, String value, String actionId, long at, String cause);

    void points(int delta, String group, String actionId, long at, String cause);

    void doNotContact(boolean dnc, String actionId, long at, String cause);

    /**
     * Into lifecycle stage {@code stageId} (null: out of any). {@code forwardOnly} (an action's move) keeps
     * a contact in a stage of a higher weight where it is, and ignores an unpublished or unknown stage.
     */
    void stage(String stageId, boolean forwardOnly, String actionId, long at, String cause);

    /** Into company {@code companyId} (an unknown company ignores it). */
    void company(String companyId, String actionId, long at);

    /** Points to the own score of each company the contact is in. */
    void companyScore(int points, String actionId, long at);
}
