//! End-to-end tests over short news texts written for these tests.

use super::find;

/// (quote, speaker mention, speaker name) for every quote in `text`.
fn run(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    find(text, &[], &[])
        .into_iter()
        .map(|q| {
            (
                q.span.of(text).to_string(),
                q.speaker.as_ref().map(|s| s.mention.of(text).to_string()),
                q.speaker.map(|s| s.name),
            )
        })
        .collect()
}

fn pairs(text: &str) -> Vec<(String, String)> {
    run(text)
        .into_iter()
        .map(|(q, m, _)| (q, m.unwrap_or_default()))
        .collect()
}

fn p(q: &str, m: &str) -> (String, String) {
    (q.to_string(), m.to_string())
}

#[test]
fn tag_after_the_quote() {
    let t = "\"The dam will hold,\" engineer Paula Mendes said on Thursday.";
    assert_eq!(pairs(t), [p("The dam will hold,", "Paula Mendes")]);
}

#[test]
fn inverted_tag_with_apposition() {
    let t = "“Nobody expected the flood,” said Karl Olsen, a retired farmer from the valley.";
    assert_eq!(pairs(t), [p("Nobody expected the flood,", "Karl Olsen")]);
}

#[test]
fn cue_before_the_quote() {
    let t = "Governor Lisa Hale told reporters: \"We are sending every crew we have.\"";
    assert_eq!(
        pairs(t),
        [p("We are sending every crew we have.", "Lisa Hale")]
    );
}

#[test]
fn name_colon_quote() {
    let t = "Hale: \"Stay off the roads tonight.\"";
    assert_eq!(pairs(t), [p("Stay off the roads tonight.", "Hale")]);
}

#[test]
fn fragment_quote_with_title() {
    let t = "Fisheries Minister Tom Abara called the catch limits a \"betrayal of coastal towns.\"";
    assert_eq!(pairs(t), [p("betrayal of coastal towns.", "Tom Abara")]);
}

#[test]
fn one_word_quote_needs_a_cue() {
    let t = "The mayor said the bridge would be \"temporary\" until spring. Critics doubted the \"plan\".";
    assert_eq!(pairs(t), [p("temporary", "The mayor")]);
}

#[test]
fn pronoun_resolves_to_the_named_person() {
    let t = "Chef Marco Bellini opened his third restaurant on Friday.\n\"It took ten years,\" he said.";
    let r = run(t);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].1.as_deref(), Some("he"));
    assert_eq!(r[0].2.as_deref(), Some("Marco Bellini"));
}

#[test]
fn surname_expands_to_full_name() {
    let t = "Council member Rosa Diaz voted no.\n\"The budget is a mirage,\" Diaz said.";
    let r = run(t);
    assert_eq!(r[0].2.as_deref(), Some("Rosa Diaz"));
}

#[test]
fn continuing_speaker_in_the_paragraph() {
    let t = "\"We lost everything,\" said Ines Marle, who runs a bakery. \"The water came in an hour.\"";
    assert_eq!(
        pairs(t),
        [
            p("We lost everything,", "Ines Marle"),
            p("The water came in an hour.", "Ines Marle")
        ]
    );
}

#[test]
fn split_quote_around_the_tag() {
    let t = "\"The vote is close,\" the senator said, \"but we have the numbers.\"";
    assert_eq!(
        pairs(t),
        [
            p("The vote is close,", "the senator"),
            p("but we have the numbers.", "the senator")
        ]
    );
}

#[test]
fn quote_spanning_paragraphs() {
    let t = "Coach Dana Whitfield said: \"We trained for this all year.\n\n\"Nobody on this team gave up,\" she added. \"Not once.\"";
    let r = pairs(t);
    assert_eq!(r[0], p("We trained for this all year.", "Dana Whitfield"));
    assert_eq!(r[1], p("Nobody on this team gave up,", "she"));
    assert_eq!(r[2], p("Not once.", "she"));
}

#[test]
fn continuing_speaker_across_paragraphs() {
    let t = "\"Prices will fall,\" said Omar Haddad, an economist.\n\"But not before spring.\"";
    assert_eq!(
        pairs(t),
        [
            p("Prices will fall,", "Omar Haddad"),
            p("But not before spring.", "Omar Haddad")
        ]
    );
}

