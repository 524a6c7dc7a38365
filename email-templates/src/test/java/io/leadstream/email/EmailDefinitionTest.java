package io.leadstream.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailDefinitionTest {

    @Test
    void readsTheDefinitionDocument() {
        EmailDefinition email = EmailDefinition.fromJson("""
                {"id": "welcome", "name": "Welcome", "subject": "Hi {contactfield=firstname|there}",
                 "html": "<p>Hi</p>", "text": "Hi", "from": "news@shop.example", "fromName": "Shop",
                 "type": "transactional", "createdAt": "ignored"}
                """);
        assertThat(email).isEqualTo(new EmailDefinition("welcome", "Welcome", "Hi {contactfield=firstname|there}",
                "<p>Hi</p>", "Hi", "news@shop.example", "Shop", EmailDefinition.TRANSACTIONAL));
        assertThat(email.isMarketing()).isFalse();
    }

    @Test
    void fromNameIsOptionalTheRestIsNot() {
        String base = "\"id\": \"e\", \"name\": \"n\", \"subject\": \"s\", \"html\": \"h\", \"text\": \"t\", \"from\": \"a@b.example\"";
        EmailDefinition email = EmailDefinition.fromJson("{" + base + ", \"type\": \"marketing\"}");
        assertThat(email.fromName()).isNull();
        assertThat(email.isMarketing()).isTrue();
        assertThatThrownBy(() -> EmailDefinition.fromJson("{" + base + ", \"type\": \"newsletter\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmailDefinition.fromJson("{" + base.replace("\"subject\": \"s\", ", "") + ", \"type\": \"marketing\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> EmailDefinition.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTransportIsOptional() {
        String base = "\"id\": \"e\", \"name\": \"n\", \"subject\": \"s\", \"html\": \"h\", \"text\": \"t\", \"from\": \"a@b.example\", \"type\": \"marketing\"";
        assertThat(EmailDefinition.fromJson("{" + base + ", \"transport\": \"bulk\"}").transport()).isEqualTo("bulk");
        assertThat(EmailDefinition.fromJson("{" + base + "}").transport()).isNull();
    }
}
