"""The nginx front of `kit serve --workers N`: one public port, several participant Voilà
processes behind it.

Why a proxy: one Voilà process renders pages and serves ~100 script files per join in a single
thread, and sends them without caching headers. nginx (Debian's package) compresses in C,
keeps one copy of the scripts for all processes and lets phones keep them for the workshop,
so the Voilà processes spend their time on kernels and pages only.

Each process gets a prefix (`/w1/`, `/w2/` …) as its Voilà `base_url`, so every later request
of a page (scripts, widget state, the kernel's websocket) names the process that holds its
kernel. Links without a prefix (the QR link, the board link, a personal link) go round-robin
to the processes, which send the phone on under their own prefix (`kit._voila_app._Rebase`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import IO, Any

from kit.core.errors import NeedsNginx, ProxyRefused

# Per client address, sized for a room of 150 phones behind one address (a municipal NAT, a
# carrier's): page and API requests (not the cached scripts) at a steady 30 a second with
# bursts of 1,500 (a join is ~10 of them, and the whole room may join in one minute), and at
# most 1,200 connections at once (a phone opens ~6). Beyond that nginx answers 503 before a
# worker or a kernel is bothered; the kernel budget of the workers is the real limit. Behind
# a trusted proxy (`--trusted-proxies`, nginx's `real_ip`) the address is the phone's own.
LIMIT_REQ = "limit_req zone=kit_req burst=1500 nodelay;"
LIMIT_CONN = "limit_conn kit_conn 1200;"
REQ_RATE = "30r/s"
CACHE_SECONDS = 6 * 3600  # a workshop day: a reload then reuses the scripts without asking
STATIC = r"voila/(?:static|templates|labextensions)/"
GZIP_TYPES = ("application/javascript text/javascript text/css application/json "
              "image/svg+xml text/plain application/wasm")


def prefix(worker: int) -> str:
    """The URL prefix of participant process `worker` (1-based)."""
    return f"/w{worker}/"


def find_nginx() -> str:
    """The nginx binary, or NeedsNginx, which says how to install it."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if not found:
        raise NeedsNginx()
    return found


