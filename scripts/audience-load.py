#!/usr/bin/env python3
"""A room on its phones, for the audience benchmark (scripts/bench-audience.sh).

    audience-load.py URL CODE [PARTICIPANTS] [SECONDS] [burst|spread]
                     [answer|take-home|organisations|sketch]

Each participant is a thread with a connection of its own, from an address of its own
(participant k connects from 127.1.0.0 + k + 1, as each phone on a venue's network has
an address of its own; URL must then be a loopback one): it polls /api/state every
two seconds, as the page does, and answers one to three times at random moments within
SECONDS (a change of mind replaces the answer), with its own cookie. With `burst`, all
answer at once at the start instead. With `take-home` (the last part), each takes the
page to take home once instead of answering: the page, its style and script, and the
saved file. With `organisations` (the part that asks for the room's organisations),
each answer is an organisation: a size from 1 to 1,000,000 employees, spread evenly on
a log scale, with a guess from 0 to 100% two times in three. With `sketch` (the example
session's sketch), each answer is a sketch of six points, falling from 30% at random.
Prints one line of figures. Standard library only.
"""
import http.client
import json
import random
import resource
import sys
import threading
import time
import urllib.parse

url, code = sys.argv[1], sys.argv[2]
participants = int(sys.argv[3]) if len(sys.argv) > 3 else 300
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
burst = len(sys.argv) > 5 and sys.argv[5] == "burst"
take_home = len(sys.argv) > 6 and sys.argv[6] == "take-home"
organisations = len(sys.argv) > 6 and sys.argv[6] == "organisations"
# A sketch of the example session (assets/scenarios/sketch-the-curve.ron): six sizes.
sketch = len(sys.argv) > 6 and sys.argv[6] == "sketch"
TAKE_HOME = ["/take-home?lang=en", "/take-home.css", "/take-home.js", "/take-home/save?lang=en"]
host = urllib.parse.urlsplit(url)
lock = threading.Lock()
answers, statuses, latencies = [], {}, []
failed = [0]
fetched = [0]


def participant(k, start):
    try:
        run(k, start)
    except (OSError, http.client.HTTPException):
        # The presenter went away (or refused): counted, not a crash.
        with lock:
            failed[0] += 1


def run(k, start):
    rng = random.Random(k)
    n = 0x7F010000 + k + 1
    phone = ".".join(str(n >> s & 255) for s in (24, 16, 8, 0))
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10, source_address=(phone, 0))
    cookie = None
    times = [0.0] if burst else sorted(rng.uniform(0, seconds) for _ in range(rng.randint(1, 3)))
    if take_home:
        # Once each: at one moment drawn evenly within SECONDS, or at the start.
        times = [0.0] if burst else [rng.uniform(0, seconds)]
    next_poll = rng.uniform(0, 2)
    while True:
        now = time.monotonic() - start
        if now > seconds + 1 and not times:
            break
        if times and now >= times[0] and take_home:
            times.pop(0)
            for path in TAKE_HOME:
                t = time.monotonic()
                conn.request("GET", path)
                r = conn.getresponse()
                body = r.read()
                took = time.monotonic() - t
                with lock:
                    answers.append(r.status)
                    fetched[0] += len(body)
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                    latencies.append(took)
        elif times and now >= times[0]:
            times.pop(0)
            if organisations:
                sent = {"code": code, "answer": int(round(10 ** rng.uniform(0, 6)))}
                if rng.random() < 2 / 3:
                    sent["guess"] = rng.randrange(101)
            elif sketch:
                points = [30.0]
                for _ in range(5):
                    points.append(round(points[-1] * rng.uniform(0.6, 1.05), 1))
                sent = {"code": code, "sketch": points}
            else:
                sent = {"code": code, "answer": rng.randrange(4)}
            body = json.dumps(sent)
            headers = {"Content-Type": "application/json"}
            if cookie:
                headers["Cookie"] = cookie
            t = time.monotonic()
            conn.request("POST", "/api/answer", body, headers)
            r = conn.getresponse()
            r.read()
            took = time.monotonic() - t
            if r.getheader("Set-Cookie"):
                cookie = r.getheader("Set-Cookie").split(";")[0]
            with lock:
                answers.append(r.status)
                statuses[r.status] = statuses.get(r.status, 0) + 1
                latencies.append(took)
        elif now >= next_poll:
            next_poll += 2
            t = time.monotonic()
            conn.request("GET", "/api/state", headers={"Cookie": cookie} if cookie else {})
            r = conn.getresponse()
            r.read()
            took = time.monotonic() - t
            with lock:
                statuses[r.status] = statuses.get(r.status, 0) + 1
                latencies.append(took)
        else:
            time.sleep(min(0.05, max(0.0, (times[0] if times else next_poll) - now)))


start = time.monotonic()
threads = [threading.Thread(target=participant, args=(k, start)) for k in range(participants)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.monotonic() - start
latencies.sort()
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
requests = sum(statuses.values())
accepted = sum(1 for s in answers if s == 200)
what = f"{len(answers)} take-home fetches ({accepted} whole, {fetched[0] / 1e6:.1f} MB)" if take_home else (
    f"{len(answers)} answers ({accepted} taken, {len(answers) / wall:.1f}/s)")
print(
    f"load: {participants} participants over {wall:.1f} s: {requests} requests "
    f"({requests / wall:.0f}/s), {what}, statuses {dict(sorted(statuses.items()))}, "
    f"{failed[0]} participants cut off, "
    f"latency median {latencies[len(latencies) // 2] * 1e3:.1f} ms, "
    f"p99 {latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] * 1e3:.1f} ms; "
    f"this generator used {cpu:.1f} s of CPU"
)
