//! The private-network (SSRF) guard: which addresses the fetcher may connect to.
//!
//! The bot fetches links typed by strangers, so by default only public unicast addresses are
//! allowed. The check happens on addresses, never on names: the [resolver](super::resolve)
//! resolves names itself and hands the connector only addresses that passed, and IP-literal
//! hosts (which skip any resolver) are checked before the request and on every redirect hop.
//! IPv4 is a deny list of special-purpose ranges; IPv6 allows only global unicast
//! (`2000::/3`) minus its special blocks, and judges forms that embed an IPv4 address
//! (mapped, NAT64, 6to4) by that address.

use super::FetchError;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// True if `ip` is a public unicast address a news site could live on.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let special = a == 0 // "this network", including the unspecified 0.0.0.0
        || a == 10 // private
        || (a == 100 && (b & 0xc0) == 64) // CGNAT 100.64.0.0/10
        || a == 127 // loopback
        || (a == 169 && b == 254) // link-local, cloud metadata 169.254.169.254
        || (a == 172 && (b & 0xf0) == 16) // private 172.16.0.0/12
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation TEST-NET-1
        || (a == 192 && b == 88 && c == 99) // deprecated 6to4 relay anycast
        || (a == 192 && b == 168) // private
        || (a == 198 && (b & 0xfe) == 18) // benchmarking 198.18.0.0/15
        || (a == 198 && b == 51 && c == 100) // documentation TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // documentation TEST-NET-3
        || a >= 224; // multicast 224/4, reserved 240/4, broadcast
    !special
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let embedded = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    // ::ffff:a.b.c.d — the OS connects to a.b.c.d over IPv4.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    // ::/96: unspecified, loopback and the deprecated IPv4-compatible form; nothing public.
    if s[..6] == [0; 6] {
        return false;
    }
    // NAT64 64:ff9b::/96 reaches the embedded IPv4 address.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    // 6to4 2002:a.b.c.d::/48 tunnels to the embedded IPv4 address.
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    // Everything outside global unicast 2000::/3: ULA fc00::/7, link-local fe80::/10,
    // site-local fec0::/10, multicast ff00::/8, discard 100::/64, local NAT64 64:ff9b:1::/48.
    if s[0] & 0xe000 != 0x2000 {
        return false;
    }
    let special = match s[0] {
        // 2001::/23 (Teredo, benchmarking, ORCHID) and 2001:db8::/32 (documentation)
        0x2001 => s[1] < 0x0200 || s[1] == 0x0db8,
        // documentation 3fff::/20
        0x3fff => s[1] < 0x1000,
        _ => false,
    };
    !special
}

/// The address policy of one fetcher, built from `fetch.allow_private_networks` and
/// `fetch.allow_cidrs`.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allow_all: bool,
    allow: Vec<IpNet>,
}