#[test]
fn description_and_according_to() {
    let t = "\"Talks have stalled,\" according to a person familiar with the talks. \
             \"The offer stands,\" a company spokeswoman said.";
    let r = pairs(t);
    assert_eq!(r[0].1, "a person familiar");
    assert_eq!(r[1].1, "a company spokeswoman");
}

#[test]
fn nested_single_quotes() {
    let t = "\"He looked at me and said 'not today,' and walked out,\" Mira Stone recalled.";
    assert_eq!(
        pairs(t),
        [p(
            "He looked at me and said 'not today,' and walked out,",
            "Mira Stone"
        )]
    );
}

#[test]
fn unbalanced_marks_never_panic() {
    for t in [
        "\"",
        "He said \"we are done",
        "”odd” \"marks“ everywhere\"",
        "“Ünïcödé ‘text’ — “here",
        "Smith said: \"",
        "\"a\" \"b\" \"c\" \"",
        "„Quelle“ ‟x",
    ] {
        let _ = find(t, &[], &[]);
    }
}

#[test]
fn copyright_line_is_no_speaker() {
    let t = "\"We are open again,\" owner Li Wei said.\n© 2024 Valley Post. All rights reserved.";
    let r = pairs(t);
    assert_eq!(r, [p("We are open again,", "Li Wei")]);
}

#[test]
fn key_quotes_rank_substance_and_demote_duplicates() {
    let t = "\"This is the largest investment in the town's history and it will create jobs,\" Mayor Ana Ruiz said. \
             \"We will see,\" she added. Later Ruiz repeated: \"This is the largest investment in the town's history.\"";
    let q = find(t, &[], &[]);
    assert_eq!(q.len(), 3);
    assert!(q[0].score > q[1].score);
    assert!(q[0].score > q[2].score);
}

#[test]
fn dash_tag_after_the_quote() {
    let t = "“The river gave us everything and then took it back.” ― Hana Brook";
    assert_eq!(
        pairs(t),
        [p(
            "The river gave us everything and then took it back.",
            "Hana Brook"
        )]
    );
}

#[test]
fn transcript_label_owns_the_quotes() {
    let t = "HOST: Critics see it as \"a giveaway to landlords.\" Is it?";
    assert_eq!(pairs(t), [p("a giveaway to landlords.", "HOST")]);
}

#[test]
fn reported_speech_goes_to_the_outer_speaker() {
    let t =
        "Senator Ruth Adler said on Friday that the governor called the plan \"dead on arrival.\"";
    assert_eq!(pairs(t), [p("dead on arrival.", "Ruth Adler")]);
}

#[test]
fn party_affiliation_and_apposition() {
    let t = "\"We need the votes,\" Rep. Ana Cole (D-Ohio), a member of the panel, said Friday.";
    assert_eq!(pairs(t), [p("We need the votes,", "Ana Cole")]);
}

#[test]
fn sentence_subject_for_fragments() {
    let t = "Mayor Ed Lund is promising \"cleaner streets for everyone\" by next summer.";
    assert_eq!(pairs(t), [p("cleaner streets for everyone", "Ed Lund")]);
}

#[test]
fn abbreviated_title_and_prepositional_phrase() {
    let t =
        "\"It rained for a week,\" Mr. Dorn recalled. \"Who pays?\" a farmer in the valley asks.";
    assert_eq!(
        pairs(t),
        [
            p("It rained for a week,", "Dorn"),
            p("Who pays?", "a farmer in the valley")
        ]
    );
}

#[test]
fn cue_right_before_the_quote_wins() {
    let t = "When the judge noted the delay, Kim Soto replied, \"We filed on time.\"";
    assert_eq!(pairs(t), [p("We filed on time.", "Kim Soto")]);
}

#[test]
fn coordinated_clause_has_its_own_speaker() {
    let t = "Press aide Ola Berg did not respond to a request for comment, while \
             district spokeswoman Tia Wells said \"the school will reopen on Monday.\"";
    assert_eq!(
        pairs(t),
        [p("the school will reopen on Monday.", "Tia Wells")]
    );
}

#[test]
fn listener_after_told_is_not_the_speaker() {
    let t = "Coach Lee Park gave a long interview on Monday, telling the radio host that \"we are not done yet.\"";
    assert_eq!(pairs(t), [p("we are not done yet.", "Lee Park")]);
}

