"""Read Clientele tables from a notebook through the project's own `sql` command.

One call of `bin/clientele sql --out-dir DIR --format json --keep-going Q1 Q2 ...` runs every query in one JVM
(a JVM start with the embedded metastore costs 20-40 s, so a notebook asks once). A query that fails, for
example because its table was not computed yet, gives None instead of a DataFrame, with the reason in
`errors`.

Environment: CLIENTELE_WAREHOUSE (default: ./warehouse of the project, where `bin/clientele demo` writes),
CLIENTELE_BIN (default: bin/clientele of the project), CLIENTELE_NO_BUILD, CLIENTELE_HEAP as for the launcher.
"""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

PROJECT = Path(__file__).resolve().parent.parent
errors = {}


def warehouse():
    return os.environ.get("CLIENTELE_WAREHOUSE", str(PROJECT / "warehouse"))


def query(*sqls):
    """Runs the queries in one JVM; returns one DataFrame per query (None for a query that failed)."""
    launcher = os.environ.get("CLIENTELE_BIN", str(PROJECT / "bin" / "clientele"))
    with tempfile.TemporaryDirectory(prefix="clientele-sql-") as out:
        command = [launcher, "--warehouse", warehouse(), "sql", "--format", "json", "--keep-going",
                   "--out-dir", out, *sqls]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError("bin/clientele sql exited %d:\n%s" % (run.returncode, run.stderr[-3000:]))
        frames = []
        for i, sql in enumerate(sqls, start=1):
            result = Path(out) / ("%d.json" % i)
            error = Path(out) / ("%d.error" % i)
            if error.exists():
                errors[sql] = error.read_text().strip().splitlines()[0]
                frames.append(None)
            elif result.stat().st_size == 0:
                frames.append(pd.DataFrame())
            else:
                rows = [json.loads(line) for line in result.read_text().splitlines() if line.strip()]
                frames.append(pd.DataFrame(rows))
        return frames
