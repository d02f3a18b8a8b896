//! The Discord renderer: whatever an article holds (titles, sentences, quotes, names, links), every
//! reply fits Discord's limits once fitted, and is never empty.

use super::inputs;
use crate::{ensure, fuzz_target};
use newsdesk::analysis::EntityKind;
use newsdesk::bot::render::{self, *};
use newsdesk::fetch::ArticleUrl;
use newsdesk::ingest::Stage;
use newsdesk::model::{ArticleId, ArticleRef};
use newsdesk::query::story::{Quoted, StoryArticle, StoryLine, StoryView};
use newsdesk::query::{
    Answer, AnswerType, ArticleList, ArticleNote, Candidate, Cited, EntityLookup, EntityProfile,
    Evidence, MentionSnippet, Page, QuoteList, QuoteView, Related, ShortAnswer, SummaryView,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// A string from a page or a member, sometimes huge.
fn s() -> BoxedStrategy<String> {
    inputs::short_text()
}

fn opt() -> BoxedStrategy<Option<String>> {
    prop::option::of(s()).boxed()
}

fn article() -> BoxedStrategy<ArticleRef> {
    // Stored links went through `ArticleUrl` (ingest and import both insist).
    let url = prop::option::of(super::links::typed_link())
        .prop_map(|u| u.and_then(|u| ArticleUrl::parse(&u).ok()));
    (any::<i64>(), opt(), url, opt(), opt(), opt(), s())
        .prop_map(
            |(id, title, url, site, published, byline, ingested_at)| ArticleRef {
                id: ArticleId(id),
                title,
                url: url.map(|u| u.as_str().to_string()),
                site,
                published,
                byline,
                ingested_at,
            },
        )
        .boxed()
}

fn many<T: std::fmt::Debug + 'static>(item: BoxedStrategy<T>, max: usize) -> BoxedStrategy<Vec<T>> {
    prop::collection::vec(item, 0..max).boxed()
}

fn kind() -> impl Strategy<Value = EntityKind> {
    proptest::sample::select(
        &[
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
            EntityKind::Other,
        ][..],
    )
}

fn candidate() -> BoxedStrategy<Candidate> {
    (s(), kind(), any::<usize>())
        .prop_map(|(name, kind, articles)| Candidate {
            name,
            kind,
            articles,
        })
        .boxed()
}

fn quote() -> BoxedStrategy<QuoteView> {
    (inputs::text(false), opt(), article())
        .prop_map(|(text, speaker, article)| QuoteView {
            text,
            speaker,
            article,
        })
        .boxed()
}

fn page() -> impl Strategy<Value = Page> {
    (0..1000usize, 1..50usize).prop_map(|(index, size)| Page { index, size })
}

/// Something the bot renders.
#[derive(Debug)]
enum View {
    Summary(SummaryView),
    Quotes(QuoteList, Option<String>),
    Entity(String, EntityLookup),
    Answer(String, Answer, bool),
    Articles(ArticleList, Option<String>),
    Story(StoryView),
    Sources(Vec<ArticleRef>),
    Ingest(Vec<(String, LinkStatus)>, Vec<SummaryView>),
    Error(String),
    Forgotten(ArticleRef),
    Help(Vec<(String, String)>),
}

fn story_line() -> BoxedStrategy<StoryLine> {
    (inputs::text(false), any::<i64>(), s())
        .prop_map(|(text, id, outlet)| StoryLine {
            text,
            article: ArticleId(id),
            outlet,
        })
        .boxed()
}

fn story_view() -> BoxedStrategy<StoryView> {
    let member = (article(), s(), prop::option::of(any::<i64>()))
        .prop_map(|(article, outlet, copy_of)| StoryArticle {
            article,
            outlet,
            copy_of: copy_of.map(ArticleId),
        })
        .boxed();
    let quoted = (s(), many(s(), 30), inputs::text(false), any::<i64>())
        .prop_map(|(speaker, outlets, quote, id)| Quoted {
            speaker,
            outlets,
            quote,
            article: ArticleId(id),
        })
        .boxed();
    (
        (
            any::<i64>(),
            s(),
            any::<i64>(),
            many(member, 40),
            any::<usize>(),
        ),
        (
            many(story_line(), 12),
            many(quoted, 30),
            many(story_line(), 12),
        ),
    )
        .prop_map(
            |((id, headline, central, articles, more), (summary, quoted, exclusive))| StoryView {
                id,
                headline,
                central: ArticleId(central),
                articles,
                more_articles: more % 100_000,
                summary,
                quoted,
                exclusive,
            },
        )
        .boxed()
}

