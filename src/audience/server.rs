//! The audience's web server: the participants' page and its small JSON API, served on
//! a tokio runtime of its own, on a thread of its own. It only reads and changes the
//! [`Room`]; the presenter never waits on it beyond one short lock.
//!
//! - `GET /`: the page (`?lang=en|nl`, else the session's language);
//! - `GET /app.js`, `GET /app.css`: its script and style (no inline code, so the
//!   Content-Security-Policy can forbid it);
//! - `GET /take-home` (`?lang=`), `GET /take-home.css`, `GET /take-home.js`: the page
//!   to take home, where the session has one, with its style and script;
//!   `GET /take-home/save` (`?lang=`): the same page as one file, as an attachment;
//! - `GET /api/state`: the act, the question (open or revealed) and the count;
//! - `POST /api/answer` with `{"code": "…", "answer": n}`, and for an organisation
//!   `"guess": g` as well where the part takes a guess.
//!
//! It is reachable by anyone on the venue's network, so it takes nothing for granted:
//!
//! - it listens on the address it prints (and on loopback), not on every interface;
//! - every connection has time limits ([`Connections`]): a request's head must come
//!   within [`Connections::head`] of the connection opening or of its last answer
//!   (which also ends idle keep-alive), and the whole request within that plus
//!   [`Connections::body`]; heads are read into a small buffer;
//! - connections are capped in all and per address, below what the process may open;
//!   at the cap, the connection that made no progress for longest gives way to the
//!   new one, so silent clients cannot keep a participant out;
//! - every request is admitted by the room's per-address rate limit, and must name
//!   this server as its `Host` (421 otherwise: DNS rebinding); a `POST` must be
//!   `application/json` (415) and, where it names an `Origin`, come from this server's
//!   own page (403); bodies above [`MAX_BODY`] bytes are refused;
//! - quitting takes at most [`Connections::shutdown`] plus a moment, whatever clients do.
//!
//! Errors are a status and one short JSON message.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Deserialize;
use tokio::sync::watch;
use tokio::task::{AbortHandle, JoinSet};
use tower::ServiceExt;

use super::page::{self, TakeHome};
use super::room::{Refusal, Room, Sent, Sketch, Token};
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::report::take_home;

/// The largest request body taken, in bytes.
pub const MAX_BODY: usize = 1024;
/// The participant's cookie.
const COOKIE: &str = "bolwerk_participant";
/// File descriptors kept free for the presenter itself (its window, the graphics
/// driver, fonts, the log) when the connection cap is fitted to the process's limit.
const FILES_KEPT: u64 = 256;

/// The room, shared between the server and the presenter.
pub type SharedRoom = Arc<Mutex<Room>>;

/// Locks the room; a panic elsewhere while it was held leaves the data as it was, which
/// is still consistent (every change is one insert or one assignment).
pub fn lock(room: &SharedRoom) -> MutexGuard<'_, Room> {
    room.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Where random bytes come from: fills the buffer and says whether it could. The
/// session code and the participants' tokens need it; a test swaps in one that fails.
pub type Random = fn(&mut [u8]) -> bool;

/// The operating system's randomness.
pub fn os_random(bytes: &mut [u8]) -> bool {
    getrandom::fill(bytes).is_ok()
}

/// How long a connection may take, and how many there may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connections {
    /// A request's head must arrive within this of the connection opening or of its
    /// last answer; an idle keep-alive connection is closed after it too.
    pub head: Duration,
    /// The rest of the request, its body, within this after that.
    pub body: Duration,
    /// Open connections in all; lowered to fit the process's file limit.
    pub total: usize,
    /// Open connections from one address.
    pub per_address: usize,
    /// The buffer a connection reads into, in bytes: a head that does not fit is
    /// refused (431). Connections held by unfinished requests hold at most
    /// `total × head_buffer` bytes of it. (Hyper also flushes a response before it
    /// buffers more than this: a larger response goes out in pieces, whole.)
    pub head_buffer: usize,
    /// How long connections may finish their request when the presenter quits.
    pub shutdown: Duration,
}