impl Guard {
    /// `cidrs` are networks (`10.20.0.0/16`) or single addresses allowed despite the guard.
    pub fn new(allow_private_networks: bool, cidrs: &[String]) -> Result<Guard, FetchError> {
        let allow = cidrs
            .iter()
            .map(|c| {
                let c = c.trim();
                c.parse::<IpNet>()
                    .or_else(|_| c.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        FetchError::Config(format!(
                            "`fetch.allow_cidrs` entry `{c}` is not a network like 10.20.0.0/16"
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Guard {
            allow_all: allow_private_networks,
            allow,
        })
    }

    /// May the fetcher connect to `ip`?
    pub fn permits(&self, ip: IpAddr) -> bool {
        if self.allow_all {
            return true;
        }
        // `::ffff:10.0.0.1` is 10.0.0.1 for the allow list too.
        let ip = ip.to_canonical();
        is_public(ip) || self.allow.iter().any(|net| net.contains(&ip))
    }

    /// Checks a URL about to be requested: web scheme, and an IP-literal host must be permitted
    /// (names are checked by the resolver, which never sees literals).
    pub fn check_url(&self, url: &::url::Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::UnsupportedScheme);
        }
        let ip = match url.host() {
            Some(::url::Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(::url::Host::Ipv6(v6)) => IpAddr::V6(v6),
            Some(::url::Host::Domain(_)) => return Ok(()),
            None => return Err(FetchError::InvalidUrl),
        };
        if self.permits(ip) {
            Ok(())
        } else {
            tracing::debug!(%ip, "refused a private address literal");
            Err(FetchError::PrivateNetwork)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn special_ipv4_ranges_are_not_public() {
        for s in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.0.0.2",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert!(!is_public(ip(s)), "{s} must be refused");
        }
    }

    #[test]
    fn public_ipv4_neighbours_are_public() {
        for s in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "126.255.255.255",
            "128.0.0.1",
            "169.253.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.0.1.1",
            "192.167.1.1",
            "192.169.0.1",
            "198.17.255.255",
            "198.20.0.1",
            "223.255.255.254",
        ] {
            assert!(is_public(ip(s)), "{s} must be allowed");
        }
    }

    #[test]
    fn special_ipv6_ranges_are_not_public() {
        for s in [
            "::",
            "::1",
            "::127.0.0.1",      // IPv4-compatible
            "::8.8.8.8",        // IPv4-compatible, deprecated even when public
            "::ffff:127.0.0.1", // IPv4-mapped
            "::ffff:169.254.169.254",
            "::ffff:10.1.2.3",
            "64:ff9b::7f00:1",    // NAT64 of 127.0.0.1
            "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
            "64:ff9b:1::1",       // local-use NAT64
            "2002:7f00:1::1",     // 6to4 of 127.0.0.1
            "2002:c0a8:101::1",   // 6to4 of 192.168.1.1
            "100::1",             // discard
            "2001::1",            // Teredo
            "2001:2::1",          // benchmarking
            "2001:db8::1",        // documentation
            "3fff::1",            // documentation
            "fc00::1",
            "fd12:3456::1", // ULA
            "fe80::1",      // link-local
            "febf::1",
            "fec0::1",         // site-local
            "ff02::1",         // multicast
            "::ffff:0:7f00:1", // IPv4-translated, outside 2000::/3
        ] {
            assert!(!is_public(ip(s)), "{s} must be refused");
        }
    }

    #[test]
    fn public_ipv6_is_public() {
        for s in [
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "2001:200::1",
        ] {
            assert!(is_public(ip(s)), "{s} must be allowed");
        }
    }

    #[test]
    fn allow_list_and_switch() {
        let g = Guard::new(false, &["10.20.0.0/16".into(), " 127.0.0.1 ".into()]).unwrap();
        assert!(g.permits(ip("10.20.3.4")));
        assert!(g.permits(ip("::ffff:10.20.3.4")));
        assert!(g.permits(ip("127.0.0.1")));
        assert!(!g.permits(ip("127.0.0.2")));
        assert!(!g.permits(ip("10.21.0.1")));
        assert!(g.permits(ip("8.8.8.8")));
        assert!(Guard::new(true, &[]).unwrap().permits(ip("127.0.0.1")));
        assert!(matches!(
            Guard::new(false, &["10.0.0.0/33".into()]),
            Err(FetchError::Config(_))
        ));
    }

    #[test]
    fn literal_hosts_are_checked() {
        let g = Guard::default();
        let check = |s: &str| g.check_url(&::url::Url::parse(s).unwrap());
        for s in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://0.0.0.0/",
            "http://0/",
            "https://10.0.0.1/",
        ] {
            assert_eq!(check(s), Err(FetchError::PrivateNetwork), "{s}");
        }
        assert_eq!(check("http://93.184.215.14/"), Ok(()));
        assert_eq!(check("https://example.com/"), Ok(()));
        assert_eq!(
            check("ftp://example.com/"),
            Err(FetchError::UnsupportedScheme)
        );
    }
}
