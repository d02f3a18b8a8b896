//! The fetcher against a real HTTP server on 127.0.0.1, started by each test and serving the
//! pages in `tests/fixtures/fetch`. Most tests turn the private-network guard off (the server
//! is on loopback); the SSRF tests keep it on and allow at most 127.0.0.1 itself.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::{HeaderMap, Response, header};
use axum::routing::get;
use futures::StreamExt;
use newsdesk::fetch::{ArticleUrl, FetchConfig, FetchError, FetchedPage, Fetcher};
use std::time::Duration;

const ARTICLE: &[u8] = include_bytes!("../fixtures/fetch/article.html");
const ARTICLE_GZ: &[u8] = include_bytes!("../fixtures/fetch/article.html.gz");
const LARGE_GZ: &[u8] = include_bytes!("../fixtures/fetch/large.html.gz");
const LATIN1: &[u8] = include_bytes!("../fixtures/fetch/latin1.html");
const LATIN1_META: &[u8] = include_bytes!("../fixtures/fetch/latin1-meta.html");
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// Redirect targets a stranger could use to reach inside the network; `{port}` is the test
/// server's. 127.0.0.1 itself is allowed in the SSRF tests, its neighbours are not.
const PRIVATE_TARGETS: &[&str] = &[
    "http://127.0.0.2:{port}/article",
    "http://2130706434:{port}/article",
    "http://0x7f.0.0.2:{port}/article",
    "http://0177.0.0.2:{port}/article",
    "http://127.2:{port}/article",
    "http://[::1]:{port}/article",
    "http://[::ffff:127.0.0.2]:{port}/article",
    "http://[::127.0.0.1]:{port}/article",
    "http://[64:ff9b::7f00:2]:{port}/article",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    "http://0.0.0.0:{port}/article",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
];

fn html(content_type: Option<&str>, body: impl Into<Body>) -> Response<Body> {
    let mut r = Response::builder();
    if let Some(ct) = content_type {
        r = r.header(header::CONTENT_TYPE, ct);
    }
    r.body(body.into()).unwrap()
}

fn status(code: u16) -> Response<Body> {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/html")
        .body(Body::from("<html><body><p>error page</p></body></html>"))
        .unwrap()
}

fn redirect(to: &str) -> Response<Body> {
    Response::builder()
        .status(302)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap()
}

fn gzipped(bytes: &'static [u8]) -> Response<Body> {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CONTENT_ENCODING, "gzip")
        .body(Body::from(bytes))
        .unwrap()
}

/// Starts the fixture server on 127.0.0.1 and returns its port.
async fn serve() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    serve_on(listener)
}

