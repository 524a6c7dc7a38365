package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** The contacts and segments stores' prepared reads, on the session they were prepared on. */
record ContactStatements(CqlSession session, PreparedStatement alias, PreparedStatement mergedIds, PreparedStatement fields,
                         PreparedStatement contact, PreparedStatement profile, PreparedStatement timeline, PreparedStatement byIdentifier,
                         PreparedStatement segmentMembers, PreparedStatement segmentBackfills) {}
