//! The audience's server, tested as a service strangers connect to: on loopback, with
//! a real HTTP client (hyper's), many participants at once, every bad request, floods,
//! and the presenter itself under Xvfb with the server running beside it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use bolwerk::audience::room::{Asking, Limits, Revealed, Room};
use bolwerk::audience::server::{self, MAX_BODY, Server, SharedRoom};
use bolwerk::i18n::Lang;
use bolwerk::scenario::Scenario;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

const CODE: &str = "K7P2QX";

/// The shipped session's first question with options (four), and its number question.
fn questions() -> (Asking, Asking) {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    let mut asked = scenario
        .acts
        .iter()
        .enumerate()
        .filter_map(|(k, act)| act.question.as_ref().map(|q| Asking::of(k, q)));
    let choices = asked.find(|a| !a.options.is_empty()).unwrap();
    let number = scenario
        .acts
        .iter()
        .enumerate()
        .find_map(|(k, act)| {
            act.question
                .as_ref()
                .filter(|q| q.options.is_empty())
                .map(|q| Asking::of(k, q))
        })
        .unwrap();
    (choices, number)
}

/// A room with `asking` open, served on a free loopback port.
fn serve(asking: Option<Asking>) -> (SharedRoom, Server) {
    serve_with(asking, Limits::default())
}