impl Default for Connections {
    /// Ten seconds for a head (a phone on bad Wi-Fi sends one in well under a second),
    /// ten for a body of at most a kilobyte; 512 connections (a room of 300 phones
    /// polling over keep-alive needs about one each), 16 from one address (a browser
    /// opens up to six to a server); 16 KiB for a head (this API's are under 1 KiB);
    /// one second to finish when quitting.
    fn default() -> Self {
        Connections {
            head: Duration::from_secs(10),
            body: Duration::from_secs(10),
            total: 512,
            per_address: 16,
            head_buffer: 16 * 1024,
            shutdown: Duration::from_secs(1),
        }
    }
}

impl Connections {
    /// For a room whose phones all reach the laptop through one address (a venue's
    /// NAT): that address may hold every connection.
    pub fn shared_address() -> Self {
        let default = Connections::default();
        Connections {
            per_address: default.total,
            ..default
        }
    }

    /// The same, with the total lowered to what the process may open, less
    /// [`FILES_KEPT`] for the presenter; `open_files` is the process's limit, `None`
    /// for none.
    pub fn within(self, open_files: Option<u64>) -> Self {
        let room = open_files.map_or(usize::MAX, |n| {
            usize::try_from(n.saturating_sub(FILES_KEPT)).unwrap_or(usize::MAX)
        });
        let total = self.total.min(room).max(1);
        Connections {
            total,
            per_address: self.per_address.min(total),
            ..self
        }
    }
}

/// Raises the process's soft limit of open files to its hard limit, where allowed,
/// and returns the limit in force (`None`: unlimited).
fn raise_open_files() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current.is_some() && limit.current != limit.maximum {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        // Refused (a sandbox, say): the soft limit stands, and the cap fits it.
        let _ = setrlimit(Resource::Nofile, raised);
    }
    getrlimit(Resource::Nofile).current
}

/// What to start: where, with which limits and which randomness.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address printed and put in the QR code; the server listens there and on
    /// loopback.
    pub host: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
    /// Time limits and caps on connections.
    pub connections: Connections,
    /// Where participants' tokens come from.
    pub random: Random,
    /// The page to take home, if the session has one (`/take-home`).
    pub take_home: Option<Arc<TakeHome>>,
}

