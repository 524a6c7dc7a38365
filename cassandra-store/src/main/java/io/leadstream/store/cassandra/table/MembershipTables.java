package io.leadstream.store.cassandra.table;

/**
 * Memberships kept over time, a segment's or a lifecycle stage's: the same statements on the
 * members table and the log of changes per UTC day, for a caller that handles either.
 */
public enum MembershipTables {
    SEGMENT(SegmentMembersTable.COUNT_BY_SEGMENT_ID, SegmentMembershipLogTable.SELECT_BY_SEGMENT_ID_AND_DAY,
            SegmentMembershipLogTable.SELECT_BY_CONTACT_ID, SegmentMembershipLogTable.DELETE_BY_SEGMENT_ID_AND_DAY_AND_EVENT_TIME_AND_CONTACT_ID),
    STAGE(StageMembersTable.COUNT_BY_STAGE_ID, StageChangesLogTable.SELECT_BY_STAGE_ID_AND_DAY,
            StageChangesLogTable.SELECT_BY_CONTACT_ID, StageChangesLogTable.DELETE_BY_STAGE_ID_AND_DAY_AND_EVENT_TIME_AND_CONTACT_ID);

    private final String countMembersById;
    private final String selectLogByIdAndDay;
    private final String selectLogByContactId;
    private final String deleteLogRow;

    MembershipTables(String countMembersById, String selectLogByIdAndDay, String selectLogByContactId, String deleteLogRow) {
        this.countMembersById = countMembersById;
        this.selectLogByIdAndDay = selectLogByIdAndDay;
        this.selectLogByContactId = selectLogByContactId;
        this.deleteLogRow = deleteLogRow;
    }

    /** Members now, by the segment's or stage's id. */
    public String countMembersById() {
        return countMembersById;
    }

    /** The kinds (ENTERED, LEFT) of the changes on a day, by id and day. */
    public String selectLogByIdAndDay() {
        return selectLogByIdAndDay;
    }

    /** (id, day, event_time) of a contact's log rows, by a filtering scan. */
    public String selectLogByContactId() {
        return selectLogByContactId;
    }

    /** Deletes one log row, by id, day, event_time and contact_id. */
    public String deleteLogRow() {
        return deleteLogRow;
    }
}
