package io.leadstream.store.cassandra.table;

/** A definition (form, segment, campaign...) as the engine last read it from the definitions topic, for dashboards and listings. */
public final class DefinitionsTable {
    public static final String NAME = "definitions";

    public static final String INSERT = "INSERT INTO {ks}.definitions (kind, id, document) VALUES (?, ?, ?)";
    public static final String DELETE_BY_KIND_AND_ID = "DELETE FROM {ks}.definitions WHERE kind = ? AND id = ?";

    /** An email's document. */
    public static final String SELECT_EMAIL_BY_ID = "SELECT document FROM {ks}.definitions WHERE kind = 'emails' AND id = ?";
    public static final String SELECT_KIND_ID_ALL = "SELECT kind, id FROM {ks}.definitions";

    /** Every definition of a kind, by id: what the send workers render tokens from (pages, assets, fields). */
    public static final String SELECT_BY_KIND = "SELECT id, document FROM {ks}.definitions WHERE kind = ?";

    private DefinitionsTable() {}

    public record Row(String kind, String id, String document) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {kind, id, document};
        }
    }
}
