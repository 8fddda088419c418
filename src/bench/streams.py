#!/usr/bin/env python3
"""Hold N Server-Sent Events streams open, reading every one (none of them is a stalled client).

    python3 src/bench/streams.py --url http://127.0.0.1:8080/api/v1/events --count 500

Prints "open N" once every stream has received its first frame (the service registered it), then keeps reading
until SIGTERM or SIGINT, and prints what arrived ("frames F, closed C") before it exits. Exits 1 if a stream is
refused or closed before all are open.
"""

import argparse
import selectors
import signal
import socket
import sys
import time
from urllib.parse import urlsplit


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for all streams to open")
    args = parser.parse_args()

    url = urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    path = url.path + ("?" + url.query if url.query else "")
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n").encode()

    selector = selectors.DefaultSelector()
    opened = set()
    frames = 0
    closed = 0
    for _ in range(args.count):
        sock = socket.create_connection((host, port), timeout=10)
        sock.sendall(request)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, bytearray())

    stop = False

    def on_signal(signum, frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    deadline = time.monotonic() + args.timeout
    announced = False
    while not stop:
        for key, _ in selector.select(timeout=0.5):
            sock, buffer = key.fileobj, key.data
            try:
                data = sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                closed += 1
                selector.unregister(sock)
                sock.close()
                if not announced:
                    print(f"a stream closed before all were open: {bytes(buffer[:200])!r}", file=sys.stderr)
                    sys.exit(1)
                continue
            buffer.extend(data)
            if sock not in opened:
                head, sep, rest = bytes(buffer).partition(b"\r\n\r\n")
                if not sep:
                    continue
                status = head.split(b"\r\n", 1)[0]
                if b" 200 " not in status:
                    print(f"a stream was refused: {status!r}", file=sys.stderr)
                    sys.exit(1)
                opened.add(sock)
                buffer[:] = rest
            # count complete frames (blank-line separated), keep the unfinished tail
            text = bytes(buffer)
            frames += text.count(b"\n\n")
            buffer[:] = text[text.rfind(b"\n\n") + 2:] if b"\n\n" in text else text
        if not announced:
            if len(opened) == args.count and frames >= args.count:
                print(f"open {args.count}", flush=True)
                announced = True
            elif time.monotonic() > deadline:
                print(f"only {len(opened)} of {args.count} streams open after {args.timeout} s", file=sys.stderr)
                sys.exit(1)
    print(f"frames {frames}, closed {closed}", flush=True)


if __name__ == "__main__":
    main()
