//! The dictionary editor driven headless: an exclusion typed for an actor counts after
//! saving, and an alias the actor already has is not added twice and says so.

use egui_kittest::kittest::Queryable;

use crate::common::{app_on, copy_seeds, idle};

#[test]
fn exclusions_are_edited_in_the_window_and_a_known_alias_is_not_added_twice() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    copy_seeds(&corpus);
    std::fs::write(
        corpus.join("nippon.txt"),
        "Steel\n\nMarch 2, 1987\n\nNippon Steel cut output. Nippon said it would talk to Seoul.\n",
    )
    .unwrap();
    let user_file = dir.path().join("mine.toml");
    let mut harness = app_on(corpus);
    idle(&mut harness);
    let japan = |harness: &egui_kittest::Harness<'static, newslens::app::NewsLensApp>| {
        harness
            .state()
            .actor_rows()
            .iter()
            .find(|a| a.id == "JPN")
            .map_or(0, |a| a.mentions)
    };
    harness.state_mut().open_dictionary_editor();
    harness.run_steps(2);
    harness
        .get_by_label("Find an actor")
        .set_text_value_accesskit("Japan");
    harness.run_steps(2);
    harness.get_by_label_contains("Japan  ·  country").click();
    harness.run_steps(2);

    // "Nippon" as an alias of Japan: added once; the second time the editor says so.
    for _ in 0..2 {
        harness
            .get_by_label("New alias")
            .set_text_value_accesskit("Nippon");
        harness.run_steps(1);
        harness.get_by_label("Add alias").click();
        harness.run_steps(2);
    }
    harness.get_by_label_contains("\"Nippon\" is already an alias of Japan");

    // "Nippon Steel" is no mention of Japan.
    harness
        .get_by_label_contains("Not a mention inside")
        .set_text_value_accesskit("Nippon Steel");
    harness.run_steps(2);
    harness
        .get_by_label("User file")
        .set_text_value_accesskit(user_file.to_str().unwrap());
    harness.run_steps(1);
    harness.get_by_label("Save and apply").click();
    harness.run_steps(2);
    idle(&mut harness);
    assert_eq!(
        japan(&harness),
        1,
        "\"Nippon said\" counts, \"Nippon Steel\" does not"
    );
    let saved = std::fs::read_to_string(&user_file).unwrap();
    assert!(saved.contains("exclude = [\"Nippon Steel\"]"), "{saved}");
}