def _listen(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _server_names(names: list[str]) -> str:
    return " ".join(f"[{n}]" if ":" in n else n for n in names)


def real_ip(trusted: list[str]) -> str:
    """nginx's `real_ip` lines: the client is the last X-Forwarded-For address that is not
    a trusted proxy (so the limits and X-Real-IP name the phone); nothing without `trusted`."""
    if not trusted:
        return ""
    lines = [f"  set_real_ip_from {t};" for t in trusted]
    return "\n".join([*lines, "  real_ip_header X-Forwarded-For;", "  real_ip_recursive on;"])


def config(host: str, port: int, worker_ports: list[int], run_dir: Path,
           cache_seconds: int = CACHE_SECONDS, names: list[str] | None = None,
           trusted: list[str] | None = None) -> str:
    """nginx.conf for a proxy on host:port in front of the workers on 127.0.0.1.

    With `names` (the allow-list of `kit._hosts`) a request for any other Host gets 403
    from a default server before it reaches a worker; the workers check Origin too. With
    `trusted` (addresses or networks of proxies in front) their X-Forwarded-For is believed."""
    run = Path(run_dir)
    refuse = "" if names is None else f"""
  server {{
    listen {_listen(host, port)} default_server;
    return 403;
  }}"""
    server_name = "" if names is None else f"\n    server_name {_server_names(names)};"
    user = "user root root;\n" if os.geteuid() == 0 else ""  # nginx drops root otherwise
    entries = "\n".join(f"    server 127.0.0.1:{p};" for p in worker_ports)
    locations = []
    for n, p in enumerate(worker_ports, start=1):
        w = prefix(n)
        locations.append(f"""
    location {w} {{
      proxy_pass http://127.0.0.1:{p};
      include {run}/upstream.conf;
      {LIMIT_REQ}
      proxy_buffering off;              # pages stream as Voilà renders them
      proxy_read_timeout 8h;            # a kernel's websocket stays open all workshop
      proxy_send_timeout 8h;
    }}
    location ~ ^{w}({STATIC}.*)$ {{
      proxy_pass http://127.0.0.1:{p};
      include {run}/upstream.conf;
      proxy_cache kit;
      proxy_cache_key $1$is_args$args;  # one copy for every process
      proxy_cache_valid 200 {cache_seconds}s;
      proxy_ignore_headers Cache-Control Expires Set-Cookie;
      proxy_hide_header Cache-Control;
      proxy_hide_header Set-Cookie;
      add_header Cache-Control "public, max-age={cache_seconds}";
      add_header X-Kit-Cache $upstream_cache_status;
    }}""")
    return f"""# Written by kit serve --workers {len(worker_ports)}; rewritten at every start.
{user}worker_processes 1;
pid {run}/nginx.pid;
error_log stderr warn;  # piped through kit._logs into nginx-error.log, minus query strings
events {{ worker_connections 4096; }}
worker_rlimit_nofile 8192;
http {{
  access_log off;  # request lines carry join codes and personal rejoin codes
  client_body_temp_path {run}/tmp/body;
  proxy_temp_path {run}/tmp/proxy;
  fastcgi_temp_path {run}/tmp/fastcgi;
  uwsgi_temp_path {run}/tmp/uwsgi;
  scgi_temp_path {run}/tmp/scgi;
  client_max_body_size 2m;
  server_tokens off;
  gzip on;
  gzip_comp_level 5;
  gzip_min_length 512;
  gzip_proxied any;
  gzip_vary on;
  gzip_types {GZIP_TYPES};
  proxy_cache_path {run}/cache levels=1:2 keys_zone=kit:10m max_size=256m inactive=1d
                   use_temp_path=off;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}
{real_ip(trusted or [])}
  limit_req_zone $binary_remote_addr zone=kit_req:10m rate={REQ_RATE};
  limit_conn_zone $binary_remote_addr zone=kit_conn:10m;
  limit_req_status 503;
  limit_conn_status 503;
  upstream kit_entry {{
{entries}
  }}{refuse}
  server {{
    listen {_listen(host, port)};{server_name}
    {LIMIT_CONN}
    location = /favicon.ico {{ return 204; }}
    location / {{
      proxy_pass http://kit_entry;
      include {run}/upstream.conf;
      {LIMIT_REQ}
    }}{"".join(locations)}
  }}
}}
"""


UPSTREAM = """proxy_http_version 1.1;
proxy_set_header Host $http_host;
proxy_set_header Upgrade $http_upgrade;
proxy_set_header Connection $connection_upgrade;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Real-IP $remote_addr;
proxy_set_header X-Forwarded-Proto $scheme;
"""


def write(host: str, port: int, worker_ports: list[int], run_dir: Path,
          names: list[str] | None = None, trusted: list[str] | None = None) -> Path:
    """Write the configuration and the folders nginx needs; return the config's path."""
    run = Path(run_dir)
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "cache"):
        (run / sub).mkdir(parents=True, exist_ok=True)
    (run / "upstream.conf").write_text(UPSTREAM)
    conf = run / "nginx.conf"
    conf.write_text(config(host, port, worker_ports, run, names=names, trusted=trusted))
    return conf


def check(conf: Path) -> None:
    """Let nginx itself validate the configuration (ProxyRefused with its words if not)."""
    done = subprocess.run([find_nginx(), "-t", "-q", "-e", "stderr", "-p", str(conf.parent),
                           "-c", str(conf)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ProxyRefused(detail=done.stderr.strip())


def start(conf: Path, log: IO[Any] | None = None) -> subprocess.Popen[bytes]:
    """nginx in the foreground (stopped with the servers it fronts). Its error log lines name
    the request, query string included, so they reach `nginx-error.log` through a filter."""
    from kit import _logs

    check(conf)
    if log is not None:
        log.close()  # the filtered error log takes its place
    proc = subprocess.Popen([find_nginx(), "-e", "stderr", "-p", str(conf.parent), "-c",
                             str(conf), "-g", "daemon off;"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    assert proc.stdout is not None
    _logs.copy_filtered(proc.stdout, conf.parent / "nginx-error.log")
    return proc