#[test]
fn random_mixes_of_marks_and_text_never_panic() {
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "„",
        "‟",
        "″",
        "'",
        "’",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "—",
        "―",
        "(",
        ")",
        "said",
        "Smith",
        "he",
        "Ünï",
        "according",
        "to",
        "the",
        "a",
        "told",
        "Mr.",
        "é",
        "🙂",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..5000 {
        let mut t = String::new();
        for _ in 0..(seed % 40) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            t.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            if seed & (1 << 20) != 0 {
                t.push(' ');
            }
        }
        for q in find(&t, &[], &[]) {
            assert!(t.get(q.span.start..q.span.end).is_some());
            if let Some(s) = q.speaker {
                assert!(t.get(s.mention.start..s.mention.end).is_some());
            }
        }
    }
}

#[test]
fn inverted_tag_with_numbers_and_abbreviations() {
    let t = "\"The levee failed us,\" said 2005 flood survivor Jo Ames. \"Never again,\" said state Del. Ray Cobb.";
    assert_eq!(
        pairs(t),
        [
            p("The levee failed us,", "Jo Ames"),
            p("Never again,", "Ray Cobb")
        ]
    );
}

#[test]
fn news_labels_are_not_speakers() {
    let t = "UPDATE: Union leader Pia Holm is calling the offer \"an insult to every worker.\"";
    assert_eq!(pairs(t), [p("an insult to every worker.", "Pia Holm")]);
}

/// The speaker mention of the only quote in `text`.
fn speaker_of(text: &str) -> String {
    let r = run(text);
    assert_eq!(r.len(), 1, "{r:?}");
    r[0].1.clone().unwrap_or_default()
}

#[test]
fn pronoun_tag_is_the_speaker_not_the_sentence_opener() {
    let t = "Turnout was \"far higher than we hoped for,\" she said.";
    assert_eq!(speaker_of(t), "she");
    let t = "Loyalty, he noted, \"is what keeps this town going.\"";
    assert_eq!(speaker_of(t), "he");
}

#[test]
fn what_she_calls_names_the_subject() {
    let t = "Mayor Ana Ruiz rejected what she calls \"a rushed and careless plan.\"";
    assert_eq!(speaker_of(t), "Ana Ruiz");
}

#[test]
fn participle_takes_the_clause_subject() {
    let t = "On Friday, after weeks of silence, Senator Lena Ward endorsed the bill, saying \"it is time to act.\"";
    assert_eq!(speaker_of(t), "Lena Ward");
    let t = "Ward opened the hearing saying \"nobody here wants a shutdown.\"";
    assert_eq!(speaker_of(t), "Ward");
}

#[test]
fn participle_with_its_own_subject() {
    let t = "The march ended with hundreds of farmers chanting \"save our fields now.\"";
    assert!(speaker_of(t).ends_with("farmers"));
}

#[test]
fn subject_before_several_asides() {
    let t = "Ruiz, during a town hall in Akron, Ohio, said the plan was \"dead on arrival.\"";
    assert_eq!(speaker_of(t), "Ruiz");
}

#[test]
fn participial_opener_is_not_the_subject() {
    let t = "Kicking off her tour in Dayton, Ward promised \"a fair deal for every worker.\"";
    assert_eq!(speaker_of(t), "Ward");
    let t = "Recently she wrote that the council had \"lost its way completely.\"";
    assert_eq!(speaker_of(t), "she");
}

#[test]
fn relative_pronoun_speaker_resolves_to_its_antecedent() {
    let t = "The bill was backed by Tom Reyes, who called it \"a lifeline for small towns.\"";
    let r = run(t);
    assert_eq!(r[0].1.as_deref(), Some("who"));
    assert_eq!(r[0].2.as_deref(), Some("Tom Reyes"));
}

#[test]
fn relative_clause_cue_keeps_the_named_speaker() {
    let t =
        "\"We will win this,\" said Ana Ruiz, who said she was pleased. \"The count is clear.\"";
    assert_eq!(
        pairs(t),
        [
            p("We will win this,", "Ana Ruiz"),
            p("The count is clear.", "Ana Ruiz")
        ]
    );
}

#[test]
fn cue_word_after_a_determiner_is_a_noun() {
    let t = "\"Thank you for standing with us,\" read the email.";
    assert_eq!(speaker_of(t), "the email");
}

