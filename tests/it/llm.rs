//! The optional LLM backend of `/ask`, against a small OpenAI-compatible server on loopback.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use newsdesk::analysis::{Analysis, Span};
use newsdesk::model::Scope;
use newsdesk::store::NewArticle;
use newsdesk::{Config, Newsdesk};
use std::time::Duration;

#[derive(Clone, Copy)]
enum Mode {
    Good,
    BadCitation,
    /// Cites a real source for facts it does not hold.
    Invents,
    /// One supported sentence, one invented.
    HalfInvented,
    Error500,
    Slow,
    Garbage,
}

/// Serve `POST /v1/chat/completions` the way OpenAI-compatible servers do.
async fn server(mode: Mode) -> String {
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |body: String| async move {
            let request: serde_json::Value = serde_json::from_str(&body).expect("JSON request");
            assert_eq!(request["model"], "test-model");
            let messages = request["messages"].as_array().expect("messages");
            assert_eq!(messages[0]["role"], "system");
            assert_eq!(messages[1]["role"], "user");
            let prompt = messages[1]["content"].as_str().unwrap();
            assert!(prompt.contains("[1] "), "numbered sources in the prompt");
            let content = match mode {
                Mode::Good => "The ferry will run twice a day from June, and tickets cost two euros [1, 2].",
                Mode::BadCitation => "The ferry is free forever [4].",
                Mode::Invents => "Putin demanded Alaska and Texas before any talks [1].",
                // As a model would: the ferry's source by its number, whatever the ranking.
                Mode::HalfInvented => {
                    let n = prompt
                        .lines()
                        .find(|l| l.contains("ferry will run"))
                        .and_then(|l| l.strip_prefix('['))
                        .and_then(|l| l.split(']').next())
                        .expect("the ferry's source in the prompt")
                        .to_string();
                    &*Box::leak(
                        format!(
                            "The ferry will run twice a day from June [{n}]. The mayor Ida Brann said tickets are free until 2030 [{n}]."
                        )
                        .into_boxed_str(),
                    )
                }
                Mode::Error500 => return (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response(),
                Mode::Slow => {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "Too late [1]."
                }
                Mode::Garbage => return ([(header::CONTENT_TYPE, "application/json")], "{\"nope\":1}").into_response(),
            };
            let reply = serde_json::json!({
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": "test-model",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
            });
            ([(header::CONTENT_TYPE, "application/json")], reply.to_string()).into_response()
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    format!("http://{addr}/v1")
}

async fn desk(dir: &tempfile::TempDir, base_url: String) -> Newsdesk {
    let mut config = Config::default();
    config.database.path = dir.path().join("llm.db");
    config.llm.enabled = true;
    config.llm.base_url = base_url;
    config.llm.model = "test-model".into();
    config.llm.api_key_env = String::new();
    config.llm.timeout_secs = 1;
    let desk = Newsdesk::open(config).await.unwrap();
    let text = "Island ferry returns\nA ferry will run twice a day between Korr and the island from June. \
                Tickets will cost two euros.";
    let sentences = newsdesk::analysis::sentences::split(text);
    let analysis = Analysis {
        summary: vec![0],
        sentences,
        ..Analysis::default()
    };
    let _ = Span::new(0, 0);
    desk.store()
        .insert_article(
            &NewArticle {
                scope: Scope::Local,
                url: Some("https://korr.example/ferry"),
                content_hash: "h1",
                title: Some("Island ferry returns"),
                byline: None,
                published: Some("2025-05-01"),
                site: Some("korr.example"),
                language: None,
                text,
                summary_size: 1,
                ingested_at: "2025-05-01T10:00:00Z",
            },
            &analysis,
        )
        .await
        .unwrap();
    desk
}

const QUESTION: &str = "When will the ferry run and what do tickets cost?";

#[tokio::test]
async fn a_checked_llm_answer_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir, server(Mode::Good).await).await;
    let answer = desk.ask(Scope::Local, QUESTION).await.unwrap();
    assert!(answer.found());
    assert_eq!(
        answer.rephrased.as_deref(),
        Some("The ferry will run twice a day from June, and tickets cost two euros [1, 2].")
    );
}

#[tokio::test]
async fn any_failure_falls_back_to_the_extractive_answer() {
    for mode in [
        Mode::BadCitation,
        Mode::Invents,
        Mode::Error500,
        Mode::Slow,
        Mode::Garbage,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let desk = desk(&dir, server(mode).await).await;
        let answer = desk.ask(Scope::Local, QUESTION).await.unwrap();
        assert!(answer.found());
        assert!(answer.rephrased.is_none());
        let extractive = desk.ask_extractive(Scope::Local, QUESTION).await.unwrap();
        assert_eq!(answer.sources.len(), extractive.sources.len());
    }
}

#[tokio::test]
async fn an_unreachable_server_falls_back_too() {
    let dir = tempfile::tempdir().unwrap();
    // Bind then drop: nothing listens on this port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let desk = desk(&dir, format!("http://127.0.0.1:{port}/v1")).await;
    let answer = desk.ask(Scope::Local, QUESTION).await.unwrap();
    assert!(answer.found() && answer.rephrased.is_none());
}

/// A rephrased sentence is kept only when the source it cites supports it.
#[tokio::test]
async fn invented_facts_are_dropped_sentence_by_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(&dir, server(Mode::HalfInvented).await).await;
    let answer = desk.ask(Scope::Local, QUESTION).await.unwrap();
    let n = 1 + answer
        .sources
        .iter()
        .position(|s| s.sentence.contains("ferry will run"))
        .expect("the ferry sentence is cited");
    assert_eq!(
        answer.rephrased.as_deref(),
        Some(format!("The ferry will run twice a day from June [{n}].").as_str())
    );
}