fn summary_view() -> BoxedStrategy<SummaryView> {
    (article(), many(inputs::text(false), 30))
        .prop_map(|(article, sentences)| SummaryView { article, sentences })
        .boxed()
}

fn profile() -> BoxedStrategy<EntityProfile> {
    (
        (
            s(),
            kind(),
            many(s(), 12),
            many(s(), 25),
            any::<usize>(),
            any::<usize>(),
        ),
        (
            opt(),
            opt(),
            many((s(), kind(), any::<usize>()).boxed(), 10),
        ),
        (
            many(quote(), 5),
            many((inputs::text(false), article()).boxed(), 6),
            opt(),
        ),
    )
        .prop_map(
            |(
                (name, kind, roles, aliases, articles, mentions),
                (first, last, related),
                (quotes, latest, matched),
            )| {
                EntityProfile {
                    name,
                    kind,
                    roles,
                    aliases,
                    articles,
                    mentions,
                    first_seen: first,
                    last_seen: last,
                    related: related
                        .into_iter()
                        .map(|(name, kind, articles)| Related {
                            name,
                            kind,
                            articles,
                        })
                        .collect(),
                    quotes,
                    latest: latest
                        .into_iter()
                        .map(|(sentence, article)| MentionSnippet { sentence, article })
                        .collect(),
                    matched_from: matched,
                }
            },
        )
        .boxed()
}

fn answer() -> BoxedStrategy<Answer> {
    (
        s(),
        many((inputs::text(false), article()).boxed(), 8),
        opt(),
        prop::option::of((s(), any::<usize>(), any::<usize>())),
    )
        .prop_map(|(lead_in, sources, rephrased, short)| Answer {
            lead_in,
            answer: short.map(|(text, start, end)| ShortAnswer {
                text,
                source: 0,
                start,
                end,
            }),
            sources: sources
                .into_iter()
                .map(|(sentence, article)| Cited { sentence, article })
                .collect(),
            kind: AnswerType::Thing,
            evidence: Evidence::Good,
            about: Vec::new(),
            rephrased,
        })
        .boxed()
}

fn link_status() -> BoxedStrategy<LinkStatus> {
    prop_oneof![
        Just(LinkStatus::Waiting),
        Just(LinkStatus::Working(Stage::Fetching)),
        article().prop_map(LinkStatus::Stored),
        article().prop_map(LinkStatus::Duplicate),
        s().prop_map(LinkStatus::Failed),
    ]
    .boxed()
}

fn view(_long: bool) -> BoxedStrategy<View> {
    prop_oneof![
        summary_view().prop_map(View::Summary),
        (
            many(quote(), 12),
            page(),
            any::<bool>(),
            opt(),
            many(candidate(), 10),
            many(s(), 10),
            opt()
        )
            .prop_map(
                |(quotes, page, more, speaker, candidates, suggestions, typed)| {
                    View::Quotes(
                        QuoteList {
                            quotes,
                            page,
                            more,
                            speaker,
                            candidates,
                            suggestions,
                        },
                        typed,
                    )
                }
            ),
        (
            s(),
            prop_oneof![
                profile().prop_map(|p| EntityLookup::Found {
                    profile: Box::new(p)
                }),
                many(candidate(), 30).prop_map(|candidates| EntityLookup::Ambiguous { candidates }),
                many(candidate(), 30).prop_map(|suggestions| EntityLookup::Unknown { suggestions }),
            ]
        )
            .prop_map(|(n, l)| View::Entity(n, l)),
        (s(), answer(), any::<bool>()).prop_map(|(q, a, more)| View::Answer(q, a, more)),
        (
            many(article(), 30),
            page(),
            any::<bool>(),
            opt(),
            many(s(), 20)
        )
            .prop_map(|(articles, page, more, search, outlets)| {
                // Every article a copy with a long list of outlets: the most a line can grow.
                let notes = articles
                    .iter()
                    .map(|a| {
                        let note = ArticleNote {
                            story: Some(a.id),
                            story_size: outlets.len() + 2,
                            copy_of: Some(a.id),
                            also_published_by: outlets.clone(),
                        };
                        (a.id, note)
                    })
                    .collect();
                View::Articles(
                    ArticleList {
                        articles,
                        page,
                        more,
                        notes,
                    },
                    search,
                )
            }),
        story_view().prop_map(View::Story),
        many(article(), 30).prop_map(View::Sources),
        (
            many((s(), link_status()).boxed(), 30),
            many(summary_view(), 12)
        )
            .prop_map(|(l, s)| View::Ingest(l, s)),
        s().prop_map(View::Error),
        article().prop_map(View::Forgotten),
        many((s(), s()).boxed(), 40).prop_map(View::Help),
    ]
    .boxed()
}