/// The addresses to listen on for `host`: `host` itself and, unless it is a loopback
/// address, `127.0.0.1`, so that the laptop can always open the page itself. An
/// unspecified address (`0.0.0.0`, `::`) would listen on every network the laptop is
/// on, VPNs and containers included: refused.
pub fn listen_addresses(host: IpAddr, port: u16) -> Result<Vec<SocketAddr>, Failure> {
    if host.is_unspecified() || host.is_multicast() {
        return Err(Failure::Input(format!(
            "--audience-host {host}: name one of this computer's addresses on the room's \
             network (its address on the Wi-Fi, say)"
        )));
    }
    let mut addrs = vec![SocketAddr::new(host, port)];
    if !host.is_loopback() {
        addrs.push(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    Ok(addrs)
}

/// A running server: dropping it (or [`Server::stop`]) stops it.
pub struct Server {
    /// The address it announces: the host asked for, on the port it got.
    pub addr: SocketAddr,
    /// Every address it listens on.
    pub listening: Vec<SocketAddr>,
    /// The limits in force (the total fitted to the process's file limit).
    pub connections: Connections,
    stop: Option<watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Stops serving: connections get [`Connections::shutdown`] to finish their
    /// request, then are closed. Waits for that and a moment more, never longer: a
    /// server thread that still has not ended is left to end with the process.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = Instant::now() + self.connections.shutdown + Duration::from_secs(1);
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts serving `room` as `config` says. Fails, without starting anything, if an
/// address cannot be bound.
pub fn start(room: SharedRoom, config: Config) -> Result<Server, Failure> {
    let mut listeners = Vec::new();
    let mut port = config.port;
    for addr in listen_addresses(config.host, config.port)? {
        // The first address picks the port (when asked for any); the others take it.
        let addr = SocketAddr::new(addr.ip(), port);
        let listener = TcpListener::bind(addr)
            .map_err(|e| Failure::Runtime(format!("audience: cannot listen on {addr}: {e}")))?;
        port = listener
            .local_addr()
            .map_err(|e| Failure::Runtime(format!("audience: {e}")))?
            .port();
        listener
            .set_nonblocking(true)
            .map_err(|e| Failure::Runtime(format!("audience: {e}")))?;
        listeners.push(listener);
    }
    let listening: Vec<SocketAddr> = listeners
        .iter()
        .filter_map(|l| l.local_addr().ok())
        .collect();
    let connections = config.connections.within(raise_open_files());
    let site = Arc::new(Site::of(&listening));
    let app = router(
        Shared {
            room,
            random: config.random,
            take_home: config.take_home,
        },
        site,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Failure::Runtime(format!("audience: cannot start the server: {e}")))?;
    let (stop, stopping) = watch::channel(false);
    let thread = std::thread::Builder::new()
        .name("audience".into())
        .spawn(move || {
            runtime.block_on(serve(listeners, app, connections, stopping));
            // Dropping the runtime drops whatever is left of the connections.
            drop(runtime);
        })
        .map_err(|e| Failure::Runtime(format!("audience: cannot start the server: {e}")))?;
    Ok(Server {
        addr: SocketAddr::new(config.host, port),
        listening,
        connections,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// The open connections: where each comes from, when it last made progress (opened,
/// or answered a request), and how to close it.
#[derive(Default)]
struct Open {
    by_task: HashMap<tokio::task::Id, Conn>,
    per_address: HashMap<IpAddr, usize>,
}

struct Conn {
    ip: IpAddr,
    progress: Arc<AtomicU64>,
    abort: AbortHandle,
}

impl Open {
    /// Makes room for a new connection from `ip`: at a cap, the connection that made
    /// no progress for longest (from that address, or from any) is closed.
    fn make_room(&mut self, ip: IpAddr, limits: &Connections) {
        if self.per_address.get(&ip).copied().unwrap_or(0) >= limits.per_address {
            self.close_stalest(|c| c.ip == ip);
        }
        if self.by_task.len() >= limits.total {
            self.close_stalest(|_| true);
        }
    }

    fn close_stalest(&mut self, among: impl Fn(&Conn) -> bool) {
        let stalest = self
            .by_task
            .iter()
            .filter(|(_, c)| among(c))
            .min_by_key(|(_, c)| c.progress.load(Ordering::Relaxed))
            .map(|(id, _)| *id);
        if let Some(id) = stalest
            && let Some(conn) = self.remove(id)
        {
            conn.abort.abort();
        }
    }

    fn add(&mut self, id: tokio::task::Id, conn: Conn) {
        *self.per_address.entry(conn.ip).or_default() += 1;
        self.by_task.insert(id, conn);
    }

    fn remove(&mut self, id: tokio::task::Id) -> Option<Conn> {
        let conn = self.by_task.remove(&id)?;
        if let Some(n) = self.per_address.get_mut(&conn.ip) {
            *n -= 1;
            if *n == 0 {
                self.per_address.remove(&conn.ip);
            }
        }
        Some(conn)
    }
}

/// Milliseconds since `epoch`.
fn since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Accepts connections on every listener and serves each on a task of its own, within
/// `limits`, until told to stop; then gives them `limits.shutdown` to finish.
async fn serve(
    listeners: Vec<TcpListener>,
    app: Router,
    limits: Connections,
    mut stop: watch::Receiver<bool>,
) {
    let (arrived, mut incoming) = tokio::sync::mpsc::channel(64);
    let mut acceptors = JoinSet::new();
    for listener in listeners {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            continue;
        };
        let arrived = arrived.clone();
        acceptors.spawn(async move {
            loop {
                match listener.accept().await {
                    Ok(pair) => {
                        if arrived.send(pair).await.is_err() {
                            return;
                        }
                    }
                    // Out of file descriptors, say: wait for some to close.
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        });
    }
    drop(arrived);
    let epoch = Instant::now();
    let mut open = Open::default();
    let mut tasks = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            Some(ended) = tasks.join_next_with_id() => {
                let id = match ended {
                    Ok((id, ())) => id,
                    Err(e) => e.id(),
                };
                open.remove(id);
            }
            Some((stream, peer)) = incoming.recv() => {
                let peer: SocketAddr = peer;
                open.make_room(peer.ip(), &limits);
                let progress = Arc::new(AtomicU64::new(since(epoch)));
                let abort = tasks.spawn(connection(
                    stream,
                    peer,
                    app.clone(),
                    limits,
                    (epoch, Arc::clone(&progress)),
                    stop.clone(),
                ));
                open.add(abort.id(), Conn { ip: peer.ip(), progress, abort });
            }
            // No listener left and no connection: nothing more to serve.
            else => break,
        }
    }
    acceptors.abort_all();
    let _ = tokio::time::timeout(limits.shutdown, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    tasks.abort_all();
}

/// Serves one connection: HTTP/1.1 with a timer for the head, a small buffer, and a
/// watch on progress: a connection that answers no request within `head + body` of
/// opening or of its last answer is closed (a slow body, a client that never reads).
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: Connections,
    (epoch, progress): (Instant, Arc<AtomicU64>),
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let answered = Arc::clone(&progress);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let (app, answered) = (app.clone(), Arc::clone(&answered));
        async move {
            let response: Result<Response, Infallible> = app.oneshot(request).await;
            answered.store(since(epoch), Ordering::Relaxed);
            response
        }
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .max_buf_size(limits.head_buffer)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    loop {
        let last = progress.load(Ordering::Relaxed);
        let deadline = epoch + Duration::from_millis(last) + limits.head + limits.body;
        tokio::select! {
            _ = conn.as_mut() => return,
            () = tokio::time::sleep_until(deadline.into()) => {
                if progress.load(Ordering::Relaxed) == last {
                    return;
                }
            }
            _ = stop.changed() => {
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(limits.shutdown, conn.as_mut()).await;
                return;
            }
        }
    }
}

/// What the server's handlers share: the room, and where tokens come from.
#[derive(Clone)]
struct Shared {
    room: SharedRoom,
    random: Random,
    take_home: Option<Arc<TakeHome>>,
}

/// The names this server answers to (`Host`) and the origins its page has.
#[derive(Debug)]
struct Site {
    hosts: Vec<String>,
    origins: Vec<String>,
}

impl Site {
    /// Each address listened on, and `localhost`, with the port (and without it on
    /// port 80, as browsers send it there).
    fn of(listening: &[SocketAddr]) -> Self {
        let mut hosts = Vec::new();
        for addr in listening {
            let ip = match addr.ip() {
                IpAddr::V4(ip) => ip.to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
            };
            for name in [ip, "localhost".to_string()] {
                let with_port = format!("{name}:{}", addr.port());
                if !hosts.contains(&with_port) {
                    hosts.push(with_port);
                }
                if addr.port() == 80 && !hosts.contains(&name) {
                    hosts.push(name);
                }
            }
        }
        let origins = hosts.iter().map(|h| format!("http://{h}")).collect();
        Site { hosts, origins }
    }

    /// Why a request is refused before it reaches the room, if it is: a `Host` that is
    /// not this server, a `POST` that is not JSON or comes from another site's page.
    fn refuses(&self, method: &Method, headers: &HeaderMap) -> Option<Refusal> {
        let named = |name: header::HeaderName, among: &[String]| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| among.iter().any(|h| h.eq_ignore_ascii_case(v.trim())))
        };
        if named(header::HOST, &self.hosts) != Some(true) {
            return Some(Refusal::WrongHost);
        }
        if method == Method::POST {
            let json = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
            if !json {
                return Some(Refusal::NotJson);
            }
            if named(header::ORIGIN, &self.origins) == Some(false) {
                return Some(Refusal::ForeignOrigin);
            }
        }
        None
    }
}

fn router(shared: Shared, site: Arc<Site>) -> Router {
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
        .route(take_home::SERVED_AT, get(take_home_page))
        .route(take_home::SAVED_AT, get(take_home_file))
        .route(
            take_home::SCRIPT_AT,
            get(|| async { asset("text/javascript; charset=utf-8", take_home::SCRIPT) }),
        )
        .route(
            take_home::STYLE_AT,
            get(|| async { asset("text/css; charset=utf-8", take_home::STYLE) }),
        )
        .route("/api/state", get(state))
        .route("/api/answer", post(answer))
        .fallback(|| async { refusal_response(StatusCode::NOT_FOUND, "not found") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(site, this_site))
        .layer(middleware::from_fn_with_state(shared.room.clone(), admit))
        .layer(middleware::from_fn(security_headers))
        .with_state(shared)
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

/// Only requests for this server, and posts from its own page.
async fn this_site(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    match site.refuses(request.method(), request.headers()) {
        None => next.run(request).await,
        Some(refusal) => refused(refusal),
    }
}

/// What every response carries: a strict Content-Security-Policy (nothing but this
/// server's own script and style; the saved take-home file brings its own, which
/// allows no request either), no sniffing, no framing, no referrer, no caching.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                 img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            ),
        );
    }
    for (name, value) in [
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
    Lang::from_code(asked)
}

async fn page_html(
    State(shared): State<Shared>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    let lang = asked_lang(&query).unwrap_or_else(|| lock(&shared.room).lang());
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::html(lang),
    )
        .into_response()
}

/// The page to take home, to read on the phone (404 where the session has none).
async fn take_home_page(
    State(shared): State<Shared>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    take_home_in(&shared, &query, |pages, lang| {
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            pages.served(lang),
        )
            .into_response()
    })
}

/// The page to take home as one file, saved rather than shown: it works once the
/// session and its server are gone. It carries its own policy, which lets its inline
/// style and script run (and still no request), should a browser show it after all.
async fn take_home_file(
    State(shared): State<Shared>,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    take_home_in(&shared, &query, |pages, lang| {
        let name = format!(
            "attachment; filename=\"bolwerk-take-home-{}.html\"",
            lang.code()
        );
        let disposition =
            HeaderValue::from_str(&name).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CONTENT_DISPOSITION, disposition),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(take_home::CSP),
                ),
            ],
            pages.file(lang),
        )
            .into_response()
    })
}

