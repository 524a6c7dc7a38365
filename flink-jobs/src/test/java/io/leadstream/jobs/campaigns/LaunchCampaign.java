package io.leadstream.jobs.campaigns;

/** The sales sequence of issue 6 as a campaign definition, shared by the campaign tests. */
public final class LaunchCampaign {
    /** In Europe/Paris (UTC+1 in November). */
    public static final String JSON = """
            {"id": "launch", "name": "Launch", "sources": {"segments": ["list"]}, "timezone": "Europe/Paris",
             "goals": [{"kind": "page_visited", "url": "https://shop.example/thank-you*"}],
             "events": [
               {"id": "mass", "type": "action", "kind": "send_email", "email": "mass"},
               {"id": "visited", "type": "decision", "kind": "page_visited", "parent": "mass",
                "url": "https://shop.example/sales*", "timeout": {"amount": 30, "unit": "days"}},
               {"id": "bought", "type": "decision", "kind": "page_visited", "parent": "visited", "path": "yes",
                "url": "https://shop.example/thank-you*", "timeout": {"amount": 1, "unit": "days"}},
               {"id": "gain", "type": "action", "kind": "send_email", "email": "gain", "parent": "bought", "path": "no",
                "window": {"from": "08:00", "to": "12:00"}},
               {"id": "logic", "type": "action", "kind": "send_email", "email": "logic", "parent": "gain",
                "timing": {"mode": "interval", "amount": 1, "unit": "days"}, "window": {"from": "08:00", "to": "12:00"}},
               {"id": "fear", "type": "action", "kind": "send_email", "email": "fear", "parent": "logic",
                "timing": {"mode": "interval", "amount": 1, "unit": "days"}, "window": {"from": "08:00", "to": "12:00"}}
             ]}""";

    private LaunchCampaign() {}
}
