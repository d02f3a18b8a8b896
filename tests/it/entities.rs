//! Entities on the seed article: the people, places and organisations it names, with roles.

use newsdesk::analysis::{Entity, EntityKind, analyze};

use crate::support::shared_or_skip;

fn seed_entities() -> Option<Vec<Entity>> {
    let dir = shared_or_skip("entities on the seed")?.join("seeds");
    let path = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))?;
    let text = std::fs::read_to_string(path).ok()?;
    Some(analyze(&text, 3).entities)
}

fn get<'a>(es: &'a [Entity], name: &str, kind: EntityKind) -> &'a Entity {
    es.iter()
        .find(|e| e.name == name && e.kind == kind)
        .unwrap_or_else(|| {
            panic!(
                "no {kind:?} {name:?} among {:?}",
                es.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

#[test]
fn seed_people_with_roles() {
    let Some(es) = seed_entities() else { return };
    let putin = get(&es, "Vladimir Putin", EntityKind::Person);
    assert!(putin.aliases.contains(&"Putin".to_string()));
    assert!(putin.roles.iter().any(|r| r == "Russian President"));
    assert!(putin.mentions.len() >= 5);
    let guterres = get(&es, "Antonio Guterres", EntityKind::Person);
    assert!(guterres.roles.iter().any(|r| r.contains("UN Secretary")));
    get(&es, "Trump", EntityKind::Person);
    assert!(
        get(&es, "Steve Witkoff", EntityKind::Person)
            .roles
            .iter()
            .any(|r| r == "Trump envoy")
    );
    assert!(
        get(&es, "Volodymyr Zelensky", EntityKind::Person)
            .aliases
            .contains(&"Zelensky".to_string())
    );
    assert!(
        get(&es, "Dmitry Peskov", EntityKind::Person)
            .roles
            .iter()
            .any(|r| r == "Kremlin spokesman")
    );
    assert!(
        get(&es, "James Hewitt", EntityKind::Person)
            .roles
            .iter()
            .any(|r| r.ends_with("Spokesman"))
    );
}

#[test]
fn seed_places_and_organisations() {
    let Some(es) = seed_entities() else { return };
    // A seat of government is a place (the recogniser's convention).
    for p in [
        "Moscow", "Ukraine", "Russia", "Kherson", "Vatican", "Kremlin",
    ] {
        get(&es, p, EntityKind::Place);
    }
    for o in ["Bloomberg", "UN", "Truth Social"] {
        get(&es, o, EntityKind::Organization);
    }
    // Demonyms are linked to their place, never counted as one.
    let ukrainian = get(&es, "Ukrainian", EntityKind::Other);
    assert_eq!(ukrainian.roles, ["demonym of Ukraine"]);
    // No entity is made of the copyright line's words.
    assert!(
        !es.iter()
            .any(|e| e.name.contains("Reserved") || e.name.contains("Originally"))
    );
}
