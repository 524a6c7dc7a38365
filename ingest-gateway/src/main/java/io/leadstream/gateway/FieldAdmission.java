package io.leadstream.gateway;

import io.leadstream.definitions.FieldDefinition;
import io.leadstream.definitions.FieldValues;
import io.leadstream.definitions.StandardFields;
import io.leadstream.gateway.definitions.CheckedDefinitions;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which contact fields an incoming event may set, and in what form: the field must be defined
 * (standard or in {@code /api/v1/fields}) as a contact's (a company's field never lands on a
 * contact; {@link #companyField} finds those), a visitor's hit or form may set only publicly updatable
 * ones (as in Mautic), and each value is kept in its type's one stored form. What is not admitted
 * goes to {@link RejectedValues} with its reason; the event itself still counts.
 */
public final class FieldAdmission {
    /** Who sent the fields, which decides what they may set. */
    public enum Caller {
        /** A tracking hit: publicly updatable fields only; any other parameter is refused. */
        VISITOR,
        /** A form submission: publicly updatable fields only; an alias that names no field is the form's own data, not refused. */
        FORM,
        /** The API or an import (a bearer of the token): any defined field. */
        TRUSTED
    }

    private static final Map<String, FieldDefinition> STANDARD = new LinkedHashMap<>();

    static {
        StandardFields.all().forEach((id, doc) -> STANDARD.put(id, FieldDefinition.of(doc)));
    }

    private final DefinitionsCache definitions;
    private final RejectedValues rejected;
    private final GatewayMetrics metrics;
    /** Each stored field definition read once per change, not per hit: keyed by alias, valid while the cache holds the same document. */
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    private record Read(JsonObject doc, FieldDefinition field) {}

    public FieldAdmission(DefinitionsCache definitions, RejectedValues rejected, GatewayMetrics metrics) {
        this.definitions = definitions;
        this.rejected = rejected;
        this.metrics = metrics;
    }

    /** {@code event} with only the fields it may set, in their stored form; the refused ones recorded. */
    public TrackingEvent admit(TrackingEvent event, Caller caller) {
        if (event.getFields().isEmpty()) {
            return event;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        event.getFields().forEach((alias, value) -> {
            Verdict verdict = verdict(alias, value, caller);
            if (verdict.stored() != null) {
                kept.put(alias, verdict.stored());
            } else if (verdict.refusal() != null) {
                metrics.rejected("field value");
                rejected.publish(EventPublisher.key(event), event.getEventId(), event.getSource().name(), event.getEventTime(),
                        new RejectedValues.Refusal(alias, value, verdict.refusal()));
            }
        });
        event.setFields(kept);
        return event;
    }

    /** Why each value {@code caller} may not set is refused, by alias: for an API that answers 422 rather than record them. */
    public Map<String, String> refusals(Map<String, String> values, Caller caller) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((alias, value) -> {
            String refusal = verdict(alias, value, caller).refusal();
            if (refusal != null) {
                out.put(alias, refusal);
            }
        });
        return out;
    }

    /** A value kept in its stored form, refused with a reason, or (both null) left out as no field's. */
    private record Verdict(String stored, String refusal) {}

    private Verdict verdict(String alias, String value, Caller caller) {
        FieldDefinition field = defined(alias);
        if (field == null || field.company()) {
            if (caller == Caller.FORM) {
                return new Verdict(null, null);
            }
            // A company's field named on a contact would otherwise land in the contact's fields under the company's alias.
            return new Verdict(null, field == null ? "no contact field \"" + alias + "\" is defined"
                    : alias + " is a company field: set it on the company (/api/v1/companies)");
        }
        if (caller != Caller.TRUSTED && !field.publiclyUpdatable()) {
            return new Verdict(null, alias + " is not publicly updatable: hits and forms cannot set it");
        }
        FieldValues.Coerced stored = field.coerce(value);
        return stored.accepted() ? new Verdict(stored.value(), null)
                : new Verdict(null, alias + " (" + field.type().id() + "): " + stored.reason());
    }

    /** Every contact field defined now, standard ones included: alias to label. */
    public Map<String, String> known() {
        Map<String, String> out = new LinkedHashMap<>();
        STANDARD.forEach((alias, f) -> out.put(alias, f.label()));
        definitions.all(StandardFields.KIND).keySet().forEach(alias -> out.put(alias, defined(alias).label()));
        out.keySet().removeIf(alias -> defined(alias).company());
        return out;
    }

    /** Whether hits and forms may set the contact field {@code alias} (so a form may show its value pre-filled). */
    boolean publiclyUpdatable(String alias) {
        FieldDefinition field = alias == null ? null : field(alias);
        return field != null && field.publiclyUpdatable();
    }

    /** The contact field as defined now, or null (also for a company's field). */
    FieldDefinition field(String alias) {
        FieldDefinition field = defined(alias);
        return field == null || field.company() ? null : field;
    }

    /** The company field ({@code "object": "company"}) as defined now, or null. */
    public FieldDefinition companyField(String alias) {
        FieldDefinition field = alias == null ? null : defined(alias);
        return field != null && field.company() ? field : null;
    }

    /** The field as defined now, of a contact or a company: a stored definition, else a standard one, else null. */
    private FieldDefinition defined(String alias) {
        JsonObject doc = definitions.get(StandardFields.KIND, alias).orElse(null);
        if (doc == null) {
            return STANDARD.get(alias);
        }
        Read known = read.get(alias);
        if (known != null && known.doc() == doc) {
            return known.field();
        }
        FieldDefinition field = FieldDefinition.of(CheckedDefinitions.tree(doc));
        read.put(alias, new Read(doc, field));
        return field;
    }
}