fn serve_with(asking: Option<Asking>, limits: Limits) -> (SharedRoom, Server) {
    let room = SharedRoom::new(Room::with_limits(CODE.into(), Lang::En, 11, limits).into());
    let act = asking.as_ref().map_or(0, |a| a.act);
    server::lock(&room).show(act, Lang::En, asking, None, false);
    let server = server::start(room.clone(), SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
    (room, server)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

type Http = Client<HttpConnector, Full<Bytes>>;

fn client() -> Http {
    Client::builder(TokioExecutor::new()).build_http()
}

/// What came back.
struct Reply {
    status: StatusCode,
    headers: hyper::HeaderMap,
    body: String,
}

impl Reply {
    fn cookie(&self) -> Option<String> {
        self.headers
            .get(hyper::header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(http: &Http, method: Method, url: &str, body: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::builder().method(method).uri(url);
    if !body.is_empty() {
        request = request.header("content-type", "application/json");
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = http
        .request(
            request
                .body(Full::new(Bytes::from(body.to_owned())))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn answer(code: &str, answer: f64) -> String {
    serde_json::json!({ "code": code, "answer": answer }).to_string()
}

#[test]
fn three_hundred_participants_answer_at_once_and_the_tally_is_exact() {
    let (choices, _) = questions();
    let options = choices.options.len();
    let (room, server) = serve(Some(choices));
    let url = format!("http://{}/api/answer", server.addr);
    let rt = runtime();
    let (cookies, statuses) = rt.block_on(async {
        let http = client();
        let mut first = tokio::task::JoinSet::new();
        for p in 0..300usize {
            let (http, url) = (http.clone(), url.clone());
            first.spawn(async move {
                let reply = send(
                    &http,
                    Method::POST,
                    &url,
                    &answer(CODE, (p % options) as f64),
                    None,
                )
                .await;
                (p, reply.status, reply.cookie())
            });
        }
        let mut cookies = HashMap::new();
        let mut statuses = Vec::new();
        while let Some(done) = first.join_next().await {
            let (p, status, cookie) = done.unwrap();
            statuses.push(status);
            cookies.insert(p, cookie.expect("a new participant gets a cookie"));
        }
        // A hundred change their minds, all at once: option 0 for everyone of them.
        let mut second = tokio::task::JoinSet::new();
        for p in 0..100usize {
            let (http, url, cookie) = (http.clone(), url.clone(), cookies[&p].clone());
            second.spawn(async move {
                send(&http, Method::POST, &url, &answer(CODE, 0.0), Some(&cookie))
                    .await
                    .status
            });
        }
        while let Some(done) = second.join_next().await {
            statuses.push(done.unwrap());
        }
        (cookies, statuses)
    });
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let distinct: std::collections::HashSet<_> = cookies.values().collect();
    assert_eq!(
        distinct.len(),
        300,
        "every participant has a token of their own"
    );
    // The first answers: participant p chose p % options; the first hundred then chose 0.
    let mut expected = vec![0u32; options];
    for p in 0..300 {
        expected[if p < 100 { 0 } else { p % options }] += 1;
    }
    let tally = server::lock(&room).tally().unwrap();
    assert_eq!(tally.count, 300);
    assert_eq!(tally.per_option, expected);
    assert_eq!(server::lock(&room).taken(), 400);
}

#[test]
fn every_bad_request_gets_its_status_and_a_short_message() {
    let (choices, number) = questions();
    let n = choices.options.len() as f64;
    let (room, server) = serve(Some(choices.clone()));
    let base = format!("http://{}", server.addr);
    let rt = runtime();
    rt.block_on(async {
        let http = client();
        let post = |body: String| {
            let (http, url) = (http.clone(), format!("{base}/api/answer"));
            async move { send(&http, Method::POST, &url, &body, None).await }
        };
        let big = format!(
            r#"{{"code":"{CODE}","answer":1,"x":"{}"}}"#,
            "a".repeat(MAX_BODY)
        );
        let cases: Vec<(String, u16, &str)> = vec![
            ("not json".into(), 400, "malformed"),
            ("".into(), 400, "malformed"),
            (r#"{"code":"K7P2QX"}"#.into(), 400, "malformed"),
            (r#"{"code":"K7P2QX","answer":"B"}"#.into(), 400, "malformed"),
            (
                r#"{"code":"K7P2QX","answer":1,"extra":true}"#.into(),
                400,
                "malformed",
            ),
            (answer(CODE, n), 400, "does not fit"),
            (answer(CODE, -1.0), 400, "does not fit"),
            (answer(CODE, 1.5), 400, "does not fit"),
            (answer("WRONG1", 1.0), 403, "wrong session code"),
            (answer("", 1.0), 403, "wrong session code"),
            (big, 413, "too large"),
        ];
        for (body, status, words) in cases {
            let reply = post(body.clone()).await;
            assert_eq!(reply.status.as_u16(), status, "{body}: {}", reply.body);
            let message = reply.json()["error"].as_str().unwrap().to_owned();
            assert!(message.contains(words), "{body}: {message}");
            assert!(
                message.len() < 60 && !message.contains("panicked"),
                "{message}"
            );
        }
        // The code is read without regard to case or spaces around it.
        assert_eq!(post(answer(" k7p2qx ", 1.0)).await.status, StatusCode::OK);

        // A number question: a percentage from 0 to 100.
        server::lock(&room).show(number.act, Lang::En, Some(number.clone()), None, false);
        for (x, status) in [
            (-0.5, 400),
            (100.5, 400),
            (0.0, 200),
            (100.0, 200),
            (37.5, 200),
        ] {
            assert_eq!(post(answer(CODE, x)).await.status.as_u16(), status, "{x}");
        }
        // No question on stage: 409.
        server::lock(&room).show(0, Lang::En, None, None, false);
        let reply = post(answer(CODE, 1.0)).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);

        // Unknown paths and methods.
        let reply = send(&http, Method::GET, &format!("{base}/nothing"), "", None).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        let reply = send(&http, Method::GET, &format!("{base}/api/answer"), "", None).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        let reply = send(
            &http,
            Method::DELETE,
            &format!("{base}/api/state"),
            "",
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    });
}

#[test]
fn an_answer_after_the_reveal_is_refused_and_the_state_shows_the_answer() {
    let (choices, _) = questions();
    let act = choices.act;
    let (room, server) = serve(Some(choices.clone()));
    let base = format!("http://{}", server.addr);
    let rt = runtime();
    rt.block_on(async {
        let http = client();
        let url = format!("{base}/api/answer");
        let first = send(&http, Method::POST, &url, &answer(CODE, 2.0), None).await;
        let cookie = first.cookie().unwrap();
        let state = send(
            &http,
            Method::GET,
            &format!("{base}/api/state"),
            "",
            Some(&cookie),
        )
        .await;
        let q = &state.json()["question"];
        assert_eq!(q["open"], true);
        assert_eq!(q["yours"], 2.0);
        assert_eq!(state.json()["answers"], 1);

        // The world grows to the answer: closed, before the answer shows.
        server::lock(&room).show(act, Lang::En, Some(choices.clone()), None, true);
        let late = send(&http, Method::POST, &url, &answer(CODE, 1.0), Some(&cookie)).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        let revealed = Revealed {
            share: 0.074,
            option: Some(1),
        };
        server::lock(&room).show(act, Lang::Nl, Some(choices.clone()), Some(revealed), false);
        let late = send(&http, Method::POST, &url, &answer(CODE, 1.0), Some(&cookie)).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        let fresh = send(&http, Method::POST, &url, &answer(CODE, 1.0), None).await;
        assert_eq!(fresh.status, StatusCode::CONFLICT);

        let state = send(
            &http,
            Method::GET,
            &format!("{base}/api/state?lang=nl"),
            "",
            Some(&cookie),
        )
        .await;
        let json = state.json();
        assert_eq!(json["lang"], "nl");
        assert_eq!(json["question"]["open"], false);
        assert_eq!(
            json["question"]["yours"], 2.0,
            "the answer given before the reveal"
        );
        assert_eq!(json["question"]["revealed"]["option"], 1);
        assert_eq!(json["question"]["ask"], choices.ask.nl.as_str());
    });
    assert_eq!(server::lock(&room).tally().unwrap().per_option[2], 1);
}

#[test]
fn a_flood_is_slowed_down_with_429_and_the_room_goes_on() {
    let (choices, _) = questions();
    // The shipped answer limits; an address limit that a few hundred requests exceed
    // however slowly this machine sends them (the shipped one's own arithmetic is a
    // unit test, on a clock the test sets).
    let limits = Limits {
        address_burst: 100.0,
        address_rate: 5.0,
        ..Limits::default()
    };
    let (room, server) = serve_with(Some(choices), limits);
    let base = format!("http://{}", server.addr);
    let rt = runtime();
    rt.block_on(async {
        let http = client();
        let url = format!("{base}/api/answer");
        let first = send(&http, Method::POST, &url, &answer(CODE, 0.0), None).await;
        let cookie = first.cookie().unwrap();
        // One participant sends fifty answers as fast as it can.
        let mut statuses = Vec::new();
        for k in 0..50 {
            let reply = send(
                &http,
                Method::POST,
                &url,
                &answer(CODE, f64::from(k % 2)),
                Some(&cookie),
            )
            .await;
            statuses.push(reply.status.as_u16());
        }
        let slowed = statuses.iter().filter(|s| **s == 429).count();
        assert!(slowed >= 40, "{statuses:?}");
        assert!(statuses[..5].iter().all(|s| *s == 200), "{statuses:?}");
        // One address floods the state.
        let mut flood = tokio::task::JoinSet::new();
        for _ in 0..300 {
            let (http, url) = (http.clone(), format!("{base}/api/state"));
            flood.spawn(async move {
                send(&http, Method::GET, &url, "", None)
                    .await
                    .status
                    .as_u16()
            });
        }
        let mut codes = Vec::new();
        while let Some(done) = flood.join_next().await {
            codes.push(done.unwrap());
        }
        assert!(codes.contains(&429), "the address was never slowed down");
        assert!(codes.iter().all(|c| *c == 200 || *c == 429));
    });
    // The flood changed nothing but the one participant's answer.
    assert_eq!(server::lock(&room).tally().unwrap().count, 1);
}

#[test]
fn the_page_is_served_by_bolwerk_itself_with_strict_headers_in_both_languages() {
    let (room, server) = serve(None);
    let base = format!("http://{}", server.addr);
    let rt = runtime();
    rt.block_on(async {
        let http = client();
        for (query, lang, words) in [("", "en", "session code"), ("?lang=nl", "nl", "sessiecode")] {
            let page = send(&http, Method::GET, &format!("{base}/{query}"), "", None).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{}",
                page.body
            );
            assert!(page.body.contains(words));
            let h = |name: &str| {
                page.headers
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned())
            };
            assert!(h("content-type").unwrap().starts_with("text/html"));
            let csp = h("content-security-policy").unwrap();
            assert!(
                csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
                "{csp}"
            );
            assert_eq!(h("x-content-type-options").as_deref(), Some("nosniff"));
            assert_eq!(h("x-frame-options").as_deref(), Some("DENY"));
        }
        for (path, kind) in [("/app.js", "text/javascript"), ("/app.css", "text/css")] {
            let reply = send(&http, Method::GET, &format!("{base}{path}"), "", None).await;
            assert_eq!(reply.status, StatusCode::OK);
            let content_type = reply.headers["content-type"].to_str().unwrap();
            assert!(content_type.starts_with(kind), "{content_type}");
        }
        // The session's language is the page's default.
        server::lock(&room).show(0, Lang::Nl, None, None, false);
        let page = send(&http, Method::GET, &base, "", None).await;
        assert!(page.body.contains("<html lang=\"nl\">"));
        let state = send(&http, Method::GET, &format!("{base}/api/state"), "", None).await;
        assert_eq!(state.json()["question"], serde_json::Value::Null);
        assert_eq!(state.json()["act"], 1);
    });
    // Dropping the server stops it: the port no longer answers.
    let addr = server.addr;
    drop(server);
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err());
}

/// `present --audience` under Xvfb at the first question: prints its line, serves the
/// page, takes answers, and the next key (xdotool) closes the question and reveals.
const PRESENT_WITH_AUDIENCE: &str = r#"
set -u
"$BIN" present --windowed --width 960 --height 540 --lang nl --act "$ACT" \
  --audience --audience-port 0 --audience-log "$D/answers.csv" > "$D/out.log" 2> "$D/err.log" &
pid=$!
for _ in $(seq 1 240); do grep -q '^audience:' "$D/out.log" && break; sleep 0.25; done
port=$(sed -n 's/^audience: http:\/\/[^ ]*:\([0-9]*\)\/ code: .*$/\1/p' "$D/out.log")
echo "port=$port"
echo "$port" > "$D/port"
# The test answers now; it writes "answered" when done.
for _ in $(seq 1 240); do [ -e "$D/answered" ] && break; sleep 0.25; done
press_in "bolwerk" Next && echo pressed
for _ in $(seq 1 240); do [ -e "$D/checked" ] && break; sleep 0.25; done
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
"#;

#[test]
fn the_presenter_serves_the_room_and_closes_the_question_on_the_next_key() {
    let (choices, _) = questions();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let child = crate::common::script_under_xvfb(PRESENT_WITH_AUDIENCE, 300)
        .env("D", &d)
        .env("ACT", (choices.act + 1).to_string())
        .env("XDG_RUNTIME_DIR", &d)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let port = loop {
        if let Ok(p) = std::fs::read_to_string(d.join("port"))
            && !p.trim().is_empty()
        {
            break p.trim().to_owned();
        }
        assert!(start.elapsed() < Duration::from_secs(90), "no address line");
        std::thread::sleep(Duration::from_millis(200));
    };
    let line = std::fs::read_to_string(d.join("out.log")).unwrap();
    let code = line
        .lines()
        .find_map(|l| l.strip_prefix("audience: "))
        .and_then(|l| l.split(" code: ").nth(1))
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(code.len(), 6, "{line}");
    assert!(
        line.lines()
            .any(|l| l.starts_with("audience: http://") && l.contains(&format!(":{port}/ code: "))),
        "{line}"
    );
    let base = format!("http://127.0.0.1:{port}");
    let rt = runtime();
    rt.block_on(async {
        let http = client();
        let page = send(&http, Method::GET, &format!("{base}/"), "", None).await;
        assert!(
            page.body.contains("<html lang=\"nl\">"),
            "the session's language"
        );
        // The presenter tells the room its question within a few frames.
        let open = async {
            loop {
                let state = send(&http, Method::GET, &format!("{base}/api/state"), "", None).await;
                if state.json()["question"]["open"] == true {
                    return state.json();
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        };
        let state = tokio::time::timeout(Duration::from_secs(60), open)
            .await
            .expect("no open question");
        assert_eq!(state["act"], choices.act + 1);
        for k in 0..12 {
            let reply = send(
                &http,
                Method::POST,
                &format!("{base}/api/answer"),
                &answer(&code, f64::from(k % 3)),
                None,
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        let state = send(&http, Method::GET, &format!("{base}/api/state"), "", None).await;
        assert_eq!(state.json()["answers"], 12);
        std::fs::write(d.join("answered"), "").unwrap();
        // The next key closes the question.
        let closed = async {
            loop {
                let state = send(&http, Method::GET, &format!("{base}/api/state"), "", None).await;
                if state.json()["question"]["open"] == false {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(60), closed)
            .await
            .expect("the key did not close the question");
        let late = send(
            &http,
            Method::POST,
            &format!("{base}/api/answer"),
            &answer(&code, 1.0),
            None,
        )
        .await;
        assert_eq!(late.status, StatusCode::CONFLICT);
    });
    // The log has the twelve answers, written as the question closed: the part, the
    // question in the session's language, the letter, the seconds; no one's identity.
    let start = Instant::now();
    let log = loop {
        let log = std::fs::read_to_string(d.join("answers.csv")).unwrap_or_default();
        if log.lines().count() == 13 || start.elapsed() > Duration::from_secs(20) {
            break log;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    std::fs::write(d.join("checked"), "").unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"part,question,answer,seconds"),
        "{log}"
    );
    assert_eq!(lines.len(), 13, "{log}");
    for letter in ["A", "B", "C"] {
        let rows = lines[1..]
            .iter()
            .filter(|l| {
                let fields: Vec<&str> = l.rsplitn(3, ',').collect();
                l.starts_with(&format!("{},", choices.act + 1)) && fields[1] == letter
            })
            .count();
        assert_eq!(rows, 4, "{letter}: {log}");
    }
    assert!(log.contains(&choices.ask.nl), "{log}");
    assert!(!log.contains(&code), "{log}");
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("pressed"), "{said}");
    let err = std::fs::read_to_string(d.join("err.log")).unwrap_or_default();
    assert!(!err.contains("panicked"), "{err}");
}

/// A WebDriver session with headless Chromium (Debian's chromium and chromedriver),
/// spoken to in plain WebDriver JSON over the same HTTP client.
struct Browser {
    http: Http,
    base: String,
    session: String,
    driver: std::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Browser {
        for program in ["chromium", "chromedriver"] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {program}")])
                .output()
                .unwrap();
            assert!(
                found.status.success(),
                "{program} is missing: run `make deps` (or scripts/install-deps.sh)"
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let http = client();
        let profile = tempfile::tempdir().unwrap();
        // As root, Chromium runs only without its sandbox; without the background
        // services it tries no outside connections this machine would refuse.
        let capabilities = serde_json::json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--window-size=412,915",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        }}});
        let start = Instant::now();
        let reply = loop {
            // chromedriver takes a moment to listen.
            let attempt = http
                .request(
                    Request::post(format!("{base}/session"))
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from(capabilities.to_string())))
                        .unwrap(),
                )
                .await;
            if let Ok(response) = attempt {
                let bytes = response.into_body().collect().await.unwrap().to_bytes();
                break serde_json::from_slice::<serde_json::Value>(&bytes).unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let session = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {reply}"))
            .to_owned();
        Browser {
            http,
            base,
            session,
            driver,
            _profile: profile,
        }
    }

    async fn call(&self, method: Method, path: &str, body: serde_json::Value) -> serde_json::Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let body = if method == Method::GET {
            String::new()
        } else {
            body.to_string()
        };
        let reply = send(&self.http, method, &url, &body, None).await;
        reply.json()["value"].clone()
    }

    async fn open(&self, url: &str) {
        self.call(Method::POST, "/url", serde_json::json!({ "url": url }))
            .await;
    }

    /// The element `css` selects, once it is there and shown (within ten seconds).
    async fn element(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            let found = self
                .call(
                    Method::POST,
                    "/element",
                    serde_json::json!({ "using": "css selector", "value": css }),
                )
                .await;
            if let Some(id) = found["element-6066-11e4-a52e-4f735466cecf"].as_str() {
                let shown = self
                    .call(
                        Method::GET,
                        &format!("/element/{id}/displayed"),
                        serde_json::Value::Null,
                    )
                    .await;
                if shown == true {
                    return id.to_owned();
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {css} on the page: {found}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn text(&self, css: &str) -> String {
        let id = self.element(css).await;
        let text = self
            .call(
                Method::GET,
                &format!("/element/{id}/text"),
                serde_json::Value::Null,
            )
            .await;
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the text of `css` contains `words`.
    async fn shows(&self, css: &str, words: &str) {
        let start = Instant::now();
        loop {
            let text = self.text(css).await;
            if text.contains(words) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{css} shows {text:?}, not {words:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn click(&self, css: &str) {
        let id = self.element(css).await;
        self.call(
            Method::POST,
            &format!("/element/{id}/click"),
            serde_json::json!({}),
        )
        .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css).await;
        self.call(
            Method::POST,
            &format!("/element/{id}/value"),
            serde_json::json!({ "text": text }),
        )
        .await;
    }

    async fn close(mut self) {
        self.call(Method::DELETE, "", serde_json::Value::Null).await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn a_participant_joins_and_answers_in_headless_chromium() {
    let (choices, number) = questions();
    let (room, server) = serve(Some(choices.clone()));
    let page = format!("http://{}/?lang=nl", server.addr);
    let texts = bolwerk::i18n::Texts::new(Lang::Nl);
    let saved = texts.get(bolwerk::i18n::Msg::AudienceSaved);
    let rt = runtime();
    rt.block_on(async {
        let browser = Browser::start().await;
        browser.open(&page).await;
        // The code first: a wrong one is turned away, the right one lets them in.
        browser.type_into("#code", "WRONG1").await;
        browser.click("#join button").await;
        browser.shows("#question", &choices.ask.nl).await;
        browser.click("#choices button:nth-child(2)").await;
        browser
            .shows(
                "#join-error",
                &texts.get(bolwerk::i18n::Msg::AudienceWrongCode),
            )
            .await;
        browser.type_into("#code", CODE).await;
        browser.click("#join button").await;
        browser.click("#choices button:nth-child(2)").await;
        browser.shows("#status", &saved).await;
        assert_eq!(server::lock(&room).tally().unwrap().per_option[1], 1);
        // A change of mind replaces the answer.
        browser.click("#choices button:nth-child(3)").await;
        browser
            .shows("#choices button.chosen", &choices.options[2].nl)
            .await;
        let tally = server::lock(&room).tally().unwrap();
        assert_eq!(
            (tally.count, tally.per_option[1], tally.per_option[2]),
            (1, 0, 1)
        );
        // The reveal reaches the phone: the model's answer, in Dutch (a decimal comma).
        let revealed = Revealed {
            share: 0.0737,
            option: Some(1),
        };
        server::lock(&room).show(
            choices.act,
            Lang::Nl,
            Some(choices.clone()),
            Some(revealed),
            false,
        );
        browser.shows("#result", "7,4%").await;
        // The next question is a number: the slider's field, sent with the button.
        server::lock(&room).show(number.act, Lang::Nl, Some(number.clone()), None, false);
        browser.shows("#question", &number.ask.nl).await;
        let field = browser.element("#percent").await;
        browser
            .call(
                Method::POST,
                &format!("/element/{field}/clear"),
                serde_json::json!({}),
            )
            .await;
        browser.type_into("#percent", "17.5").await;
        browser.click("#number button").await;
        browser.shows("#status", &saved).await;
        browser.close().await;
    });
    assert_eq!(server::lock(&room).tally().unwrap().numbers, vec![17.5]);
}

/// Two parts: a caption, then a question with two options; no customers, no panel.
const SESSION: &str = r#"(
    title: (en: "Room", nl: "Zaal"),
    seed: 5,
    acts: [
        (
            caption: (
                en: (title: "First", text: ["One."]),
                nl: (title: "Eerste", text: ["Een."]),
            ),
            duration: 0.3,
            show: (customers: false, panel: false),
        ),
        (
            caption: (
                en: (title: "Second", text: ["The answer grows."]),
                nl: (title: "Tweede", text: ["Het antwoord groeit."]),
            ),
            question: (
                ask: (en: "How many?", nl: "Hoeveel?"),
                answer: CustomerShare,
                options: [
                    (en: "few", nl: "weinig", from: 0.0, to: 0.5),
                    (en: "many", nl: "veel", from: 0.5, to: 1.0),
                ],
            ),
            params: (initial_employees: 60, max_employees: 90, growth: Exponential(rate: 0.05)),
            until_employees: 90,
            duration: 0.3,
            hold: 0.5,
            show: (customers: false, panel: false),
        ),
    ],
)"#;

/// Records SESSION into PNG frames in `dir/out/`, with `extra` arguments.
fn record_session(dir: &std::path::Path, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "record",
        "--scenario",
        "session.ron",
        "--out",
        out,
        "--size",
        "320x180",
        "--fps",
        "10",
        "--theme",
        "projector",
    ];
    args.extend_from_slice(extra);
    crate::common::headless(&args, dir).output().unwrap()
}

/// Pixels of the last frame in `folder` within a small distance of `rgb`.
fn pixels_near(folder: &std::path::Path, rgb: [u8; 3]) -> usize {
    let mut frames: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    frames.sort();
    let frame = image::open(frames.last().unwrap()).unwrap().to_rgb8();
    frame
        .pixels()
        .filter(|p| (0..3).all(|i| (i32::from(p.0[i]) - i32::from(rgb[i])).abs() <= 6))
        .count()
}

#[test]
fn a_recording_draws_a_rooms_answers_from_the_log() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.ron"), SESSION).unwrap();
    std::fs::write(
        dir.path().join("answers.csv"),
        "part,question,answer,seconds\n2,How many?,A,1.0\n2,How many?,A,2.5\n2,How many?,B,3.0\n",
    )
    .unwrap();
    let with = record_session(dir.path(), "with/", &["--answers", "answers.csv"]);
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let without = record_session(dir.path(), "without/", &[]);
    assert!(
        without.status.success(),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    // The room's bars are drawn in the expectation's colour (the projector theme's
    // dark blue-grey); without the log there are none.
    let bars = bolwerk::demo::palette::ThemeName::Projector
        .palette()
        .plot_theory
        .to_srgba();
    let rgb = [bars.red, bars.green, bars.blue].map(|c| (c * 255.0).round() as u8);
    let (with, without) = (
        pixels_near(&dir.path().join("with"), rgb),
        pixels_near(&dir.path().join("without"), rgb),
    );
    assert!(
        with > without + 40,
        "bar pixels: {with} with the log, {without} without"
    );
}

#[test]
fn a_log_that_does_not_fit_the_session_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.ron"), SESSION).unwrap();
    let header = "part,question,answer,seconds\n";
    for (log, words) in [
        (
            format!("{header}2,How many?,A,1.0\n1,First,A,1.0\n"),
            "line 3: part 1 asks no question",
        ),
        (
            format!("{header}2,How many?,C,1.0\n"),
            "line 2: `C` is not an option A to B",
        ),
        (
            format!("{header}3,How many?,A,1.0\n"),
            "line 2: part 3: the scenario has parts 1 to 2",
        ),
        (
            format!("{header}x,How many?,A,1.0\n"),
            "line 2: `x` is not a part's number",
        ),
        (
            "part,answer\n2,A\n".to_string(),
            "line 1: the columns are not part,question,answer,seconds",
        ),
    ] {
        std::fs::write(dir.path().join("answers.csv"), &log).unwrap();
        let out = record_session(dir.path(), "frames/", &["--answers", "answers.csv"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{log}: {err}");
        assert!(
            err.contains(words) && err.contains("answers.csv"),
            "{log}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!dir.path().join("frames").exists(), "{log}");
    }
    let out = record_session(dir.path(), "frames/", &["--answers", "missing.csv"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A server that cannot start (its port taken) leaves the session running without
/// the room: one line says so, and the presenter goes on to its end.
#[test]
fn a_taken_port_leaves_the_session_running_without_the_room() {
    let taken = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = crate::common::bolwerk_under_xvfb()
        .args(["present", "--windowed", "--width", "640", "--height", "360"])
        .args(["--frames", "20", "--audience", "--audience-port", &port])
        .arg("--audience-log")
        .arg(dir.path().join("answers.csv"))
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stdout.contains("audience:"), "{stdout}");
    let texts = bolwerk::i18n::Texts::new(Lang::En);
    let said = texts.fmt(bolwerk::i18n::Msg::AudienceFailed, &[("reason", "".into())]);
    let start = said.split(':').next().unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(start)).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains(&port) && lines[0].contains("cannot listen"),
        "{stderr}"
    );
    assert!(!dir.path().join("answers.csv").exists(), "no room, no log");
    drop(taken);
}
