//! The audience's request decoding and rules: a `Cookie` header (the first line) and a
//! body (the rest) as a participant could send them, decoded and answered against an
//! open question. Nothing panics, and the tally always adds up.
#![no_main]

use std::net::IpAddr;
use std::time::Instant;

use bolwerk::audience::room::{Asking, Room, Round};
use bolwerk::audience::server::{decode_answer, token_in_cookies};
use bolwerk::i18n::{Lang, Localized};
use bolwerk::intent::organisations::{MAX_EMPLOYEES, size_steps};
use bolwerk::intent::{Choice, Organisations};
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
        organisation: None,
        round: Round::Only,
        entry: 0,
        sketch: Vec::new(),
        sketch_top: 100.0,
        start_share: None,
    }
}

/// A part that asks for the room's organisations, taking a guess.
fn organisations() -> Asking {
    let o = Organisations {
        ask: [(Lang::EN, "?".to_owned())].into_iter().collect(),
        guess: true,
        examples: Vec::new(),
    };
    let predicted = size_steps().map(|n| (n, 0.5)).collect();
    Asking::organisations(3, &o, predicted)
}

fuzz_target!(|data: &[u8]| {
    let (cookie, body) = match data.iter().position(|&b| b == b'\n') {
        Some(k) => (&data[..k], &data[k + 1..]),
        None => (&[][..], data),
    };
    let token = std::str::from_utf8(cookie).ok().and_then(token_in_cookies);
    let Ok((code, sent)) = decode_answer(body) else {
        return;
    };
    // A sketch at four sizes.
    let sketch = Asking {
        sketch: vec![80, 200, 1000, 6000],
        sketch_top: 60.0,
        ..question(0)
    };
    for asking in [question(0), question(4), organisations(), sketch] {
        let mut room = Room::new("K7P2QX".into(), Lang::EN, 5);
        room.show(3, Lang::EN, Some(asking), None, false);
        let now = Instant::now();
        let phone = IpAddr::from([192, 168, 1, 20]);
        let _ = room.answer(phone, token, &code, sent, || Some(1), now);
        let _ = room.answer(phone, None, &code, sent, || Some(2), now);
        let tally = room.tally().expect("a question is open");
        let counted = tally.per_option.iter().sum::<u32>() as usize
            + tally.numbers.len()
            + tally.organisations.len()
            + tally.sketches.len();
        assert_eq!(counted, tally.count as usize);
        assert!(tally.sketches.iter().all(|s| {
            s.points().len() == 4 && s.points().iter().all(|x| (0.0..=100.0).contains(x))
        }));
        assert!(tally.numbers.iter().all(|x| (0.0..=100.0).contains(x)));
        assert!(tally.organisations.iter().all(|o| {
            (1..=MAX_EMPLOYEES).contains(&o.employees)
                && o.guess.is_none_or(|g| (0.0..=100.0).contains(&g))
        }));
    }
    // A question asked twice: the same answers in both rounds pair up, and every
    // count stays within the answers taken.
    let first = Asking {
        round: Round::First,
        ..question(4)
    };
    let mut room = Room::new("K7P2QX".into(), Lang::EN, 5);
    room.show(3, Lang::EN, Some(first.clone()), None, false);
    let now = Instant::now();
    let phone = IpAddr::from([192, 168, 1, 20]);
    let taken = room.answer(phone, token, &code, sent, || Some(1), now).ok();
    room.show(3, Lang::EN, Some(first.clone()), None, true);
    room.show(3, Lang::EN, Some(first.again()), None, false);
    let again = room.answer(phone, taken, &code, sent, || Some(2), now).ok();
    let tally = room.tally().expect("the second round is open");
    let rounds = tally.first.expect("a second round keeps the first");
    assert_eq!(rounds.per_option.iter().sum::<u32>(), rounds.count);
    assert!(rounds.paired() <= rounds.count.min(tally.count));
    // One phone: paired exactly when it answered both rounds as itself.
    assert_eq!(rounds.paired(), u32::from(taken.is_some() && again == taken));
    assert_eq!(rounds.count, u32::from(taken.is_some()));
});