#[test]
fn as_someone_put_it() {
    let t = "As the coach put it, \"defense wins every title.\"";
    assert_eq!(speaker_of(t), "the coach");
    let t = "As Lena Ward puts it, the council \"has run out of excuses.\"";
    assert_eq!(speaker_of(t), "Lena Ward");
}

#[test]
fn capitalised_modifiers_stay_in_a_description() {
    let t = "As the Harbor Times newspaper noted on Monday, the mayor \"has few allies left.\"";
    assert_eq!(speaker_of(t), "the Harbor Times newspaper");
}

#[test]
fn according_to_after_the_cue_is_not_the_speaker() {
    let t = "Ana Ruiz said that according to her count, the plan \"still lacks eleven votes.\"";
    assert_eq!(speaker_of(t), "Ana Ruiz");
}

#[test]
fn subordinate_clause_subject_does_not_speak_on() {
    let t = "\"We did our part,\" Ruiz said after she called the governor. \"Now it is his turn.\"";
    assert_eq!(
        pairs(t),
        [
            p("We did our part,", "Ruiz"),
            p("Now it is his turn.", "Ruiz")
        ]
    );
}

#[test]
fn weak_cue_nouns_do_not_speak_on() {
    let t = "\"Stay home tonight,\" Ruiz said as coastal states issued warnings. \"The roads are closed.\"";
    assert_eq!(
        pairs(t),
        [
            p("Stay home tonight,", "Ruiz"),
            p("The roads are closed.", "Ruiz")
        ]
    );
}

#[test]
fn colon_paragraph_introduces_the_next_quote() {
    let t = "The union leader then listed the demands:\n\n\"Higher pay, safer shifts and a signed contract by June.\"";
    assert_eq!(speaker_of(t), "The union leader");
}

#[test]
fn scare_quotes_are_listed_but_never_key() {
    let t = "Mayor Ana Ruiz said the deal was \"fake news\" and added: \"We will not sign anything this year.\"";
    let q = find(t, &[], &[]);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].score, 0.0);
    assert!(q[1].score > 0.0);
    assert!(!super::is_statement("fake news"));
    assert!(super::is_statement("We will not sign"));
}

#[test]
fn cue_noun_after_a_modifier_is_no_speech() {
    let t =
        "\"We need every volunteer,\" Ruiz wrote in a fundraising email. \"The count starts now.\"";
    assert_eq!(
        pairs(t),
        [
            p("We need every volunteer,", "Ruiz"),
            p("The count starts now.", "Ruiz")
        ]
    );
}

#[test]
fn time_phrase_opener_is_not_the_subject() {
    let t = "Hours later, she issued a statement urging calm \"until every ballot is counted.\"";
    assert_eq!(speaker_of(t), "she");
}

#[test]
fn signature_line_names_the_quotes_above() {
    let t = "\"Every vote will be counted, and every voter will be heard.\"\n\n- Ana Ruiz.\n\nThe count went on.";
    assert_eq!(speaker_of(t), "Ana Ruiz");
}

#[test]
fn according_to_closing_the_sentence_is_the_source() {
    let t = "\"The count was fair,\" Ruiz said at the hearing, according to the Harbor Gazette.";
    assert_eq!(speaker_of(t), "Harbor Gazette");
    // A quote that closes its sentence keeps its own tag.
    let t = "Ruiz asked for \"a full recount.\" Ward will testify, according to an aide.";
    assert_eq!(speaker_of(t), "Ruiz");
}

#[test]
fn tag_after_the_rest_of_the_clause() {
    let t = "Voters had \"run out of patience\" with the council, she said in a radio interview.";
    assert_eq!(speaker_of(t), "she");
}

#[test]
fn full_name_before_a_colon() {
    let t = "The result did not surprise county pollster Dana Whitfield: \"Turnout always drops in March.\"";
    assert_eq!(speaker_of(t), "Dana Whitfield");
    // After `told`, the name before the colon is the listener.
    let t = "Ward later Thursday told Channel Nine: \"We are not leaving the table.\"";
    assert_ne!(speaker_of(t), "Channel Nine");
}

#[test]
fn relative_clause_cue_yields_to_the_main_verb() {
    let t = "Ward, who questioned the audit last year, said Friday that the report \"changes nothing at all.\"";
    assert_eq!(speaker_of(t), "Ward");
}

#[test]
fn more_cue_verbs() {
    let t = "\"Get back to your seat,\" Ward barked at the reporter.";
    assert_eq!(speaker_of(t), "Ward");
}

