//! The search box and the index split text into the same words: the tokenizer of
//! `themes/default/static/search.js`, run in Node by `tests/browser/search_tokens.mjs` (no
//! browser), against `lectern::search::tokenize`, word for word, on text in many languages, on
//! every mix of awkward pieces (the index's fast paths against the script's character at a
//! time), and on every character Node's Unicode knows.

use std::process::Command;

use serde_json::{json, Value};

mod common;

/// A sentence or two per language, with the word of each that must come out whole.
const CORPUS: [(&str, &str); 24] = [
    ("हिंदी में खोज काम करनी चाहिए। क्षमा, ज्ञान और श्रद्धा।", "हिंदी"),
    ("বাংলা ভাষায় অনুসন্ধান। কর্মী প্রশিক্ষণ", "প্রশিক্ষণ"),
    ("தமிழ் மொழியில் தேடல். பயிற்சி வகுப்பு", "பயிற்சி"),
    ("การฝึกอบรมพนักงานขาย ภาษาไทย ๒๕๖๗", "ษา"),
    (
        "日本語の検索は、文字の組み合わせで動きます。カタカナ、ひらがな、ｶﾀｶﾅ、人々。",
        "検索",
    ),
    ("中文搜索应该可以找到每一个词。培训课程𠀀𠀁", "培训"),
    ("한국어 검색은 띄어쓰기로 단어를 나눕니다", "검색은"),
    ("البحث باللغة العربية: تَدْرِيب المُوَظَّفِين ٣٤٥", "تَدْرِيب"),
    ("חיפוש בעברית: הַדְרָכָה לעובדים", "הַדְרָכָה"),
    ("Tiếng Việt có dấu: người học, đào tạo", "người"),
    // the same, decomposed (NFD): the same words
    (
        "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t co\u{301} da\u{302}\u{301}u",
        "tiếng",
    ),
    ("Straße, GROSSE Übung, Maße", "straße"),
    ("İSTANBUL'da ılık IĞDIR, Işık", "i\u{307}stanbulda"),
    ("ΛΌΓΟΣ λόγος Ὀδυσσεύς ΣΊΣΥΦΟΣ", "λόγοσ"),
    ("Обучение продавцов: ЁЛКА", "ёлка"),
    ("می‌خواهم یاد بگیرم", "میخواهم"),
    ("ພາສາລາວ ແລະ ພາສາໄທ", "ພາ"),
    ("ភាសាខ្មែរ", "មែ"),
    ("မြန်မာဘာသာ", "ဘာ"),
    ("Unicode文字列と2024年の ﬁnal Ⓐ co\u{ad}ach", "unicode"),
    ("e\u{301}cole ǅemal ǈ Ⅻ ½ ①", "école"),
    ("Don't delegate—coach! A 1:1 in Zürich, 2024.", "dont"),
    ("’tis o’Neil x’ 'a", "oneil"),
    ("ธนาคาร\u{e48}\u{e48} ก\u{e4c}", "\u{e4c}"),
];

/// Every text of up to three of these pieces, and longer ones from a fixed walk through them,
/// each also with room after it (the index reads a short ASCII word at once when 16 bytes
/// follow it).
fn mixes() -> Vec<String> {
    let parts = [
        "Co", "ACH", " ", "a", "don", "’", "'", "t", "İ", "É", "ß", "ǅ", "ﬁ", "1", "٣", "—", ",",
        "\u{a0}", "&", "<", "日本", "x", "हि", "ं", "्", "ภา", "\u{301}", "Σ", "ς", "\u{ad}",
        "\u{200c}", "ー",
    ];
    let mut texts: Vec<String> = vec![String::new()];
    for _ in 0..3 {
        let longer: Vec<String> = (texts.iter())
            .flat_map(|t| parts.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
    }
    let mut seed = 7u64;
    for _ in 0..500 {
        let text = (0..12)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                parts[(seed >> 33) as usize % parts.len()]
            })
            .collect();
        texts.push(text);
    }
    let padded: Vec<String> = texts
        .iter()
        .map(|t| format!("{t}{}", " ".repeat(16)))
        .collect();
    texts.extend(padded);
    texts
}

/// Runs the script's tokenizer on `texts` and on every character: what it wrote.
fn script_words(texts: &[String]) -> Value {
    common::require_tool("node");
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("texts.json"), dir.path().join("words.json"));
    std::fs::write(&input, json!(texts).to_string()).unwrap();
    let out = Command::new("node")
        .arg("tests/browser/search_tokens.mjs")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TEXTS", &input)
        .env("OUT", &output)
        .output()
        .expect("run node");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    println!("{text}");
    assert!(
        out.status.success(),
        "tests/browser/search_tokens.mjs failed:\n{text}"
    );
    serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap()
}

fn strings(words: &Value) -> Vec<String> {
    (words.as_array().unwrap().iter())
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_search_box_and_the_index_make_the_same_words_in_every_script() {
    let mut texts: Vec<String> = CORPUS.iter().map(|(t, _)| t.to_string()).collect();
    texts.extend(mixes());
    let script = script_words(&texts);
    let mut wrong = Vec::new();
    for (text, words) in texts.iter().zip(script["texts"].as_array().unwrap()) {
        let (ours, theirs) = (lectern::search::tokenize(text), strings(words));
        if ours != theirs {
            wrong.push(format!("{text:?}: index {ours:?}, search.js {theirs:?}"));
        }
    }
    let points = script["points"].as_array().unwrap();
    for point in points {
        let c = char::from_u32(point[0].as_u64().unwrap() as u32).unwrap();
        let (ours, theirs) = (
            lectern::search::tokenize(&format!("q{c}{c}z")),
            strings(&point[1]),
        );
        if ours != theirs {
            wrong.push(format!(
                "U+{:04X}: index {ours:?}, search.js {theirs:?}",
                c as u32
            ));
        }
    }
    let shown: Vec<&String> = wrong.iter().take(40).collect();
    assert!(wrong.is_empty(), "{} differences:\n{shown:#?}", wrong.len());
    // Node knows most of Unicode: the comparison covered the scripts in use
    assert!(points.len() > 280_000, "{} characters", points.len());
    for (text, word) in CORPUS {
        let words = lectern::search::tokenize(text);
        assert!(words.iter().any(|w| w == word), "{word:?} not in {words:?}");
    }
}
