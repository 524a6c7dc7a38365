package io.leadstream.jobs.contact;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityOptions;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.identity.IdentifierClaims;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How much of a contact's history the profile keeps, and for how long an anonymous contact is kept
 * unseen: the engine options the contact processor reads.
 *
 * @param behaviorHorizonDays days of per-day behaviour counts kept (older days only count in totals)
 * @param behaviorTargets     distinct URLs, emails, forms and assets counted per contact (the least recently seen go first)
 * @param anonymousTtlMillis  an anonymous contact not seen for this long is dropped; 0 keeps it for ever
 * @param identifiers         the unique identifier fields: a contact with one is identified (never dropped)
 * @param changeStream        whose profiles go to the change stream
 * @param companies           whether and how contacts join companies by their email's domain
 */
public record ProfileSettings(int behaviorHorizonDays, int behaviorTargets, long anonymousTtlMillis, IdentifierClaims identifiers,
                              ChangeStream changeStream, CompanyMatching companies) implements Serializable {

    /** {@code engine.change-stream}. */
    public enum ChangeStream { ALL, IDENTIFIED, OFF }

    public ProfileSettings(int behaviorHorizonDays, int behaviorTargets, long anonymousTtlMillis, IdentifierClaims identifiers) {
        this(behaviorHorizonDays, behaviorTargets, anonymousTtlMillis, identifiers, ChangeStream.ALL);
    }

    public ProfileSettings(int behaviorHorizonDays, int behaviorTargets, long anonymousTtlMillis, IdentifierClaims identifiers,
                           ChangeStream changeStream) {
        this(behaviorHorizonDays, behaviorTargets, anonymousTtlMillis, identifiers, changeStream, CompanyMatching.defaults());
    }

    public static ProfileSettings from(LeadStreamConfig config) {
        String stream = config.get(EngineOptions.CHANGE_STREAM).strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(ChangeStream.values()).noneMatch(c -> c.name().equals(stream))) {
            throw new IllegalArgumentException(EngineOptions.CHANGE_STREAM.key() + " is all, identified or off, not '"
                    + config.get(EngineOptions.CHANGE_STREAM) + "'");
        }
        return new ProfileSettings((int) config.get(EngineOptions.BEHAVIOR_HORIZON).toDays(), config.get(EngineOptions.BEHAVIOR_TARGETS),
                config.get(EngineOptions.ANONYMOUS_TTL).toMillis(), new IdentifierClaims(config.get(IdentityOptions.IDENTIFIER_FIELDS)),
                ChangeStream.valueOf(stream), CompanyMatching.from(config));
    }

    /** The defaults: 90 days, 64 targets, anonymous contacts kept for ever, identified by email. */
    public static ProfileSettings defaults() {
        return new ProfileSettings(90, 64, Duration.ZERO.toMillis(), new IdentifierClaims("email"));
    }
}
