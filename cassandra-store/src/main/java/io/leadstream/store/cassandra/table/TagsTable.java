package io.leadstream.store.cassandra.table;

/** A tag ever given to a contact or made through the API: Mautic's tag list. */
public final class TagsTable {
    public static final String NAME = "tags";

    public static final String INSERT = "INSERT INTO {ks}.tags (tag) VALUES (?)";
    /** The first 10,000 in storage order. */
    public static final String SELECT_ALL = "SELECT tag FROM {ks}.tags LIMIT 10000";

    private TagsTable() {}
}
