#!/usr/bin/env python3
"""The audience server tried as an attacker would, for BENCHMARKS.md ("The audience
attacked"), run by scripts/bench-audience-attack.sh against a presenter at an open
question. Loopback only: every "device" is an address in 127.0.0.0/8, and every loop
is bounded in count and time. Standard library only.

    audience-attack.py fill  URL CODE       one device, 500 answers without a cookie
    audience-attack.py hold  URL CODE       1,100 silent sockets from 110 addresses
    audience-attack.py heads URL CODE PID   1,000 sockets each sending a 400 KB head
    audience-attack.py half  URL            one half-sent request, held until killed

Each prints one line of figures.
"""
import http.client
import json
import resource
import socket
import sys
import threading
import time
import urllib.parse

mode, url = sys.argv[1], sys.argv[2]
code = sys.argv[3] if len(sys.argv) > 3 else ""
target = urllib.parse.urlsplit(url)
host, port = target.hostname, target.port
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def device(k):
    n = 0x7F020000 + k + 1
    return ".".join(str(n >> s & 255) for s in (24, 16, 8, 0))


def connect_from(src, timeout):
    """A socket to the server from the address `src`."""
    s = socket.socket()
    s.bind((src, 0))
    s.settimeout(timeout)
    s.connect((host, port))
    return s


def post(src, body, cookie=None, timeout=10):
    conn = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(src, 0))
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("POST", "/api/answer", json.dumps(body), headers)
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status


def phone_answers():
    """A real phone from an address of its own: its status, or 'timed out'."""
    try:
        return post(device(5000), {"code": code, "answer": 0}, timeout=10)
    except OSError as e:
        return f"failed ({type(e).__name__})"


if mode == "fill":
    start = time.monotonic()
    statuses = {}
    conn = http.client.HTTPConnection(host, port, timeout=10, source_address=(device(0), 0))
    for _ in range(500):
        conn.request("POST", "/api/answer", json.dumps({"code": code, "answer": 0}),
                     {"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        statuses[r.status] = statuses.get(r.status, 0) + 1
    took = time.monotonic() - start
    print(f"fill: 500 answers without a cookie from one address in {took:.2f} s: "
          f"statuses {dict(sorted(statuses.items()))}; a phone on another address then "
          f"gets {phone_answers()}")

elif mode == "hold":
    sockets = []
    for k in range(1100):
        try:
            s = connect_from(device(k // 10), 5)
            s.send(b"G")
            sockets.append(s)
        except OSError:
            break
    opened = len(sockets)
    during = phone_answers()
    time.sleep(25)
    alive = 0
    for s in sockets:
        s.setblocking(False)
        try:
            if s.recv(1):  # an answer, not yet closed
                alive += 1
        except BlockingIOError:  # nothing yet: still open
            alive += 1
        except OSError:  # reset: closed
            pass
    after = phone_answers()
    print(f"hold: {opened} silent sockets opened (one byte each, 110 addresses); a phone "
          f"during: {during}; 25 s later {alive} still held open by the server; a phone "
          f"then: {after}")
    for s in sockets:
        s.close()

elif mode == "heads":
    pid = sys.argv[4]

    def rss():
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
        return 0

    before = rss()
    peak = [before]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    chunk = b"X-Pad: " + b"a" * 4000 + b"\r\n"
    head = f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n".encode()
    sockets = []
    for k in range(1000):
        try:
            s = connect_from(device(k // 10), 2)
            sockets.append(s)
            s.sendall(head)
            for _ in range(100):  # about 400 KB, never finished
                s.sendall(chunk)
        except OSError:
            pass
    time.sleep(3)
    for s in sockets:
        s.close()
    time.sleep(3)
    stop.set()
    watcher.join()
    print(f"heads: 1,000 sockets each sending ~400 KB of an unfinished head: the "
          f"presenter's memory {before} MB before, {peak[0]} MB at the peak, {rss()} MB "
          f"3 s after they closed")

elif mode == "half":
    s = connect_from(device(9000), None)
    s.sendall(f"POST /api/answer HTTP/1.1\r\nHost: {host}:{port}\r\nContent-".encode())
    print("half: sent", flush=True)
    time.sleep(120)
