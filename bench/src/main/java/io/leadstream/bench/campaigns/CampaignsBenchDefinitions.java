package io.leadstream.bench.campaigns;

/**
 * The benchmark's campaign, five steps: a welcome email when a contact submits the sign-up form; a
 * decision waiting a day for it to be opened; then a thank-you a day after an open, or else a
 * reminder, a valid-email condition and an offer.
 */
final class CampaignsBenchDefinitions {
    static final String FORM = "signup";
    static final String CAMPAIGN = """
            {"id": "onboarding", "name": "Onboarding", "sources": {"forms": ["signup"]}, "timezone": "Europe/Paris", "events": [
              {"id": "welcome", "type": "action", "kind": "send_email", "email": "welcome"},
              {"id": "opened", "type": "decision", "kind": "email_opened", "email": "welcome", "parent": "welcome",
               "timeout": {"amount": 1, "unit": "days"}},
              {"id": "thanks", "type": "action", "kind": "send_email", "email": "thanks", "parent": "opened", "path": "yes",
               "timing": {"mode": "interval", "amount": 1, "unit": "days"}},
              {"id": "reminder", "type": "action", "kind": "send_email", "email": "reminder", "parent": "opened", "path": "no"},
              {"id": "valid", "type": "condition", "kind": "valid_email", "parent": "reminder"},
              {"id": "offer", "type": "action", "kind": "send_email", "email": "offer", "parent": "valid", "path": "yes"}
            ]}""";

    private CampaignsBenchDefinitions() {}
}
