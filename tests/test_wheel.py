"""eventwire as a package: declared imports, vendored web assets, and the wheel in a fresh venv.

The slow test builds the wheel from a ``git clone`` of this repository (the committed
HEAD, not the working tree), installs it into a fresh virtual environment with the pip
that Python's ``venv`` gives (23.2 for 3.11; not upgraded) and no test extras, then runs
``eventwire run examples``, ``eventwire serve`` (GET ``/`` and ``/api/events``) and
``eventwire.code(...)``. Those three run without a network (in a network namespace of
their own, ``unshare -n``, when the test runs as root; otherwise on the machine's network).
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "eventwire" / "web" / "static" / "vendor"

#: Imports that only an optional extra provides, each guarded by the code that uses it.
OPTIONAL = {"ray": "ray"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imports() -> dict[str, set[str]]:
    """Top-level modules imported under src/ (absolute imports), with the files importing each."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return {name: files for name, files in found.items()
            if name not in sys.stdlib_module_names and name != "eventwire"}


def test_wheel_every_runtime_import_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_norm(re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}
    extras = {extra: {_norm(re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0]) for d in deps}
              for extra, deps in project["optional-dependencies"].items()}
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for module, files in sorted(_imports().items()):
        if module in OPTIONAL:
            assert _norm(module) in extras[OPTIONAL[module]], f"{module} is not in the {OPTIONAL[module]} extra"
            continue
        provided = {_norm(d) for d in distributions.get(module, [])}
        if not provided & declared:
            missing[module] = sorted(files)
    assert not missing, f"imported under src/ but not in pyproject's dependencies: {missing}"


