//! Full-text queries for PostgreSQL. The query layer writes the small part of FTS5's syntax it
//! needs (quoted phrases, a trailing `*` for a prefix, `AND`, `OR`, `NOT`, parentheses); on
//! PostgreSQL the store reads the same text as a `to_tsquery` expression, so the layer above
//! never learns which engine answers.

/// One piece of an FTS5 query.
#[derive(Debug, PartialEq)]
enum Piece {
    Operand(String),
    Op(&'static str),
    Open,
    Close,
}

/// `"a b" OR "c"*` → `('a' <-> 'b') | 'c':*`. Words are letters and digits only (anything else
/// splits them), so nothing typed can reach `to_tsquery` as syntax.
pub(crate) fn tsquery(fts5: &str) -> String {
    render(&pieces(fts5))
}

fn phrase(text: &str, prefix: bool) -> Option<Piece> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if prefix && i == last {
                format!("'{w}':*")
            } else {
                format!("'{w}'")
            }
        })
        .collect();
    Some(Piece::Operand(if terms.len() == 1 {
        terms[0].clone()
    } else {
        format!("({})", terms.join(" <-> "))
    }))
}

fn pieces(fts5: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = fts5;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let body = &rest[1..];
            let end = body.find('"').unwrap_or(body.len());
            let after = body.get(end + 1..).unwrap_or("");
            let prefix = after.starts_with('*');
            out.extend(phrase(&body[..end], prefix));
            rest = if prefix { &after[1..] } else { after };
        } else if c == '(' || c == ')' {
            out.push(if c == '(' { Piece::Open } else { Piece::Close });
            rest = &rest[1..];
        } else if c.is_whitespace() || c == '*' {
            rest = &rest[c.len_utf8()..];
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == ')')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            match word {
                "OR" => out.push(Piece::Op("|")),
                "AND" => out.push(Piece::Op("&")),
                "NOT" => out.push(Piece::Op("& !")),
                // NEAR(...) groups: read as the words they hold.
                "NEAR" => {}
                _ => out.extend(phrase(word, word.ends_with('*'))),
            }
        }
    }
    out
}

/// Joins pieces, reading two operands side by side as AND and dropping operators left without
/// an operand (a phrase of punctuation only) so the expression always parses.
fn render(pieces: &[Piece]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut depth = 0usize;
    // Whether the last thing written can be followed by an operator.
    let mut operand = false;
    let mut pending: Option<&str> = None;
    for p in pieces {
        match p {
            Piece::Operand(text) => {
                if operand {
                    out.push(pending.take().unwrap_or("&"));
                }
                pending = None;
                out.push(text);
                operand = true;
            }
            Piece::Op(op) => {
                if operand {
                    pending = Some(op);
                }
            }
            Piece::Open => {
                if operand {
                    out.push(pending.take().unwrap_or("&"));
                }
                pending = None;
                out.push("(");
                depth += 1;
                operand = false;
            }
            Piece::Close => {
                if depth == 0 {
                    continue;
                }
                pending = None;
                if out.last() == Some(&"(") {
                    out.pop();
                    // An empty group: drop the operator that led to it too.
                    if matches!(out.last(), Some(&"&" | &"|" | &"& !")) {
                        out.pop();
                    }
                    operand = !out.is_empty() && out.last() != Some(&"(");
                } else {
                    out.push(")");
                    operand = true;
                }
                depth -= 1;
            }
        }
    }
    out.extend(std::iter::repeat_n(")", depth));
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::tsquery;

    #[test]
    fn phrases_operators_and_prefixes() {
        assert_eq!(tsquery("\"gas\""), "'gas'");
        assert_eq!(tsquery("\"gas\" OR \"oil\""), "'gas' | 'oil'");
        assert_eq!(tsquery("\"gas\" \"oil\""), "'gas' & 'oil'");
        assert_eq!(
            tsquery("(\"natural gas\" OR \"lng\") AND (\"exports\")"),
            "( ('natural' <-> 'gas') | 'lng' ) & ( 'exports' )"
        );
        assert_eq!(tsquery("\"expo\"* \"ban\""), "'expo':* & 'ban'");
    }

    #[test]
    fn typed_syntax_stays_text() {
        assert_eq!(tsquery("\"it's\" OR \"&|!\""), "('it' <-> 's')");
        assert_eq!(tsquery("NEAR(\"gas\" exports*"), "( 'gas' & 'exports':* )");
        assert_eq!(tsquery("\"\" OR ()"), "");
        assert_eq!(tsquery("\"a\" OR (\"!\")"), "'a'");
    }
}
