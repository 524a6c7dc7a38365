package io.leadstream.store.cassandra.table;

/** A row of {@code tags} is a tag given to a contact or made by hand, so the tags can be listed. */
public final class TagsTable {
    public static final String NAME = "tags";

    /** The first 10,000 in storage order. */
    public static final String SELECT_ALL = "SELECT tag FROM {ks}.tags LIMIT 10000";
    public static final String INSERT = "INSERT INTO {ks}.tags (tag) VALUES (?)";

    private TagsTable() {}
}
