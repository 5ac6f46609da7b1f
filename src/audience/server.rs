//! The audience's web server: the participants' page and its small JSON API, served by
//! axum on a tokio runtime of its own, on a thread of its own. It only reads and
//! changes the [`Room`]; the presenter never waits on it beyond one short lock.
//!
//! - `GET /`: the page (`?lang=en|nl`, else the session's language);
//! - `GET /app.js`, `GET /app.css`: its script and style (no inline code, so the
//!   Content-Security-Policy can forbid it);
//! - `GET /api/state`: the act, the question (open or revealed) and the count;
//! - `POST /api/answer` with `{"code": "…", "answer": n}`.
//!
//! Every request is admitted by the room's per-address rate limit; bodies above
//! [`MAX_BODY`] bytes are refused; errors are a status and one short JSON message.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::sync::oneshot;

use super::page;
use super::room::{Refusal, Room, Token};
use crate::failure::Failure;
use crate::i18n::Lang;

/// The largest request body taken, in bytes.
pub const MAX_BODY: usize = 1024;
/// The participant's cookie.
const COOKIE: &str = "bolwerk_participant";

/// The room, shared between the server and the presenter.
pub type SharedRoom = Arc<Mutex<Room>>;

/// Locks the room; a panic elsewhere while it was held leaves the data as it was, which
/// is still consistent (every change is one insert or one assignment).
pub fn lock(room: &SharedRoom) -> MutexGuard<'_, Room> {
    room.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running server: dropping it stops it and waits for its thread.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts serving `room` on `bind` (port 0: any free port). Fails, without starting
/// anything, if the address cannot be bound.
pub fn start(room: SharedRoom, bind: SocketAddr) -> Result<Server, Failure> {
    let listener = TcpListener::bind(bind)
        .map_err(|e| Failure::Runtime(format!("audience: cannot listen on {bind}: {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure::Runtime(format!("audience: {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Failure::Runtime(format!("audience: {e}")))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Failure::Runtime(format!("audience: cannot start the server: {e}")))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("audience".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let service = router(room).into_make_service_with_connect_info::<SocketAddr>();
                let _ = axum::serve(listener, service)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        })
        .map_err(|e| Failure::Runtime(format!("audience: cannot start the server: {e}")))?;
    Ok(Server {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn router(room: SharedRoom) -> Router {
    Router::new()
        .route("/", get(page_html))
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", page::SCRIPT) }),
        )
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", page::STYLE) }),
        )
        .route("/api/state", get(state))
        .route("/api/answer", post(answer))
        .fallback(|| async { refusal_response(StatusCode::NOT_FOUND, "not found") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(room.clone(), admit))
        .layer(middleware::from_fn(security_headers))
        .with_state(room)
}

/// The per-address rate limit, before anything else.
async fn admit(
    State(room): State<SharedRoom>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let admitted = lock(&room).admit(peer.ip(), Instant::now());
    match admitted {
        Ok(()) => next.run(request).await,
        Err(refusal) => refused(refusal),
    }
}

/// What every response carries: a strict Content-Security-Policy (nothing but this
/// server's own script and style), no sniffing, no framing, no referrer, no caching.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The language the request asks for with `?lang=en|nl`, if it asks for one it can
/// have; else the page follows the session.
fn asked_lang(query: &Result<Query<LangQuery>, QueryRejection>) -> Option<Lang> {
    let asked = query.as_ref().ok()?.lang.as_deref()?;
    Lang::ALL.into_iter().find(|l| l.code() == asked)
}

async fn page_html(
    State(room): State<SharedRoom>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    let lang = asked_lang(&query).unwrap_or_else(|| lock(&room).lang());
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::html(lang),
    )
        .into_response()
}

async fn state(
    State(room): State<SharedRoom>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    // One lock for the language and the state, so they agree.
    let state = {
        let room = lock(&room);
        let lang = asked_lang(&query).unwrap_or_else(|| room.lang());
        room.state(lang, participant(&headers))
    };
    json(StatusCode::OK, &state)
}

/// `POST /api/answer`'s body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerBody {
    code: String,
    answer: f64,
}

async fn answer(
    State(room): State<SharedRoom>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refusal_response(StatusCode::PAYLOAD_TOO_LARGE, "request too large");
        }
        Err(_) => return refused(Refusal::Malformed),
    };
    let Ok((code, raw)) = decode_answer(&body) else {
        return refused(Refusal::Malformed);
    };
    let known = participant(&headers);
    let result = lock(&room).answer(known, &code, raw, new_token, Instant::now());
    match result {
        Ok(token) => {
            let mut response = json(StatusCode::OK, &serde_json::json!({ "ok": true }));
            if known != Some(token) {
                let cookie = format!(
                    "{COOKIE}={token:032x}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
                );
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(refusal) => refused(refusal),
    }
}

/// `POST /api/answer`'s body: the code typed, and the answer as a number. Public for
/// the fuzz target (fuzz/app).
pub fn decode_answer(body: &[u8]) -> Result<(String, f64), Refusal> {
    serde_json::from_slice::<AnswerBody>(body)
        .map(|b| (b.code, b.answer))
        .map_err(|_| Refusal::Malformed)
}

/// The participant's token, from their cookie.
fn participant(headers: &HeaderMap) -> Option<Token> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(token_in_cookies)
}

/// The participant's token in one `Cookie` header's value, if it holds a well-formed
/// one. Public for the fuzz target.
pub fn token_in_cookies(cookies: &str) -> Option<Token> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| {
            (value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| Token::from_str_radix(value, 16).ok())
                .flatten()
        })
}

/// A fresh participant token from the operating system's randomness.
fn new_token() -> Token {
    let mut bytes = [0u8; 16];
    // Without randomness a guessable token is still only a participant's handle, not a
    // secret that guards anything but their own answer.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        return nanos;
    }
    Token::from_le_bytes(bytes)
}

/// A random session code: six letters and digits that cannot be mistaken for each
/// other on a projector (no 0/O, 1/I/L).
pub fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 6];
    let _ = getrandom::fill(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

fn json(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(body),
    )
        .into_response()
}

fn refused(refusal: Refusal) -> Response {
    let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
    refusal_response(status, refusal.message())
}

fn refusal_response(status: StatusCode, message: &str) -> Response {
    json(status, &serde_json::json!({ "error": message }))
}

/// The address the room can reach this machine at: the one the operating system would
/// use to reach a LAN (no packet is sent), else loopback.
pub fn lan_address() -> IpAddr {
    let probe = || -> std::io::Result<IpAddr> {
        let socket = std::net::UdpSocket::bind("0.0.0.0:0")?;
        // TEST-NET-1: routed like any outside address, never reached.
        socket.connect("192.0.2.1:9")?;
        Ok(socket.local_addr()?.ip())
    };
    probe()
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]))
}