#[test]
fn pointed_out_is_a_cue() {
    let t = "As the Harbor Gazette pointed out, \"the vote came after midnight.\"";
    assert_eq!(speaker_of(t), "Harbor Gazette");
}

#[test]
fn participle_after_a_when_clause_takes_its_pronoun() {
    let t =
        "Ward changed her tune when she opened the plant, calling it \"the best day of my term.\"";
    assert_eq!(speaker_of(t), "she");
}

#[test]
fn cue_noun_after_an_adjective_and_a_determiner() {
    let t = "Ward repeated her well-worn campaign promise on Friday, telling voters \"taxes will not rise.\"";
    assert_eq!(speaker_of(t), "Ward");
}

#[test]
fn pronoun_tag_repeating_the_speaking_subject() {
    let t = "Ruiz said she backed the plan because \"nobody else offered one,\" she said.";
    assert_eq!(speaker_of(t), "Ruiz");
    // A subject that does not speak leaves the tag's pronoun.
    let t = "Ruiz backed the plan because \"nobody else offered one,\" she said.";
    assert_eq!(speaker_of(t), "she");
}

#[test]
fn more_speech_verbs_in_tags() {
    let t = "\"We kept the school open all winter,\" Principal Ada Moreno remembered.";
    assert_eq!(speaker_of(t), "Ada Moreno");
    let t = "\"The line is longer every week,\" the volunteer went on.";
    assert_eq!(speaker_of(t), "the volunteer");
    let t = "\"Not one more cut,\" Ben Ito shot back.";
    assert_eq!(speaker_of(t), "Ben Ito");
    let t = "Senator Rui Lam elaborated: \"We need the bridge before the school.\"";
    assert_eq!(speaker_of(t), "Rui Lam");
    let t = "The memo goes on to say: \"Every office closes at noon on Friday.\"";
    assert_eq!(speaker_of(t), "The memo");
}

#[test]
fn participle_cue_continues_the_clause() {
    let t = "The transit board released a statement on Monday, offering \"a full refund to every rider.\"";
    assert!(speaker_of(t).ends_with("transit board"));
}

#[test]
fn long_introductory_phrase_before_the_subject() {
    let t = "After the committee spent three long weeks reviewing every single invoice the \
             contractor had submitted since the spring, Mayor Ana Ruiz ordered \"a full review \
             of every contract.\"";
    assert_eq!(speaker_of(t), "Ana Ruiz");
}

#[test]
fn inverted_tag_belongs_to_the_quote_before_it() {
    let t = "\"We are ready,\" said Omar Haddad, the union's organizer, who added that members \
             would strike \"as long as it takes.\"";
    assert_eq!(
        pairs(t),
        [
            p("We are ready,", "Omar Haddad"),
            p("as long as it takes.", "who")
        ]
    );
}

#[test]
fn outer_source_carries_on_to_the_next_quote() {
    let t = "\"The river is rising,\" the captain said, according to the harbor office. \
             \"Move the boats now.\"";
    assert_eq!(
        pairs(t),
        [
            p("The river is rising,", "the harbor office"),
            p("Move the boats now.", "the harbor office")
        ]
    );
}

#[test]
fn according_to_without_a_comma() {
    let t = "\"The river is rising,\" the captain said in a radio message according to the \
             harbor office.";
    assert_eq!(speaker_of(t), "the harbor office");
}

#[test]
fn opening_according_to_names_the_source() {
    let t = "According to the harbor office, the captain said \"the river is rising fast.\"";
    assert_eq!(speaker_of(t), "the harbor office");
}

#[test]
fn a_verb_ends_a_determiner_subject() {
    // `This prompted` is no speaker phrase.
    let t = "This prompted a \"full review of every contract.\"";
    assert_eq!(run(t)[0].1, None);
}

#[test]
fn cue_in_a_trailing_subordinate_clause() {
    let t = "Host Rita Obi questioned the governor at length, when she claimed the plan was \
             \"already fully funded.\"";
    assert_eq!(speaker_of(t), "she");
    // A that-clause stays with the reporting verb.
    let t = "Host Rita Obi said that the governor called the plan \"already fully funded.\"";
    assert_eq!(speaker_of(t), "Rita Obi");
}

