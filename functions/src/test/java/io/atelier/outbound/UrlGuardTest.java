package io.atelier.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every class of address a webhook target (or any URL fetched for a user) may resolve to, as AWS and as the local runner see it. */
class UrlGuardTest {
    /** "target.example" resolves to whatever address the case names: the guard judges the resolved address, not the name. */
    private static UrlGuard guard(String address, boolean local) {
        return new UrlGuard(
                host -> host.equals("target.example")
                        ? new InetAddress[] {InetAddress.getByName(address)}
                        : InetAddress.getAllByName(host),
                local);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.254, PRIVATE",
        "192.168.1.1, PRIVATE",
        "127.0.0.1, LOOPBACK",
        "127.9.9.9, LOOPBACK",
        "::1, LOOPBACK",
        "169.254.0.1, LINK_LOCAL",
        "169.254.255.255, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf::1, LINK_LOCAL",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "ff02::1, MULTICAST",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "::, UNSPECIFIED",
        "100.64.0.1, CARRIER_GRADE_NAT",
        "100.127.255.254, CARRIER_GRADE_NAT",
        "169.254.169.254, CLOUD_METADATA",
        "169.254.170.2, CLOUD_METADATA",
        "fd00:ec2::254, CLOUD_METADATA",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "fec0::1, PRIVATE",
        "::ffff:169.254.169.254, CLOUD_METADATA",
        "::ffff:a9fe:a9fe, CLOUD_METADATA",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:100.64.0.1, CARRIER_GRADE_NAT",
        "::ffff:192.168.0.1, PRIVATE",
        "::169.254.169.254, CLOUD_METADATA",
        "::8.8.8.8, RESERVED",
        "64:ff9b::a9fe:a9fe, CLOUD_METADATA",
        "64:ff9b::10.1.2.3, PRIVATE",
        "2002:a9fe:a9fe::1, CLOUD_METADATA",
        "2002:7f00:1::1, LOOPBACK",
        "255.255.255.255, RESERVED",
        "240.0.0.1, RESERVED",
        "2001:db8::1, RESERVED",
        "8.8.8.8, PUBLIC",
        "1.1.1.1, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.128.0.1, PUBLIC",
        "172.32.0.1, PUBLIC",
        "169.253.0.1, PUBLIC",
        "2606:4700:4700::1111, PUBLIC",
        "64:ff9b::808:808, PUBLIC"
    })
    void classifiesEveryAddress(String address, AddressClass expected) throws UnknownHostException {
        assertThat(AddressClass.of(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused in AWS and locally")
    @CsvSource({
        "10.0.0.1, private",
        "172.20.1.1, private",
        "192.168.0.10, private",
        "fd00::1, private",
        "169.254.10.10, link-local",
        "fe80::abcd, link-local",
        "224.0.0.251, multicast",
        "ff05::2, multicast",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "100.100.100.200, carrier-grade NAT",
        "169.254.169.254, cloud metadata",
        "fd00:ec2::254, cloud metadata",
        "::ffff:169.254.169.254, cloud metadata",
        "::ffff:10.1.1.1, private",
        "64:ff9b::a9fe:a9fe, cloud metadata"
    })
    void refusesNonPublicAddressesEverywhere(String address, String described) {
        for (boolean local : new boolean[] {false, true})
            assertThatThrownBy(() -> guard(address, local).vet("https://target.example/hook"))
                    .isInstanceOf(UnsafeUrlException.class)
                    .hasMessageContaining(described);
    }

    @Test
    void loopbackOnlyWhereTheLocalRunnerAllowsIt() {
        assertThatThrownBy(() -> guard("127.0.0.1", false).vet("https://target.example/hook"))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard("::1", false).vet("http://target.example/hook"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> guard("::ffff:127.0.0.1", false).vet("https://target.example/"))
                .hasMessageContaining("loopback");
        VettedUrl local = guard("127.0.0.1", true).vet("http://target.example:8080/hook?x=1");
        assertThat(local.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(local.target()).isEqualTo("/hook?x=1");
        assertThat(local.hostHeader()).isEqualTo("target.example:8080");
        assertThat(guard("127.0.0.1", true).vet("http://127.0.0.1:9/").port()).isEqualTo(9);
    }

    @Test
    void httpOnlyToLoopback() {
        assertThatThrownBy(() -> guard("8.8.8.8", false).vet("http://target.example/"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> guard("8.8.8.8", true).vet("http://target.example/"))
                .hasMessageContaining("https");
        assertThat(guard("8.8.8.8", false)
                        .vet("https://target.example/")
                        .address()
                        .getHostAddress())
                .isEqualTo("8.8.8.8");
    }

    @Test
    void refusedWhenAnyResolvedAddressIsNotPublic() throws UnknownHostException {
        InetAddress[] mixed = {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.5")};
        UrlGuard guard = new UrlGuard(host -> mixed, false);
        assertThatThrownBy(() -> guard.vet("https://mixed.example/")).hasMessageContaining("private");
    }

    @Test
    void literalAddressesAreJudgedTheSameWay() {
        UrlGuard guard = new UrlGuard(HostResolver.SYSTEM, false);
        assertThatThrownBy(() -> guard.vet("https://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("cloud metadata");
        assertThatThrownBy(() -> guard.vet("https://[::ffff:169.254.169.254]/")).hasMessageContaining("cloud metadata");
        assertThatThrownBy(() -> guard.vet("https://[fd00:ec2::254]/")).hasMessageContaining("cloud metadata");
        assertThatThrownBy(() -> guard.vet("https://0x7f000001/")).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> guard.vet("https://2130706433/")).isInstanceOf(UnsafeUrlException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://example.com/ | https",
                "file:///etc/passwd | https",
                "https:// | malformed",
                "https://:443/ | host",
                "https://user:pw@example.com/ | user name",
                "https://exa mple.com/ | malformed",
                "/relative | https",
                "https://example.com/#frag | fragment",
                "gopher://example.com/ | https"
            })
    void refusesMalformedUrls(String url, String says) {
        assertThatThrownBy(() -> guard("8.8.8.8", true).vet(url))
                .isInstanceOf(UnsafeUrlException.class)
                .hasMessageContaining(says);
    }

    @Test
    void unresolvableAndOverlongUrlsAreRefused() {
        UrlGuard guard = new UrlGuard(
                host -> {
                    throw new UnknownHostException(host);
                },
                false);
        assertThatThrownBy(() -> guard.vet("https://nowhere.invalid/")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> guard.vet("https://example.com/" + "a".repeat(UrlGuard.MAX_URL_LENGTH)))
                .hasMessageContaining("longer");
    }

    @Test
    void resolvesOnceSoTheConnectionGoesWhereTheCheckLooked() throws UnknownHostException {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress first = InetAddress.getByName("127.0.0.1");
        InetAddress later = InetAddress.getByName("169.254.169.254");
        UrlGuard guard = new UrlGuard(host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? first : later}, true);
        VettedUrl vetted = guard.vet("http://rebinding.example/");
        assertThat(vetted.address()).isEqualTo(first);
        assertThat(lookups).hasValue(1);
    }
}
