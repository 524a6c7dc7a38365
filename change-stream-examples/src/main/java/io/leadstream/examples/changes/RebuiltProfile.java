package io.leadstream.examples.changes;

import java.util.List;
import java.util.Map;

/** A contact's profile as a reader of the change stream rebuilds it: what LeadStream's API answers for the contact. */
public record RebuiltProfile(String contactId, Map<String, String> fields, List<String> tags, String stage, int points,
                             Map<String, Integer> pointsByGroup, boolean identified, boolean doNotContact, List<String> companies,
                             String primaryCompany) {}