#[test]
fn standalone_quote_after_a_narration_sentence() {
    let t = "Mayor Ruth Adler toured the flooded streets on Monday. \"We will rebuild every \
             house on this block.\"";
    assert_eq!(speaker_of(t), "Ruth Adler");
    let t = "Mayor Ruth Adler toured the flooded streets on Monday.\n\n\"We will rebuild every \
             house on this block.\"";
    assert_eq!(speaker_of(t), "Ruth Adler");
}

#[test]
fn a_new_sentence_after_a_closing_quote_is_no_tag() {
    // `Governor Ana Cole said later that …` is a sentence of its own, not the quote's tag.
    let t = "\"The levee held,\" Mayor Ruth Adler said. \"We will rebuild every house.\" Governor \
             Ana Cole said later that she would ask the state for money to repair the roads.";
    assert_eq!(pairs(t)[1], p("We will rebuild every house.", "Ruth Adler"));
    // A short tag after a closing quote still names its speaker.
    let t = "\"We will rebuild every house.\" Governor Ana Cole said on Monday.";
    assert_eq!(speaker_of(t), "Ana Cole");
}

#[test]
fn cue_before_beats_a_tag_after_the_rest_of_the_clause() {
    let t = "While Mayor Ruth Adler said the budget was \"badly out of balance\" last year, she \
             said the new plan would fix it.";
    assert_eq!(speaker_of(t), "Ruth Adler");
}

#[test]
fn second_quote_of_a_sentence_keeps_the_cue_of_the_first() {
    let t = "Late on Friday, the harbour plan, Mayor Ana Ruiz said, was \"a promise kept\" and \
             \"the start of a new waterfront.\"";
    assert_eq!(
        pairs(t),
        [
            p("a promise kept", "Ana Ruiz"),
            p("the start of a new waterfront.", "Ana Ruiz")
        ]
    );
}

#[test]
fn programme_titles_are_no_quotes() {
    let t = "Speaking on KTV's \"Morning Coffee Hour,\" Senator Jo Park said the levy was \
             \"a tax on commuters.\" She repeated it on \"Town Hall Tonight\" later.";
    assert_eq!(pairs(t), [p("a tax on commuters.", "Jo Park")]);
    // The name of a campaign or an event after `the` is no quote either.
    let t =
        "Mayor Ana Ruiz launched the \"Clean Harbour Now\" drive and called it \"long overdue.\"";
    assert_eq!(pairs(t), [p("long overdue.", "Ana Ruiz")]);
}

#[test]
fn a_cue_opening_its_own_clause_is_no_tag_of_the_quote_before() {
    let t = "Senator Tom Abara would not comment on the \"plans for the new pier.\" \
             Ruiz says she has not seen them.";
    assert_eq!(pairs(t), [p("plans for the new pier.", "Tom Abara")]);
}

#[test]
fn participle_after_a_parenthetical_cue_continues_its_speaker() {
    let t = "The pier will open in May, Ana Ruiz said, adding, \"We are ready for the crowds.\"";
    assert_eq!(pairs(t), [p("We are ready for the crowds.", "Ana Ruiz")]);
}

#[test]
fn possessor_of_a_speech_noun_speaks() {
    let t = "The council came under fire over her remark that \"the budget is already spent.\"";
    assert_eq!(pairs(t), [p("the budget is already spent.", "her")]);
    // A verdict on the words is not their content.
    let t = "Critics said Governor Lisa Hale's comments were \"plainly untrue\" on Monday.";
    assert_eq!(pairs(t), [p("plainly untrue", "Critics")]);
}

#[test]
fn restrictive_who_before_a_cue_speaks() {
    let t = "The plan drew fire from farmers who said it would \"ruin the valley for good.\"";
    assert_eq!(pairs(t), [p("ruin the valley for good.", "who")]);
}

#[test]
fn a_cue_verb_counts_in_every_regular_form() {
    // Only `cautioned` and `yelled` are listed.
    let t = "At the market on Sunday, Ana Ruiz cautions that the levy is \"a tax on commuters.\"";
    assert_eq!(pairs(t), [p("a tax on commuters.", "Ana Ruiz")]);
    let t = "The crowd booed, with Tom Abara yelling: \"Go home, all of you!\"";
    assert_eq!(pairs(t), [p("Go home, all of you!", "Tom Abara")]);
}

