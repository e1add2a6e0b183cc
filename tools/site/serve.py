"""Serve the browser version of the course with Python's own HTTP server.

    .venv/bin/python tools/site/serve.py [--port 8000] [--bind 127.0.0.1] [--dir build/site]

127.0.0.1 (the default) serves this computer only. For a classroom network, bind to the
computer's address on that network (--bind 0.0.0.0 serves every network it is on).
It is http.server with the content types that a JupyterLite site needs set explicitly
(some systems know neither .wasm nor .mjs, and browsers refuse such files under another type).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.quiet:  # type: ignore[attr-defined]
            return
        super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that stops a download (a closed tab, a reload) is not an error of the server.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, bind: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> SiteServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = SiteServer((bind, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    if not (args.dir / "index.html").is_file():
        print(f"serve-site: {args.dir} holds no site; run `make site` first", file=sys.stderr)
        return 1
    server = make_server(args.dir, args.bind, args.port, args.quiet)
    host = "127.0.0.1" if args.bind in ("0.0.0.0", "") else args.bind
    print(f"The course is at http://{host}:{server.server_address[1]}/  (Ctrl+C stops the server)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
