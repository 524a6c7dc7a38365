package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The enabled campaigns compiled from the broadcast definitions, indexed by what makes a contact enter them. */
public final class CampaignDefinitions {
    public static final String KIND = "campaigns";

    final Map<String, CompiledCampaign> byId = new LinkedHashMap<>();
    private final Map<String, List<CompiledCampaign>> bySegment = new HashMap<>();
    private final Map<String, List<CompiledCampaign>> byForm = new HashMap<>();

    public static CampaignDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        CampaignDefinitions out = new CampaignDefinitions();
        for (CompiledCampaign c : DefinitionsBroadcast.compile(definitions, KIND, CompiledCampaign::of)) {
            out.byId.put(c.id, c);
            c.segmentSources.forEach(s -> out.bySegment.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
            c.formSources.forEach(f -> out.byForm.computeIfAbsent(f, k -> new ArrayList<>()).add(c));
        }
        return out;
    }

    List<CompiledCampaign> withSegmentSource(String segment) {
        return bySegment.getOrDefault(segment, List.of());
    }

    List<CompiledCampaign> withFormSource(String form) {
        return byForm.getOrDefault(form, List.of());
    }
}
