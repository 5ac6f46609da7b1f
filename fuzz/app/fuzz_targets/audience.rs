//! The audience's request decoding and rules: a `Cookie` header (the first line) and a
//! body (the rest) as a participant could send them, decoded and answered against an
//! open question. Nothing panics, and the tally always adds up.
#![no_main]

use std::net::IpAddr;
use std::time::Instant;

use bolwerk::audience::room::{Asking, Room};
use bolwerk::audience::server::{decode_answer, token_in_cookies};
use bolwerk::i18n::{Lang, Localized};
use bolwerk::intent::Choice;
use libfuzzer_sys::fuzz_target;

fn question(options: usize) -> Asking {
    let both = |s: String| -> Localized<String> {
        [(Lang::EN, s.clone()), (Lang::NL, s)].into_iter().collect()
    };
    Asking {
        act: 3,
        ask: both("?".into()),
        options: (0..options)
            .map(|i| Choice {
                words: both(format!("{i}")),
                from: i as f64 / options as f64,
                to: (i + 1) as f64 / options as f64,
            })
            .collect(),
        start: None,
    }
}

fuzz_target!(|data: &[u8]| {
    let (cookie, body) = match data.iter().position(|&b| b == b'\n') {
        Some(k) => (&data[..k], &data[k + 1..]),
        None => (&[][..], data),
    };
    let token = std::str::from_utf8(cookie).ok().and_then(token_in_cookies);
    let Ok((code, raw)) = decode_answer(body) else {
        return;
    };
    for options in [0, 4] {
        let mut room = Room::new("K7P2QX".into(), Lang::EN, 5);
        room.show(3, Lang::EN, Some(question(options)), None, false);
        let now = Instant::now();
        let phone = IpAddr::from([192, 168, 1, 20]);
        let _ = room.answer(phone, token, &code, raw, || Some(1), now);
        let _ = room.answer(phone, None, &code, raw, || Some(2), now);
        let tally = room.tally().expect("a question is open");
        let counted = tally.per_option.iter().sum::<u32>() as usize + tally.numbers.len();
        assert_eq!(counted, tally.count as usize);
        assert!(tally.numbers.iter().all(|x| (0.0..=100.0).contains(x)));
    }
});
