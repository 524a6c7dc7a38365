package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.config.LeadStreamConfig;
import org.junit.jupiter.api.Test;

/** Which transport an email goes over, and how worker.transports is written. */
class SmtpServersTest {
    private static final String LIST = "tx=smtp://relay.example:2525, bulk=smtp://ann%40shop:p%2Cw+d%3A@bulk.example:587?starttls=true&rate=12.5&marketing=true,"
            + " bulk2=smtp://bulk2.example?marketing=true";

    private static SmtpServers servers(String list) {
        return SmtpServers.of(LeadStreamConfig.empty().with(WorkerOptions.TRANSPORTS, list));
    }

    @Test
    void eachEntryIsANameAndAnSmtpUrlWithItsSettings() {
        SmtpServers servers = servers(LIST);
        assertThat(servers.all()).containsExactly(
                new SmtpServer("tx", "relay.example", 2525, "", "", false, 0, false),
                new SmtpServer("bulk", "bulk.example", 587, "ann@shop", "p,w+d:", true, 12.5, true),
                new SmtpServer("bulk2", "bulk2.example", 25, "", "", false, 0, true));
        assertThat(servers.toString()).doesNotContain("p,w+d").contains("bulk (bulk.example:587, 12.5/s, marketing)");
    }

    @Test
    void aNamedTransportIsTakenElseMarketingGoesOverTheFirstMarkedForItAndTheRestOverTheFirstListed() {
        SmtpServers servers = servers(LIST);
        assertThat(servers.choose("bulk2", false).name()).as("named, whatever the type").isEqualTo("bulk2");
        assertThat(servers.choose("tx", true).name()).isEqualTo("tx");
        assertThat(servers.choose(null, true).name()).isEqualTo("bulk");
        assertThat(servers.choose(" ", true).name()).isEqualTo("bulk");
        assertThat(servers.choose(null, false).name()).isEqualTo("tx");
        assertThat(servers.choose("gone", true).name()).as("unknown: the default, not the marketing one").isEqualTo("tx");
        assertThat(servers.choose("gone", false).name()).isEqualTo("tx");
    }

    @Test
    void withoutAListTheOneServerOfTheSmtpOptionsIsTheDefaultForEveryEmail() {
        SmtpServers servers = SmtpServers.of(LeadStreamConfig.empty().with(WorkerOptions.SMTP_HOST, "mx.example").with(WorkerOptions.SMTP_PORT, 587)
                .with(WorkerOptions.SMTP_USER, "u").with(WorkerOptions.SMTP_PASSWORD, "p").with(WorkerOptions.SMTP_STARTTLS, true)
                .with(WorkerOptions.SMTP_RATE, 3.0));
        assertThat(servers.all()).containsExactly(new SmtpServer("default", "mx.example", 587, "u", "p", true, 3.0, false));
        assertThat(servers.choose(null, true)).isSameAs(servers.fallback());
        assertThat(servers.choose("bulk", true)).isSameAs(servers.fallback());
        assertThat(servers.session(servers.fallback()).getProperties()).containsEntry("mail.smtp.host", "mx.example")
                .containsEntry("mail.smtp.port", "587").containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true");
    }

    @Test
    void aHoconListReadsAsTheSameEntries() {
        assertThat(servers("[a=smtp://a.example, b=smtp://b.example:26]").all()).extracting(SmtpServer::name).containsExactly("a", "b");
    }

    @Test
    void aBadEntryStopsTheStartNamingTheKeyAndWhatIsWrong() {
        assertThatThrownBy(() -> servers("smtp://relay.example")).hasMessageStartingWith("worker.transports: ").hasMessageContaining("name=");
        assertThatThrownBy(() -> servers("a=http://relay.example")).hasMessageContaining("a: expected smtp://");
        assertThatThrownBy(() -> servers("a=smtp://relay.example?rate=fast")).hasMessageContaining("rate is messages per second");
        assertThatThrownBy(() -> servers("a=smtp://relay.example?rate=-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> servers("a=smtp://relay.example?tls=yes")).hasMessageContaining("unknown setting 'tls'");
        assertThatThrownBy(() -> servers("a=smtp://relay.example?starttls=maybe")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> servers("a=smtp://x.example, a=smtp://y.example")).hasMessageContaining("a is listed twice");
    }
}