fn serve_on(listener: tokio::net::TcpListener) -> u16 {
    let port = listener.local_addr().unwrap().port();
    let app = Router::new()
        .route(
            "/article",
            get(|| async { html(Some("text/html; charset=utf-8"), ARTICLE) }),
        )
        .route(
            "/xhtml",
            get(|| async { html(Some("application/xhtml+xml"), ARTICLE) }),
        )
        .route("/untyped", get(|| async { html(None, ARTICLE) }))
        .route("/untyped-pdf", get(|| async { html(None, PDF) }))
        .route("/pdf", get(|| async { html(Some("application/pdf"), PDF) }))
        .route(
            "/json",
            get(|| async { html(Some("application/json"), "{\"title\": \"not a page\"}") }),
        )
        .route("/image", get(|| async { html(Some("image/png"), PNG) }))
        .route(
            "/latin1-header",
            get(|| async { html(Some("text/html; charset=ISO-8859-1"), LATIN1) }),
        )
        .route(
            "/latin1-meta",
            get(|| async { html(Some("text/html"), LATIN1_META) }),
        )
        .route("/gzip", get(|| async { gzipped(ARTICLE_GZ) }))
        .route("/gzip-large", get(|| async { gzipped(LARGE_GZ) }))
        .route("/missing", get(|| async { status(404) }))
        .route("/broken", get(|| async { status(500) }))
        .route(
            "/redirect/{n}",
            get(|Path(n): Path<u32>| async move {
                match n {
                    0 => redirect("/article?utm_source=newsletter&id=7#top"),
                    n => redirect(&format!("/redirect/{}", n - 1)),
                }
            }),
        )
        .route("/loop", get(|| async { redirect("/loop") }))
        .route(
            "/to-ftp",
            get(|| async { redirect("ftp://example.com/file") }),
        )
        .route(
            "/to-localhost",
            get(move || async move { redirect(&format!("http://localhost:{port}/article")) }),
        )
        .route(
            "/to-self",
            get(move || async move { redirect(&format!("http://127.0.0.1:{port}/article")) }),
        )
        .route(
            "/to/{i}",
            get(move |Path(i): Path<usize>| async move {
                redirect(&PRIVATE_TARGETS[i].replace("{port}", &port.to_string()))
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(120)).await;
                html(Some("text/html"), ARTICLE)
            }),
        )
        .route(
            "/slow-body",
            get(|| async {
                let first = futures::stream::once(async {
                    Ok::<_, std::io::Error>(Bytes::from_static(b"<html><body><p>Start"))
                });
                html(
                    Some("text/html"),
                    Body::from_stream(first.chain(futures::stream::pending())),
                )
            }),
        )
        .route(
            "/big",
            get(|| async { html(Some("text/html"), format!("<p>{}</p>", "x".repeat(100_000))) }),
        )
        .route(
            "/big-chunked",
            get(|| async {
                // Endless and without Content-Length: only a cap enforced while reading ends it.
                let chunks = futures::stream::repeat_with(|| {
                    Ok::<_, std::io::Error>(Bytes::from_static(&[b'y'; 4096]))
                });
                html(Some("text/html"), Body::from_stream(chunks))
            }),
        )
        .route(
            "/headers",
            get(|headers: HeaderMap| async move {
                let get = |h| headers.get(h).and_then(|v| v.to_str().ok()).unwrap_or("-");
                let body = format!(
                    "<html><body><p id=ua>{}</p><p id=accept>{}</p></body></html>",
                    get(header::USER_AGENT),
                    get(header::ACCEPT)
                );
                html(Some("text/html"), body)
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    port
}

/// Guard off, as for any test server on loopback.
fn open() -> FetchConfig {
    FetchConfig {
        allow_private_networks: true,
        timeout_secs: 10,
        ..Default::default()
    }
}

/// Guard on, with only 127.0.0.1 allowed (the test server's address).
fn guarded() -> FetchConfig {
    FetchConfig {
        allow_cidrs: vec!["127.0.0.1/32".into()],
        timeout_secs: 10,
        ..Default::default()
    }
}

async fn fetch(config: &FetchConfig, url: &str) -> Result<FetchedPage, FetchError> {
    let url = ArticleUrl::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    Fetcher::new(config).unwrap().fetch(&url).await
}

fn at(port: u16, path: &str) -> String {
    format!("http://127.0.0.1:{port}{path}")
}

#[tokio::test]
async fn fetches_an_html_page() {
    let port = serve().await;
    let page = fetch(&open(), &at(port, "/article")).await.unwrap();
    assert_eq!(page.content_type, "text/html");
    assert_eq!(page.bytes, ARTICLE.len());
    assert!(page.html.contains("“We replaced the propeller shaft"));
    assert!(page.html.contains("café"));
    assert_eq!(page.url.as_str(), at(port, "/article"));

    let page = fetch(&open(), &at(port, "/xhtml")).await.unwrap();
    assert_eq!(page.content_type, "application/xhtml+xml");
}

#[tokio::test]
async fn sends_honest_user_agent_and_browser_accept() {
    let port = serve().await;
    let page = fetch(&open(), &at(port, "/headers")).await.unwrap();
    assert!(page.html.contains("<p id=ua>newsdesk/"), "{}", page.html);
    assert!(
        page.html.contains("<p id=accept>text/html,"),
        "{}",
        page.html
    );
}

#[tokio::test]
async fn follows_redirects_and_reports_the_final_normalised_url() {
    let port = serve().await;
    let page = fetch(&open(), &at(port, "/redirect/3")).await.unwrap();
    assert_eq!(page.url.as_str(), at(port, "/article?id=7"));
    assert!(page.html.contains("Harbour ferry"));
}

#[tokio::test]
async fn too_many_redirects_and_loops_are_refused() {
    let port = serve().await;
    let config = FetchConfig {
        max_redirects: 2,
        ..open()
    };
    // /redirect/1 → /redirect/0 → /article: two hops, allowed.
    assert!(fetch(&config, &at(port, "/redirect/1")).await.is_ok());
    let e = fetch(&config, &at(port, "/redirect/2")).await.unwrap_err();
    assert_eq!(e, FetchError::TooManyRedirects);
    assert_eq!(e.to_string(), "That link redirects too many times.");
    let e = fetch(&open(), &at(port, "/loop")).await.unwrap_err();
    assert_eq!(e, FetchError::TooManyRedirects);
}

#[tokio::test]
async fn redirect_to_another_scheme_is_refused() {
    let port = serve().await;
    let e = fetch(&open(), &at(port, "/to-ftp")).await.unwrap_err();
    assert_eq!(e, FetchError::UnsupportedScheme);
}

#[tokio::test]
async fn slow_sites_time_out() {
    let port = serve().await;
    let config = FetchConfig {
        timeout_secs: 1,
        ..open()
    };
    for path in ["/slow", "/slow-body"] {
        let e = fetch(&config, &at(port, path)).await.unwrap_err();
        assert_eq!(e, FetchError::Timeout, "{path}");
        assert_eq!(e.kind(), "timeout");
    }
}

#[tokio::test]
async fn body_cap_holds_with_and_without_content_length() {
    let port = serve().await;
    let config = FetchConfig {
        max_body_bytes: 64 * 1024,
        ..open()
    };
    for path in ["/big", "/big-chunked", "/gzip-large"] {
        let e = fetch(&config, &at(port, path)).await.unwrap_err();
        assert_eq!(e, FetchError::TooLarge { max: 64 * 1024 }, "{path}");
        assert_eq!(
            e.to_string(),
            "That page is too large to read (over 64 KiB)."
        );
    }
    // Under the cap all is well.
    assert!(fetch(&config, &at(port, "/article")).await.is_ok());
}

#[tokio::test]
async fn non_html_content_is_refused() {
    let port = serve().await;
    for (path, words) in [
        ("/pdf", "a PDF document"),
        ("/json", "JSON data"),
        ("/image", "an image"),
        ("/untyped-pdf", "not a web page"),
    ] {
        let e = fetch(&open(), &at(port, path)).await.unwrap_err();
        assert_eq!(e.kind(), "unsupported_content_type", "{path}");
        assert!(e.to_string().contains(words), "{path}: {e}");
    }
    // A page without a Content-Type that looks like HTML is read.
    let page = fetch(&open(), &at(port, "/untyped")).await.unwrap();
    assert_eq!(page.content_type, "text/html");
}

#[tokio::test]
async fn latin1_pages_decode_from_header_and_meta() {
    let port = serve().await;
    let page = fetch(&open(), &at(port, "/latin1-header")).await.unwrap();
    assert!(page.html.contains("Mühle"), "{}", page.html);
    assert!(page.html.contains("ein Café mit Blick auf die Brücke"));
    let page = fetch(&open(), &at(port, "/latin1-meta")).await.unwrap();
    assert!(
        page.html
            .contains("La fête du village aura lieu près de l'église, même s'il pleut.")
    );
}

#[tokio::test]
async fn gzip_is_decoded() {
    let port = serve().await;
    let page = fetch(&open(), &at(port, "/gzip")).await.unwrap();
    assert_eq!(page.html.as_bytes(), ARTICLE);
    assert_eq!(page.bytes, ARTICLE.len());
}

#[tokio::test]
async fn http_errors_say_what_happened() {
    let port = serve().await;
    let e = fetch(&open(), &at(port, "/missing")).await.unwrap_err();
    assert_eq!(e, FetchError::HttpStatus(404));
    assert_eq!(e.to_string(), "The page was not found (HTTP 404).");
    let e = fetch(&open(), &at(port, "/broken")).await.unwrap_err();
    assert_eq!(e, FetchError::HttpStatus(500));
    assert!(e.to_string().contains("HTTP 500"));
    assert_eq!(e.kind(), "http_status");
}

#[tokio::test]
async fn closed_port_is_a_connection_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let e = fetch(&open(), &at(port, "/article")).await.unwrap_err();
    assert_eq!(
        e,
        FetchError::Connect {
            host: "127.0.0.1".into()
        }
    );
}

// ---- SSRF: the guard is on ----

#[tokio::test]
async fn guard_refuses_private_literals_in_every_spelling() {
    let port = serve().await;
    let config = FetchConfig {
        timeout_secs: 10,
        ..Default::default()
    };
    let direct = [
        at(port, "/article"),
        format!("http://2130706433:{port}/article"),
        format!("http://0x7f.1:{port}/article"),
        format!("http://0177.0.0.1:{port}/article"),
        format!("http://0x7f000001:{port}/article"),
        format!("http://127.1:{port}/article"),
        format!("http://[::1]:{port}/article"),
        format!("http://[::ffff:127.0.0.1]:{port}/article"),
        format!("http://[::ffff:7f00:1]:{port}/article"),
        format!("http://[64:ff9b::127.0.0.1]:{port}/article"),
        format!("http://[::]:{port}/article"),
        "http://169.254.169.254/latest/meta-data/".into(),
        "http://100.64.0.1/".into(),
        "http://172.16.0.1/".into(),
        "http://192.0.2.1/".into(),
        "http://198.18.0.1/".into(),
        "http://224.0.0.1/".into(),
        "http://240.0.0.1/".into(),
        "http://255.255.255.255/".into(),
        "http://[fc00::1]/".into(),
        "http://[fec0::1]/".into(),
        "http://[ff02::1]/".into(),
        "http://[2001:db8::1]/".into(),
    ];
    for url in &direct {
        let e = fetch(&config, url).await.unwrap_err();
        assert_eq!(e, FetchError::PrivateNetwork, "{url}");
        assert_eq!(
            e.to_string(),
            "That link points to a private network address."
        );
    }
}

#[tokio::test]
async fn guard_checks_names_after_resolving_them() {
    let port = serve().await;
    let config = FetchConfig {
        timeout_secs: 10,
        ..Default::default()
    };
    let e = fetch(&config, &format!("http://localhost:{port}/article"))
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::PrivateNetwork);
    // Allowed by the configuration: the connection goes to the address that was checked.
    let page = fetch(&guarded(), &format!("http://localhost:{port}/article"))
        .await
        .unwrap();
    assert!(page.html.contains("Harbour ferry"));
}

