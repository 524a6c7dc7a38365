/**
 * Every statement LeadStream runs against its own tables, and how rows map to values, one class per
 * table; the tables themselves are {@code leadstream/cql/schema.cql}. Other modules (the engine's
 * sinks, the gateway, the send workers, the benchmarks) hold no CQL text: they prepare these
 * constants, with {@code {ks}} replaced by the keyspace.
 *
 * <p>One naming scheme:
 * <ul>
 *   <li>table {@code contact_timeline} is class {@code ContactTimelineTable}, its name {@code NAME};</li>
 *   <li>statements are named verb first, then what picks the rows: {@code INSERT},
 *       {@code SELECT_BY_CONTACT_ID}, {@code SELECT_BY_SEGMENT_ID_AFTER} (paging), {@code COUNT_BY_STAGE_ID},
 *       {@code DELETE_BY_URL}; the columns read or set are named when two statements share a key
 *       ({@code SELECT_SINCE_BY_COMPANY_ID_AND_CONTACT_ID}); a write that binds its own timestamp says
 *       so where the table has both kinds ({@code DELETE_USING_TIMESTAMP_BY_SEGMENT_ID_AND_CONTACT_ID});</li>
 *   <li>statements built at run time (a column list, a limit in the text) are methods named the same way
 *       ({@code selectContactIdLimit(int)}); the tables a contact's erasure and export visit are
 *       {@link io.leadstream.store.cassandra.table.ContactTables};</li>
 *   <li>a row read or written whole is the table's {@code Row} record: {@code Row.from(driverRow)} for a
 *       read, {@code values()} (then the write timestamp, {@code values(long)}) in its INSERT's order.</li>
 * </ul>
 */
package io.leadstream.store.cassandra.table;
