//! Links typed by strangers: URL normalisation, links found in chat text, and the fetch guard's
//! reading of address literals in every spelling.

use super::inputs;
use crate::{ensure, fuzz_target};
use newsdesk::fetch::guard::{Guard, is_public};
use newsdesk::fetch::{ArticleUrl, link_words};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

const TRACKING: &[&str] = &[
    "utm_source",
    "utm_medium",
    "fbclid",
    "gclid",
    "_ga",
    "mc_eid",
];

/// A link as someone might type it: odd schemes, credentials, hosts in many spellings, ports,
/// paths, tracking parameters and fragments.
pub fn typed_link() -> impl Strategy<Value = String> {
    let scheme = select(
        &[
            "https://",
            "http://",
            "HTTPS://",
            "hTtP://",
            "ftp://",
            "javascript:",
            "file:///",
            "data:text/html,",
            "",
            "//",
            "https:/",
            "http:\\\\",
        ][..],
    );
    let userinfo = select(&["", "user@", "user:pass@", "@", ":@", "a@b@"][..]);
    let host = prop_oneof![
        select(
            &[
                "news.example",
                "NEWS.Example.",
                "news.example..",
                "xn--caf-dma.example",
                "café.example",
                "127.0.0.1",
                "0x7f.1",
                "2130706433",
                "0177.0.0.1",
                "127.1",
                "[::1]",
                "[::ffff:10.0.0.1]",
                "[fe80::1%25eth0]",
                "[2001:db8::1]",
                "169.254.169.254",
                "localhost",
                ".",
                "..",
                "-",
                "a..b",
                "exa mple.com",
                "%00",
                "ex%41mple.com",
                "[",
                "]",
                "[::",
                "999.999.999.999",
                "1.2.3.4.5",
                "0",
                "",
            ][..]
        )
        .prop_map(str::to_string),
        "[a-zA-Z0-9.-]{0,30}",
    ];
    let port = select(&["", ":80", ":443", ":8080", ":0", ":65536", ":", ":x"][..]);
    let path = prop_oneof![
        select(
            &[
                "", "/", "/a/b", "/../..", "/%2e%2e/", "/a b", "/é", "/a?b#c"
            ][..]
        )
        .prop_map(str::to_string),
        "(/[a-zA-Z0-9%._~-]{0,12}){0,4}",
    ];
    let query = prop::collection::vec(
        (
            prop_oneof![select(TRACKING).prop_map(str::to_string), "[a-z_]{1,6}"],
            "[a-zA-Z0-9%=&]{0,6}",
        ),
        0..5,
    )
    .prop_map(|ps| {
        if ps.is_empty() {
            String::new()
        } else {
            let joined: Vec<String> = ps.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("?{}", joined.join("&"))
        }
    });
    let fragment = select(&["", "#top", "#", "#a#b"][..]);
    (scheme, userinfo, host, port, path, query, fragment)
        .prop_map(|(s, u, h, p, pa, q, f)| format!("{s}{u}{h}{p}{pa}{q}{f}"))
}

fn url_input(_long: bool) -> BoxedStrategy<String> {
    prop_oneof![
        6 => typed_link(),
        1 => inputs::short_text(),
        1 => (typed_link(), 1..3000usize).prop_map(|(l, n)| format!("{l}{}", "/a".repeat(n))),
    ]
    .boxed()
}

fn check_url(s: String) -> Result<(), TestCaseError> {
    let Ok(u) = ArticleUrl::parse(&s) else {
        return Ok(());
    };
    let url = u.as_url();
    ensure!(
        matches!(url.scheme(), "http" | "https"),
        "scheme {} kept",
        url.scheme()
    );
    ensure!(!u.host().is_empty(), "no host in {}", u.as_str());
    ensure!(
        u.host().len() == 1 || !u.host().ends_with('.'),
        "trailing dot kept in {}",
        u.as_str()
    );
    ensure!(
        url.username().is_empty() && url.password().is_none(),
        "credentials kept in {}",
        u.as_str()
    );
    ensure!(url.fragment().is_none(), "fragment kept in {}", u.as_str());
    for (k, _) in url.query_pairs() {
        ensure!(
            !TRACKING.contains(&k.as_ref()),
            "tracking parameter {k} kept in {}",
            u.as_str()
        );
    }
    // Normalising twice changes nothing.
    let again = ArticleUrl::parse(u.as_str());
    ensure!(
        again.as_ref() == Ok(&u),
        "not idempotent: {} became {:?}",
        u.as_str(),
        again.map(|a| a.as_str().to_string())
    );
    Ok(())
}

fuzz_target!(fuzz_url, fuzz_url_long, 1000, 250_000, url_input, check_url);

fn chat_input(long: bool) -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            typed_link(),
            typed_link().prop_map(|l| format!("<{l}>")),
            typed_link().prop_map(|l| format!("[see]({l})")),
            typed_link().prop_map(|l| format!("({l}),")),
            inputs::short_text(),
        ],
        0..if long { 30 } else { 10 },
    )
    .prop_map(|w| w.join(" "))
    .boxed()
}

