package io.leadstream.jobs.segments;

import io.leadstream.jobs.points.ScoredEvent;
import io.leadstream.jobs.points.UrlPattern;
import io.leadstream.schemas.event.TrackingEvent;

/** A behaviour filter ready to count events: its counter key, what it matches and its window. */
record BehaviorFilter(String key, FilterDef def, UrlPattern url, long windowMillis) {

    static BehaviorFilter of(CompiledFilter filter) {
        FilterDef def = filter.def();
        return new BehaviorFilter(filter.behaviorKey(), def, def.url() == null ? null : new UrlPattern(def.url()),
                filter.windowMillis() == null ? -1 : filter.windowMillis());
    }

    boolean windowed() {
        return windowMillis >= 0;
    }

    boolean matches(TrackingEvent event) {
        if ("any_event".equals(def.behavior())) {
            return event.getContext() == null || event.getContext().getTrackable();
        }
        ScoredEvent e = ScoredEvent.of(event);
        return e != null && e.type().equals(def.behavior()) && e.about(url, def.email(), def.form(), def.asset());
    }
}