#[test]
fn according_to_after_a_question_tag_and_the_newspaper_name() {
    let t = "\"Is this the best we can do?\" Ruiz asked at the hearing, according to the Harbor Gazette.";
    assert_eq!(speaker_of(t), "Harbor Gazette");
    let t = "\"The count was fair,\" Ruiz said, according to the Times.";
    assert_eq!(speaker_of(t), "Times");
}

#[test]
fn middle_initial_stays_in_the_name() {
    let t = "FERRY FARES GO UP - Ana M. Ruiz: \"The new prices start on Monday.\"";
    assert_eq!(speaker_of(t), "Ana M. Ruiz");
}

#[test]
fn short_quote_with_a_borrowed_speaker_is_dropped() {
    // The scare quote's sentence names no speaker: it would borrow Ruiz from the paragraph.
    let t = "\"We will reopen the pier in May,\" Ana Ruiz said. For the ferry crews, a \"bold gamble\" at best.";
    assert_eq!(pairs(t), [p("We will reopen the pier in May,", "Ana Ruiz")]);
    // A short quote attributed in its own sentence stays.
    let t = "Ruiz called the plan a \"bold gamble\" on Monday.";
    assert_eq!(pairs(t), [p("bold gamble", "Ruiz")]);
    // So does one sharing its sentence with an attributed quote.
    let t = "\"Bold gamble\" and \"sound bet\" were both fair, Ruiz said.";
    assert_eq!(pairs(t).len(), 2);
    // A short quote standing as its own sentence is speech, not a scare quote.
    let t = "\"We will reopen the pier,\" Ruiz said. \"Not before May.\"";
    assert_eq!(pairs(t)[1], p("Not before May.", "Ruiz"));
}

#[test]
fn dateline_is_no_subject() {
    let t = "HARBOR CITY, May 2 (Wire) — The port authority opened the new terminal, promising \"shorter queues for every ferry.\"";
    assert_eq!(
        pairs(t),
        [p("shorter queues for every ferry.", "The port authority")]
    );
}

#[test]
fn place_after_an_opener_comma_is_part_of_the_opener() {
    let t = "Speaking at a fair in Salem, New Hampshire, Ruiz went after the levy, calling it \"a tax on the poor.\"";
    assert_eq!(pairs(t), [p("a tax on the poor.", "Ruiz")]);
    // An apposition after the opener is not skipped when no subject follows it.
    let t = "In Salem, Ruiz, the mayor, called the levy \"a tax on the poor.\"";
    assert_eq!(pairs(t), [p("a tax on the poor.", "Ruiz")]);
}

#[test]
fn tag_closing_the_sentence_after_the_clause() {
    // Inverted, after the rest of the clause: the subject is talked about, not the speaker.
    let t = "Moreno \"ran a clean race\" in the county, said election analyst Rita Vance.";
    assert_eq!(pairs(t), [p("ran a clean race", "Rita Vance")]);
    let t = "The harbour plan signals \"a new start\" for the fleet, the union says.";
    assert_eq!(pairs(t), [p("a new start", "the union")]);
    // A quote opening its sentence, its tag after a stretch of the sentence.
    let t = "\"We expect a late surge\" among younger voters, says pollster Ian Moss.";
    assert_eq!(pairs(t), [p("We expect a late surge", "Ian Moss")]);
}

#[test]
fn tag_closing_the_sentence_keeps_the_cue_before_the_quote() {
    // A cue before the quote names its speaker; `told` is followed by the listener.
    let t = "Moreno called it \"a clean race\" on Sunday, the paper reported.";
    assert_eq!(pairs(t), [p("a clean race", "Moreno")]);
    let t = "\"Nobody saw it coming\" Lena Ortiz, who runs the shelter, told the Courier.";
    assert_eq!(pairs(t), [p("Nobody saw it coming", "Lena Ortiz")]);
}

#[test]
fn a_participle_after_the_quote_is_no_tag() {
    // The words after the quote go on with the sentence; its subject said them.
    let t = "Tired, Vance said she \"cannot finish a meal\" without fans asking for a photo.";
    assert_eq!(pairs(t), [p("cannot finish a meal", "Vance")]);
}