fn check_link_words(text: String) -> Result<(), TestCaseError> {
    let words = link_words(&text);
    for w in &words {
        ensure!(!w.written.is_empty(), "an empty link word");
        ensure!(
            text.contains(&w.written),
            "link word {:?} is not in the text",
            w.written
        );
    }
    for (i, a) in words.iter().enumerate() {
        if let Ok(u) = &a.url {
            ensure!(
                !words[..i].iter().any(|b| b.url.as_ref() == Ok(u)),
                "link {} listed twice",
                u.as_str()
            );
        }
    }
    Ok(())
}

fuzz_target!(
    fuzz_link_words,
    fuzz_link_words_long,
    150,
    60_000,
    chat_input,
    check_link_words
);

/// An IPv4 address, private ranges favoured.
fn v4() -> impl Strategy<Value = Ipv4Addr> {
    prop_oneof![
        any::<u32>().prop_map(Ipv4Addr::from),
        (
            select(&[0u8, 10, 100, 127, 169, 172, 192, 198, 203, 224, 255][..]),
            any::<[u8; 3]>()
        )
            .prop_map(|(a, [b, c, d])| Ipv4Addr::new(a, b, c, d)),
    ]
}

/// Ways to write `ip` in a URL's host, and whether the guard must read it as `ip` itself
/// (`true`) or as an address that may only be refused (`false`: the deprecated IPv4-compatible
/// form).
fn spellings(ip: Ipv4Addr) -> Vec<(String, bool)> {
    let [a, b, c, d] = ip.octets();
    let n = u32::from(ip);
    let v6 = |segs: [u16; 8]| format!("[{}]", Ipv6Addr::from(segs));
    let hi = ((a as u16) << 8) | b as u16;
    let lo = ((c as u16) << 8) | d as u16;
    vec![
        (format!("{a}.{b}.{c}.{d}"), true),
        (format!("{n}"), true),
        (format!("0x{n:x}"), true),
        (format!("0{n:o}"), true),
        (format!("0x{a:x}.0{b:o}.{c}.0x{d:02X}"), true),
        (format!("{a}.{}", n & 0xff_ffff), true),
        (format!("{a}.{b}.{}", n & 0xffff), true),
        (format!("{a}.{b}.{c}.{d}."), true),
        (format!("[::ffff:{a}.{b}.{c}.{d}]"), true),
        (v6([0, 0, 0, 0, 0, 0xffff, hi, lo]), true),
        (v6([0x64, 0xff9b, 0, 0, 0, 0, hi, lo]), true),
        (v6([0x2002, hi, lo, 0, 0, 0, 0, 1]), true),
        (format!("[::{a}.{b}.{c}.{d}]"), false),
    ]
}

fn check_guard((ip, v6, cidr): (Ipv4Addr, [u16; 8], String)) -> Result<(), TestCaseError> {
    let guard = Guard::new(false, &[]).unwrap();
    let public = is_public(IpAddr::V4(ip));
    for (host, same) in spellings(ip) {
        let Ok(url) = url::Url::parse(&format!("http://{host}/")) else {
            continue;
        };
        let allowed = guard.check_url(&url).is_ok();
        if same {
            ensure!(
                allowed == public,
                "{host} ({ip}, public: {public}) was {}",
                if allowed { "allowed" } else { "refused" }
            );
        } else {
            ensure!(!allowed || public, "{host} let private {ip} through");
        }
    }
    // Any IPv6 literal: allowed only when public.
    let ip6 = Ipv6Addr::from(v6);
    if let Ok(url) = url::Url::parse(&format!("http://[{ip6}]/")) {
        ensure!(
            guard.check_url(&url).is_ok() == is_public(IpAddr::V6(ip6)),
            "[{ip6}] judged unlike is_public"
        );
    }
    // An allow list parses whatever it is given, and then permits what it names.
    if let Ok(g) = Guard::new(false, std::slice::from_ref(&cidr))
        && let Ok(net) = cidr.trim().parse::<ipnet::IpNet>()
    {
        ensure!(
            g.permits(net.trunc().network()),
            "{cidr} allowed but its network refused"
        );
    }
    Ok(())
}

fn guard_input(_long: bool) -> impl Strategy<Value = (Ipv4Addr, [u16; 8], String)> {
    let v6 = prop_oneof![
        any::<[u16; 8]>(),
        (
            select(
                &[
                    0u16, 0x64, 0x100, 0x2001, 0x2002, 0x3fff, 0xfc00, 0xfe80, 0xff02
                ][..]
            ),
            any::<[u16; 7]>()
        )
            .prop_map(|(a, r)| [a, r[0], r[1], r[2], r[3], r[4], r[5], r[6]]),
    ];
    let cidr = prop_oneof![
        (v4(), 0..40u8).prop_map(|(ip, p)| format!("{ip}/{p}")),
        (any::<[u16; 8]>(), 0..140u8).prop_map(|(s, p)| format!("{}/{p}", Ipv6Addr::from(s))),
        v4().prop_map(|ip| format!(" {ip} ")),
        ".{0,20}",
    ];
    (v4(), v6, cidr)
}

fuzz_target!(
    fuzz_guard,
    fuzz_guard_long,
    1000,
    250_000,
    guard_input,
    check_guard
);
