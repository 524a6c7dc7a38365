package io.leadstream.examples.changes;

/** A contact's profile after a record of the change stream; {@code profile} null once it was merged away or erased. */
public record ProfileState(String contactId, RebuiltProfile profile) {}