#[test]
fn speaker_mention_stops_before_where_they_are_from() {
    let t = "\"The road floods every spring,\" said Nora Lind of Eastport.";
    assert_eq!(pairs(t), [p("The road floods every spring,", "Nora Lind")]);
    let t = "\"We will rebuild the pier,\" said Sen. Tom Hale of Maine, a Democrat.";
    assert_eq!(pairs(t), [p("We will rebuild the pier,", "Tom Hale")]);
    // After a single capitalised word, `of` stays inside the name.
    let t = "\"We are ready for it,\" said Bank of Eastport spokeswoman Ana Ruiz.";
    assert_eq!(pairs(t), [p("We are ready for it,", "Ana Ruiz")]);
}

#[test]
fn a_determiner_can_stand_for_the_speaker() {
    let t = "Fans lined the street.\n\n\"Best day of the year,\" said one of the organisers.\n\n\"We waited since dawn,\" shouted another.";
    assert_eq!(
        pairs(t),
        [
            p("Best day of the year,", "one"),
            p("We waited since dawn,", "another")
        ]
    );
}

#[test]
fn descriptions_with_numbers_and_noun_cues() {
    let t = "Ruiz spoke first.\n\n\"Why would anyone vote for this?\" the 52-year-old asked in the caption.";
    assert_eq!(pairs(t)[0].1, "the 52-year-old");
    // `report` is a cue verb, but after `the audit` it is the speaker's noun.
    let t =
        "Ruiz spoke first.\n\n\"The agency failed to guard its systems,\" the audit report said.";
    assert_eq!(pairs(t)[0].1, "the audit report");
}

#[test]
fn a_tag_with_a_verb_the_cue_list_lacks() {
    let t = "Cole spoke first.\n\n“We will not back down!” beamed Lena Ortiz of Eastport.\n\nCole spoke first.\n\n“We will keep fighting,” an angry Ruiz retaliated.";
    assert_eq!(
        pairs(t),
        [
            p("We will not back down!", "Lena Ortiz"),
            p("We will keep fighting,", "Ruiz")
        ]
    );
    // Inside a sentence the verb after a quote is the sentence's own (`thanked Cole`).
    let t =
        "Ortiz, star of the show “Night Shift,” thanked Cole for “keeping us all safe tonight.”";
    assert!(run(t).iter().all(|(_, m, _)| m.as_deref() != Some("Cole")));
}

#[test]
fn a_name_after_the_article_is_the_subject() {
    // `Daily` is no adverb here: the paper is the sentence's subject and speaks.
    let t = "The Daily Courier focuses on the cost of the new bridge: “It will take ten years to pay it off.”";
    assert_eq!(
        pairs(t),
        [p("It will take ten years to pay it off.", "Daily Courier")]
    );
}

#[test]
fn openers_of_place_and_time_are_skipped() {
    let t = "Here in Dayton, Mayor Ana Ruiz opened the session, saying “We will fix the roads this year.”";
    assert_eq!(
        pairs(t),
        [p("We will fix the roads this year.", "Ana Ruiz")]
    );
    let t = "Early in the race, Cole attacked Ruiz, calling her “a failed mayor.”";
    assert_eq!(pairs(t), [p("a failed mayor.", "Cole")]);
    let t = "Shortly after the vote, the union sent out a note saying the deal “fails every worker in the plant.”";
    assert_eq!(
        pairs(t),
        [p("fails every worker in the plant.", "the union")]
    );
}

#[test]
fn the_agent_of_a_passive_cue_speaks() {
    let t = "Cole was asked by radio host Ana Ruiz, who backs his rival, “Will you run again next year?”";
    assert_eq!(pairs(t), [p("Will you run again next year?", "Ana Ruiz")]);
}

#[test]
fn an_expletive_subject_is_no_speaker() {
    // `There's` opens the sentence but says nothing; `it` standing for a body does.
    let t =
        "There’s still time for Cole to mend fences after dismissing them as the “Harbor cartel.”";
    assert!(
        run(t)
            .iter()
            .all(|(_, m, _)| m.as_deref() != Some("There’s"))
    );
    let t = "The board did not name Cole. It cited “serious lapses in oversight.”";
    assert_eq!(pairs(t), [p("serious lapses in oversight.", "It")]);
}

#[test]
fn titles_after_in_told_and_song_words_are_no_quotes() {
    let t = "Ruiz, who starred in “The Long Harbor,” told “Morning Desk” that the band’s anthem “Keep the Lights On” will open the fair.";
    assert_eq!(run(t), []);
    // A sentence quoted after `in` is still a quote.
    let t = "Cole said in “a few words, we will win this” fashion.";
    assert_eq!(pairs(t).len(), 1);
}