def test_wheel_install_script_pins_every_declared_requirement() -> None:
    """scripts/install.sh installs with scripts/constraints.txt: every requirement of the project
    and its test extra is pinned there, to a version its own specifier accepts."""
    from packaging.requirements import Requirement

    pins = {}
    for line in (ROOT / "scripts" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not an exact pin in scripts/constraints.txt: {line!r}"
            pins[_norm(name)] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wrong = {}
    for dep in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(dep)
        version = pins.get(_norm(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            wrong[requirement.name] = version
    assert not wrong, f"unpinned, or pinned outside pyproject's range: {wrong}"
    assert "-c scripts/constraints.txt" in (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")


def test_wheel_vendored_assets_are_committed_with_their_licences() -> None:
    from eventwire.web.assets import REQUIRED

    tracked = set(subprocess.run(["git", "ls-files", str(VENDOR)], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split())
    for name in (*REQUIRED, "NOTICE", "admin1/afg.topo.json"):
        assert str((VENDOR / name).relative_to(ROOT)) in tracked, f"{name} is not committed"
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    rows = [line.split("\t") for line in (VENDOR / "NOTICE").read_text(encoding="utf-8").splitlines()
            if line.count("\t") == 4][1:]
    listed = {row[0]: row for row in rows}
    wanted = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, version in wanted.items():
        assert listed[name][1] == version == lock[f"node_modules/{name}"]["version"]
    for name, version, licence, text, _files in rows:
        assert version == lock[f"node_modules/{name}"]["version"] and licence == lock[f"node_modules/{name}"]["license"]
        assert (VENDOR / text).is_file() and (VENDOR / text).stat().st_size > 100, text


# -- the wheel in a fresh venv ---------------------------------------------------------------

# Written for this test, in our own words.
ATTACK = ("KANDAHAR, Afghanistan - A suicide bomber blew himself up at a checkpoint on the edge of "
          "Kandahar city on Thursday, killing four policemen, the provincial police chief said.")

CHECKS = r'''
import json, socket, subprocess, sys, time, urllib.request
from pathlib import Path

bin_dir, examples, work = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
out = {}
run = subprocess.run([str(bin_dir / "eventwire"), "run", examples, "--out", str(work / "out"),
                      "--db", str(work / "db.duckdb"), "--quiet"], capture_output=True, text=True)
out["run"] = {"rc": run.returncode, "stderr": run.stderr[-2000:],
              "files": sorted(p.name for p in (work / "out").iterdir()) if (work / "out").is_dir() else []}
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
serve = subprocess.Popen([str(bin_dir / "eventwire"), "serve", "--db", str(work / "db.duckdb"), "--port",
                          str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
answers = {}
try:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and serve.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                answers["/"] = [page.status, len(page.read())]
            break
        except OSError:
            time.sleep(0.5)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events", timeout=30) as api:
        answers["/api/events"] = [api.status, json.loads(api.read())]
except OSError as exc:
    answers["error"] = repr(exc)
finally:
    serve.terminate()
    try:
        serve.wait(timeout=30)
    except subprocess.TimeoutExpired:
        serve.kill()
out["serve"] = answers
out["serve_output"] = (serve.stdout.read() if serve.stdout else "")[-2000:]
code = subprocess.run([str(bin_dir / "python"), "-c",
                       "import json, sys, eventwire; events = eventwire.code(sys.argv[1], published='2024-05-10'); "
                       "print(json.dumps({'module': eventwire.__file__, 'events': [e.as_dict() for e in events]}))",
                       sys.argv[4]],
                      capture_output=True, text=True)
out["code"] = {"rc": code.returncode, "stdout": code.stdout[-20000:], "stderr": code.stderr[-2000:]}
print(json.dumps(out))
'''


def _clean_env() -> dict[str, str]:
    """This process's environment without what would make Python find this tree's code or venv."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV",
                                                              "PYTHONSTARTUP", "PYTHONUSERBASE"}}


def _step(command: list[str], *, cwd: Path, timeout: float) -> float:
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False,
                          env=_clean_env())
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return round(time.monotonic() - started, 1)


def _offline(command: list[str]) -> tuple[list[str], bool]:
    """``command`` in a network namespace of its own (loopback only), when this can be done."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or "/usr/sbin/ip"
    if os.geteuid() != 0 or unshare is None or not Path(ip).exists():
        return command, False
    probe = subprocess.run([unshare, "-n", ip, "link", "set", "lo", "up"], capture_output=True, check=False)
    if probe.returncode != 0:
        return command, False
    script = f"{ip} link set lo up && exec \"$0\" \"$@\""
    return [unshare, "-n", "sh", "-c", script, *command], True


@pytest.mark.slow
def test_wheel_from_a_clean_clone_installs_and_runs_offline(tmp_path: Path) -> None:
    timings: dict[str, float] = {}
    clone, venv, dist, work = tmp_path / "clone", tmp_path / "venv", tmp_path / "dist", tmp_path / "work"
    work.mkdir()
    timings["clone"] = _step(["git", "clone", "--quiet", str(ROOT), str(clone)], cwd=tmp_path, timeout=300)
    python = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    timings["venv"] = _step([str(python), "-m", "venv", str(venv)], cwd=tmp_path, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    env_note = subprocess.run([*pip, "--version"], capture_output=True, text=True, check=True,
                              env=_clean_env()).stdout.split()[1]
    timings["wheel"] = _step([*pip, "wheel", "--quiet", "--no-deps", str(clone), "-w", str(dist)], cwd=tmp_path,
                             timeout=600)
    (wheel,) = dist.glob("eventwire-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("d3.min.js", "topojson-client.min.js", "countries-50m.json", "NOTICE", "licenses/d3-LICENSE",
                 "admin1/som.topo.json"):
        assert f"eventwire/web/static/vendor/{name}" in names, name
    timings["install"] = _step([*pip, "install", "--quiet", str(wheel)], cwd=tmp_path, timeout=1500)
    checks = tmp_path / "checks.py"
    checks.write_text(CHECKS, encoding="utf-8")
    command, offline = _offline([str(venv / "bin" / "python"), str(checks), str(venv / "bin"),
                                 str(clone / "examples"), str(work), ATTACK])
    started = time.monotonic()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=1200, check=False,
                          env=_clean_env())
    timings["run_serve_code"] = round(time.monotonic() - started, 1)
    print(f"wheel test (pip {env_note}, offline={offline}): {timings}")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    run = out["run"]
    assert run["rc"] == 0, run["stderr"]
    assert {"events.csv", "events.jsonl", "report.html", "summary.json"} <= set(run["files"]), run
    assert "warning" not in run["stderr"] and "Traceback" not in run["stderr"], run["stderr"]
    assert (work / "out" / "events.csv").read_text(encoding="utf-8").count("\n") > 5
    serve = out["serve"]
    assert serve.get("/", [0])[0] == 200 and serve["/"][1] > 1000, out
    assert serve.get("/api/events", [0])[0] == 200 and serve["/api/events"][1], out
    code = out["code"]
    assert code["rc"] == 0, code["stderr"]
    coded = json.loads(code["stdout"])
    assert coded["module"].startswith(str(venv)), coded["module"]  # the installed wheel, not this tree
    events = coded["events"]
    assert any(e["admin1"] == "Kandahar" and e["country"] == "Afghanistan" and e["date_start"] == "2024-05-09"
               and e["fatalities"] == 4 for e in events), events