#[tokio::test]
async fn guard_refuses_redirects_into_private_networks() {
    let port = serve().await;
    // The allowed host itself, and a redirect to it, work with the guard on.
    assert!(fetch(&guarded(), &at(port, "/article")).await.is_ok());
    assert!(fetch(&guarded(), &at(port, "/to-self")).await.is_ok());
    for (i, target) in PRIVATE_TARGETS.iter().enumerate() {
        let e = fetch(&guarded(), &at(port, &format!("/to/{i}")))
            .await
            .unwrap_err();
        assert_eq!(e, FetchError::PrivateNetwork, "redirect to {target}");
    }
}

#[tokio::test]
async fn bad_allow_list_is_a_config_error() {
    let config = FetchConfig {
        allow_cidrs: vec!["intranet".into()],
        ..Default::default()
    };
    let e = Fetcher::new(&config).unwrap_err();
    assert_eq!(e.kind(), "config");
    assert!(e.to_string().contains("intranet"));
}

#[tokio::test]
async fn guard_refuses_redirects_to_names_that_resolve_privately() {
    // The server sits on 127.0.0.2 (allowed) and redirects to `localhost` (127.0.0.1, not
    // allowed): the resolver must refuse the hop.
    let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.2:0").await else {
        eprintln!("skipping: cannot listen on 127.0.0.2 here");
        return;
    };
    let port = serve_on(listener);
    let config = FetchConfig {
        allow_cidrs: vec!["127.0.0.2".into()],
        timeout_secs: 10,
        ..Default::default()
    };
    let base = format!("http://127.0.0.2:{port}");
    assert!(fetch(&config, &format!("{base}/article")).await.is_ok());
    let e = fetch(&config, &format!("{base}/to-localhost"))
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::PrivateNetwork);
}