fn check_render(v: View) -> Result<(), TestCaseError> {
    let reply = match &v {
        View::Summary(s) => render::summary(s),
        View::Quotes(l, speaker) => render::quotes(l, speaker.as_deref()),
        View::Entity(name, l) => render::entity(name, l),
        View::Answer(q, a, false) => render::answer(q, a),
        View::Answer(q, a, true) => render::more(q, a),
        View::Articles(l, search) => render::articles(l, search.as_deref()),
        View::Story(v) => render::story(v),
        View::Sources(list) => render::sources(list),
        View::Ingest(links, summaries) => render::ingest_progress(links, summaries),
        View::Error(m) => render::error(m),
        View::Forgotten(a) => render::forgotten(a),
        View::Help(c) => render::help(c),
    };
    let r = reply.fit();
    let content = r.content.as_deref().unwrap_or("");
    ensure!(
        discord_len(content) <= MAX_CONTENT,
        "content of {}",
        discord_len(content)
    );
    let ingest_without_links = matches!(&v, View::Ingest(l, s) if l.is_empty() && s.is_empty());
    ensure!(
        ingest_without_links || !content.trim().is_empty() || !r.embeds.is_empty(),
        "an empty message"
    );
    ensure!(r.embeds.len() <= MAX_EMBEDS, "{} embeds", r.embeds.len());
    let mut total = 0;
    for e in &r.embeds {
        let len = |s: &Option<String>| s.as_deref().map_or(0, discord_len);
        ensure!(len(&e.title) <= MAX_TITLE, "title of {}", len(&e.title));
        ensure!(
            len(&e.description) <= MAX_DESCRIPTION,
            "description of {}",
            len(&e.description)
        );
        ensure!(len(&e.footer) <= MAX_FOOTER, "footer of {}", len(&e.footer));
        ensure!(e.fields.len() <= MAX_FIELDS, "{} fields", e.fields.len());
        for f in &e.fields {
            ensure!(
                discord_len(&f.name) <= MAX_FIELD_NAME,
                "field name of {}",
                discord_len(&f.name)
            );
            ensure!(
                discord_len(&f.value) <= MAX_FIELD_VALUE,
                "field value of {}",
                discord_len(&f.value)
            );
            ensure!(
                !f.name.trim().is_empty() && !f.value.trim().is_empty(),
                "a blank field (Discord refuses it)"
            );
        }
        if let Some(u) = &e.url {
            ensure!(
                url::Url::parse(u).is_ok(),
                "embed link Discord would refuse: {u:?}"
            );
        }
        total += e.total_len();
    }
    ensure!(total <= MAX_EMBED_TOTAL, "embeds total {total}");
    // The builders Discord sees take the same reply without panicking.
    let _ = reply_builders(&r);
    Ok(())
}

fn reply_builders(r: &Reply) -> usize {
    let _ = r.to_poise();
    let _ = r.to_edit();
    let _ = r.to_message();
    let _ = r.to_update();
    r.embeds.len()
}

fuzz_target!(
    fuzz_render,
    fuzz_render_long,
    50,
    30_000,
    view,
    check_render
);
