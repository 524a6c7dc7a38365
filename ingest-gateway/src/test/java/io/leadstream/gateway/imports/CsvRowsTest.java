package io.leadstream.gateway.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.leadstream.definitions.StandardFields;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

/** Header mapping, row checks and line numbers of the CSV import, on files written here. */
class CsvRowsTest {
    /** The standard fields and a custom one, alias to label. */
    private static final Map<String, String> KNOWN = known();

    private static Map<String, String> known() {
        Map<String, String> out = new java.util.HashMap<>();
        StandardFields.all().forEach((id, doc) -> out.put(id, doc.path("label").asText()));
        out.put("name", "Name");
        return out;
    }

    @Test
    void headersOfOtherSystemsBecomeFieldAliasesAndForeignIdsAreDropped() throws Exception {
        ImportColumns columns = ImportColumns.of(List.of("\uFEFFID", "E-mail Address", "First Name", "lastname", "Date Added"),
                Map.of("E-mail Address", "email"), KNOWN);
        assertThat(columns.summary().keySet()).containsExactly("ID", "E-mail Address", "First Name", "lastname", "Date Added");
        assertThat(columns.summary().values()).containsExactly(null, "email", "firstname", "lastname", null);
        assertThat(columns.emailColumn()).isEqualTo(1);
    }

    @Test
    void aHeaderThatCannotBeImportedListsEveryProblem() {
        assertThatThrownBy(() -> ImportColumns.of(List.of("name", "Name", "2nd Email", "Shoe Size"), Map.of("Missing", "city"), KNOWN))
                .isInstanceOfSatisfying(ImportColumns.InvalidImport.class, e -> assertThat(e.problems()).containsExactly(
                        "columns 1 and 2 both map to field name",
                        "column 3 (2nd Email): '2nd_email' is not a field alias (lower-case letters, digits, _); map it with map=2nd Email:alias or drop it with map=2nd Email:-",
                        "column 4 (Shoe Size): no contact field 'shoe_size' is defined; define it at /api/v1/fields/shoe_size, map it with map=Shoe Size:alias or drop it with map=Shoe Size:-",
                        "map names column 'Missing', which the header does not have"));
        assertThatThrownBy(() -> ImportColumns.of(List.of("firstname", "city"), Map.of(), KNOWN))
                .hasMessageContaining("no email column");
    }

    @Test
    void rowsAreCheckedOneByOne() throws Exception {
        ImportColumns columns = ImportColumns.of(List.of("email", "firstname", "city"), Map.of("city", "-"), KNOWN);
        ImportRow ok = ImportRow.of(2, List.of(" Ada@Example.com ", "Ada", "Paris"), columns, 20);
        assertThat(ok.rejected()).isFalse();
        assertThat(ok.email()).isEqualTo("Ada@Example.com");
        assertThat(ok.fields()).containsExactly(Map.entry("email", "Ada@Example.com"), Map.entry("firstname", "Ada"));
        assertThat(ImportRow.of(3, List.of("x@example.com", "Ada"), columns, 10).rejection()).isEqualTo("expected 3 columns, found 2");
        assertThat(ImportRow.of(4, List.of(" ", "Ada", ""), columns, 10).rejection()).isEqualTo("email is empty");
        assertThat(ImportRow.of(5, List.of("not-an-address", "Ada", ""), columns, 10).rejection()).isEqualTo("email is not an address: not-an-address");
        assertThat(ImportRow.of(6, List.of("x@example.com", "Ada Augusta King-Lovelace", ""), columns, 20).rejection())
                .isEqualTo("firstname is longer than 20 characters");
    }

    @Test
    void recordsKnowTheLineTheyStartOnThroughQuotedBreaksAndBlankLines() throws Exception {
        String csv = "email,note\r\n"                     // 1
                + "a@example.com,plain\r\n"               // 2
                + "\r\n"                                  // 3 blank
                + "b@example.com,\"two\r\nlines\"\r\n"    // 4-5
                + "c@example.com,\"say \"\"hi\"\"\"\n"    // 6 (a bare LF ends a line too)
                + "\n"                                    // 7 blank
                + "\n"                                    // 8 blank
                + "d@example.com,last";                   // 9, no final newline
        List<Long> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (CSVParser parser = ContactImporter.FORMAT.parse(new StringReader(csv))) {
            NumberedRecords records = new NumberedRecords(parser);
            records.forEachRemaining(r -> {
                lines.add(r.line());
                notes.add(r.values().get(1));
            });
        }
        assertThat(lines).containsExactly(2L, 4L, 6L, 9L);
        assertThat(notes).containsExactly("plain", "two\r\nlines", "say \"hi\"", "last");
    }
}
