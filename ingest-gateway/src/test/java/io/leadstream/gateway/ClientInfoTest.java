package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.config.LeadStreamConfig;
import org.junit.jupiter.api.Test;

class ClientInfoTest {

    @Test
    void cidrRangesMatchIpv4AndIpv6WithoutDns() {
        IpRanges ranges = IpRanges.parse("10.0.0.0/8, 192.168.1.7, 2001:db8::/32");
        assertThat(ranges.contains("10.200.3.4")).isTrue();
        assertThat(ranges.contains("11.0.0.1")).isFalse();
        assertThat(ranges.contains("192.168.1.7")).isTrue();
        assertThat(ranges.contains("192.168.1.8")).isFalse();
        assertThat(ranges.contains("2001:db8:1::5")).isTrue();
        assertThat(ranges.contains("example.com")).as("never resolved").isFalse();
        assertThat(ranges.contains(null)).isFalse();
        assertThatThrownBy(() -> IpRanges.parse("10.0.0.0/40")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> IpRanges.parse("not-an-ip")).hasMessageContaining("not-an-ip");
    }

    @Test
    void anonymisationDropsTheHostPart() {
        assertThat(ClientInfo.anonymise("203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(ClientInfo.anonymise("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3:0:0:0:0:0");
        assertThat(ClientInfo.anonymise("garbage")).isNull();
    }

    @Test
    void botsExcludedIpsAndMailProxiesAreRecognised() {
        ClientInfo info = new ClientInfo(LeadStreamConfig.empty().with(GatewayOptions.EXCLUDED_IPS, "198.51.100.0/24"));
        assertThat(info.nonTrackableReason("1.2.3.4", "Mozilla/5.0 (compatible; bingbot/2.0)")).isEqualTo("bot user agent");
        assertThat(info.nonTrackableReason("198.51.100.3", "Mozilla/5.0 Firefox")).isEqualTo("excluded ip");
        assertThat(info.nonTrackableReason("1.2.3.4", null)).isEqualTo("no user agent");
        assertThat(info.nonTrackableReason("1.2.3.4", "Mozilla/5.0 (Windows NT 10.0) Chrome/131.0")).isNull();
        assertThat(info.isMailProxy("1.2.3.4", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)")).isTrue();
        assertThat(info.isMailProxy("17.58.1.1", "Mozilla/5.0")).as("Apple MPP range").isTrue();
        assertThat(info.isMailProxy("1.2.3.4", "Mozilla/5.0 Thunderbird")).isFalse();
    }
}
