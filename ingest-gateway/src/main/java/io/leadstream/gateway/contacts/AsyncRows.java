package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Driver results as completion stages: whole results across pages, and many reads joined. */
final class AsyncRows {
    private AsyncRows() {}


    /** Every row of the statement's result, all pages fetched asynchronously. */
    static CompletionStage<List<Row>> rows(CqlSession session, BoundStatement statement) {
        return session.executeAsync(statement).thenCompose(rs -> collect(rs, new ArrayList<>()));
    }

    private static CompletionStage<List<Row>> collect(AsyncResultSet rs, List<Row> into) {
        rs.currentPage().forEach(into::add);
        if (rs.hasMorePages()) {
            return rs.fetchNextPage().thenCompose(next -> collect(next, into));
        }
        return CompletableFuture.completedFuture(into);
    }

    static <T> CompletionStage<List<T>> all(List<? extends CompletionStage<T>> stages) {
        List<CompletableFuture<T>> futures = stages.stream().map(CompletionStage::toCompletableFuture).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }
}
