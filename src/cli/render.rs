//! Short, readable terminal output for the stored-article commands.

use newsdesk::ingest::Ingested;
use newsdesk::model::ArticleRef;
use newsdesk::query::{Answer, ArticleList, EntityLookup, QuoteList, SummaryView};

fn cite(a: &ArticleRef) -> String {
    let mut parts = vec![format!("#{} {}", a.id, a.display_title())];
    if let Some(site) = &a.site {
        parts.push(site.clone());
    }
    if let Some(date) = &a.published {
        parts.push(date.get(..10).unwrap_or(date).to_string());
    }
    parts.join(" · ")
}

pub fn ingested(source: &str, outcome: &Ingested) {
    match outcome {
        Ingested::Stored { article, summary } => {
            out!(
                "{} stored as #{}: {}",
                source,
                article.id,
                article.display_title()
            );
            for s in summary {
                out!("  {s}");
            }
        }
        Ingested::Duplicate { article } => out!("{source} is already stored as #{}", article.id),
    }
}

pub fn articles(list: &ArticleList) {
    if list.articles.is_empty() {
        out!("No articles.");
    }
    for a in &list.articles {
        out!("{}", cite(a));
        if let Some(note) = list.notes.get(&a.id) {
            out!("    {}", note_text(note));
        }
    }
    if list.more {
        out!("(more: --page {})", list.page.index + 2);
    }
}

pub fn stories(stories: &[newsdesk::store::StoryRow]) {
    if stories.is_empty() {
        out!("No stories.");
    }
    for s in stories {
        let ids: Vec<String> = s.articles.iter().map(|a| format!("#{a}")).collect();
        out!("story {}: {}", s.id, ids.join(" "));
    }
}

pub fn story(view: &newsdesk::query::story::StoryView) {
    out!("{}", view.headline);
    out!("");
    for a in &view.articles {
        let date = a.article.published.as_deref().unwrap_or("undated");
        let copy = a
            .copy_of
            .map(|o| format!(" (copy of #{o})"))
            .unwrap_or_default();
        out!("  #{} {} · {}{}", a.article.id, a.outlet, date, copy);
    }
    if view.more_articles > 0 {
        out!("  … and {} more", view.more_articles);
    }
    if !view.summary.is_empty() {
        out!("");
        out!("Summary:");
        for l in &view.summary {
            out!("• {} [#{}]", l.text, l.article);
        }
    }
    if !view.quoted.is_empty() {
        out!("");
        out!("Quoted:");
        for q in &view.quoted {
            out!("• {} in {}: “{}”", q.speaker, q.outlets.join(", "), q.quote);
        }
    }
    if !view.exclusive.is_empty() {
        out!("");
        out!("Only one outlet reports:");
        for l in &view.exclusive {
            out!("• {}: {} [#{}]", l.outlet, l.text, l.article);
        }
    }
}

/// "copy of #3 · also published by … · story 4 (3 articles)".
fn note_text(n: &newsdesk::query::ArticleNote) -> String {
    let mut parts = Vec::new();
    if let Some(o) = n.copy_of {
        parts.push(format!("copy of #{o}"));
    }
    if !n.also_published_by.is_empty() {
        parts.push(format!(
            "also published by {}",
            n.also_published_by.join(", ")
        ));
    }
    if let Some(s) = n.story.filter(|_| n.story_size > 1) {
        parts.push(format!(
            "one of {} articles on a story (newsdesk story {s})",
            n.story_size
        ));
    }
    parts.join(" · ")
}

pub fn summary(view: &SummaryView) {
    out!("{}", cite(&view.article));
    if let Some(url) = &view.article.url {
        out!("{url}");
    }
    out!("");
    for s in &view.sentences {
        out!("• {s}");
    }
}

pub fn quotes(list: &QuoteList) {
    if let Some(name) = &list.speaker {
        out!("Quotes by {name}:");
    }
    if !list.candidates.is_empty() {
        let names: Vec<String> = list
            .candidates
            .iter()
            .map(|c| format!("{} ({})", c.name, count(c.articles, "article")))
            .collect();
        out!(
            "Several match that name: {}; give a full name for only theirs.",
            names.join(", ")
        );
    }
    if list.quotes.is_empty() {
        out!("No quotes.");
    }
    if !list.suggestions.is_empty() {
        out!("Did you mean: {}?", list.suggestions.join(", "));
    }
    for q in &list.quotes {
        let who = q.speaker.as_deref().unwrap_or("unattributed");
        out!(
            "\u{201c}{}\u{201d} \u{2014} {who} ({})",
            q.text,
            cite(&q.article)
        );
    }
    if list.more {
        out!("(more: --page {})", list.page.index + 2);
    }
}

