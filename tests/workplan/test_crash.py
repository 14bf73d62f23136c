"""A writer killed with SIGKILL at any moment leaves the previous outputs intact and readable."""
import random
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd

from workplan.writer import write_edition

TABLES = ["documents", "priorities", "activities", "deadlines", "organizations", "participants", "org_lists", "set_aside", "sections", "warnings"]

WRITER_LOOP = textwrap.dedent("""
    import itertools, sys
    from pathlib import Path
    import pyarrow as pa, pyarrow.dataset as ds
    from workplan.normalize.tables import SCHEMAS
    from workplan.writer import write_edition

    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    full = {}
    for name in SCHEMAS:
        if (source / name).exists():
            table = ds.dataset(str(source / name / "edition=2021-2022"), format="parquet").to_table()
            full[name] = table.add_column(0, "edition", pa.array(["2021-2022"] * table.num_rows, pa.string()))
    trimmed = {name: table.slice(0, 1) for name, table in full.items()}
    print("ready", flush=True)
    for turn in itertools.count():
        write_edition(out, "2021-2022", trimmed if turn % 2 else full)
""")


def readable_counts(out):
    counts = {}
    for name in TABLES:
        frame = pd.read_parquet(out / name)
        csv = pd.read_csv(out / "csv" / "edition=2021-2022" / f"{name}.csv")
        assert set(frame["edition"].astype(str)) <= {"2021-2022"}
        counts[name] = (len(frame), len(csv))
    return counts


def test_sigkill_during_writes_never_leaves_a_broken_or_missing_table(tmp_path, sample_result):
    source, out = tmp_path / "source", tmp_path / "out"
    write_edition(source, "2021-2022", sample_result.tables)
    write_edition(out, "2021-2022", sample_result.tables)
    full = {name: sample_result.tables[name].num_rows for name in TABLES}
    rng = random.Random(7)
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", WRITER_LOOP, str(source), str(out)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for name, (parquet_rows, csv_rows) in readable_counts(out).items():
            # each file is either a complete earlier version or a complete later one
            assert parquet_rows in (full[name], min(full[name], 1)), name
            assert csv_rows in (full[name], min(full[name], 1)), name
