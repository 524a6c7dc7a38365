package io.leadstream.gateway.imports;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The data records of a parsed CSV file with the line each starts on, as a person opening the file
 * would count (the header is line 1). The parser counts the line breaks it has read, so a record
 * starts one line after the previous one ended, quoted line breaks included. Blank lines are read
 * as records here (the parser would skip them uncounted) and dropped.
 */
final class NumberedRecords implements Iterator<NumberedRecords.Numbered> {
    record Numbered(long line, List<String> values) {}

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long endOfPrevious;
    private Numbered pending;

    NumberedRecords(CSVParser parser) {
        this.parser = parser;
        this.records = parser.iterator();
        this.endOfPrevious = parser.getCurrentLineNumber();
    }

    /** The last line read completely: where a syntax error is reported after. */
    long linesRead() {
        return endOfPrevious;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && records.hasNext()) {
            CSVRecord record = records.next();
            long start = endOfPrevious + 1;
            endOfPrevious = parser.getCurrentLineNumber();
            if (record.size() != 1 || !record.get(0).isEmpty()) {
                pending = new Numbered(start, record.toList());
            }
        }
        return pending != null;
    }

    @Override
    public Numbered next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Numbered next = pending;
        pending = null;
        return next;
    }
}