pub fn entity(lookup: &EntityLookup) {
    match lookup {
        EntityLookup::Found { profile: p } => {
            if let Some(typed) = &p.matched_from {
                out!("(no exact match for \u{201c}{typed}\u{201d}; closest name shown)");
            }
            out!("{} ({})", p.name, p.kind.as_str());
            if !p.roles.is_empty() {
                out!("Roles: {}", p.roles.join("; "));
            }
            if !p.aliases.is_empty() {
                out!("Also: {}", p.aliases.join(", "));
            }
            out!(
                "{} in {}",
                count(p.mentions, "mention"),
                count(p.articles, "article")
            );
            if let (Some(first), Some(last)) = (&p.first_seen, &p.last_seen) {
                out!("Seen {first} … {last}");
            }
            if !p.related.is_empty() {
                let related: Vec<String> = p
                    .related
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.articles))
                    .collect();
                out!("Often with: {}", related.join(", "));
            }
            for q in &p.quotes {
                out!("\u{201c}{}\u{201d} ({})", q.text, cite(&q.article));
            }
            for m in &p.latest {
                out!("- {} ({})", m.sentence, cite(&m.article));
            }
        }
        EntityLookup::Ambiguous { candidates } => {
            out!("Several match:");
            for c in candidates {
                out!(
                    "  {} ({}, {})",
                    c.name,
                    c.kind.as_str(),
                    count(c.articles, "article")
                );
            }
        }
        EntityLookup::Unknown { suggestions } => {
            out!("Nobody by that name in the stored articles.");
            if !suggestions.is_empty() {
                let names: Vec<&str> = suggestions.iter().map(|c| c.name.as_str()).collect();
                out!("Did you mean: {}?", names.join(", "));
            }
        }
    }
}

pub fn answer(answer: &Answer) {
    if !answer.found() {
        out!(
            "{} Try `newsdesk articles --search WORDS` or `newsdesk entity NAME`.",
            answer.lead_in
        );
        return;
    }
    if let Some(short) = &answer.answer {
        out!("Answer: {}", short.text);
    }
    out!("{}", answer.lead_in);
    if let Some(text) = &answer.rephrased {
        out!("{text}");
    }
    for (i, c) in answer.sources.iter().enumerate() {
        out!("[{}] {}", i + 1, c.sentence);
        out!(
            "    {}{}",
            cite(&c.article),
            c.article
                .url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default()
        );
    }
}

pub fn candidates(ranked: &[newsdesk::query::Ranked]) {
    out!("\ncandidates (score: features):");
    for r in ranked {
        let f = serde_json::to_string(&r.features).unwrap_or_default();
        out!(
            "{:>6.3} #{}:{} {}\n        {f}",
            r.score,
            r.article_id,
            r.idx,
            r.sentence
        );
    }
}

pub fn bench(r: &newsdesk::bench::store::BenchReport) {
    out!(
        "{} articles ({} generated in {:.1} s); store {:.1} MB, {:.0} bytes/article",
        r.articles,
        r.generated,
        r.generate_secs,
        r.db_bytes as f64 / 1e6,
        r.bytes_per_article
    );
    if let Some(cold) = r.cold_first_call_ms {
        out!(
            "warm-up (untimed): {:.1} s; its first entity lookup + question (cold): {cold:.1} ms",
            r.warm_up_secs
        );
    }
    out!(
        "{:<20} {:>6} {:>9} {:>9} {:>9}",
        "operation",
        "calls",
        "p50 ms",
        "p99 ms",
        "max ms"
    );
    for o in &r.ops {
        out!(
            "{:<20} {:>6} {:>9.2} {:>9.2} {:>9.2}",
            o.op,
            o.calls,
            o.p50_ms,
            o.p99_ms,
            o.max_ms
        );
    }
    if let Some(rate) = r.ingest_articles_per_sec {
        let writers = r.writers;
        out!("ingest (extract + analyse + store, {writers} at once): {rate:.0} articles/s");
        if let Some((user, system)) = r.ingest_cpu_ms {
            out!("ingest CPU per article: {user:.2} ms user + {system:.2} ms system");
        }
    }
}

pub fn soak(r: &newsdesk::bench::soak::SoakReport) {
    let mib = |m: Option<newsdesk::bench::soak::Memory>| {
        m.map_or("?".to_string(), |m| {
            format!("{:.0}/{:.0}/{:.0}", m.rss_mib, m.anon_mib, m.peak_mib)
        })
    };
    out!(
        "soak: {} rounds in {:.0} s; resident/anonymous/peak MiB at start {}",
        r.rounds.len(),
        r.seconds,
        mib(r.start)
    );
    let Some(first) = r.rounds.first() else {
        return;
    };
    let mut head = format!(
        "{:>6} {:>8} {:>9} {:>13}",
        "round", "ingests", "queries", "rss/anon/peak"
    );
    for o in &first.ops {
        head.push_str(&format!(" {:>10}", short_op(&o.op)));
    }
    out!("{head}   (p99 ms)");
    for (k, round) in r.rounds.iter().enumerate() {
        let mut line = format!(
            "{:>6} {:>8} {:>9} {:>13}",
            k + 1,
            round.ingests,
            round.queries,
            mib(round.memory)
        );
        for o in &round.ops {
            line.push_str(&format!(" {:>10.2}", o.p99_ms));
        }
        out!("{line}");
    }
    if let Some(g) = r.anon_growth_after_warm_mib {
        out!("anonymous memory growth after the first round: {g:+.1} MiB");
    }
}

/// A column title for an operation: its first word and flag.
fn short_op(op: &str) -> String {
    match op {
        "quotes <article>" => "quotes".into(),
        "quotes --speaker" => "speaker".into(),
        "articles --search" => "search".into(),
        "names (autocomplete)" => "names".into(),
        other => other.chars().take(10).collect(),
    }
}

/// `1 article`, `2 articles`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