/// `respond` with the session's take-home pages and the language asked for (else the
/// session's); 404 where the session has no such page.
fn take_home_in(
    shared: &Shared,
    query: &Result<Query<LangQuery>, QueryRejection>,
    respond: impl FnOnce(&TakeHome, Lang) -> Response,
) -> Response {
    let Some(pages) = &shared.take_home else {
        return refusal_response(StatusCode::NOT_FOUND, "not found");
    };
    let lang = asked_lang(query).unwrap_or_else(|| lock(&shared.room).lang());
    respond(pages, lang)
}

async fn state(
    State(shared): State<Shared>,
    headers: HeaderMap,
    query: Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    // One lock for the language and the state, so they agree.
    let mut state = {
        let room = lock(&shared.room);
        let lang = asked_lang(&query).unwrap_or_else(|| room.lang());
        room.state(lang, participant(&headers))
    };
    state.take_home = shared.take_home.is_some();
    json(StatusCode::OK, &state)
}

/// `POST /api/answer`'s body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerBody {
    code: String,
    /// The answer; none for a sketch.
    #[serde(default)]
    answer: Option<f64>,
    /// For an organisation: the share guessed at its size, in percent.
    #[serde(default)]
    guess: Option<f64>,
    /// For a sketch: the share expected at each of its sizes, in percent.
    #[serde(default)]
    sketch: Option<Vec<f64>>,
}

