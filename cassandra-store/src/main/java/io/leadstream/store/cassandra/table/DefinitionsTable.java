package io.leadstream.store.cassandra.table;

/** A row of {@code definitions}: a definition (email, form, segment...) as the engine last read it, for dashboards and the workers. */
public final class DefinitionsTable {
    public static final String NAME = "definitions";

    /** An email's document. */
    public static final String SELECT_EMAIL_BY_ID = "SELECT document FROM {ks}.definitions WHERE kind = 'emails' AND id = ?";

    public static final String SELECT_KIND_ID_ALL = "SELECT kind, id FROM {ks}.definitions";

    /** The emails benchmark's email {@code news}. Value: its document. */
    public static final String INSERT_EMAIL_NEWS = "INSERT INTO {ks}.definitions (kind, id, document) VALUES ('emails', 'news', ?)";

    private DefinitionsTable() {}
}
