"""The example notebook runs top to bottom on fresh data (so it never rots)."""

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def test_analysis_notebook_executes(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKPLAN_OUT", str(tmp_path / "data"))
    notebook = nbformat.read(ROOT / "examples" / "analysis.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "examples")}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any("organization_joined" in str(o.get("data", {})) for o in outputs)
    assert (tmp_path / "data" / "activities" / "edition=2021-2022").is_dir()  # built where the notebook was told
    assert (tmp_path / "data" / "activities_by_quarter.png").read_bytes()[:4] == b"\x89PNG"
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    imported = {line.split()[1] for line in code.splitlines() if line.startswith(("import ", "from "))}
    assert {name for name in imported if name.startswith("workplan")} == {"workplan"}  # the public API only
