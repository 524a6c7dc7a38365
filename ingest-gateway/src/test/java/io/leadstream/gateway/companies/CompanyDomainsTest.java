package io.leadstream.gateway.companies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one form a company's domain is kept in, which the engine compares email domains with. */
class CompanyDomainsTest {

    @Test
    void aUrlOrAnAddressBecomesItsBareLowerCaseDomain() {
        assertThat(CompanyDomains.normalize("https://www.Acme.com/x")).hasValue("acme.com");
        assertThat(CompanyDomains.normalize("  ACME.com  ")).hasValue("acme.com");
        assertThat(CompanyDomains.normalize("http://shop.acme.co.uk:8080/path?q=1#top")).hasValue("shop.acme.co.uk");
        assertThat(CompanyDomains.normalize("www.acme.com.")).hasValue("acme.com");
        assertThat(CompanyDomains.normalize("sales@Acme.com")).hasValue("acme.com");
        assertThat(CompanyDomains.normalize("https://user:secret@acme.com/a@b")).hasValue("acme.com");
        assertThat(CompanyDomains.normalize("ftp://files.acme.io")).hasValue("files.acme.io");
    }

    @Test
    void onlyTheLeadingWwwGoes() {
        assertThat(CompanyDomains.normalize("www.www-tools.com")).hasValue("www-tools.com");
        assertThat(CompanyDomains.normalize("wwwacme.com")).hasValue("wwwacme.com");
        assertThat(CompanyDomains.normalize("shop.www.acme.com")).hasValue("shop.www.acme.com");
    }

    @Test
    void anInternationalNameIsKeptInItsAsciiForm() {
        assertThat(CompanyDomains.normalize("https://Bücher.example/")).hasValue("xn--bcher-kva.example");
        assertThat(CompanyDomains.normalize("xn--bcher-kva.example")).hasValue("xn--bcher-kva.example");
    }

    @Test
    void whatNamesNoDomainIsRefused() {
        assertThat(CompanyDomains.normalize(null)).isEmpty();
        assertThat(CompanyDomains.normalize("")).isEmpty();
        assertThat(CompanyDomains.normalize("   ")).isEmpty();
        assertThat(CompanyDomains.normalize("localhost")).isEmpty();
        assertThat(CompanyDomains.normalize("https://")).isEmpty();
        assertThat(CompanyDomains.normalize("192.168.0.1")).isEmpty();
        assertThat(CompanyDomains.normalize("acme..com")).isEmpty();
        assertThat(CompanyDomains.normalize("-acme.com")).isEmpty();
        assertThat(CompanyDomains.normalize("acme_corp.com")).isEmpty();
        assertThat(CompanyDomains.normalize("acme corp.com")).isEmpty();
        assertThat(CompanyDomains.normalize("a".repeat(64) + ".com")).isEmpty();
    }
}