async fn answer(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
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
    let Ok((code, sent)) = decode_answer(&body) else {
        return refused(Refusal::Malformed);
    };
    let known = participant(&headers);
    let random = shared.random;
    let result = lock(&shared.room).answer(
        peer.ip(),
        known,
        &code,
        sent,
        || new_token(random),
        Instant::now(),
    );
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

/// `POST /api/answer`'s body: the code typed, and the answer as a number (with, for an
/// organisation, the share guessed there), or a sketch as its points. A body with
/// neither, or a sketch of more points than any has, is malformed. Public for the fuzz
/// target (fuzz/app).
pub fn decode_answer(body: &[u8]) -> Result<(String, Sent), Refusal> {
    let b = serde_json::from_slice::<AnswerBody>(body).map_err(|_| Refusal::Malformed)?;
    // An answer is a number or a sketch: a body with neither is no answer at all.
    if b.answer.is_none() && b.sketch.is_none() {
        return Err(Refusal::Malformed);
    }
    let sketch = match &b.sketch {
        Some(points) => Some(Sketch::new(points).ok_or(Refusal::Malformed)?),
        None => None,
    };
    Ok((
        b.code,
        Sent {
            raw: b.answer,
            guess: b.guess,
            sketch,
        },
    ))
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

/// A fresh participant token, 128 random bits; none without randomness (a token that
/// could be guessed would let anyone answer in someone else's name).
fn new_token(random: Random) -> Option<Token> {
    let mut bytes = [0u8; 16];
    random(&mut bytes).then(|| Token::from_le_bytes(bytes))
}

/// A random session code: six letters and digits that cannot be mistaken for each
/// other on a projector (no 0/O, 1/I/L); none without randomness.
pub fn new_code(random: Random) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    // 248 = 8 × 31: bytes from 248 up are drawn again, so every letter is as likely.
    let mut code = String::new();
    let mut bytes = [0u8; 16];
    for _ in 0..8 {
        if !random(&mut bytes) {
            return None;
        }
        for b in bytes.iter().filter(|b| usize::from(**b) < 248) {
            code.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
            if code.len() == 6 {
                return Some(code);
            }
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_listens_on_the_printed_address_and_loopback_only() {
        let lan = IpAddr::from([192, 168, 1, 20]);
        assert_eq!(
            listen_addresses(lan, 8080).unwrap(),
            vec![
                SocketAddr::from(([192, 168, 1, 20], 8080)),
                SocketAddr::from(([127, 0, 0, 1], 8080)),
            ]
        );
        let local = IpAddr::from([127, 0, 0, 1]);
        assert_eq!(
            listen_addresses(local, 0).unwrap(),
            vec![SocketAddr::from(([127, 0, 0, 1], 0))]
        );
        for every in ["0.0.0.0", "::"] {
            let err = listen_addresses(every.parse().unwrap(), 8080).unwrap_err();
            assert!(err.to_string().contains("--audience-host"), "{err}");
        }
    }

    #[test]
    fn only_this_server_is_a_host_and_only_its_page_an_origin() {
        let site = Site::of(&[
            SocketAddr::from(([192, 168, 1, 20], 8080)),
            SocketAddr::from(([127, 0, 0, 1], 8080)),
        ]);
        let headers = |pairs: &[(header::HeaderName, &str)]| {
            let mut h = HeaderMap::new();
            for (name, value) in pairs {
                h.insert(name.clone(), HeaderValue::from_str(value).unwrap());
            }
            h
        };
        let json = (header::CONTENT_TYPE, "application/json; charset=utf-8");
        for host in ["192.168.1.20:8080", "127.0.0.1:8080", "LOCALHOST:8080"] {
            let h = headers(&[(header::HOST, host), json.clone()]);
            assert_eq!(site.refuses(&Method::POST, &h), None, "{host}");
        }
        for host in ["evil.example:8080", "192.168.1.20", "192.168.1.20:80", ""] {
            let h = headers(&[(header::HOST, host)]);
            assert_eq!(site.refuses(&Method::GET, &h), Some(Refusal::WrongHost));
        }
        assert_eq!(
            site.refuses(&Method::GET, &HeaderMap::new()),
            Some(Refusal::WrongHost)
        );
        let host = (header::HOST, "192.168.1.20:8080");
        for kind in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonx",
        ] {
            let h = headers(&[host.clone(), (header::CONTENT_TYPE, kind)]);
            assert_eq!(site.refuses(&Method::POST, &h), Some(Refusal::NotJson));
        }
        let h = headers(&[
            host.clone(),
            json.clone(),
            (header::ORIGIN, "http://evil.example"),
        ]);
        assert_eq!(
            site.refuses(&Method::POST, &h),
            Some(Refusal::ForeignOrigin)
        );
        let h = headers(&[host, json, (header::ORIGIN, "http://192.168.1.20:8080")]);
        assert_eq!(site.refuses(&Method::POST, &h), None);
        // On port 80 a browser leaves the port out.
        let site = Site::of(&[SocketAddr::from(([10, 0, 0, 2], 80))]);
        let h = headers(&[(header::HOST, "10.0.0.2")]);
        assert_eq!(site.refuses(&Method::GET, &h), None);
    }

    #[test]
    fn the_code_needs_randomness_and_uses_the_whole_alphabet() {
        assert_eq!(new_code(|_| false), None);
        assert_eq!(new_token(|_| false), None);
        let code = new_code(os_random).unwrap();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| !b"01OIL".contains(&b)), "{code}");
        // Bytes that would bias the draw are skipped: all-255 randomness makes no code.
        assert_eq!(
            new_code(|b| {
                b.fill(255);
                true
            }),
            None
        );
        assert_eq!(
            new_code(|b| {
                b.fill(31);
                true
            })
            .as_deref(),
            Some("AAAAAA")
        );
    }

    #[test]
    fn the_connection_cap_fits_the_file_limit() {
        let limits = Connections::default();
        assert_eq!(limits.within(None), limits);
        assert_eq!(limits.within(Some(1 << 20)), limits);
        let tight = limits.within(Some(300));
        assert_eq!((tight.total, tight.per_address), (44, 16));
        assert_eq!(limits.within(Some(10)).total, 1);
        assert_eq!(Connections::shared_address().per_address, limits.total);
    }
}
